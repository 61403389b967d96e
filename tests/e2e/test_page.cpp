// The search page of `sova serve`, rendered by a real browser (headless Chromium): the hits the
// API returns, in order, with their matched words marked exactly where the API says (the
// page turns the API's byte offsets into JavaScript's UTF-16 ones), entity chips and facets,
// and an error shown for a bad query. A screenshot is left in the build tree for people.
#include "tests/e2e/cli.hpp"
#include "tests/support/sova_server.hpp"

#include <doctest/doctest.h>
#include <httplib.h>
#include <simdjson.h>
#include <xapian.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

using namespace sova::test;

namespace {

// The page at `url` as the browser has it once its scripts are done: Chromium's virtual time
// runs only while no fetch is pending, so the budget is spent after the search has answered.
std::string rendered(const std::string& url, const std::vector<std::string>& extra = {}) {
    TempDir profile;
    std::vector<std::string> argv{
        CHROMIUM_BINARY, "--headless",
        "--no-sandbox", // tests may run as root, where the sandbox refuses to start
        "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile.path().string(), "--virtual-time-budget=10000"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back("--dump-dom");
    argv.push_back(url);
    ProcessResult r = run_process(argv, {}, -1, 300);
    REQUIRE_MESSAGE(r.exit_code == 0, "chromium failed: " << r.err);
    return r.out;
}

std::string unescape(std::string text) {
    const std::pair<const char*, const char*> entities[] = {{"&lt;", "<"},  {"&gt;", ">"},          {"&quot;", "\""},
                                                            {"&#39;", "'"}, {"&nbsp;", "\xC2\xA0"}, {"&amp;", "&"}};
    for (const auto& [entity, character] : entities)
        for (std::size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1))
            text.replace(at, std::strlen(entity), character);
    return text;
}

// Every match of the first group of `pattern` in `html`, unescaped.
std::vector<std::string> all(const std::string& html, const std::string& pattern) {
    std::vector<std::string> out;
    const std::regex re(pattern);
    for (std::sregex_iterator it(html.begin(), html.end(), re), end; it != end; ++it) out.push_back(unescape((*it)[1]));
    return out;
}

struct ApiHit {
    std::string title;
    std::vector<std::string> marked; // the snippet's highlighted words, by the API's byte offsets
};

std::vector<ApiHit> api_hits(int port, const std::string& query) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(120);
    auto response = client.Get("/api/search?n=10&q=" + httplib::detail::encode_query_param(query));
    REQUIRE(response);
    REQUIRE(response->status == 200);
    simdjson::dom::parser parser;
    simdjson::dom::element root = parser.parse(response->body);
    std::vector<ApiHit> hits;
    for (simdjson::dom::element hit : root["hits"].get_array()) {
        ApiHit h{std::string(std::string_view(hit["title"].get_string())), {}};
        const std::string_view snippet = hit["snippet"].get_string();
        for (simdjson::dom::element range : hit["highlights"].get_array()) {
            const auto begin = static_cast<std::size_t>(std::uint64_t(range.at(0).get_uint64()));
            const auto end = static_cast<std::size_t>(std::uint64_t(range.at(1).get_uint64()));
            h.marked.emplace_back(snippet.substr(begin, end - begin));
        }
        hits.push_back(std::move(h));
    }
    return hits;
}

} // namespace

TEST_CASE("browser: the search page shows the API's hits with their matched words marked, and an article") {
    SovaServer server(SOVA_BINARY, {"-i", sample_news_index()});
    for (const std::string query : {"Kyiv blackouts", "Київ", "Харків OR Kharkiv", "\"всё ещё\""}) {
        CAPTURE(query);
        const std::vector<ApiHit> expected = api_hits(server.port(), query);
        REQUIRE(!expected.empty());
        const std::string html = rendered(server.url() + "/?q=" + httplib::detail::encode_query_param(query));
        // The box holds the query from the URL.
        CHECK(has(html, "Results 1–"));
        // One item per hit, in the API's order, each with the words the API highlights.
        std::vector<std::string> items;
        for (std::size_t at = html.find("<li class=\"hit\">"); at != std::string::npos;) {
            const std::size_t next = html.find("<li class=\"hit\">", at + 1);
            items.push_back(html.substr(at, next == std::string::npos ? std::string::npos : next - at));
            at = next;
        }
        REQUIRE(items.size() == expected.size());
        for (std::size_t i = 0; i < items.size(); ++i) {
            CAPTURE(i);
            const std::vector<std::string> titles = all(items[i], "<h2>(?:<a [^>]*>)?([^<]*)");
            REQUIRE(titles.size() == 1);
            CHECK(titles[0] == expected[i].title);
            CHECK(all(items[i], "<mark>([^<]*)</mark>") == expected[i].marked);
            CHECK(has(items[i], "&amp;id=")); // the link to the article's own view
        }
        CHECK(!expected.front().marked.empty());
        // Entity chips search `entity:`; the facets list the matches' entities.
        CHECK(has(html, "class=\"chip\" href=\"/?q=entity%3A%22"));
        CHECK(has(html, "<aside id=\"facets\" aria-labelledby=\"facets-title\">"));
    }
    // The timeline and the languages of the matches, as the API counts them, sorted newest first.
    {
        httplib::Client client("127.0.0.1", server.port());
        auto response = client.Get("/api/search?n=0&facet=year,lang&q=Kyiv");
        REQUIRE(response);
        simdjson::dom::parser parser;
        std::vector<std::string> years, langs;
        for (simdjson::dom::element facet : parser.parse(response->body)["facets"].get_array()) {
            const std::string key(std::string_view(facet["key"].get_string()));
            const std::string count = std::to_string(std::uint64_t(facet["articles"].get_uint64()));
            if (std::string_view(facet["facet"].get_string()) == "year")
                years.push_back(key + ": " + count + " articles");
            else
                langs.push_back(key + count);
        }
        REQUIRE(!years.empty());
        const std::string html = rendered(server.url() + "/?q=Kyiv&sort=newest");
        // Bars from the first year to the last (none is missing in this sample), then languages.
        CHECK(all(html, "aria-label=\"(\\d{4}: \\d+ articles)\"") == years);
        std::vector<std::string> shown;
        for (const std::string& item :
             all(html, "href=\"/\\?q=Kyiv&amp;lang=([a-z]{2})&amp;sort=newest\">[a-z]{2}</a><span class=\"count\">"))
            shown.push_back(item);
        std::vector<std::string> counts =
            all(html, "&amp;lang=[a-z]{2}&amp;sort=newest\">[a-z]{2}</a><span class=\"count\">(\\d+)<");
        REQUIRE(shown.size() == counts.size());
        for (std::size_t i = 0; i < shown.size(); ++i) shown[i] += counts[i];
        CHECK(shown == langs);
    }
    // An article's own view, reached from a hit: its title, its text in paragraphs, its entities,
    // and a link back to the results it came from.
    {
        const std::string html = rendered(server.url() + "/?q=Kyiv&id=en-0001");
        httplib::Client client("127.0.0.1", server.port());
        auto response = client.Get("/api/article?id=en-0001");
        REQUIRE(response);
        simdjson::dom::parser parser;
        simdjson::dom::element article = parser.parse(response->body);
        const std::string title(std::string_view(article["title"].get_string()));
        CHECK(all(html, "<h1 id=\"article-title\">([^<]*)</h1>") == std::vector<std::string>{title});
        const std::string text(std::string_view(article["text"].get_string()));
        const std::vector<std::string> paragraphs = all(html, "<p>([^<]+)</p>");
        REQUIRE(!paragraphs.empty());
        CHECK(text.starts_with(paragraphs.front()));
        CHECK(has(html, "<a id=\"back\" href=\"/?q=Kyiv\">"));
        // "More like this" searches like:ID, which lists other articles.
        CHECK(has(html, "<a id=\"more-like\" href=\"/?q=like%3Aen-0001\">"));
        const std::string like = rendered(server.url() + "/?q=like%3Aen-0001");
        CHECK(has(like, "<li class=\"hit\">"));
        CHECK(!has(like, "id=en-0001\""));
        CHECK(has(html, "class=\"chip\" href=\"/?q=entity%3A%22"));
        CHECK(!has(html, "<li class=\"hit\">"));
        CHECK(has(rendered(server.url() + "/?id=no-such-article"), "no article has the id"));
    }
    // A query that does not parse: the API's message, no hits.
    const std::string html = rendered(server.url() + "/?q=%28Kyiv");
    CHECK(has(html, "class=\"error\""));
    CHECK(has(html, "missing ')'"));
    CHECK(!has(html, "<li class=\"hit\">"));
    // A picture of the page, for people (not compared: fonts differ between machines).
    std::filesystem::create_directories(SOVA_TEST_ARTIFACTS);
    const std::string picture = std::string(SOVA_TEST_ARTIFACTS) + "/search-page.png";
    std::filesystem::remove(picture);
    rendered(server.url() + "/?q=" + httplib::detail::encode_query_param("Київ blackouts"),
             {"--window-size=1280,1000", "--screenshot=" + picture});
    CHECK(read_file(picture).starts_with("\x89PNG"));
    CHECK(server.stop() == 0);
}

TEST_CASE("browser: an index built before language and source facets still searches, with its timeline") {
    TempDir dir;
    const std::string old = dir / "old";
    std::filesystem::copy(sample_news_index(), old, std::filesystem::copy_options::recursive);
    std::filesystem::remove(old + "/sova.lock");
    {
        Xapian::WritableDatabase db(old);
        db.set_metadata("features", "aboutness order names"); // as an earlier version wrote it
        db.commit();
    }
    SovaServer server(SOVA_BINARY, {"-i", old});
    const std::string html = rendered(server.url() + "/?q=Kyiv");
    CHECK(has(html, "Results 1–"));
    CHECK(has(html, "<li class=\"hit\">"));
    CHECK(!all(html, "aria-label=\"(\\d{4}: \\d+ articles)\"").empty()); // years still count
    CHECK(!has(html, "re-index"));
}
