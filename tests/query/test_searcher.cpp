// sova::Searcher over small indexes written with sova::IndexWriter: ranking, filters, paging.
#include "tests/support/temp_dir.hpp"

#include <sova/error.hpp>
#include <sova/index.hpp>
#include <sova/search.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

using sova::Article;
using sova::Hit;
using sova::Searcher;
using sova::SearchOptions;
using sova::SearchResults;

Article article(std::string id, std::string title, std::string text, std::string lang = "en", std::string date = {}) {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.text = std::move(text);
    a.lang = std::move(lang);
    a.date = std::move(date);
    return a;
}

// Unrelated articles, so that the words the tests use are rare enough for BM25 to weigh.
std::vector<Article> fillers() {
    return {article("f1", "Weather", "Sunny skies over the coast with a light breeze."),
            article("f2", "Markets", "Shares rose slightly as traders waited for the figures."),
            article("f3", "Football", "The match ended in a draw after extra time."),
            article("f4", "Cooking", "Slow roasted vegetables with garlic and thyme."),
            article("f5", "Science", "Astronomers observed a faint comet near the horizon.")};
}

// A fresh index holding `articles` (plus the fillers), opened for searching.
class Index {
public:
    explicit Index(const std::vector<Article>& articles, bool with_fillers = true) {
        auto writer = sova::IndexWriter::create_or_open(path());
        for (const Article& a : articles) writer.add(a);
        if (with_fillers)
            for (const Article& a : fillers()) writer.add(a);
        writer.commit();
    }
    std::string path() const { return m_dir / "index"; }
    Searcher open() const { return Searcher::open(path()); }

private:
    sova::test::TempDir m_dir;
};

std::vector<std::string> ids(const SearchResults& results) {
    std::vector<std::string> out;
    for (const Hit& hit : results.hits) out.push_back(hit.id);
    return out;
}

std::set<std::string> id_set(const SearchResults& results) {
    auto v = ids(results);
    return {v.begin(), v.end()};
}

SearchOptions with_limit(std::size_t limit, std::size_t offset = 0) {
    SearchOptions o;
    o.limit = limit;
    o.offset = offset;
    return o;
}

} // namespace

TEST_CASE("query searcher: coordination ranks articles with all query words above those with some") {
    Index index({article("both", "Diary", "Kyiv in winter."),
                 article("kyiv", "Kyiv", "Kyiv, Kyiv, Kyiv and again Kyiv."),
                 article("winter", "Diary", "Winter, winter, winter, long winter.")});
    Searcher searcher = index.open();
    SearchOptions words_only; // entities off: the article about Kyiv would gain its boost
    words_only.entities = false;
    SearchResults r = searcher.search("kyiv winter", words_only);
    REQUIRE(r.hits.size() == 3);
    CHECK(r.hits[0].id == "both");
    CHECK(r.hits[0].matched == 2);
    for (const Hit& hit : r.hits) {
        CAPTURE(hit.id);
        CHECK(hit.clauses == 2);
        CHECK(hit.score > 0);
        CHECK(hit.score == hit.weight);
        if (hit.id != "both") CHECK(hit.matched == 1);
    }
    for (std::size_t i = 1; i < r.hits.size(); ++i) CHECK(r.hits[i].score <= r.hits[i - 1].score);
    CHECK(r.hits[0].rank == 1);
    CHECK(r.hits[2].rank == 3);
    // The coordination bonus widens the lead of the article with both words over "kyiv" (in
    // the title and five times in the text) by the IDF of the word "kyiv" lacks, times the factor.
    SearchOptions plain = words_only;
    plain.ranking.coordination = plain.ranking.coordination_long = 0;
    auto lead = [&](const SearchOptions& options) {
        std::map<std::string, double> score;
        for (const Hit& hit : searcher.search("kyiv winter", options).hits) score[hit.id] = hit.score;
        return score.at("both") - score.at("kyiv");
    };
    // Not counted when the caller does without (a batch run): the ranking is the same.
    SearchOptions uncounted = words_only;
    uncounted.count_matched = false;
    SearchResults same = searcher.search("kyiv winter", uncounted);
    CHECK(ids(same) == ids(r));
    for (const Hit& hit : same.hits) CHECK(hit.matched == 0);
    const double idf = std::log(8.0 / 2.0); // 8 articles (with the fillers), "winter" in 2
    CHECK(lead(words_only) - lead(plain) == doctest::Approx(words_only.ranking.coordination * idf));

    // require_all drops the partial matches; every hit matches every clause.
    SearchOptions all;
    all.require_all = true;
    SearchResults required = searcher.search("kyiv winter", all);
    CHECK(ids(required) == std::vector<std::string>{"both"});
    REQUIRE(required.hits.size() == 1);
    CHECK(required.hits[0].matched == 2);
    CHECK(required.hits[0].clauses == 2);
    // So does '+' on each word.
    CHECK(ids(searcher.search("+kyiv +winter")) == std::vector<std::string>{"both"});
    // '+' on one word: the others only rank.
    CHECK(id_set(searcher.search("+kyiv winter")) == std::set<std::string>{"both", "kyiv"});
}

TEST_CASE("query searcher: the total and the facets count every hit, also one its lead alone matches") {
    // A lead's terms hold its words' own forms beside their stems: French `Univers` is the
    // English stem of `universities`, and the French article is a hit by its lead term alone.
    // Its facets and the total, counted from posting lists, must count it as the hits do.
    Index index({article("fr1", "Astronomie", "Univers en expansion : les astronomes mesurent les galaxies.", "fr"),
                 article("en1", "Campus", "Universities reopen after the long strike.")});
    Searcher searcher = index.open();
    SearchOptions options;
    options.facets = {sova::Facet::lang};
    const SearchResults results = searcher.search("universities", options);
    REQUIRE(!results.hits.empty());
    CHECK(results.total == results.hits.size());
    std::uint64_t counted = 0;
    for (const sova::FacetCount& c : results.facet_counts) counted += c.articles;
    CHECK(counted == results.hits.size());
}

TEST_CASE("query searcher: a word in the title only counts as a matched clause") {
    Index index({article("title", "Kyiv at night", "Lanterns along the river."),
                 article("body", "Notes", "A winter evening in Kyiv, lanterns along the river."),
                 article("neither", "Notes", "Lanterns along the river.")});
    Searcher searcher = index.open();
    SearchResults r = searcher.search("kyiv lanterns");
    REQUIRE(r.hits.size() == 3);
    for (const Hit& hit : r.hits) {
        CAPTURE(hit.id);
        CHECK(hit.matched == (hit.id == "neither" ? 1u : 2u));
    }
    CHECK(r.hits[2].id == "neither");
}

TEST_CASE("query searcher: an exact form ranks above a stem-only match") {
    Index index({article("stem", "Report", "Reports of war in the region."),
                 article("exact", "Report", "Reports of wars in the region.")});
    Searcher searcher = index.open();
    CHECK(ids(searcher.search("wars")) == std::vector<std::string>{"exact", "stem"});
    CHECK(ids(searcher.search("war")) == std::vector<std::string>{"stem", "exact"});
    // In quotes, only the exact form matches.
    CHECK(ids(searcher.search("\"wars\"")) == std::vector<std::string>{"exact"});
}

TEST_CASE("query searcher: a title match ranks above a body-only match") {
    Index index({article("body", "City", "The Kyiv lives on."), article("title", "Kyiv", "The city lives on.")});
    Searcher searcher = index.open();
    SearchResults r = searcher.search("kyiv");
    CHECK(ids(r) == std::vector<std::string>{"title", "body"});
    REQUIRE(r.hits.size() == 2);
    CHECK(r.hits[0].score > r.hits[1].score);
    CHECK(r.hits[0].matched == 1);
    CHECK(r.hits[0].clauses == 1);
    // title: matches the title only.
    CHECK(ids(searcher.search("title:kyiv")) == std::vector<std::string>{"title"});
    CHECK(ids(searcher.search("title:\"kyiv\"")) == std::vector<std::string>{"title"});
    CHECK(id_set(searcher.search("title:(kyiv OR city)")) == std::set<std::string>{"body", "title"});
}

TEST_CASE("query searcher: offset and limit page through one consistent ranking") {
    std::vector<Article> articles;
    for (int i = 0; i < 25; ++i) {
        std::string text = "report";
        for (int k = 0; k < i; ++k) text += " word";
        articles.push_back(article("a" + std::to_string(i), "Item", text));
    }
    Index index(articles);
    Searcher searcher = index.open();
    SearchResults all = searcher.search("report", with_limit(100));
    REQUIRE(all.hits.size() == 25);
    CHECK(all.total == 25);
    CHECK(all.total_exact);
    // The shortest article has the highest BM25 weight.
    CHECK(all.hits.front().id == "a0");
    CHECK(all.hits.back().id == "a24");

    std::vector<std::string> paged;
    for (std::size_t offset = 0; offset < 30; offset += 10) {
        SearchResults page = searcher.search("report", with_limit(10, offset));
        CHECK(page.total == 25);
        for (std::size_t i = 0; i < page.hits.size(); ++i) CHECK(page.hits[i].rank == offset + i + 1);
        for (const Hit& hit : page.hits) paged.push_back(hit.id);
    }
    CHECK(paged == ids(all));
    CHECK(searcher.search("report", with_limit(10, 25)).hits.empty());
    CHECK(searcher.search("report", with_limit(0)).hits.empty());
}

TEST_CASE("query searcher: language, date and source filters") {
    std::vector<Article> articles = {
        article("en1", "Summit", "NATO leaders met in Vilnius.", "en", "2023-08-10"),
        article("uk1", "Саміт", "Лідери NATO зустрілися у Вільнюсі.", "uk", "2023-09-05"),
        article("ru1", "Саммит", "Лидеры NATO встретились в Вильнюсе.", "ru", "2024-01-15"),
        article("en2", "Summit", "NATO leaders met again in Washington.", "en", "2024-02-01T09:30Z"),
        article("uk2", "Саміт", "Лідери NATO зустрілися у Вашингтоні.", "uk", "2024-03-01"),
    };
    articles[0].url = "https://www.bbc.com/news/1";
    articles[0].source = "BBC News";
    Index index(articles);
    Searcher searcher = index.open();
    using Ids = std::set<std::string>;
    CHECK(id_set(searcher.search("nato")) == Ids{"en1", "uk1", "ru1", "en2", "uk2"});
    CHECK(id_set(searcher.search("nato lang:uk")) == Ids{"uk1", "uk2"});
    CHECK(id_set(searcher.search("nato lang:uk,ru")) == Ids{"uk1", "uk2", "ru1"});
    CHECK(id_set(searcher.search("nato lang:uk lang:ru")) == Ids{"uk1", "uk2", "ru1"});
    CHECK(id_set(searcher.search("nato -lang:en")) == Ids{"uk1", "uk2", "ru1"});
    CHECK(id_set(searcher.search("nato since:2024")) == Ids{"ru1", "en2", "uk2"});
    CHECK(id_set(searcher.search("nato until:2023-08-31")) == Ids{"en1"});
    CHECK(id_set(searcher.search("nato date:2023-08..2023-09")) == Ids{"en1", "uk1"});
    CHECK(id_set(searcher.search("nato date:2024-02")) == Ids{"en2"});
    // after:/before: include the day itself, like since:/until:.
    CHECK(id_set(searcher.search("nato after:2024-01-15 before:2024-02-01")) == Ids{"ru1", "en2"});
    CHECK(id_set(searcher.search("nato source:bbc.com")) == Ids{"en1"});
    CHECK(id_set(searcher.search("nato site:bbc.com")) == Ids{"en1"});
    CHECK(id_set(searcher.search("nato source:\"BBC News\"")) == Ids{"en1"});

    SearchOptions o;
    o.langs = {"uk", "en"};
    CHECK(id_set(searcher.search("nato", o)) == Ids{"en1", "uk1", "en2", "uk2"});
    o.since = "2023-09";
    o.until = "2024-02-15";
    CHECK(id_set(searcher.search("nato", o)) == Ids{"uk1", "en2"});

    // Filters alone list articles newest first, unranked.
    SearchResults listed = searcher.search("lang:uk");
    CHECK(ids(listed) == std::vector<std::string>{"uk2", "uk1"});
    CHECK(listed.hits[0].matched == 0);
    CHECK(listed.hits[0].clauses == 0);
    CHECK(ids(searcher.search("since:2024")) == std::vector<std::string>{"uk2", "en2", "ru1"});

    // A bad option is an OptionError naming the field (no query column to point at), so that
    // a program can name its own flag for it.
    SearchOptions bad;
    bad.since = "yesterday";
    CHECK_THROWS_WITH(searcher.search("nato", bad),
                      "since: 'yesterday' is not a date (expected e.g. 2023, 2023-08 or 2023-08-15)");
    auto option_of = [&](const SearchOptions& options) {
        try {
            searcher.search("nato", options);
        } catch (const sova::OptionError& e) {
            return e.option();
        }
        return std::string("(no error)");
    };
    CHECK(option_of(bad) == "since");
    SearchOptions reversed;
    reversed.since = "2024";
    reversed.until = "2023-12";
    CHECK(option_of(reversed) == "until");
    SearchOptions no_language;
    no_language.langs = {"uk", "1"};
    CHECK(option_of(no_language) == "langs");
}

TEST_CASE("query searcher: exclusion, OR, phrases and wildcards") {
    Index index({article("km", "Talks", "Kyiv and Moscow exchanged notes."),
                 article("k", "Notes", "Kyiv alone on a winter night. Winter is coming to Kyiv."),
                 article("l", "Lviv", "Coming from Lviv, winter is here."),
                 article("kh", "Kharkiv under fire", "Shelling hit Kharkiv again."),
                 article("kho", "Region", "The Kharkivska oblast was reported calm."),
                 article("khe", "Kherson", "Kherson ferry resumed."),
                 article("gap", "Report from Kyiv", "Winter came early.")});
    Searcher searcher = index.open();
    using Ids = std::set<std::string>;
    CHECK(id_set(searcher.search("kyiv -moscow")) == Ids{"k", "gap"});
    CHECK(id_set(searcher.search("kyiv NOT moscow")) == Ids{"k", "gap"});
    CHECK(id_set(searcher.search("kyiv -title:report")) == Ids{"km", "k"});
    CHECK(id_set(searcher.search("lviv OR moscow")) == Ids{"l", "km"});
    CHECK(id_set(searcher.search("(lviv OR moscow) -kyiv")) == Ids{"l"});
    CHECK(id_set(searcher.search("\"winter is coming\"")) == Ids{"k"});
    CHECK(id_set(searcher.search("\"coming winter\"")).empty());
    // No phrase spans the title and the body.
    CHECK(id_set(searcher.search("\"kyiv winter\"")).empty());
    CHECK(id_set(searcher.search("\"from kyiv\"")) == Ids{"gap"});
    CHECK(id_set(searcher.search("title:\"from kyiv\"")) == Ids{"gap"});
    CHECK(id_set(searcher.search("title:\"kyiv winter\"")).empty());
    CHECK(id_set(searcher.search("kharkiv*")) == Ids{"kh", "kho"});
    CHECK(id_set(searcher.search("title:khar*")) == Ids{"kh"});
    CHECK(id_set(searcher.search("kher* -ferry")).empty());

    // The snippet of a wildcard hit highlights the expanded word.
    SearchResults r = searcher.search("kharkivs*");
    REQUIRE(r.hits.size() == 1);
    const Hit& hit = r.hits[0];
    REQUIRE(hit.highlights.size() == 1);
    CHECK(hit.snippet.substr(hit.highlights[0].begin, hit.highlights[0].end - hit.highlights[0].begin) == "Kharkivska");
}

TEST_CASE("query searcher: Cyrillic stems and folded variants find the same articles") {
    Index index({article("yolka", "Свято", "Ёлка стояла во дворе.", "ru"),
                 article("voyna", "Новости", "Война закончилась весной.", "ru"),
                 article("pyat", "Числа", "П’ять років тому.", "uk")});
    Searcher searcher = index.open();
    for (const char* q : {"елка", "ёлка", "ЁЛКА", "ёлки", "ёлкой"}) {
        CAPTURE(q);
        CHECK(ids(searcher.search(q)) == std::vector<std::string>{"yolka"});
    }
    for (const char* q : {"война", "войны", "войной"}) {
        CAPTURE(q);
        CHECK(ids(searcher.search(q)) == std::vector<std::string>{"voyna"});
    }
    for (const char* q : {"п'ять", "п’ять", "пʼять", "\"п'ять років\""}) {
        CAPTURE(q);
        CHECK(ids(searcher.search(q)) == std::vector<std::string>{"pyat"});
    }
}

TEST_CASE("query searcher: hits carry the stored article and a highlighted snippet") {
    Article a = article("id-1", "Kyiv winter", "Long before dawn, Kyiv woke up to snow.", "en", "2023-12-01T07:00Z");
    a.url = "https://example.org/kyiv";
    a.source = "Example Daily";
    Index index({a});
    Searcher searcher = index.open();
    SearchResults r = searcher.search("kyiv");
    REQUIRE(r.hits.size() == 1);
    const Hit& hit = r.hits[0];
    CHECK(hit.id == "id-1");
    CHECK(hit.title == "Kyiv winter");
    CHECK(hit.url == "https://example.org/kyiv");
    CHECK(hit.date == "2023-12-01");
    CHECK(hit.lang == "en");
    CHECK(hit.source == "Example Daily");
    CHECK(hit.snippet == "Long before dawn, Kyiv woke up to snow.");
    REQUIRE(hit.highlights.size() == 1);
    CHECK(hit.highlights[0].begin == 18);
    CHECK(hit.highlights[0].end == 22);
    CHECK(r.description.find("Zkyiv") != std::string::npos);
    CHECK(searcher.document_count() == 6);
}

TEST_CASE("query searcher: reopen sees articles committed after opening") {
    sova::test::TempDir dir;
    const std::string path = dir / "index";
    auto writer = sova::IndexWriter::create_or_open(path);
    writer.add(article("old", "Old", "The first report from Odesa."));
    writer.commit();

    Searcher searcher = Searcher::open(path);
    CHECK(searcher.document_count() == 1);
    CHECK(ids(searcher.search("odesa")) == std::vector<std::string>{"old"});

    writer.add(article("new", "New", "A second report from Odesa."));
    writer.commit();
    CHECK(ids(searcher.search("odesa")) == std::vector<std::string>{"old"});
    searcher.reopen();
    CHECK(searcher.document_count() == 2);
    CHECK(id_set(searcher.search("odesa")) == std::set<std::string>{"old", "new"});

    // Replacing an article by id: still one hit for it, with the new text.
    writer.add(article("old", "Old", "Rewritten: a report from Mykolaiv."));
    writer.commit();
    searcher.reopen();
    CHECK(searcher.document_count() == 2);
    CHECK(ids(searcher.search("odesa")) == std::vector<std::string>{"new"});
    CHECK(ids(searcher.search("mykolaiv")) == std::vector<std::string>{"old"});
}

TEST_CASE("query searcher: errors") {
    sova::test::TempDir dir;
    const std::string missing = dir / "missing";
    try {
        Searcher::open(missing);
        FAIL("opened a missing index");
    } catch (const sova::IndexError& e) {
        CHECK(e.path() == missing);
    }
    const std::string file = dir.write("not-an-index", "hello");
    CHECK_THROWS_AS(Searcher::open(file), sova::IndexError);
    std::filesystem::create_directories(dir.path() / "empty");
    CHECK_THROWS_AS(Searcher::open(dir / "empty"), sova::IndexError);

    Index index({article("a", "Kyiv", "Kyiv text.")});
    Searcher searcher = index.open();
    try {
        searcher.search("Київ (kyiv");
        FAIL("no syntax error");
    } catch (const sova::QueryError& e) {
        CHECK(e.column() == 6);
    }
    CHECK_THROWS_AS(searcher.search("kyiv \"open"), sova::QueryError);
    CHECK_THROWS_AS(searcher.search(""), sova::QueryError);
    CHECK_THROWS_AS(searcher.search("!!!"), sova::QueryError);

    SearchOptions lenient;
    lenient.lenient = true;
    CHECK(ids(searcher.search("Київ (kyiv", lenient)) == std::vector<std::string>{"a"});
    CHECK(ids(searcher.search("kyiv \"open", lenient)) == std::vector<std::string>{"a"});
    CHECK(ids(searcher.search("kyiv)", lenient)) == std::vector<std::string>{"a"});
}

// Regression (fixed): query/compiler.cpp, Compiler::list(): SearchOptions::langs/since/until ("only articles
// in these languages / dated on or after ...") are ORed with the query's own lang:/since:/until:
// filters of the same kind instead of ANDed, so an option widens what the query asked for.
TEST_CASE("query searcher: option filters and query filters both apply") {
    Index index({article("en", "Summit", "NATO summit.", "en", "2023-08-10"),
                 article("uk", "Саміт", "Саміт NATO.", "uk", "2024-03-01")});
    Searcher searcher = index.open();
    SearchOptions english;
    english.langs = {"en"};
    CHECK(ids(searcher.search("nato lang:uk", english)).empty()); // actual: both articles
    SearchOptions recent;
    recent.since = "2024-01-01";
    CHECK(ids(searcher.search("nato since:2023", recent)) == std::vector<std::string>{"uk"}); // actual: both
}

// Regression (fixed): query/parser.cpp (see test_parser.cpp): a lenient search ending in OR/AND reads past
// the parser's token vector; in this build the process dies with SIGSEGV.
TEST_CASE("query searcher: a lenient search may end with OR") {
    Index index({article("a", "Kyiv", "Kyiv text.")});
    Searcher searcher = index.open();
    SearchOptions lenient;
    lenient.lenient = true;
    CHECK(ids(searcher.search("kyiv OR", lenient)) == std::vector<std::string>{"a"});
}

TEST_CASE("query searcher: a negative or unbounded ranking weight is refused, naming it") {
    Index index({article("a", "Kyiv", "Kyiv in winter.")});
    Searcher searcher = index.open();
    SearchOptions bad;
    bad.ranking.title = -1;
    CHECK_THROWS_WITH_AS(searcher.search("kyiv", bad), doctest::Contains("title"), sova::Error);
    SearchOptions b_too_large;
    b_too_large.ranking.bm25_b = 2;
    CHECK_THROWS_WITH_AS(searcher.search("kyiv", b_too_large), doctest::Contains("bm25_b"), sova::Error);
    SearchOptions nan;
    nan.ranking.coordination = std::nan("");
    CHECK_THROWS_AS(searcher.search("kyiv", nan), sova::Error);
    SearchOptions zero; // 0 turns a signal off
    zero.ranking.title = zero.ranking.exact = zero.ranking.coordination = 0;
    CHECK(searcher.search("kyiv", zero).hits.size() == 1);
}
