// `sova analyze`: how the engine analyses a text, as the indexer sees it.
#include "cli/common.hpp"
#include "output/format.hpp"

#include <sova/analysis.hpp>
#include <sova/entity.hpp>

#include <iostream>
#include <iterator>
#include <memory>

namespace sova::cli {

namespace {

struct AnalyzeArgs {
    std::vector<std::string> words; // the text; "-" alone reads standard input
    std::string lang;
    bool json = false;
};

void add_options(CLI::App& command, AnalyzeArgs& args) {
    command.add_option("text", args.words, "The text ('-' reads standard input)")->required();
    command.add_option("--lang", args.lang, "Language to stem in (ISO 639-1; detected when not given)");
    command.add_flag("--json", args.json, "One JSON object with the tokens (fields: docs/CLI.md)");
}

int run(const AnalyzeArgs& args) {
    std::string text;
    if (args.words.size() == 1 && args.words.front() == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
        for (const auto& word : args.words) text += (text.empty() ? "" : " ") + word;
    }
    warn_without_gazetteer();
    sova::Analysis analysis = sova::analyze(text, args.lang);
    std::vector<sova::Entity> entities = sova::find_entities({}, text, analysis.lang);
    emit(args.json ? output::format_analysis_json(analysis, entities)
                   : output::format_analysis_text(analysis, entities));
    return exit_ok;
}

} // namespace

Command add_analyze_command(CLI::App& app) {
    auto args = std::make_shared<AnalyzeArgs>();
    CLI::App* command =
        app.add_subcommand("analyze", "Show how Sova analyses a text: words, folded forms, stems, keys");
    add_options(*command, *args);
    return {command, [args] { return run(*args); }, {}};
}

} // namespace sova::cli
