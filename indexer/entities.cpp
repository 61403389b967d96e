#include "indexer/entities.hpp"

#include "tokenizers/cross_script.hpp"
#include "tokenizers/language.hpp"
#include "tokenizers/language_words.hpp"
#include "tokenizers/names.hpp"
#include "tokenizers/utf8.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <span>
#include <unordered_map>

namespace sova::detail {

namespace {

constexpr std::size_t max_name_words = 5;                   // longest name looked up in the gazetteer
constexpr std::size_t max_person_words = 4;                 // longer capitalised runs are not one person
constexpr std::size_t lead_words = 40;                      // the body's first words are its lead
constexpr std::uint64_t sentence_start_population = 100000; // a lone word names a town this large
constexpr std::uint64_t well_known_population = 1000000;    // … or this large, at a sentence start

// Letters of a word written all in capitals; 0 when any letter is lower case.
int capital_letters(std::string_view surface) {
    std::int32_t i = 0;
    auto length = static_cast<std::int32_t>(surface.size());
    int letters = 0;
    while (i < length) {
        UChar32 c;
        U8_NEXT(reinterpret_cast<const std::uint8_t*>(surface.data()), i, length, c);
        if (c < 0) return 0;
        if (u_isalpha(c)) {
            if (!u_isupper(c)) return 0;
            ++letters;
        }
    }
    return letters;
}

// A word of two or more letters, all capitals.
bool all_caps(std::string_view surface) {
    return capital_letters(surface) >= 2;
}

// An acronym: two to six capitals (NATO, НАТО, МАГАТЕ).
bool acronym(std::string_view surface) {
    int letters = capital_letters(surface);
    return letters >= 2 && letters <= 6;
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

// Only spaces or one comma between two words ("Olena Marchuk, 45, said").
bool adjacent_or_comma(std::string_view text, const Word& a, const Word& b) {
    if (b.begin < a.end || b.begin - a.end > 3) return false;
    std::string_view gap = text.substr(a.end, b.begin - a.end);
    return gap.find_first_not_of(" ,") == std::string_view::npos;
}

struct Mention {
    std::size_t first = 0; // word indices in its field, [first, last)
    std::size_t last = 0;
    bool after_preposition = false;        // "in Jordan": a place, not the person Jordan
    std::vector<const NameEntry*> leading; // a name whose first words name a place (Kyiv Metro)
    std::size_t leading_words = 0;
    bool title = false;
    bool lead = false;
    bool sentence_start = false;
    std::string type;                      // "person", "org", "place" ("" for a lone word)
    std::vector<const NameEntry*> entries; // gazetteer or alias candidates
    std::string surface;
    std::vector<std::string> sounds; // name keys (sound) of its words
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

EntityExtractor::EntityExtractor(Gazetteer* gazetteer, const AliasTable* aliases)
    : m_gazetteer(gazetteer), m_aliases(aliases) {}

std::vector<ArticleEntity> EntityExtractor::extract(std::string_view title, const std::vector<Word>& title_words,
                                                    std::string_view text, const std::vector<Word>& body_words,
                                                    std::string_view lang) {
    Analyzer& analyzer = thread_analyzer();
    // German capitalises every noun: capitals alone do not make a name there.
    const bool capitals_mark_names = !capitalises_nouns(lang);
    std::vector<Mention> mentions;

    auto lookup = [&](const std::vector<Word>& words, std::size_t first, std::size_t last,
                      std::vector<const NameEntry*>& out) {
        std::span<const Word> run(words.data() + first, last - first);
        std::string by_term = term_name_key(run);
        std::string stems = stemmed_words(analyzer, lang, run);
        std::string by_stem = "s:" + std::string(lang) + ":" + stems;
        std::string by_sound = sound_name_key(analyzer, lang, run);
        if (m_aliases) {
            m_aliases->find(by_term, out);
            if (out.empty()) {
                m_aliases->find(by_sound, out);
                // One word by sound alone is too loose ("March" is not "Marchuk"): its base
                // form must be one of the entity's single-word names.
                if (last == first + 1) {
                    std::string base = name_base(words[first].term);
                    std::erase_if(out, [&](const NameEntry* e) {
                        return std::find(e->single_bases.begin(), e->single_bases.end(), base) == e->single_bases.end();
                    });
                }
            }
            if (!out.empty()) return;
        }
        if (m_gazetteer) {
            m_gazetteer->find(by_term, out);
            if (out.empty() && !lang.empty()) m_gazetteer->find(by_stem, out);
            if (out.empty() && !lang.empty() && last == first + 1) {
                // Every dictionary reading: "Львові" is львові, львов and львів.
                std::vector<std::string> readings;
                for (std::string_view reading : analyzer.stems(lang, words[first])) readings.emplace_back(reading);
                for (std::size_t r = 1; r < readings.size() && out.empty(); ++r) {
                    m_gazetteer->find("s:" + std::string(lang) + ":" + readings[r], out);
                    if (out.empty()) m_gazetteer->find("t:" + readings[r], out);
                }
            }
            // Snowball cuts some names inconsistently (Киев -> ки, Киеве -> киев): an inflected
            // form's stem may be the name itself.
            if (out.empty() && !lang.empty()) m_gazetteer->find("t:" + stems, out);
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
        auto connector = [&](std::size_t i) { return !words[i].capitalised && is_name_connector(words[i].term); };
        auto add = [&](std::size_t first, std::size_t last, std::string type, std::vector<const NameEntry*> entries) {
            Mention m;
            m.first = first;
            m.last = last;
            m.title = is_title;
            m.lead = !is_title && first < lead_words;
            m.sentence_start = words[first].sentence_start;
            m.after_preposition = first > 0 && adjacent(field_text, words[first - 1], words[first]) &&
                                  is_place_preposition(words[first - 1].term);
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
            // (Only asked when a name follows: a lone word there is resolved below anyway, and a
            // dictionary costs a few tenths of a second to load.)
            if (words[i].sentence_start && !is_acronym(i) && i + 1 < words.size() &&
                adjacent(field_text, words[i], words[i + 1]) && name_word(i + 1)) {
                bool ordinary = code_points(words[i].term) <= 3 || m_vocabulary.ordinary(lang, words[i].lower_form());
                if (ordinary) {
                    std::vector<const NameEntry*> entries;
                    lookup(words, i, i + 1, entries);
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
                if (name_word(end) && !is_acronym(end)) {
                    ++end;
                    continue;
                }
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
                    words[stop].kind == WordKind::letters && !words[stop].capitalised &&
                    !is_function_word(words[stop].term))
                    ++stop;
                // Then a place it belongs to (України), but not the next person's name.
                while (stop < words.size() && stop - from < 3 && adjacent(field_text, words[stop - 1], words[stop]) &&
                       name_word(stop)) {
                    std::vector<const NameEntry*> place;
                    lookup(words, stop, stop + 1, place);
                    if (place.empty()) break;
                    ++stop;
                }
                return stop;
            };
            if (words[i].script == Script::cyrillic) {
                bool cue_first = end == i + 1 && is_organisation_cue(words[i].term);
                bool adjective_then_cue = end < words.size() && has_cyrillic_adjective_ending(words[end - 1].term) &&
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
            if (length <= max_name_words) lookup(words, i, end, entries);
            bool has_org_cue = false;
            for (std::size_t k = i; k < end; ++k) has_org_cue = has_org_cue || is_organisation_cue(words[k].term);

            if (!entries.empty()) {
                std::string type = entries.front()->type;
                add(i, end, std::move(type), std::move(entries));
            } else if (has_org_cue && length >= 2) {
                add(i, end, "org", {});
            } else if (length == 1) {
                std::string_view surface = field_text.substr(words[i].begin, words[i].end - words[i].begin);
                // An all-caps word among all-caps words is a shouted headline, not an acronym.
                auto caps = [&](std::size_t k) {
                    return all_caps(field_text.substr(words[k].begin, words[k].end - words[k].begin));
                };
                bool shouted = (i > 0 && words[i - 1].end + 3 >= words[i].begin && caps(i - 1)) ||
                               (i + 1 < words.size() && words[i].end + 3 >= words[i + 1].begin && caps(i + 1));
                // A capitalised word alone on its line is a heading (NAME, NOTES), not a name.
                auto line_edge = [&](std::size_t at, int step) {
                    while (at > 0 && at < field_text.size() && (field_text[at] == ' ' || field_text[at] == '\t'))
                        at += step;
                    return at == 0 || at >= field_text.size() || field_text[at] == '\n' || field_text[at] == '\r';
                };
                bool heading =
                    line_edge(words[i].begin == 0 ? 0 : words[i].begin - 1, -1) && line_edge(words[i].end, 1);
                if (acronym(surface)) {
                    if (!shouted && !heading) add(i, end, "org", {});
                } else if (person_cue && capitals_mark_names)
                    add(i, end, "person", {});
                else
                    add(i, end, "", {}); // a lone name: only ever a person named in full nearby
            } else {
                // Several capitalised words: a name. A person's when a title or role precedes
                // it, a verb of saying is next to it, or its last word recurs alone (journalists
                // name a person in full once, then by surname; decided below); otherwise some
                // other named thing. A leading well-known place is that place when the rest is
                // not a person (Kyiv Metro; but Paris Lambert, Kenya Moore are people), and
                // before a person named with a title it is the place (мер Києва Віталій Кличко,
                // Президент Украины Владимир Зеленский).
                // Places side by side (Києва Відень, Kyiv Lviv) are each a place.
                std::vector<std::vector<const NameEntry*>> each(length);
                bool all_places = length <= max_name_words;
                for (std::size_t k = 0; k < length && all_places; ++k) {
                    lookup(words, i + k, i + k + 1, each[k]);
                    all_places = std::any_of(each[k].begin(), each[k].end(), [](const NameEntry* e) {
                        return e->type == "place" &&
                               (e->kind == "country" || e->population >= sentence_start_population);
                    });
                }
                if (all_places) {
                    for (std::size_t k = 0; k < length; ++k) add(i + k, i + k + 1, "place", std::move(each[k]));
                    i = end;
                    continue;
                }
                std::vector<const NameEntry*> first;
                lookup(words, i, i + 1, first);
                bool leading_place = std::any_of(first.begin(), first.end(), [](const NameEntry* e) {
                    return e->user || e->kind == "country" || e->population >= well_known_population;
                });
                std::size_t stop = i + 1;
                if (leading_place) {
                    for (std::size_t n = std::min(end - 1, i + max_name_words); n > i + 1; --n) {
                        std::vector<const NameEntry*> longer;
                        lookup(words, i, n, longer);
                        if (!longer.empty()) {
                            first = std::move(longer);
                            stop = n;
                            break;
                        }
                    }
                }
                bool speech = (end < words.size() && adjacent_or_comma(field_text, words[end - 1], words[end]) &&
                               is_speech_verb(words[end].term)) ||
                              (i > 0 && adjacent_or_comma(field_text, words[i - 1], words[i]) &&
                               is_speech_verb(words[i - 1].term));
                if (leading_place && person_cue && end - stop >= 2) {
                    std::string type = first.front()->type;
                    add(i, stop, std::move(type), std::move(first));
                    add(stop, end, "person", {});
                } else if (length > max_person_words && !leading_place) {
                    // too long for a name: nothing
                } else if (!capitals_mark_names && !person_cue) {
                    if (leading_place) {
                        std::string type = first.front()->type;
                        add(i, stop, std::move(type), std::move(first));
                    }
                } else {
                    add(i, end, person_cue || speech ? "person" : "name", {});
                    if (leading_place && !person_cue && !speech) {
                        mentions.back().leading = std::move(first);
                        mentions.back().leading_words = stop - i;
                    }
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
        auto score = [&](const NameEntry* e) {
            return std::make_tuple(e->user, in_context(e), kind_rank(*e), e->population);
        };
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
    // People named in full: a lone surname (or given name) later on is the same person when
    // the two words have the same base form (Марчука, Марчукові, Marchuk's are Марчук; March
    // is not). sound key -> (base form, person key), each pair once.
    std::unordered_map<std::string, std::vector<std::pair<std::string, std::string>>> person_by_word;
    auto remember_person = [&](const std::string& sound, std::string base, const std::string& key) {
        auto& list = person_by_word[sound];
        for (const auto& entry : list)
            if (entry.first == base && entry.second == key) return;
        list.emplace_back(std::move(base), key);
    };
    auto person_of = [&](const std::string& sound, std::string_view term) -> const std::string* {
        if (sound.empty()) return nullptr;
        auto it = person_by_word.find(sound);
        if (it == person_by_word.end()) return nullptr;
        std::string base = name_base(term);
        for (const auto& entry : it->second)
            if (entry.first == base) return &entry.second;
        return nullptr;
    };
    struct Aggregate {
        bool fixed_name = false; // the gazetteer's or the aliases file's name
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
            a.fixed_name = canonical != m.surface;
        }
        ++a.entity.mentions;
        if (m.title) a.entity.salience += 3;
        if (m.lead && a.entity.mentions == 1) a.entity.salience += 2;
        ++a.surfaces[m.surface];
        for (auto& k : name_keys)
            if (std::find(a.name_keys.begin(), a.name_keys.end(), k) == a.name_keys.end())
                a.name_keys.push_back(std::move(k));
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
    std::vector<Mention> split_off;
    for (Mention& m : mentions) {
        if (m.type != "name") continue;
        bool recurs = !m.sounds.back().empty() && lone_words.count(m.sounds.back());
        m.type = recurs ? "person" : "other";
        if (!recurs && !m.leading.empty()) {
            // Not a person: the leading place (Kyiv Metro), then the rest if it is a name.
            Mention place = m;
            place.last = m.first + m.leading_words;
            place.type = "place";
            place.entries = std::move(m.leading);
            place.terms.resize(m.leading_words);
            place.sounds.resize(m.leading_words);
            m.first = place.last;
            m.terms.erase(m.terms.begin(), m.terms.begin() + static_cast<std::ptrdiff_t>(m.leading_words));
            m.sounds.erase(m.sounds.begin(), m.sounds.begin() + static_cast<std::ptrdiff_t>(m.leading_words));
            std::size_t cut = 0;
            for (std::size_t k = 0; k < m.leading_words; ++k) cut = m.surface.find(' ', cut) + 1;
            place.surface = m.surface.substr(0, cut == 0 ? std::string::npos : cut - 1);
            m.surface = cut == 0 ? std::string() : m.surface.substr(cut);
            if (m.terms.size() < 2) m.type = "drop";
            split_off.push_back(std::move(place));
        }
    }
    for (auto& place : split_off) mentions.push_back(std::move(place));
    std::stable_partition(mentions.begin(), mentions.end(), [](const Mention& m) { return !m.title; });

    for (const Mention& m : mentions) {
        if (m.type != "person" || m.last - m.first < 2) continue;
        auto parts = sound_key_of(m);
        if (parts.size() < 2) continue;
        std::string key = "name:" + join(parts, '_');
        remember_person(m.sounds.back(), name_base(m.terms.back()), key);
        remember_person(m.sounds.front(), name_base(m.terms.front()), key);
    }

    for (const Mention& m : mentions) {
        std::vector<std::string> base_keys{"t:" + join(m.terms, ' ')};
        auto parts = sound_key_of(m);
        if (!m.entries.empty()) {
            // A lone word that is also the name of a person named in full here is that person
            // (Helen Jordan … Jordan said), unless it follows "in", "у" …; a country's name
            // only as the subject opening a sentence of the body ("Jordan flew home", not
            // "Jordan's water crisis" or a headline).
            bool country = std::any_of(m.entries.begin(), m.entries.end(),
                                       [](const NameEntry* e) { return e->kind == "country"; });
            bool subject = m.sentence_start && !m.title && !m.terms.front().ends_with("'s");
            if (m.last - m.first == 1 && !m.sounds.front().empty() && !m.entries.front()->user &&
                (!country || subject) && !m.after_preposition) {
                if (const std::string* person = person_of(m.sounds.front(), m.terms.front())) {
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
            if (const std::string* person = person_of(parts.front(), m.terms.front())) {
                note(*person, "person", m.surface, m, {"k:" + parts.front()});
            } else if (m.type == "person") {
                note("name:" + parts.front(), "person", m.surface, m, {"k:" + parts.front(), base_keys.front()});
            }
            continue;
        }
        if (parts.empty()) continue;
        if (m.type == "person") {
            if (parts.size() < 2) continue;
            std::vector<std::string> keys{"k:" + join(parts, ' '), "k:" + parts.back(), base_keys.front()};
            note("name:" + join(parts, '_'), "person", m.surface, m, std::move(keys));
        } else if (m.type == "other") {
            if (parts.size() < 2) continue;
            std::vector<std::string> keys{"k:" + join(parts, ' '), "k:" + parts.back(), base_keys.front()};
            note("name:" + join(parts, '_'), "other", m.surface, m, std::move(keys));
        } else if (m.type == "org") {
            std::string surface = m.surface;
            std::string key;
            if (m.last - m.first == 1 && acronym(surface)) {
                if (surface.find_first_not_of("IVXLCDM") == std::string::npos) continue; // a Roman numeral
                key = "org:" + slug(surface);
            } else
                key = "org:" + join(parts, '_');
            if (key.size() <= 4) continue;
            note(key, "org", m.surface, m, {"k:" + join(parts, ' '), base_keys.front()});
        }
    }

    std::vector<ArticleEntity> out;
    for (auto& [key, a] : by_key) {
        a.entity.salience += a.entity.mentions;
        // The name as the article writes it most often (places keep the gazetteer's name).
        // As the article writes it: the fullest form ("Олена Марчук", not "Марчук"), without a
        // consonant case ending where there is a choice ("Олафом Шольцем" last), then the most
        // frequent.
        if (!a.fixed_name) {
            auto words_in = [](const std::string& s) { return std::count(s.begin(), s.end(), ' ') + 1; };
            // Case endings are lower case however the name is capitalised.
            auto plain = [](const std::string& s) { return strip_name_ending(s) == std::string_view(s); };
            std::tuple<long, bool, unsigned> best{0, false, 0};
            for (const auto& [surface, count] : a.surfaces) {
                std::tuple<long, bool, unsigned> rank{words_in(surface), plain(surface), count};
                if (rank > best) {
                    best = rank;
                    a.entity.name = surface;
                }
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

namespace sova {

std::vector<Entity> find_entities(std::string_view title, std::string_view text, std::string_view lang) {
    using namespace detail;
    thread_local std::unique_ptr<Gazetteer> gazetteer = [] {
        std::string path = Gazetteer::default_path();
        return path.empty() ? nullptr : std::make_unique<Gazetteer>(path);
    }();
    thread_local EntityExtractor extractor(gazetteer.get(), nullptr);
    std::string repaired_title, repaired_text;
    std::size_t replaced = 0;
    title = repair_utf8(title, repaired_title, replaced);
    text = repair_utf8(text, repaired_text, replaced);
    Analyzer& analyzer = thread_analyzer();
    std::vector<Word> title_words;
    std::vector<Word> body_words;
    analyzer.words(title, title_words, 1);
    analyzer.words(text, body_words, static_cast<std::uint32_t>(title_words.size()) + 101);
    std::string language = normalise_language_code(lang);
    if (language.empty()) language = analyzer.detect_language(text, body_words);
    std::vector<Entity> out;
    for (auto& found : extractor.extract(title, title_words, text, body_words, language))
        out.push_back(std::move(found.entity));
    return out;
}

} // namespace sova
