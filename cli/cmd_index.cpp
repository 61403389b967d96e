// `sova index`: add articles from JSON Lines, text and Markdown files to an index.
#include "cli/common.hpp"
#include "cli/guard.hpp"
#include "output/format.hpp"

#include <sova/error.hpp>
#include <sova/index.hpp>

#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace sova::cli {

namespace {

constexpr std::uint64_t max_problems_shown = 200;

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

struct IndexArgs {
    IndexOption index;
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

void add_options(CLI::App& command, IndexArgs& args) {
    args.index.add_to(command, "Index folder (created if missing)");
    command
        .add_option("paths", args.paths,
                    "Files or folders: .jsonl/.ndjson (also .gz), .txt/.md; '-' reads JSON Lines from stdin")
        ->required();
    command.add_flag("--strict", args.strict, "Stop at the first bad input instead of skipping it");
    command.add_flag("--quiet,-q", args.quiet, "Print errors only");
    command
        .add_option("--commit-every", args.commit_every,
                    "Commit after this many articles too (default: every 1/128 of --memory of input); a crash loses "
                    "at most the articles since the last commit")
        ->check(CLI::Range(0, 100000000));
    command.add_flag("--no-cross-script-keys", args.no_keys,
                     "Do not write cross-script keys for names (smaller index; Kyiv no longer finds Київ)");
    command
        .add_option("--entities", args.entities_file,
                    "A TSV file of names to recognise: name, type (person, org, place, other), aliases "
                    "(docs/ENTITIES.md)")
        ->check(CLI::ExistingFile);
    command.add_flag("--no-entities", args.no_entities,
                     "Do not recognise people, places and organisations (faster, smaller; no entity ranking)");
    command
        .add_option("--max-article-size", args.max_article_mb,
                    "Skip articles (lines, text files) larger than this many MiB")
        ->check(CLI::Range(1, 4096))
        ->capture_default_str();
    command
        .add_option("--threads,-j", args.threads,
                    "Threads analysing and writing articles (default: one per core). A new or empty index "
                    "is then built in shards, merged and compacted at the end")
        ->check(CLI::Range(1, 256));
    command
        .add_option("--memory", args.memory_mb,
                    "Memory in MiB that indexing aims to stay within: it bounds the articles waiting for the threads, "
                    "the input between two flushes of a new index's shards (below 24 MiB a thread) and between two "
                    "commits of an update (1/128 of it). The threads' analysers and dictionaries come on top: "
                    "a 50 MB update on two threads peaks at 390 MiB, at 265 MiB with --memory 256")
        ->check(CLI::Range(64, 1 << 20))
        ->capture_default_str();
}

// What an indexing run is asked to do, checked.
struct IndexRun {
    std::string index;
    sova::WriterOptions writer;
    sova::IndexingOptions indexing;
};

IndexRun validate(const IndexArgs& args) {
    IndexRun run;
    run.index = args.index.path();
    if (args.no_entities && !args.entities_file.empty())
        throw sova::Error("--entities and --no-entities contradict each other");
    run.writer.cross_script_keys = !args.no_keys;
    run.writer.batch_articles = args.commit_every;
    run.writer.entities = !args.no_entities;
    run.writer.entities_file = args.entities_file;
    run.indexing.strict = args.strict;
    run.indexing.max_article_bytes = args.max_article_mb << 20;
    run.indexing.threads = args.threads;
    run.indexing.memory_budget = args.memory_mb << 20;
    run.indexing.stop_requested = &stop_requested;
    return run;
}

int run(const IndexArgs& args) {
    IndexRun run = validate(args);
    if (run.writer.entities && !args.quiet) warn_without_gazetteer();
    guard_crashes(run.index);
    stop_on_signals();
    sova::IndexWriter writer = sova::IndexWriter::create_or_open(run.index, run.writer);
    const bool progress = !args.quiet && isatty(STDERR_FILENO);
    bool progress_shown = false;
    std::uint64_t problems = 0;
    run.indexing.on_problem = [&](const sova::Problem& problem) {
        if (problem.severity == sova::Problem::Severity::warning && args.quiet) return;
        if (++problems > max_problems_shown) {
            if (problems == max_problems_shown + 1) std::cerr << "sova: (further problems are counted, not shown)\n";
            return;
        }
        if (progress_shown) std::cerr << "\r\x1b[K";
        std::string message = problem.error.what();
        if (!problem.option.empty()) message += " (see " + flag_for(problem.option) + ")";
        diagnose(problem.severity == sova::Problem::Severity::error ? "error: " : "warning: ", message);
    };
    if (progress) {
        run.indexing.on_progress = [&](const sova::IndexingStats& stats) {
            std::cerr << output::format_progress(stats) << std::flush;
            progress_shown = true;
        };
    }
    sova::IndexingStats stats;
    try {
        stats = sova::index_paths(writer, args.paths, run.indexing);
    } catch (const sova::InputError& e) {
        if (progress_shown) std::cerr << "\r\x1b[K";
        std::cerr << "sova: stopped at the first error (--strict); what came before it is indexed.\n";
        return exit_error;
    }
    if (progress_shown) std::cerr << "\r\x1b[K" << std::flush;
    if (!args.quiet) emit(output::format_index_summary(stats, run.index, writer.document_count()));
    if (const int signal = stop_signal; signal != 0) {
        std::cerr << output::format_interruption(stats, signal == SIGINT ? "SIGINT" : "SIGTERM");
        return 128 + signal;
    }
    return stats.skipped > 0 ? exit_nothing : exit_ok;
}

} // namespace

Command add_index_command(CLI::App& app) {
    auto args = std::make_shared<IndexArgs>();
    CLI::App* command =
        app.add_subcommand("index", "Add articles from JSON Lines, text and Markdown files to an index");
    add_options(*command, *args);
    return {command, [args] { return run(*args); }, {}};
}

} // namespace sova::cli
