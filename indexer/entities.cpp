#include "indexer/entities.hpp"

#include "tokenizers/cross_script.hpp"
#include "tokenizers/names.hpp"
#include "tokenizers/language.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

namespace sova::detail {

namespace {

constexpr std::size_t max_name_words = 5;      // longest name looked up in the gazetteer
constexpr std::size_t max_person_words = 4;    // longer capitalised runs are not one person
constexpr std::size_t lead_words = 40;         // the body's first words are its lead
constexpr std::uint64_t sentence_start_population = 100000; // a lone word names a town this large
constexpr std::uint64_t well_known_population = 1000000;    // … or this large, at a sentence start

// Cue stems; a word is a cue when it starts with one and adds at most a short case ending.
constexpr std::string_view person_cue_stems[]{
    // English (and French, German) titles and roles
    "president", "minister", "spokesperson", "spokesman", "spokeswoman", "mayor", "governor", "senator",
    "chancellor", "premier", "mr", "mrs", "ms", "dr", "prof", "professor", "general", "colonel", "ceo",
    "director", "chairman", "chairwoman", "coach", "striker", "midfielder", "goalkeeper", "captain", "judge",
    "ambassador", "envoy", "secretary", "king", "queen", "economist", "analyst", "engineer", "journalist",
    "reporter", "singer", "actor", "actress", "footballer", "writer", "researcher", "scientist", "lawyer",
    "sir", "founder", "commissioner", "ministre", "maire", "presidente", "burgermeister", "kanzler",
    "sprecher", "herr", "frau",
    // Ukrainian
    "президент", "міністр", "прем'єр", "мер", "речни", "директор", "голов", "депутат", "тренер", "суддя",
    "посол", "генерал", "полковник", "професор", "пан", "пані", "економіст", "аналітик", "інженер",
    "журналіст", "співа", "актор", "футболіст", "письменни", "науков", "очільни", "губернатор",
    "керівни",
    // Russian
    "министр", "премьер", "мэр", "пресс-секретар", "глав", "председател", "судь", "профессор", "экономист",
    "инженер", "футболист", "руководител", "певиц", "певец", "писател"};

constexpr std::string_view organisation_cue_stems[]{
    "agency", "council", "ministry", "bank", "university", "company", "corporation", "corp", "party",
    "committee", "commission", "service", "group", "inc", "ltd", "llc", "fund", "association", "union",
    "court", "parliament", "institute", "foundation", "authority", "federation", "department", "office",
    "organisation", "organization", "airlines", "airways", "railways", "club", "fc", "holdings", "society",
    "agence", "ministere", "ministerium", "bundesamt", "gmbh", "ag",
    // Ukrainian and Russian (the cue itself is often lower case: Національне агентство …)
    "агентств", "міністерств", "министерств", "рад", "совет", "банк", "університет", "университет",
    "компані", "компани", "корпораці", "корпораци", "парті", "парти", "комітет", "комитет", "комісі",
    "комисси", "служб", "фонд", "асоціаці", "ассоциаци", "спілк", "союз", "інститут", "институт"};

constexpr std::string_view connectors[]{"de", "da", "van", "von", "der", "den", "bin", "ibn", "al", "el",
                                                     "di", "del", "dos", "du", "la", "of"};

bool cyrillic(std::string_view term) { return !term.empty() && static_cast<unsigned char>(term[0]) >= 0xD0 && static_cast<unsigned char>(term[0]) <= 0xD4; }

template <std::size_t N>
bool cue(std::string_view term, const std::string_view (&stems)[N]) {
    for (std::string_view stem : stems) {
        if (!term.starts_with(stem)) continue;
        std::size_t rest = term.size() - stem.size();
        // up to three letters of ending (Cyrillic letters are two bytes)
        if (rest <= (cyrillic(stem) ? 6U : 2U)) return true;
    }
    return false;
}

// Every cased letter of the surface is upper case, and it has at least two letters.
bool acronym(std::string_view surface) {
    std::int32_t i = 0;
    auto length = static_cast<std::int32_t>(surface.size());
    int letters = 0;
    while (i < length) {
        UChar32 c;
        U8_NEXT(reinterpret_cast<const std::uint8_t*>(surface.data()), i, length, c);
        if (c < 0) return false;
        if (u_isalpha(c)) {
            if (!u_isupper(c)) return false;
            ++letters;
        }
    }
    return letters >= 2 && letters <= 8;
}

// Words i and i+1 are one name: only spaces (or one hyphen) between them.
bool adjacent(std::string_view text, const Word& a, const Word& b) {
    if (b.begin < a.end || b.begin - a.end > 3) return false;
    std::string_view gap = text.substr(a.end, b.begin - a.end);
    if (gap.empty()) return true;
    if (gap == "-" || gap == "\xE2\x80\x90") return true;
    return gap.find_first_not_of(' ') == std::string_view::npos || gap == "\xC2\xA0";
}

// The word before a name, if nothing but spaces separates them (a title or role: "President X").
bool preceded_by_person_cue(std::string_view text, const std::vector<Word>& words, std::size_t at) {
    if (at == 0) return false;
    const Word& before = words[at - 1];
    if (!adjacent(text, before, words[at])) return false;
    return is_person_cue(before.term);
}

// Verbs that follow a person's name in news: "Olena Marchuk said", "— заявив Марчук".
bool is_speech_verb(std::string_view term) {
    static constexpr std::string_view verbs[]{
        "said", "says", "told", "added", "wrote", "stated", "explained", "announced", "warned", "argued",
        "сказав", "сказала", "заявив", "заявила", "повідомив", "повідомила", "зазначив", "зазначила", "додав", "додала",
        "розповів", "розповіла", "сказал", "сказала", "заявил", "заявила", "сообщил", "сообщила", "отметил",
        "отметила", "добавил", "добавила", "рассказал", "рассказала", "sagte", "erklarte"};
    return std::find(std::begin(verbs), std::end(verbs), term) != std::end(verbs);
}

// A Cyrillic adjective ending: Національне, Верховна, Государственная.
bool adjective_like(std::string_view term) {
    static constexpr std::string_view endings[]{"ий", "ій", "ый", "ой", "а", "е", "є", "ого", "ої", "ых", "их", "ая", "ое", "ые", "ие", "яя"};
    for (std::string_view ending : endings)
        if (term.ends_with(ending)) return true;
    return false;
}

// Only spaces or one comma between two words ("Olena Marchuk, 45, said").
bool adjacent_or_comma(std::string_view text, const Word& a, const Word& b) {
    if (b.begin < a.end || b.begin - a.end > 3) return false;
    std::string_view gap = text.substr(a.end, b.begin - a.end);
    return gap.find_first_not_of(" ,") == std::string_view::npos;
}

struct Mention {
    std::size_t first = 0; // word indices in its field, [first, last)
    std::size_t last = 0;
    bool title = false;
    bool lead = false;
    bool sentence_start = false;
    std::string type;                      // "person", "org", "place" ("" for a lone word)
    std::vector<const NameEntry*> entries; // gazetteer or alias candidates
    std::string surface;
    std::vector<std::string> sounds;       // name keys (sound) of its words
    std::vector<std::string> terms;
};

int kind_rank(const NameEntry& entry) {
    if (entry.user) return 4;
    if (entry.kind == "country") return 3;
    if (entry.kind == "city") return 2;
    return 1;
}

std::string join(const std::vector<std::string>& words, char separator) {
    std::string out;
    for (const auto& word : words) {
        if (!out.empty()) out += separator;
        out += word;
    }
    return out;
}

} // namespace

bool is_person_cue(std::string_view term) { return cue(term, person_cue_stems); }
bool is_organisation_cue(std::string_view term) { return cue(term, organisation_cue_stems); }

EntityExtractor::EntityExtractor(Gazetteer* gazetteer, const AliasTable* aliases)
    : m_gazetteer(gazetteer), m_aliases(aliases) {}

std::vector<ArticleEntity> EntityExtractor::extract(std::string_view title, const std::vector<Word>& title_words,
                                                    std::string_view text, const std::vector<Word>& body_words,
                                                    std::string_view lang) {
    Analyzer& analyzer = thread_analyzer();
    // German capitalises every noun: capitals alone do not make a name there.
    const bool capitals_mark_names = lang != "de" && lang != "lb";
    std::vector<Mention> mentions;

    auto lookup = [&](std::string_view field_text, const std::vector<Word>& words, std::size_t first, std::size_t last,
                      std::vector<const NameEntry*>& out) {
        std::vector<std::string> terms;
        std::vector<std::string> stems;
        std::vector<std::string> sounds;
        for (std::size_t i = first; i < last; ++i) {
            terms.push_back(words[i].term);
            std::string_view stem = analyzer.stem(lang, words[i]);
            stems.emplace_back(stem.empty() ? std::string_view(words[i].term) : stem);
            sounds.push_back(analyzer.name_key(lang, words[i]));
        }
        (void)field_text;
        std::string by_term = "t:" + join(terms, ' ');
        std::string by_stem = "s:" + std::string(lang) + ":" + join(stems, ' ');
        std::string by_sound = "k:" + join(sounds, ' ');
        if (m_aliases) {
            m_aliases->find(by_term, out);
            if (out.empty()) m_aliases->find(by_sound, out);
            if (!out.empty()) return;
        }
        if (m_gazetteer) {
            m_gazetteer->find(by_term, out);
            if (out.empty() && !lang.empty()) m_gazetteer->find(by_stem, out);
            // Snowball cuts some names inconsistently (Киев -> ки, Киеве -> киев): an inflected
            // form's stem may be the name itself.
            if (out.empty() && !lang.empty()) m_gazetteer->find("t:" + join(stems, ' '), out);
        }
    };

    auto scan = [&](std::string_view field_text, const std::vector<Word>& words, bool is_title) {
        auto name_word = [&](std::size_t i) {
            const Word& w = words[i];
            return w.kind == WordKind::letters && w.capitalised &&
                   (w.script == Script::latin || w.script == Script::cyrillic || w.script == Script::greek) &&
                   !is_function_word(w.term) && !is_person_cue(w.term);
        };
        auto is_acronym = [&](std::size_t i) {
            return acronym(field_text.substr(words[i].begin, words[i].end - words[i].begin));
        };
        auto connector = [&](std::size_t i) {
            return !words[i].capitalised &&
                   std::find(std::begin(connectors), std::end(connectors), words[i].term) != std::end(connectors);
        };
        auto add = [&](std::size_t first, std::size_t last, std::string type, std::vector<const NameEntry*> entries) {
            Mention m;
            m.first = first;
            m.last = last;
            m.title = is_title;
            m.lead = !is_title && first < lead_words;
            m.sentence_start = words[first].sentence_start;
            m.type = std::move(type);
            m.entries = std::move(entries);
            m.surface.assign(field_text.substr(words[first].begin, words[last - 1].end - words[first].begin));
            for (std::size_t i = first; i < last; ++i) {
                m.terms.push_back(words[i].term);
                m.sounds.push_back(analyzer.name_key(lang, words[i]));
            }
            mentions.push_back(std::move(m));
        };

        for (std::size_t i = 0; i < words.size();) {
            if (!name_word(i)) {
                ++i;
                continue;
            }
            // A capital opening a sentence says nothing: an ordinary word there is no part of a
            // name (Команда Марчука, Власти Тегерана, March was cold), unless it names a
            // country or a city of a million (Turkey, Киев). Short words count as ordinary where no dictionary tells.
            if (words[i].sentence_start && !is_acronym(i)) {
                bool ordinary = m_vocabulary.ordinary(lang, words[i].lower_form()) ||
                                (code_points(words[i].term) <= 3 && i + 1 < words.size() &&
                                 adjacent(field_text, words[i], words[i + 1]) && name_word(i + 1));
                if (ordinary) {
                    std::vector<const NameEntry*> entries;
                    lookup(field_text, words, i, i + 1, entries);
                    bool country = std::any_of(entries.begin(), entries.end(), [](const NameEntry* e) {
                        return e->user || e->kind == "country" || e->population >= well_known_population;
                    });
                    if (!country) {
                        ++i;
                        continue;
                    }
                }
            }
            // A run of capitalised words, with connectors inside (Ministry of Energy, Rio de
            // Janeiro). Acronyms stand alone (Саміт НАТО).
            std::size_t end = i + 1;
            while (!is_acronym(i) && end < words.size() && adjacent(field_text, words[end - 1], words[end])) {
                if (name_word(end) && !is_acronym(end)) { ++end; continue; }
                if (connector(end) && end + 1 < words.size() && adjacent(field_text, words[end], words[end + 1]) &&
                    name_word(end + 1)) {
                    end += 2;
                    continue;
                }
                break;
            }
            // Cyrillic organisation names capitalise their first word only: Національне
            // агентство енергомереж (an adjective, then a lower-case cue), Міністерство
            // енергетики України (the cue, its complement, perhaps a place).
            auto complement = [&](std::size_t from) {
                std::size_t stop = from;
                if (stop < words.size() && adjacent(field_text, words[stop - 1], words[stop]) &&
                    words[stop].kind == WordKind::letters && !words[stop].capitalised && !is_function_word(words[stop].term))
                    ++stop;
                while (stop < words.size() && stop - from < 3 && adjacent(field_text, words[stop - 1], words[stop]) &&
                       name_word(stop))
                    ++stop;
                return stop;
            };
            if (words[i].script == Script::cyrillic) {
                bool cue_first = end == i + 1 && is_organisation_cue(words[i].term);
                bool adjective_then_cue = end < words.size() && adjective_like(words[end - 1].term) &&
                                          !words[end].capitalised && adjacent(field_text, words[end - 1], words[end]) &&
                                          is_organisation_cue(words[end].term);
                if (cue_first || adjective_then_cue) {
                    std::size_t stop = complement(cue_first ? end : end + 1);
                    if (stop > i + 1) {
                        add(i, stop, "org", {});
                        i = stop;
                        continue;
                    }
                }
            }
            bool person_cue = preceded_by_person_cue(field_text, words, i);
            std::size_t length = end - i;
            std::vector<const NameEntry*> entries;
            if (length <= max_name_words) lookup(field_text, words, i, end, entries);
            bool has_org_cue = false;
            for (std::size_t k = i; k < end; ++k) has_org_cue = has_org_cue || is_organisation_cue(words[k].term);

            if (!entries.empty()) {
                std::string type = entries.front()->type;
                add(i, end, std::move(type), std::move(entries));
            } else if (has_org_cue && length >= 2) {
                add(i, end, "org", {});
            } else if (length == 1) {
                std::string_view surface = field_text.substr(words[i].begin, words[i].end - words[i].begin);
                if (acronym(surface)) add(i, end, "org", {});
                else if (person_cue && capitals_mark_names) add(i, end, "person", {});
                else add(i, end, "", {}); // a lone name: only ever a person named in full nearby
            } else {
                // Several capitalised words. A leading well-known place is that place (Kyiv
                // Metro); otherwise a short run is a name: a person's when a title or role
                // precedes it, or it is followed by a verb of saying, or its last word recurs
                // alone (journalists name a person in full once, then by surname); otherwise
                // some other named thing (a ballet, a holiday).
                std::vector<const NameEntry*> first;
                lookup(field_text, words, i, i + 1, first);
                std::size_t start = i;
                bool leading_place = std::any_of(first.begin(), first.end(), [](const NameEntry* e) {
                    return e->user || e->kind == "country" || e->population >= well_known_population;
                });
                if (leading_place && !person_cue) {
                    std::size_t stop = i + 1;
                    for (std::size_t n = std::min(end, i + max_name_words); n > i + 1; --n) {
                        std::vector<const NameEntry*> longer;
                        lookup(field_text, words, i, n, longer);
                        if (!longer.empty()) {
                            first = std::move(longer);
                            stop = n;
                            break;
                        }
                    }
                    std::string type = first.front()->type;
                    add(i, stop, std::move(type), std::move(first));
                    start = stop;
                }
                std::size_t rest = end - start;
                if (rest >= 2 && rest <= max_person_words && (capitals_mark_names || person_cue)) {
                    bool person = person_cue || (end < words.size() && adjacent_or_comma(field_text, words[end - 1], words[end]) &&
                                                 is_speech_verb(words[end].term));
                    add(start, end, person ? "person" : "name", {});
                } else if (rest == 1 && start > i && !words[start].sentence_start) {
                    add(start, end, "", {});
                }
            }
            i = end;
        }
    };
    scan(title, title_words, true);
    scan(text, body_words, false);

    // Places named by the article without doubt give the context that settles doubtful ones
    // (Georgia is the US state in an article that also names Atlanta; a small town named
    // like a common word counts only when its country is in the article).
    std::vector<std::string> countries;
    for (const Mention& m : mentions) {
        if (m.entries.size() != 1 || m.entries.front()->type != "place") continue;
        const NameEntry& e = *m.entries.front();
        if (e.kind == "country" || m.last - m.first > 1 || e.population >= sentence_start_population)
            countries.push_back(e.country);
    }
    auto in_context = [&](const NameEntry* e) {
        return !e->country.empty() && std::find(countries.begin(), countries.end(), e->country) != countries.end();
    };
    auto resolve = [&](const std::vector<const NameEntry*>& entries) {
        const NameEntry* best = nullptr;
        auto score = [&](const NameEntry* e) { return std::make_tuple(e->user, in_context(e), kind_rank(*e), e->population); };
        for (const NameEntry* e : entries)
            if (!best || score(e) > score(best)) best = e;
        return best;
    };
    // A lone capitalised word naming a place: countries always; cities when large enough or
    // when the article names their country; regions only then.
    auto accept_single = [&](const NameEntry* e, const Mention& m) {
        if (e->user || e->kind == "country") return true;
        if (m.terms.front().size() < 3) return false;
        bool context = in_context(e);
        if (e->kind == "region") return context;
        if (m.sentence_start || !capitals_mark_names) return context || e->population >= well_known_population;
        return context || e->population >= sentence_start_population;
    };

    // English headlines capitalise every word: a title-case title names only what the body names.
    std::size_t title_capitals = 0;
    std::size_t title_letters = 0;
    for (const Word& w : title_words)
        if (w.kind == WordKind::letters && !is_function_word(w.term)) {
            ++title_letters;
            title_capitals += w.capitalised ? 1 : 0;
        }
    const bool title_case = title_letters >= 3 && title_capitals * 10 >= title_letters * 6;
    // People named in full: a lone surname (or first name) later on is the same person.
    // sound key -> (romanised word without final vowels, person key)
    std::unordered_multimap<std::string, std::pair<std::string, std::string>> person_by_word;
    // A lone word is a person's surname or given name when their sound keys agree and it is
    // the name itself or an inflected form of it (Марчука, Marchuk's; not March).
    auto bare = [](std::string_view surface) {
        std::string r = romanise_ascii(surface);
        std::erase_if(r, [](char ch) { return !(ch >= 'a' && ch <= 'z'); });
        while (r.size() > 3 && std::string_view("aeiouy").find(r.back()) != std::string_view::npos) r.pop_back();
        return r;
    };
    auto person_of = [&](const std::string& sound, std::string_view surface) -> const std::string* {
        if (sound.empty()) return nullptr;
        std::string lone = bare(surface);
        auto [from, to] = person_by_word.equal_range(sound);
        for (auto it = from; it != to; ++it)
            if (lone.starts_with(it->second.first)) return &it->second.second;
        return nullptr;
    };
    struct Aggregate {
        Entity entity;
        std::vector<std::string> name_keys;
        std::map<std::string, unsigned> surfaces;
        std::size_t order = 0;
    };
    std::map<std::string, Aggregate> by_key;
    auto note = [&](const std::string& key, const std::string& type, const std::string& canonical, const Mention& m,
                    std::vector<std::string> name_keys) {
        if (m.title && title_case && !by_key.count(key)) return;
        Aggregate& a = by_key[key];
        if (a.entity.key.empty()) {
            a.entity.key = key;
            a.entity.type = type;
            a.entity.name = canonical;
            a.order = by_key.size();
        }
        ++a.entity.mentions;
        if (m.title) a.entity.salience += 3;
        if (m.lead && a.entity.mentions == 1) a.entity.salience += 2;
        ++a.surfaces[m.surface];
        for (auto& k : name_keys)
            if (std::find(a.name_keys.begin(), a.name_keys.end(), k) == a.name_keys.end()) a.name_keys.push_back(std::move(k));
    };
    auto sound_key_of = [](const Mention& m) {
        std::vector<std::string> parts;
        for (const auto& s : m.sounds)
            if (!s.empty()) parts.push_back(s);
        return parts;
    };

    // A run of capitalised words whose last word recurs alone is a person named in full.
    std::unordered_map<std::string, unsigned> lone_words;
    for (const Mention& m : mentions)
        if (m.last - m.first == 1 && !m.sounds.front().empty()) ++lone_words[m.sounds.front()];
    for (Mention& m : mentions) {
        if (m.type != "name") continue;
        m.type = !m.sounds.back().empty() && lone_words.count(m.sounds.back()) ? "person" : "other";
    }
    std::stable_partition(mentions.begin(), mentions.end(), [](const Mention& m) { return !m.title; });

    for (const Mention& m : mentions) {
        if (m.type != "person" || m.last - m.first < 2) continue;
        auto parts = sound_key_of(m);
        if (parts.size() < 2) continue;
        std::string key = "name:" + join(parts, '_');
        const std::string first_surface(m.surface.substr(0, m.surface.find(' ')));
        const std::string last_surface(m.surface.substr(m.surface.rfind(' ') + 1));
        person_by_word.emplace(parts.back(), std::make_pair(bare(last_surface), key));
        person_by_word.emplace(parts.front(), std::make_pair(bare(first_surface), key));
    }

    for (const Mention& m : mentions) {
        std::vector<std::string> base_keys{"t:" + join(m.terms, ' ')};
        auto parts = sound_key_of(m);
        if (!m.entries.empty()) {
            // A lone word that is also the name of a person named in full here is that person.
            if (m.last - m.first == 1 && !m.sounds.front().empty() && !m.entries.front()->user) {
                if (const std::string* person = person_of(m.sounds.front(), m.surface)) {
                    note(*person, "person", m.surface, m, {"k:" + m.sounds.front()});
                    continue;
                }
            }
            const NameEntry* e = resolve(m.entries);
            if (m.last - m.first == 1 && !accept_single(e, m)) continue;
            std::vector<std::string> keys = e->name_keys;
            keys.insert(keys.end(), base_keys.begin(), base_keys.end());
            note(e->key, e->type, e->name, m, std::move(keys));
            continue;
        }
        if (m.type.empty() || (m.type == "person" && m.last - m.first == 1)) {
            if (parts.size() != 1) continue;
            if (const std::string* person = person_of(parts.front(), m.surface)) {
                note(*person, "person", m.surface, m, {"k:" + parts.front()});
            } else if (m.type == "person") {
                note("name:" + parts.front(), "person", m.surface, m, {"k:" + parts.front(), base_keys.front()});
            }
            continue;
        }
        if (parts.empty()) continue;
        if (m.type == "person") {
            if (parts.size() < 2) continue;
            std::vector<std::string> keys{"k:" + join(parts, ' '), "k:" + parts.back()};
            note("name:" + join(parts, '_'), "person", m.surface, m, std::move(keys));
        } else if (m.type == "other") {
            if (parts.size() < 2) continue;
            std::vector<std::string> keys{"k:" + join(parts, ' '), "k:" + parts.back()};
            note("name:" + join(parts, '_'), "other", m.surface, m, std::move(keys));
        } else if (m.type == "org") {
            std::string surface = m.surface;
            std::string key;
            if (m.last - m.first == 1 && acronym(surface)) {
                if (surface.find_first_not_of("IVXLCDM") == std::string::npos) continue; // a Roman numeral
                key = "org:" + slug(surface);
            }
            else key = "org:" + join(parts, '_');
            if (key.size() <= 4) continue;
            note(key, "org", m.surface, m, {"k:" + join(parts, ' '), base_keys.front()});
        }
    }

    std::vector<ArticleEntity> out;
    for (auto& [key, a] : by_key) {
        a.entity.salience += a.entity.mentions;
        // The name as the article writes it most often (places keep the gazetteer's name).
        // The fullest form (most words), then the most frequent: "Олена Марчук", not "Марчук".
        if (a.entity.type != "place" || a.entity.name.empty()) {
            auto words_in = [](const std::string& s) { return std::count(s.begin(), s.end(), ' ') + 1; };
            std::pair<long, unsigned> best{0, 0};
            for (const auto& [surface, count] : a.surfaces)
                if (std::make_pair(words_in(surface), count) > best) {
                    best = {words_in(surface), count};
                    a.entity.name = surface;
                }
        }
        out.push_back(ArticleEntity{std::move(a.entity), std::move(a.name_keys)});
    }
    std::stable_sort(out.begin(), out.end(), [](const ArticleEntity& x, const ArticleEntity& y) {
        return x.entity.salience > y.entity.salience;
    });
    return out;
}

} // namespace sova::detail
