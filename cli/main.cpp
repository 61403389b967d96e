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
#include <string_view>

namespace {

using sova::cli::Command;
using sova::cli::diagnose;
using sova::cli::exit_error;

// The optimal string alignment distance: insertions, deletions, substitutions and swaps of two
// neighbouring characters (bytes) that turn `a` into `b`.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

// The message for a first argument that names no command: the nearest command when it is at
// most two edits away (`serach` -> search), else the list of commands.
std::string unknown_command(const std::string& word, const std::vector<Command>& commands) {
    std::string nearest, names;
    std::size_t best = 3;
    for (const Command& command : commands) {
        const std::string& name = command.app->get_name();
        names += (names.empty() ? "" : ", ") + name;
        if (std::size_t distance = edit_distance(word, name); distance < best) {
            best = distance;
            nearest = name;
        }
    }
    if (!nearest.empty()) return "unknown command '" + word + "'; did you mean '" + nearest + "'?";
    return "unknown command '" + word + "'; the commands are " + names;
}

// The first `--name` among `args` that `command` (the program itself, or one command) has no
// option for, up to a `--` that ends the options; "" when every one is known.
std::string first_unknown_option(const CLI::App& command, const std::vector<std::string>& args) {
    for (const std::string& arg : args) {
        if (arg == "--") break;
        if (!arg.starts_with("--")) continue;
        std::string name = arg.substr(0, arg.find('='));
        const auto options = command.get_options();
        if (std::none_of(options.begin(), options.end(), [&](const CLI::Option* o) { return o->check_name(name); }))
            return name;
    }
    return {};
}

// The message for an option `sova <command>` does not have: the nearest one when it is at most
// two edits away (`--limt` -> --limit).
std::string unknown_option(const std::string& name, const CLI::App& command) {
    std::string nearest;
    std::size_t best = 3;
    for (const CLI::Option* option : command.get_options())
        for (const std::string& long_name : option->get_lnames())
            if (std::size_t distance = edit_distance(name, "--" + long_name); distance < best) {
                best = distance;
                nearest = "--" + long_name;
            }
    const std::string program = command.get_parent() ? "sova " + command.get_name() : "sova";
    std::string message = "unknown option '" + name + "' for `" + program + "`";
    return nearest.empty() ? message : message + "; did you mean '" + nearest + "'?";
}

// Parses `args` (the arguments after the program's name) into `app`. Returns the command to
// run, or nullptr with `status` set when the program is done (help, version, a usage error).
const Command* parse(CLI::App& app, const std::vector<Command>& commands, std::vector<std::string> args, int& status) {
    try {
        if (!args.empty() && !args.front().starts_with('-') &&
            std::none_of(commands.begin(), commands.end(),
                         [&](const Command& command) { return command.app->get_name() == args.front(); })) {
            diagnose("error: ", unknown_command(args.front(), commands));
            std::cerr << "(see `sova --help`)\n";
            status = exit_error;
            return nullptr;
        }
        // An option the program or the command does not have: say which, before CLI11 reads the
        // rest (it would report a missing command, or the option among query words).
        const CLI::App* named = &app;
        for (const Command& command : commands)
            if (!args.empty() && args.front() == command.app->get_name()) named = command.app;
        if (std::string unknown = first_unknown_option(*named, {args.begin() + (named == &app ? 0 : 1), args.end()});
            !unknown.empty()) {
            diagnose("error: ", unknown_option(unknown, *named));
            std::cerr << "(see `" << (named == &app ? std::string("sova") : "sova " + named->get_name())
                      << " --help`)\n";
            status = exit_error;
            return nullptr;
        }
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

// Builds the command line, parses it and runs the command; main() turns its errors into messages.
int run(int argc, char** argv) {
    CLI::App app{"Sova: full-text search for multilingual article archives", "sova"};
    app.set_version_flag("--version", std::string("sova ") + sova::version());
    app.require_subcommand(1);
    const std::vector<Command> commands = {
        sova::cli::add_index_command(app),    sova::cli::add_search_command(app),  sova::cli::add_compact_command(app),
        sova::cli::add_entities_command(app), sova::cli::add_analyze_command(app), sova::cli::add_serve_command(app),
    };
    int status = exit_error;
    const Command* command = parse(app, commands, {argv + 1, argv + argc}, status);
    if (!command) return status;
    return command->run();
}

} // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    try {
        return run(argc, argv);
    } catch (const sova::OptionError& e) {
        diagnose("error: ", sova::cli::flag_for(e.option()) + " " + e.reason());
    } catch (const sova::Error& e) {
        diagnose("error: ", e.what());
    } catch (const std::exception& e) {
        diagnose("internal error: ", e.what());
    } catch (...) {
        std::cerr << "sova: internal error: an unexpected exception\n";
    }
    return exit_error;
}
