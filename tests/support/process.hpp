// Running a program as the end-to-end tests do: arguments, standard input, captured output.
#pragma once

#include <string>
#include <vector>

namespace sova::test {

struct ProcessResult {
    int exit_code = -1; ///< exit status, or 128 + signal number
    std::string out;
    std::string err;
};

/// Runs `argv[0]` with `argv` (no shell), feeding `input` on stdin; the environment is inherited.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = {});

} // namespace sova::test
