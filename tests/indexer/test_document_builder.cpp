// Article -> Xapian::Document: the exact terms, positions, value slot and data of the schema.
#include "indexer/document_builder.hpp"

#include "schema/document_data.hpp"
#include "schema/schema.hpp"

#include <sova/error.hpp>

#include <doctest/doctest.h>

#include <xapian.h>

#include <string>
#include <string_view>

namespace {

using sova::Article;
using sova::detail::build_document;
using sova::detail::BuildReport;

// Every term of `doc` in Xapian's (byte) order, with its positions: "a@1,5 | Qid | ...".
std::string terms_of(const Xapian::Document& doc) {
    std::string out;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        if (!out.empty()) out += " | ";
        out += *it;
        std::string positions;
        for (auto p = it.positionlist_begin(); p != it.positionlist_end(); ++p)
            positions += (positions.empty() ? "@" : ",") + std::to_string(*p);
        out += positions;
    }
    return out;
}

// Terms of `doc` that start with `prefix` followed by a lower-case letter or digit (so that
// "Z" does not also list "ZS..."), without positions.
std::string prefixed(const Xapian::Document& doc, std::string_view prefix) {
    std::string out;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        const std::string term = *it;
        if (!term.starts_with(prefix) || term.size() == prefix.size()) continue;
        const char next = term[prefix.size()];
        if (next >= 'A' && next <= 'Z') continue;
        if (!out.empty()) out += " ";
        out += term;
    }
    return out;
}

Xapian::termcount wdf_of(const Xapian::Document& doc, const std::string& term) {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0;
}

Article article(std::string id, std::string title, std::string text) {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.text = std::move(text);
    return a;
}

} // namespace

TEST_CASE("build_document: every term of a complete article") {
    Article a = article("a1", "Hello World", "Running fast, running far.");
    a.lang = "en";
    a.date = "2023-08-15T10:00Z";
    a.url = "https://www.Example.com/x";
    a.source = "The  Guardian";
    BuildReport report;
    const Xapian::Document doc = build_document(a, report);

    // Title words at 1.., the body after a gap of title_body_gap positions.
    CHECK(terms_of(doc) == "D20230815 | Hexample.com | Len | M202308 | Qa1 | Shello@1 | Sworld@2 | XKhl | XKrnh | "
                           "XKvrld | XSthe guardian | Y2023 | "
                           "ZShello | ZSworld | Zfar | Zfast | Zhello | Zrun | Zworld | "
                           "far@106 | fast@104 | hello@1 | running@103,105 | world@2");
    CHECK(wdf_of(doc, "running") == 2);
    CHECK(doc.get_value(sova::schema::date_slot) == "20230815");
    CHECK(report.id == "a1");
    CHECK(report.invalid_utf8 == 0);
    CHECK(report.warnings.empty());

    // The article is normalised in place and stored as data.
    CHECK(a.date == "2023-08-15");
    const auto stored = sova::schema::decode_document_data(doc.get_data());
    CHECK(stored.article.id == "a1");
    CHECK(stored.article.title == "Hello World");
    CHECK(stored.article.text == "Running fast, running far.");
    CHECK(stored.article.date == "2023-08-15");
    CHECK(stored.article.lang == "en");
    CHECK(stored.article.url == "https://www.Example.com/x");
    CHECK(stored.article.source == "The  Guardian");
    CHECK_FALSE(stored.lang_detected);
}

TEST_CASE("build_document: positions of title and body") {
    struct Row {
        const char* name;
        std::string_view title;
        std::string_view text;
        std::string_view terms; // unprefixed terms with positions
    };
    const Row rows[] = {
        {"no title: the body starts after the gap", "", "one two", "one@101 | two@102"},
        {"three title words", "a b c", "d", "a@1 | b@2 | c@3 | d@104"},
        {"a word in both", "kyiv", "kyiv news", "kyiv@1,102 | news@103"},
        {"only a title", "Only title", "", "only@1 | title@2"},
    };
    for (const Row& row : rows) {
        SUBCASE(row.name) {
            Article a = article("x", std::string(row.title), std::string(row.text));
            a.lang = "uk"; // no stemmer: only unprefixed, title and boolean terms
            BuildReport report;
            const Xapian::Document doc = build_document(a, report);
            std::string unprefixed;
            for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
                const std::string term = *it;
                if (term[0] >= 'A' && term[0] <= 'Z') continue;
                if (!unprefixed.empty()) unprefixed += " | ";
                unprefixed += term;
                std::string positions;
                for (auto p = it.positionlist_begin(); p != it.positionlist_end(); ++p)
                    positions += (positions.empty() ? "@" : ",") + std::to_string(*p);
                unprefixed += positions;
            }
            CHECK(unprefixed == row.terms);
            CHECK(prefixed(doc, "Z") == "");
            CHECK(prefixed(doc, "ZS") == "");
        }
    }
}

TEST_CASE("build_document: Ukrainian and Russian articles") {
    SUBCASE("Ukrainian, detected: Hunspell stems, apostrophes unified") {
        Article a = article("uk-1", "", "Він сказав, що п’ять років вона вже була там.");
        BuildReport report;
        const Xapian::Document doc = build_document(a, report);
        CHECK(a.lang == "uk");
        CHECK(prefixed(doc, "L") == "Luk");
        CHECK(prefixed(doc, "Z") == "Zбула Zвже Zвона Zвін Zп'ять Zрік Zсказати Zтам Zщо");
        CHECK(wdf_of(doc, "п'ять") == 1);
        CHECK(wdf_of(doc, "п’ять") == 0);
        CHECK(sova::schema::decode_document_data(doc.get_data()).lang_detected);
    }
    SUBCASE("Russian: stems under Z, ё folded") {
        Article a = article("ru-1", "Ёлки", "Книги о городами");
        a.lang = "ru";
        BuildReport report;
        const Xapian::Document doc = build_document(a, report);
        CHECK(prefixed(doc, "Z") == "Zгород Zелк Zкниг Zо");
        CHECK(prefixed(doc, "ZS") == "ZSелк");
        CHECK(prefixed(doc, "S") == "Sелки");
        CHECK(wdf_of(doc, "елки") == 1);
    }
}

TEST_CASE("build_document: numbers and CJK have no stems") {
    Article a = article("n", "", "In 2023 北京 grew");
    a.lang = "en";
    BuildReport report;
    const Xapian::Document doc = build_document(a, report);
    CHECK(prefixed(doc, "Z") == "Zgrew Zin");
    CHECK(wdf_of(doc, "2023") == 1);
    CHECK(wdf_of(doc, "北京") == 1);
}

TEST_CASE("build_document: dates") {
    struct Row {
        std::string_view given;
        std::string_view stored; // "" when dropped
        std::string_view value;
        std::string_view terms; // D, M and Y terms
    };
    const Row rows[] = {
        {"2023-08-15", "2023-08-15", "20230815", "D20230815 M202308 Y2023"},
        {"20230815", "2023-08-15", "20230815", "D20230815 M202308 Y2023"},
        {"2023-08-15 09:30:00+03:00", "2023-08-15", "20230815", "D20230815 M202308 Y2023"},
        {"2023-08", "2023-08", "20230800", "M202308 Y2023"},
        {"2023", "2023", "20230000", "Y2023"},
        {"", "", "", ""},
        {"15/08/2023", "", "", ""},
        {"2023-02-30", "", "", ""},
    };
    for (const Row& row : rows) {
        SUBCASE(("\"" + std::string(row.given) + "\"").c_str()) {
            Article a = article("d", "", "text");
            a.lang = "en";
            a.date = std::string(row.given);
            BuildReport report;
            const Xapian::Document doc = build_document(a, report);
            CHECK(a.date == row.stored);
            CHECK(doc.get_value(sova::schema::date_slot) == row.value);
            std::string dates;
            for (std::string_view p : {"D", "M", "Y"}) {
                const std::string some = prefixed(doc, p);
                if (some.empty()) continue;
                if (!dates.empty()) dates += " ";
                dates += some;
            }
            CHECK(dates == row.terms);
            CHECK(sova::schema::decode_document_data(doc.get_data()).article.date == row.stored);
            const bool dropped = !row.given.empty() && row.stored.empty();
            REQUIRE(report.warnings.size() == (dropped ? 1u : 0u));
            if (dropped) CHECK(report.warnings[0].find("unrecognised date") != std::string::npos);
        }
    }
}

TEST_CASE("build_document: language codes") {
    const std::string english = "The council met to discuss the future of the city.";
    SUBCASE("normalised") {
        Article a = article("l", "", english);
        a.lang = "EN-gb";
        BuildReport report;
        const Xapian::Document doc = build_document(a, report);
        CHECK(a.lang == "en");
        CHECK(prefixed(doc, "L") == "Len");
        CHECK(report.warnings.empty());
        CHECK_FALSE(sova::schema::decode_document_data(doc.get_data()).lang_detected);
    }
    SUBCASE("unrecognised: warned, then detected") {
        Article a = article("l", "", english);
        a.lang = "english";
        BuildReport report;
        const Xapian::Document doc = build_document(a, report);
        CHECK(a.lang == "en");
        CHECK(prefixed(doc, "L") == "Len");
        REQUIRE(report.warnings.size() == 1);
        CHECK(report.warnings[0].find("unrecognised language code \"english\"") != std::string::npos);
        CHECK(sova::schema::decode_document_data(doc.get_data()).lang_detected);
    }
    SUBCASE("detected from the title when the body says nothing") {
        Article a = article("l", "Київ і Харків", "2023 42");
        BuildReport report;
        const Xapian::Document doc = build_document(a, report);
        CHECK(prefixed(doc, "L") == "Luk");
    }
    SUBCASE("nothing to detect: no L term") {
        Article a = article("l", "", "2023 42");
        BuildReport report;
        const Xapian::Document doc = build_document(a, report);
        CHECK(a.lang == "");
        CHECK(prefixed(doc, "L") == "");
    }
}

TEST_CASE("build_document: ids") {
    SUBCASE("missing: derived from title and text") {
        Article a = article("", "Title", "Body text");
        a.lang = "en";
        BuildReport report;
        const Xapian::Document doc = build_document(a, report);
        const std::string expected = sova::schema::content_hash("Title\nBody text");
        CHECK(report.id == expected);
        CHECK(a.id == expected);
        CHECK(prefixed(doc, "Q") == "Q" + expected);
        CHECK(sova::schema::decode_document_data(doc.get_data()).article.id == expected);
    }
    SUBCASE("the same content gives the same id, other content another") {
        Article a = article("", "Title", "Body text");
        Article b = article("", "Title", "Body text");
        Article c = article("", "Title", "Body text!");
        BuildReport ra, rb, rc;
        (void)build_document(a, ra);
        (void)build_document(b, rb);
        (void)build_document(c, rc);
        CHECK(ra.id == rb.id);
        CHECK(ra.id != rc.id);
    }
    SUBCASE("over-long: hashed in the Q term, kept whole in the data") {
        const std::string long_id(300, 'k');
        Article a = article(long_id, "", "text");
        BuildReport report;
        const Xapian::Document doc = build_document(a, report);
        CHECK(report.id == long_id);
        CHECK(prefixed(doc, "Q") == sova::schema::id_term(long_id));
        CHECK(sova::schema::decode_document_data(doc.get_data()).article.id == long_id);
    }
}

TEST_CASE("build_document: url and source filters") {
    struct Row {
        std::string_view url;
        std::string_view source;
        std::string_view terms;
    };
    const Row rows[] = {
        {"https://www.bbc.co.uk/news/1", "BBC News", "Hbbc.co.uk XSbbc news"},
        {"", "", ""},
        {"not a url with spaces", "", ""},
        {"", "  Українська   правда ", "XSукраїнська правда"},
    };
    for (const Row& row : rows) {
        SUBCASE((std::string(row.url) + " / " + std::string(row.source)).c_str()) {
            Article a = article("f", "", "text");
            a.lang = "en";
            a.url = std::string(row.url);
            a.source = std::string(row.source);
            BuildReport report;
            const Xapian::Document doc = build_document(a, report);
            std::string filters = prefixed(doc, "H");
            const std::string sources = prefixed(doc, "XS");
            if (!sources.empty()) filters += (filters.empty() ? "" : " ") + sources;
            CHECK(filters == row.terms);
        }
    }
}

TEST_CASE("build_document: invalid UTF-8 is repaired and counted") {
    Article a = article("bad\xFF", "Caf\xC3", "ok \xFF\xFE end");
    a.lang = "en";
    BuildReport report;
    const Xapian::Document doc = build_document(a, report);
    CHECK(report.invalid_utf8 == 4);
    CHECK(a.id == "bad\xEF\xBF\xBD");
    CHECK(a.title == "Caf\xEF\xBF\xBD");
    CHECK(a.text == "ok \xEF\xBF\xBD\xEF\xBF\xBD end");
    CHECK(prefixed(doc, "Q") == "Qbad\xEF\xBF\xBD");
    CHECK(wdf_of(doc, "caf") == 1);
    CHECK(wdf_of(doc, "end") == 1);
    const auto stored = sova::schema::decode_document_data(doc.get_data());
    CHECK(stored.article.text == a.text); // the data is valid JSON again
}

TEST_CASE("build_document: unknown fields are kept in the data") {
    Article a = article("e", "", "text");
    a.extra_json = R"({"tags":["a","b"],"author":"X"})";
    BuildReport report;
    const Xapian::Document doc = build_document(a, report);
    CHECK(sova::schema::decode_document_data(doc.get_data()).article.extra_json == a.extra_json);
}

TEST_CASE("build_document: an article without text or title is refused") {
    const std::string_view blanks[] = {"", " ", "\n\t\r "};
    for (std::string_view blank : blanks) {
        Article a = article("id", std::string(blank), std::string(blank));
        BuildReport report;
        CHECK_THROWS_AS((void)build_document(a, report), sova::InputError);
    }
    Article a = article("id", "", "");
    BuildReport report;
    try {
        (void)build_document(a, report);
        FAIL("no exception");
    } catch (const sova::InputError& e) {
        CHECK(e.file().empty());
        CHECK(e.line() == 0);
        CHECK(e.reason().find("no text") != std::string::npos);
    }
}
