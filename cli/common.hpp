// What the commands of `sova` share: exit codes, writing output and messages, the `--index`
// option, and the record of a command that main() registers and dispatches to.
#pragma once

#include <CLI/CLI.hpp>

#include <sova/search.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sova::cli {

constexpr int exit_ok = 0;
constexpr int exit_nothing = 1;
constexpr int exit_error = 2;

// A healthy index answers a search or an entity listing in well under a second; one that Xapian
// reads in circles never does (docs/ARCHITECTURE.md, "Damaged indexes").
constexpr unsigned max_reading_seconds = 600;

/// How long reading the index may take: max_reading_seconds, or twice a longer --time-limit.
unsigned reading_deadline(double time_limit_seconds);

/// Writes to stdout; a closed pipe (`sova search … | head`) ends the program quietly, any other
/// failure (a full disk) is an error: a script must not take an empty file for a result.
void emit(const std::string& text);

/// A message on stderr, `sova: <kind><message>` (`kind`: "error: ", "warning: "). Messages carry
/// names from outside (file names, ids, queries): they are escaped (docs/CLI.md), so that each
/// message stays one line and none can drive the terminal.
void diagnose(const char* kind, std::string_view message);

/// The flag of `sova` that sets a field of the library's options (sova::OptionError::option(),
/// sova::Problem::option): "since" -> "--since", "langs" -> "--lang", "max_article_bytes" ->
/// "--max-article-size", "path" (of the index) -> "--index"; other fields are written as flags by their name ("a_b" ->
/// "--a-b").
std::string flag_for(std::string_view option);

/// The index folder of a command: `--index DIR` (`-i DIR`), or `$SOVA_INDEX` when the option is
/// not given (an empty variable counts as unset). One definition for every command that uses an
/// index; not marked required in the help, since the variable may give it.
class IndexOption {
public:
    /// Adds the option to `command`, described as `description` (the variable is named after it).
    void add_to(CLI::App& command, const std::string& description);

    /// The folder given. Throws sova::Error naming both ways to give it when neither did.
    const std::string& path() const;

private:
    std::string m_path;
};

/// The archive a searching command reads (`search`, `entities`): `--index` repeatable, each a
/// folder, a Xapian stub file or `tcp://HOST:PORT` (docs/SHARDS.md), or `$SOVA_INDEX`; and how
/// to reach remote shards (`--allow-partial`, `--connect-timeout`, `--remote-timeout`).
class ArchiveOption {
public:
    void add_to(CLI::App& command);

    /// The locations given. Throws sova::Error naming both ways to give one when none was.
    const std::vector<std::string>& locations() const;
    /// The archive in messages: its one location, or every location joined with ", ".
    std::string name() const;
    sova::OpenOptions open_options() const { return m_options; }

private:
    std::vector<std::string> m_locations;
    sova::OpenOptions m_options;
};

/// Says on stderr which shards did not answer (SearchResults::missing), if any.
void warn_missing(const std::vector<std::string>& missing);

/// Says on stderr where the gazetteer of places was looked for when none was found, and what is
/// lost: the commands that recognise entities (`index`, `analyze`) call it once. Throws
/// sova::Error when $SOVA_GAZETTEER names a file that does not exist.
void warn_without_gazetteer();

/// A command of `sova`: its CLI11 subcommand, what runs it once it is parsed, and, for a command
/// whose arguments need arranging before CLI11 reads them (`search`), how to arrange them.
struct Command {
    CLI::App* app = nullptr;
    std::function<int()> run;
    std::function<std::vector<std::string>(const std::vector<std::string>&)> arrange_args;
};

/// The commands, each defined in its own file (cli/cmd_<name>.cpp): each adds its subcommand to
/// `app` with its options and returns it with its runner.
Command add_index_command(CLI::App& app);
Command add_serve_command(CLI::App& app);
Command add_search_command(CLI::App& app);
Command add_compact_command(CLI::App& app);
Command add_entities_command(CLI::App& app);
Command add_analyze_command(CLI::App& app);

} // namespace sova::cli
