// End to end: entity-aware ranking across scripts, the entity views (sova entities, --facet
// entity, hit entities), entity:, --explain, --no-entities and the aliases file.
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using namespace sova::test;

std::string record(const std::string& id, const std::string& lang, const std::string& title, const std::string& text) {
    return "{\"id\":\"" + id + "\",\"lang\":\"" + lang + "\",\"title\":\"" + title + "\",\"text\":\"" + text + "\"}\n";
}

// Articles ABOUT an entity written in one script, and articles that only MENTION it in
// passing in another, with unrelated fillers so that the names are rare words.
std::string corpus() {
    std::string c;
    c += record("uk-about-marchuk", "uk", "Олена Марчук пояснила план ремонту мереж",
                "Міністерка енергетики Олена Марчук у вівторок представила план відновлення мереж. "
                "За словами Марчук, бригади працюватимуть цілодобово. Марчук також доручила перевірити "
                "трансформатори. Олену Марчук підтримали громади області.");
    c += record("en-passing-marchuk", "en", "Autumn storms close mountain roads",
                "Heavy rain closed three mountain roads on Sunday and rescuers evacuated hikers from two valleys. "
                "Forecasters expect the storms to last until Thursday. Olena Marchuk was not available for comment. "
                "Farmers said the harvest was already in.");
    c += record("ru-about-kyiv", "ru", "Киев готовится к зиме",
                "В Киеве коммунальные службы проверяют котельные перед зимой. Власти Киева обещают, что в "
                "Киеве не будет перебоев с теплом. Жителей Киева просят экономить электроэнергию.");
    c += record("en-passing-kyiv", "en", "Orchestra tours the coast",
                "The chamber orchestra opened its coastal tour with a sold-out concert in the old harbour hall. "
                "The soloist, who trained in Kyiv, played two encores. The tour continues next week.");
    c += record("uk-rail", "uk", "Нова залізнична лінія",
                "Компанія Дойче Бан підписала угоду про модернізацію залізничного вузла. Роботи почнуться навесні.");
    for (int i = 0; i < 6; ++i)
        c += record("filler-" + std::to_string(i), "en", "Market report " + std::to_string(i),
                    "Shares moved little as traders waited for the central bank decision on rates.");
    return c;
}

struct Fixture {
    TempDir dir;
    std::string input = dir.write("news.jsonl", corpus());
    std::string index = dir / "index";
    std::string aliases = dir.write("aliases.tsv", "# name\ttype\taliases\nDeutsche Bahn\torg\tДойче Бан\tDB\n");
    Fixture() {
        ProcessResult r = run_sova({"index", "-q", "-i", index, "--entities", aliases, input});
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

std::size_t rank_of(const std::vector<std::string>& ids, const std::string& id) {
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (ids[i] == id) return i + 1;
    return 0;
}

} // namespace

TEST_CASE("e2e: a name in one script ranks the article about it, in another script, above passing mentions") {
    const std::string& index = fixture().index;
    auto marchuk = search_ids(index, "Olena Marchuk", 10);
    REQUIRE(rank_of(marchuk, "uk-about-marchuk") > 0);
    REQUIRE(rank_of(marchuk, "en-passing-marchuk") > 0);
    CHECK(rank_of(marchuk, "uk-about-marchuk") < rank_of(marchuk, "en-passing-marchuk"));

    auto kyiv = search_ids(index, "Киев", 10);
    REQUIRE(rank_of(kyiv, "ru-about-kyiv") > 0);
    REQUIRE(rank_of(kyiv, "en-passing-kyiv") > 0);
    CHECK(rank_of(kyiv, "ru-about-kyiv") < rank_of(kyiv, "en-passing-kyiv"));
    // The Latin spelling the English article uses ranks the Russian article about Kyiv first too.
    CHECK(search_ids(index, "Kyiv", 10).front() == "ru-about-kyiv");

    // Without entity boosts, the exact spelling in the passing mention wins.
    auto plain = run_sova({"search", "--json", "--no-entities", "-i", index, "Olena", "Marchuk"});
    auto plain_ids = ids(parse_hits(plain.out));
    CHECK(rank_of(plain_ids, "en-passing-marchuk") < rank_of(plain_ids, "uk-about-marchuk"));
}

TEST_CASE("e2e: entity: finds the articles holding an entity, in any script and case form") {
    const std::string& index = fixture().index;
    auto hits = search_ids(index, "entity:\"Олена Марчук\"", 10);
    CHECK(rank_of(hits, "uk-about-marchuk") == 1);
    CHECK(rank_of(hits, "en-passing-marchuk") == 2);
    CHECK(hits.size() == 2);
    ProcessResult none = run_sova({"search", "-i", index, "entity:\"Nobody Known\""});
    CHECK(none.exit_code == 1);
    ProcessResult empty = run_sova({"search", "-i", index, "entity:"});
    CHECK(empty.exit_code == 2);
    CHECK(has(empty.err, "'entity:' needs a name"));
}

TEST_CASE("e2e: --explain names the linked entities and what they added to each hit") {
    ProcessResult r = run_sova({"search", "--explain", "-n", "3", "-i", fixture().index, "Olena", "Marchuk"});
    REQUIRE(r.exit_code == 0);
    CHECK(has(r.err, "entity: \"Olena Marchuk\" -> name:aln_mrk (person"));
    CHECK(has(r.err, "[unique]"));
    CHECK(has(r.out, "entities +"));
    ProcessResult off = run_sova({"search", "--explain", "--no-entities", "-i", fixture().index, "Olena", "Marchuk"});
    CHECK(has(off.err, "entities: none linked"));
    CHECK_FALSE(has(off.err, "XE"));
}

TEST_CASE("e2e: hits carry their article's entities: --facet entity counts them among the matches") {
    ProcessResult r = run_sova({"search", "--json", "-i", fixture().index, "Киев"});
    REQUIRE(r.exit_code == 0);
    CHECK(has(r.out, "\"entities\":[{\"key\":\"place:kyiv.ua\",\"type\":\"place\",\"name\":\"Kyiv\""));
    ProcessResult text = run_sova({"search", "-i", fixture().index, "Киев"});
    CHECK(has(text.out, "entities: Kyiv"));
    ProcessResult facets = run_sova({"search", "--facet", "entity", "-i", fixture().index, "Kyiv", "Marchuk"});
    REQUIRE(facets.exit_code == 0);
    CHECK(has(facets.out, "place   Kyiv  [place:kyiv.ua]"));
    CHECK(has(facets.out, "[name:aln_mrk]"));
    ProcessResult bad = run_sova({"search", "--facet", "colour", "-i", fixture().index, "Kyiv"});
    CHECK(bad.exit_code == 2);
}

TEST_CASE("e2e: sova entities lists the most mentioned entities, by type and period") {
    const std::string& index = fixture().index;
    ProcessResult all = run_sova({"entities", "-i", index});
    REQUIRE(all.exit_code == 0);
    CHECK(has(all.out, "person  Олена Марчук  [name:aln_mrk]"));
    CHECK(has(all.out, "[place:kyiv.ua]"));
    ProcessResult places = run_sova({"entities", "--type", "place", "--json", "-i", index});
    REQUIRE(places.exit_code == 0);
    CHECK(has(places.out, "{\"key\":\"place:kyiv.ua\",\"type\":\"place\",\"name\":\"Kyiv\",\"articles\":2}"));
    CHECK_FALSE(has(places.out, "\"person\""));
    ProcessResult ukrainian = run_sova({"entities", "--lang", "uk", "-i", index});
    CHECK(has(ukrainian.out, "[name:aln_mrk]"));
    CHECK_FALSE(has(ukrainian.out, "[place:kyiv.ua]"));
    ProcessResult bad = run_sova({"entities", "--since", "yesterday", "-i", index});
    CHECK(bad.exit_code == 2);
    CHECK(has(bad.err, "sova: error: --since 'yesterday' is not a date"));
}

TEST_CASE("e2e: the aliases file teaches names that no spelling rule connects") {
    // "Deutsche Bahn" and "Дойче Бан" share no cross-script key: only the alias joins them.
    auto hits = search_ids(fixture().index, "Deutsche Bahn", 10);
    CHECK(rank_of(hits, "uk-rail") == 1);

    TempDir dir;
    std::string bad = dir.write("bad.tsv", "Deutsche Bahn\torg\tDB\nSomebody\tcelebrity\n");
    ProcessResult r = run_sova({"index", "-i", dir / "index", "--entities", bad, fixture().input});
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, "bad.tsv:2: unknown type \"celebrity\""));
}

TEST_CASE("e2e: --no-entities indexes no entities") {
    TempDir dir;
    ProcessResult r = run_sova({"index", "-q", "--no-entities", "-i", dir / "index", fixture().input});
    REQUIRE(r.exit_code == 0);
    ProcessResult listed = run_sova({"entities", "-i", dir / "index"});
    CHECK(listed.exit_code == 1);
    CHECK(has(listed.out, "No entities."));
}
