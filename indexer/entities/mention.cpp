#include "indexer/entities/mention.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace sova::detail {

namespace {

// Letters of a word written all in capitals; 0 when any letter is lower case.
int capital_letters(std::string_view surface) {
    std::int32_t i = 0;
    auto length = static_cast<std::int32_t>(surface.size());
    int letters = 0;
    while (i < length) {
        UChar32 c;
        U8_NEXT(reinterpret_cast<const std::uint8_t*>(surface.data()), i, length, c);
        if (c < 0) return 0;
        if (u_isalpha(c)) {
            if (!u_isupper(c)) return 0;
            ++letters;
        }
    }
    return letters;
}

// The bytes between two words into `gap`; false when they overlap or lie too far apart.
bool gap_between(std::string_view text, const Word& a, const Word& b, std::string_view& gap) {
    if (b.begin < a.end || b.begin - a.end > max_word_gap) return false;
    gap = text.substr(a.end, b.begin - a.end);
    return true;
}

} // namespace

std::vector<std::string> Mention::sound_parts() const {
    std::vector<std::string> parts;
    for (const auto& s : sounds)
        if (!s.empty()) parts.push_back(s);
    return parts;
}

MentionKind kind_of(const NameEntry& entry) {
    if (entry.type == "person") return MentionKind::person;
    if (entry.type == "org") return MentionKind::organisation;
    if (entry.type == "place") return MentionKind::place;
    return MentionKind::other;
}

std::string_view surface_of(std::string_view text, const Word& word) {
    return text.substr(word.begin, word.end - word.begin);
}

bool acronym(std::string_view surface) {
    int letters = capital_letters(surface);
    return letters >= min_acronym_letters && letters <= max_acronym_letters;
}

bool all_caps(std::string_view surface) {
    return capital_letters(surface) >= min_acronym_letters;
}

bool adjacent(std::string_view text, const Word& a, const Word& b) {
    std::string_view gap;
    if (!gap_between(text, a, b, gap)) return false;
    if (gap.empty()) return true;
    if (gap == "-" || gap == "\xE2\x80\x90") return true;
    return gap.find_first_not_of(' ') == std::string_view::npos || gap == "\xC2\xA0";
}

bool adjacent_or_comma(std::string_view text, const Word& a, const Word& b) {
    std::string_view gap;
    if (!gap_between(text, a, b, gap)) return false;
    return gap.find_first_not_of(" ,") == std::string_view::npos;
}

std::string join(const std::vector<std::string>& words, char separator) {
    std::string out;
    for (const auto& word : words) {
        if (!out.empty()) out += separator;
        out += word;
    }
    return out;
}

} // namespace sova::detail
