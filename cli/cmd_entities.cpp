// `sova entities`: the most mentioned people, places and organisations of an index.
#include "cli/common.hpp"
#include "cli/guard.hpp"
#include "output/format.hpp"

#include <sova/search.hpp>

#include <memory>

namespace sova::cli {

namespace {

struct EntitiesArgs {
    ArchiveOption index;
    sova::EntityListOptions options;
    bool json = false;
};

void add_options(CLI::App& command, EntitiesArgs& args) {
    args.index.add_to(command);
    command.add_option("--type", args.options.type, "Only this type: person, org, place, other")
        ->check(CLI::IsMember({"person", "org", "place", "other"}));
    command.add_option("--lang", args.options.langs, "Only in articles in these languages");
    command.add_option("--since", args.options.since, "Only in articles dated on or after (ISO date)");
    command.add_option("--until", args.options.until, "Only in articles dated on or before (ISO date)");
    command.add_option("--limit,-n", args.options.limit, "Number of entities")
        ->check(CLI::Range(1, 1000000))
        ->capture_default_str();
    command.add_flag("--json", args.json, "One JSON object per entity");
}

int run(const EntitiesArgs& args) {
    const std::string index = args.index.name();
    guard_crashes(index);
    std::vector<sova::EntityCount> entities;
    std::vector<std::string> missing;
    {
        ReadingDeadline deadline(index, max_reading_seconds);
        sova::Searcher searcher = sova::Searcher::open(args.index.locations(), args.index.open_options());
        entities = searcher.entities(args.options);
        missing = searcher.missing();
    }
    warn_missing(missing);
    emit(args.json ? output::format_partial_json(missing) + output::format_facets_json(entities)
                   : output::format_facets_text(entities));
    return entities.empty() ? exit_nothing : exit_ok;
}

} // namespace

Command add_entities_command(CLI::App& app) {
    auto args = std::make_shared<EntitiesArgs>();
    CLI::App* command = app.add_subcommand("entities", "List the most mentioned people, places and organisations");
    add_options(*command, *args);
    return {command, [args] { return run(*args); }, {}};
}

} // namespace sova::cli
