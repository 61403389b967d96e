// UTF-8 repair: valid text passes through untouched, each maximal invalid subpart becomes U+FFFD.
#include "tokenizers/utf8.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace {

using sova::detail::repair_utf8;
using sova::detail::repair_utf8_in_place;

struct Row {
    const char* name;
    std::string_view input;
    std::string_view repaired;
    std::size_t replaced;
};

using namespace std::string_view_literals;

// "\xEF\xBF\xBD" is U+FFFD. The counts follow the Unicode "maximal subpart" practice (ch. 3,
// "U+FFFD Substitution of Maximal Subparts"), which ICU's U8_NEXT implements.
const Row rows[] = {
    {"empty", ""sv, ""sv, 0},
    {"ascii", "plain ascii text"sv, "plain ascii text"sv, 0},
    {"cyrillic", "Київ і Москва"sv, "Київ і Москва"sv, 0},
    {"emoji (4 bytes)", "ok \xF0\x9F\x98\x80"sv, "ok \xF0\x9F\x98\x80"sv, 0},
    {"embedded NUL is valid UTF-8", "a\0b"sv, "a\0b"sv, 0},
    {"lone 0xFF", "\xFF"sv, "\xEF\xBF\xBD"sv, 1},
    {"invalid byte between letters",
     "a\xFF"
     "b"sv,
     "a\xEF\xBF\xBD"
     "b"sv,
     1},
    {"two invalid bytes", "bad \xFF\xFE byte"sv, "bad \xEF\xBF\xBD\xEF\xBF\xBD byte"sv, 2},
    {"truncated 2-byte sequence at the end", "caf\xC3"sv, "caf\xEF\xBF\xBD"sv, 1},
    {"2-byte lead followed by ASCII", "\xC3(x"sv, "\xEF\xBF\xBD(x"sv, 1},
    {"truncated 3-byte sequence is one subpart", "\xE2\x82 euro"sv, "\xEF\xBF\xBD euro"sv, 1},
    {"truncated 4-byte sequence is one subpart", "\xF0\x9F\x98"sv, "\xEF\xBF\xBD"sv, 1},
    {"overlong encoding of '/'", "\xC0\xAF"sv, "\xEF\xBF\xBD\xEF\xBF\xBD"sv, 2},
    {"UTF-16 surrogate encoded in UTF-8", "\xED\xA0\x80"sv, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"sv, 3},
    {"code point above U+10FFFF", "\xF4\x90\x80\x80"sv, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"sv, 4},
    {"stray continuation byte",
     "\x80"
     "abc"sv,
     "\xEF\xBF\xBD"
     "abc"sv,
     1},
    // Past the 8-byte ASCII fast path, then an error, then more ASCII.
    {"error after long ASCII run", "abcdefghijklmnopqr\xFFstuvwxyz0123456789"sv,
     "abcdefghijklmnopqr\xEF\xBF\xBDstuvwxyz0123456789"sv, 1},
    {"valid multibyte then error", "Київ\xD0"sv, "Київ\xEF\xBF\xBD"sv, 1},
};

} // namespace

TEST_CASE("repair_utf8: invalid sequences become U+FFFD and are counted") {
    for (const Row& row : rows) {
        SUBCASE(row.name) {
            std::string buffer;
            std::size_t replaced = 0;
            std::string_view out = repair_utf8(row.input, buffer, replaced);
            CHECK(out == row.repaired);
            CHECK(replaced == row.replaced);
            if (row.replaced == 0) {
                // Valid input is returned as is, without a copy.
                CHECK(out.data() == row.input.data());
                CHECK(buffer.empty());
            }
        }
    }
}

TEST_CASE("repair_utf8: the count accumulates across calls") {
    std::string buffer;
    std::size_t replaced = 5;
    repair_utf8("\xFF\xFF", buffer, replaced);
    CHECK(replaced == 7);
    repair_utf8("valid", buffer, replaced);
    CHECK(replaced == 7);
}

TEST_CASE("repair_utf8_in_place: rewrites the string and returns the count") {
    for (const Row& row : rows) {
        SUBCASE(row.name) {
            std::string text(row.input);
            CHECK(repair_utf8_in_place(text) == row.replaced);
            CHECK(text == row.repaired);
        }
    }
}

namespace {

struct EscapeRow {
    const char* name;
    std::string_view input;
    std::string_view escaped;
};

// What a file name or an id looks like in a diagnostic: one line, no terminal control, every
// script still readable.
const EscapeRow escape_rows[] = {
    {"empty", ""sv, ""sv},
    {"plain name", "news/2023-08.jsonl"sv, "news/2023-08.jsonl"sv},
    {"Cyrillic stays readable", "новини/Київ.txt"sv, "новини/Київ.txt"sv},
    {"CJK and emoji stay", "東京 \xF0\x9F\x98\x80.md"sv, "東京 \xF0\x9F\x98\x80.md"sv},
    {"space and backslash stay", "my notes\\a.txt"sv, "my notes\\a.txt"sv},
    {"newline", "a\nb.jsonl"sv, "a\\nb.jsonl"sv},
    {"carriage return", "a\rb"sv, "a\\rb"sv},
    {"tab", "a\tb"sv, "a\\tb"sv},
    {"escape sequence", "\x1b[31mred\x1b[0m"sv, "\\x1b[31mred\\x1b[0m"sv},
    {"bell and NUL", "\a\0"sv, "\\x07\\x00"sv},
    {"DEL", "a\x7f"sv, "a\\x7f"sv},
    {"C1 next line (U+0085)",
     "a\xC2\x85"
     "b"sv,
     "a\\u0085b"sv},
    {"C1 control sequence introducer (U+009B)",
     "\xC2\x9B"
     "2J"sv,
     "\\u009b2J"sv},
    {"no-break space (U+00A0) is printable",
     "a\xC2\xA0"
     "b"sv,
     "a\xC2\xA0"
     "b"sv},
    {"line separator (U+2028)",
     "a\xE2\x80\xA8"
     "b"sv,
     "a\\u2028b"sv},
    {"right-to-left override (U+202E)", "evil\xE2\x80\xAEtxt.exe"sv, "evil\\u202etxt.exe"sv},
    {"first strong isolate (U+2068)", "\xE2\x81\xA8x"sv, "\\u2068x"sv},
    {"invalid byte", "caf\xE9.txt"sv, "caf\\xe9.txt"sv},
    {"truncated sequence at the end", "Київ\xD0"sv, "Київ\\xd0"sv},
    {"overlong encoding, byte by byte", "\xC0\xAF"sv, "\\xc0\\xaf"sv},
    {"encoded C1 is not mistaken for invalid", "\xC2\x80"sv, "\\u0080"sv},
};

} // namespace

TEST_CASE("escape_controls: control characters and invalid UTF-8 escaped, printable text kept") {
    for (const EscapeRow& row : escape_rows) {
        SUBCASE(row.name) {
            std::string escaped = sova::detail::escape_controls(row.input);
            CHECK(escaped == row.escaped);
            CHECK(escaped.find('\n') == std::string::npos);
            CHECK(sova::detail::escape_controls(escaped) == escaped); // nothing left to escape
        }
    }
}

TEST_CASE("decode_utf8 and encode_utf8: code points and back, a stray byte kept as itself") {
    using sova::detail::decode_utf8;
    using sova::detail::encode_utf8;
    using sova::detail::first_code_point;
    using sova::detail::utf8_length_at;
    CHECK(decode_utf8("Київ €𝄞") == U"Київ €𝄞");
    CHECK(encode_utf8(U"Київ €𝄞") == "Київ €𝄞");
    CHECK(decode_utf8("a\xFF"
                      "b") == std::u32string{U'a', 0xFF, U'b'});
    CHECK(decode_utf8("\xD0") == std::u32string{0xD0}); // a sequence cut short
    CHECK(first_code_point("Їжак") == U'Ї');
    CHECK(first_code_point("") == 0);
    CHECK(first_code_point("\x80x") == 0);
    CHECK(utf8_length_at("a€𝄞", 0) == 1);
    CHECK(utf8_length_at("a€𝄞", 1) == 3);
    CHECK(utf8_length_at("a€𝄞", 4) == 4);
    CHECK(utf8_length_at("\xE2\x82", 0) == 1);
}
