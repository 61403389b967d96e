// `sova serve` run by the tests: on 127.0.0.1, on a free port it picks itself (--port 0, read
// from the line it prints at start), stopped by the test.
#pragma once

#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

#include <string>
#include <vector>

namespace sova::test {

class SovaServer {
public:
    /// Starts `binary serve --bind 127.0.0.1 --port 0` with `args` (e.g. {"-i", index}) and
    /// returns once it listens. Throws std::runtime_error, with what it printed, when it ends
    /// instead.
    SovaServer(const std::string& binary, const std::vector<std::string>& args);
    ~SovaServer();
    SovaServer(const SovaServer&) = delete;
    SovaServer& operator=(const SovaServer&) = delete;

    int port() const { return m_port; }
    /// "http://127.0.0.1:PORT"
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    /// Sends SIGTERM and waits for it to end; returns its exit status (128 + signal when killed).
    int stop();
    /// What it wrote on stderr so far.
    std::string errors() const;

private:
    TempDir m_dir;
    BackgroundProcess m_process;
    int m_port = 0;
    bool m_running = false;
};

} // namespace sova::test
