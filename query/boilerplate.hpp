// Boilerplate among a page's hits: passages an outlet repeats in its articles (a footer, a
// donation pitch, a "Read also" line), which explain no match and make poor snippets.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace sova::detail {

/// A byte range [begin, end) of a text.
struct TextSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
};

/// Passages shorter than this (after trimming) are never boilerplate: "Photo." or a dateline
/// repeats without saying anything about the article either way.
inline constexpr std::size_t min_boilerplate_bytes = 20;

/// For each of `texts`, its passages (lines, and the sentences within a line) that occur, with
/// the same words and white space aside, in another of `texts` of the same group (`groups[i]`,
/// the article's source; "" puts a text in a group of its own). In text order, not overlapping.
std::vector<std::vector<TextSpan>> repeated_passages(std::span<const std::string_view> texts,
                                                     std::span<const std::string_view> groups);

} // namespace sova::detail
