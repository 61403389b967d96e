#include "indexer/entities/mention_scanner.hpp"

#include "tokenizers/language.hpp"
#include "tokenizers/language_words.hpp"
#include "tokenizers/names.hpp"

#include <algorithm>

namespace sova::detail {

namespace {

// Words this short open a sentence as ordinary words where no dictionary tells.
constexpr std::size_t max_short_word_code_points = 3;
// Places after an organisation's cue and complement (Міністерство енергетики України).
constexpr std::size_t max_complement_words = 3;

// A place everyone knows: a name the user taught, a country or a city of a million.
bool well_known(const NameEntry* e) {
    return e->user || e->kind == "country" || e->population >= well_known_population;
}

// A place that a capitalised word names even beside another place: a country or a large town.
bool sizeable_place(const NameEntry* e) {
    return e->type == "place" && (e->kind == "country" || e->population >= sentence_start_population);
}

} // namespace

MentionScanner::MentionScanner(const NameLookup& names, Vocabulary& vocabulary, Analyzer& analyzer,
                               std::string_view lang)
    : m_names(names), m_vocabulary(vocabulary), m_analyzer(analyzer), m_lang(lang),
      m_capitals_mark_names(!capitalises_nouns(lang)) {}

void MentionScanner::scan(std::string_view text, const std::vector<Word>& words, bool is_title,
                          std::vector<Mention>& out) {
    m_text = text;
    m_words = &words;
    m_title = is_title;
    m_out = &out;
    for (std::size_t i = 0; i < words.size();) i = scan_at(i);
}

std::size_t MentionScanner::scan_at(std::size_t i) {
    if (!name_word(i) || ordinary_sentence_opener(i)) return i + 1;
    std::size_t end = run_end(i);
    if (std::size_t stop = cyrillic_organisation(i, end)) return stop;
    bool person_cue = preceded_by_person_cue(i);
    std::size_t length = end - i;
    std::vector<const NameEntry*> entries;
    if (length <= max_name_words) entries = m_names.find(*m_words, i, end);
    if (!entries.empty()) {
        MentionKind kind = kind_of(*entries.front());
        add(i, end, kind, std::move(entries));
    } else if (has_organisation_cue(i, end) && length >= 2)
        add(i, end, MentionKind::organisation, {});
    else if (length == 1)
        lone_word(i, person_cue);
    else
        several_words(i, end, person_cue);
    return end;
}

// A capital opening a sentence says nothing: an ordinary word there is no part of a name
// (Команда Марчука, Власти Тегерана, March was cold), unless it names a country or a city of a
// million (Turkey, Киев). Short words count as ordinary where no dictionary tells. (Only asked
// when a name follows: a lone word there is resolved later anyway, and a dictionary costs a few
// tenths of a second to load.)
bool MentionScanner::ordinary_sentence_opener(std::size_t i) {
    const Word& w = word(i);
    if (!w.sentence_start || is_acronym(i) || i + 1 >= m_words->size() || !adjacent_words(i) || !name_word(i + 1))
        return false;
    bool ordinary = code_points(w.term) <= max_short_word_code_points || m_vocabulary.ordinary(m_lang, w.lower_form());
    if (!ordinary) return false;
    std::vector<const NameEntry*> entries = m_names.find(*m_words, i, i + 1);
    return !std::any_of(entries.begin(), entries.end(), well_known);
}

// A run of capitalised words, with connectors inside (Ministry of Energy, Rio de Janeiro).
// Acronyms stand alone (Саміт НАТО).
std::size_t MentionScanner::run_end(std::size_t i) const {
    std::size_t end = i + 1;
    if (is_acronym(i)) return end;
    while (end < m_words->size() && adjacent_words(end - 1)) {
        if (name_word(end) && !is_acronym(end)) {
            ++end;
            continue;
        }
        if (connector(end) && end + 1 < m_words->size() && adjacent_words(end) && name_word(end + 1)) {
            end += 2;
            continue;
        }
        break;
    }
    return end;
}

// Cyrillic organisation names capitalise their first word only: Національне агентство
// енергомереж (an adjective, then a lower-case cue), Міністерство енергетики України (the cue,
// its complement, perhaps a place). Adds the organisation and returns the word after it, or 0.
std::size_t MentionScanner::cyrillic_organisation(std::size_t i, std::size_t end) {
    if (word(i).script != Script::cyrillic) return 0;
    bool cue_first = end == i + 1 && is_organisation_cue(word(i).term);
    bool adjective_then_cue = end < m_words->size() && has_cyrillic_adjective_ending(word(end - 1).term) &&
                              !word(end).capitalised && adjacent_words(end - 1) && is_organisation_cue(word(end).term);
    if (!cue_first && !adjective_then_cue) return 0;
    std::size_t stop = complement(cue_first ? end : end + 1);
    if (stop <= i + 1) return 0;
    add(i, stop, MentionKind::organisation, {});
    return stop;
}

// The end of an organisation cue's complement from word `from`: one lower-case word
// (енергетики), then the places it belongs to (України), but not the next person's name.
std::size_t MentionScanner::complement(std::size_t from) const {
    std::size_t stop = from;
    if (stop < m_words->size() && adjacent_words(stop - 1) && word(stop).kind == WordKind::letters &&
        !word(stop).capitalised && !is_function_word(word(stop).term))
        ++stop;
    while (stop < m_words->size() && stop - from < max_complement_words && adjacent_words(stop - 1) &&
           name_word(stop)) {
        if (m_names.find(*m_words, stop, stop + 1).empty()) break;
        ++stop;
    }
    return stop;
}

// A lone capitalised word no list knows: an acronym is an organisation (unless shouted or a
// heading), a word after a title or role a person; any other only ever a person named in full
// nearby.
void MentionScanner::lone_word(std::size_t i, bool person_cue) {
    if (is_acronym(i)) {
        if (!shouted(i) && !heading(i)) add(i, i + 1, MentionKind::organisation, {});
    } else if (person_cue && m_capitals_mark_names)
        add(i, i + 1, MentionKind::person, {});
    else
        add(i, i + 1, MentionKind::lone, {});
}

// Several capitalised words: a name. A person's when a title or role precedes it, a verb of
// saying is next to it, or its last word recurs alone (journalists name a person in full once,
// then by surname; decided by the person-linking stage); otherwise some other named thing. A
// leading well-known place is that place when the rest is not a person (Kyiv Metro; but Paris
// Lambert, Kenya Moore are people), and before a person named with a title it is the place (мер
// Києва Віталій Кличко, Президент Украины Владимир Зеленский).
void MentionScanner::several_words(std::size_t i, std::size_t end, bool person_cue) {
    if (places_side_by_side(i, end)) return;
    std::vector<const NameEntry*> first = m_names.find(*m_words, i, i + 1);
    bool leading_place = std::any_of(first.begin(), first.end(), well_known);
    std::size_t stop = leading_place ? leading_place_end(i, end, first) : i + 1;
    bool speech = next_to_speech_verb(i, end);
    if (leading_place && person_cue && end - stop >= 2) {
        MentionKind kind = kind_of(*first.front());
        add(i, stop, kind, std::move(first));
        add(stop, end, MentionKind::person, {});
    } else if (end - i > max_person_words && !leading_place) {
        // too long for a name: nothing
    } else if (!m_capitals_mark_names && !person_cue) {
        if (leading_place) {
            MentionKind kind = kind_of(*first.front());
            add(i, stop, kind, std::move(first));
        }
    } else {
        add(i, end, person_cue || speech ? MentionKind::person : MentionKind::name, {});
        if (leading_place && !person_cue && !speech) {
            m_out->back().leading = std::move(first);
            m_out->back().leading_words = stop - i;
        }
    }
}

// Places side by side (Києва Відень, Kyiv Lviv) are each a place: adds them.
bool MentionScanner::places_side_by_side(std::size_t i, std::size_t end) {
    std::size_t length = end - i;
    std::vector<std::vector<const NameEntry*>> each(length);
    bool all_places = length <= max_name_words;
    for (std::size_t k = 0; k < length && all_places; ++k) {
        each[k] = m_names.find(*m_words, i + k, i + k + 1);
        all_places = std::any_of(each[k].begin(), each[k].end(), sizeable_place);
    }
    if (!all_places) return false;
    for (std::size_t k = 0; k < length; ++k) add(i + k, i + k + 1, MentionKind::place, std::move(each[k]));
    return true;
}

// The end of the longest name of a place that opens the run [i, end) without taking all of it
// (Kyiv Metro, Rio de Janeiro Airport); `entries` (word i's) become that name's.
std::size_t MentionScanner::leading_place_end(std::size_t i, std::size_t end,
                                              std::vector<const NameEntry*>& entries) const {
    for (std::size_t n = std::min(end - 1, i + max_name_words); n > i + 1; --n) {
        std::vector<const NameEntry*> longer = m_names.find(*m_words, i, n);
        if (!longer.empty()) {
            entries = std::move(longer);
            return n;
        }
    }
    return i + 1;
}

bool MentionScanner::name_word(std::size_t i) const {
    const Word& w = word(i);
    return w.kind == WordKind::letters && w.capitalised &&
           (w.script == Script::latin || w.script == Script::cyrillic || w.script == Script::greek) &&
           !is_function_word(w.term) && !is_person_cue(w.term);
}

bool MentionScanner::is_acronym(std::size_t i) const {
    return acronym(surface_of(m_text, word(i)));
}

bool MentionScanner::is_all_caps(std::size_t i) const {
    return all_caps(surface_of(m_text, word(i)));
}

bool MentionScanner::connector(std::size_t i) const {
    return !word(i).capitalised && is_name_connector(word(i).term);
}

bool MentionScanner::adjacent_words(std::size_t i) const {
    return adjacent(m_text, word(i), word(i + 1));
}

// The word before a name, if nothing but spaces separates them, is a title or role
// ("President X").
bool MentionScanner::preceded_by_person_cue(std::size_t i) const {
    return i > 0 && adjacent_words(i - 1) && is_person_cue(word(i - 1).term);
}

bool MentionScanner::has_organisation_cue(std::size_t i, std::size_t end) const {
    for (std::size_t k = i; k < end; ++k)
        if (is_organisation_cue(word(k).term)) return true;
    return false;
}

// A verb of saying right after the name or right before it: "Olena Marchuk said", "— заявив
// Марчук".
bool MentionScanner::next_to_speech_verb(std::size_t i, std::size_t end) const {
    return (end < m_words->size() && adjacent_or_comma(m_text, word(end - 1), word(end)) &&
            is_speech_verb(word(end).term)) ||
           (i > 0 && adjacent_or_comma(m_text, word(i - 1), word(i)) && is_speech_verb(word(i - 1).term));
}

// An all-caps word among all-caps words is a shouted headline, not an acronym.
bool MentionScanner::shouted(std::size_t i) const {
    return (i > 0 && word(i - 1).end + max_word_gap >= word(i).begin && is_all_caps(i - 1)) ||
           (i + 1 < m_words->size() && word(i).end + max_word_gap >= word(i + 1).begin && is_all_caps(i + 1));
}

// A capitalised word alone on its line is a heading (NAME, NOTES), not a name.
bool MentionScanner::heading(std::size_t i) const {
    return at_line_edge(word(i).begin == 0 ? 0 : word(i).begin - 1, -1) && at_line_edge(word(i).end, 1);
}

// Whether, stepping over spaces and tabs from byte `at` by `step`, a line ends.
bool MentionScanner::at_line_edge(std::size_t at, int step) const {
    while (at > 0 && at < m_text.size() && (m_text[at] == ' ' || m_text[at] == '\t')) at = step < 0 ? at - 1 : at + 1;
    return at == 0 || at >= m_text.size() || m_text[at] == '\n' || m_text[at] == '\r';
}

void MentionScanner::add(std::size_t first, std::size_t last, MentionKind kind, std::vector<const NameEntry*> entries) {
    const std::vector<Word>& words = *m_words;
    Mention m;
    m.first = first;
    m.last = last;
    m.title = m_title;
    m.lead = !m_title && first < lead_words;
    m.sentence_start = words[first].sentence_start;
    m.after_preposition = first > 0 && adjacent_words(first - 1) && is_place_preposition(words[first - 1].term);
    m.kind = kind;
    m.entries = std::move(entries);
    m.surface.assign(m_text.substr(words[first].begin, words[last - 1].end - words[first].begin));
    for (std::size_t i = first; i < last; ++i) {
        m.terms.push_back(words[i].term);
        m.sounds.push_back(m_analyzer.name_key(m_lang, words[i]));
    }
    m_out->push_back(std::move(m));
}

} // namespace sova::detail
