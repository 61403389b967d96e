// The gazetteer extractor: the .mo and CLDR readers on inputs the test writes, and the merge on
// the real Debian data (unicode-cldr-core, iso-codes, libgeonames).
#include "tools/gazetteer/extract.hpp"

#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

namespace gz = sova::gazetteer;
using namespace std::string_view_literals;

// A .mo file as msgfmt writes it (no hash table), in either byte order.
std::string make_mo(std::vector<std::pair<std::string, std::string>> entries, bool big_endian = false) {
    std::sort(entries.begin(), entries.end());
    auto u32 = [&](std::string& out, std::uint32_t v) {
        for (int i = 0; i < 4; ++i) {
            int shift = big_endian ? 24 - 8 * i : 8 * i;
            out += static_cast<char>((v >> shift) & 0xFF);
        }
    };
    const auto n = static_cast<std::uint32_t>(entries.size());
    const std::uint32_t originals = 28, translations = originals + 8 * n;
    std::uint32_t data = translations + 8 * n;
    std::string head, strings;
    u32(head, 0x950412de);
    u32(head, 0);
    u32(head, n);
    u32(head, originals);
    u32(head, translations);
    u32(head, 0);
    u32(head, data);
    std::string original_table, translation_table;
    for (const auto& [id, str] : entries) {
        u32(original_table, static_cast<std::uint32_t>(id.size()));
        u32(original_table, data + static_cast<std::uint32_t>(strings.size()));
        strings += id;
        strings += '\0';
    }
    for (const auto& [id, str] : entries) {
        u32(translation_table, static_cast<std::uint32_t>(str.size()));
        u32(translation_table, data + static_cast<std::uint32_t>(strings.size()));
        strings += str;
        strings += '\0';
    }
    return head + original_table + translation_table + strings;
}

const std::vector<std::pair<std::string, std::string>> mo_entries = {
    {"", "Project-Id-Version: test\nContent-Type: text/plain; charset=UTF-8\n"},
    {"Iran, Islamic Republic of", "Иран"},
    {"Germany", "Німеччина"},
    {"Untranslated", ""},
    {std::string("one file\0%d files"sv), std::string("один файл\0%d файли"sv)},
};

TEST_CASE("read_mo reads a .mo file the test writes") {
    sova::test::TempDir dir;
    for (bool big_endian : {false, true}) {
        CAPTURE(big_endian);
        std::string path = dir.write(big_endian ? "be.mo" : "le.mo", make_mo(mo_entries, big_endian));
        gz::MoCatalog catalog = gz::read_mo(path);
        CHECK(catalog.size() == 3); // the header and the untranslated entry are left out
        CHECK(catalog.at("Iran, Islamic Republic of") == "Иран");
        CHECK(catalog.at("Germany") == "Німеччина");
        CHECK(catalog.at("one file") == "один файл"); // plural entries: the singular forms
        CHECK(catalog.count("") == 0);
        CHECK(catalog.count("Untranslated") == 0);
    }
}

TEST_CASE("read_mo names the file and the reason when it cannot read it") {
    sova::test::TempDir dir;
    std::string good = make_mo(mo_entries);
    struct Row {
        const char* name;
        std::string content;
        const char* reason;
    };
    std::string bad_magic = good;
    bad_magic[0] = 'X';
    std::string past_end = good;
    past_end[15] = '\x7f'; // the originals table starts far beyond the end
    const Row rows[] = {
        {"short.mo", good.substr(0, 10), "too short"},
        {"magic.mo", bad_magic, "wrong magic number"},
        {"tables.mo", past_end, "past the end"},
        {"strings.mo", good.substr(0, good.size() - 20), "runs past the end"},
    };
    for (const Row& row : rows) {
        SUBCASE(row.name) {
            std::string path = dir.write(row.name, row.content);
            try {
                gz::read_mo(path);
                FAIL("no error for " << row.name);
            } catch (const gz::SourceError& error) {
                CHECK(error.file() == path);
                CHECK(std::string(error.what()).find(row.reason) != std::string::npos);
            }
        }
    }
    CHECK_THROWS_AS(gz::read_mo(dir / "missing.mo"), gz::SourceError);
}

TEST_CASE("CLDR main files: territories with their short and variant names, exemplar cities, entities") {
    const std::string xml = R"(<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE ldml SYSTEM "../../common/dtd/ldml.dtd">
<!-- Copyright <territory type="XX">not a name</territory> -->
<ldml>
  <identity><language type="en"/></identity>
  <localeDisplayNames>
    <territories>
      <territory type="BA">Bosnia &amp; Herzegovina</territory>
      <territory type="CI" alt="variant">Ivory Coast</territory>
      <territory type="CI">C&#xF4;te d&#8217;Ivoire</territory>
      <territory type="HK" alt="short">Hong Kong</territory>
      <territory type="HK">Hong Kong SAR China</territory>
      <territory type="GB" alt="menu">UK (menu)</territory>
      <territory type="GB">United Kingdom</territory>
    </territories>
  </localeDisplayNames>
  <dates><timeZoneNames>
    <zone type="Europe/Kiev"><long><standard>Kyiv Time</standard></long><exemplarCity>Киев</exemplarCity></zone>
    <zone type="America/St_Johns"><exemplarCity>St. John&apos;s</exemplarCity></zone>
  </timeZoneNames></dates>
</ldml>
)";
    gz::CldrMain main = gz::parse_cldr_main(xml, "test.xml");
    CHECK(main.territories.size() == 4);
    CHECK(main.territories.at("BA") == std::vector<std::string>{"Bosnia & Herzegovina"});
    CHECK(main.territories.at("CI") == std::vector<std::string>{"Côte d’Ivoire", "Ivory Coast"});
    CHECK(main.territories.at("HK") == std::vector<std::string>{"Hong Kong SAR China", "Hong Kong"});
    CHECK(main.territories.at("GB") == std::vector<std::string>{"United Kingdom"});
    CHECK(main.exemplar_cities.at("Europe/Kiev") == std::vector<std::string>{"Киев"});
    CHECK(main.exemplar_cities.at("America/St_Johns") == std::vector<std::string>{"St. John's"});

    CHECK(gz::decode_xml_entities("a &lt;b&gt; &quot;c&quot; &#1048;&#x0438; &bogus; & x") ==
          "a <b> \"c\" Ии &bogus; & x");
    CHECK_THROWS_WITH_AS(gz::parse_cldr_main("<ldml><territories></ldml>", "bad.xml"),
                         doctest::Contains("bad.xml: malformed XML at byte"), gz::SourceError);
}

TEST_CASE("names: ISO's bracketed alternatives are split, unwritable names recognised") {
    CHECK(gz::iso_name_parts("A Coruña [La Coruña]") == std::vector<std::string>{"A Coruña", "La Coruña"});
    CHECK(gz::iso_name_parts(" Georgia ") == std::vector<std::string>{"Georgia"});
    CHECK(gz::valid_name("Київ"));
    CHECK_FALSE(gz::valid_name(""));
    CHECK_FALSE(gz::valid_name("v"));
    CHECK_FALSE(gz::valid_name("Å"));
    CHECK(gz::valid_name("Ош"));
    CHECK_FALSE(gz::valid_name("a|b"));
    CHECK_FALSE(gz::valid_name("a\tb"));
    CHECK_FALSE(gz::valid_name(std::string(61, 'a')));
    CHECK(gz::valid_name(std::string(60, 'a')));
}

TEST_CASE("script_fits: a name is in one script its language is written in") {
    struct Row {
        std::string_view name;
        unsigned scripts;
        bool fits;
    };
    const Row rows[] = {
        {"Київ", gz::cyrillic, true},
        {"Kyiv", gz::latin, true},
        {"Кабул", gz::latin, false},                        // Romanian .mo entry in Cyrillic
        {"Чехiя", gz::cyrillic, false},                     // a Latin i among Cyrillic letters
        {"Обʼєднані Арабські Емірати", gz::cyrillic, true}, // U+02BC is common to all scripts
        {"Београд", gz::cyrillic | gz::latin, true},
        {"Beograd", gz::cyrillic | gz::latin, true},
        {"Αθήνα", gz::greek, true},
        {"खैराबाद", gz::latin, false},
        {"St. John's 2", gz::latin, true},
        {"\xff\xfe", gz::latin, false}, // not UTF-8
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        CHECK(gz::script_fits(row.name, row.scripts) == row.fits);
    }
}

TEST_CASE("match_key: case, accents, apostrophes and full stops aside") {
    CHECK(gz::match_key("St. John’s") == gz::match_key("St_Johns"));
    CHECK(gz::match_key("Bogotá") == "bogota");
    CHECK(gz::match_key("N'Djamena") == gz::match_key("Ndjamena"));
    CHECK(gz::match_key("Port-au-Prince") == "port au prince");
    CHECK(gz::match_key("Kyiv") != gz::match_key("Kiev"));
}

TEST_CASE("write_tsv: comment header, one line per place, aliases joined by '|'") {
    std::vector<gz::Place> places(1);
    places[0] = {"c:IR", gz::PlaceKind::country, "IR", 0, "Iran", {{"en", "Iran"}, {"ru", "Иран"}, {"uk", "Іран"}}};
    std::ostringstream out;
    gz::write_tsv(out, places, {"a comment"});
    CHECK(out.str() == "# a comment\nc:IR\tcountry\tIR\t0\tIran\ten=Iran|ru=Иран|uk=Іран\n");
}

// ---------------------------------------------------------------------------------------------
// The real data: the merge of what Debian installs.

struct Gazetteer {
    std::vector<gz::Place> places;
    gz::MergeReport report;

    Gazetteer() { places = gz::merge(gz::read_sources(gz::SourcePaths::debian()), &report); }

    const gz::Place* find(std::string_view id) const {
        auto it = std::lower_bound(places.begin(), places.end(), id,
                                   [](const gz::Place& p, std::string_view key) { return p.id < key; });
        return it != places.end() && it->id == id ? &*it : nullptr;
    }
    // All places that have every one of the names (in any language).
    std::vector<const gz::Place*> with_names(std::vector<std::string_view> names) const {
        std::vector<const gz::Place*> found;
        for (const gz::Place& place : places)
            if (std::all_of(names.begin(), names.end(), [&](std::string_view name) { return has(place, name); }))
                found.push_back(&place);
        return found;
    }
    static bool has(const gz::Place& place, std::string_view name, std::string_view lang = {}) {
        return std::any_of(place.aliases.begin(), place.aliases.end(), [&](const gz::Alias& alias) {
            return alias.name == name && (lang.empty() || alias.lang == lang);
        });
    }
};

const Gazetteer& gazetteer() {
    static const Gazetteer instance;
    return instance;
}

TEST_CASE("Debian data: the output is well formed") {
    const Gazetteer& g = gazetteer();
    REQUIRE(g.places.size() > 24000);
    CHECK(std::is_sorted(g.places.begin(), g.places.end(),
                         [](const gz::Place& a, const gz::Place& b) { return a.id < b.id; }));
    CHECK(std::adjacent_find(g.places.begin(), g.places.end(),
                             [](const gz::Place& a, const gz::Place& b) { return a.id == b.id; }) == g.places.end());
    for (const gz::Place& place : g.places) {
        CHECK(gz::valid_name(place.name));
        CHECK(std::is_sorted(place.aliases.begin(), place.aliases.end()));
        CHECK(std::adjacent_find(place.aliases.begin(), place.aliases.end()) == place.aliases.end());
        for (const gz::Alias& alias : place.aliases) CHECK(gz::valid_name(alias.name));
    }
    CHECK(g.find("c:001") == nullptr); // the world is not a place
    CHECK(g.find("c:EU") == nullptr);
    REQUIRE(g.find("r:150") != nullptr);
    CHECK(g.find("r:150")->name == "Europe");
    CHECK(g.find("r:150")->country.empty());
}

TEST_CASE("Debian data: Iran / Иран / Іран are one record") {
    const Gazetteer& g = gazetteer();
    auto found = g.with_names({"Iran", "Иран", "Іран"});
    REQUIRE(found.size() == 1);
    CHECK(found[0]->id == "c:IR");
    CHECK(found[0]->kind == gz::PlaceKind::country);
    CHECK(found[0]->name == "Iran");
    CHECK(Gazetteer::has(*found[0], "Islamic Republic of Iran", "en"));
}

TEST_CASE("Debian data: Kyiv / Kiev / Київ / Киев are one record, both English spellings") {
    const Gazetteer& g = gazetteer();
    auto found = g.with_names({"Kyiv", "Kiev", "Київ", "Киев"});
    std::vector<const gz::Place*> cities;
    for (const gz::Place* place : found)
        if (place->kind == gz::PlaceKind::city) cities.push_back(place);
    REQUIRE(cities.size() == 1);
    const gz::Place& kyiv = *cities[0];
    CHECK(kyiv.id == "g:703448");
    CHECK(kyiv.country == "UA");
    CHECK(kyiv.population > 2'000'000);
    CHECK(Gazetteer::has(kyiv, "Kyiv", "en"));
    CHECK(Gazetteer::has(kyiv, "Kiev", "en"));
    CHECK(Gazetteer::has(kyiv, "Київ", "uk"));
    CHECK(Gazetteer::has(kyiv, "Киев", "ru"));
}

TEST_CASE("Debian data: Moscow / Москва finds Moscow, Russia before Moscow, Idaho") {
    const Gazetteer& g = gazetteer();
    auto found = g.with_names({"Moscow", "Москва"});
    REQUIRE(!found.empty());
    auto largest = *std::max_element(found.begin(), found.end(), [](const gz::Place* a, const gz::Place* b) {
        return a->population < b->population;
    });
    CHECK(largest->country == "RU");
    CHECK(largest->kind == gz::PlaceKind::city);
    const gz::Place* idaho = nullptr;
    for (const gz::Place& place : g.places)
        if (place.kind == gz::PlaceKind::city && place.name == "Moscow" && place.country == "US") idaho = &place;
    REQUIRE(idaho != nullptr);
    CHECK(largest->population > idaho->population);
}

TEST_CASE("Debian data: Germany / Deutschland / Германия / Німеччина are one record") {
    const Gazetteer& g = gazetteer();
    auto found = g.with_names({"Germany", "Deutschland", "Германия", "Німеччина"});
    REQUIRE(found.size() == 1);
    CHECK(found[0]->id == "c:DE");
    CHECK(Gazetteer::has(*found[0], "Deutschland", "de"));
}

TEST_CASE("Debian data: Georgia is a country and a US state, each with its own names") {
    const Gazetteer& g = gazetteer();
    const gz::Place* country = g.find("c:GE");
    const gz::Place* state = g.find("r:US-GA");
    REQUIRE(country != nullptr);
    REQUIRE(state != nullptr);
    CHECK(country->kind == gz::PlaceKind::country);
    CHECK(state->kind == gz::PlaceKind::region);
    CHECK(state->country == "US");
    CHECK(Gazetteer::has(*country, "Georgia", "en"));
    CHECK(Gazetteer::has(*state, "Georgia", "en"));
    CHECK(Gazetteer::has(*country, "Грузія", "uk"));
    CHECK(Gazetteer::has(*state, "Джорджія", "uk"));
    CHECK_FALSE(Gazetteer::has(*state, "Грузія", "uk")); // iso-codes' homonym translation is dropped
}

} // namespace
