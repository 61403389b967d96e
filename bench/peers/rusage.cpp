// sova_peer_rusage: runs a command and writes the command's own peak resident set and CPU time.
//
//   sova_peer_rusage OUT.json COMMAND [ARG...]
//
// Linux starts a new process's peak RSS (ru_maxrss) from the address space it was forked from
// (and keeps the larger value across exec): a program spawned by compare.py, which holds the
// corpus in memory, would report at least compare.py's size. Spawned from this small program
// instead, it reports its own peak, give or take this program's ~2 MB. OUT.json receives
// {"max_rss_kib", "user_seconds", "system_seconds"}; the exit status is the command's (128 +
// the signal number if a signal ended it).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: sova_peer_rusage OUT.json COMMAND [ARG...]\n");
        return 2;
    }
    pid_t child = fork();
    if (child < 0) {
        std::fprintf(stderr, "sova_peer_rusage: fork: %s\n", std::strerror(errno));
        return 2;
    }
    if (child == 0) {
        execvp(argv[2], argv + 2);
        std::fprintf(stderr, "sova_peer_rusage: cannot run %s: %s\n", argv[2], std::strerror(errno));
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    while (wait4(child, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            std::fprintf(stderr, "sova_peer_rusage: wait4: %s\n", std::strerror(errno));
            return 2;
        }
    }
    auto seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    if (std::FILE* out = std::fopen(argv[1], "w")) {
        std::fprintf(out, "{\"max_rss_kib\":%ld,\"user_seconds\":%.6f,\"system_seconds\":%.6f}\n", usage.ru_maxrss,
                     seconds(usage.ru_utime), seconds(usage.ru_stime));
        std::fclose(out);
    } else {
        std::fprintf(stderr, "sova_peer_rusage: cannot write %s: %s\n", argv[1], std::strerror(errno));
        return 2;
    }
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
