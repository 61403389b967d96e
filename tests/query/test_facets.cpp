// Facets (languages, sources, years, months counted over every match) and date sorting, checked
// against what the test's own articles say, including articles without a date or a source.
#include "query/facet_columns.hpp"
#include "schema/schema.hpp"
#include "tests/support/temp_dir.hpp"

#include <sova/error.hpp>
#include <sova/index.hpp>
#include <sova/search.hpp>

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace {

using sova::Article;
using sova::Facet;
using sova::FacetCount;
using sova::Searcher;
using sova::SearchOptions;
using sova::Sort;

// 40 articles: languages, sources and dates in a fixed pattern; every fifth has no date, every
// seventh no source, and those numbered 3 mod 10 a date without a month or day.
std::vector<Article> articles() {
    const char* langs[] = {"en", "uk", "ru", "uk"};
    const char* sources[] = {"Kyiv Herald", "Південна  хвиля", "Eastern Dispatch"};
    std::vector<Article> out;
    for (int i = 0; i < 40; ++i) {
        Article a;
        a.id = "a" + std::to_string(100 + i);
        a.lang = langs[i % 4];
        a.title = "Grain report " + std::to_string(i);
        a.text = i % 2 ? "The grain harbour reopened after the storm." : "Grain prices rose again this week.";
        if (i % 7 != 0) a.source = sources[i % 3];
        if (i % 5 != 0) {
            const int year = 2021 + i % 3;
            const int month = 1 + (i * 5) % 12;
            char date[16];
            std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, 1 + i % 28);
            a.date = i % 10 == 3 ? std::to_string(year) : date;
        }
        out.push_back(std::move(a));
    }
    return out;
}

struct Index {
    sova::test::TempDir dir;
    std::string path = dir / "index";
    Index() {
        auto writer = sova::IndexWriter::create_or_open(path);
        for (const Article& a : articles()) writer.add(a);
        writer.commit();
    }
};

const Index& index() {
    static const Index built;
    return built;
}

// What a facet should count among `matching`, from the articles themselves.
std::map<std::string, std::uint64_t> expected(Facet facet, const std::vector<Article>& matching) {
    std::map<std::string, std::uint64_t> counts;
    for (const Article& a : matching) {
        std::string key;
        if (facet == Facet::lang) key = a.lang;
        if (facet == Facet::source) key = a.source == "Південна  хвиля" ? "Південна хвиля" : a.source;
        if (facet == Facet::year && !a.date.empty()) key = a.date.substr(0, 4);
        if (facet == Facet::month && a.date.size() == 10) key = a.date.substr(0, 7);
        ++counts[key];
    }
    return counts;
}

std::map<std::string, std::uint64_t> counted(Facet facet, const std::vector<FacetCount>& counts) {
    std::map<std::string, std::uint64_t> out;
    for (const FacetCount& c : counts)
        if (c.facet == facet) {
            CHECK(out.count(c.key) == 0);
            out[c.key] = c.articles;
        }
    return out;
}

} // namespace

TEST_CASE("facets: languages, sources, years and months count every match") {
    Searcher searcher = Searcher::open(index().path);
    const std::vector<Article> all = articles();
    std::vector<Article> harbour;
    std::copy_if(all.begin(), all.end(), std::back_inserter(harbour),
                 [](const Article& a) { return a.text.find("harbour") != std::string::npos; });
    struct Row {
        const char* query;
        const std::vector<Article>* matching;
    };
    for (const Row& row : {Row{"grain", &all}, Row{"harbour", &harbour}}) {
        SUBCASE(row.query) {
            SearchOptions options;
            options.limit = 3;
            options.facets = {Facet::month, Facet::lang, Facet::source, Facet::year};
            const sova::SearchResults results = searcher.search(row.query, options);
            CHECK(results.total == row.matching->size());
            CHECK(results.facet_counts_exact);
            for (Facet facet : options.facets) {
                INFO("facet " << sova::facet_name(facet));
                CHECK(counted(facet, results.facet_counts) == expected(facet, *row.matching));
            }
            // Facet by facet in the order asked; within one, as documented.
            std::vector<Facet> order;
            for (const FacetCount& c : results.facet_counts)
                if (order.empty() || order.back() != c.facet) order.push_back(c.facet);
            CHECK(order == options.facets);
            std::vector<FacetCount> langs, years;
            for (const FacetCount& c : results.facet_counts) {
                if (c.facet == Facet::lang) langs.push_back(c);
                if (c.facet == Facet::year) years.push_back(c);
            }
            CHECK(std::is_sorted(langs.begin(), langs.end(),
                                 [](const FacetCount& a, const FacetCount& b) { return a.articles > b.articles; }));
            REQUIRE(!years.empty());
            CHECK(years.back().key.empty()); // the undated, last
            CHECK(std::is_sorted(years.begin(), years.end() - 1,
                                 [](const FacetCount& a, const FacetCount& b) { return a.key < b.key; }));
        }
    }
}

TEST_CASE("facets: more matches than a search checks for its hits are counted too") {
    // A search checks 1,000 matches for an exact total; facets count up to facet_matches.
    sova::test::TempDir dir;
    const std::string path = dir / "many";
    {
        auto writer = sova::IndexWriter::create_or_open(path);
        for (int i = 0; i < 1500; ++i) {
            Article a;
            a.id = std::to_string(i);
            a.lang = i % 3 ? "en" : "de";
            a.text = i < 20 ? "grain harbour" : "grain";
            writer.add(a);
        }
        writer.commit();
    }
    Searcher searcher = Searcher::open(path);
    SearchOptions options;
    options.facets = {Facet::lang};
    options.time_limit_seconds = 0;
    const sova::SearchResults results = searcher.search("harbour grain", options);
    CHECK(counted(Facet::lang, results.facet_counts) ==
          std::map<std::string, std::uint64_t>{{"de", 500}, {"en", 1000}});
    CHECK(results.facet_counts_exact);
    CHECK(results.total == 1500);
}

// Every value facet's counts among `matching`, as results.facet_counts should hold them.
void check_counts(const sova::SearchResults& results, const std::vector<Article>& matching) {
    CHECK(results.total == matching.size());
    for (Facet facet : {Facet::lang, Facet::source, Facet::year, Facet::month}) {
        INFO("facet " << sova::facet_name(facet));
        CHECK(counted(facet, results.facet_counts) == expected(facet, matching));
    }
}

TEST_CASE("facets: a searcher that counts from columns counts the same, after an update and over shards") {
    // The first searches count by reading each match's value; once their matches add up to the
    // archive's size, from columns read into memory. Both must agree with the articles.
    sova::test::TempDir dir;
    const std::vector<Article> all = articles();
    const std::vector<Article> first(all.begin(), all.begin() + 25), second(all.begin() + 25, all.end());
    auto write = [](const std::string& path, const std::vector<Article>& some) {
        auto writer = sova::IndexWriter::create_or_open(path);
        for (const Article& a : some) writer.add(a);
        writer.commit();
    };
    write(dir / "one", first);
    write(dir / "two", second);
    SearchOptions options;
    options.facets = {Facet::lang, Facet::source, Facet::year, Facet::month};

    SUBCASE("one index, updated") {
        Searcher searcher = Searcher::open(dir / "one");
        for (int round = 0; round < 3; ++round) {
            INFO("round " << round);
            check_counts(searcher.search("grain", options), first);
        }
        write(dir / "one", second); // more articles, sources and months
        searcher.reopen();
        for (int round = 0; round < 3; ++round) {
            INFO("after the update, round " << round);
            check_counts(searcher.search("grain", options), all);
        }
    }
    SUBCASE("two shards searched as one") {
        Searcher searcher = Searcher::open({dir / "one", dir / "two"});
        std::vector<Article> harbour;
        std::copy_if(all.begin(), all.end(), std::back_inserter(harbour),
                     [](const Article& a) { return a.text.find("harbour") != std::string::npos; });
        for (int round = 0; round < 3; ++round) {
            INFO("round " << round);
            check_counts(searcher.search("grain", options), all);
            check_counts(searcher.search("harbour", options), harbour);
        }
    }
}

TEST_CASE("facets: counted from posting lists as Xapian's matcher counts them") {
    // A search counts facets from its query's posting lists (match_set) when it can, and in
    // Xapian's match otherwise: a budget of 10 postings (facet_matches 1) leaves it to the match.
    Searcher searcher = Searcher::open(index().path);
    for (const char* query :
         {"grain", "harbour OR prices", "grain -harbour", "lang:uk grain", "storm lang:en,ru", "(prices OR storm) week",
          "\"grain harbour\"", "grain since:2022-01-01", "source:\"Kyiv Herald\" grain", "lang:uk", "grain -lang:uk",
          "+storm prices", "nothingatall"}) {
        INFO(std::string(query));
        SearchOptions options;
        options.facets = {Facet::lang, Facet::source, Facet::year, Facet::month};
        const sova::SearchResults postings = searcher.search(query, options);
        options.facet_matches = 1;
        const sova::SearchResults matched = searcher.search(query, options);
        CHECK(postings.total == matched.total);
        CHECK(postings.total_exact);
        CHECK(postings.facet_counts_exact);
        CHECK(matched.facet_counts_exact);
        for (Facet facet : options.facets) {
            INFO("facet " << sova::facet_name(facet));
            CHECK(counted(facet, postings.facet_counts) == counted(facet, matched.facet_counts));
        }
        // The same hits as without facets, whichever way they were counted.
        options.facets.clear();
        const sova::SearchResults plain = searcher.search(query, options);
        CHECK(postings.total == plain.total);
        auto ids = [](const sova::SearchResults& results) {
            std::vector<std::string> out;
            for (const sova::Hit& hit : results.hits) out.push_back(hit.id);
            return out;
        };
        CHECK(ids(postings) == ids(plain));
        CHECK(ids(matched) == ids(plain));
    }
}

TEST_CASE("facets: a column is read once reading values has cost as much, and holds every article's value") {
    sova::test::TempDir dir;
    const std::string path = dir / "index";
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
        for (int i = 0; i < 10; ++i) {
            Xapian::Document doc;
            if (i % 4 != 0) doc.add_value(2, i % 2 ? "uk" : "en");
            db.add_document(doc);
        }
        db.commit();
    }
    const Xapian::Database db(path);
    sova::detail::FacetColumns columns;
    CHECK(columns.column(db, 2) == nullptr); // nothing read yet
    columns.read_values(2, 6);
    CHECK(columns.column(db, 2) == nullptr);
    columns.read_values(2, 4);
    const sova::detail::FacetColumn* column = columns.column(db, 2);
    REQUIRE(column != nullptr);
    CHECK(columns.column(db, 2) == column); // read once
    CHECK(column->codes() == 3);
    for (Xapian::docid did = 1; did <= 10; ++did) {
        const int i = static_cast<int>(did) - 1;
        CHECK(column->value(column->code(did)) == (i % 4 == 0 ? "" : i % 2 ? "uk" : "en"));
    }
    CHECK(column->code(11) == 0); // beyond the last article

    sova::detail::SlotCounts by_column(2, column), by_value(2, nullptr);
    for (Xapian::docid did = 1; did <= 10; ++did) {
        const Xapian::Document doc = db.get_document(did);
        by_column.add(doc, did);
        by_value.add(doc, did);
    }
    auto sorted = [](std::vector<std::pair<std::string, std::uint64_t>> counts) {
        std::sort(counts.begin(), counts.end());
        return counts;
    };
    const std::vector<std::pair<std::string, std::uint64_t>> want{{"en", 2}, {"uk", 5}};
    CHECK(sorted(by_column.counts()) == want);
    CHECK(sorted(by_value.counts()) == want);
    CHECK(by_column.total() == 10);
    CHECK(by_column.by_column());
    CHECK_FALSE(by_value.by_column());

    columns.clear();
    CHECK(columns.column(db, 2) == nullptr); // forgotten, and not worth reading again yet
}

TEST_CASE("facets: names, and an index built before language and source values") {
    CHECK(sova::parse_facet("month") == Facet::month);
    CHECK(sova::facet_name(Facet::source) == "source");
    CHECK(sova::parse_sort("oldest") == Sort::oldest);
    CHECK_THROWS_AS(sova::parse_facet("colour"), sova::OptionError);
    CHECK_THROWS_WITH_AS(sova::parse_sort("random"), doctest::Contains("relevance, newest, oldest"), sova::OptionError);

    sova::test::TempDir dir;
    const std::string path = dir / "old";
    {
        auto writer = sova::IndexWriter::create_or_open(path);
        for (const Article& a : articles()) writer.add(a);
        writer.commit();
    }
    { // as an earlier version wrote it: no "facets" feature
        Xapian::WritableDatabase db(path);
        db.set_metadata(std::string(sova::schema::features_key), "aboutness order names");
        db.commit();
    }
    Searcher searcher = Searcher::open(path);
    SearchOptions options;
    options.facets = {Facet::year};
    CHECK_FALSE(searcher.search("grain", options).facet_counts.empty()); // years come from the date
    options.facets = {Facet::source};
    CHECK_THROWS_WITH_AS(searcher.search("grain", options), doctest::Contains("re-index"), sova::OptionError);
}

TEST_CASE("sort: newest and oldest first, undated last, the same across pages") {
    Searcher searcher = Searcher::open(index().path);
    for (Sort sort : {Sort::newest, Sort::oldest}) {
        for (const char* query : {"grain", "harbour", "lang:uk"}) {
            INFO(sova::sort_name(sort) << " " << query);
            SearchOptions options;
            options.sort = sort;
            options.limit = 100;
            const sova::SearchResults all = searcher.search(query, options);
            REQUIRE(all.hits.size() == all.total);
            std::vector<std::string> dates;
            for (const sova::Hit& hit : all.hits) dates.push_back(hit.date);
            const auto dated_end = std::find(dates.begin(), dates.end(), std::string());
            CHECK(std::all_of(dated_end, dates.end(), [](const std::string& d) { return d.empty(); }));
            // Dates compare by their common prefix ("2022" and "2022-05-01" are the same year).
            auto before = [sort](const std::string& a, const std::string& b) {
                const std::size_t n = std::min(a.size(), b.size());
                return sort == Sort::newest ? a.substr(0, n) > b.substr(0, n) : a.substr(0, n) < b.substr(0, n);
            };
            CHECK(std::is_sorted(dates.begin(), dated_end, before));
            // Paging gives the same order.
            options.limit = 7;
            for (options.offset = 0; options.offset < all.hits.size(); options.offset += 7) {
                const sova::SearchResults page = searcher.search(query, options);
                for (std::size_t i = 0; i < page.hits.size(); ++i)
                    CHECK(page.hits[i].id == all.hits[options.offset + i].id);
            }
        }
    }
}
