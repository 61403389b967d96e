// Running a program as the end-to-end tests do: arguments, standard input, captured output.
#pragma once

#include <string>
#include <vector>

namespace sova::test {

struct ProcessResult {
    int exit_code = -1; ///< exit status, or 128 + signal number
    std::string out;
    std::string err;
    bool timed_out = false; ///< killed (SIGKILL) after the time limit
};

/// Runs `argv[0]` with `argv` (no shell), feeding `input` on stdin; the environment is inherited.
/// With `as_user` (a user id), the program runs as that user (the caller must be root). With
/// `time_limit_seconds`, a program still running after that long is killed: a hang guard, far
/// above what the program needs, so that a busy machine never trips it. `env` adds or overrides
/// variables ("NAME=value") in the program's environment.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = {}, int as_user = -1,
                          int time_limit_seconds = 0, const std::vector<std::string>& env = {});

/// A program left running in the background, reading from a pipe until it is closed.
struct BackgroundProcess {
    int pid = -1;
    int stdin_fd = -1;
    int terminal_fd = -1; ///< With BackgroundOutput::stderr_on_terminal: the terminal's other end.
    /// Closes its standard input and waits for it; returns its exit status.
    int finish();
    /// Waits until it stops itself (SIGSTOP, e.g. at a SOVA_FAULT point) or ends; true when stopped.
    bool wait_stopped();
    /// Lets a stopped process go on.
    void resume();
    /// Waits for it to end, its standard input left open, for at most `timeout_seconds` (then
    /// kills it: a guard against hangs); returns the wait status (WIFEXITED...), -1 after a timeout.
    int wait_status(double timeout_seconds);
    /// Reads what its terminal shows until `text` has appeared or the program has closed it,
    /// for at most `timeout_seconds`; returns everything read.
    std::string read_terminal(const std::string& text, double timeout_seconds);

private:
    int m_status = -1; // set when wait_stopped() saw it end
};

/// Where a background program's output goes: by default nowhere.
struct BackgroundOutput {
    std::string stdout_file;         ///< A file for its standard output.
    std::string stderr_file;         ///< A file for its standard error (unless on a terminal).
    bool stderr_on_terminal = false; ///< Its standard error is a pseudo-terminal (progress is shown).
};

/// Starts `argv[0]` with `argv` (no shell) and returns at once. `env` adds or overrides
/// variables ("NAME=value").
BackgroundProcess start_process(const std::vector<std::string>& argv, const BackgroundOutput& output = {},
                                const std::vector<std::string>& env = {});

} // namespace sova::test
