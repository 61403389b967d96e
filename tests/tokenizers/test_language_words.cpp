// The recogniser's word lists as data: sorted and each word once, written as the analyser folds
// words, filed under languages the analyser knows, and found by the lookups in any case form.
#include "tokenizers/fold.hpp"
#include "tokenizers/language.hpp"
#include "tokenizers/language_words.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {

using sova::detail::language_words;
using sova::detail::LanguageWords;

using WordList = std::span<const std::string_view>;

struct NamedList {
    std::string name;
    WordList words;
};

// Every list: each language's four, then the shared ones.
std::vector<NamedList> all_lists() {
    std::vector<NamedList> lists;
    for (const LanguageWords& language : language_words()) {
        std::string code(language.code);
        lists.push_back({code + " person cues", language.person_cues});
        lists.push_back({code + " organisation cues", language.organisation_cues});
        lists.push_back({code + " speech verbs", language.speech_verbs});
        lists.push_back({code + " place prepositions", language.place_prepositions});
    }
    lists.push_back({"cue endings", sova::detail::cue_endings()});
    lists.push_back({"name connectors", sova::detail::name_connectors()});
    lists.push_back({"Cyrillic adjective endings", sova::detail::cyrillic_adjective_endings()});
    return lists;
}

bool nfc(std::string_view word) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
    REQUIRE(U_SUCCESS(status));
    bool normalised = normalizer->isNormalized(
        icu::UnicodeString::fromUTF8({word.data(), static_cast<int32_t>(word.size())}), status);
    return U_SUCCESS(status) && normalised;
}

bool has_list(const LanguageWords& language) {
    return !language.person_cues.empty() || !language.organisation_cues.empty() || !language.speech_verbs.empty() ||
           !language.place_prepositions.empty();
}

} // namespace

TEST_CASE("every list of recogniser words is sorted bytewise and holds each word once") {
    for (const NamedList& list : all_lists()) {
        CAPTURE(list.name);
        CHECK(std::is_sorted(list.words.begin(), list.words.end()));
        auto repeated = std::adjacent_find(list.words.begin(), list.words.end());
        CHECK_MESSAGE(repeated == list.words.end(), "listed twice: ", (repeated == list.words.end() ? "" : *repeated));
    }
}

TEST_CASE("every word is NFC and written as the analyser folds words, so that it compares with terms") {
    for (const NamedList& list : all_lists()) {
        for (std::string_view word : list.words) {
            CAPTURE(list.name);
            CAPTURE(word);
            CHECK(nfc(word));
            if (word.empty()) continue; // the empty cue ending: a cue stem alone
            std::string lower;
            std::string term;
            sova::detail::fold_word(word, lower, term);
            CHECK(term == word);
        }
    }
}

TEST_CASE("every language with words is one the analyser knows, once, with the lists its rules need") {
    auto languages = language_words();
    CHECK(std::adjacent_find(languages.begin(), languages.end(), [](const LanguageWords& a, const LanguageWords& b) {
              return a.code >= b.code;
          }) == languages.end());
    for (const LanguageWords& language : languages) {
        CAPTURE(language.code);
        CHECK(sova::detail::normalise_language_code(language.code) == language.code);
        // A language the analyser does not know (lb) only says how it capitalises.
        if (has_list(language)) CHECK(sova::detail::is_known_language(language.code));
        // A verb of saying marks a person, so a language that has them has the person cues too.
        if (!language.speech_verbs.empty()) CHECK(!language.person_cues.empty());
    }
    for (std::string_view code : {"en", "ru", "uk"}) {
        CAPTURE(code);
        auto it = std::find_if(languages.begin(), languages.end(),
                               [&](const LanguageWords& language) { return language.code == code; });
        REQUIRE(it != languages.end());
        CHECK(!it->person_cues.empty());
        CHECK(!it->organisation_cues.empty());
        CHECK(!it->speech_verbs.empty());
        CHECK(!it->place_prepositions.empty());
        CHECK(!it->capitalises_nouns);
    }
}

TEST_CASE("the lookups find a listed word in its case forms and reject other words") {
    using namespace sova::detail;
    CHECK(is_person_cue("president"));
    CHECK(is_person_cue("ministers"));
    CHECK(is_person_cue("minister's"));
    CHECK(is_person_cue("міністра"));
    CHECK(is_person_cue("президентом"));
    CHECK(is_person_cue("мэр"));
    CHECK_FALSE(is_person_cue("presidential")); // a stem with an ending it does not take
    CHECK_FALSE(is_person_cue("march"));
    CHECK(is_organisation_cue("agency"));
    CHECK(is_organisation_cue("міністерство"));
    CHECK(is_organisation_cue("министерства"));
    CHECK_FALSE(is_organisation_cue("agenda"));
    CHECK(is_speech_verb("said"));
    CHECK(is_speech_verb("заявила"));
    CHECK(is_speech_verb("erklarte")); // erklärte, folded
    CHECK_FALSE(is_speech_verb("заява"));
    CHECK(is_place_preposition("in"));
    CHECK(is_place_preposition("у"));
    CHECK(is_place_preposition("из"));
    CHECK_FALSE(is_place_preposition("kyiv"));
    CHECK(is_name_connector("de"));
    CHECK(is_name_connector("bin"));
    CHECK_FALSE(is_name_connector("the"));
    CHECK(has_cyrillic_adjective_ending("національне"));
    CHECK(has_cyrillic_adjective_ending("государственная"));
    CHECK_FALSE(has_cyrillic_adjective_ending("агентство"));
    CHECK(capitalises_nouns("de"));
    CHECK(capitalises_nouns("lb"));
    CHECK_FALSE(capitalises_nouns("en"));
    CHECK_FALSE(capitalises_nouns(""));
}
