// sova: index articles and search them from the command line.
// Exit codes: 0 success (search: hits found), 1 search found nothing / indexing skipped
// some input, 2 error (bad usage, bad query, unusable index), 128 + the signal's number when
// SIGINT or SIGTERM stopped indexing (what was read is committed).
//
// Each command is defined in its own file (cli/cmd_<name>.cpp); this file builds the program,
// registers the commands, parses the command line and runs the command given.
#include "cli/common.hpp"

#include <sova/error.hpp>
#include <sova/version.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <csignal>
#include <iostream>

namespace {

using sova::cli::Command;
using sova::cli::diagnose;
using sova::cli::exit_error;

// Parses `args` (the arguments after the program's name) into `app`. Returns the command to
// run, or nullptr with `status` set when the program is done (help, version, a usage error).
const Command* parse(CLI::App& app, const std::vector<Command>& commands, std::vector<std::string> args, int& status) {
    try {
        if (!args.empty()) {
            for (const Command& command : commands)
                if (args.front() == command.app->get_name() && command.arrange_args) {
                    std::vector<std::string> arranged = command.arrange_args({args.begin() + 1, args.end()});
                    args.erase(args.begin() + 1, args.end());
                    args.insert(args.end(), arranged.begin(), arranged.end());
                }
        }
        std::reverse(args.begin(), args.end()); // CLI11 takes arguments in reverse order
        app.parse(args);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) { // --help, --version
            status = app.exit(e);
            return nullptr;
        }
        diagnose("error: ", e.what());
        std::cerr << "(see `sova --help` and `sova COMMAND --help`)\n";
        status = exit_error;
        return nullptr;
    }
    for (const Command& command : commands)
        if (command.app->parsed()) return &command;
    status = exit_error;
    return nullptr;
}

} // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    CLI::App app{"Sova: full-text search for multilingual article archives", "sova"};
    app.set_version_flag("--version", std::string("sova ") + sova::version());
    app.require_subcommand(1);
    const std::vector<Command> commands = {
        sova::cli::add_index_command(app),    sova::cli::add_search_command(app),  sova::cli::add_compact_command(app),
        sova::cli::add_entities_command(app), sova::cli::add_analyze_command(app),
    };
    int status = exit_error;
    const Command* command = parse(app, commands, {argv + 1, argv + argc}, status);
    if (!command) return status;
    try {
        return command->run();
    } catch (const sova::Error& e) {
        diagnose("error: ", e.what());
    } catch (const std::exception& e) {
        diagnose("internal error: ", e.what());
    } catch (...) {
        std::cerr << "sova: internal error: an unexpected exception\n";
    }
    return exit_error;
}
