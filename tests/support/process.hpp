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
    /// Closes its standard input and waits for it; returns its exit status.
    int finish();
    /// Waits until it stops itself (SIGSTOP, e.g. at a SOVA_FAULT point) or ends; true when stopped.
    bool wait_stopped();
    /// Lets a stopped process go on.
    void resume();

private:
    int m_status = -1; // set when wait_stopped() saw it end
};

/// Starts `argv[0]` with `argv` (no shell) and returns at once; its stdout and stderr are discarded.
/// `env` adds or overrides variables ("NAME=value").
BackgroundProcess start_process(const std::vector<std::string>& argv, const std::vector<std::string>& env = {});

} // namespace sova::test
