// The stages of entity recognition one at a time: mention scanning, place settling, person
// linking and aggregation, on sentences whose mentions are known.
#include "indexer/entities/aggregation.hpp"
#include "indexer/entities/mention.hpp"
#include "indexer/entities/mention_scanner.hpp"
#include "indexer/entities/name_lookup.hpp"
#include "indexer/entities/person_linking.hpp"
#include "indexer/entities/place_settling.hpp"
#include "indexer/gazetteer.hpp"
#include "tests/support/gazetteer.hpp"
#include "tokenizers/vocabulary.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace {

using sova::detail::Gazetteer;
using sova::detail::Mention;
using sova::detail::MentionKind;
using sova::detail::Word;

using sova::test::gazetteer;

// The mentions the scanning stage finds in a body `text` (and a `title`) in `lang`.
std::vector<Mention> scan(const std::string& text, const std::string& lang, const std::string& title = {}) {
    auto& analyzer = sova::detail::thread_analyzer();
    std::vector<Word> title_words;
    std::vector<Word> body_words;
    analyzer.words(title, title_words, 1);
    analyzer.words(text, body_words, static_cast<std::uint32_t>(title_words.size()) + 101);
    static sova::detail::Vocabulary vocabulary;
    sova::detail::NameLookup names(&gazetteer(), nullptr, analyzer, lang);
    sova::detail::MentionScanner scanner(names, vocabulary, analyzer, lang);
    std::vector<Mention> mentions;
    scanner.scan(title, title_words, true, mentions);
    scanner.scan(text, body_words, false, mentions);
    return mentions;
}

const Mention* mention(const std::vector<Mention>& mentions, const std::string& surface) {
    for (const Mention& m : mentions)
        if (m.surface == surface) return &m;
    return nullptr;
}

std::string surfaces(const std::vector<Mention>& mentions) {
    std::string out;
    for (const Mention& m : mentions) out += (out.empty() ? "" : " | ") + m.surface;
    return out;
}

bool names_key(const Mention& m, const std::string& key) {
    return std::any_of(m.entries.begin(), m.entries.end(), [&](auto* e) { return e->key == key; });
}

} // namespace

TEST_CASE("scanning: a title before a name makes a person, and a place is looked up") {
    auto mentions = scan("Energy Minister Olena Marchuk said on Wednesday that Kyiv must prepare for outages.", "en");
    const Mention* person = mention(mentions, "Olena Marchuk");
    REQUIRE_MESSAGE(person, surfaces(mentions));
    CHECK(person->kind == MentionKind::person);
    CHECK(person->words() == 2);
    CHECK(person->lead);
    CHECK_FALSE(person->title);
    const Mention* kyiv = mention(mentions, "Kyiv");
    REQUIRE_MESSAGE(kyiv, surfaces(mentions));
    CHECK(kyiv->kind == MentionKind::place);
    CHECK(names_key(*kyiv, "place:kyiv.ua"));
    CHECK_FALSE(mention(mentions, "Minister")); // a title is no part of the name
}

TEST_CASE("scanning: a verb of saying makes a person, and a preposition marks a place") {
    auto mentions = scan("Yesterday Helen Jordan said the talks in Amman went well.", "en");
    const Mention* person = mention(mentions, "Helen Jordan");
    REQUIRE_MESSAGE(person, surfaces(mentions));
    CHECK(person->kind == MentionKind::person);
    const Mention* amman = mention(mentions, "Amman");
    REQUIRE_MESSAGE(amman, surfaces(mentions));
    CHECK(amman->after_preposition);
}

TEST_CASE("scanning: a Cyrillic organisation runs from its cue through its complement and place") {
    auto mentions = scan("Вчора Міністерство енергетики України оголосило графіки.", "uk");
    const Mention* ministry = mention(mentions, "Міністерство енергетики України");
    REQUIRE_MESSAGE(ministry, surfaces(mentions));
    CHECK(ministry->kind == MentionKind::organisation);
    CHECK(ministry->words() == 3);
}

TEST_CASE("scanning: an acronym is an organisation, but not in a shouted line or alone on it") {
    auto mentions = scan("Leaders met at the NATO summit.", "en");
    REQUIRE(mention(mentions, "NATO"));
    CHECK(mention(mentions, "NATO")->kind == MentionKind::organisation);
    CHECK_FALSE(mention(scan("LEADERS MEET AT NATO SUMMIT", "en"), "NATO"));
    CHECK_FALSE(mention(scan("Some text.\nNOTES\nMore text.", "en"), "NOTES"));
}

TEST_CASE("scanning: German capitalises nouns, so a capitalised run alone is no name there") {
    // Without a title, the same words are a name in English and nothing in German.
    CHECK(mention(scan("Gestern kam Helga Brandt nach Hause.", "en"), "Helga Brandt"));
    CHECK_FALSE(mention(scan("Gestern kam Helga Brandt nach Hause.", "de"), "Helga Brandt"));
}

TEST_CASE("place settling: the article's own places decide a name of several places") {
    auto in_us = scan("Storms hit Atlanta overnight. Georgia declared an emergency.", "en");
    const Mention* georgia = mention(in_us, "Georgia");
    REQUIRE_MESSAGE(georgia, surfaces(in_us));
    sova::detail::PlaceContext us(in_us, true);
    CHECK(us.resolve(georgia->entries)->key == "place:georgia.us-ga");

    auto alone = scan("Storms hit the coast overnight. Georgia declared an emergency.", "en");
    georgia = mention(alone, "Georgia");
    REQUIRE_MESSAGE(georgia, surfaces(alone));
    sova::detail::PlaceContext nowhere(alone, true);
    CHECK(nowhere.resolve(georgia->entries)->key == "place:georgia");
}

TEST_CASE("place settling: a lone word names a small town only when the article names its country") {
    auto mentions = scan("The Salt festival opened on Friday.", "en");
    const Mention* salt = mention(mentions, "Salt");
    REQUIRE_MESSAGE(salt, surfaces(mentions));
    REQUIRE_FALSE(salt->entries.empty());
    sova::detail::PlaceContext places(mentions, true);
    const auto* town = places.resolve(salt->entries);
    CHECK(town->country == "JO");
    CHECK_FALSE(places.accept_single(*town, *salt));

    auto in_jordan = scan("Jordan reopened its border. The Salt festival opened on Friday.", "en");
    salt = mention(in_jordan, "Salt");
    REQUIRE(salt);
    sova::detail::PlaceContext jordan(in_jordan, true);
    CHECK(jordan.accept_single(*jordan.resolve(salt->entries), *salt));
}

TEST_CASE("person linking: a name whose surname recurs alone is a person, and a place leading a name is split off") {
    auto mentions =
        scan("Olena Marchuk visited the plant. Later Marchuk left. The London Symphony Orchestra played.", "en");
    sova::detail::decide_names(mentions);
    const Mention* person = mention(mentions, "Olena Marchuk");
    REQUIRE_MESSAGE(person, surfaces(mentions));
    CHECK(person->kind == MentionKind::person);
    const Mention* orchestra = mention(mentions, "Symphony Orchestra");
    REQUIRE_MESSAGE(orchestra, surfaces(mentions));
    CHECK(orchestra->kind == MentionKind::other); // no word of it recurs alone
    CHECK(mentions.back().surface == "London");   // appended after the mentions scanned
    CHECK(mentions.back().kind == MentionKind::place);
    CHECK(names_key(mentions.back(), "place:london.gb"));

    mentions = scan("On Monday the Kyiv Zoo reopened.", "en");
    sova::detail::decide_names(mentions);
    const Mention* zoo = mention(mentions, "Zoo");
    REQUIRE_MESSAGE(zoo, surfaces(mentions));
    CHECK(zoo->kind == MentionKind::dropped); // one word left: no name of its own
    CHECK(mention(mentions, "Kyiv"));
}

TEST_CASE("person linking: a lone word finds the person named in full by its base form, not by sound alone") {
    auto mentions = scan("Міністерка Олена Марчук відвідала станцію. Марчука зустріли робітники.", "uk");
    sova::detail::decide_names(mentions);
    sova::detail::PersonIndex people(mentions);
    const Mention* lone = mention(mentions, "Марчука");
    REQUIRE_MESSAGE(lone, surfaces(mentions));
    const std::string* key = people.person_of(lone->sounds.front(), lone->terms.front());
    REQUIRE(key);
    CHECK(*key == "name:aln_mrk");
    CHECK_FALSE(people.person_of(lone->sounds.front(), "марч")); // same sound, another word
    CHECK_FALSE(people.person_of("", "марчука"));
}

TEST_CASE("aggregation: salience counts the title and the lead, and the fullest written name wins") {
    Mention in_title;
    in_title.title = true;
    in_title.surface = "Marchuk";
    Mention in_lead;
    in_lead.lead = true;
    in_lead.surface = "Olena Marchuk";
    Mention later;
    later.surface = "Marchuk";
    sova::detail::EntityAggregator entities(false);
    entities.note("name:aln_mrk", "person", "Olena Marchuk", in_lead, {"k:aln mrk"});
    entities.note("name:aln_mrk", "person", "Marchuk", later, {"k:mrk", "k:aln mrk"});
    entities.note("name:aln_mrk", "person", "Marchuk", in_title, {"k:mrk"});
    entities.note("org:nato", "org", "NATO", later, {"t:nato"});
    auto found = entities.finish();
    REQUIRE(found.size() == 2);
    CHECK(found[0].entity.key == "name:aln_mrk");
    CHECK(found[0].entity.mentions == 3);
    CHECK(found[0].entity.salience == 3 + 3 + 2); // three mentions, the title, the lead
    CHECK(found[0].entity.name == "Olena Marchuk");
    CHECK(found[0].name_keys == std::vector<std::string>{"k:aln mrk", "k:mrk"});
    CHECK(found[1].entity.salience == 1);
}

TEST_CASE("aggregation: a title in title case names only what the body names") {
    Mention in_title;
    in_title.title = true;
    in_title.surface = "Grid";
    sova::detail::EntityAggregator entities(true);
    entities.note("name:grd", "other", "Grid", in_title, {"k:grd"});
    CHECK(entities.finish().empty());

    auto& analyzer = sova::detail::thread_analyzer();
    std::vector<Word> words;
    analyzer.words("Grid Chief Warns Of Rolling Blackouts", words, 1);
    CHECK(sova::detail::in_title_case(words));
    words.clear();
    analyzer.words("Grid chief warns of rolling blackouts", words, 1);
    CHECK_FALSE(sova::detail::in_title_case(words));
}
