// `sova serve` (docs/SERVER.md): the JSON API answers as the command line prints, errors are
// JSON with the status that fits, hostile requests and slow clients harm nothing, writers'
// commits are seen, and SIGTERM stops it. Every server binds 127.0.0.1 on a port it picks.
#include "tests/e2e/cli.hpp"
#include "tests/support/sova_server.hpp"

#include <sova/index.hpp>

#include <doctest/doctest.h>
#include <httplib.h>
#include <simdjson.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace sova::test;

namespace {

httplib::Client client(const SovaServer& server) {
    httplib::Client c("127.0.0.1", server.port());
    c.set_read_timeout(120); // a hang guard only
    c.set_connection_timeout(60);
    return c;
}

// GET `path`: the status and body (status -1 when the request failed).
std::pair<int, std::string> get(httplib::Client& c, const std::string& path) {
    auto response = c.Get(path);
    if (!response) return {-1, httplib::to_string(response.error())};
    return {response->status, response->body};
}

std::string encode(const std::string& text) {
    return httplib::detail::encode_query_param(text);
}

// Parses `body` as one JSON object (a failed check when it is not valid JSON and UTF-8).
simdjson::dom::element parse(simdjson::dom::parser& parser, const std::string& body) {
    simdjson::dom::element root;
    REQUIRE_MESSAGE(parser.parse(body).get(root) == simdjson::SUCCESS, "not JSON: " << body.substr(0, 300));
    REQUIRE(root.is_object());
    return root;
}

std::string error_of(const std::string& body) {
    simdjson::dom::parser parser;
    std::string_view message;
    REQUIRE_MESSAGE(parse(parser, body)["error"].get_string().get(message) == simdjson::SUCCESS, body);
    return std::string(message);
}

// A connection to the server on which the test writes what it likes.
int raw_connection(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    return fd;
}

} // namespace

TEST_CASE("serve: /api/search answers with the objects sova search prints") {
    SovaServer server(SOVA_BINARY, {"-i", sample_news_index()});
    auto c = client(server);
    for (const std::string query : {"Kyiv", "Shahed OR Шахед", "energy blackouts", "Харків lang:uk", "\"всё ещё\""}) {
        CAPTURE(query);
        auto [status, body] = get(c, "/api/search?n=5&facet=lang,year&facet=entity&sort=newest&q=" + encode(query));
        REQUIRE(status == 200);
        // The same object as `sova search --format response`, byte for byte...
        ProcessResult cli = run_sova({"search", "-i", sample_news_index(), "-n", "5", "--facet", "lang,year,entity",
                                      "--sort", "newest", "--format", "response", "--", query});
        REQUIRE(cli.exit_code == 0);
        CHECK(body == cli.out);
        // ... whose hits are the lines of `sova search --json`.
        ProcessResult lines =
            run_sova({"search", "-i", sample_news_index(), "-n", "5", "--json", "--sort", "newest", "--", query});
        std::string hits;
        simdjson::dom::parser parser;
        for (simdjson::dom::element hit : parse(parser, body)["hits"].get_array()) hits += simdjson::minify(hit) + "\n";
        CHECK(hits == lines.out);
        CHECK(!hits.empty());
    }
    // Filters, paging and the flags.
    auto [status, body] = get(c, "/api/search?q=Kyiv&n=2&offset=2&lang=en&since=2023&all=1");
    REQUIRE(status == 200);
    ProcessResult cli = run_sova({"search", "-i", sample_news_index(), "-n", "2", "--offset", "2", "--lang", "en",
                                  "--since", "2023", "--all", "--format", "response", "Kyiv"});
    CHECK(body == cli.out);
    CHECK(server.stop() == 0);
}

TEST_CASE("serve: articles, entities, analysis and health") {
    SovaServer server(SOVA_BINARY, {"-i", sample_news_index()});
    auto c = client(server);
    simdjson::dom::parser parser;
    auto [status, body] = get(c, "/api/article?id=en-0001");
    REQUIRE(status == 200);
    simdjson::dom::element article = parse(parser, body);
    CHECK(std::string_view(article["id"].get_string()) == "en-0001");
    CHECK(std::string_view(article["text"].get_string()).size() > 200);
    CHECK(article["entities"].get_array().size() > 0);
    CHECK(article["tags"].is_array()); // a field of the input beyond Sova's own
    CHECK(get(c, "/api/article?id=no-such-article").first == 404);

    std::tie(status, body) = get(c, "/api/entities?n=5&type=place");
    REQUIRE(status == 200);
    ProcessResult cli = run_sova({"entities", "-i", sample_news_index(), "-n", "5", "--type", "place", "--json"});
    std::string listed;
    for (simdjson::dom::element e : parse(parser, body)["entities"].get_array()) listed += simdjson::minify(e) + "\n";
    CHECK(listed == cli.out);

    const std::string text = "Марчук прибула до Києва";
    std::tie(status, body) = get(c, "/api/analyze?lang=uk&text=" + encode(text));
    REQUIRE(status == 200);
    CHECK(body == run_sova({"analyze", "--json", "--lang", "uk", text}).out);

    std::tie(status, body) = get(c, "/healthz");
    REQUIRE(status == 200);
    const std::string news = read_file(sample_dir() + "/news.jsonl");
    const auto articles = static_cast<std::uint64_t>(std::count(news.begin(), news.end(), '\n'));
    CHECK(std::uint64_t(parse(parser, body)["articles"].get_uint64()) == articles);
    CHECK(server.stop() == 0);
}

TEST_CASE("serve: errors are JSON with the status that fits") {
    SovaServer server(SOVA_BINARY, {"-i", sample_news_index()});
    auto c = client(server);
    simdjson::dom::parser parser;

    auto [status, body] = get(c, "/api/search?q=" + encode("grain (Odesa"));
    CHECK(status == 400);
    simdjson::dom::element error = parse(parser, body);
    CHECK(std::string_view(error["parameter"].get_string()) == "q");
    CHECK(std::uint64_t(error["column"].get_uint64()) == 7);

    struct Case {
        std::string path;
        int status;
        std::string says;
    };
    const std::vector<Case> cases = {
        {"/api/search", 400, "no query"},
        {"/api/search?q=%20%20", 400, "no query"},
        {"/api/search?q=Kyiv&n=many", 400, "'n' must be a whole number"},
        {"/api/search?q=Kyiv&n=100000", 400, "'n' must be a whole number"},
        {"/api/search?q=Kyiv&n=-1", 400, "'n' must be a whole number"},
        {"/api/search?q=Kyiv&offset=1e3", 400, "'offset' must be"},
        {"/api/search?q=Kyiv&since=yesterday", 400, "is not a date"},
        {"/api/search?q=Kyiv&lang=english", 400, "english"},
        {"/api/search?q=Kyiv&all=maybe", 400, "'all' must be true or false"},
        {"/api/search?q=Kyiv&facet=year,colour", 400, "'colour' is not one of"},
        {"/api/search?q=Kyiv&sort=random", 400, "'random' is not one of"},
        {"/api/search?q=Kyiv&q=Odesa", 400, "more than once"},
        {"/api/search?qq=Kyiv", 400, "unknown parameter 'qq'"},
        {"/api/entities?type=city", 400, "'type' can be"},
        {"/api/article", 400, "no article id"},
        {"/api/article?id=nothing-has-this-id", 404, "no article has the id"},
        {"/api/nothing", 404, "not found"},
        {"/index.php", 404, "not found"},
    };
    for (const Case& t : cases) {
        CAPTURE(t.path);
        std::tie(status, body) = get(c, t.path);
        CHECK(status == t.status);
        CHECK(has(error_of(body), t.says));
    }
    // Writing methods are refused, naming the ones allowed.
    for (const std::string method : {"POST", "PUT", "DELETE", "PATCH"}) {
        CAPTURE(method);
        httplib::Request request;
        request.method = method;
        request.path = "/api/search?q=Kyiv";
        request.body = "{}";
        auto response = c.send(request);
        REQUIRE(response);
        CHECK(response->status == 405);
        CHECK(response->get_header_value("Allow") == "GET, HEAD, OPTIONS");
        CHECK(has(error_of(response->body), "method not allowed"));
    }
    CHECK(server.stop() == 0);
}

TEST_CASE("serve: hostile requests get an answer and harm nothing") {
    SovaServer server(SOVA_BINARY, {"-i", sample_news_index()});
    auto c = client(server);
    simdjson::dom::parser parser;
    // A 1 MB query and 10,000 parameters: the URL is too long.
    auto [status, body] = get(c, "/api/search?q=" + std::string(std::size_t{1} << 20, 'a'));
    CHECK(status == 414);
    CHECK(has(error_of(body), "too long"));
    std::string many = "/api/search?q=Kyiv";
    for (int i = 0; i < 10000; ++i) many += "&p" + std::to_string(i) + "=1";
    std::tie(status, body) = get(c, many);
    CHECK(status == 414);
    // Many parameters within the URL's limit: refused by count (httplib drops repeated
    // name=value pairs, so each is another).
    many = "/api/search?q=Kyiv";
    for (int i = 0; i < 200; ++i) many += "&p" + std::to_string(i) + "=1";
    std::tie(status, body) = get(c, many);
    CHECK(status == 400);
    CHECK(has(error_of(body), "too many parameters"));
    // Invalid UTF-8 and NUL in the query: an answer in valid JSON (simdjson checks UTF-8).
    for (const std::string q : {"%FF%FEKyiv", "Kyiv%00", "%00", "%C0%AF%E2%82", "%ED%A0%80Київ"}) {
        CAPTURE(q);
        std::tie(status, body) = get(c, "/api/search?q=" + q);
        CHECK((status == 200 || status == 400));
        parse(parser, body);
    }
    std::tie(status, body) = get(c, "/api/search?q=Kyiv&%FF%FE=1");
    CHECK(status == 400);
    parse(parser, body);
    // Paths out of the page: nothing of the file system is served.
    for (const std::string path : {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
                                   "/app.js/../../etc/passwd", "/%2e%2e%5c%2e%2e%5cetc%5cpasswd"}) {
        CAPTURE(path);
        std::tie(status, body) = get(c, path);
        CHECK((status == 404 || status == 400));
        CHECK(!has(body, "root:"));
    }
    // HEAD answers as GET without a body; OPTIONS names the methods.
    auto head = c.Head("/api/search?q=Kyiv");
    REQUIRE(head);
    CHECK(head->status == 200);
    CHECK(head->body.empty());
    auto options = c.Options("/api/search");
    REQUIRE(options);
    CHECK(options->status == 204);
    CHECK(options->get_header_value("Allow") == "GET, HEAD, OPTIONS");
    // A request line of garbage, then a request that is no HTTP at all.
    for (const std::string& junk : {std::string("GARBAGE\r\n\r\n"), std::string("\0\x01\xff\r\n\r\n", 7)}) {
        const int fd = raw_connection(server.port());
        CHECK(write(fd, junk.data(), junk.size()) == static_cast<ssize_t>(junk.size()));
        char reply[512];
        CHECK(read(fd, reply, sizeof reply) >= 0); // an answer or a closed connection, no hang
        close(fd);
    }
    // The server still answers.
    std::tie(status, body) = get(c, "/api/search?q=Kyiv");
    CHECK(status == 200);
    CHECK(server.stop() == 0);
}

TEST_CASE("serve: slow clients holding connections do not keep others waiting") {
    SovaServer server(SOVA_BINARY, {"-i", sample_news_index(), "--connections", "16"});
    // Ten clients that start a request and never finish it.
    std::vector<int> slow;
    for (int i = 0; i < 10; ++i) {
        slow.push_back(raw_connection(server.port()));
        const std::string partial = "GET /api/search?q=Ky";
        CHECK(write(slow.back(), partial.data(), partial.size()) == static_cast<ssize_t>(partial.size()));
    }
    auto c = client(server);
    for (int i = 0; i < 20; ++i) CHECK(get(c, "/api/search?q=Kyiv&n=3").first == 200);
    for (int fd : slow) close(fd);
    CHECK(server.stop() == 0);
}

TEST_CASE("serve: many clients at once get the answers one client gets") {
    SovaServer server(SOVA_BINARY, {"-i", sample_news_index(), "--threads", "2"});
    const std::vector<std::string> queries = {"Kyiv", "Odesa port", "Харків", "entity:Kharkiv", "grain -Odesa"};
    std::vector<std::string> expected;
    {
        auto c = client(server);
        for (const auto& q : queries) expected.push_back(get(c, "/api/search?q=" + encode(q)).second);
    }
    std::atomic<int> wrong{0};
    std::vector<std::thread> clients;
    for (int t = 0; t < 8; ++t)
        clients.emplace_back([&, t] {
            auto c = client(server);
            for (int i = 0; i < 25; ++i) {
                const std::size_t k = static_cast<std::size_t>(t + i) % queries.size();
                auto [status, body] = get(c, "/api/search?q=" + encode(queries[k]));
                if (status != 200 || body != expected[k]) ++wrong;
            }
        });
    for (auto& t : clients) t.join();
    CHECK(wrong == 0);
    CHECK(server.stop() == 0);
}

TEST_CASE("serve: searches during commits succeed, and see each commit once it is made") {
    TempDir dir;
    const std::string index = dir / "index";
    REQUIRE(run_sova({"index", "-q", "-j", "1", "-i", index, sample_dir() + "/news.jsonl"}).exit_code == 0);
    SovaServer server(SOVA_BINARY, {"-i", index});
    std::atomic<bool> writing{true};
    std::atomic<int> failed{0};
    std::thread searcher([&] {
        auto c = client(server);
        while (writing)
            if (get(c, "/api/search?q=Kyiv").first != 200) ++failed;
    });
    {
        sova::IndexWriter writer = sova::IndexWriter::create_or_open(index);
        auto c = client(server);
        for (int round = 0; round < 6; ++round) {
            const std::string word = "zebrafinch" + std::to_string(round);
            writer.add({"new-" + std::to_string(round), "Kyiv bulletin " + word, "News of Kyiv and the " + word + ".",
                        "", "2024-01-0" + std::to_string(round + 1), "en", "", ""});
            writer.commit();
            // Committed: the very next search sees it.
            auto [status, body] = get(c, "/api/search?q=" + word);
            CHECK(status == 200);
            CHECK(has(body, "\"id\":\"new-" + std::to_string(round) + "\""));
        }
    }
    writing = false;
    searcher.join();
    CHECK(failed == 0);
    CHECK(server.stop() == 0);
}

TEST_CASE("serve: refuses to start on what it cannot serve") {
    TempDir dir;
    ProcessResult r = run_sova({"serve", "--port", "0", "-i", dir / "nothing-here"});
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, "nothing-here"));
    // A port that is taken.
    SovaServer server(SOVA_BINARY, {"-i", sample_news_index()});
    r = run_sova({"serve", "--bind", "127.0.0.1", "--port", std::to_string(server.port()), "-i", sample_news_index()});
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, "cannot listen on 127.0.0.1:" + std::to_string(server.port())));
    CHECK(server.stop() == 0);
}
