// Snippets: the passage of an article that best shows why it matched, from Sova's own tokens.
#pragma once

#include "query/compiler.hpp"
#include "tokenizers/analyzer.hpp"

#include <sova/search.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace sova::detail {

/// Only this much of an article's text is re-analysed for its snippet.
inline constexpr std::size_t snippet_scan_bytes = std::size_t{1} << 20;

struct Snippet {
    std::string text;
    std::vector<Highlight> highlights;
};

/// Picks the window of about `budget` bytes of `text` holding the most distinct query words
/// (then the most matches), and marks the words that match a query term exactly, by stem
/// (in `lang`), or by a wildcard prefix. Line breaks become spaces; "…" marks cut ends.
Snippet make_snippet(std::string_view text, std::string_view lang, const QueryTerms& terms, Analyzer& analyzer,
                     std::size_t budget);

} // namespace sova::detail
