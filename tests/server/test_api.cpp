// The HTTP server's API without HTTP (server/api.hpp), its search threads (server/workers.hpp),
// and what the library gives it: Searcher::article, Hit::fields, a cheap Searcher::reopen.
#include "server/api.hpp"
#include "server/workers.hpp"
#include "tests/support/temp_dir.hpp"

#include <sova/index.hpp>
#include <sova/search.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace sova;
using sova::test::TempDir;

namespace {

std::string make_index(const TempDir& dir) {
    const std::string path = dir / "index";
    IndexWriter writer = IndexWriter::create_or_open(path);
    writer.add({"kyiv-1", "Kyiv metro", "The Kyiv metro opened a new station on the left bank.", "", "2024-03-01", "en",
                "Metro News", R"({"author":"Olena Bilyk","tags":["metro","kyiv"],"id":"not this one"})"});
    writer.add({"kyiv-2", "Київ", "У Києві відкрили нову станцію метро.", "", "2024-03-02", "uk", "", ""});
    writer.commit();
    return path;
}

bool has(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

} // namespace

TEST_CASE("Searcher::article reads a stored article with its further fields") {
    TempDir dir;
    Searcher searcher = Searcher::open(make_index(dir));
    std::optional<StoredArticle> found = searcher.article("kyiv-1");
    REQUIRE(found);
    CHECK(found->article.title == "Kyiv metro");
    CHECK(found->article.date == "2024-03-01");
    CHECK(has(found->article.extra_json, "\"author\":\"Olena Bilyk\""));
    CHECK(!found->entities.empty());
    CHECK(!searcher.article("kyiv-3"));
    CHECK(!searcher.article(""));
    // A hit carries the same fields, verbatim.
    SearchResults results = searcher.search("station");
    REQUIRE(!results.hits.empty());
    CHECK(results.hits.front().fields == found->article.extra_json);
}

TEST_CASE("Searcher::reopen sees a commit, and costs nothing when there is none") {
    TempDir dir;
    const std::string path = make_index(dir);
    Searcher searcher = Searcher::open(path);
    CHECK(searcher.document_count() == 2);
    searcher.reopen(); // nothing changed
    CHECK(searcher.search("metro OR метро").total == 2);
    {
        IndexWriter writer = IndexWriter::create_or_open(path);
        writer.add({"kyiv-3", "Kyiv trams", "Kyiv trams run again.", "", "", "en", "", ""});
        writer.commit();
    }
    CHECK(searcher.document_count() == 2); // not until reopened
    searcher.reopen();
    CHECK(searcher.document_count() == 3);
    CHECK(searcher.search("trams").total == 1);
}

TEST_CASE("Workers run jobs on their own searchers, pass errors on, and refuse work past the queue") {
    TempDir dir;
    const std::string path = make_index(dir);
    server::Workers workers({path}, {}, 2, 8);
    std::uint64_t total = 0;
    workers.run([&](Searcher& searcher) { total = searcher.search("metro OR метро").total; });
    CHECK(total == 2);
    CHECK_THROWS_AS(workers.run([](Searcher& searcher) { searcher.search("(metro"); }), QueryError);
    // The worker's searcher survived the bad query.
    workers.run([&](Searcher& searcher) { total = searcher.search("Київ").total; });
    CHECK(total >= 1);
    server::Workers none({path}, {}, 1, 0);
    CHECK_THROWS_AS(none.run([](Searcher&) {}), server::Busy);
}

TEST_CASE("Api: parameters become search options, and their errors name the parameter") {
    TempDir dir;
    server::ApiOptions options;
    options.locations = {make_index(dir)};
    server::Api api(options);
    server::Reply reply = api.search({{"q", "metro OR метро"}, {"lang", "uk"}});
    CHECK(reply.status == 200);
    CHECK(has(reply.body, "\"id\":\"kyiv-2\""));
    CHECK(!has(reply.body, "\"id\":\"kyiv-1\""));
    reply = api.search({{"q", "metro OR метро"}, {"lang", "uk,en"}, {"since", "2024-03-02"}});
    CHECK(has(reply.body, "\"total\":1,"));
    // The hit's further fields, but not one named as a field of the hit's own.
    reply = api.search({{"q", "station"}, {"lang", "en"}});
    CHECK(has(reply.body, "\"author\":\"Olena Bilyk\""));
    CHECK(!has(reply.body, "not this one"));

    reply = api.search({{"q", "station"}, {"lang", "en"}, {"snippets", "0"}});
    CHECK(has(reply.body, "\"snippet\":\"\""));
    CHECK(has(reply.body, "\"highlights\":[]"));
    CHECK(has(api.search({{"q", "station"}, {"lang", "en"}}).body, "\"highlights\":[["));

    reply = api.search({{"q", "metro"}, {"lang", "ukrainian"}});
    CHECK(reply.status == 400);
    CHECK(has(reply.body, "\"parameter\":\"lang\""));
    reply = api.search({{"q", "metro"}, {"until", "2024-01-01"}, {"since", "2024-06-01"}});
    CHECK(reply.status == 400);
    reply = api.search({{"q", "metro OR"}});
    CHECK(reply.status == 400);
    CHECK(has(reply.body, "\"column\":"));
    // More like this: the other article, never the one named; an unknown one is the query's error.
    reply = api.search({{"q", "like:kyiv-1"}});
    CHECK(reply.status == 200);
    CHECK(has(reply.body, "\"id\":\"kyiv-2\""));
    CHECK(!has(reply.body, "\"id\":\"kyiv-1\""));
    reply = api.search({{"q", "like:kyiv-9"}});
    CHECK(reply.status == 400);
    CHECK(has(reply.body, "'kyiv-9'"));
    CHECK(has(reply.body, "\"column\":1"));
    CHECK(api.article({{"id", "kyiv-2"}}).status == 200);
    CHECK(api.article({{"id", "kyiv-9"}}).status == 404);
    CHECK(api.analyze({{"text", std::string(70000, 'a')}}).status == 413);
    CHECK(api.health().status == 200);
}

TEST_CASE("Api: correct=0 searches exactly what was typed, a correction is in the answer") {
    TempDir dir;
    server::ApiOptions options;
    options.locations = {make_index(dir)};
    server::Api api(options);
    // `vtnhj` is `метро` typed on QWERTY; `staiton` a transposition of `station`.
    server::Reply reply = api.search({{"q", "vtnhj"}});
    CHECK(reply.status == 200);
    CHECK(has(reply.body, "\"corrected\":\"метро\",\"reason\":\"layout\""));
    CHECK(has(reply.body, "\"id\":\"kyiv-2\""));
    reply = api.search({{"q", "staiton"}, {"correct", "1"}});
    CHECK(has(reply.body, "\"corrected\":\"station\",\"reason\":\"spelling\""));
    CHECK(has(reply.body, "\"id\":\"kyiv-1\""));
    reply = api.search({{"q", "vtnhj"}, {"correct", "0"}});
    CHECK(reply.status == 200);
    CHECK(!has(reply.body, "\"corrected\""));
    CHECK(has(reply.body, "\"hits\":[]"));
    CHECK(api.search({{"q", "metro"}}).body.find("\"reason\"") == std::string::npos); // a known word
    reply = api.search({{"q", "metro"}, {"correct", "maybe"}});
    CHECK(reply.status == 400);
    CHECK(has(reply.body, "\"parameter\":\"correct\""));
}

TEST_CASE("Api: an archive that cannot be opened is refused at start") {
    TempDir dir;
    server::ApiOptions options;
    options.locations = {dir / "missing"};
    CHECK_THROWS_AS(server::Api{options}, IndexError);
}
