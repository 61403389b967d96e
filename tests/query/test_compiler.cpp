// The query compiler: AST -> Xapian::Query, checked through Query::get_description().
//
// Reading the descriptions: a word is `(Z<stem> OR 0.25 * exact) OR 0.25 * (S<exact> SYNONYM
// ZS<stem>)` (its stems as one term, the typed form's own weight, the title's part); filters
// are scaled by 0; several top-level clauses get coordination bonuses (FixedWeightPostingSource
// (wt) FILTER clause), OR-ed with the clauses (AND_MAYBE when a clause is required), their
// weights checked apart.
#include "query/compiler.hpp"
#include "query/parser.hpp"
#include "tests/support/fake_statistics.hpp"

#include <sova/error.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

namespace {

using namespace sova::detail;

using sova::test::FakeStatistics;

// The tables below describe queries in an index of 1,000 articles where every term is in 10.
FakeStatistics thousand_articles() {
    FakeStatistics statistics;
    statistics.articles = 1000;
    statistics.frequency = [](const std::string&) { return 10.0; };
    return statistics;
}

// ... and without cross-script keys and lead bonuses, which have tests of their own.
CompileOptions without_keys() {
    CompileOptions options;
    options.cross_script = false;
    options.ranking.lead = 0;
    return options;
}

CompiledQuery compiled(std::string_view query, const CompileOptions& options = without_keys(),
                       const FakeStatistics& statistics = thousand_articles()) {
    static Analyzer analyzer;
    NodePtr root = parse_query(query);
    return compile_query(*root, analyzer, statistics, options);
}

// The description with coordination bonuses' weights left out ("wt=4.6051701859880918" -> "wt").
std::string described(std::string_view query, const CompileOptions& options = without_keys(),
                      const FakeStatistics& statistics = thousand_articles()) {
    std::string text = compiled(query, options, statistics).query.get_description();
    for (std::size_t at = text.find("(wt="); at != std::string::npos; at = text.find("(wt=", at)) {
        std::size_t end = text.find(')', at);
        text.erase(at + 3, end - at - 3);
        ++at;
    }
    return text;
}

struct Row {
    const char* query;
    const char* expected; // Xapian::Query::get_description()
};

// The coordination bonus source, as Xapian describes it.
#define COORD "PostingSource(Xapian::FixedWeightPostingSource(wt))"

} // namespace

TEST_CASE("query compiler: Xapian queries for representative queries") {
    const Row rows[] = {
        // A word: exact term, stem, and both again in the title, weighted 2.
        {"wars", "Query(((Zwar OR 0.25 * wars) OR 0.25 * (Swars SYNONYM ZSwar)))"},
        {"Wars", "Query(((Zwar OR 0.25 * wars) OR 0.25 * (Swars SYNONYM ZSwar)))"},
        {"café", "Query(((Zcafe OR 0.25 * cafe) OR 0.25 * (Scafe SYNONYM ZScafe)))"},
        {"войны", "Query(((Zвойн OR 0.25 * войны) OR 0.25 * (Sвойны SYNONYM ZSвойн)))"},
        {"Ёлка", "Query(((Zелк OR 0.25 * елка) OR 0.25 * (Sелка SYNONYM ZSелк)))"},
        // Numbers have no stem.
        {"2023", "Query((2023 OR 0.25 * S2023))"},
        // A quoted single word: exact forms only.
        {"\"wars\"", "Query((wars OR 0.25 * Swars))"},
        // Phrases: PHRASE over exact terms, window = number of words.
        {"\"climate change\"", "Query((climate PHRASE 2 change))"},
        {"\"Війна і мир\"", "Query((війна PHRASE 3 і PHRASE 3 мир))"},
        // One typed word that the analyser splits is a phrase too.
        // A typed word the analyser splits: the phrase, or its parts apart (split_parts).
        {"covid-19",
         "Query(((covid PHRASE 2 19) OR 1 * (((Zcovid OR 0.25 * covid) OR 0.25 * (Scovid SYNONYM ZScovid)) AND (19 "
         "OR 0.25 * S19))))"},
        {"Нью-Йорк", "Query(((нью PHRASE 2 йорк) OR 1 * (((Zнью OR 0.25 * нью) OR 0.25 * (Sнью SYNONYM ZSнью)) AND "
                     "((Zйорк OR 0.25 * йорк) OR 0.25 * (Sйорк SYNONYM ZSйорк)))))"},
        // Exclusion.
        {"stock -cooking", "Query((((Zstock OR 0.25 * stock) OR 0.25 * (Sstock SYNONYM ZSstock)) AND_NOT ((Zcook OR "
                           "0.25 * cooking) OR 0.25 * (Scooking SYNONYM ZScook))))"},
        {"-war", "Query((<alldocuments> AND_NOT ((Zwar OR 0.25 * war) OR 0.25 * (Swar SYNONYM ZSwar))))"},
        {"-war -peace", "Query((<alldocuments> AND_NOT (((Zwar OR 0.25 * war) OR 0.25 * (Swar SYNONYM ZSwar)) OR "
                        "((Zpeac OR 0.25 * peace) OR 0.25 * (Speace SYNONYM ZSpeac)))))"},
        {"-(a b) c", "Query((((Zc OR 0.25 * c) OR 0.25 * (Sc SYNONYM ZSc)) AND_NOT (((Za OR 0.25 * a) OR 0.25 * (Sa "
                     "SYNONYM ZSa)) AND ((Zb OR 0.25 * b) OR 0.25 * (Sb SYNONYM ZSb)))))"},
        // OR and AND make one clause.
        {"a OR b",
         "Query((((Za OR 0.25 * a) OR 0.25 * (Sa SYNONYM ZSa)) OR ((Zb OR 0.25 * b) OR 0.25 * (Sb SYNONYM ZSb))))"},
        {"a AND b",
         "Query((((Za OR 0.25 * a) OR 0.25 * (Sa SYNONYM ZSa)) AND ((Zb OR 0.25 * b) OR 0.25 * (Sb SYNONYM ZSb))))"},
        {"a AND NOT b", "Query((((Za OR 0.25 * a) OR 0.25 * (Sa SYNONYM ZSa)) AND_NOT ((Zb OR 0.25 * b) OR 0.25 * (Sb "
                        "SYNONYM ZSb))))"},
        // Two clauses: ranked OR plus one coordination bonus per clause, filtered by what
        // decides a match (title terms only weigh: every title word is also a body term).
        // "a" is a function word: it ranks but does not count for coordination.
        {"a b",
         "Query((((Za OR 0.25 * a) OR 0.25 * (Sa SYNONYM ZSa)) OR ((Zb OR 0.25 * b) OR 0.25 * (Sb SYNONYM ZSb))))"},
        {"x b", "Query(((((Zx OR 0.25 * x) OR 0.25 * (Sx SYNONYM ZSx)) OR ((Zb OR 0.25 * b) OR 0.25 * (Sb SYNONYM "
                "ZSb))) OR ((" COORD " FILTER (Zx OR 0.25 * x)) OR (" COORD " FILTER (Zb OR 0.25 * b)))))"},
        {"(a b) c", "Query((((((Za OR 0.25 * a) OR 0.25 * (Sa SYNONYM ZSa)) AND ((Zb OR 0.25 * b) OR 0.25 * (Sb "
                    "SYNONYM ZSb))) OR ((Zc OR 0.25 * c) OR 0.25 * (Sc SYNONYM ZSc))) OR ((" COORD
                    " FILTER (((Za OR 0.25 * a) OR 0.25 * (Sa SYNONYM ZSa)) AND ((Zb OR 0.25 * b) OR 0.25 * (Sb "
                    "SYNONYM ZSb)))) OR (" COORD " FILTER (Zc OR 0.25 * c)))))"},
        {"a (b -c)", "Query((((Za OR 0.25 * a) OR 0.25 * (Sa SYNONYM ZSa)) OR (((Zb OR 0.25 * b) OR 0.25 * (Sb SYNONYM "
                     "ZSb)) AND_NOT ((Zc OR 0.25 * c) OR 0.25 * (Sc SYNONYM ZSc)))))"},
        // A required clause: AND_MAYBE the others.
        {"+kyiv moscow", "Query(((((Zkyiv OR 0.25 * kyiv) OR 0.25 * (Skyiv SYNONYM ZSkyiv)) AND_MAYBE ((Zmoscow OR "
                         "0.25 * moscow) OR 0.25 * (Smoscow SYNONYM ZSmoscow))) AND_MAYBE ((" COORD
                         " FILTER (Zkyiv OR 0.25 * kyiv)) OR (" COORD " FILTER (Zmoscow OR 0.25 * moscow)))))"},
        // Every clause required: every match has them all, nothing to coordinate.
        {"+kyiv +moscow", "Query((((Zkyiv OR 0.25 * kyiv) OR 0.25 * (Skyiv SYNONYM ZSkyiv)) AND ((Zmoscow OR 0.25 * "
                          "moscow) OR 0.25 * (Smoscow SYNONYM ZSmoscow))))"},
        // Title: S and ZS terms only.
        {"title:war", "Query((Swar SYNONYM ZSwar))"},
        {"title:\"war crimes\"", "Query((Swar PHRASE 2 Scrimes))"},
        {"title:(war OR peace)", "Query(((Swar SYNONYM ZSwar) OR (Speace SYNONYM ZSpeac)))"},
        // Wildcards.
        {"kyi*", "Query(WILDCARD SYNONYM kyi)"},
        {"title:kyi*", "Query(WILDCARD SYNONYM Skyi)"},
        {"new-yor*", "Query(((new OR 0.25 * Snew) AND WILDCARD SYNONYM yor))"},
        // Filters: 0-weighted L terms; dates as VALUE_RANGE on slot 0 with YYYYMMDD keys.
        {"lang:uk", "Query((<alldocuments> FILTER 0 * Luk))"},
        {"lang:uk,ru", "Query((<alldocuments> FILTER 0 * (Luk OR Lru)))"},
        {"lang:UA", "Query((<alldocuments> FILTER 0 * Luk))"},
        {"date:2023-08..2023-09", "Query((<alldocuments> FILTER VALUE_RANGE 0 20230800 20230999))"},
        {"date:2023", "Query((<alldocuments> FILTER VALUE_RANGE 0 20230000 20239999))"},
        {"date:2023-08-15", "Query((<alldocuments> FILTER VALUE_RANGE 0 20230815 20230815))"},
        {"date:..2023-09", "Query((<alldocuments> FILTER VALUE_LE 0 20230999))"},
        {"date:2023-08..", "Query((<alldocuments> FILTER VALUE_GE 0 20230800))"},
        {"after:2024-01-01", "Query((<alldocuments> FILTER VALUE_GE 0 20240101))"},
        {"before:2023-08", "Query((<alldocuments> FILTER VALUE_LE 0 20230899))"},
        {"since:2024 until:2024-06-30", "Query((<alldocuments> FILTER (VALUE_GE 0 20240000 AND VALUE_LE 0 20240630)))"},
        {"source:bbc.com", "Query((<alldocuments> FILTER 0 * (XSbbc.com OR Hbbc.com)))"},
        {"source:\"Kyiv Independent\"", "Query((<alldocuments> FILTER 0 * XSkyiv independent))"},
        // A language filter picks the stemmers: English stems for lang:en; none for lang:uk
        // (no Ukrainian stemmer, and a Latin word is not stemmed as Cyrillic).
        {"war lang:en", "Query((((Zwar OR 0.25 * war) OR 0.25 * (Swar SYNONYM ZSwar)) FILTER 0 * Len))"},
        {"kyiv lang:uk", "Query(((kyiv OR 0.25 * Skyiv) FILTER 0 * Luk))"},
        {"війна lang:uk", "Query((((Zвійна OR 0.25 * війна) OR 0.25 * (Sвійна SYNONYM ZSвійна)) FILTER 0 * Luk))"},
        // Several values of one filter are alternatives; different filters all apply.
        {"war lang:uk lang:ru", "Query(((war OR 0.25 * Swar) FILTER (0 * Luk OR 0 * Lru)))"},
        {"war lang:uk,ru since:2023 -source:bbc.com", "Query((((war OR 0.25 * Swar) FILTER (VALUE_GE 0 20230000 AND 0 "
                                                      "* (Luk OR Lru))) AND_NOT (XSbbc.com OR Hbbc.com)))"},
        {"war -lang:ru", "Query((((Zwar OR 0.25 * war) OR 0.25 * (Swar SYNONYM ZSwar)) AND_NOT Lru))"},
        // Words that analyse to nothing are dropped.
        {"war !!! -", "Query(((Zwar OR 0.25 * war) OR 0.25 * (Swar SYNONYM ZSwar)))"},
        {"!!! -war", "Query((<alldocuments> AND_NOT ((Zwar OR 0.25 * war) OR 0.25 * (Swar SYNONYM ZSwar))))"},
    };
    for (const Row& row : rows) {
        SUBCASE(row.query) {
            CHECK(described(row.query) == std::string(row.expected));
        }
    }
}

TEST_CASE("query compiler: case, ё/е and apostrophe variants compile to the same query") {
    const std::vector<std::vector<std::string>> groups = {
        {"ёлка", "Ёлка", "елка", "ЕЛКА", "ЁЛКА"},
        {"п'ять", "п’ять", "пʼять", "П’ЯТЬ", "п‘ять"},
        {"\"зелёная ёлка\"", "\"зеленая елка\"", "\"ЗЕЛЁНАЯ ЁЛКА\""},
        {"don't", "don’t", "DON'T", "donʼt"},
        {"о'брайен ёж", "о’брайен еж"},
        {"café", "cafe", "CAFÉ", "cafe\xCC\x81"}, // the last with a combining acute accent
    };
    for (const auto& group : groups) {
        SUBCASE(group.front().c_str()) {
            const std::string first = described(group.front());
            for (const auto& variant : group) {
                CAPTURE(variant);
                CHECK(described(variant) == first);
            }
        }
    }
}

TEST_CASE("query compiler: clauses, coordination and ranking") {
    struct Expect {
        const char* query;
        unsigned clauses;
        bool coordinated;
        bool ranked;
    };
    const Expect rows[] = {
        {"war", 1, false, true},
        {"war peace", 2, true, true},
        {"war peace -famine", 2, true, true},
        {"+war peace", 2, true, true},
        {"+war +peace", 2, false, true},
        {"+war +peace -famine lang:uk", 2, false, true},
        {"war OR peace", 1, false, true},
        {"war AND peace", 1, false, true},
        {"(war peace) famine", 2, true, true},
        {"\"war and peace\" tolstoy", 2, true, true},
        {"war lang:uk", 1, false, true},
        {"war peace lang:uk date:2023", 2, true, true},
        {"war !!!", 1, false, true},
        {"lang:uk", 0, false, false},
        {"lang:uk date:2023 source:bbc", 0, false, false},
        {"-war", 0, false, false},
        {"-war lang:uk", 0, false, false},
    };
    for (const Expect& row : rows) {
        SUBCASE(row.query) {
            CompiledQuery q = compiled(row.query);
            CHECK(q.clauses == row.clauses);
            CHECK(q.coordinated == row.coordinated);
            CHECK(q.ranked == row.ranked);
        }
    }
}

TEST_CASE("query compiler: no coordination above max_coordinated_clauses") {
    std::string query;
    for (std::size_t i = 0; i < max_coordinated_clauses; ++i) query += "w" + std::to_string(i) + " ";
    CompiledQuery at_limit = compiled(query);
    CHECK(at_limit.clauses == max_coordinated_clauses);
    CHECK(at_limit.coordinated);

    query += "extra";
    CompiledQuery over = compiled(query);
    CHECK(over.clauses == max_coordinated_clauses + 1);
    CHECK_FALSE(over.coordinated);
    CHECK(over.query.get_description().find("PostingSource") == std::string::npos);
}

TEST_CASE("query compiler: options add requirements, filters and title weight") {
    CompileOptions all = without_keys();
    all.require_all = true;
    // Every match has every word: no coordination bonuses to compute.
    CHECK(described("a b", all) ==
          "Query((((Za OR 0.25 * a) OR 0.25 * (Sa SYNONYM ZSa)) AND ((Zb OR 0.25 * b) OR 0.25 * (Sb SYNONYM ZSb))))");
    CompiledQuery both = compiled("a b", all);
    CHECK(both.clauses == 2);
    CHECK(both.all_required);
    CHECK_FALSE(both.coordinated);
    CHECK_FALSE(compiled("a b").all_required);
    // Excluded clauses stay excluded when everything else is required.
    CHECK(
        described("a -b", all) ==
        "Query((((Za OR 0.25 * a) OR 0.25 * (Sa SYNONYM ZSa)) AND_NOT ((Zb OR 0.25 * b) OR 0.25 * (Sb SYNONYM ZSb))))");

    CompileOptions weighted = without_keys();
    weighted.ranking.title = 3;
    CHECK(described("wars", weighted) == "Query(((Zwar OR 0.25 * wars) OR 3 * (Swars SYNONYM ZSwar)))");

    CompileOptions filtered = without_keys();
    filtered.filters = option_filters({"en-GB", "ua"}, "2023-01", "2023-12-31");
    // Codes are normalised (en-GB -> en, ua -> uk); stems follow the filter's languages.
    CHECK(described("wars", filtered) == "Query((((Zwar OR 0.25 * wars) OR 0.25 * (Swars SYNONYM ZSwar)) FILTER ((0 * "
                                         "Len OR 0 * Luk) AND VALUE_GE 0 20230100 AND VALUE_LE 0 20231231)))");
    CHECK(described("войны", filtered) == "Query(((войны OR 0.25 * Sвойны) FILTER ((0 * Len OR 0 * Luk) AND VALUE_GE 0 "
                                          "20230100 AND VALUE_LE 0 20231231)))");
    CompiledQuery filter_only = compiled("-war", filtered);
    CHECK_FALSE(filter_only.ranked);
    CHECK(filter_only.query.get_description() ==
          "Query(((<alldocuments> FILTER ((0 * Len OR 0 * Luk) AND VALUE_GE 0 20230100 AND VALUE_LE 0 20231231)) "
          "AND_NOT ((Zwar OR 0.25 * war) OR 0.25 * (Swar SYNONYM ZSwar))))");
}

// Regression (fixed): query/compiler.cpp, Compiler::list()/node_query(): a query of filters joined by OR
// ("lang:uk OR lang:ru") is compiled as a ranked clause of 0-weighted terms: ranked == true and
// clauses == 1, although CompiledQuery::ranked is documented as false "when only filters were
// given". The Searcher then orders these hits by document id instead of by date.
TEST_CASE("query compiler: filters joined by OR are still a filter-only query") {
    CompiledQuery q = compiled("lang:uk OR lang:ru");
    CHECK_FALSE(q.ranked);
    CHECK(q.clauses == 0);
}

TEST_CASE("query compiler: QueryTerms collects the words for highlighting") {
    CompiledQuery q = compiled("Wars \"Climate change\" kyi* -cooking title:Ёлка lang:en café");
    CHECK(q.terms.exact == std::set<std::string>{"wars", "climate", "change", "cooking", "елка", "cafe"});
    // Quoted words match exact forms only, so only the others are highlighted by stem.
    CHECK(q.terms.lowers == std::vector<std::string>{"wars", "cooking", "елка", "café"});
    CHECK(q.terms.prefixes == std::vector<std::string>{"kyi"});

    CompiledQuery filters_only = compiled("lang:uk date:2023");
    CHECK(filters_only.terms.exact.empty());
    CHECK(filters_only.terms.lowers.empty());
    CHECK(filters_only.terms.prefixes.empty());

    CompiledQuery apostrophes = compiled("П’ЯТЬ");
    CHECK(apostrophes.terms.exact == std::set<std::string>{"п'ять"});
}

TEST_CASE("query compiler: a query with nothing searchable is a QueryError") {
    const char* queries[] = {"", "!!!", "…", "\"\"", "-", "( . ) , ;", "\"!!!\"", "title:\"...\"", "*"};
    for (const char* query : queries) {
        SUBCASE(query) {
            try {
                CompiledQuery q = compiled(query);
                FAIL("compiled to " << q.query.get_description());
            } catch (const sova::QueryError& e) {
                CHECK(e.column() == 1);
                CHECK(e.reason().find("nothing to search for") != std::string::npos);
            }
        }
    }
    // Filters and exclusions alone are searchable (they list articles by date).
    CHECK_NOTHROW(compiled("lang:uk"));
    CHECK_NOTHROW(compiled("!!! -war"));
}

// The parser reads filter values into typed filters (query/filters.hpp): a bad one is reported
// at the value, and the compiler never sees it.
TEST_CASE("query compiler: an unknown language code is a QueryError at the filter's value") {
    try {
        compiled("війна lang:english");
        FAIL("no error");
    } catch (const sova::QueryError& e) {
        CHECK(e.column() == 12);
        CHECK(e.reason().find("'english' is not a language code") != std::string::npos);
    }
    // One usable code is enough.
    CHECK(described("lang:uk,english") == "Query((<alldocuments> FILTER 0 * Luk))");
}

// Regression (fixed): query/parser.cpp, Parser::mark_title() overwrites Node::field of filter nodes inside a
// title group ("lang" becomes "title"), so Compiler::filter_query() sees an unknown filter:
// "title:(lang:uk war)" throws "the query has nothing to search for" and the exclusion in
// "title:(war -lang:ru)" silently disappears.
TEST_CASE("query compiler: filters inside a title group still filter") {
    CHECK(described("title:(war -lang:ru)") == "Query(((Swar SYNONYM ZSwar) AND_NOT Lru))"); // actual: no AND_NOT Lru
    CHECK(described("title:(lang:uk war)").find("FILTER 0 * Luk") != std::string::npos);     // actual: QueryError
}

TEST_CASE("query compiler: cross-script keys join each ranked word, never exact or excluded ones") {
    CompileOptions keys;          // the default: keys on
    const FakeStatistics unknown; // nothing known of the index: every word gets its key
    // Every spelling of the name compiles to the same key.
    for (const char* spelling : {"Kyiv", "Kiev", "Київ", "Киев"})
        CHECK_MESSAGE(described(spelling, keys, unknown).find(" XKkv)") != std::string::npos, spelling);
    CHECK(described("Kharkiv", keys, unknown).find("XKhrkv") != std::string::npos);
    CHECK(described("Харьков", keys, unknown).find("XKhrkv") != std::string::npos);
    // Quoted words and phrases match exact forms only; excluded words exclude only themselves.
    CHECK(described("\"Kyiv\"", keys, unknown).find("XK") == std::string::npos);
    CHECK(described("\"Kyiv city\"", keys, unknown).find("XK") == std::string::npos);
    CHECK(described("grain -Moscow", keys, unknown).find("XKmskv") == std::string::npos);
    CHECK(described("grain -Moscow", keys, unknown).find("XKhrn") != std::string::npos);
    // Switched off.
    CHECK(described("Kyiv", without_keys()).find("XK") == std::string::npos);
}

namespace {

// The weights of the coordination bonuses of a compiled query, in order.
std::vector<double> bonus_weights(const CompiledQuery& q) {
    std::vector<double> out;
    std::string text = q.query.get_description();
    for (std::size_t at = text.find("(wt="); at != std::string::npos; at = text.find("(wt=", at + 1))
        out.push_back(std::stod(text.substr(at + 4)));
    return out;
}

} // namespace

TEST_CASE("query compiler: coordination adds each clause's IDF times a factor that falls with the query's length") {
    CompileOptions options = without_keys(); // 1,000 articles, every term in 10
    const double idf = std::log(100.0);
    const sova::RankingWeights defaults;
    auto near = [](const std::vector<double>& got, double want, std::size_t n) {
        REQUIRE(got.size() == n);
        for (double w : got) CHECK(w == doctest::Approx(want));
    };
    near(bonus_weights(compiled("war peace", options)), defaults.coordination * idf, 2);
    near(bonus_weights(compiled("war peace grain export ports", options)), defaults.coordination_long * idf, 5);
    near(bonus_weights(compiled("war peace grain export ports ships", options)), defaults.coordination_long * idf, 6);
    // In between, linear in the number of clauses.
    double third = defaults.coordination + (defaults.coordination_long - defaults.coordination) / 3.0;
    near(bonus_weights(compiled("war peace grain", options)), third * idf, 3);

    // A rare word weighs more than a common one: the share of the query's weight counts.
    FakeStatistics skewed = thousand_articles();
    skewed.frequency = [](const std::string& term) { return term.find("grain") != std::string::npos ? 1.0 : 100.0; };
    std::vector<double> w = bonus_weights(compiled("grain war", options, skewed));
    REQUIRE(w.size() == 2);
    CHECK(w[0] == doctest::Approx(defaults.coordination * std::log(1000.0)));
    CHECK(w[1] == doctest::Approx(defaults.coordination * std::log(10.0)));

    // Turned off, or nothing known of the index: no bonuses, plain BM25.
    CompileOptions off = without_keys();
    off.ranking.coordination = off.ranking.coordination_long = 0;
    CHECK_FALSE(compiled("war peace", off).coordinated);
    CHECK_FALSE(compiled("war peace", options, FakeStatistics{}).coordinated);
}

TEST_CASE("query compiler: proximity pairs adjacent plain words, when weighted") {
    CompileOptions options = without_keys();
    CHECK(compiled("grain export", options).proximity_pairs == 0); // weight 0 by default: no pairs
    options.ranking.proximity = 0.5;
    CompiledQuery two = compiled("grain export", options);
    CHECK(two.proximity_pairs == 1);
    CHECK(two.query.get_description().find("0.5 * (grain NEAR 4 export)") != std::string::npos);
    CHECK(compiled("grain export odesa", options).proximity_pairs == 2);
    // A phrase breaks the chain; filters and excluded words do not; function words are skipped.
    CHECK(compiled("grain \"black sea\" export", options).proximity_pairs == 0);
    CHECK(compiled("grain lang:uk -wheat export", options).proximity_pairs == 1);
    CHECK(compiled("grain of the export", options).proximity_pairs == 1);
    CHECK(compiled("grain", options).proximity_pairs == 0);
}

TEST_CASE("query compiler: a plain word adds its IDF where an article's lead has it") {
    CompileOptions options = without_keys();
    options.ranking.lead = 1;
    const double idf = std::log(100.0); // 1,000 articles, every term in 10
    CompiledQuery one = compiled("wars", options);
    CHECK(one.lead_words == 1);
    // The lead's terms: the word's stems (the lead has every form's), or the form typed.
    CHECK(one.query.get_description().find("FILTER XLwar)") != std::string::npos);
    CHECK(compiled("2023", options).query.get_description().find("FILTER XL2023)") != std::string::npos);
    // What the lead terms match, the query matches: its matching part has them.
    CHECK(one.matching.get_description().find("XLwar") != std::string::npos);
    std::vector<double> weights = bonus_weights(one);
    REQUIRE(weights.size() == 1);
    CHECK(weights[0] == doctest::Approx(idf));
    options.ranking.lead = 0.5;
    CompiledQuery two = compiled("wars grain", options);
    CHECK(two.lead_words == 2);
    // Quoted, excluded and function words, phrases and filters have no lead bonus.
    CHECK(compiled("\"wars\" -grain of \"black sea\" lang:uk", options).lead_words == 0);
    // Capitalised names: the key as well, so that the lead's Київ counts for Kyiv.
    CompileOptions keys = options;
    keys.cross_script = true;
    CHECK(compiled("Kyiv", keys).query.get_description().find("XLKkv") != std::string::npos);
    // Off.
    options.ranking.lead = 0;
    CHECK(compiled("wars", options).lead_words == 0);
}

TEST_CASE("query compiler: a typed word that splits matches as a phrase and by its parts") {
    CompileOptions options = without_keys();
    std::string both = described("file-system", options);
    CHECK(both.find("(file PHRASE 2 system)") != std::string::npos);
    CHECK(both.find("Zfile") != std::string::npos);
    CHECK(both.find("Zsystem") != std::string::npos);
    options.ranking.split_parts = 0;
    CHECK(described("file-system", options) == "Query((file PHRASE 2 system))");
    // A quoted phrase stays a phrase.
    CHECK(described("\"file system\"", without_keys()) == "Query((file PHRASE 2 system))");
}
