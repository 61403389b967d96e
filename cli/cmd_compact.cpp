// `sova compact`: rewrite an index compactly, in place or into a new folder.
#include "cli/common.hpp"
#include "cli/guard.hpp"

#include "tokenizers/utf8.hpp"

#include <sova/index.hpp>

#include <chrono>
#include <cstdio>
#include <memory>

namespace sova::cli {

namespace {

struct CompactArgs {
    IndexOption index;
    std::string out; // empty: in place
};

void add_options(CLI::App& command, CompactArgs& args) {
    args.index.add_to(command, "Index folder");
    command.add_option("--out,-o", args.out, "Write the compacted index to this new folder (default: in place)");
}

int run(const CompactArgs& args) {
    const std::string& index = args.index.path();
    guard_crashes(index);
    auto started = std::chrono::steady_clock::now();
    sova::CompactStats stats = sova::compact_index(index, args.out);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    char line[256];
    std::snprintf(line, sizeof line, "Compacted %llu articles: %.1f MB -> %.1f MB in %.1f s.\n",
                  static_cast<unsigned long long>(stats.documents), static_cast<double>(stats.bytes_before) / 1e6,
                  static_cast<double>(stats.bytes_after) / 1e6, seconds);
    emit(std::string(line) + "Index " + sova::detail::escape_controls(args.out.empty() ? index : args.out) +
         " is compact.\n");
    return exit_ok;
}

} // namespace

Command add_compact_command(CLI::App& app) {
    auto args = std::make_shared<CompactArgs>();
    CLI::App* command = app.add_subcommand("compact", "Rewrite an index compactly (smaller, faster to search)");
    add_options(*command, *args);
    return {command, [args] { return run(*args); }, {}};
}

} // namespace sova::cli
