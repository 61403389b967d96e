// End to end: `sova search --facet` (tables, timelines, JSON Lines after the hits) and `--sort`
// on the bundled sample news.
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>
#include <simdjson.h>

#include <map>
#include <sstream>
#include <string>

using sova::test::has;
using sova::test::ProcessResult;
using sova::test::run_sova;
using sova::test::sample_news_index;

namespace {

// The facet lines of `--json` output: facet -> key -> articles; hits are left out.
std::map<std::string, std::map<std::string, std::uint64_t>> facet_lines(const std::string& out) {
    std::map<std::string, std::map<std::string, std::uint64_t>> facets;
    simdjson::dom::parser parser;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        simdjson::dom::element object = parser.parse(line);
        std::string_view facet;
        if (object["facet"].get(facet)) continue; // a hit
        if (facet == "entity") continue;
        facets[std::string(facet)][std::string(object["key"].get_string().value())] =
            object["articles"].get_uint64().value();
    }
    return facets;
}

} // namespace

TEST_CASE("e2e: --facet counts languages, sources, years and months of every match") {
    // Every match, counted one by one from its hits: all of them fit on one page here.
    ProcessResult all = run_sova({"search", "-i", sample_news_index(), "-n", "100", "--json", "--facet", "lang,year",
                                  "--facet", "month", "--facet", "source", "Kharkiv"});
    REQUIRE(all.exit_code == 0);
    std::map<std::string, std::map<std::string, std::uint64_t>> expected;
    simdjson::dom::parser parser;
    std::istringstream lines(all.out);
    std::size_t hits = 0;
    for (std::string line; std::getline(lines, line);) {
        simdjson::dom::element object = parser.parse(line);
        if (!object["rank"].error()) {
            ++hits;
            std::string date(object["date"].get_string().value());
            ++expected["lang"][std::string(object["lang"].get_string().value())];
            ++expected["source"][std::string(object["source"].get_string().value())];
            ++expected["year"][date.substr(0, 4)];
            ++expected["month"][date.size() >= 7 ? date.substr(0, 7) : ""];
        }
    }
    REQUIRE(hits > 10);
    CHECK(facet_lines(all.out) == expected);

    // Only the counts: -n 0.
    ProcessResult counts = run_sova(
        {"search", "-i", sample_news_index(), "-n", "0", "--json", "--facet", "lang,year,month,source", "Kharkiv"});
    REQUIRE(counts.exit_code == 0);
    CHECK(facet_lines(counts.out) == expected);

    // A batch prints each query's facets in its line, as --format response does.
    ProcessResult batch =
        run_sova({"search", "-i", sample_news_index(), "--batch", "-", "--facet", "lang"}, "q1\tKharkiv\n");
    REQUIRE(batch.exit_code == 0);
    CHECK(has(batch.out, "\"facets\":["));
    CHECK(has(batch.out, "\"facets_exact\":true}"));
    std::size_t shown = 0;
    for (const auto& [key, n] : expected["lang"])
        shown += has(batch.out, "{\"facet\":\"lang\",\"key\":\"" + key + "\",\"articles\":" + std::to_string(n) + "}");
    CHECK(shown == expected["lang"].size());

    // For people: a table and a timeline.
    ProcessResult text =
        run_sova({"search", "-i", sample_news_index(), "-n", "0", "--facet", "year", "--facet", "lang", "Kharkiv"});
    REQUIRE(text.exit_code == 0);
    CHECK(has(text.out, "Years:\n"));
    CHECK(has(text.out, "Languages:\n"));
    CHECK(text.out.find("Years:") < text.out.find("Languages:")); // in the order asked
    CHECK(has(text.out, "  2023      " + std::to_string(expected["year"]["2023"]) + "  \xE2\x96\x88"));
    CHECK(has(text.out, "(no date)") == (expected["year"].count("") > 0));
}

TEST_CASE("e2e: --sort newest and oldest, bad facet and sort names") {
    for (const char* sort : {"newest", "oldest"}) {
        CAPTURE(sort);
        ProcessResult r = run_sova({"search", "-i", sample_news_index(), "-n", "50", "--json", "--sort", sort, "Kyiv"});
        REQUIRE(r.exit_code == 0);
        std::vector<std::string> dates;
        for (const auto& hit : sova::test::parse_hits(r.out)) dates.push_back(hit.date);
        REQUIRE(dates.size() > 5);
        const auto undated = std::find(dates.begin(), dates.end(), std::string());
        CHECK(std::all_of(undated, dates.end(), [](const std::string& d) { return d.empty(); }));
        CHECK(std::is_sorted(dates.begin(), undated, [&](const std::string& a, const std::string& b) {
            return std::string(sort) == "newest" ? a > b : a < b;
        }));
    }
    ProcessResult bad = run_sova({"search", "-i", sample_news_index(), "--sort", "random", "Kyiv"});
    CHECK(bad.exit_code == 2);
    CHECK(has(bad.err, "relevance"));
    bad = run_sova({"search", "-i", sample_news_index(), "--facet", "lang,colour", "Kyiv"});
    CHECK(bad.exit_code == 2);
    CHECK(has(bad.err, "colour"));
}
