// `sova search`: ranked hits for a query, or a batch of queries from a file.
#include "cli/common.hpp"
#include "cli/guard.hpp"
#include "cli/output.hpp"

#include "tokenizers/utf8.hpp"

#include <sova/error.hpp>
#include <sova/search.hpp>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace sova::cli {

namespace {

struct SearchArgs {
    IndexOption index;
    std::vector<std::string> words;
    sova::SearchOptions options;
    bool no_cross_script = false;
    bool no_entities = false;
    bool json = false;
    bool explain = false;
    std::string color = "auto";
    std::string facet;
    std::string batch;            // file of queries ("-": stdin)
    std::string format = "json";  // batch output: json or trec
    std::string run_tag = "sova"; // TREC run tag
};

void add_query_options(CLI::App& command, SearchArgs& args) {
    command.add_option("query", args.words, "The query, e.g. energy Kyiv \"rolling blackouts\" -sport lang:uk");
    command.add_option("--batch", args.batch,
                       "Run the queries of FILE, one per line (\"query\" or \"qid<TAB>query\"; '-': stdin), "
                       "with the index opened once");
    command.add_option("--format", args.format, "With --batch: json (a line per query) or trec (a run file)")
        ->check(CLI::IsMember({"json", "trec"}))
        ->capture_default_str();
    command.add_option("--run-tag", args.run_tag, "With --format trec: the run's tag")->capture_default_str();
    command.add_option("--limit,-n", args.options.limit, "Number of hits")
        ->check(CLI::Range(0, 10000))
        ->capture_default_str();
    command.add_option("--offset", args.options.offset, "Hits to skip (for paging)")->check(CLI::Range(0, 1000000));
    command.add_option("--lang", args.options.langs, "Only articles in these languages (e.g. --lang uk --lang ru)");
    command.add_option("--since", args.options.since, "Only articles dated on or after (ISO date, e.g. 2023-08-01)");
    command.add_option("--until", args.options.until, "Only articles dated on or before (ISO date)");
    command.add_flag("--all", args.options.require_all,
                     "Every word must match (default: ranked, all-word matches first)");
    command.add_flag("--lenient", args.options.lenient, "Read stray query syntax as words instead of failing");
}

void add_ranking_and_output_options(CLI::App& command, SearchArgs& args) {
    command.add_flag("--no-cross-script", args.no_cross_script,
                     "Match only the spellings typed, not the same name in other scripts (Kyiv / Київ / Киев)");
    command.add_flag("--no-entities", args.no_entities,
                     "Do not link the people, places and organisations the query names (no entity boost)");
    command
        .add_option("--entity-weight", args.options.entity_weight,
                    "Factor on the weight of linked entities (0: link without boosting)")
        ->check(CLI::Range(0.0, 100.0))
        ->capture_default_str();
    command.add_option("--facet", args.facet, "Also count the entities of the best 1,000 matches: entity")
        ->check(CLI::IsMember({"entity"}));
    command.add_flag("--json", args.json, "One JSON object per hit (fields: docs/CLI.md)");
    command.add_flag(
        "--explain", args.explain,
        "Print the linked entities and the compiled Xapian query on stderr, and what entities added to each hit");
    command
        .add_option(
            "--time-limit", args.options.time_limit_seconds,
            "After this many seconds, stop counting the matches exactly: same hits, estimated total (0: no limit)")
        ->check(CLI::Range(0.0, 86400.0))
        ->capture_default_str();
    command.add_option("--color", args.color, "Highlight matches with ANSI bold: auto, always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
}

// Queries may contain words starting with '-' (exclusions). Everything after `search` that is
// not one of its options becomes a query word, in order, so `sova search grain -sport` works
// (`--unknown` stays an option, to be reported as one).
std::vector<std::string> arrange_search_args(CLI::App& search, const std::vector<std::string>& args) {
    std::vector<std::string> options, words;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--") {
            words.insert(words.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
            break;
        }
        if (arg.size() < 2 || arg[0] != '-') {
            words.push_back(arg);
            continue;
        }
        std::string name = arg.substr(0, arg.find('='));
        bool attached = name.size() < arg.size();
        CLI::Option* option = nullptr;
        for (CLI::Option* candidate : search.get_options())
            if (candidate->check_name(name)) option = candidate;
        if (!option && arg[1] != '-' && arg.size() > 2) { // -n5
            for (CLI::Option* candidate : search.get_options())
                if (candidate->check_name(arg.substr(0, 2))) option = candidate;
            attached = option != nullptr;
        }
        if (!option && arg.starts_with("--")) { // a mistyped option, not a word: let CLI11 say so
            options.push_back(arg);
            continue;
        }
        if (!option) {
            words.push_back(arg);
            continue;
        }
        options.push_back(arg);
        if (!attached && option->get_items_expected_min() > 0 && i + 1 < args.size()) options.push_back(args[++i]);
    }
    options.emplace_back("--");
    options.insert(options.end(), words.begin(), words.end());
    return options;
}

bool use_color(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* term = std::getenv("TERM");
    return isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR") && !(term && std::strcmp(term, "dumb") == 0);
}

// What a search is asked to do, checked: one query, or a batch of them.
struct SearchRun {
    std::string index;
    std::string query; // the words, joined
    sova::SearchOptions options;
};

SearchRun validate(const SearchArgs& args) {
    SearchRun run;
    run.index = args.index.path();
    run.options = args.options;
    run.options.cross_script = !args.no_cross_script;
    run.options.entities = !args.no_entities;
    if (!std::isfinite(run.options.entity_weight)) throw sova::Error("--entity-weight must be a number");
    run.options.facet_entities = !args.facet.empty();
    if (!args.batch.empty()) {
        if (!args.words.empty()) throw sova::Error("give queries either on the command line or with --batch, not both");
    } else if (args.words.empty()) {
        throw sova::Error("no query given (or --batch FILE)");
    }
    for (const auto& word : args.words) run.query += (run.query.empty() ? "" : " ") + word;
    return run;
}

int run_query(const SearchArgs& args, const SearchRun& run) {
    sova::SearchResults results;
    {
        ReadingDeadline deadline(run.index, reading_deadline(run.options.time_limit_seconds));
        results = sova::Searcher::open(run.index).search(run.query, run.options);
    }
    if (run.options.limit == 0) { // only the count
        if (!args.json)
            emit((results.total_exact ? "" : "About ") +
                 plural(results.total, "article matches.\n", "articles match.\n"));
        return results.total > 0 ? exit_ok : exit_nothing;
    }
    const bool color = !args.json && use_color(args.color);
    if (args.explain) std::cerr << format_explanation(results);
    std::string out;
    for (std::size_t i = 0; i < results.hits.size(); ++i) {
        const auto& hit = results.hits[i];
        if (args.json)
            out += format_hit_json(hit);
        else
            out += (i ? "\n" : "") + format_hit_text(hit, color, args.explain);
    }
    if (!args.json) out += (results.hits.empty() ? "" : "\n") + format_search_summary(results, run.options);
    if (!args.facet.empty())
        out += args.json ? format_facets_json(results.facets, true) : "\n" + format_facets_text(results.facets);
    emit(out);
    return results.hits.empty() ? exit_nothing : exit_ok;
}

// One query per line ("query" or "qid<TAB>query"), one index opened once. Output: JSON Lines
// (one object per query with its hits and latency) or a TREC run; latencies on stderr.
int run_batch(const SearchArgs& args, SearchRun run) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (args.batch != "-") {
        file.open(args.batch, std::ios::binary);
        if (!file)
            throw sova::InputError(args.batch, 0, std::string("cannot read the queries: ") + std::strerror(errno));
        in = &file;
    }
    sova::Searcher searcher = [&] {
        ReadingDeadline deadline(run.index, max_reading_seconds);
        return sova::Searcher::open(run.index);
    }();
    run.options.snippets = false;      // neither output shows them,
    run.options.count_matched = false; // nor the clauses each hit matches
    std::string line;
    std::uint64_t number = 0;
    std::vector<double> latencies;
    std::size_t failed = 0;
    auto started = std::chrono::steady_clock::now();
    while (std::getline(*in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos || line.front() == '#') continue;
        std::string qid = std::to_string(number);
        std::string query = line;
        if (std::size_t tab = line.find('\t'); tab != std::string::npos) {
            qid = line.substr(0, tab);
            query = line.substr(tab + 1);
        }
        auto begin = std::chrono::steady_clock::now();
        sova::SearchResults results;
        try {
            ReadingDeadline deadline(run.index, reading_deadline(run.options.time_limit_seconds));
            results = searcher.search(query, run.options);
        } catch (const sova::QueryError& e) {
            ++failed;
            diagnose("error: ", args.batch + ":" + std::to_string(number) + ": " + e.what());
            continue;
        }
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
        latencies.push_back(ms);
        emit(args.format == "trec" ? format_trec(qid, results, args.run_tag)
                                   : format_batch_json(qid, query, results, ms));
    }
    if (in->bad()) throw sova::InputError(args.batch, number, "read error");
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cerr << format_latencies(latencies, seconds, failed);
    if (latencies.empty() && failed == 0) return exit_nothing;
    return failed > 0 ? exit_nothing : exit_ok;
}

int run(const SearchArgs& args) {
    SearchRun checked = validate(args);
    guard_crashes(checked.index);
    if (!args.batch.empty()) return run_batch(args, checked);
    try {
        return run_query(args, checked);
    } catch (const sova::QueryError& e) {
        diagnose("error: ", e.what());
        const std::string& query = checked.query;
        // The query is shown with a caret under the column only when escaping leaves it as it is.
        if (query.size() < 200 && e.column() > 0 && sova::detail::escape_controls(query) == query)
            std::cerr << "  " << query << "\n  " << std::string(e.column() - 1, ' ') << "^\n";
        return exit_error;
    }
}

} // namespace

Command add_search_command(CLI::App& app) {
    auto args = std::make_shared<SearchArgs>();
    CLI::App* command = app.add_subcommand("search", "Search an index (query syntax: docs/QUERY.md)");
    args->index.add_to(*command, "Index folder");
    add_query_options(*command, *args);
    add_ranking_and_output_options(*command, *args);
    return {command, [args] { return run(*args); },
            [command](const std::vector<std::string>& rest) { return arrange_search_args(*command, rest); }};
}

} // namespace sova::cli
