// sova_serve_load: HTTP load on `sova serve` for bench/serve/run_serve.py. N clients, each on
// its own kept-alive connection, send the queries of a file in turn (client k starts at query
// k), as fast as answers come; prints one JSON object: requests, errors (any status but 200 or
// a failed request), seconds, requests per second, and latency percentiles in milliseconds.
//
//   sova_serve_load --port P --queries FILE --clients N --requests R [--params "&n=10"]
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace {

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto at = static_cast<std::size_t>(p / 100.0 * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(at, values.size() - 1)];
}

} // namespace

int main(int argc, char** argv) {
    int port = 0;
    std::size_t clients = 1, requests = 1000;
    std::string queries_file, params;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i], value = argv[i + 1];
        if (name == "--port")
            port = std::stoi(value);
        else if (name == "--queries")
            queries_file = value;
        else if (name == "--clients")
            clients = std::stoul(value);
        else if (name == "--requests")
            requests = std::stoul(value);
        else if (name == "--params")
            params = value;
    }
    std::vector<std::string> paths;
    std::ifstream in(queries_file);
    for (std::string line; std::getline(in, line);) {
        const std::size_t tab = line.find('\t');
        const std::string query = tab == std::string::npos ? line : line.substr(tab + 1);
        if (!query.empty()) paths.push_back("/api/search?q=" + httplib::detail::encode_query_param(query) + params);
    }
    if (port == 0 || paths.empty()) {
        std::cerr << "usage: sova_serve_load --port P --queries FILE --clients N --requests R [--params S]\n";
        return 2;
    }
    std::vector<std::vector<double>> latencies(clients);
    std::atomic<std::size_t> errors{0};
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (std::size_t c = 0; c < clients; ++c)
        threads.emplace_back([&, c] {
            httplib::Client client("127.0.0.1", port);
            client.set_keep_alive(true);
            client.set_read_timeout(60);
            for (std::size_t r = c; r < requests; r += clients) {
                const auto begin = std::chrono::steady_clock::now();
                auto response = client.Get(paths[r % paths.size()]);
                const auto end = std::chrono::steady_clock::now();
                if (!response || response->status != 200) ++errors;
                latencies[c].push_back(std::chrono::duration<double, std::milli>(end - begin).count());
            }
        });
    for (auto& t : threads) t.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::vector<double> all;
    for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
    std::printf("{\"clients\":%zu,\"requests\":%zu,\"errors\":%zu,\"seconds\":%.3f,\"rps\":%.1f,\"p50\":%.3f,"
                "\"p99\":%.3f}\n",
                clients, all.size(), errors.load(), seconds, static_cast<double>(all.size()) / seconds,
                percentile(all, 50), percentile(all, 99));
    return errors > 0 ? 1 : 0;
}
