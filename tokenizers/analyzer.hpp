// The analyser: one pipeline (break -> fold -> detect language -> stem) for index and query.
#pragma once

#include "tokenizers/cross_script.hpp"
#include "tokenizers/language.hpp"
#include "tokenizers/stemmer.hpp"
#include "tokenizers/word_breaker.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sova::detail {

/// Longest folded word that becomes a term; longer "words" (base64, hashes run together)
/// are dropped on both the index and the query side. Xapian's own limit is 245 bytes.
inline constexpr std::size_t max_term_bytes = 120;

/// A word after breaking and folding.
struct Word {
    std::uint32_t position = 0; ///< 1-based position in its field.
    std::size_t begin = 0;      ///< Byte range in the analysed text.
    std::size_t end = 0;
    std::string lower; ///< Case-folded form (accents kept), the stemmer's input; empty when equal to `term`.
    std::string term;  ///< Exact-match term (accents removed).
    Script script = Script::common;
    WordKind kind = WordKind::letters;
    bool capitalised = false;    ///< first letter upper or title case (a proper-name candidate)
    bool sentence_start = false; ///< first word of the text or after . ! ? or a blank line

    /// The case-folded form with accents (`lower`, or `term` when they are the same).
    std::string_view lower_form() const { return lower.empty() ? std::string_view(term) : std::string_view(lower); }
};

/// Holds the ICU and Snowball objects one thread needs. Cheap to use, costly to create:
/// keep one per thread. Not thread-safe.
class Analyzer {
public:
    /// Breaks `text` (valid UTF-8) into folded words, appending them to `out` with positions
    /// counting from `first_position`.
    void words(std::string_view text, std::vector<Word>& out, std::uint32_t first_position = 1);

    /// Guesses the language of already broken words (looks at the first few hundred).
    std::string detect_language(std::string_view text, const std::vector<Word>& words) const;

    /// Stems of `word` in `lang`, the preferred first (none: no stemmer, a number, an
    /// ideograph, a word the dictionary does not know). Valid until the next call.
    const std::vector<std::string_view>& stems(std::string_view lang, const Word& word);

    /// Stems of a `lower` form in `lang`; same rules as above.
    const std::vector<std::string_view>& stems(std::string_view lang, std::string_view lower) {
        return m_stemmers.stems(lang, lower);
    }

    /// The preferred stem of `word` ("" when none). Valid until the next call.
    std::string_view stem(std::string_view lang, const Word& word) {
        const auto& all = stems(lang, word);
        return all.empty() ? std::string_view{} : all.front();
    }

    /// The stemmers, for the lexicon hand-over between index and searcher (see Stemmers).
    Stemmers& stemmers() { return m_stemmers; }

    /// Cross-script key of `word` ("" when none: not Latin, Cyrillic or Greek letters, too
    /// short). Valid until the next call.
    const std::string& cross_script_key(const Word& word);

    /// Sound key of the base form of a name word (docs/ENTITIES.md): the cross-script key of
    /// the dictionary lemma (Hunspell languages) or of the word without its Cyrillic case
    /// ending, so that Марчуком, Марчукові, Marchuk share one. "" when none.
    std::string name_key(std::string_view lang, const Word& word);

private:
    WordBreaker m_breaker;
    Stemmers m_stemmers;
    CrossScriptKeys m_keys;
};

/// The calling thread's analyser.
Analyzer& thread_analyzer();

} // namespace sova::detail
