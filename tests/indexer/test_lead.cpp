// The lead: the opening words of an article's first paragraph of prose (indexer/lead.hpp).
#include "indexer/lead.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using namespace sova::detail;

// The terms of the lead of `text`, space-separated.
std::string lead(std::string_view text, std::size_t limit = 50) {
    static Analyzer analyzer;
    std::vector<Word> words;
    analyzer.words(text, words);
    std::string out;
    for (const Word& w : lead_of(text, words, limit)) out += (out.empty() ? "" : " ") + w.term;
    return out;
}

} // namespace

TEST_CASE("lead: the first paragraph of prose, at most the limit") {
    // One paragraph that reads as a sentence: its opening words.
    CHECK(lead("Rolling blackouts returned to Kyiv on Monday after a drone attack on the grid.", 5) ==
          "rolling blackouts returned to kyiv");
    // Short lines, a heading and a list come before the prose: skipped.
    CHECK(lead("KYIV\n\nBy Olena Marchuk\n\n- one\n- two\n\nEngineers restored power to most of the city "
               "by the evening, the operator said.\n\nMore text follows here.",
               4) == "engineers restored power to");
    // A paragraph of eight words or more that does not end as a sentence does is not prose.
    CHECK(lead("Prices of wheat barley maize and sunflower oil in Odesa\n\nExporters said shipments would "
               "resume from the port next week.",
               3) == "exporters said shipments");
    // The lead runs on past its paragraph up to the limit.
    CHECK(lead("Ministers met in Brussels on Tuesday to agree the grain deal.\n\nIt was signed.", 50) ==
          "ministers met in brussels on tuesday to agree the grain deal it was signed");
    // Cyrillic, a closing quote, and a colon (a reference page's "It works as follows:").
    CHECK(lead("Міністр заявив, що енергосистема країни витримала нічну атаку «Шахедів».", 3) == "міністр заявив що");
    // Seven words are a heading, not yet prose.
    CHECK(lead("Exporters said shipments would resume next week.").empty());
    CHECK(lead("This program copies files from one place to another as follows:\n\n  cp a b", 2) == "this program");
    // No prose at all: no lead.
    CHECK(lead("Kyiv\n\nweather").empty());
    CHECK(lead("").empty());
}
