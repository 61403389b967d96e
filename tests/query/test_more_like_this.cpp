// More like this (like:ID): the article's entities, cross-script keys and top words find the same
// story in other languages, never the article itself; unknown ids, filters, words and shards.
#include "query/more_like_this.hpp"
#include "tests/support/temp_dir.hpp"

#include <sova/error.hpp>
#include <sova/index.hpp>
#include <sova/search.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace {

using sova::Article;
using sova::Searcher;
using sova::SearchOptions;
using sova::SearchResults;

Article article(std::string id, std::string lang, std::string title, std::string text) {
    Article a;
    a.id = std::move(id);
    a.lang = std::move(lang);
    a.title = std::move(title);
    a.text = std::move(text);
    return a;
}

// One story told in English, Ukrainian and Russian (separate write-ups naming the same people
// and places), another story in two languages, and unrelated articles.
std::vector<Article> articles() {
    return {
        article("en-substation", "en", "Olena Marchuk promises to restore the Kharkiv substation",
                "Energy minister Olena Marchuk said the damaged substation in Kharkiv will be repaired within "
                "a week. Crews from Ukrenergo are working around the clock, Marchuk told reporters in Kharkiv."),
        article("uk-substation", "uk", "Олена Марчук пообіцяла відновити підстанцію в Харкові",
                "Міністерка енергетики Олена Марчук заявила, що пошкоджену підстанцію в Харкові відремонтують "
                "за тиждень. Бригади Укренерго працюють цілодобово, сказала Марчук у Харкові."),
        article("ru-substation", "ru", "Елена Марчук пообещала восстановить подстанцию в Харькове",
                "Министр энергетики Елена Марчук заявила, что поврежденную подстанцию в Харькове восстановят "
                "за неделю. Бригады Укрэнерго работают круглосуточно, сообщила Марчук в Харькове."),
        article("en-festival", "en", "Lviv opens its theatre festival",
                "The theatre festival in Lviv opened with a new play. Director Ivan Hnatyuk said tickets sold "
                "out within a week."),
        article("uk-festival", "uk", "У Львові відкрився театральний фестиваль",
                "Театральний фестиваль у Львові відкрився новою виставою. Режисер Іван Гнатюк сказав, що "
                "квитки розпродали за тиждень."),
        article("en-markets", "en", "Markets wait for the rate decision",
                "Shares moved little as traders waited for the central bank. Analysts expect no change this "
                "week."),
        article("en-football", "en", "Late goal settles the derby",
                "The derby ended with a late goal. The coach said the team worked hard all week."),
        article("en-weather", "en", "Sunny week ahead",
                "Forecasters expect a sunny week with a light breeze along the coast."),
        article("ru-weather", "ru", "Неделя будет солнечной",
                "Синоптики обещают солнечную неделю и легкий ветер на побережье."),
        article("uk-markets", "uk", "Ринки чекають рішення щодо ставки",
                "Акції майже не змінилися, поки трейдери чекали рішення центрального банку."),
        article("en id with spaces", "en", "Kharkiv trams return after the substation repair",
                "Trams run again in Kharkiv after the substation was repaired, the city council said."),
    };
}

struct Index {
    sova::test::TempDir dir;
    std::string whole = dir / "whole";
    std::vector<std::string> shards{dir / "shard-en", dir / "shard-other"};
    Index() {
        auto one = sova::IndexWriter::create_or_open(whole);
        auto en = sova::IndexWriter::create_or_open(shards[0]);
        auto other = sova::IndexWriter::create_or_open(shards[1]);
        for (const Article& a : articles()) {
            one.add(a);
            (a.lang == "en" ? en : other).add(a);
        }
        one.commit();
        en.commit();
        other.commit();
    }
};

const Index& index() {
    static const Index built;
    return built;
}

std::vector<std::string> ids(const SearchResults& results) {
    std::vector<std::string> out;
    for (const auto& hit : results.hits) out.push_back(hit.id);
    return out;
}

std::vector<std::string> ids_of(Searcher& searcher, const std::string& query, SearchOptions options = {}) {
    options.limit = 100;
    return ids(searcher.search(query, options));
}

bool contains(const std::vector<std::string>& list, const std::string& id) {
    return std::find(list.begin(), list.end(), id) != list.end();
}

std::size_t rank_of(const std::vector<std::string>& list, const std::string& id) {
    return static_cast<std::size_t>(std::find(list.begin(), list.end(), id) - list.begin());
}

} // namespace

TEST_CASE("more like this: the same story in other languages ranks above unrelated articles") {
    Searcher searcher = Searcher::open(index().whole);
    const struct {
        const char* id;
        std::vector<std::string> same_story;
    } rows[] = {
        {"en-substation", {"uk-substation", "ru-substation"}},
        {"uk-substation", {"en-substation", "ru-substation"}},
        {"ru-substation", {"en-substation", "uk-substation"}},
        {"uk-festival", {"en-festival"}},
    };
    for (const auto& row : rows) {
        SUBCASE(row.id) {
            const std::vector<std::string> hits = ids_of(searcher, std::string("like:") + row.id);
            CAPTURE(hits);
            CHECK_FALSE(contains(hits, row.id)); // never the article itself
            for (const std::string& same : row.same_story) {
                REQUIRE(contains(hits, same));
                // Above every article of neither story.
                for (const char* unrelated : {"en-markets", "en-football", "en-weather", "ru-weather", "uk-markets"})
                    if (contains(hits, unrelated)) CHECK(rank_of(hits, same) < rank_of(hits, unrelated));
            }
        }
    }
}

TEST_CASE("more like this: filters, options and other words narrow it, and the article itself never appears") {
    Searcher searcher = Searcher::open(index().whole);
    const auto ru = ids_of(searcher, "like:en-substation lang:ru");
    REQUIRE(!ru.empty());
    CHECK(ru.front() == "ru-substation");
    for (const auto& id : ru) CHECK(id.starts_with("ru-"));

    SearchOptions uk;
    uk.langs = {"uk"};
    const auto by_option = ids_of(searcher, "like:en-substation", uk);
    REQUIRE(!by_option.empty());
    CHECK(by_option.front() == "uk-substation");
    for (const auto& id : by_option) CHECK(id.starts_with("uk-"));

    // The article's own language filter cannot bring it back, nor can its own words.
    CHECK_FALSE(contains(ids_of(searcher, "like:en-substation lang:en"), "en-substation"));
    CHECK_FALSE(contains(ids_of(searcher, "like:en-substation Marchuk substation"), "en-substation"));
    CHECK_FALSE(contains(ids_of(searcher, "(like:en-substation OR Marchuk)"), "en-substation"));

    // A required word: every hit has it.
    for (const auto& id : ids_of(searcher, "like:en-substation +trams")) CHECK(id == "en id with spaces");
    // A quoted id with spaces.
    const auto quoted = ids_of(searcher, "like:\"en id with spaces\"");
    CHECK_FALSE(contains(quoted, "en id with spaces"));
    CHECK(contains(quoted, "en-substation"));
}

TEST_CASE("more like this: an unknown id is an error naming it, at its column") {
    Searcher searcher = Searcher::open(index().whole);
    const struct {
        const char* query;
        std::size_t column;
        const char* id;
    } rows[] = {
        {"like:no-such-article", 1, "'no-such-article'"},
        {"Kharkiv like:\"missing one\"", 9, "'missing one'"},
        {"like:en-substation OR like:nope", 23, "'nope'"},
    };
    for (const auto& row : rows) {
        SUBCASE(row.query) {
            try {
                searcher.search(row.query);
                FAIL("no error");
            } catch (const sova::QueryError& e) {
                CHECK(e.column() == row.column);
                CHECK_MESSAGE(e.reason().find(row.id) != std::string::npos, e.reason());
            }
        }
    }
}

TEST_CASE("more like this: shards answer as one index, whichever shard holds the article") {
    Searcher one = Searcher::open(index().whole);
    Searcher sharded = Searcher::open(index().shards);
    for (const char* query :
         {"like:en-substation", "like:uk-substation", "like:ru-weather lang:uk,ru", "like:uk-festival theatre"}) {
        CAPTURE(query);
        SearchOptions options;
        options.limit = 20;
        const SearchResults a = one.search(query, options);
        const SearchResults b = sharded.search(query, options);
        CHECK(ids(a) == ids(b));
        REQUIRE(a.hits.size() == b.hits.size());
        for (std::size_t i = 0; i < a.hits.size(); ++i)
            CHECK(a.hits[i].score == doctest::Approx(b.hits[i].score).epsilon(1e-9));
    }
}

TEST_CASE("more like this: which of an article's terms make its query") {
    using sova::detail::ArticleTerm;
    using sova::detail::similar_query;
    // 100 articles; each term with its wdf in the article and its frequency in the archive.
    const std::vector<ArticleTerm> terms{
        {"XEplace:kharkiv.ua", 9, 10}, // an entity the article is about
        {"XEname:aln_mrk", 1, 5},      // a passing mention
        {"XEorg:only_here", 4, 1},     // in no other article: finds nothing else
        {"XKhrkv", 3, 12},             // a cross-script key
        {"substation", 2, 8},          // a word
        {"Zsubstat", 2, 9},            // its stem
        {"ZSsubstat", 1, 4},           // a title stem: the body stem stands for it
        {"the", 20, 40},               // a function word
        {"week", 1, 60},               // in most articles
        {"Qen-substation", 0, 1},      // the id
        {"Len", 0, 30},                // the language
        {"XAplace:kharkiv.ua9", 0, 4}, // aboutness bands weigh only in entity boosts
    };
    sova::RankingWeights weights;
    const struct {
        const char* name;
        double entities, keys, words;
        std::vector<std::string> in, out;
    } rows[] = {
        {"all signals",
         1,
         0.5,
         1,
         {"XEplace:kharkiv.ua", "XEname:aln_mrk", "XKhrkv", "substation", "Zsubstat"},
         {"XEorg:only_here", "ZSsubstat", "the", "week", "Qen-substation", "Len", "XAplace"}},
        {"words alone", 0, 0, 1, {"substation", "Zsubstat"}, {"XE", "XK"}},
        {"entities alone", 1, 0, 0, {"XEplace:kharkiv.ua"}, {"XK", "substation"}},
    };
    for (const auto& row : rows) {
        SUBCASE(row.name) {
            weights.like_entities = row.entities;
            weights.like_keys = row.keys;
            weights.like_words = row.words;
            std::vector<std::string> words;
            const std::string description = similar_query(terms, 100, weights, &words).get_description();
            CAPTURE(description);
            for (const std::string& term : row.in) CHECK(description.find(term) != std::string::npos);
            for (const std::string& term : row.out) CHECK(description.find(term) == std::string::npos);
            if (row.words > 0) CHECK(words == std::vector<std::string>{"substation"});
        }
    }
    weights.like_entities = weights.like_keys = weights.like_words = 0;
    CHECK(similar_query(terms, 100, weights).get_description() == "Query(XE)"); // matches nothing
}
