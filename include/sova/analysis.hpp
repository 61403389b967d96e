// The analyser as the engine sees text: tokens with positions, offsets, folded forms and stems.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sova {

/// One word of analysed text.
struct Token {
    std::uint32_t position = 0;     ///< 1-based word position.
    std::size_t begin = 0;          ///< Byte offset of the surface form in the (UTF-8) input.
    std::size_t end = 0;            ///< Byte offset one past the surface form.
    std::string surface;            ///< The word as written.
    std::string term;               ///< Folded form: the exact-match term (case, width, accents, ё, apostrophes).
    std::string stem;               ///< Preferred stem of the folded form in the text's language; empty if none.
    std::vector<std::string> stems; ///< All stems: a dictionary may know several readings ("Львові").
    std::string script;             ///< ISO 15924 script code of the word ("Latn", "Cyrl", ...); "Zyyy" for numbers.
    std::string key;          ///< Cross-script key written for a capitalised word ("Харків" -> "hrkv"), else "".
    bool capitalised = false; ///< Starts with an upper-case letter.
    bool entity_candidate = false; ///< Capitalised but not the first word of a sentence: likely a name.
};

/// The result of analysing a text.
struct Analysis {
    std::string lang;             ///< Language used for stemming (given or detected; empty when unknown).
    bool lang_detected = false;   ///< True when `lang` was detected rather than given.
    std::size_t invalid_utf8 = 0; ///< Invalid UTF-8 sequences replaced with U+FFFD.
    std::vector<Token> tokens;
};

/// Analyses `text` exactly as the indexer does. `lang` may be empty (detected).
/// Offsets refer to `text`, except that invalid UTF-8 is first replaced with U+FFFD
/// (then offsets refer to the repaired text).
Analysis analyze(std::string_view text, std::string_view lang = {});

/// Detects the language of `text` (ISO 639-1), or returns "" when it cannot tell.
std::string detect_language(std::string_view text);

} // namespace sova
