// UTF-8 repair: invalid sequences become U+FFFD, so nothing downstream sees bad bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sova::detail {

/// Returns `in` itself when it is valid UTF-8; otherwise writes a repaired copy to `buffer`
/// (each maximal invalid subpart replaced with U+FFFD, as the Unicode standard recommends),
/// adds the number of replacements to `replaced` and returns a view of `buffer`.
std::string_view repair_utf8(std::string_view in, std::string& buffer, std::size_t& replaced);

/// Repairs `text` in place; returns the number of replacements.
std::size_t repair_utf8_in_place(std::string& text);

} // namespace sova::detail
