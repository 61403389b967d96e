// Folding a word to the forms Sova indexes: `lower` (for stemming) and `term` (exact match).
#pragma once

#include <string>
#include <string_view>

namespace sova::detail {

/// Folds one word (valid UTF-8) the same way on the index and the query side:
///  - `lower`: NFKC case fold; `ё`→`е`; combining marks left after composition removed
///    (Cyrillic stress accents: `за́мок`→`замок`); apostrophes U+2019, U+02BC, U+2018,
///    U+FF07, U+0060 unified to U+0027. Precomposed letters (`й`, `ї`, `є`, `ґ`, `é`) are kept.
///  - `term`: `lower` with the diacritics of Latin and Greek letters removed (`é`→`e`,
///    `ü`→`u`, `ł`→`l`), so that accents never decide a match. Cyrillic letters are untouched.
void fold_word(std::string_view word, std::string& lower, std::string& term);

/// As fold_word, but leaves `lower` empty when it equals `term` (most words): one string to
/// build instead of two.
void fold_word_compact(std::string_view word, std::string& lower, std::string& term);

/// Removes Latin and Greek diacritics, as `fold_word` does from `lower` to `term`.
/// Used on stems, which are computed from `lower`.
std::string strip_diacritics(std::string_view folded);

} // namespace sova::detail
