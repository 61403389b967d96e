// `sova serve`: the archive over HTTP, a JSON API and a search page (docs/SERVER.md).
#include "cli/common.hpp"
#include "cli/guard.hpp"
#include "server/api.hpp"
#include "server/http_server.hpp"

#include <sova/search.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <memory>
#include <pthread.h>
#include <thread>

namespace sova::cli {

namespace {

struct ServeArgs {
    ArchiveOption index;
    server::HttpOptions http;
    unsigned threads = 0;
    double time_limit = 10.0;
};

void add_options(CLI::App& command, ServeArgs& args) {
    args.index.add_to(command);
    command.add_option("--bind", args.http.bind, "Address to listen on (no authentication: see docs/SERVER.md)")
        ->capture_default_str();
    command.add_option("--port", args.http.port, "Port to listen on (0: any free port, printed at start)")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    command.add_option("--threads", args.threads, "Searches run at the same time (default: one per core)")
        ->check(CLI::Range(1, 256));
    command
        .add_option("--connections", args.http.connections,
                    "Connections served at the same time (each open connection holds one)")
        ->check(CLI::Range(1, 4096))
        ->capture_default_str();
    command
        .add_option("--time-limit", args.time_limit,
                    "After this many seconds of a search, stop counting its matches exactly (0: no limit)")
        ->check(CLI::Range(0.0, 86400.0))
        ->capture_default_str();
}

bool is_loopback(const std::string& address) {
    return address == "127.0.0.1" || address == "localhost" || address == "::1" || address.starts_with("127.");
}

int run(const ServeArgs& args) {
    const std::string index = args.index.name();
    // SIGINT and SIGTERM stop the server: blocked here, before any thread starts (threads
    // inherit the mask), and waited for by one thread that then stops the server.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    server::ApiOptions api_options;
    api_options.locations = args.index.locations();
    api_options.open = args.index.open_options();
    api_options.threads = args.threads ? args.threads : std::max(1U, std::thread::hardware_concurrency());
    api_options.time_limit_seconds = args.time_limit;
    server::Api api(api_options);
    server::HttpServer http(api, args.http);
    if (!is_loopback(args.http.bind))
        diagnose("warning: ", "serving on " + args.http.bind +
                                  " without authentication or encryption: anyone who reaches it reads the archive");
    std::cout << "Serving " << index << " on http://" << args.http.bind << ":" << http.port() << "/ (Ctrl-C stops)"
              << std::endl;

    // The waiter looks for a stop signal, and every fifth of a second whether run() has ended
    // by itself (a listening socket that failed). Once signalled, it stops the server until
    // run() returns: a stop() before run() has started listening would be lost.
    std::atomic<bool> serving{true};
    std::atomic<bool> signalled{false};
    std::thread waiter([&] {
        const timespec tick{0, 200'000'000};
        while (serving && sigtimedwait(&stop_signals, nullptr, &tick) <= 0) {
        }
        signalled = serving.load();
        while (serving) {
            http.stop();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    http.run();
    serving = false;
    waiter.join();
    if (!signalled) throw sova::Error("stopped listening on " + args.http.bind + ":" + std::to_string(http.port()));
    return exit_ok;
}

} // namespace

Command add_serve_command(CLI::App& app) {
    auto args = std::make_shared<ServeArgs>();
    CLI::App* command = app.add_subcommand("serve", "Serve the archive over HTTP: a JSON API and a search page");
    add_options(*command, *args);
    return {command, [args] { return run(*args); }, {}};
}

} // namespace sova::cli
