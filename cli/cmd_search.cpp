// `sova search`: ranked hits for a query, or a batch of queries from a file.
#include "cli/common.hpp"
#include "cli/guard.hpp"
#include "output/correction.hpp"
#include "output/format.hpp"

#include "tokenizers/utf8.hpp"

#include <sova/error.hpp>
#include <sova/search.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string_view>
#include <unistd.h>

namespace sova::cli {

namespace {

// The ISO 639-1 language codes, sorted: what `--lang` takes.
constexpr std::string_view iso_639_1_codes =
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el "
    "en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja "
    "jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd "
    "ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss "
    "st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

bool is_language_code(std::string_view word) {
    if (word.size() != 2) return false;
    for (std::size_t at = 0; at < iso_639_1_codes.size(); at += 3)
        if (iso_639_1_codes.substr(at, 2) == word) return true;
    return false;
}

struct SearchArgs {
    ArchiveOption index;
    std::vector<std::string> words;
    sova::SearchOptions options;
    bool no_cross_script = false;
    bool no_entities = false;
    bool no_correct = false;
    bool json = false;
    bool explain = false;
    std::string color = "auto";
    std::vector<std::string> facets;
    std::string sort;
    std::optional<std::string> like; // --like ID
    std::string batch;               // file of queries ("-": stdin)
    std::string format;              // batch output: json (the default) or trec
    std::string run_tag;             // TREC run tag ("" until given: "sova")
    // `--lang uk ru`: the value of a --lang and the language code that followed it as a query word.
    std::string lang_value, lang_code_word;
};

void add_query_options(CLI::App& command, SearchArgs& args) {
    command.add_option("query", args.words, "The query, e.g. energy Kyiv \"rolling blackouts\" -sport lang:uk");
    command.add_option("--batch", args.batch,
                       "Run the queries of FILE, one per line (\"query\" or \"qid<TAB>query\"; '-': stdin), "
                       "with the index opened once");
    command
        .add_option("--format", args.format,
                    "response: the search as one JSON object, as the HTTP API answers it; with --batch: json (a "
                    "line per query) or trec (a run file)")
        ->check(CLI::IsMember({"json", "trec", "response"}))
        ->default_str("json");
    command.add_option("--run-tag", args.run_tag, "With --format trec: the run's tag (default: sova)");
    command.add_option("--limit,-n", args.options.limit, "Number of hits")
        ->check(CLI::Range(0, 10000))
        ->capture_default_str();
    command.add_option("--offset", args.options.offset, "Hits to skip (for paging)")->check(CLI::Range(0, 1000000));
    command
        .add_option("--lang", args.options.langs,
                    "Only articles in these languages, one or a comma-separated list per --lang (--lang uk,ru or "
                    "--lang uk --lang ru)")
        ->expected(1)
        ->allow_extra_args(false) // one value per flag: a `--` after it ends the options, as everywhere
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    command.add_option("--since", args.options.since, "Only articles dated on or after (ISO date, e.g. 2023-08-01)");
    command.add_option("--until", args.options.until, "Only articles dated on or before (ISO date)");
    command.add_option("--like", args.like,
                       "Articles like the one with this id, in any language (the query's like:ID); the query's "
                       "words and filters, if any, narrow and rank them");
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
    command.add_flag("--no-correct", args.no_correct,
                     "Search exactly what was typed: no spelling or keyboard-layout correction");
    command
        .add_option("--facet", args.facets,
                    "Also count among the matches: lang, source, year, month (every match, up to 100,000; years and "
                    "months as a timeline), entity (the best 1,000); repeatable, or comma-separated")
        ->delimiter(','); // the names are checked by sova::parse_facet, the library's
    command.add_option("--sort", args.sort, "Order of the hits: relevance (the default), newest, oldest");
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
// (`--unknown` stays an option, to be reported as one). A language code right after the value
// of a --lang (`--lang uk ru Київ`) is noted in `parsed`, for validate() to report: the
// user meant either a second language or a query word.
std::vector<std::string> arrange_search_args(CLI::App& search, const std::vector<std::string>& args,
                                             SearchArgs& parsed) {
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
        if (option->check_name("--lang") && i + 1 < args.size() && is_language_code(args[i + 1]) &&
            parsed.lang_code_word.empty()) {
            parsed.lang_value = attached ? arg.substr(arg.find('=') + 1) : options.back();
            parsed.lang_code_word = args[i + 1];
        }
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
    std::string index; // the archive in messages
    std::vector<std::string> locations;
    sova::OpenOptions open;
    std::string query; // the words, joined
    sova::SearchOptions options;
    std::string format; // with --batch: json or trec
};

// --like ID as the query's like: clause, quoted.
std::string like_clause(const std::string& id) {
    if (id.empty()) throw sova::Error("--like needs an article id");
    if (id.find('"') != std::string::npos)
        throw sova::Error("--like " + id + ": an id holding '\"' cannot be searched for");
    return "like:\"" + id + "\"";
}

SearchRun validate(const SearchArgs& args) {
    SearchRun run;
    run.locations = args.index.locations();
    run.index = args.index.name();
    run.open = args.index.open_options();
    if (!args.lang_code_word.empty()) {
        const std::string& value = args.lang_value;
        const std::string& word = args.lang_code_word;
        throw sova::Error("--lang " + value + " " + word + ": is " + word + " a language or a query word? For both " +
                          "languages write --lang " + value + "," + word + "; to search for the word, put it after " +
                          "--: --lang " + value + " -- " + word + " …");
    }
    if (args.format == "response" && !args.batch.empty())
        throw sova::Error("--format response writes one search; a --batch run is written as json or trec");
    if (!args.format.empty() && args.format != "response" && args.batch.empty())
        throw sova::Error("--format " + args.format +
                          " applies to --batch runs only (one query's hits as JSON Lines: --json; as one object: "
                          "--format response)");
    if (args.format == "response" && args.json) throw sova::Error("give either --json or --format response");
    run.format = args.format.empty() ? "json" : args.format;
    if (!args.run_tag.empty() && run.format != "trec")
        throw sova::Error("--run-tag tags TREC runs only (--batch FILE --format trec)");
    run.options = args.options;
    run.options.cross_script = !args.no_cross_script;
    run.options.entities = !args.no_entities;
    run.options.correct = !args.no_correct;
    if (!std::isfinite(run.options.entity_weight)) throw sova::Error("--entity-weight must be a number");
    for (const std::string& facet : args.facets) run.options.facets.push_back(sova::parse_facet(facet));
    if (!args.sort.empty()) run.options.sort = sova::parse_sort(args.sort);
    if (!args.batch.empty()) {
        if (!args.words.empty()) throw sova::Error("give queries either on the command line or with --batch, not both");
        if (args.like) throw sova::Error("--like searches one query; in a --batch file, write like:ID in the queries");
    } else if (args.words.empty() && !args.like) {
        throw sova::Error("no query given (or --batch FILE)");
    }
    if (args.like) run.query = like_clause(*args.like);
    for (const auto& word : args.words) run.query += (run.query.empty() ? "" : " ") + word;
    return run;
}

int run_query(const SearchArgs& args, const SearchRun& run) {
    sova::SearchResults results;
    {
        ReadingDeadline deadline(run.index, reading_deadline(run.options.time_limit_seconds));
        results = sova::Searcher::open(run.locations, run.open).search(run.query, run.options);
    }
    warn_missing(results.missing);
    if (run.format == "response") {
        emit(output::format_search_response(run.query, results, run.options));
        return results.hits.empty() ? exit_nothing : exit_ok;
    }
    if (run.options.limit == 0) { // only the count (and the facets)
        if (args.json)
            emit(output::format_correction_json(results) + output::format_search_facets_json(results, run.options));
        else
            emit(output::format_correction_text(results, run.query) + (results.total_exact ? "" : "About ") +
                 output::plural(results.total, "article matches.\n", "articles match.\n") +
                 output::format_search_facets_text(results, run.options));
        return results.total > 0 ? exit_ok : exit_nothing;
    }
    const bool color = !args.json && use_color(args.color);
    if (args.explain) std::cerr << output::format_explanation(results);
    std::string out = args.json ? output::format_correction_json(results) + output::format_partial_json(results.missing)
                                : output::format_correction_text(results, run.query);
    for (std::size_t i = 0; i < results.hits.size(); ++i) {
        const auto& hit = results.hits[i];
        if (args.json)
            out += output::format_hit_json(hit);
        else
            out += (i ? "\n" : "") + output::format_hit_text(hit, color, args.explain);
    }
    if (!args.json) out += (results.hits.empty() ? "" : "\n") + output::format_search_summary(results, run.options);
    out += args.json ? output::format_search_facets_json(results, run.options)
                     : output::format_search_facets_text(results, run.options);
    emit(out);
    return results.hits.empty() ? exit_nothing : exit_ok;
}

// Column names of a header line ("qid<TAB>query"), compared without case.
bool is_column_name(std::string_view field, std::initializer_list<std::string_view> names) {
    std::string lower;
    for (char c : field)
        if (c != ' ') lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    return std::find(names.begin(), names.end(), lower) != names.end();
}

// A line of a batch file that is not blank or a comment: its qid (the line number when it has
// none) and query, or the problem that keeps it from being a query. A line is "query" or
// "qid<TAB>query"; a third tab-separated field, and a first line naming the columns, are
// problems: running them would search for text that is no query.
struct BatchQuery {
    std::string qid, query, problem;
};

BatchQuery read_batch_line(const std::string& line, std::uint64_t number, bool first) {
    BatchQuery out{std::to_string(number), line, {}};
    const auto fields = static_cast<std::size_t>(std::count(line.begin(), line.end(), '\t')) + 1;
    if (fields > 2) {
        out.problem = std::to_string(fields) + " tab-separated fields; a query line is \"query\" or \"qid<TAB>query\"";
        return out;
    }
    if (fields == 2) {
        std::size_t tab = line.find('\t');
        out.qid = line.substr(0, tab);
        out.query = line.substr(tab + 1);
        if (first && is_column_name(out.qid, {"qid", "id", "query_id", "topic", "topic_id", "num"}) &&
            is_column_name(out.query, {"query", "text", "title", "question"}))
            out.problem = "a header line, not a query; remove it or make it a comment with '#'";
    }
    return out;
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
        return sova::Searcher::open(run.locations, run.open);
    }();
    run.options.snippets = false;      // neither output shows them,
    run.options.count_matched = false; // nor the clauses each hit matches,
    run.options.entity_scores = false; // nor what entities added to its score
    std::string line;
    std::uint64_t number = 0;
    std::vector<double> latencies;
    std::size_t failed = 0;
    bool first = true;
    std::vector<std::string> missing_before;
    auto started = std::chrono::steady_clock::now();
    while (std::getline(*in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos || line.front() == '#') continue;
        auto [qid, query, problem] = read_batch_line(line, number, first);
        first = false;
        if (!problem.empty()) {
            ++failed;
            diagnose("error: ", args.batch + ":" + std::to_string(number) + ": " + problem);
            continue;
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
        if (results.missing != missing_before) { // say so once, when a shard is lost
            warn_missing(results.missing);
            missing_before = results.missing;
        }
        emit(run.format == "trec" ? output::format_trec(qid, results, args.run_tag.empty() ? "sova" : args.run_tag)
                                  : output::format_batch_json(qid, query, results, run.options, ms));
    }
    if (in->bad()) throw sova::InputError(args.batch, number, "read error");
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cerr << output::format_latencies(latencies, seconds, failed);
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
    args->index.add_to(*command);
    add_query_options(*command, *args);
    add_ranking_and_output_options(*command, *args);
    return {
        command, [args] { return run(*args); },
        [command, args](const std::vector<std::string>& rest) { return arrange_search_args(*command, rest, *args); }};
}

} // namespace sova::cli
