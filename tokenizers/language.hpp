// Languages Sova knows: one table of codes, scripts, stemmers and detection cues.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sova::detail {

/// Writing systems Sova tells apart (ISO 15924 names in comments).
enum class Script {
    common,
    latin,
    cyrillic,
    greek,
    arabic,
    hebrew,
    han,
    kana,
    hangul,
    thai,
    armenian,
    georgian,
    devanagari,
    other
};

/// ISO 15924 code of a script ("Latn", "Cyrl", ...).
std::string_view script_code(Script script) noexcept;

/// The script of a code point (common for digits and punctuation).
Script script_of(char32_t c) noexcept;

/// The script of a word: that of its first letter that has one.
Script script_of_word(std::string_view utf8) noexcept;

/// Whether `lang` (an ISO 639-1 code) is one of the languages Sova knows.
bool is_known_language(std::string_view lang) noexcept;

/// Xapian/Snowball stemmer name for an ISO 639-1 code, or "" when there is none.
std::string_view stemmer_for(std::string_view lang) noexcept;

/// Hunspell dictionary name ("uk_UA") for an ISO 639-1 code, or "" when none is known.
std::string_view hunspell_dictionary_for(std::string_view lang) noexcept;

/// The script a language is written in (latin when unknown).
Script script_for(std::string_view lang) noexcept;

/// Normalises a user-given language code: lower case, region dropped ("en-GB" -> "en",
/// "ua" -> "uk"). Returns "" for something that is not a language code.
std::string normalise_language_code(std::string_view code);

/// CLD2's verdict on `text` (valid UTF-8; the first 64 KiB are read): the ISO 639-1 code of the
/// language with the largest share of the text, or "" when CLD2 is not reliably sure (short
/// texts, mixtures without a majority, scripts it does not know).
std::string detect_language_cld2(std::string_view text);

/// Whether `term` (folded) is one of the frequent function words of some language ("the",
/// "и", "der"): words a query can do without.
bool is_function_word(std::string_view term);

/// Gathers evidence about a text's language, word by word, then decides.
/// Script-based, refined by characteristic letters and frequent function words.
class LanguageGuesser {
public:
    /// Feeds one word: its surface form (before folding) and its folded `term`.
    void add(std::string_view surface, std::string_view term, Script script);
    /// Words fed so far.
    std::size_t words() const noexcept { return m_words; }
    /// The best guess (ISO 639-1), "" when no word had letters.
    std::string guess() const;

private:
    std::size_t m_words = 0;
    std::size_t m_script_count[static_cast<std::size_t>(Script::other) + 1] = {};
    std::vector<std::size_t> m_hits; // per language in the table
};

} // namespace sova::detail
