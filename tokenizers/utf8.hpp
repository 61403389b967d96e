// UTF-8 repair: invalid sequences become U+FFFD, so nothing downstream sees bad bytes; and
// escaping, so that names from outside (file names, ids) print as one harmless line.
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

/// The code points of UTF-8 `text` (ICU's U8_NEXT); a byte of invalid UTF-8 is itself, one
/// "code point" (0x80–0xFF), so that nothing is lost.
std::u32string decode_utf8(std::string_view text);

/// The first code point of `text`, or 0 when it is empty or starts with invalid UTF-8.
char32_t first_code_point(std::string_view text) noexcept;

/// The bytes of the character at `at` of `text`: 1 to 4, 1 for a byte of invalid UTF-8.
std::size_t utf8_length_at(std::string_view text, std::size_t at) noexcept;

/// `text` as UTF-8.
std::string encode_utf8(std::u32string_view text);

/// `text` made safe to print as (part of) one line on a terminal: line breaks, tabs and other
/// C0 controls, DEL, C1 controls, the Unicode line and paragraph separators and bidirectional
/// overrides and isolates are escaped, and so is every byte of invalid UTF-8; printable text in
/// any script is kept as it is. The escapes: `\n`, `\r`, `\t`; `\xHH` for a byte (another C0
/// control, DEL, or a byte of invalid UTF-8); `\uHHHH` for a code point (C1 controls, U+2028,
/// U+2029, U+202A..U+202E, U+2066..U+2069). Backslashes are not doubled: the result is for
/// reading, not for undoing.
std::string escape_controls(std::string_view text);

} // namespace sova::detail
