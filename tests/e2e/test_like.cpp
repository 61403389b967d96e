// End to end: `sova search --like ID` and like:ID on the sample news, in every output form.
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace sova::test;

namespace {

bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

} // namespace

TEST_CASE("e2e: --like finds the same story in the other languages, never the article itself") {
    // The sample reports one football match in Russian, Ukrainian and English.
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"--like", "ru-0007"}, std::vector<std::string>{"like:ru-0007"}}) {
        std::vector<std::string> argv{"search", "--json", "-n", "2", "-i", sample_news_index()};
        argv.insert(argv.end(), args.begin(), args.end());
        ProcessResult r = run_sova(argv);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        std::vector<std::string> hits = ids(parse_hits(r.out));
        std::sort(hits.begin(), hits.end());
        CHECK(hits == std::vector<std::string>{"en-0007", "uk-0007"});
    }
    // Never the article itself, however deep the list goes.
    ProcessResult all = run_sova({"search", "--json", "-n", "100", "-i", sample_news_index(), "--like", "en-0004"});
    REQUIRE_MESSAGE(all.exit_code == 0, all.err);
    CHECK_FALSE(contains(ids(parse_hits(all.out)), "en-0004"));
    // With a language and words; in text.
    ProcessResult uk = run_sova({"search", "--json", "-i", sample_news_index(), "--like", "en-0004", "--lang", "uk"});
    REQUIRE_MESSAGE(uk.exit_code == 0, uk.err);
    const auto uk_hits = parse_hits(uk.out);
    REQUIRE(!uk_hits.empty());
    CHECK(uk_hits.front().id == "uk-0004");
    for (const auto& hit : uk_hits) CHECK(hit.lang == "uk");
    ProcessResult text = run_sova({"search", "-i", sample_news_index(), "--like", "ru-0004", "-n", "2", "генераторы"});
    REQUIRE_MESSAGE(text.exit_code == 0, text.err);
    CHECK_FALSE(has(text.out, "ru-0004"));
    ProcessResult response =
        run_sova({"search", "--format", "response", "-i", sample_news_index(), "--like", "uk-0004", "-n", "3"});
    REQUIRE_MESSAGE(response.exit_code == 0, response.err);
    CHECK(has(response.out, "\"query\":\"like:\\\"uk-0004\\\"\""));
}

TEST_CASE("e2e: --like with an unknown id or a batch is an error, exit 2") {
    ProcessResult unknown = run_sova({"search", "-i", sample_news_index(), "--like", "no-such-article"});
    CHECK(unknown.exit_code == 2);
    CHECK(has(unknown.err, "no article with the id 'no-such-article'"));
    ProcessResult in_query = run_sova({"search", "-i", sample_news_index(), "Kharkiv", "like:nope"});
    CHECK(in_query.exit_code == 2);
    CHECK(has(in_query.err, "column 9"));
    CHECK(unknown.out.empty());
    TempDir dir;
    const std::string queries = dir.write("queries.txt", "Kharkiv\n");
    ProcessResult batch = run_sova({"search", "-i", sample_news_index(), "--like", "en-0004", "--batch", queries});
    CHECK(batch.exit_code == 2);
    CHECK(has(batch.err, "--like"));
    ProcessResult empty = run_sova({"search", "-i", sample_news_index(), "--like", ""});
    CHECK(empty.exit_code == 2);
    CHECK(has(empty.err, "--like needs an article id"));
}
