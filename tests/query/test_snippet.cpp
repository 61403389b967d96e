// Snippets: the window chosen, the words highlighted, and the text's shape (spaces, "…", UTF-8).
#include "query/compiler.hpp"
#include "query/parser.hpp"
#include "query/snippet.hpp"
#include "tests/support/fake_statistics.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace {

using namespace sova::detail;

Analyzer& analyzer() {
    static Analyzer instance;
    return instance;
}

QueryTerms terms_of(std::string_view query) {
    NodePtr root = parse_query(query);
    return compile_query(*root, analyzer(), sova::test::FakeStatistics{}).terms;
}

Snippet snippet(std::string_view text, std::string_view lang, std::string_view query, std::size_t budget = 240) {
    return make_snippet(text, lang, terms_of(query), analyzer(), budget);
}

bool is_boundary(const std::string& s, std::size_t at) {
    return at == s.size() || (at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) != 0x80);
}

// The snippet with its highlights shown as [brackets], after checking they are well-formed:
// in order, not overlapping, non-empty, inside the text and on UTF-8 character boundaries.
std::string marked(const Snippet& s) {
    std::string out;
    std::size_t at = 0;
    for (const auto& h : s.highlights) {
        REQUIRE(h.begin >= at);
        REQUIRE(h.begin < h.end);
        REQUIRE(h.end <= s.text.size());
        CHECK(is_boundary(s.text, h.begin));
        CHECK(is_boundary(s.text, h.end));
        out.append(s.text, at, h.begin - at).append("[").append(s.text, h.begin, h.end - h.begin).append("]");
        at = h.end;
    }
    out.append(s.text, at);
    return out;
}

bool valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

std::string repeat(std::string_view words, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out.append(words);
    return out;
}

struct Row {
    const char* text;
    const char* lang;
    const char* query;
    const char* expected; // the snippet with highlights in [brackets]
};

} // namespace

TEST_CASE("query snippet: highlights cover exactly the matched words") {
    const Row rows[] = {
        {"The war in Ukraine goes on.", "en", "war", "The [war] in Ukraine goes on."},
        {"Warfare, wars and a war; wartime.", "en", "war", "Warfare, [wars] and a [war]; wartime."},
        {"Peace talks: the parties talked of peaceful talking.", "en", "talks peace",
         "[Peace] [talks]: the parties [talked] of [peaceful] [talking]."},
        // Case and accents never decide a match.
        {"CAFÉ culture, cafe prices, Café society.", "fr", "café", "[CAFÉ] culture, [cafe] prices, [Café] society."},
        // Russian stems.
        {"Войны не будет. О войне говорят все, а воин молчит.", "ru", "война",
         "[Войны] не будет. О [войне] говорят все, а воин молчит."},
        {"Москва и Киев: переговоры в Москве.", "ru", "москвы", "[Москва] и Киев: переговоры в [Москве]."},
        // ё/е and apostrophe variants are folded alike.
        {"Ёлка, ёлки и елка.", "ru", "елка", "[Ёлка], [ёлки] и [елка]."},
        {"п’ять, пʼять, п'ять і п‘ять", "uk", "п'ять", "[п’ять], [пʼять], [п'ять] і [п‘ять]"},
        {"Сім'я та сім’ї", "uk", "сім’я", "[Сім'я] та [сім’ї]"},
        // Phrases highlight their words; wildcards the words they expand to.
        {"Climate change is change in the climate.", "en", "\"climate change\"",
         "[Climate] [change] is [change] in the [climate]."},
        {"Kyiv, Kyivan and Kharkiv.", "en", "kyiv*", "[Kyiv], [Kyivan] and Kharkiv."},
        // Words of several queries parts, with a filter that adds nothing to highlight.
        {"Харків і Київ, Kharkiv and Kyiv.", "uk", "Київ OR kyiv lang:uk", "Харків і [Київ], Kharkiv and [Kyiv]."},
        // No match: the start of the text, untouched.
        {"Nothing to see here.", "en", "war", "Nothing to see here."},
    };
    for (const Row& row : rows) {
        SUBCASE(row.query) {
            CAPTURE(row.text);
            Snippet s = snippet(row.text, row.lang, row.query);
            CHECK(marked(s) == std::string(row.expected));
        }
    }
}

TEST_CASE("query snippet: white space runs become single spaces") {
    Snippet s = snippet("War\n\nand\t\t peace,\r\n  war   again.", "en", "war");
    CHECK(marked(s) == "[War] and peace, [war] again.");
}

TEST_CASE("query snippet: the window goes to the densest passage of a long text") {
    const std::string filler = repeat("lorem ipsum dolor sit amet ", 40); // 1080 bytes, no query word
    const std::string text =
        "Kyiv opens the story. " + filler + "In winter Kyiv keeps the lights on. " + filler + "Winter ends.";
    Snippet s = snippet(text, "en", "kyiv winter", 120);
    const std::string m = marked(s);
    CAPTURE(m);
    // Both query words, side by side, from the middle of the text: cut at both ends.
    CHECK(m.find("In [winter] [Kyiv] keeps the lights on.") != std::string::npos);
    CHECK(s.highlights.size() == 2);
    CHECK(m.rfind("\xE2\x80\xA6 ", 0) == 0);
    CHECK(m.ends_with(" \xE2\x80\xA6"));
    CHECK(m.find("opens") == std::string::npos);
    CHECK(m.find("ends") == std::string::npos);
    // Some context before the match, and whole words at both ends.
    CHECK(m.find("In [winter]") > 4);
    CHECK(m.find("lorem") != std::string::npos);
}

TEST_CASE("query snippet: more distinct words beat more repetitions") {
    const std::string filler = repeat("lorem ipsum dolor sit amet ", 20);
    const std::string text = "war war war war war war. " + filler + "war and peace. " + filler;
    Snippet s = snippet(text, "en", "war peace", 100);
    CHECK(marked(s).find("[war] and [peace].") != std::string::npos);
}

TEST_CASE("query snippet: the budget is respected approximately") {
    const std::string text = repeat("the archive keeps every word of the war reports ", 200);
    for (std::size_t budget : {40u, 100u, 240u, 500u}) {
        CAPTURE(budget);
        Snippet s = snippet(text, "en", "war", budget);
        // The window is at most `budget` bytes of text; "… " and " …" add 4 bytes each.
        CHECK(s.text.size() <= budget + 8);
        CHECK(s.text.size() >= budget / 2);
        CHECK_FALSE(s.highlights.empty());
    }
    // A text shorter than the budget is returned whole, without "…".
    Snippet whole = snippet("Short war text.", "en", "war", 240);
    CHECK(whole.text == "Short war text.");
}

TEST_CASE("query snippet: cuts and highlights fall on UTF-8 character boundaries") {
    const std::string text = repeat("Ґанок біля хати, де жила бабуся. ", 30) + "Велика війна почалася. " +
                             repeat("Їжак сидів під ялинкою, їв яблуко. ", 30);
    for (std::size_t budget : {31u, 57u, 100u, 161u, 240u}) {
        CAPTURE(budget);
        Snippet s = snippet(text, "uk", "війна", budget);
        CHECK(valid_utf8(s.text));
        const std::string m = marked(s);
        CAPTURE(m);
        CHECK(m.find("[війна]") != std::string::npos);
        if (budget >= 42) CHECK(m.find("Велика [війна] почалася.") != std::string::npos);
        CHECK(s.text.size() <= budget + 8 + std::string("Велика війна почалася.").size());
    }
    // Without any match the start of the text is cut on a word, not inside a letter.
    for (std::size_t budget : {7u, 31u, 101u}) {
        CAPTURE(budget);
        Snippet s = snippet(text, "uk", "mars", budget);
        CHECK(valid_utf8(s.text));
        CHECK(s.highlights.empty());
        CHECK(s.text.rfind("Ґа", 0) == 0);
        CHECK(s.text.ends_with(" \xE2\x80\xA6"));
    }
}

// Regression (fixed): query/compiler.cpp, Compiler::remember() (via word_query(exact_only) and phrase_query()):
// quoted words and phrase words are matched by exact form only, but their lower forms still go
// into QueryTerms::lowers, so make_snippet() highlights stem variants the query did not match
// ("war" for the query "wars" in quotes).
TEST_CASE("query snippet: a quoted word highlights its exact form only") {
    CHECK(marked(snippet("The war and the wars.", "en", "\"wars\"")) == "The war and the [wars].");
    CHECK(marked(snippet("Ёлка, ёлки и елка.", "ru", "\"ёлка\"")) == "[Ёлка], ёлки и [елка].");
    CHECK(marked(snippet("Climate changes; the climate changed.", "en", "\"climate changes\"")) ==
          "[Climate] [changes]; the [climate] changed.");
}

// Regression (fixed): query/snippet.cpp, make_snippet(): when the text starts with white space (a leading line
// break is common in scraped articles) and the best window starts at the first word, `begin`
// is moved onto that word and the snippet gets a leading "… " although no text was cut.
TEST_CASE("query snippet: no ellipsis when only leading white space is skipped") {
    Snippet s = snippet("\n\n  War and peace.", "en", "war");
    CHECK(s.text.find("\xE2\x80\xA6") == std::string::npos); // actual: "… War and peace."
}

namespace {

// The query's terms as compiled for an index of `latin` and `cyrillic` languages, with the
// entities linked (key, query words) added.
QueryTerms terms_for(std::string_view query, std::vector<std::string> latin, std::vector<std::string> cyrillic,
                     std::vector<std::pair<std::string, std::string>> linked = {}) {
    sova::test::FakeStatistics statistics;
    statistics.latin = std::move(latin);
    statistics.cyrillic = std::move(cyrillic);
    NodePtr root = parse_query(query);
    QueryTerms terms = compile_query(*root, analyzer(), statistics).terms;
    terms.entities = std::move(linked);
    return terms;
}

struct MatchRow {
    const char* why;
    const char* text;
    const char* lang;
    const char* query;
    std::vector<std::string> latin;
    std::vector<std::string> cyrillic;
    std::vector<std::pair<std::string, std::string>> linked; // entities the query links (key, words)
    std::vector<sova::Entity> entities;                      // the article's
    const char* expected;
};

} // namespace

TEST_CASE("query snippet: every word the query matched by is highlighted, however it matched") {
    const sova::Entity marchuk{"name:aln_mrk", "person", "Олена Марчук", 2, 2};
    const MatchRow rows[] = {
        {"exact", "The war ended.", "en", "\"war\"", {"en"}, {"ru"}, {}, {}, "The [war] ended."},
        {"stem", "Wars and a war.", "en", "war", {"en"}, {"ru"}, {}, {}, "[Wars] and a [war]."},
        // The query stems "Häuser" in German only (haus); the English article's "Haus" stems
        // to that too, so it matched, though stemming the query word in English would not.
        {"stem in another language",
         "A Haus, two houses.",
         "en",
         "Häuser",
         {"de"},
         {"ru"},
         {},
         {},
         "A [Haus], two houses."},
        // Odesa's key is ads: Одеса, Одесі, Odessa share it; only capitalised words carry it.
        {"cross-script key",
         "Одеса, в Одесі; Odessa; одесі.",
         "uk",
         "Odesa",
         {"en"},
         {"uk"},
         {},
         {},
         "[Одеса], в [Одесі]; [Odessa]; одесі."},
        // Linked to Олена Марчук: her name's words and their forms (Марчуком), not only the key.
        {"linked entity's name forms",
         "Олена Марчук сказала. Зустріч з Марчуком.",
         "uk",
         "Marchuk",
         {"en"},
         {"uk"},
         {{"name:aln_mrk", "Marchuk"}},
         {marchuk},
         "[Олена] [Марчук] сказала. Зустріч з [Марчуком]."},
        // The same article without the entity: only the key's match.
        {"no entity, no name forms",
         "Олена Марчук сказала. Зустріч з Марчуком.",
         "uk",
         "Marchuk",
         {"en"},
         {"uk"},
         {{"name:aln_mrk", "Marchuk"}},
         {},
         "Олена [Марчук] сказала. Зустріч з Марчуком."},
        {"wildcard",
         "Kyiv, Kyivan and Kharkiv.",
         "en",
         "kyiv*",
         {"en"},
         {"ru"},
         {},
         {},
         "[Kyiv], [Kyivan] and Kharkiv."},
    };
    for (const MatchRow& row : rows) {
        SUBCASE(row.why) {
            const QueryTerms terms = terms_for(row.query, row.latin, row.cyrillic, row.linked);
            const SnippetArticle article{row.text, row.lang, "", &row.entities};
            const std::vector<Snippet> s = make_snippets(std::span(&article, 1), terms, analyzer(), 240);
            REQUIRE(s.size() == 1);
            CHECK(marked(s.front()) == std::string(row.expected));
        }
    }
}

TEST_CASE("query snippet: a footer repeated by articles of one source is not the passage shown") {
    auto filler = [](const char* word) { return repeat(std::string(word) + " ipsum dolor sit amet ", 12); };
    const std::string footer = "Support journalism from Odesa: donate to Odesa's Black Sea Courier today.";
    // The footer names the query word twice; the real match is a single word elsewhere.
    const std::vector<std::string> texts{
        "Grain left the port of Odesa on Monday. " + filler("alpha") + "\n\n" + footer,
        filler("beta") + "The mayor of Odesa spoke of the ports. " + filler("gamma") + "\n\n" + footer,
        "Only the footer names the city here. " + filler("delta") + "\n" + footer,
        "Another outlet: " + filler("epsilon") + "\n" + footer,
    };
    const char* sources[] = {"Black Sea Courier", "Black Sea Courier", "Black Sea Courier", "Other Outlet"};
    const QueryTerms terms = terms_of("Odesa");
    std::vector<SnippetArticle> articles;
    for (std::size_t i = 0; i < texts.size(); ++i) articles.push_back(SnippetArticle{texts[i], "en", sources[i]});
    const std::vector<Snippet> s = make_snippets(articles, terms, analyzer(), 120);
    REQUIRE(s.size() == 4);
    std::vector<std::string> m;
    for (const Snippet& snippet : s) m.push_back(marked(snippet));
    CAPTURE(m);
    // Alone, the footer's two mentions would win; repeated by the source, the real match does.
    CHECK(marked(make_snippet(texts[0], "en", terms, analyzer(), 120)).find("[Odesa]: donate") != std::string::npos);
    CHECK(m[0].find("the port of [Odesa] on Monday.") != std::string::npos);
    CHECK(m[0].find("donate") == std::string::npos);
    CHECK(m[1].find("The mayor of [Odesa] spoke") != std::string::npos);
    CHECK(m[1].find("donate") == std::string::npos); // nor does its context run into the footer
    // Where the footer is the only match it is still shown, highlighted.
    CHECK(m[2].find("from [Odesa]: donate to [Odesa's]") != std::string::npos);
    // The other outlet's article shares nothing with its own source: its footer counts.
    CHECK(m[3].find("from [Odesa]: donate to [Odesa's]") != std::string::npos);
}

// Regression (fixed): query/snippet.cpp, place(): a budget of SIZE_MAX ("no limit") wrapped
// begin + budget below begin when an article's opening repeats in another hit of its source and
// it has no match, and the snippet was written out of bounds.
TEST_CASE("query snippet: a budget of the largest size is the whole text, past a repeated opening") {
    const std::string banner = "Black Sea Courier: independent news from the coast since 1999.";
    const std::vector<std::string> texts{banner + "\nGrain left the port of Odesa on Monday.",
                                         banner + "\nThe harbour was quiet all week long."};
    std::vector<SnippetArticle> articles;
    for (const std::string& text : texts) articles.push_back(SnippetArticle{text, "en", "Black Sea Courier"});
    const std::vector<Snippet> s = make_snippets(articles, terms_of("Odesa"), analyzer(), SIZE_MAX);
    REQUIRE(s.size() == 2);
    CHECK(marked(s[0]).find("port of [Odesa] on Monday.") != std::string::npos);
    CHECK(s[1].text == "\xE2\x80\xA6 The harbour was quiet all week long.");
    for (const Snippet& snippet : s)
        for (const sova::Highlight& h : snippet.highlights) CHECK(h.end <= snippet.text.size());
}

TEST_CASE("query snippet: rarer words weigh more in choosing the passage") {
    sova::test::FakeStatistics statistics;
    statistics.articles = 1000;
    statistics.frequency = [](const std::string& term) { return term.find("war") != std::string::npos ? 900.0 : 3.0; };
    NodePtr root = parse_query("war Chornomorsk");
    const QueryTerms terms = compile_query(*root, analyzer(), statistics).terms;
    const std::string filler = repeat("lorem ipsum dolor sit amet ", 12);
    const std::string text = "The war, the war and the war again. " + filler + "Ships at Chornomorsk. " + filler;
    // Three matches of a common word lose to one of a rare one.
    CHECK(marked(make_snippet(text, "en", terms, analyzer(), 80)).find("[Chornomorsk]") != std::string::npos);
}

TEST_CASE("query snippet: terms given without their words are highlighted too") {
    QueryTerms terms;
    terms.exact = {"kyiv"};
    terms.lowers = {"wars"};
    CHECK(marked(make_snippet("Kyiv and the war; Kyivan wars.", "en", terms, analyzer(), 240)) ==
          "[Kyiv] and the [war]; Kyivan [wars].");
}
