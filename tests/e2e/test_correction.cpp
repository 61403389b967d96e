// `sova search` corrects a query typed on the wrong keyboard layout or with a misspelt word:
// text, JSON Lines, the response object and batch output; --no-correct searches what was typed.
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace sova::test;

TEST_CASE("e2e: a corrected query, as text, JSON Lines and the response object") {
    const std::string& index = sample_news_index();
    const struct {
        const char* typed;
        const char* corrected;
        const char* reason;
    } rows[] = {
        {"Rb]d", "Київ", "layout"},                                             // Ukrainian ЙЦУКЕН read as QWERTY
        {"utythfnjhs", "генераторы", "layout"},                                 // Russian, ы on `s`
        {"blakcouts", "blackouts", "spelling"},                                 // a transposition
        {"rolling blakcouts lang:en", "rolling blackouts lang:en", "spelling"}, // the filter kept
    };
    for (const auto& row : rows) {
        CAPTURE(std::string(row.typed));
        ProcessResult text = run_sova({"search", "-i", index, "-n", "1", "--", row.typed});
        CHECK(text.exit_code == 0);
        CHECK(has(text.out, std::string("Showing results for \xC2\xAB") + row.corrected +
                                "\xC2\xBB. Search instead for \xC2\xAB" + row.typed + "\xC2\xBB.\n"));
        ProcessResult json = run_sova({"search", "--json", "-i", index, "-n", "3", "--", row.typed});
        CHECK(json.exit_code == 0);
        CHECK(json.out.starts_with(std::string("{\"corrected\":\"") + row.corrected + "\",\"reason\":\"" + row.reason +
                                   "\"}\n"));
        CHECK(ids(parse_hits(json.out)) == search_ids(index, row.corrected, 3));
        ProcessResult response = run_sova({"search", "--format", "response", "-i", index, "--", row.typed});
        CHECK(has(response.out, std::string("\"corrected\":\"") + row.corrected + "\",\"reason\":\"" + row.reason));
    }
}

TEST_CASE("e2e: --no-correct searches exactly what was typed, known words are never corrected") {
    const std::string& index = sample_news_index();
    ProcessResult typed = run_sova({"search", "--no-correct", "-i", index, "--", "Rb]d"});
    CHECK(typed.exit_code == 1);
    CHECK(!has(typed.out, "Showing results"));
    for (const char* query : {"blackouts", "\"rolling blakcouts\"", "Київ", "lang:uk"}) {
        CAPTURE(std::string(query));
        ProcessResult r = run_sova({"search", "--json", "-i", index, "--", query});
        CHECK(!has(r.out, "\"reason\""));
    }
}

TEST_CASE("e2e: batch output gives each query's correction") {
    TempDir dir;
    const std::string queries = dir.write("queries.tsv", "q1\tRb]d\nq2\tblackouts\n");
    ProcessResult r = run_sova({"search", "-i", sample_news_index(), "--batch", queries});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const std::size_t second = r.out.find("\"qid\":\"q2\"");
    REQUIRE(second != std::string::npos);
    const std::string first_line = r.out.substr(0, second);
    CHECK(has(first_line, "\"query\":\"Rb]d\""));
    CHECK(has(first_line, "\"corrected\":\"Київ\",\"reason\":\"layout\""));
    CHECK(!has(r.out.substr(second), "\"reason\""));
}
