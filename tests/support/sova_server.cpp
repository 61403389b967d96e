#include "tests/support/sova_server.hpp"

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace sova::test {

namespace {

std::string contents(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

} // namespace

SovaServer::SovaServer(const std::string& binary, const std::vector<std::string>& args) {
    std::vector<std::string> argv{binary, "serve", "--bind", "127.0.0.1", "--port", "0"};
    argv.insert(argv.end(), args.begin(), args.end());
    const std::string out = m_dir / "stdout";
    m_process = start_process(argv, {out, m_dir / "stderr", false});
    m_running = true;
    // A hang guard only: the server listens within a second.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    const std::regex listening(R"(on http://127\.0\.0\.1:([0-9]+)/)");
    while (std::chrono::steady_clock::now() < give_up) {
        std::smatch found;
        const std::string printed = contents(out);
        if (std::regex_search(printed, found, listening)) {
            m_port = std::stoi(found[1]);
            return;
        }
        int status = 0;
        if (waitpid(m_process.pid, &status, WNOHANG) == m_process.pid) {
            m_running = false;
            throw std::runtime_error("sova serve ended at start: " + errors());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stop();
    throw std::runtime_error("sova serve did not start: " + errors());
}

SovaServer::~SovaServer() {
    if (m_running) {
        kill(m_process.pid, SIGKILL);
        m_process.wait_status(60);
    }
}

int SovaServer::stop() {
    if (!m_running) return -1;
    m_running = false;
    kill(m_process.pid, SIGTERM);
    const int status = m_process.wait_status(120);
    if (status < 0) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string SovaServer::errors() const {
    return contents(m_dir / "stderr");
}

} // namespace sova::test
