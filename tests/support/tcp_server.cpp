#include "tests/support/tcp_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace sova::test {

namespace {

sockaddr_in loopback(unsigned port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

bool accepts(unsigned port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in address = loopback(port);
    bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    close(fd);
    return ok;
}

} // namespace

unsigned free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in address = loopback(0);
    socklen_t size = sizeof address;
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
        close(fd);
        throw std::runtime_error("cannot find a free port");
    }
    close(fd);
    return ntohs(address.sin_port);
}

TcpServer::TcpServer(const std::string& binary, const std::string& database) {
    // Another program may take the free port before the server binds it: then try another.
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = free_port();
        const std::string port = std::to_string(m_port);
        std::vector<std::string> argv{binary, "--interface", "127.0.0.1", "--port", port, "--quiet", database};
        pid_t pid = fork();
        if (pid < 0) throw std::runtime_error("fork failed");
        if (pid == 0) {
            setpgid(0, 0); // its own group: stop() reaches the children serving connections
            // It reports each closed connection on stderr ("Got exception NetworkError …").
            int null = open("/dev/null", O_WRONLY);
            if (null >= 0) {
                dup2(null, STDOUT_FILENO);
                dup2(null, STDERR_FILENO);
            }
            std::vector<char*> args;
            for (auto& a : argv) args.push_back(a.data());
            args.push_back(nullptr);
            execv(args[0], args.data());
            _exit(127);
        }
        setpgid(pid, pid);
        m_group = pid;
        // A hang guard only: the server listens within milliseconds.
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (std::chrono::steady_clock::now() < give_up) {
            if (accepts(m_port)) return;
            int status = 0;
            if (waitpid(pid, &status, WNOHANG) == pid) break; // it ended: the port was taken
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        stop();
    }
    throw std::runtime_error("xapian-tcpsrv did not start on " + database);
}

TcpServer::~TcpServer() {
    stop();
}

int TcpServer::drop_connections() {
    // xapian-tcpsrv forks a child for each connection: the processes whose parent it is.
    int killed = 0;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        const std::string pid = entry.path().filename().string();
        if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
        std::ifstream stat(entry.path() / "stat");
        std::string line;
        if (!std::getline(stat, line)) continue;
        std::istringstream fields(line.substr(line.rfind(')') + 2));
        std::string state;
        int parent = 0;
        fields >> state >> parent;
        if (parent != m_group || state == "Z") continue;
        if (kill(std::stoi(pid), SIGKILL) == 0) ++killed;
    }
    return killed;
}

std::string TcpServer::name() const {
    return "127.0.0.1:" + std::to_string(m_port);
}

void TcpServer::stop() {
    if (m_group <= 0) return;
    kill(-m_group, SIGKILL);
    while (waitpid(m_group, nullptr, 0) < 0 && errno == EINTR) {
    }
    m_group = -1;
}

} // namespace sova::test
