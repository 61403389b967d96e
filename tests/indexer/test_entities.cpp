// Entity extraction: golden tests on multilingual paragraphs (types, canonical keys across
// scripts and case endings, salience, ambiguity), the gazetteer file and the aliases file.
#include "indexer/entities.hpp"
#include "indexer/gazetteer.hpp"
#include "tests/support/gazetteer.hpp"
#include "tests/support/temp_dir.hpp"
#include "tokenizers/names.hpp"

#include <sova/error.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace {

using sova::detail::AliasTable;
using sova::detail::ArticleEntity;
using sova::detail::EntityExtractor;
using sova::detail::Gazetteer;
using sova::detail::thread_analyzer;
using sova::detail::Word;

using sova::test::gazetteer;

std::vector<ArticleEntity> extract(const std::string& title, const std::string& text, const std::string& lang,
                                   const AliasTable* aliases = nullptr) {
    auto& analyzer = thread_analyzer();
    std::vector<Word> title_words;
    std::vector<Word> body_words;
    analyzer.words(title, title_words, 1);
    analyzer.words(text, body_words, static_cast<std::uint32_t>(title_words.size()) + 101);
    EntityExtractor extractor(&gazetteer(), aliases);
    return extractor.extract(title, title_words, text, body_words, lang);
}

const sova::Entity* find(const std::vector<ArticleEntity>& entities, const std::string& key) {
    for (const auto& e : entities)
        if (e.entity.key == key) return &e.entity;
    return nullptr;
}

const sova::Entity* named(const std::vector<ArticleEntity>& entities, const std::string& name) {
    for (const auto& e : entities)
        if (e.entity.name == name) return &e.entity;
    return nullptr;
}

std::string keys(const std::vector<ArticleEntity>& entities) {
    std::vector<std::string> all;
    for (const auto& e : entities) all.push_back(e.entity.key + "/" + e.entity.type);
    std::sort(all.begin(), all.end());
    std::string out;
    for (const auto& k : all) out += (out.empty() ? "" : " ") + k;
    return out;
}

} // namespace

TEST_CASE("strip_name_ending: Cyrillic case endings with consonants go, names stay") {
    using sova::detail::strip_name_ending;
    CHECK(strip_name_ending("марчуком") == "марчук");
    CHECK(strip_name_ending("марчукові") == "марчук");
    CHECK(strip_name_ending("іваном") == "іван");
    CHECK(strip_name_ending("зеленським") == "зеленськ");
    CHECK(strip_name_ending("зеленского") == "зеленск");
    CHECK(strip_name_ending("артём") == "артём");   // too short a base: a nominative
    CHECK(strip_name_ending("максим") == "максим"); // -им only after -ськ/-цк
    CHECK(strip_name_ending("kyiv") == "kyiv");
}

TEST_CASE("the gazetteer merges the names of one place across languages and scripts") {
    std::vector<const sova::detail::NameEntry*> found;
    for (std::string key : {"t:kyiv", "t:kiev", "t:київ", "t:киев"}) {
        found.clear();
        gazetteer().find(key, found);
        REQUIRE_MESSAGE(!found.empty(), key);
        bool city = std::any_of(found.begin(), found.end(), [](auto* e) { return e->key == "place:kyiv.ua"; });
        CHECK_MESSAGE(city, key);
    }
    found.clear();
    gazetteer().find("t:иран", found);
    REQUIRE(!found.empty());
    CHECK(found.front()->key == "place:iran");
    CHECK(found.front()->kind == "country");
    found.clear();
    gazetteer().find("t:no such place anywhere", found);
    CHECK(found.empty());
}

TEST_CASE("one person and one place in English, Ukrainian and Russian share their keys") {
    auto en = extract("Marchuk warns of blackouts",
                      "Energy Minister Olena Marchuk said on Wednesday that Kyiv must prepare for outages. "
                      "Marchuk added that repairs would take weeks.",
                      "en");
    auto uk = extract("Марчук попередила про відключення",
                      "Міністерка енергетики Олена Марчук заявила, що Києву слід готуватися до відключень. "
                      "За словами Марчук, у Києві ремонт триватиме тижні. Оленою Марчук опікуються журналісти.",
                      "uk");
    auto ru = extract("Марчук предупредила об отключениях",
                      "Министр энергетики Елена Марчук заявила, что Киеву следует готовиться к отключениям. "
                      "По словам Марчук, в Киеве ремонт займет недели.",
                      "ru");
    for (const auto* entities : {&en, &uk, &ru}) {
        const sova::Entity* person = find(*entities, "name:aln_mrk");
        REQUIRE_MESSAGE(person, keys(*entities));
        CHECK(person->type == "person");
        CHECK(person->mentions >= 2);
        CHECK(person->salience >= person->mentions + 3); // named in the title
        const sova::Entity* city = find(*entities, "place:kyiv.ua");
        REQUIRE_MESSAGE(city, keys(*entities));
        CHECK(city->type == "place");
        CHECK(city->name == "Kyiv");
    }
    // Salience: the person of the title comes first.
    CHECK(en.front().entity.key == "name:aln_mrk");
}

TEST_CASE("inflected surnames reduce to the person named in full") {
    auto uk = extract("",
                      "Тарас Марчук забив двічі. Марчука привітали вболівальники, а Марчукові вручили приз. "
                      "Із Марчуком підписали контракт.",
                      "uk");
    const sova::Entity* person = find(uk, "name:trs_mrk");
    REQUIRE_MESSAGE(person, keys(uk));
    CHECK(person->mentions == 4);
    CHECK(person->type == "person");
}

TEST_CASE("a name that is also a place: the words around it decide") {
    auto person =
        extract("", "The British envoy Helen Jordan said talks would resume. Jordan flew home on Friday.", "en");
    const sova::Entity* envoy = named(person, "Helen Jordan");
    REQUIRE_MESSAGE(envoy, keys(person));
    CHECK(envoy->type == "person");
    CHECK(envoy->mentions == 2); // "Jordan" alone is the envoy here
    CHECK_FALSE(find(person, "place:jordan"));
    auto country = extract("", "Aid agencies said refugees in Jordan need water before the summer.", "en");
    CHECK(find(country, "place:jordan"));

    auto state = extract("", "Voters in Atlanta queued for hours as Georgia counted its ballots.", "en");
    CHECK_MESSAGE(find(state, "place:georgia.us-ga"), keys(state));
    CHECK_FALSE(find(state, "place:georgia"));
    auto nation = extract("", "Wine exports from Georgia rose as Tbilisi signed a trade deal.", "en");
    CHECK_MESSAGE(find(nation, "place:georgia"), keys(nation));
}

TEST_CASE("organisations: cue words, Cyrillic lower-case cues, acronyms in any script") {
    auto en = extract(
        "", "The National Grid Agency said the Ministry of Energy had approved repairs. NATO ministers met.", "en");
    const sova::Entity* agency = named(en, "National Grid Agency");
    CHECK_MESSAGE(agency, keys(en));
    if (agency) CHECK(agency->type == "org");
    CHECK(find(en, "org:nato"));
    auto uk = extract(
        "", "Як повідомило Національне агентство енергомереж, лінію відновили. Саміт НАТО відбувся у Вільнюсі.", "uk");
    CHECK_MESSAGE(find(uk, "org:nato"), keys(uk));
    bool any_org = std::any_of(uk.begin(), uk.end(), [](const ArticleEntity& e) {
        return e.entity.type == "org" && e.entity.name.find("агентство") != std::string::npos;
    });
    CHECK_MESSAGE(any_org, keys(uk));
}

TEST_CASE("capitals that say nothing: headlines in title case, sentence starts, common words") {
    auto e =
        extract("Grain Exports Resume From Eastern Ports", "Ships left the ports on Monday. March was cold.", "en");
    CHECK_MESSAGE(e.empty(), keys(e));
    // A roman numeral is not an organisation.
    auto numeral = extract("", "The festival, now in its XVI year, opened.", "en");
    CHECK_MESSAGE(numeral.empty(), keys(numeral));
}

TEST_CASE("the aliases file teaches names, and its errors name the line") {
    sova::test::TempDir dir;
    std::string path = dir / "aliases.tsv";
    {
        std::ofstream out(path);
        out << "# name\ttype\taliases\n"
            << "Lumera Systems\torg\tЛюмера\tLumera\n"
            << "\n"
            << "Olena Marchuk\tperson\tОлена Марчук\tЕлена Марчук\n";
    }
    AliasTable table = AliasTable::load(path);
    auto e = extract("", "Контракт отримала компанія Люмера, повідомила Олена Марчук.", "uk", &table);
    CHECK_MESSAGE(find(e, "org:lumera-systems"), keys(e));
    CHECK_MESSAGE(find(e, "person:olena-marchuk"), keys(e));

    {
        std::ofstream out(path);
        out << "Good Name\tperson\n"
            << "Bad Name\tcity\n";
    }
    try {
        (void)AliasTable::load(path);
        FAIL("expected an InputError");
    } catch (const sova::InputError& error) {
        CHECK(error.line() == 2);
        CHECK(std::string(error.what()).find("unknown type \"city\"") != std::string::npos);
    }
}

TEST_CASE("a given name that is also a place: the person when the rest of the name is a person") {
    auto singer = extract("", "Paris Lambert sang in Warsaw on Friday. Lambert said the hall was full.", "en");
    const sova::Entity* lambert = named(singer, "Paris Lambert");
    REQUIRE_MESSAGE(lambert, keys(singer));
    CHECK(lambert->type == "person");
    CHECK_FALSE(find(singer, "place:paris.fr"));
    CHECK(find(singer, "place:warsaw.pl"));
    // A place before a name with a title is the place, then the person.
    auto president = extract("",
                             "Президент Украины Владимир Зеленский заявил о переговорах. Зеленский добавил, что "
                             "встреча состоится в Киеве.",
                             "ru");
    CHECK_MESSAGE(find(president, "place:ukraine"), keys(president));
    const sova::Entity* zelensky = named(president, "Владимир Зеленский");
    REQUIRE_MESSAGE(zelensky, keys(president));
    CHECK(zelensky->mentions == 2);
    // Places side by side are places, not a person named after them.
    auto train = extract("", "Новий потяг Київ Відень вирушив у неділю. Київ і Відень домовилися про рейси.", "uk");
    CHECK_MESSAGE(keys(train) == "place:kyiv.ua/place place:vienna.at/place", keys(train));
    // And the rest of a run that is no person leaves the place alone: Kyiv Metro.
    auto metro = extract("", "Trains of the Kyiv Metro ran late on Monday.", "en");
    CHECK_MESSAGE(find(metro, "place:kyiv.ua"), keys(metro));
}

TEST_CASE("short given names still make a person: a person named in full many times stays one") {
    auto biden = extract("", "US President Joe Biden said the talks would continue. Biden spoke for an hour.", "en");
    const sova::Entity* joe = named(biden, "Joe Biden");
    REQUIRE_MESSAGE(joe, keys(biden));
    CHECK(joe->type == "person");
    CHECK(joe->mentions == 2);
    std::string long_text;
    for (int i = 0; i < 3000; ++i) long_text += "Minister Ivan Petrov met Olga Petrova. Petrov said yes. ";
    auto repeated = extract("", long_text, "en");
    const sova::Entity* petrov = named(repeated, "Ivan Petrov");
    REQUIRE_MESSAGE(petrov, keys(repeated));
    CHECK(petrov->mentions >= 6000);
}

TEST_CASE("shouted headlines, inflected places, organisations that stop where they end") {
    auto caps = extract("", "BREAKING: MINISTER SAID RESIDENTS MUST LEAVE. The NATO summit opened.", "en");
    CHECK_MESSAGE(keys(caps) == "org:nato/org", keys(caps));
    auto headings = extract("", "NAME\n    ls - list files\nNOTES\nThe NATO summit opened.", "en");
    CHECK_MESSAGE(keys(headings) == "org:nato/org", keys(headings));
    auto lviv = extract("", "У Львові відкрили новий міст через річку.", "uk");
    CHECK_MESSAGE(find(lviv, "place:lviv.ua"), keys(lviv));
    auto agency = extract(
        "", "Голова Національного агентства енергомереж Олена Марчук заявила, що Марчук не піде у відставку.", "uk");
    for (const auto& e : agency)
        if (e.entity.type == "org") CHECK_MESSAGE(e.entity.name.find("Олена") == std::string::npos, e.entity.name);
    CHECK_MESSAGE(find(agency, "name:aln_mrk"), keys(agency));
}

TEST_CASE("a one-word alias matches that word and its case forms, not every word that sounds like it") {
    AliasTable table;
    table.add("March", "other", {});
    table.add("Olaf Scholz", "person", {"Олаф Шольц"});
    auto e = extract("", "Olena Marchuk spoke in March. Scholz answered, and Шольца поддержали.", "en", &table);
    const sova::Entity* march = find(e, "other:march");
    REQUIRE_MESSAGE(march, keys(e));
    CHECK(march->mentions == 1);
    const sova::Entity* scholz = find(e, "person:olaf-scholz");
    REQUIRE_MESSAGE(scholz, keys(e));
    CHECK(scholz->mentions == 2);
    CHECK(scholz->name == "Olaf Scholz"); // the aliases file's name
}
