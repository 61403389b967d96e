// A mention: a run of words of one field that names something, as the scanner finds it, and
// the word shapes and gaps the recogniser's rules read.
#pragma once

#include "indexer/gazetteer.hpp"
#include "tokenizers/analyzer.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sova::detail {

// Thresholds of the recogniser.
constexpr std::size_t max_name_words = 5;                   // longest name looked up in the gazetteer
constexpr std::size_t max_person_words = 4;                 // longer capitalised runs are not one person
constexpr std::size_t lead_words = 40;                      // the body's first words are its lead
constexpr std::uint64_t sentence_start_population = 100000; // a lone word names a town this large
constexpr std::uint64_t well_known_population = 1000000;    // … or this large, at a sentence start
constexpr std::size_t max_word_gap = 3;                     // most bytes between two words of one name
constexpr int min_acronym_letters = 2;                      // fewest capitals of an acronym or a shouted word
constexpr int max_acronym_letters = 6;                      // most capitals of an acronym (NATO, МАГАТЕ)

/// What the scanner made of a mention, and what the person-linking stage then decides.
enum class MentionKind {
    person,       ///< A person: after a title or role, next to a verb of saying, or decided so.
    organisation, ///< An organisation: a cue word, a Cyrillic adjective and cue, an acronym.
    place,        ///< A place of the gazetteer or the aliases file.
    name,         ///< Several capitalised words, not yet known to be a person.
    lone,         ///< A lone capitalised word: only ever a person named in full nearby.
    other,        ///< A name of something else.
    dropped,      ///< Nothing left after its leading place was split off.
};

struct Mention {
    std::size_t first = 0; ///< Word indices in its field, [first, last).
    std::size_t last = 0;
    bool after_preposition = false;        ///< "in Jordan": a place, not the person Jordan.
    std::vector<const NameEntry*> leading; ///< A name whose first words name a place (Kyiv Metro).
    std::size_t leading_words = 0;
    bool title = false;
    bool lead = false;
    bool sentence_start = false;
    MentionKind kind = MentionKind::lone;
    std::vector<const NameEntry*> entries; ///< Gazetteer or alias candidates.
    std::string surface;
    std::vector<std::string> sounds; ///< Name keys (sound) of its words.
    std::vector<std::string> terms;

    std::size_t words() const noexcept { return last - first; }
    /// The sound keys of its words that have one.
    std::vector<std::string> sound_parts() const;
};

/// The kind of a mention named by `entry` (of the gazetteer or the aliases file).
MentionKind kind_of(const NameEntry& entry);

/// The text of word `word` of `text`.
std::string_view surface_of(std::string_view text, const Word& word);

/// An acronym: two to six capitals (NATO, НАТО, МАГАТЕ).
bool acronym(std::string_view surface);

/// A word of two or more letters, all capitals.
bool all_caps(std::string_view surface);

/// Words `a` and `b` (in that order) are one name: only spaces (or one hyphen) between them.
bool adjacent(std::string_view text, const Word& a, const Word& b);

/// Only spaces or one comma between two words ("Olena Marchuk, 45, said").
bool adjacent_or_comma(std::string_view text, const Word& a, const Word& b);

/// `words` joined with `separator` between them.
std::string join(const std::vector<std::string>& words, char separator);

} // namespace sova::detail
