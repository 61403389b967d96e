#include "tokenizers/names.hpp"

#include "tokenizers/analyzer.hpp"

#include <array>

namespace sova::detail {

namespace {

constexpr std::array<std::string_view, 17> endings{"ами", "ями", "ого", "его", "ому", "ему", "ові", "еві", "єві",
                                                   "ом",  "ем",  "ём",  "єм",  "ам",  "ям",  "ах",  "ях"};

constexpr std::array<std::string_view, 5> adjective_stems{"ськ", "цьк", "зьк", "ск", "цк"};

} // namespace

std::string exact_name_key(std::string_view terms) {
    return std::string(exact_name_key_prefix).append(terms);
}

std::string stem_name_key(std::string_view lang, std::string_view stems) {
    return std::string(stem_name_key_prefix).append(lang).append(":").append(stems);
}

std::string sound_name_key(std::string_view sounds) {
    return std::string(sound_name_key_prefix).append(sounds);
}

std::string term_name_key(std::span<const Word> words) {
    std::string key(exact_name_key_prefix);
    for (const Word& w : words) key.append(key.size() > exact_name_key_prefix.size() ? " " : "").append(w.term);
    return key;
}

std::string stemmed_words(Analyzer& analyzer, std::string_view lang, std::span<const Word> words) {
    std::string out;
    for (const Word& w : words) {
        std::string_view stem = analyzer.stem(lang, w);
        out.append(out.empty() ? "" : " ").append(stem.empty() ? std::string_view(w.term) : stem);
    }
    return out;
}

std::string sound_name_key(Analyzer& analyzer, std::string_view lang, std::span<const Word> words) {
    std::string key(sound_name_key_prefix);
    for (const Word& w : words) {
        std::string sound = analyzer.name_key(lang, w);
        if (sound.empty()) return {};
        key.append(key.size() > sound_name_key_prefix.size() ? " " : "").append(sound);
    }
    return key;
}

std::size_t code_points(std::string_view utf8) noexcept {
    std::size_t n = 0;
    for (char ch : utf8)
        if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
    return n;
}

std::string_view strip_name_ending(std::string_view lower) noexcept {
    constexpr std::size_t min_letters = 4;
    for (std::string_view ending : endings) {
        if (!lower.ends_with(ending)) continue;
        std::string_view base = lower.substr(0, lower.size() - ending.size());
        return code_points(base) >= min_letters ? base : lower;
    }
    for (std::string_view ending : {std::string_view("им"), std::string_view("ым")}) {
        if (!lower.ends_with(ending)) continue;
        std::string_view base = lower.substr(0, lower.size() - ending.size());
        for (std::string_view stem : adjective_stems)
            if (base.ends_with(stem) && code_points(base) >= min_letters) return base;
    }
    return lower;
}

} // namespace sova::detail
