// The query compiler: AST -> Xapian::Query, checked through Query::get_description().
//
// Reading the descriptions: a word is `(exact OR Z<stem>) OR 2 * (S<exact> OR ZS<stem>)`;
// filters are scaled by 0; several top-level clauses get coordination bonuses
// (FixedWeightPostingSource(wt=100000) FILTER clause) inside AND_MAYBE.
#include "query/compiler.hpp"
#include "query/parser.hpp"

#include <sova/error.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using namespace sova::detail;

std::vector<std::string> english_or_russian(Script script) {
    if (script == Script::latin) return {"en"};
    if (script == Script::cyrillic) return {"ru"};
    return {};
}

// The tables below describe queries without cross-script keys, which have tests of their own.
CompileOptions without_keys() {
    CompileOptions options;
    options.cross_script = false;
    return options;
}

CompiledQuery compiled(std::string_view query, const CompileOptions& options = without_keys()) {
    static Analyzer analyzer;
    NodePtr root = parse_query(query);
    return compile_query(*root, analyzer, english_or_russian, options);
}

std::string described(std::string_view query, const CompileOptions& options = without_keys()) {
    return compiled(query, options).query.get_description();
}

struct Row {
    const char* query;
    const char* expected; // Xapian::Query::get_description()
};

// The coordination bonus source, as Xapian describes it.
#define COORD "PostingSource(Xapian::FixedWeightPostingSource(wt=100000))"

} // namespace

TEST_CASE("query compiler: Xapian queries for representative queries") {
    const Row rows[] = {
        // A word: exact term, stem, and both again in the title, weighted 2.
        {"wars", "Query(((wars OR Zwar) OR 2 * (Swars OR ZSwar)))"},
        {"Wars", "Query(((wars OR Zwar) OR 2 * (Swars OR ZSwar)))"},
        {"café", "Query(((cafe OR Zcafe) OR 2 * (Scafe OR ZScafe)))"},
        {"войны", "Query(((войны OR Zвойн) OR 2 * (Sвойны OR ZSвойн)))"},
        {"Ёлка", "Query(((елка OR Zелк) OR 2 * (Sелка OR ZSелк)))"},
        // Numbers have no stem.
        {"2023", "Query((2023 OR 2 * S2023))"},
        // A quoted single word: exact forms only.
        {"\"wars\"", "Query((wars OR 2 * Swars))"},
        // Phrases: PHRASE over exact terms, window = number of words.
        {"\"climate change\"", "Query((climate PHRASE 2 change))"},
        {"\"Війна і мир\"", "Query((війна PHRASE 3 і PHRASE 3 мир))"},
        // One typed word that the analyser splits is a phrase too.
        {"covid-19", "Query((covid PHRASE 2 19))"},
        {"Нью-Йорк", "Query((нью PHRASE 2 йорк))"},
        // Exclusion.
        {"stock -cooking",
         "Query((((stock OR Zstock) OR 2 * (Sstock OR ZSstock)) AND_NOT ((cooking OR Zcook) OR 2 * (Scooking OR ZScook))))"},
        {"-war", "Query((<alldocuments> AND_NOT ((war OR Zwar) OR 2 * (Swar OR ZSwar))))"},
        {"-war -peace",
         "Query((<alldocuments> AND_NOT (((war OR Zwar) OR 2 * (Swar OR ZSwar)) OR ((peace OR Zpeac) OR 2 * (Speace OR "
         "ZSpeac)))))"},
        {"-(a b) c",
         "Query((((c OR Zc) OR 2 * (Sc OR ZSc)) AND_NOT (((a OR Za) OR 2 * (Sa OR ZSa)) AND ((b OR Zb) OR 2 * (Sb OR "
         "ZSb)))))"},
        // OR and AND make one clause.
        {"a OR b", "Query((((a OR Za) OR 2 * (Sa OR ZSa)) OR ((b OR Zb) OR 2 * (Sb OR ZSb))))"},
        {"a AND b", "Query((((a OR Za) OR 2 * (Sa OR ZSa)) AND ((b OR Zb) OR 2 * (Sb OR ZSb))))"},
        {"a AND NOT b", "Query((((a OR Za) OR 2 * (Sa OR ZSa)) AND_NOT ((b OR Zb) OR 2 * (Sb OR ZSb))))"},
        // Two clauses: ranked OR plus one coordination bonus per clause, filtered by what
        // decides a match (title terms only weigh: every title word is also a body term).
        // "a" is a function word: it ranks but does not count for coordination.
        {"a b", "Query((((a OR Za) OR 2 * (Sa OR ZSa)) OR ((b OR Zb) OR 2 * (Sb OR ZSb))))"},
        {"x b",
         "Query(((((x OR Zx) OR 2 * (Sx OR ZSx)) OR ((b OR Zb) OR 2 * (Sb OR ZSb))) AND_MAYBE ((" COORD
         " FILTER (x OR Zx)) OR (" COORD " FILTER (b OR Zb)))))"},
        {"(a b) c",
         "Query((((((a OR Za) OR 2 * (Sa OR ZSa)) AND ((b OR Zb) OR 2 * (Sb OR ZSb))) OR ((c OR Zc) OR 2 * (Sc OR "
         "ZSc))) AND_MAYBE ((" COORD " FILTER (((a OR Za) OR 2 * (Sa OR ZSa)) AND ((b OR Zb) OR 2 * (Sb OR ZSb)))) OR "
         "(" COORD " FILTER (c OR Zc)))))"},
        {"a (b -c)",
         "Query((((a OR Za) OR 2 * (Sa OR ZSa)) OR (((b OR Zb) OR 2 * (Sb OR ZSb)) AND_NOT ((c OR Zc) OR 2 * (Sc OR "
         "ZSc)))))"},
        // A required clause: AND_MAYBE the others.
        {"+kyiv moscow",
         "Query(((((kyiv OR Zkyiv) OR 2 * (Skyiv OR ZSkyiv)) AND_MAYBE ((moscow OR Zmoscow) OR 2 * (Smoscow OR "
         "ZSmoscow))) AND_MAYBE ((" COORD " FILTER (kyiv OR Zkyiv)) OR (" COORD " FILTER (moscow OR Zmoscow)))))"},
        // Every clause required: every match has them all, nothing to coordinate.
        {"+kyiv +moscow",
         "Query((((kyiv OR Zkyiv) OR 2 * (Skyiv OR ZSkyiv)) AND ((moscow OR Zmoscow) OR 2 * (Smoscow OR ZSmoscow))))"},
        // Title: S and ZS terms only.
        {"title:war", "Query((Swar OR ZSwar))"},
        {"title:\"war crimes\"", "Query((Swar PHRASE 2 Scrimes))"},
        {"title:(war OR peace)", "Query(((Swar OR ZSwar) OR (Speace OR ZSpeac)))"},
        // Wildcards.
        {"kyi*", "Query(WILDCARD SYNONYM kyi)"},
        {"title:kyi*", "Query(WILDCARD SYNONYM Skyi)"},
        {"new-yor*", "Query(((new OR 2 * Snew) AND WILDCARD SYNONYM yor))"},
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
        {"war lang:en", "Query((((war OR Zwar) OR 2 * (Swar OR ZSwar)) FILTER 0 * Len))"},
        {"kyiv lang:uk", "Query(((kyiv OR 2 * Skyiv) FILTER 0 * Luk))"},
        {"війна lang:uk", "Query((((війна OR Zвійна) OR 2 * (Sвійна OR ZSвійна)) FILTER 0 * Luk))"},
        // Several values of one filter are alternatives; different filters all apply.
        {"war lang:uk lang:ru", "Query(((war OR 2 * Swar) FILTER (0 * Luk OR 0 * Lru)))"},
        {"war lang:uk,ru since:2023 -source:bbc.com",
         "Query((((war OR 2 * Swar) FILTER (VALUE_GE 0 20230000 AND 0 * (Luk OR Lru))) AND_NOT (XSbbc.com OR "
         "Hbbc.com)))"},
        {"war -lang:ru", "Query((((war OR Zwar) OR 2 * (Swar OR ZSwar)) AND_NOT Lru))"},
        // Words that analyse to nothing are dropped.
        {"war !!! -", "Query(((war OR Zwar) OR 2 * (Swar OR ZSwar)))"},
        {"!!! -war", "Query((<alldocuments> AND_NOT ((war OR Zwar) OR 2 * (Swar OR ZSwar))))"},
    };
    for (const Row& row : rows) {
        SUBCASE(row.query) { CHECK(described(row.query) == std::string(row.expected)); }
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
    CHECK(described("a b", all) == "Query((((a OR Za) OR 2 * (Sa OR ZSa)) AND ((b OR Zb) OR 2 * (Sb OR ZSb))))");
    CompiledQuery both = compiled("a b", all);
    CHECK(both.clauses == 2);
    CHECK(both.all_required);
    CHECK_FALSE(both.coordinated);
    CHECK_FALSE(compiled("a b").all_required);
    // Excluded clauses stay excluded when everything else is required.
    CHECK(described("a -b", all) == "Query((((a OR Za) OR 2 * (Sa OR ZSa)) AND_NOT ((b OR Zb) OR 2 * (Sb OR ZSb))))");

    CompileOptions weighted = without_keys();
    weighted.title_weight = 3;
    CHECK(described("wars", weighted) == "Query(((wars OR Zwar) OR 3 * (Swars OR ZSwar)))");

    CompileOptions filtered = without_keys();
    filtered.langs = {"en-GB", "ua"};
    filtered.since = "2023-01";
    filtered.until = "2023-12-31";
    // Codes are normalised (en-GB -> en, ua -> uk); stems follow the filter's languages.
    CHECK(described("wars", filtered) ==
          "Query((((wars OR Zwar) OR 2 * (Swars OR ZSwar)) FILTER ((0 * Len OR 0 * Luk) AND VALUE_GE 0 20230100 AND "
          "VALUE_LE 0 20231231)))");
    CHECK(described("войны", filtered) ==
          "Query(((войны OR 2 * Sвойны) FILTER ((0 * Len OR 0 * Luk) AND VALUE_GE 0 20230100 AND VALUE_LE 0 "
          "20231231)))");
    CompiledQuery filter_only = compiled("-war", filtered);
    CHECK_FALSE(filter_only.ranked);
    CHECK(filter_only.query.get_description() ==
          "Query(((<alldocuments> FILTER ((0 * Len OR 0 * Luk) AND VALUE_GE 0 20230100 AND VALUE_LE 0 20231231)) "
          "AND_NOT ((war OR Zwar) OR 2 * (Swar OR ZSwar))))");
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

TEST_CASE("query compiler: an unknown language code is a QueryError at the filter") {
    try {
        compiled("війна lang:english");
        FAIL("no error");
    } catch (const sova::QueryError& e) {
        CHECK(e.column() == 7);
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
    CHECK(described("title:(war -lang:ru)") == "Query(((Swar OR ZSwar) AND_NOT Lru))"); // actual: no AND_NOT Lru
    CHECK(described("title:(lang:uk war)").find("FILTER 0 * Luk") != std::string::npos); // actual: QueryError
}

TEST_CASE("query compiler: cross-script keys join each ranked word, never exact or excluded ones") {
    CompileOptions keys; // the default: keys on
    // Every spelling of the name compiles to the same key.
    for (const char* spelling : {"Kyiv", "Kiev", "Київ", "Киев"})
        CHECK_MESSAGE(described(spelling, keys).find(" XKkv)") != std::string::npos, spelling);
    CHECK(described("Kharkiv", keys).find("XKhrkv") != std::string::npos);
    CHECK(described("Харьков", keys).find("XKhrkv") != std::string::npos);
    // Quoted words and phrases match exact forms only; excluded words exclude only themselves.
    CHECK(described("\"Kyiv\"", keys).find("XK") == std::string::npos);
    CHECK(described("\"Kyiv city\"", keys).find("XK") == std::string::npos);
    CHECK(described("grain -Moscow", keys).find("XKmskv") == std::string::npos);
    CHECK(described("grain -Moscow", keys).find("XKhrn") != std::string::npos);
    // Switched off.
    CHECK(described("Kyiv", without_keys()).find("XK") == std::string::npos);
}
