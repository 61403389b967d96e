#include "cli/guard.hpp"

#include "schema/damage.hpp"

#include <csignal>
#include <cstddef>
#include <cstring>
#include <string_view>
#include <unistd.h>

namespace sova::cli {

namespace {

constexpr int exit_error = 2;

// Written by the handlers with write(2) only: built beforehand, never changed while a handler
// may run.
std::string crash_prefix, crash_suffix, timeout_message;
std::string timeout_index;
unsigned timeout_seconds = 0;

void write_all(std::string_view text) {
    while (!text.empty()) {
        ssize_t written = write(STDERR_FILENO, text.data(), text.size());
        if (written <= 0) return;
        text.remove_prefix(static_cast<std::size_t>(written));
    }
}

const char* signal_name(int signal) {
    switch (signal) {
    case SIGSEGV:
        return "SIGSEGV";
    case SIGBUS:
        return "SIGBUS";
    case SIGFPE:
        return "SIGFPE";
    case SIGILL:
        return "SIGILL";
    case SIGABRT:
        return "SIGABRT";
    default:
        return "a fatal signal";
    }
}

extern "C" void on_crash(int signal) {
    write_all(crash_prefix);
    write_all(signal_name(signal));
    write_all(crash_suffix);
    _exit(exit_error);
}

extern "C" void on_timeout(int) {
    write_all(timeout_message);
    _exit(exit_error);
}

// "sova: error: <the damaged-index message with `detail`>\n"
std::string message(const std::string& index, std::string_view detail) {
    return std::string("sova: error: ") + schema::damaged_index(index, detail).what() + "\n";
}

} // namespace

void guard_crashes([[maybe_unused]] const std::string& index) {
#ifndef SOVA_SANITIZED
    constexpr std::string_view mark = "\x01";
    const std::string text = message(index, std::string("sova crashed while using it: ") + std::string(mark));
    const std::size_t at = text.find(mark);
    crash_prefix = text.substr(0, at);
    crash_suffix = text.substr(at + mark.size());
    // A stack of its own, so that a stack overflow can be reported too.
    static char alternate_stack[64 * 1024];
    stack_t stack{};
    stack.ss_sp = alternate_stack;
    stack.ss_size = sizeof alternate_stack;
    sigaltstack(&stack, nullptr);
    struct sigaction action {};
    action.sa_handler = on_crash;
    action.sa_flags = SA_ONSTACK | SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    for (int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) sigaction(signal, &action, nullptr);
#endif
}

ReadingDeadline::ReadingDeadline(const std::string& index, unsigned seconds) {
    alarm(0);
    if (index != timeout_index || seconds != timeout_seconds) { // built once for a batch of searches
        timeout_message = message(index, "reading it took over " + std::to_string(seconds) + " s");
        timeout_index = index;
        timeout_seconds = seconds;
    }
    struct sigaction action {};
    action.sa_handler = on_timeout;
    sigemptyset(&action.sa_mask);
    sigaction(SIGALRM, &action, nullptr);
    alarm(seconds);
}

ReadingDeadline::~ReadingDeadline() {
    alarm(0);
}

} // namespace sova::cli

#ifdef SOVA_SANITIZED
// Xapian 1.4's Database::check deletes its table checkers through the base class, a size
// mismatch AddressSanitizer reports on every `sova compact`; the other checks stay on.
extern "C" const char* __asan_default_options() {
    return "new_delete_type_mismatch=0";
}
#endif
