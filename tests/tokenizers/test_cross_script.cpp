// Romanisation for cross-script keys: the Cyrillic table gives exactly what ICU gives.
#include "tokenizers/cross_script.hpp"

#include <unicode/utf8.h>

#include <doctest/doctest.h>

#include <fstream>
#include <string>

namespace {

std::string icu_letters(std::string_view text) {
    std::string out;
    for (char ch : sova::detail::romanise_ascii(text))
        if (ch >= 'a' && ch <= 'z') out += ch;
    return out;
}

std::string utf8(char32_t c) {
    char buffer[U8_MAX_LENGTH];
    std::int32_t n = 0;
    UBool error = false;
    U8_APPEND(buffer, n, U8_MAX_LENGTH, static_cast<UChar32>(c), error);
    (void)error;
    return std::string(buffer, static_cast<std::size_t>(n));
}

} // namespace

TEST_CASE("cross-script: every Cyrillic letter romanises as ICU's Any-Latin: Latin-ASCII does it") {
    for (char32_t c = 0x400; c <= 0x52F; ++c)
        CHECK_MESSAGE(sova::detail::romanise_letters(utf8(c)) == icu_letters(utf8(c)), static_cast<unsigned>(c));
}

TEST_CASE("cross-script: words romanise as ICU does them, letter by letter or not") {
    for (const char* word : {"Київ",   "Києві",  "Харків",  "Шевченко",    "Щербаківська", "Підгір'я", "Ёлка",
                             "Съезд",  "Марчук", "Gazprom", "Газпром2023", "ґанок",        "їжак",     "Объявление",
                             "Сергій", "Αθήνα",  "Zürich",  "İstanbul",    "北京",         "Łódź",     "Мiкс Latin"})
        CHECK_MESSAGE(sova::detail::romanise_letters(word) == icu_letters(word), word);
    // Real text: every Cyrillic word of the bundled sample.
    std::ifstream sample(std::string(SOVA_SAMPLE_DIR) + "/news.jsonl");
    std::string word;
    int checked = 0;
    while (sample >> word) {
        if (word.find('\xD0') == std::string::npos && word.find('\xD1') == std::string::npos) continue;
        ++checked;
        CHECK_MESSAGE(sova::detail::romanise_letters(word) == icu_letters(word), word);
    }
    CHECK(checked > 500);
}
