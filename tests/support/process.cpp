#include "tests/support/process.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace sova::test {

namespace {

void set_environment(const std::vector<std::string>& env) {
    for (const auto& entry : env) {
        std::size_t eq = entry.find('=');
        if (eq != std::string::npos) setenv(entry.substr(0, eq).c_str(), entry.c_str() + eq + 1, 1);
    }
}

} // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input, int as_user,
                          int time_limit_seconds, const std::vector<std::string>& env) {
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) close(fd);
        if (as_user >= 0 && (setgid(static_cast<gid_t>(as_user)) != 0 || setuid(static_cast<uid_t>(as_user)) != 0)) {
            std::fprintf(stderr, "cannot become user %d: %s\n", as_user, std::strerror(errno));
            _exit(126);
        }
        set_environment(env);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        std::fprintf(stderr, "exec %s: %s\n", args[0], std::strerror(errno));
        _exit(127);
    }
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    std::signal(SIGPIPE, SIG_IGN);
    fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);

    ProcessResult result;
    std::size_t written = 0;
    if (input.empty()) {
        close(in_pipe[1]);
        in_pipe[1] = -1;
    }
    bool out_open = true, err_open = true;
    char buffer[65536];
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(time_limit_seconds);
    while (out_open || err_open) {
        int wait_ms = -1;
        if (time_limit_seconds > 0 && !result.timed_out) {
            auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) {
                kill(pid, SIGKILL); // its pipes close, and the loop ends
                result.timed_out = true;
            } else {
                wait_ms = static_cast<int>(std::min<long long>(left.count(), 1000));
            }
        }
        pollfd fds[3];
        nfds_t n = 0;
        if (out_open) fds[n++] = {out_pipe[0], POLLIN, 0};
        if (err_open) fds[n++] = {err_pipe[0], POLLIN, 0};
        if (in_pipe[1] >= 0) fds[n++] = {in_pipe[1], POLLOUT, 0};
        if (poll(fds, n, wait_ms) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (nfds_t i = 0; i < n; ++i) {
            if (!fds[i].revents) continue;
            if (fds[i].fd == in_pipe[1]) {
                ssize_t w = write(in_pipe[1], input.data() + written, input.size() - written);
                if (w > 0) written += static_cast<std::size_t>(w);
                if (w < 0 || written == input.size()) {
                    close(in_pipe[1]);
                    in_pipe[1] = -1;
                }
                continue;
            }
            ssize_t r = read(fds[i].fd, buffer, sizeof buffer);
            std::string& target = fds[i].fd == out_pipe[0] ? result.out : result.err;
            if (r > 0)
                target.append(buffer, static_cast<std::size_t>(r));
            else
                (fds[i].fd == out_pipe[0] ? out_open : err_open) = false;
        }
    }
    if (in_pipe[1] >= 0) close(in_pipe[1]);
    close(out_pipe[0]);
    close(err_pipe[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

BackgroundProcess start_process(const std::vector<std::string>& argv, const BackgroundOutput& output,
                                const std::vector<std::string>& env) {
    int in_pipe[2];
    if (pipe(in_pipe)) throw std::runtime_error("pipe failed");
    int terminal = -1;
    std::string terminal_name;
    if (output.stderr_on_terminal) {
        terminal = posix_openpt(O_RDWR | O_NOCTTY);
        if (terminal < 0 || grantpt(terminal) != 0 || unlockpt(terminal) != 0 || !ptsname(terminal))
            throw std::runtime_error("no pseudo-terminal");
        terminal_name = ptsname(terminal);
    }
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        close(in_pipe[0]);
        close(in_pipe[1]);
        int null = open("/dev/null", O_WRONLY);
        int out =
            output.stdout_file.empty() ? null : open(output.stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err =
            output.stderr_file.empty() ? null : open(output.stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (terminal >= 0) {
            close(terminal);
            err = open(terminal_name.c_str(), O_RDWR | O_NOCTTY);
        }
        dup2(out, 1);
        dup2(err, 2);
        set_environment(env);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    close(in_pipe[0]);
    BackgroundProcess started;
    started.pid = pid;
    started.stdin_fd = in_pipe[1];
    started.terminal_fd = terminal;
    return started;
}

int BackgroundProcess::wait_status(double timeout_seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds);
    for (;;) {
        int status = 0;
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid) return status;
        if (done < 0 && errno != EINTR) return -1;
        if (std::chrono::steady_clock::now() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

std::string BackgroundProcess::read_terminal(const std::string& text, double timeout_seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds);
    std::string shown;
    char buffer[4096];
    while (shown.find(text) == std::string::npos) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd fd{terminal_fd, POLLIN, 0};
        if (poll(&fd, 1, static_cast<int>(left.count())) <= 0) continue;
        ssize_t n = read(terminal_fd, buffer, sizeof buffer);
        if (n <= 0) break; // EIO: the program has closed the terminal
        shown.append(buffer, static_cast<std::size_t>(n));
    }
    return shown;
}

int BackgroundProcess::finish() {
    if (stdin_fd >= 0) close(stdin_fd);
    stdin_fd = -1;
    int status = m_status;
    if (status == -1)
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool BackgroundProcess::wait_stopped() {
    if (m_status != -1) return false;
    int status = 0;
    while (waitpid(pid, &status, WUNTRACED) < 0 && errno == EINTR) {
    }
    if (WIFSTOPPED(status)) return true;
    m_status = status;
    return false;
}

void BackgroundProcess::resume() {
    kill(pid, SIGCONT);
}

} // namespace sova::test
