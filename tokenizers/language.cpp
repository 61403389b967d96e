#include "tokenizers/language.hpp"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

namespace sova::detail {

namespace {

struct LanguageInfo {
    std::string_view code;
    std::string_view stemmer;  // Snowball name in Xapian 1.4, "" if none
    std::string_view hunspell; // Hunspell dictionary (Debian's hunspell-xx), "" if none
    Script script;
    // Frequent function words; words shared by languages of one script are left out.
    std::string_view function_words;
    // Letters that, when present, point to this language among those of its script.
    std::string_view letters;
};

// The one table of languages. Order matters only for ties (earlier wins).
constexpr std::array languages = {
    LanguageInfo{"en", "english", "en_US", Script::latin,
                 "the and of to is that for with was are this from have has were which by a an in on at as be or", ""},
    LanguageInfo{"de", "german", "de_DE", Script::latin,
                 "der die und das ist nicht ein eine mit sich auf dem den des von zu für", "äöüß"},
    LanguageInfo{"fr", "french", "fr", Script::latin,
                 "le la les et des est une dans pour pas qui sur au aux du avec ce", "éèêàçœù"},
    LanguageInfo{"es", "spanish", "", Script::latin, "el los las y del que es por una con para al lo como más", "ñ¿¡"},
    LanguageInfo{"it", "italian", "", Script::latin, "il di che è per una sono della nel gli alla anche come più", ""},
    LanguageInfo{"pt", "portuguese", "", Script::latin, "o os as e do da que não uma com para em dos das ao", "ãõ"},
    LanguageInfo{"nl", "dutch", "", Script::latin, "de het een en van is dat op te zijn niet met voor", "ĳ"},
    LanguageInfo{"sv", "swedish", "", Script::latin, "och att det som är på för med av inte den till", "å"},
    LanguageInfo{"da", "danish", "", Script::latin, "og at det som er på for med af ikke den til", "æø"},
    LanguageInfo{"no", "norwegian", "", Script::latin, "og at det som er på for med av ikke den til", "æøå"},
    LanguageInfo{"fi", "finnish", "", Script::latin, "ja on ei että se oli hän mutta kun tai", ""},
    LanguageInfo{"hu", "hungarian", "", Script::latin, "a az és hogy nem egy is van meg de", "őű"},
    LanguageInfo{"ro", "romanian", "", Script::latin, "și în de la cu pe care este din un o", "șțăâî"},
    LanguageInfo{"tr", "turkish", "", Script::latin, "ve bir bu da de için ile çok olarak", "ğışç"},
    LanguageInfo{"pl", "", "pl_PL", Script::latin, "i w się nie na że z do to jest jak", "ąęłżźśćń"},
    LanguageInfo{"cs", "", "cs_CZ", Script::latin, "a je se na že v to s jako ale", "ěřůčšž"},
    LanguageInfo{"id", "indonesian", "", Script::latin, "yang dan di ini itu dengan untuk tidak dari dalam", ""},
    LanguageInfo{"ca", "catalan", "", Script::latin, "el la els i de que és per amb una als", "ŀ"},
    LanguageInfo{"eu", "basque", "", Script::latin, "eta da ez du bat dira izan", ""},
    LanguageInfo{"ga", "irish", "", Script::latin, "agus an na ar is le go", ""},
    LanguageInfo{"lt", "lithuanian", "", Script::latin, "ir kad yra su iš tai buvo", "ėįųū"},
    LanguageInfo{"ru", "russian", "ru_RU", Script::cyrillic,
                 "и что он как это его но она они был были быть от его же уже только", "ыэъё"},
    LanguageInfo{"uk", "", "uk_UA", Script::cyrillic, "і та що це як від його але вона вони був були також вже лише",
                 "іїєґ"},
    LanguageInfo{"be", "", "be_BY", Script::cyrillic, "і што гэта як ад яго але яна", "ў"},
    LanguageInfo{"bg", "", "bg_BG", Script::cyrillic, "и на се за от че това са като", ""},
    LanguageInfo{"sr", "", "", Script::cyrillic, "и у је да се на за од", "ђћџјљњ"},
    LanguageInfo{"el", "", "", Script::greek, "και το η ο να του της με", ""},
    LanguageInfo{"ar", "arabic", "", Script::arabic, "", ""},
    LanguageInfo{"he", "", "", Script::hebrew, "", ""},
    LanguageInfo{"zh", "", "", Script::han, "", ""},
    LanguageInfo{"ja", "", "", Script::kana, "", ""},
    LanguageInfo{"ko", "", "", Script::hangul, "", ""},
    LanguageInfo{"th", "", "", Script::thai, "", ""},
    LanguageInfo{"hy", "armenian", "", Script::armenian, "", ""},
    LanguageInfo{"ka", "", "", Script::georgian, "", ""},
    LanguageInfo{"hi", "", "", Script::devanagari, "", ""},
    LanguageInfo{"ne", "nepali", "", Script::devanagari, "", ""},
    LanguageInfo{"ta", "tamil", "", Script::other, "", ""},
};

const LanguageInfo* find_language(std::string_view code) noexcept {
    for (const auto& info : languages)
        if (info.code == code) return &info;
    return nullptr;
}

// function word -> indexes of the languages that use it
const std::unordered_map<std::string_view, std::vector<std::size_t>>& function_words() {
    static const auto table = [] {
        std::unordered_map<std::string_view, std::vector<std::size_t>> words;
        for (std::size_t i = 0; i < languages.size(); ++i) {
            std::string_view list = languages[i].function_words;
            while (!list.empty()) {
                std::size_t space = list.find(' ');
                std::string_view word = list.substr(0, space);
                if (!word.empty()) words[word].push_back(i);
                if (space == std::string_view::npos) break;
                list.remove_prefix(space + 1);
            }
        }
        return words;
    }();
    return table;
}

bool contains_code_point(std::string_view haystack, UChar32 needle) {
    const auto* s = reinterpret_cast<const std::uint8_t*>(haystack.data());
    const auto length = static_cast<std::int32_t>(haystack.size());
    for (std::int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c == needle) return true;
    }
    return false;
}

} // namespace

bool is_known_language(std::string_view lang) noexcept {
    return find_language(lang) != nullptr;
}

bool is_function_word(std::string_view term) {
    return function_words().count(term) > 0;
}

std::string_view script_code(Script script) noexcept {
    switch (script) {
    case Script::common:
        return "Zyyy";
    case Script::latin:
        return "Latn";
    case Script::cyrillic:
        return "Cyrl";
    case Script::greek:
        return "Grek";
    case Script::arabic:
        return "Arab";
    case Script::hebrew:
        return "Hebr";
    case Script::han:
        return "Hani";
    case Script::kana:
        return "Kana";
    case Script::hangul:
        return "Hang";
    case Script::thai:
        return "Thai";
    case Script::armenian:
        return "Armn";
    case Script::georgian:
        return "Geor";
    case Script::devanagari:
        return "Deva";
    case Script::other:
        return "Zzzz";
    }
    return "Zzzz";
}

Script script_of(char32_t c) noexcept {
    if (c < 0x80) {
        return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? Script::latin : Script::common;
    }
    if (c >= 0x0400 && c <= 0x04FF) return Script::cyrillic; // the common case, without ICU
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript(static_cast<UChar32>(c), &status);
    if (U_FAILURE(status)) return Script::other;
    switch (code) {
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
        return Script::common;
    case USCRIPT_LATIN:
        return Script::latin;
    case USCRIPT_CYRILLIC:
        return Script::cyrillic;
    case USCRIPT_GREEK:
        return Script::greek;
    case USCRIPT_ARABIC:
        return Script::arabic;
    case USCRIPT_HEBREW:
        return Script::hebrew;
    case USCRIPT_HAN:
        return Script::han;
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
        return Script::kana;
    case USCRIPT_HANGUL:
        return Script::hangul;
    case USCRIPT_THAI:
        return Script::thai;
    case USCRIPT_ARMENIAN:
        return Script::armenian;
    case USCRIPT_GEORGIAN:
        return Script::georgian;
    case USCRIPT_DEVANAGARI:
        return Script::devanagari;
    default:
        return Script::other;
    }
}

Script script_of_word(std::string_view utf8) noexcept {
    const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
    const auto length = static_cast<std::int32_t>(utf8.size());
    for (std::int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) continue;
        Script script = script_of(static_cast<char32_t>(c));
        if (script != Script::common) return script;
    }
    return Script::common;
}

std::string_view hunspell_dictionary_for(std::string_view lang) noexcept {
    const LanguageInfo* info = find_language(lang);
    return info ? info->hunspell : std::string_view{};
}

std::string_view stemmer_for(std::string_view lang) noexcept {
    const LanguageInfo* info = find_language(lang);
    return info ? info->stemmer : std::string_view{};
}

Script script_for(std::string_view lang) noexcept {
    const LanguageInfo* info = find_language(lang);
    return info ? info->script : Script::latin;
}

std::string normalise_language_code(std::string_view code) {
    std::string out;
    for (char ch : code) {
        if (ch == '-' || ch == '_') break;
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        if (ch < 'a' || ch > 'z') return {};
        out.push_back(ch);
    }
    if (out.size() < 2 || out.size() > 3) return {};
    // Common non-ISO spellings seen in the wild.
    if (out == "ua" || out == "ukr") return "uk";
    if (out == "rus") return "ru";
    if (out == "eng") return "en";
    if (out == "deu" || out == "ger") return "de";
    if (out == "fra" || out == "fre") return "fr";
    if (out == "nb" || out == "nn") return "no";
    if (out == "iw") return "he"; // old ISO codes, still used by CLD2
    if (out == "in") return "id";
    if (out == "ji") return "yi";
    return out;
}

std::string detect_language_cld2(std::string_view text) {
    constexpr std::size_t sample_bytes = 65536;
    if (text.size() > sample_bytes) {
        std::size_t cut = sample_bytes;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        text = text.substr(0, cut);
    }
    CLD2::CLDHints hints{nullptr, "", CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
    CLD2::Language top3[3];
    int percent3[3];
    double scores3[3];
    int text_bytes = 0;
    int valid_prefix = 0;
    bool reliable = false;
    CLD2::Language language =
        CLD2::ExtDetectLanguageSummaryCheckUTF8(text.data(), static_cast<int>(text.size()), true, &hints, 0, top3,
                                                percent3, scores3, nullptr, &text_bytes, &reliable, &valid_prefix);
    if (!reliable || language == CLD2::UNKNOWN_LANGUAGE) return {};
    return normalise_language_code(CLD2::LanguageCode(language));
}

void LanguageGuesser::add(std::string_view surface, std::string_view term, Script script) {
    ++m_words;
    ++m_script_count[static_cast<std::size_t>(script)];
    if (m_hits.empty()) m_hits.assign(languages.size(), 0);
    const auto& words = function_words();
    if (auto it = words.find(term); it != words.end()) {
        for (std::size_t i : it->second) m_hits[i] += 2;
    }
    if (script == Script::latin || script == Script::cyrillic) {
        const auto* s = reinterpret_cast<const std::uint8_t*>(surface.data());
        const auto length = static_cast<std::int32_t>(surface.size());
        for (std::int32_t i = 0; i < length;) {
            UChar32 c;
            U8_NEXT(s, i, length, c);
            if (c < 0x80) continue;
            UChar32 lower = u_tolower(c);
            for (std::size_t l = 0; l < languages.size(); ++l)
                if (languages[l].script == script && !languages[l].letters.empty() &&
                    contains_code_point(languages[l].letters, lower))
                    ++m_hits[l];
        }
    }
}

std::string LanguageGuesser::guess() const {
    std::size_t best_script = 0;
    for (std::size_t s = 1; s < std::size(m_script_count); ++s)
        if (m_script_count[s] > m_script_count[best_script]) best_script = s;
    if (m_script_count[best_script] == 0 || best_script == static_cast<std::size_t>(Script::common)) return {};
    auto script = static_cast<Script>(best_script);
    // Japanese text mixes kanji and kana: any real share of kana makes it Japanese.
    if (script == Script::han &&
        m_script_count[static_cast<std::size_t>(Script::kana)] * 10 >= m_script_count[best_script])
        return "ja";
    const LanguageInfo* best = nullptr;
    std::size_t best_hits = 0;
    for (std::size_t l = 0; l < languages.size(); ++l) {
        if (languages[l].script != script) continue;
        std::size_t hits = m_hits.empty() ? 0 : m_hits[l];
        if (!best || hits > best_hits) {
            best = &languages[l];
            best_hits = hits;
        }
    }
    return best ? std::string(best->code) : std::string{};
}

} // namespace sova::detail
