#include "tokenizers/language_words.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

namespace sova::detail {

namespace {

// Each language's lists (LanguageWords), then the lists of every language.
constexpr std::string_view de_person_cues[]{"burgermeister", "frau", "herr", "kanzler", "sprecher"};
constexpr std::string_view de_organisation_cues[]{"ag", "bundesamt", "gmbh", "ministerium"};
constexpr std::string_view de_speech_verbs[]{"erklarte", "sagte"};
constexpr std::string_view de_place_prepositions[]{"aus", "im", "in", "nach"};
constexpr std::string_view en_person_cues[]{
    "actor",       "actress",    "ambassador", "analyst",    "athlete",      "captain",    "ceo",       "chairman",
    "chairwoman",  "chancellor", "coach",      "colonel",    "commissioner", "designer",   "director",  "dr",
    "economist",   "engineer",   "envoy",      "footballer", "founder",      "goalkeeper", "governor",  "journalist",
    "judge",       "king",       "lawyer",     "mayor",      "midfielder",   "minister",   "mr",        "mrs",
    "ms",          "premier",    "president",  "prof",       "professor",    "queen",      "reporter",  "researcher",
    "runner",      "scientist",  "secretary",  "senator",    "singer",       "sir",        "spokesman", "spokesperson",
    "spokeswoman", "striker",    "writer"};
constexpr std::string_view en_organisation_cues[]{
    "agency",     "airlines",   "airways", "association",  "authority",    "bank",       "club",       "commission",
    "committee",  "company",    "corp",    "corporation",  "council",      "court",      "department", "fc",
    "federation", "foundation", "fund",    "group",        "holdings",     "inc",        "institute",  "llc",
    "ltd",        "ministry",   "office",  "organisation", "organization", "parliament", "party",      "railways",
    "service",    "society",    "union",   "university"};
constexpr std::string_view en_speech_verbs[]{"added", "announced", "argued", "explained", "said",
                                             "says",  "stated",    "told",   "warned",    "wrote"};
constexpr std::string_view en_place_prepositions[]{"across", "at",   "from",    "in", "inside",
                                                   "into",   "near", "outside", "to"};
constexpr std::string_view es_person_cues[]{"presidente"};
constexpr std::string_view fr_person_cues[]{"maire", "ministre", "premier", "president"};
constexpr std::string_view fr_organisation_cues[]{"agence", "ministere"};
constexpr std::string_view fr_place_prepositions[]{"dans", "en", "vers"};
constexpr std::string_view it_person_cues[]{"presidente"};
constexpr std::string_view pl_place_prepositions[]{"w", "we"};
constexpr std::string_view pt_person_cues[]{"presidente"};
constexpr std::string_view ru_person_cues[]{
    "генерал",   "губернатор",  "депутат",   "директор", "инженер",     "министр",   "мэр",     "певец",
    "певиц",     "писател",     "полковник", "посол",    "председател", "президент", "премьер", "пресс-секретар",
    "профессор", "руководител", "судь",      "тренер",   "футболист",   "экономист"};
constexpr std::string_view ru_organisation_cues[]{"агентств", "ассоциаци", "банк",      "институт",    "комисси",
                                                  "комитет",  "компани",   "корпораци", "министерств", "парти",
                                                  "служб",    "совет",     "союз",      "университет", "фонд"};
constexpr std::string_view ru_speech_verbs[]{"добавил",   "добавила",   "заявил", "заявила", "отметил", "отметила",
                                             "рассказал", "рассказала", "сказал", "сказала", "сообщил", "сообщила"};
constexpr std::string_view ru_place_prepositions[]{"в", "во", "до", "из", "на", "около", "под", "у", "через"};
constexpr std::string_view uk_person_cues[]{"актор",    "аналітик",  "генерал",   "голов",    "губернатор", "депутат",
                                            "директор", "економіст", "журналіст", "керівни",  "мер",        "міністр",
                                            "науков",   "очільни",   "пан",       "пані",     "письменни",  "полковник",
                                            "посол",    "президент", "прем'єр",   "професор", "речни",      "співа",
                                            "суддя",    "тренер",    "футболіст", "інженер"};
constexpr std::string_view uk_organisation_cues[]{"агентств",  "асоціаці",    "банк",  "компані", "комісі", "комітет",
                                                  "корпораці", "міністерств", "парті", "рад",     "служб",  "союз",
                                                  "спілк",     "університет", "фонд",  "інститут"};
constexpr std::string_view uk_speech_verbs[]{"додав",     "додала",     "зазначив", "зазначила", "заявив", "заявила",
                                             "повідомив", "повідомила", "розповів", "розповіла", "сказав", "сказала"};
constexpr std::string_view uk_place_prepositions[]{"біля", "в", "до", "з", "зі", "на", "під", "у", "через", "із"};
constexpr std::string_view name_connector_words[]{"al",  "bin", "da", "de",  "del", "den", "der", "di",
                                                  "dos", "du",  "el", "ibn", "la",  "of",  "van", "von"};
constexpr std::string_view cue_ending_list[]{
    "",   "'s",  "es",  "s",  "а",   "ам", "ами", "ах", "е", "еві", "ей",  "ем",  "ею", "и",  "ий",  "ка",
    "ки", "кою", "ку",  "ле", "лем", "лю", "ля",  "лі", "о", "ов",  "ові", "ого", "ой", "ом", "ому", "ою",
    "ої", "у",   "цею", "цю", "ця",  "ці", "ы",   "ь",  "ю", "я",   "ям",  "ями", "ях", "і",  "ів"};
constexpr std::string_view cyrillic_adjective_ending_list[]{"ая",   "ее",  "ие", "ий", "их", "на",   "не",   "ного",
                                                            "ної",  "ого", "ое", "ой", "ої", "ська", "ське", "цька",
                                                            "цьке", "ые",  "ый", "ых", "яя", "ій"};

// Sorted by code.
constexpr LanguageWords table[]{
    LanguageWords{"de", true, de_person_cues, de_organisation_cues, de_speech_verbs, de_place_prepositions},
    LanguageWords{"en", false, en_person_cues, en_organisation_cues, en_speech_verbs, en_place_prepositions},
    LanguageWords{"es", false, es_person_cues, {}, {}, {}},
    LanguageWords{"fr", false, fr_person_cues, fr_organisation_cues, {}, fr_place_prepositions},
    LanguageWords{"it", false, it_person_cues, {}, {}, {}},
    LanguageWords{"lb", true, {}, {}, {}, {}},
    LanguageWords{"pl", false, {}, {}, {}, pl_place_prepositions},
    LanguageWords{"pt", false, pt_person_cues, {}, {}, {}},
    LanguageWords{"ru", false, ru_person_cues, ru_organisation_cues, ru_speech_verbs, ru_place_prepositions},
    LanguageWords{"uk", false, uk_person_cues, uk_organisation_cues, uk_speech_verbs, uk_place_prepositions},
};

// The entries of one field of every language, sorted, each once.
std::vector<std::string_view> all_of(std::span<const std::string_view> LanguageWords::*field) {
    std::vector<std::string_view> out;
    for (const LanguageWords& language : table)
        out.insert(out.end(), (language.*field).begin(), (language.*field).end());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool contains(std::span<const std::string_view> sorted, std::string_view term) {
    return std::binary_search(sorted.begin(), sorted.end(), term);
}

// A stem of `stems` followed by one of the cue endings.
bool cue(const std::vector<std::string_view>& stems, std::string_view term) {
    for (std::string_view stem : stems)
        if (term.starts_with(stem) && contains(cue_ending_list, term.substr(stem.size()))) return true;
    return false;
}

} // namespace

std::span<const LanguageWords> language_words() noexcept {
    return table;
}

std::span<const std::string_view> cue_endings() noexcept {
    return cue_ending_list;
}

std::span<const std::string_view> name_connectors() noexcept {
    return name_connector_words;
}

std::span<const std::string_view> cyrillic_adjective_endings() noexcept {
    return cyrillic_adjective_ending_list;
}

bool is_person_cue(std::string_view term) {
    static const std::vector<std::string_view> stems = all_of(&LanguageWords::person_cues);
    return cue(stems, term);
}

bool is_organisation_cue(std::string_view term) {
    static const std::vector<std::string_view> stems = all_of(&LanguageWords::organisation_cues);
    return cue(stems, term);
}

bool is_speech_verb(std::string_view term) {
    static const std::vector<std::string_view> verbs = all_of(&LanguageWords::speech_verbs);
    return contains(verbs, term);
}

bool is_place_preposition(std::string_view term) {
    static const std::vector<std::string_view> prepositions = all_of(&LanguageWords::place_prepositions);
    return contains(prepositions, term);
}

bool is_name_connector(std::string_view term) {
    return contains(name_connector_words, term);
}

bool has_cyrillic_adjective_ending(std::string_view term) {
    return std::any_of(std::begin(cyrillic_adjective_ending_list), std::end(cyrillic_adjective_ending_list),
                       [&](std::string_view ending) { return term.ends_with(ending); });
}

bool capitalises_nouns(std::string_view lang) {
    return std::any_of(std::begin(table), std::end(table), [&](const LanguageWords& language) {
        return language.code == lang && language.capitalises_nouns;
    });
}

} // namespace sova::detail
