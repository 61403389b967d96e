// Entity linking at query time, through the index's own entity vocabulary: longest match,
// other scripts and case forms, lower-case names, ambiguous names shared out by the query's
// other words, entity:, and the boost's effect on ranking.
#include "tests/support/temp_dir.hpp"

#include <sova/index.hpp>
#include <sova/search.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using sova::Article;
using sova::QueryEntity;
using sova::Searcher;
using sova::SearchOptions;

Article article(std::string id, std::string lang, std::string title, std::string text) {
    Article a;
    a.id = std::move(id);
    a.lang = std::move(lang);
    a.title = std::move(title);
    a.text = std::move(text);
    return a;
}

struct Index {
    sova::test::TempDir dir;
    std::string path = dir / "index";
    Index() {
        auto writer = sova::IndexWriter::create_or_open(path);
        writer.add(article("uk-marchuk", "uk", "Олена Марчук пояснила план ремонту",
                           "Міністерка енергетики Олена Марчук представила план. За словами Марчук, бригади "
                           "працюватимуть цілодобово. Марчук доручила перевірити мережі в Києві."));
        writer.add(article("en-taras", "en", "Taras Marchuk scores twice",
                           "Striker Taras Marchuk scored twice as the team won the cup. Marchuk thanked the fans "
                           "after the match."));
        writer.add(article("en-envoy", "en", "Envoy Helen Jordan visits the border",
                           "The British envoy Helen Jordan said aid would reach the camps. Jordan met officials "
                           "from three agencies."));
        writer.add(article("en-jordan", "en", "Refugees in Jordan face water shortages",
                           "Aid agencies said refugees in Jordan need water before the summer. Jordan has asked "
                           "donors for help with refugees."));
        writer.add(article("en-runner", "en", "Darius Jordan wins the marathon",
                           "Runner Darius Jordan won the city marathon in record time. Jordan said the marathon "
                           "course was fast."));
        // Matches "Jordan refugees water" by its words a little better than en-jordan does, and
        // names the country only in passing ("Jordan almonds"): only the entity boost puts the
        // article about the country above it.
        writer.add(article("en-almonds", "en", "Refugees get water and jordan almonds",
                           "Jordan almonds and water for refugees. The refugees wanted water; jordan almonds "
                           "came too."));
        for (int i = 0; i < 5; ++i)
            writer.add(article("filler-" + std::to_string(i), "en", "Markets " + std::to_string(i),
                               "Shares moved little as traders waited for the decision on rates."));
        writer.commit();
    }
};

Index& index() {
    static Index i;
    return i;
}

std::vector<std::string> keys(const std::vector<QueryEntity>& entities) {
    std::vector<std::string> out;
    for (const auto& e : entities) out.push_back(e.text + "=" + e.key);
    return out;
}

const QueryEntity* linked(const std::vector<QueryEntity>& entities, const std::string& key) {
    for (const auto& e : entities)
        if (e.key == key) return &e;
    return nullptr;
}

} // namespace

TEST_CASE("linking takes the longest name and reaches across scripts and case forms") {
    Searcher searcher = Searcher::open(index().path);
    auto full = searcher.search("Olena Marchuk energy").entities;
    REQUIRE(full.size() == 1);
    CHECK(full.front().text == "Olena Marchuk");
    CHECK(full.front().key == "name:aln_mrk");
    CHECK(full.front().type == "person");
    CHECK(full.front().reason == "unique");
    // Another script, another case form: the same entity.
    auto cyrillic = searcher.search("Олени Марчук").entities;
    REQUIRE_MESSAGE(cyrillic.size() == 1, keys(cyrillic).size());
    CHECK(cyrillic.front().key == "name:aln_mrk");
    // The place, by its Latin name, in an index that only has it in Ukrainian.
    auto kyiv = searcher.search("Kyiv").entities;
    REQUIRE(kyiv.size() == 1);
    CHECK(kyiv.front().key == "place:kyiv.ua");
    CHECK(kyiv.front().name == "Kyiv");
    // Switched off: nothing linked.
    SearchOptions off;
    off.entities = false;
    CHECK(searcher.search("Olena Marchuk", off).entities.empty());
}

TEST_CASE("a surname alone is ambiguous: the query's other words share out the boost") {
    Searcher searcher = Searcher::open(index().path);
    auto alone = searcher.search("Marchuk").entities;
    REQUIRE(alone.size() == 2);
    for (const auto& e : alone) {
        CHECK(e.reason == "prior");
        CHECK(e.share <= 0.5); // a prior is half weight at most
    }
    auto football = searcher.search("Marchuk cup").entities;
    const QueryEntity* taras = linked(football, "name:trs_mrk");
    REQUIRE(taras);
    CHECK(taras->reason == "context");
    CHECK(taras->share == doctest::Approx(1.0));
    CHECK_FALSE(linked(football, "name:aln_mrk"));

    auto refugees = searcher.search("Jordan refugees water").entities;
    const QueryEntity* country = linked(refugees, "place:jordan");
    REQUIRE_MESSAGE(country, keys(refugees).size());
    CHECK(country->reason == "context");
    for (const auto& e : refugees)
        if (e.key != "place:jordan") CHECK(e.share < country->share);
    auto marathon = searcher.search("Jordan marathon").entities;
    const QueryEntity* runner = nullptr;
    for (const auto& e : marathon)
        if (e.name == "Darius Jordan") runner = &e;
    REQUIRE(runner);
    CHECK(runner->share == doctest::Approx(1.0));
    // The ranking follows the linking: by its words alone (linked, not boosted) en-almonds comes
    // first; with the boost, the article about the country. The runner's article for the marathon.
    SearchOptions unboosted;
    unboosted.entity_weight = 0;
    CHECK(searcher.search("Jordan refugees water", unboosted).hits.front().id == "en-almonds");
    CHECK(searcher.search("Jordan refugees water").hits.front().id == "en-jordan");
    CHECK(searcher.search("Jordan marathon").hits.front().id == "en-runner");
}

TEST_CASE("lower-case names link by exact form, not by sound alone") {
    Searcher searcher = Searcher::open(index().path);
    auto lower = searcher.search("kyiv").entities;
    REQUIRE(lower.size() == 1);
    CHECK(lower.front().key == "place:kyiv.ua");
    // "march" sounds like Marchuk (mrk) but is not a form of it.
    CHECK(searcher.search("march").entities.empty());
}

TEST_CASE("entity: forces the entity: an unknown one matches nothing") {
    Searcher searcher = Searcher::open(index().path);
    auto forced = searcher.search("entity:\"Олена Марчук\"");
    REQUIRE(forced.hits.size() == 1);
    CHECK(forced.hits.front().id == "uk-marchuk");
    REQUIRE(forced.entities.size() == 1);
    CHECK(forced.entities.front().reason == "forced");
    CHECK(searcher.search("entity:\"Nobody Known\"").hits.empty());
}

TEST_CASE("hits carry their entities and the part of the score entities added") {
    Searcher searcher = Searcher::open(index().path);
    auto results = searcher.search("Helen Jordan");
    REQUIRE_FALSE(results.hits.empty());
    const sova::Hit& top = results.hits.front();
    CHECK(top.id == "en-envoy");
    REQUIRE_FALSE(top.entities.empty());
    CHECK(top.entities.front().name == "Helen Jordan");
    CHECK(top.entities.front().type == "person");
    CHECK(top.entity_score > 0);
    SearchOptions off;
    off.entities = false;
    CHECK(searcher.search("Helen Jordan", off).hits.front().entity_score == 0);

    SearchOptions facets;
    facets.facets = {sova::Facet::entity};
    auto counted = searcher.search("Jordan", facets).facets;
    REQUIRE_FALSE(counted.empty());
    bool country = std::any_of(counted.begin(), counted.end(), [](const sova::EntityCount& c) {
        return c.entity.key == "place:jordan" && c.articles == 2 && c.entity.type == "place"; // en-jordan, en-almonds
    });
    CHECK(country);
}
