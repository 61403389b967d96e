// End to end: snippets show why each hit matched, and not a footer its source repeats.
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

using namespace sova::test;

namespace {

// The highlighted words of a hit.
std::vector<std::string> highlighted(const JsonHit& hit) {
    std::vector<std::string> words;
    for (const auto& [begin, end] : hit.highlights) words.push_back(hit.snippet.substr(begin, end - begin));
    return words;
}

} // namespace

TEST_CASE("e2e: Odesa highlights Одеса and Odessa, the spellings it matched by") {
    ProcessResult r = run_sova({"search", "--json", "-n", "50", "-i", sample_news_index(), "Odesa"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const std::vector<JsonHit> hits = parse_hits(r.out);
    REQUIRE(hits.size() >= 5);
    // The city's forms in the sample's three languages (not the adjective Одесская: another key).
    const std::set<std::string> forms{"Odesa",  "Odessa", "Odesa's", "Одеса",  "Одеси",  "Одесі",  "Одесу",
                                      "Одесою", "Одесса", "Одессы",  "Одессе", "Одессу", "Одессой"};
    std::size_t cyrillic = 0;
    for (const JsonHit& hit : hits) {
        CAPTURE(hit.id);
        CAPTURE(hit.snippet);
        const std::vector<std::string> words = highlighted(hit);
        // Every form of the name shown is highlighted.
        for (const std::string& form : forms)
            for (std::size_t at = hit.snippet.find(form); at != std::string::npos;
                 at = hit.snippet.find(form, at + 1)) {
                const std::size_t end = at + form.size();
                const bool whole =
                    end == hit.snippet.size() || std::string(" ,.:;!?»)").find(hit.snippet[end]) != std::string::npos;
                if (!whole) continue;
                bool marked = false;
                for (const auto& [begin, stop] : hit.highlights) marked = marked || (begin == at && stop == end);
                CHECK_MESSAGE(marked, form);
            }
        if ((hit.lang == "uk" || hit.lang == "ru") && !words.empty()) ++cyrillic;
    }
    CHECK(cyrillic >= 3);
}

TEST_CASE("e2e: a footer that several articles of a source repeat is not their snippet") {
    TempDir dir;
    const std::string corpus = dir / "footer.jsonl";
    const std::string footer = "Support journalism from Odesa: donate to Odesa's Harbour Gazette today.";
    const std::string filler = " Traders, officials and captains describe the season at length, without names.";
    {
        std::ofstream out(corpus);
        const char* stories[] = {"Grain left the port of Odesa on Monday.", "The mayor of Odesa spoke of the ports.",
                                 "Ships waited for the Odesa pilots all night."};
        int n = 0;
        for (const char* story : stories) {
            ++n;
            out << "{\"id\":\"g" << n << "\",\"title\":\"Port news " << n << "\",\"lang\":\"en\",\"source\":"
                << "\"Harbour Gazette\",\"text\":\"" << story << filler << filler << filler << filler << filler
                << "\\n\\n"
                << footer << "\"}\n";
        }
    }
    const std::string index = dir / "index";
    ProcessResult indexed = run_sova({"index", "-q", "-i", index, corpus});
    REQUIRE_MESSAGE(indexed.exit_code == 0, indexed.err);
    ProcessResult r = run_sova({"search", "--json", "-n", "10", "-i", index, "Odesa"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const std::vector<JsonHit> hits = parse_hits(r.out);
    REQUIRE(hits.size() == 3);
    for (const JsonHit& hit : hits) {
        CAPTURE(hit.snippet);
        CHECK(hit.snippet.find("donate") == std::string::npos);
        CHECK(highlighted(hit) == std::vector<std::string>{"Odesa"});
    }
    // One article alone on the page has nothing to compare with: its footer (two mentions) wins.
    ProcessResult one = run_sova({"search", "--json", "-n", "1", "-i", index, "Odesa"});
    REQUIRE_MESSAGE(one.exit_code == 0, one.err);
    const std::vector<JsonHit> alone = parse_hits(one.out);
    REQUIRE(alone.size() == 1);
    CHECK(alone.front().snippet.find("donate") != std::string::npos);
}
