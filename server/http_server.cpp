#include "server/http_server.hpp"

#include "server/page_assets.hpp"

#include <sova/error.hpp>

#include <httplib.h>

#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace sova::server {

namespace {

constexpr const char* json_type = "application/json; charset=utf-8";
constexpr const char* allowed_methods = "GET, HEAD, OPTIONS";

void send(httplib::Response& response, const Reply& reply) {
    response.status = reply.status;
    response.set_header("Cache-Control", "no-store");
    response.set_content(reply.body, json_type);
}

// The reason phrase of the statuses the server sends itself, for the JSON error body.
const char* status_message(int status) {
    switch (status) {
    case 400:
        return "bad request";
    case 404:
        return "not found: the API is under /api/ (docs/SERVER.md), the search page at /";
    case 405:
        return "method not allowed: the server only reads (GET, HEAD, OPTIONS)";
    case 413:
        return "request too large";
    case 414:
        return "the URL is too long (at most 8 KiB)";
    case 431:
        return "request headers too large";
    case 503:
        return "service unavailable";
    default:
        return "the request failed";
    }
}

} // namespace

HttpServer::HttpServer(Api& api, const HttpOptions& options) : m_api(api), m_http(std::make_unique<httplib::Server>()) {
    const unsigned connections = std::max(1U, options.connections);
    m_http->new_task_queue = [connections] { return new httplib::ThreadPool(connections); };
    m_http->set_read_timeout(static_cast<time_t>(options.read_timeout_seconds));
    m_http->set_write_timeout(static_cast<time_t>(options.read_timeout_seconds));
    m_http->set_keep_alive_timeout(static_cast<time_t>(options.keep_alive_timeout_seconds));
    m_http->set_keep_alive_max_count(1000);
    m_http->set_payload_max_length(std::size_t{64} << 10); // nothing is posted; bound what a client may send
    m_http->set_tcp_nodelay(true); // small replies go out at once, not after the peer's delayed ACK
    // httplib's default also sets SO_REUSEPORT, with which a second server on the same port
    // starts without a word and takes half the connections: only SO_REUSEADDR here.
    m_http->set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    m_http->set_default_headers({{"X-Content-Type-Options", "nosniff"}});
    route();
    errno = 0;
    m_port = options.port == 0 ? m_http->bind_to_any_port(options.bind)
                               : (m_http->bind_to_port(options.bind, options.port) ? options.port : -1);
    if (m_port <= 0)
        throw Error("cannot listen on " + options.bind + ":" + std::to_string(options.port) +
                    (errno ? std::string(": ") + std::strerror(errno) : std::string()));
}

HttpServer::~HttpServer() = default;

void HttpServer::run() {
    m_http->listen_after_bind();
}

void HttpServer::stop() {
    m_http->stop();
}

void HttpServer::route() {
    using httplib::Request;
    using httplib::Response;
    // Only reading methods: anything else is answered 405 before routing.
    m_http->set_pre_routing_handler([](const Request& request, Response& response) {
        if (request.method == "GET" || request.method == "HEAD" || request.method == "OPTIONS")
            return httplib::Server::HandlerResponse::Unhandled;
        response.set_header("Allow", allowed_methods);
        send(response, error_reply(405, status_message(405)));
        return httplib::Server::HandlerResponse::Handled;
    });
    m_http->Options(".*", [](const Request&, Response& response) {
        response.status = 204;
        response.set_header("Allow", allowed_methods);
    });
    m_http->Get("/api/search",
                [this](const Request& r, Response& response) { send(response, m_api.search(r.params)); });
    m_http->Get("/api/article",
                [this](const Request& r, Response& response) { send(response, m_api.article(r.params)); });
    m_http->Get("/api/entities",
                [this](const Request& r, Response& response) { send(response, m_api.entities(r.params)); });
    m_http->Get("/api/analyze",
                [this](const Request& r, Response& response) { send(response, m_api.analyze(r.params)); });
    m_http->Get("/healthz", [this](const Request&, Response& response) { send(response, m_api.health()); });
    // The page's own files, compiled in: no path reaches the file system.
    for (const PageAsset& asset : page_assets()) {
        const std::string path = asset.path == "/index.html" ? "/" : std::string(asset.path);
        m_http->Get(path, [&asset](const Request&, Response& response) {
            response.set_header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:");
            response.set_header("Cache-Control", "no-cache");
            response.set_content(asset.body.data(), asset.body.size(), asset.content_type.data());
        });
    }
    // Statuses httplib sets itself (an unknown path, a URL too long, a bad request line) get a
    // JSON body like the API's own errors.
    m_http->set_error_handler([](const Request&, Response& response) {
        if (response.body.empty()) {
            Reply reply = error_reply(response.status, status_message(response.status));
            response.set_content(reply.body, json_type);
        }
    });
    m_http->set_exception_handler([](const Request&, Response& response, std::exception_ptr error) {
        std::string message = "internal error";
        try {
            std::rethrow_exception(std::move(error));
        } catch (const std::exception& e) {
            message += std::string(": ") + e.what();
        } catch (...) {
        }
        send(response, error_reply(500, message));
    });
}

} // namespace sova::server
