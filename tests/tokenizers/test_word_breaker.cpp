// ICU word breaking over UTF-8: byte ranges and kinds of words; spaces and punctuation skipped.
#include "tokenizers/word_breaker.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace {

using sova::detail::WordBreaker;
using sova::detail::WordKind;
using sova::detail::WordSpan;

char kind_letter(WordKind kind) {
    switch (kind) {
    case WordKind::number:
        return 'n';
    case WordKind::letters:
        return 'l';
    case WordKind::kana:
        return 'k';
    case WordKind::ideographic:
        return 'i';
    }
    return '?';
}

// Renders the words of `text` as "word:kind[begin,end)" separated by spaces.
std::string spans(WordBreaker& breaker, std::string_view text) {
    std::string out;
    breaker.for_each_word(text, [&](const WordSpan& span) {
        if (!out.empty()) out += ' ';
        out.append(text.substr(span.begin, span.end - span.begin));
        out += ':';
        out += kind_letter(span.kind);
        out += '[' + std::to_string(span.begin) + ',' + std::to_string(span.end) + ')';
    });
    return out;
}

struct Row {
    std::string_view text;
    std::string_view expected;
};

const Row rows[] = {
    {"", ""},
    {"   ", ""},
    {" , ; ! ? — … ", ""},
    {"Hello, world!", "Hello:l[0,5) world:l[7,12)"},
    {"  leading and trailing  ", "leading:l[2,9) and:l[10,13) trailing:l[14,22)"},
    {"abc 123", "abc:l[0,3) 123:n[4,7)"},
    {"3.14 1,000", "3.14:n[0,4) 1,000:n[5,10)"},
    {"don't", "don't:l[0,5)"},
    {"e-mail", "e:l[0,1) mail:l[2,6)"},
    {"U.S.A.", "U.S.A:l[0,5)"},
    {"foo_bar", "foo_bar:l[0,7)"},
    // Byte offsets, not characters: Cyrillic letters are two bytes, U+2019 three.
    {"Київ, Харків", "Київ:l[0,8) Харків:l[10,22)"},
    {"п’ять", "п’ять:l[0,11)"},
    {"п'ять", "п'ять:l[0,9)"},
    {"пʼять", "пʼять:l[0,10)"},
    {"Ελλάδα", "Ελλάδα:l[0,12)"},
    {"한국어", "한국어:l[0,9)"},
    // Chinese is split by ICU's dictionary
    {"北京大学", "北京:i[0,6) 大学:i[6,12)"},
    {"我们在北京", "我们:i[0,6) 在:i[6,9) 北京:i[9,15)"},
    {"Kyiv 2023 Київ", "Kyiv:l[0,4) 2023:n[5,9) Київ:l[10,18)"},
};

} // namespace

TEST_CASE("WordBreaker: words, kinds and byte offsets") {
    WordBreaker breaker;
    for (const Row& row : rows) {
        SUBCASE(std::string(row.text).c_str()) {
            CHECK(spans(breaker, row.text) == row.expected);
        }
    }
}

TEST_CASE("WordBreaker: one breaker is reusable across texts") {
    WordBreaker breaker;
    CHECK(spans(breaker, "first text") == "first:l[0,5) text:l[6,10)");
    CHECK(spans(breaker, "второй") == "второй:l[0,12)");
    CHECK(spans(breaker, "") == "");
    CHECK(spans(breaker, "again") == "again:l[0,5)");
}

TEST_CASE("WordBreaker: the text is not read past its view") {
    WordBreaker breaker;
    const std::string backing = "word tail";
    CHECK(spans(breaker, std::string_view(backing).substr(0, 6)) == "word:l[0,4) t:l[5,6)");
}
