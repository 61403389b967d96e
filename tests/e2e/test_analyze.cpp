// End to end: `sova analyze` shows what the engine does to a text.
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>
#include <simdjson.h>

using namespace sova::test;

TEST_CASE("e2e: sova analyze prints tokens with offsets, folded forms, stems, scripts and keys") {
    ProcessResult r = run_sova({"analyze", "Олена Марчук прибула до Харкова. П’ять за́мків"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.starts_with("language: uk (detected)\n"));
    CHECK(r.out.find("pos  bytes") != std::string::npos);
    // Харкова: folded, stemmed to its lemma by Hunspell, keyed, and a name candidate.
    CHECK(r.out.find("Харкова  харкова  харків") != std::string::npos);
    CHECK(r.out.find("hrkv  yes") != std::string::npos);

    ProcessResult j = run_sova({"analyze", "--json", "--lang", "ru", "Ёлка в Харькове"});
    REQUIRE(j.exit_code == 0);
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    REQUIRE(parser.parse(j.out).get(doc) == simdjson::SUCCESS);
    CHECK(std::string_view(doc["lang"]) == "ru");
    CHECK_FALSE(bool(doc["lang_detected"]));
    simdjson::dom::array tokens = doc["tokens"];
    REQUIRE(tokens.size() == 3);
    simdjson::dom::element first = tokens.at(0);
    CHECK(std::string_view(first["surface"]) == "Ёлка");
    CHECK(std::string_view(first["term"]) == "елка");
    CHECK(std::string_view(first["stem"]) == "елк");
    CHECK(uint64_t(first["begin"]) == 0);
    CHECK(uint64_t(first["end"]) == 8);
    simdjson::dom::element city = tokens.at(2);
    CHECK(std::string_view(city["key"]) == "hrkv");
    CHECK(std::string_view(city["script"]) == "Cyrl");
    CHECK(bool(city["entity_candidate"]));

    ProcessResult stdin_text = run_sova({"analyze", "--lang", "en", "-"}, "Running dogs");
    CHECK(stdin_text.exit_code == 0);
    CHECK(stdin_text.out.find("running  run") != std::string::npos);
}

TEST_CASE("e2e: analyze lists the entities the indexer would store") {
    ProcessResult text = run_sova({"analyze", "Міністерка Олена Марчук прибула до Києва. Марчук зустрілася з НАТО."});
    REQUIRE(text.exit_code == 0);
    CHECK(has(text.out, "entities (as the indexer would store them):"));
    CHECK(has(text.out, "Олена Марчук  person  [name:aln_mrk]  mentions 2"));
    CHECK(has(text.out, "[place:kyiv.ua]"));
    CHECK(has(text.out, "НАТО  org  [org:nato]"));
    ProcessResult json = run_sova({"analyze", "--json", "Kyiv"});
    CHECK(has(json.out, "\"entities\":[{\"key\":\"place:kyiv.ua\",\"type\":\"place\",\"name\":\"Kyiv\",\"mentions\":1,"
                        "\"salience\":3}]"));
    ProcessResult none = run_sova({"analyze", "--json", "a quiet day"});
    CHECK(has(none.out, "\"entities\":[]"));
}
