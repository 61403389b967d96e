// The lead of an article: the opening of its first paragraph of prose, where a news story says
// what it is about (and a reference page what it does). Query words found there weigh more
// (docs/QUERY.md, "Ranking").
#pragma once

#include "tokenizers/analyzer.hpp"

#include <span>
#include <string_view>
#include <vector>

namespace sova::detail {

/// A paragraph counts as prose when it has at least this many words and ends as a sentence does.
inline constexpr std::size_t lead_min_paragraph_words = 8;

/// The words of `words` (the analysed `text`) that make its lead: up to `limit` words from the
/// start of the first paragraph (text between blank lines) of prose, or none when no paragraph
/// is prose (a list, a table, a heading-only text).
std::span<const Word> lead_of(std::string_view text, const std::vector<Word>& words, std::size_t limit);

} // namespace sova::detail
