// `sova serve`: the JSON API (server/api.hpp) and the search page over HTTP, on cpp-httplib.
#pragma once

#include "server/api.hpp"

#include <memory>
#include <string>

namespace httplib {
class Server;
}

namespace sova::server {

/// Settings of the HTTP side.
struct HttpOptions {
    std::string bind = "127.0.0.1"; ///< Address to listen on.
    int port = 8080;                ///< 0: any free port (HttpServer::port() tells which).
    /// Connections served at the same time: each is held by a thread while it is open, so slow
    /// or idle clients take these, not the searching threads (ApiOptions::threads).
    unsigned connections = 64;
    unsigned read_timeout_seconds = 5;       ///< A client silent this long while sending is dropped.
    unsigned keep_alive_timeout_seconds = 5; ///< An idle kept-alive connection is closed after this.
};

class HttpServer {
public:
    /// Binds to the address and port (throws sova::Error when it cannot); serves after run().
    HttpServer(Api& api, const HttpOptions& options);
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;
    ~HttpServer();

    /// The port listened on.
    int port() const { return m_port; }
    /// Serves until stop() (from another thread).
    void run();
    void stop();

private:
    void route();

    Api& m_api;
    std::unique_ptr<httplib::Server> m_http;
    int m_port = 0;
};

} // namespace sova::server
