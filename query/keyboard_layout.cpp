#include "query/keyboard_layout.hpp"

#include "tokenizers/utf8.hpp"

#include <algorithm>
#include <string_view>

namespace sova::detail {

namespace {

struct Key {
    char qwerty;
    std::string_view russian;
    std::string_view ukrainian;
};

// Every key whose character differs between QWERTY and ЙЦУКЕН, unshifted and shifted.
// Ukrainian: ` is the apostrophe (п'ять), ґ is on \ (the enhanced layout).
constexpr Key keys[] = {
    {'q', "й", "й"}, {'w', "ц", "ц"}, {'e', "у", "у"}, {'r', "к", "к"}, {'t', "е", "е"},   {'y', "н", "н"},
    {'u', "г", "г"}, {'i', "ш", "ш"}, {'o', "щ", "щ"}, {'p', "з", "з"}, {'[', "х", "х"},   {']', "ъ", "ї"},
    {'a', "ф", "ф"}, {'s', "ы", "і"}, {'d', "в", "в"}, {'f', "а", "а"}, {'g', "п", "п"},   {'h', "р", "р"},
    {'j', "о", "о"}, {'k', "л", "л"}, {'l', "д", "д"}, {';', "ж", "ж"}, {'\'', "э", "є"},  {'z', "я", "я"},
    {'x', "ч", "ч"}, {'c', "с", "с"}, {'v', "м", "м"}, {'b', "и", "и"}, {'n', "т", "т"},   {'m', "ь", "ь"},
    {',', "б", "б"}, {'.', "ю", "ю"}, {'/', ".", "."}, {'`', "ё", "'"}, {'\\', "\\", "ґ"}, {'Q', "Й", "Й"},
    {'W', "Ц", "Ц"}, {'E', "У", "У"}, {'R', "К", "К"}, {'T', "Е", "Е"}, {'Y', "Н", "Н"},   {'U', "Г", "Г"},
    {'I', "Ш", "Ш"}, {'O', "Щ", "Щ"}, {'P', "З", "З"}, {'{', "Х", "Х"}, {'}', "Ъ", "Ї"},   {'A', "Ф", "Ф"},
    {'S', "Ы", "І"}, {'D', "В", "В"}, {'F', "А", "А"}, {'G', "П", "П"}, {'H', "Р", "Р"},   {'J', "О", "О"},
    {'K', "Л", "Л"}, {'L', "Д", "Д"}, {':', "Ж", "Ж"}, {'"', "Э", "Є"}, {'Z', "Я", "Я"},   {'X', "Ч", "Ч"},
    {'C', "С", "С"}, {'V', "М", "М"}, {'B', "И", "И"}, {'N', "Т", "Т"}, {'M', "Ь", "Ь"},   {'<', "Б", "Б"},
    {'>', "Ю", "Ю"}, {'?', ",", ","}, {'~', "Ё", "~"}, {'|', "/", "Ґ"}, {'@', "\"", "\""}, {'#', "№", "№"},
    {'$', ";", ";"}, {'^', ":", ":"}, {'&', "?", "?"},
};

// Calls `visit` with each character of `text` (its UTF-8 bytes).
template <typename Visit> void each_character(std::string_view text, Visit visit) {
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t length = utf8_length_at(text, at);
        visit(text.substr(at, length));
        at += length;
    }
}

bool is_latin(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Cyrillic letters are U+0400–U+04FF: lead bytes 0xD0–0xD3.
bool is_cyrillic(std::string_view character) {
    const auto lead = static_cast<unsigned char>(character[0]);
    return character.size() == 2 && lead >= 0xD0 && lead <= 0xD3;
}

} // namespace

std::string qwerty_as_cyrillic(std::string_view text, CyrillicLayout layout) {
    std::string out;
    out.reserve(text.size() * 2);
    each_character(text, [&](std::string_view character) {
        if (character.size() == 1)
            for (const Key& key : keys)
                if (key.qwerty == character[0]) {
                    out += layout == CyrillicLayout::russian ? key.russian : key.ukrainian;
                    return;
                }
        out += character;
    });
    return out;
}

std::string cyrillic_as_qwerty(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    each_character(text, [&](std::string_view character) {
        const bool letter = is_cyrillic(character);
        for (const Key& key : keys) {
            // A Cyrillic letter of either layout, or a punctuation mark the Russian layout has
            // on another key (`.` on `/`, `"` on `2`).
            const bool on_key = letter ? key.russian == character || key.ukrainian == character
                                       : key.russian == character && character != std::string_view(&key.qwerty, 1);
            if (on_key) {
                out += key.qwerty;
                return;
            }
        }
        out += character;
    });
    return out;
}

bool has_qwerty_letters(std::string_view text) {
    bool latin = false;
    bool cyrillic = false;
    each_character(text, [&](std::string_view character) {
        latin = latin || (character.size() == 1 && is_latin(character[0]));
        cyrillic = cyrillic || is_cyrillic(character);
    });
    return latin && !cyrillic;
}

bool has_cyrillic_letters(std::string_view text) {
    bool latin = false;
    bool cyrillic = false;
    each_character(text, [&](std::string_view character) {
        latin = latin || (character.size() == 1 && is_latin(character[0]));
        cyrillic = cyrillic || is_cyrillic(character);
    });
    return cyrillic && !latin;
}

} // namespace sova::detail
