// sova: index articles and search them from the command line.
// Exit codes: 0 success (search: hits found), 1 search found nothing / indexing skipped
// some input, 2 error (bad usage, bad query, unusable index), 128 + the signal's number when
// SIGINT or SIGTERM stopped indexing (what was read is committed).
#include "cli/guard.hpp"
#include "cli/output.hpp"
#include "tokenizers/utf8.hpp"

#include <sova/sova.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string_view>
#include <unistd.h>

namespace {

constexpr int exit_ok = 0;
constexpr int exit_nothing = 1;
constexpr int exit_error = 2;
constexpr std::uint64_t max_problems_shown = 200;
// A healthy index answers a search or an entity listing in well under a second; one that Xapian
// reads in circles never does (docs/ARCHITECTURE.md, "Damaged indexes").
constexpr unsigned max_reading_seconds = 600;

// How long reading the index may take: max_reading_seconds, or twice a longer --time-limit.
unsigned reading_deadline(double time_limit_seconds) {
    return std::max(max_reading_seconds, static_cast<unsigned>(std::ceil(2 * time_limit_seconds)));
}

// Writes to stdout; a closed pipe (`sova search … | head`) ends the program quietly, any other
// failure (a full disk) is an error: a script must not take an empty file for a result.
void emit(const std::string& text) {
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
        if (errno == EPIPE) std::_Exit(exit_ok);
        throw sova::Error(std::string("cannot write the output: ") + std::strerror(errno));
    }
}

// A message on stderr, `sova: error: …`. Messages carry names from outside (file names, ids,
// queries): they are escaped (docs/CLI.md), so that each message stays one line and none can
// drive the terminal.
void diagnose(const char* kind, std::string_view message) {
    std::cerr << "sova: " << kind << sova::detail::escape_controls(message) << '\n';
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

// `sova index` stops on the first SIGINT or SIGTERM as at the end of its input (the articles
// read so far are committed) and exits with 128 + the signal's number; the handler resets both
// signals to their default, so that a second one kills at once.
std::atomic<bool> stop_requested{false};
volatile std::sig_atomic_t stop_signal = 0;
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

void request_stop(int signal) {
    stop_signal = signal;
    stop_requested.store(true);
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    sigemptyset(&default_action.sa_mask);
    sigaction(SIGINT, &default_action, nullptr);
    sigaction(SIGTERM, &default_action, nullptr);
}

void stop_on_signals() {
    struct sigaction action {};
    action.sa_handler = request_stop;
    sigemptyset(&action.sa_mask);
    sigaddset(&action.sa_mask, SIGINT);
    sigaddset(&action.sa_mask, SIGTERM);
    for (int signal : {SIGINT, SIGTERM}) {
        struct sigaction current {};
        sigaction(signal, nullptr, &current);
        if (current.sa_handler == SIG_IGN) continue; // ignored by whoever started us (nohup, `&`)
        sigaction(signal, &action, nullptr);
    }
}

bool use_color(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* term = std::getenv("TERM");
    return isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR") && !(term && std::strcmp(term, "dumb") == 0);
}

struct IndexCommand {
    std::string index;
    std::vector<std::string> paths;
    bool strict = false;
    bool quiet = false;
    bool no_keys = false;
    bool no_entities = false;
    std::string entities_file;
    std::size_t commit_every = 0;
    std::size_t max_article_mb = 16;
    unsigned threads = 0;
    std::size_t memory_mb = 1024;
};

struct SearchCommand {
    std::string index;
    std::vector<std::string> words;
    sova::SearchOptions options;
    bool json = false;
    bool explain = false;
    std::string color = "auto";
    std::string facet;
    std::string batch;            // file of queries ("-": stdin)
    std::string format = "json";  // batch output: json or trec
    std::string run_tag = "sova"; // TREC run tag
};

struct CompactCommand {
    std::string index;
    std::string out;
};

struct EntitiesCommand {
    std::string index;
    sova::EntityListOptions options;
    bool json = false;
};

struct AnalyzeCommand {
    std::vector<std::string> words;
    std::string lang;
    bool json = false;
};

int run_analyze(const AnalyzeCommand& cmd) {
    std::string text;
    if (cmd.words.size() == 1 && cmd.words.front() == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
        for (const auto& word : cmd.words) text += (text.empty() ? "" : " ") + word;
    }
    sova::Analysis analysis = sova::analyze(text, cmd.lang);
    std::vector<sova::Entity> entities = sova::find_entities({}, text, analysis.lang);
    emit(cmd.json ? sova::cli::format_analysis_json(analysis, entities)
                  : sova::cli::format_analysis_text(analysis, entities));
    return exit_ok;
}

int run_index(const IndexCommand& cmd) {
    stop_on_signals();
    sova::WriterOptions writer_options;
    writer_options.cross_script_keys = !cmd.no_keys;
    writer_options.batch_articles = cmd.commit_every;
    if (cmd.no_entities && !cmd.entities_file.empty())
        throw sova::Error("--entities and --no-entities contradict each other");
    writer_options.entities = !cmd.no_entities;
    writer_options.entities_file = cmd.entities_file;
    sova::IndexWriter writer = sova::IndexWriter::create_or_open(cmd.index, writer_options);
    sova::IndexingOptions options;
    options.strict = cmd.strict;
    options.max_article_bytes = cmd.max_article_mb << 20;
    options.threads = cmd.threads;
    options.memory_budget = cmd.memory_mb << 20;
    options.stop_requested = &stop_requested;
    const bool progress = !cmd.quiet && isatty(STDERR_FILENO);
    bool progress_shown = false;
    std::uint64_t problems = 0;
    options.on_problem = [&](const sova::Problem& problem) {
        if (problem.severity == sova::Problem::Severity::warning && cmd.quiet) return;
        if (++problems > max_problems_shown) {
            if (problems == max_problems_shown + 1) std::cerr << "sova: (further problems are counted, not shown)\n";
            return;
        }
        if (progress_shown) std::cerr << "\r\x1b[K";
        diagnose(problem.severity == sova::Problem::Severity::error ? "error: " : "warning: ", problem.error.what());
    };
    if (progress) {
        options.on_progress = [&](const sova::IndexingStats& stats) {
            std::cerr << sova::cli::format_progress(stats) << std::flush;
            progress_shown = true;
        };
    }
    sova::IndexingStats stats;
    try {
        stats = sova::index_paths(writer, cmd.paths, options);
    } catch (const sova::InputError& e) {
        if (progress_shown) std::cerr << "\r\x1b[K";
        std::cerr << "sova: stopped at the first error (--strict); what came before it is indexed.\n";
        return exit_error;
    }
    if (progress_shown) std::cerr << "\r\x1b[K" << std::flush;
    if (!cmd.quiet) emit(sova::cli::format_index_summary(stats, cmd.index, writer.document_count()));
    if (const int signal = stop_signal; signal != 0) {
        std::cerr << sova::cli::format_interruption(stats, signal == SIGINT ? "SIGINT" : "SIGTERM");
        return 128 + signal;
    }
    return stats.skipped > 0 ? exit_nothing : exit_ok;
}

int run_search(SearchCommand& cmd) {
    std::string query;
    for (const auto& word : cmd.words) {
        if (!query.empty()) query += ' ';
        query += word;
    }
    sova::SearchResults results;
    {
        sova::cli::ReadingDeadline deadline(cmd.index, reading_deadline(cmd.options.time_limit_seconds));
        results = sova::Searcher::open(cmd.index).search(query, cmd.options);
    }
    if (cmd.options.limit == 0) { // only the count
        if (!cmd.json)
            emit((results.total_exact ? "" : "About ") +
                 sova::cli::plural(results.total, "article matches.\n", "articles match.\n"));
        return results.total > 0 ? exit_ok : exit_nothing;
    }
    const bool color = !cmd.json && use_color(cmd.color);
    if (cmd.explain) std::cerr << sova::cli::format_explanation(results);
    std::string out;
    for (std::size_t i = 0; i < results.hits.size(); ++i) {
        const auto& hit = results.hits[i];
        if (cmd.json)
            out += sova::cli::format_hit_json(hit);
        else
            out += (i ? "\n" : "") + sova::cli::format_hit_text(hit, color, cmd.explain);
    }
    if (!cmd.json) out += (results.hits.empty() ? "" : "\n") + sova::cli::format_search_summary(results, cmd.options);
    if (!cmd.facet.empty())
        out += cmd.json ? sova::cli::format_facets_json(results.facets, true)
                        : "\n" + sova::cli::format_facets_text(results.facets);
    emit(out);
    return results.hits.empty() ? exit_nothing : exit_ok;
}

int run_compact(const CompactCommand& cmd) {
    auto started = std::chrono::steady_clock::now();
    sova::CompactStats stats = sova::compact_index(cmd.index, cmd.out);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    char line[256];
    std::snprintf(line, sizeof line, "Compacted %llu articles: %.1f MB -> %.1f MB in %.1f s.\n",
                  static_cast<unsigned long long>(stats.documents), static_cast<double>(stats.bytes_before) / 1e6,
                  static_cast<double>(stats.bytes_after) / 1e6, seconds);
    emit(std::string(line) + "Index " + sova::detail::escape_controls(cmd.out.empty() ? cmd.index : cmd.out) +
         " is compact.\n");
    return exit_ok;
}

int run_entities(const EntitiesCommand& cmd) {
    std::vector<sova::EntityCount> entities;
    {
        sova::cli::ReadingDeadline deadline(cmd.index, max_reading_seconds);
        entities = sova::Searcher::open(cmd.index).entities(cmd.options);
    }
    emit(cmd.json ? sova::cli::format_facets_json(entities) : sova::cli::format_facets_text(entities));
    return entities.empty() ? exit_nothing : exit_ok;
}

// One query per line ("query" or "qid<TAB>query"), one index opened once. Output: JSON Lines
// (one object per query with its hits and latency) or a TREC run; latencies on stderr.
int run_batch(SearchCommand& cmd) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (cmd.batch != "-") {
        file.open(cmd.batch, std::ios::binary);
        if (!file)
            throw sova::InputError(cmd.batch, 0, std::string("cannot read the queries: ") + std::strerror(errno));
        in = &file;
    }
    sova::Searcher searcher = [&] {
        sova::cli::ReadingDeadline deadline(cmd.index, max_reading_seconds);
        return sova::Searcher::open(cmd.index);
    }();
    cmd.options.snippets = false;      // neither output shows them,
    cmd.options.count_matched = false; // nor the clauses each hit matches
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
            sova::cli::ReadingDeadline deadline(cmd.index, reading_deadline(cmd.options.time_limit_seconds));
            results = searcher.search(query, cmd.options);
        } catch (const sova::QueryError& e) {
            ++failed;
            diagnose("error: ", cmd.batch + ":" + std::to_string(number) + ": " + e.what());
            continue;
        }
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
        latencies.push_back(ms);
        emit(cmd.format == "trec" ? sova::cli::format_trec(qid, results, cmd.run_tag)
                                  : sova::cli::format_batch_json(qid, query, results, ms));
    }
    if (in->bad()) throw sova::InputError(cmd.batch, number, "read error");
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cerr << sova::cli::format_latencies(latencies, seconds, failed);
    if (latencies.empty() && failed == 0) return exit_nothing;
    return failed > 0 ? exit_nothing : exit_ok;
}

} // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    CLI::App app{"Sova: full-text search for multilingual article archives"};
    app.set_version_flag("--version", std::string("sova ") + sova::version());
    app.require_subcommand(1);
    const char* env_index = std::getenv("SOVA_INDEX");
    if (env_index && !*env_index) env_index = nullptr;

    IndexCommand index_cmd;
    CLI::App* index = app.add_subcommand("index", "Add articles from JSON Lines, text and Markdown files to an index");
    index->add_option("--index,-i", index_cmd.index, "Index folder (created if missing; default $SOVA_INDEX)")
        ->required(env_index == nullptr);
    index
        ->add_option("paths", index_cmd.paths,
                     "Files or folders: .jsonl/.ndjson (also .gz), .txt/.md; '-' reads JSON Lines from stdin")
        ->required();
    index->add_flag("--strict", index_cmd.strict, "Stop at the first bad input instead of skipping it");
    index->add_flag("--quiet,-q", index_cmd.quiet, "Print errors only");
    index
        ->add_option("--commit-every", index_cmd.commit_every,
                     "Commit after this many articles too (default: every 1/128 of --memory of input); a crash loses "
                     "at most the articles since the last commit")
        ->check(CLI::Range(0, 100000000));
    index->add_flag("--no-cross-script-keys", index_cmd.no_keys,
                    "Do not write cross-script keys for names (smaller index; Kyiv no longer finds Київ)");
    index
        ->add_option("--entities", index_cmd.entities_file,
                     "A TSV file of names to recognise: name, type (person, org, place, other), aliases "
                     "(docs/ENTITIES.md)")
        ->check(CLI::ExistingFile);
    index->add_flag("--no-entities", index_cmd.no_entities,
                    "Do not recognise people, places and organisations (faster, smaller; no entity ranking)");
    index
        ->add_option("--max-article-size", index_cmd.max_article_mb,
                     "Skip articles (lines, text files) larger than this many MiB")
        ->check(CLI::Range(1, 4096))
        ->capture_default_str();
    index
        ->add_option("--threads,-j", index_cmd.threads,
                     "Threads analysing and writing articles (default: one per core). A new or empty index "
                     "is then built in shards, merged and compacted at the end")
        ->check(CLI::Range(1, 256));
    index
        ->add_option("--memory", index_cmd.memory_mb,
                     "Memory in MiB that indexing aims to stay within: it bounds the articles waiting for the threads, "
                     "the input between two flushes of a new index's shards (below 24 MiB a thread) and between two "
                     "commits of an update (1/128 of it). The threads' analysers and dictionaries come on top: "
                     "a 50 MB update on two threads peaks at 390 MiB, at 265 MiB with --memory 256")
        ->check(CLI::Range(64, 1 << 20))
        ->capture_default_str();

    SearchCommand search_cmd;
    CLI::App* search = app.add_subcommand("search", "Search an index (query syntax: docs/QUERY.md)");
    search->add_option("--index,-i", search_cmd.index, "Index folder (default $SOVA_INDEX)")
        ->required(env_index == nullptr);
    search->add_option("query", search_cmd.words, "The query, e.g. energy Kyiv \"rolling blackouts\" -sport lang:uk");
    search->add_option("--batch", search_cmd.batch,
                       "Run the queries of FILE, one per line (\"query\" or \"qid<TAB>query\"; '-': stdin), "
                       "with the index opened once");
    search->add_option("--format", search_cmd.format, "With --batch: json (a line per query) or trec (a run file)")
        ->check(CLI::IsMember({"json", "trec"}))
        ->capture_default_str();
    search->add_option("--run-tag", search_cmd.run_tag, "With --format trec: the run's tag")->capture_default_str();
    search->add_option("--limit,-n", search_cmd.options.limit, "Number of hits")
        ->check(CLI::Range(0, 10000))
        ->capture_default_str();
    search->add_option("--offset", search_cmd.options.offset, "Hits to skip (for paging)")
        ->check(CLI::Range(0, 1000000));
    search->add_option("--lang", search_cmd.options.langs,
                       "Only articles in these languages (e.g. --lang uk --lang ru)");
    search->add_option("--since", search_cmd.options.since,
                       "Only articles dated on or after (ISO date, e.g. 2023-08-01)");
    search->add_option("--until", search_cmd.options.until, "Only articles dated on or before (ISO date)");
    search->add_flag("--all", search_cmd.options.require_all,
                     "Every word must match (default: ranked, all-word matches first)");
    search->add_flag("--lenient", search_cmd.options.lenient, "Read stray query syntax as words instead of failing");
    bool no_cross_script = false;
    search->add_flag("--no-cross-script", no_cross_script,
                     "Match only the spellings typed, not the same name in other scripts (Kyiv / Київ / Киев)");
    bool no_entities = false;
    search->add_flag("--no-entities", no_entities,
                     "Do not link the people, places and organisations the query names (no entity boost)");
    search
        ->add_option("--entity-weight", search_cmd.options.entity_weight,
                     "Factor on the weight of linked entities (0: link without boosting)")
        ->check(CLI::Range(0.0, 100.0))
        ->capture_default_str();
    search->add_option("--facet", search_cmd.facet, "Also count the entities of the best 1,000 matches: entity")
        ->check(CLI::IsMember({"entity"}));
    search->add_flag("--json", search_cmd.json, "One JSON object per hit (fields: docs/CLI.md)");
    search->add_flag(
        "--explain", search_cmd.explain,
        "Print the linked entities and the compiled Xapian query on stderr, and what entities added to each hit");
    search
        ->add_option(
            "--time-limit", search_cmd.options.time_limit_seconds,
            "After this many seconds, stop counting the matches exactly: same hits, estimated total (0: no limit)")
        ->check(CLI::Range(0.0, 86400.0))
        ->capture_default_str();
    search->add_option("--color", search_cmd.color, "Highlight matches with ANSI bold: auto, always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();

    CompactCommand compact_cmd;
    CLI::App* compact = app.add_subcommand("compact", "Rewrite an index compactly (smaller, faster to search)");
    compact->add_option("--index,-i", compact_cmd.index, "Index folder (default $SOVA_INDEX)")
        ->required(env_index == nullptr);
    compact->add_option("--out,-o", compact_cmd.out,
                        "Write the compacted index to this new folder (default: in place)");

    EntitiesCommand entities_cmd;
    CLI::App* entities = app.add_subcommand("entities", "List the most mentioned people, places and organisations");
    entities->add_option("--index,-i", entities_cmd.index, "Index folder (default $SOVA_INDEX)")
        ->required(env_index == nullptr);
    entities->add_option("--type", entities_cmd.options.type, "Only this type: person, org, place, other")
        ->check(CLI::IsMember({"person", "org", "place", "other"}));
    entities->add_option("--lang", entities_cmd.options.langs, "Only in articles in these languages");
    entities->add_option("--since", entities_cmd.options.since, "Only in articles dated on or after (ISO date)");
    entities->add_option("--until", entities_cmd.options.until, "Only in articles dated on or before (ISO date)");
    entities->add_option("--limit,-n", entities_cmd.options.limit, "Number of entities")
        ->check(CLI::Range(1, 1000000))
        ->capture_default_str();
    entities->add_flag("--json", entities_cmd.json, "One JSON object per entity");

    AnalyzeCommand analyze_cmd;
    CLI::App* analyze =
        app.add_subcommand("analyze", "Show how Sova analyses a text: words, folded forms, stems, keys");
    analyze->add_option("text", analyze_cmd.words, "The text ('-' reads standard input)")->required();
    analyze->add_option("--lang", analyze_cmd.lang, "Language to stem in (ISO 639-1; detected when not given)");
    analyze->add_flag("--json", analyze_cmd.json, "One JSON object with the tokens (fields: docs/CLI.md)");

    try {
        std::vector<std::string> args(argv + 1, argv + argc);
        if (!args.empty() && args.front() == "search") {
            std::vector<std::string> arranged = arrange_search_args(*search, {args.begin() + 1, args.end()});
            args.erase(args.begin() + 1, args.end());
            args.insert(args.end(), arranged.begin(), arranged.end());
        }
        std::reverse(args.begin(), args.end()); // CLI11 takes arguments in reverse order
        app.parse(args);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e); // --help, --version
        diagnose("error: ", e.what());
        std::cerr << "(see `sova --help` and `sova COMMAND --help`)\n";
        return exit_error;
    }

    try {
        if (analyze->parsed()) return run_analyze(analyze_cmd);
        if (compact->parsed()) {
            if (compact_cmd.index.empty() && env_index) compact_cmd.index = env_index;
            sova::cli::guard_crashes(compact_cmd.index);
            return run_compact(compact_cmd);
        }
        if (entities->parsed()) {
            if (entities_cmd.index.empty() && env_index) entities_cmd.index = env_index;
            sova::cli::guard_crashes(entities_cmd.index);
            return run_entities(entities_cmd);
        }
        if (index->parsed()) {
            if (index_cmd.index.empty() && env_index) index_cmd.index = env_index;
            sova::cli::guard_crashes(index_cmd.index);
            return run_index(index_cmd);
        }
        if (search->parsed()) {
            if (search_cmd.index.empty() && env_index) search_cmd.index = env_index;
            sova::cli::guard_crashes(search_cmd.index);
            search_cmd.options.cross_script = !no_cross_script;
            search_cmd.options.entities = !no_entities;
            if (!std::isfinite(search_cmd.options.entity_weight)) throw sova::Error("--entity-weight must be a number");
            search_cmd.options.facet_entities = !search_cmd.facet.empty();
            if (!search_cmd.batch.empty()) {
                if (!search_cmd.words.empty())
                    throw sova::Error("give queries either on the command line or with --batch, not both");
                return run_batch(search_cmd);
            }
            if (search_cmd.words.empty()) throw sova::Error("no query given (or --batch FILE)");
            return run_search(search_cmd);
        }
    } catch (const sova::QueryError& e) {
        diagnose("error: ", e.what());
        std::string query;
        for (const auto& word : search_cmd.words) query += (query.empty() ? "" : " ") + word;
        // The query is shown with a caret under the column only when escaping leaves it as it is.
        if (!query.empty() && query.size() < 200 && e.column() > 0 && sova::detail::escape_controls(query) == query)
            std::cerr << "  " << query << "\n  " << std::string(e.column() - 1, ' ') << "^\n";
        return exit_error;
    } catch (const sova::Error& e) {
        diagnose("error: ", e.what());
        return exit_error;
    } catch (const std::exception& e) {
        diagnose("internal error: ", e.what());
        return exit_error;
    } catch (...) {
        std::cerr << "sova: internal error: an unexpected exception\n";
        return exit_error;
    }
    return exit_error;
}
