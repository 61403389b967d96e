// Spelling and keyboard-layout corrections: from the vocabulary of a small index the test
// writes, and the decision to search a correction or only suggest it.
#include "query/correction.hpp"

#include "tests/support/temp_dir.hpp"

#include <sova/error.hpp>
#include <sova/index.hpp>
#include <sova/search.hpp>

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

namespace {

using sova::Article;
using sova::SearchOptions;
using sova::SearchResults;

Article article(std::string id, std::string text, std::string lang) {
    Article a;
    a.id = std::move(id);
    a.title = a.id;
    a.text = std::move(text);
    a.lang = std::move(lang);
    return a;
}

// Articles in English, Russian and Ukrainian, each word of the tests in several of them.
class Index {
public:
    Index() {
        auto writer = sova::IndexWriter::create_or_open(path());
        const std::vector<Article> articles = {
            article("en1", "Grain export from the port resumed. Hello to the traders.", "en"),
            article("en2", "The grain harvest and its export were discussed in Parliament.", "en"),
            article("en3", "Hello again: export figures for 2023 are up.", "en"),
            article("ru1", "Привет из Будапешта: журнал о холодной погоде.", "ru"),
            article("ru2", "Журнал пишет: привет, холод и снег в Будапеште.", "ru"),
            article("ru3", "Это журнал о погоде.", "ru"),
            article("uk1", "Київ і північ країни: Євросоюз допомагає.", "uk"),
            article("uk2", "У Києві та на півночі холодно; Київ чекає на Євросоюз.", "uk"),
            article("uk3", "Київ, Харків і північ.", "uk"),
        };
        for (const Article& a : articles) writer.add(a);
        writer.commit();
    }
    std::string path() const { return m_dir / "index"; }

private:
    sova::test::TempDir m_dir;
};

const Index& shared_index() {
    static const Index index;
    return index;
}

SearchResults search(const std::string& query, bool correct = true) {
    SearchOptions options;
    options.correct = correct;
    return sova::Searcher::open(shared_index().path()).search(query, options);
}

} // namespace

TEST_CASE("Edit distance: a transposition is one edit") {
    const struct {
        std::u32string a, b;
        unsigned limit, distance;
    } rows[] = {
        {U"export", U"export", 2, 0}, {U"export", U"exprot", 2, 1},  {U"export", U"xeport", 2, 1},
        {U"export", U"expor", 2, 1},  {U"export", U"exxport", 2, 1}, {U"export", U"epxrot", 2, 2},
        {U"київ", U"кїив", 2, 1},     {U"київ", U"киев", 2, 1},      {U"abcdef", U"ghijkl", 2, 3},
        {U"abc", U"abcdefgh", 2, 3},
    };
    for (const auto& row : rows) CHECK(sova::detail::edit_distance(row.a, row.b, row.limit) == row.distance);
}

TEST_CASE("Edits allowed by the length of a word") {
    using sova::detail::allowed_edits;
    CHECK(allowed_edits(3) == 0);
    CHECK(allowed_edits(4) == 1);
    CHECK(allowed_edits(12) == 1); // `Wetterdaten` is not `Wetterkarten`
    CHECK(allowed_edits(13) == 2);
    CHECK(allowed_edits(20) == 2);
}

TEST_CASE("Corrections searched instead of the query as typed") {
    const struct {
        const char* typed;
        const char* corrected;
        const char* reason;
    } rows[] = {
        {"grian export", "grain export", "spelling"},
        {"graen exprot", "grain export", "spelling"},
        {"lang:en exprot", "lang:en export", "spelling"}, // the filter kept as typed
        {"+exprot -weather", "+export -weather", "spelling"},
        {"Ribhna", "ribhna", "spelling"},
        {"ghbdtn", "привет", "layout"},
        {"ghbdtn bp <elfgtinf", "привет из Будапешта", "layout"},
        {"Rb]d", "Київ", "layout"},                     // Ukrainian ї on `]`
        {"gsdysx", "північ", "layout"},                 // Ukrainian і on `s`
        {":ehyfk", "Журнал", "layout"},                 // shifted `;`
        {"\"dhjcj.p", "Євросоюз", "layout"},            // `"` is a letter there: no unclosed phrase
        {"{jkjl", "Холод", "layout"},                   // shifted `[`
        {"lang:uk Rb]d", "lang:uk Київ", "layout"},     // the filter kept
        {"LANG:ru ghbdtn", "LANG:ru привет", "layout"}, // in any case
        {"like:ru3 ghbdtn", "like:ru3 привет", "layout"},
        {"руддщ", "hello", "layout"},
        {"пкфшт учзщке", "grain export", "layout"},
    };
    for (const auto& row : rows) {
        CAPTURE(std::string(row.typed));
        const SearchResults results = search(row.typed);
        if (std::string(row.corrected) == "ribhna") { // nothing near enough: nothing proposed
            CHECK_FALSE(results.correction.has_value());
            continue;
        }
        REQUIRE(results.correction.has_value());
        CHECK(results.correction->query == row.corrected);
        CHECK(results.correction->reason == row.reason);
        CHECK(results.correction->applied);
        CHECK_FALSE(results.hits.empty());
        std::vector<std::string> ids, expected;
        for (const auto& hit : results.hits) ids.push_back(hit.id);
        for (const auto& hit : search(row.corrected, false).hits) expected.push_back(hit.id);
        CHECK(ids == expected);
    }
}

TEST_CASE("A layout reading keeps a field's quoted value whole") {
    const SearchResults results = search("ghbdtn source:\"Kyiv Herald\"");
    REQUIRE(results.correction.has_value());
    CHECK(results.correction->query == "привет source:\"Kyiv Herald\""); // no article has the source
    CHECK(results.hits.empty());
}

TEST_CASE("Queries never corrected") {
    const char* rows[] = {
        "grain export",     // known words
        "\"grian export\"", // a phrase
        "grian* export",    // a wildcard
        "-grian export",    // an excluded word
        "title:grian",      // a field
        "lang:en",          // a filter alone
        "2032",             // a number
        "exp0rt",           // a word with a digit
        "Київ північ",      // known, in Cyrillic
        "hello",            // known, its Cyrillic reading unknown
        "gra",              // too short to correct
    };
    for (const char* typed : rows) {
        CAPTURE(std::string(typed));
        CHECK_FALSE(search(typed).correction.has_value());
    }
}

TEST_CASE("A query of many words is not read on another layout") {
    auto repeated = [](std::size_t times) {
        std::string query;
        for (std::size_t i = 0; i < times; ++i) query += "ghbdtn ";
        return query;
    };
    CHECK(search(repeated(64)).correction.has_value());
    CHECK_FALSE(search(repeated(65)).correction.has_value());
}

TEST_CASE("--no-correct: exactly what was typed") {
    const SearchResults results = search("grian exprot", false);
    CHECK_FALSE(results.correction.has_value());
    CHECK_THROWS_AS(search("\"dhjcj.p", false), sova::QueryError);
    CHECK_THROWS_AS(search("\"grian", true), sova::QueryError); // no reading of it is found
}

namespace {

// A vocabulary of fixed frequencies, for the decision between searching and suggesting.
class FakeVocabulary : public sova::detail::Vocabulary {
public:
    std::map<std::string, std::uint64_t> frequencies;
    std::uint64_t frequency(const std::string& term) const override {
        auto it = frequencies.find(term);
        return it == frequencies.end() ? 0 : it->second;
    }
    void each_term(const std::string& prefix,
                   const std::function<void(const std::string&, std::uint64_t)>& visit) const override {
        for (const auto& [term, count] : frequencies)
            if (term.starts_with(prefix)) visit(term, count);
    }
    std::vector<std::string> stem_languages(sova::detail::Script /*script*/) const override { return {}; }
};

} // namespace

TEST_CASE("A layout reading of known words: searched when it finds much more, else suggested") {
    FakeVocabulary vocabulary;
    vocabulary.frequencies = {{"k", 2}, {"jdm", 2}, {"любовь", 100}};
    const struct {
        std::uint64_t typed_total, corrected_total;
        bool applied;
    } rows[] = {{2, 100, true}, {2, 30, false}, {0, 5, true}};
    for (const auto& row : rows) {
        CAPTURE(row.corrected_total);
        std::vector<std::string> searched;
        auto run = [&](std::string_view query, const SearchOptions& options) {
            SearchResults results;
            results.total = query == "k.,jdm" ? row.typed_total : row.corrected_total;
            if (options.limit > 0) searched.emplace_back(query);
            return results;
        };
        SearchOptions options;
        const SearchResults results =
            sova::detail::search_with_correction("k.,jdm", options, sova::detail::thread_analyzer(), vocabulary, run);
        REQUIRE(results.correction.has_value());
        CHECK(results.correction->query == "любовь");
        CHECK(results.correction->reason == "layout");
        CHECK(results.correction->applied == row.applied);
        CHECK(searched.back() == (row.applied ? "любовь" : "k.,jdm"));
    }
}
