#include "tokenizers/utf8.hpp"

#include <unicode/utf8.h>

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace sova::detail {

namespace {

// Length of the valid prefix of `in`, checked 8 ASCII bytes at a time where possible.
std::size_t valid_prefix(std::string_view in) {
    const auto* s = reinterpret_cast<const std::uint8_t*>(in.data());
    const auto length = static_cast<std::int32_t>(in.size());
    std::int32_t i = 0;
    while (i < length) {
        if (i + 8 <= length) {
            std::uint64_t chunk;
            std::memcpy(&chunk, s + i, 8);
            if ((chunk & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const std::int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) return static_cast<std::size_t>(start);
    }
    return in.size();
}

constexpr std::string_view replacement = "\xEF\xBF\xBD";

// Code points that move the cursor, end a line or reorder what is shown around them.
bool needs_escape(UChar32 c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

void append_hex(std::string& out, const char* format, unsigned value) {
    char escape[16];
    std::snprintf(escape, sizeof escape, format, value);
    out += escape;
}

} // namespace

std::string_view repair_utf8(std::string_view in, std::string& buffer, std::size_t& replaced) {
    std::size_t ok = valid_prefix(in);
    if (ok == in.size()) return in;
    buffer.clear();
    buffer.reserve(in.size() + 16);
    const auto* s = reinterpret_cast<const std::uint8_t*>(in.data());
    const auto length = static_cast<std::int32_t>(in.size());
    buffer.append(in.data(), ok);
    auto i = static_cast<std::int32_t>(ok);
    while (i < length) {
        const std::int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) {
            buffer.append(replacement);
            ++replaced;
        } else {
            buffer.append(in.data() + start, static_cast<std::size_t>(i - start));
        }
    }
    return buffer;
}

std::size_t repair_utf8_in_place(std::string& text) {
    std::string buffer;
    std::size_t replaced = 0;
    std::string_view out = repair_utf8(text, buffer, replaced);
    if (out.data() == buffer.data()) text.swap(buffer);
    return replaced;
}

std::string escape_controls(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    std::int32_t i = 0;
    while (i < length) {
        const std::int32_t start = i;
        if (s[i] >= 0x20 && s[i] < 0x7F) { // printable ASCII, most of any name
            out.push_back(static_cast<char>(s[i++]));
            continue;
        }
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) {
            for (std::int32_t b = start; b < i; ++b) append_hex(out, "\\x%02x", s[b]);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x80 && needs_escape(c)) {
            append_hex(out, "\\x%02x", static_cast<unsigned>(c));
        } else if (needs_escape(c)) {
            append_hex(out, "\\u%04x", static_cast<unsigned>(c));
        } else {
            out.append(text.data() + start, static_cast<std::size_t>(i - start));
        }
    }
    return out;
}

std::size_t utf8_length_at(std::string_view text, std::size_t at) noexcept {
    const auto length = static_cast<std::int32_t>(text.size());
    auto i = static_cast<std::int32_t>(at);
    UChar32 c = 0;
    U8_NEXT(text.data(), i, length, c);
    return c < 0 ? 1 : static_cast<std::size_t>(i) - at;
}

std::u32string decode_utf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t length = utf8_length_at(text, at);
        out.push_back(length == 1 ? static_cast<unsigned char>(text[at]) : first_code_point(text.substr(at, length)));
        at += length;
    }
    return out;
}

char32_t first_code_point(std::string_view text) noexcept {
    std::int32_t i = 0;
    UChar32 c = 0;
    if (text.empty()) return 0;
    U8_NEXT(text.data(), i, static_cast<std::int32_t>(text.size()), c);
    return c < 0 ? 0 : static_cast<char32_t>(c);
}

std::string encode_utf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size() * 2);
    for (char32_t c : text) {
        char bytes[U8_MAX_LENGTH];
        std::int32_t length = 0;
        U8_APPEND_UNSAFE(bytes, length, static_cast<UChar32>(c));
        out.append(bytes, static_cast<std::size_t>(length));
    }
    return out;
}

} // namespace sova::detail
