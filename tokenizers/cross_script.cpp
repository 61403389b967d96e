#include "tokenizers/cross_script.hpp"

#include "tokenizers/cyrillic_ascii.inc"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>

namespace sova::detail {

namespace {
constexpr std::size_t cache_limit = 100000;
const std::string no_key;

// Letter groups read as one sound, longest first so that "shch" is not read as "sh" + "ch".
struct SoundDigraph {
    std::string_view letters;
    char sound;
};
constexpr std::array<SoundDigraph, 11> sound_digraphs{{{"shch", 's'},
                                                       {"sch", 's'},
                                                       {"tch", 'k'},
                                                       {"ch", 'k'},
                                                       {"sh", 's'},
                                                       {"zh", 'z'},
                                                       {"kh", 'h'},
                                                       {"ts", 'k'},
                                                       {"tz", 'k'},
                                                       {"ph", 'f'},
                                                       {"ck", 'k'}}};

bool vowel(char ch) {
    return ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u' || ch == 'y' || ch == 'j';
}
} // namespace

std::string sound_key(std::string_view ascii) {
    // 2. digraphs (longest first), 3. sound-alike letters
    std::string s;
    s.reserve(ascii.size());
    for (std::size_t i = 0; i < ascii.size();) {
        auto digraph = std::find_if(sound_digraphs.begin(), sound_digraphs.end(), [&](const SoundDigraph& d) {
            return ascii.substr(i, d.letters.size()) == d.letters;
        });
        if (digraph != sound_digraphs.end()) {
            s += digraph->sound;
            i += digraph->letters.size();
            continue;
        }
        char ch = ascii[i++];
        switch (ch) {
        case 'x':
            s += "ks";
            break;
        case 'c':
        case 'q':
            s += 'k';
            break;
        case 'w':
            s += 'v';
            break;
        case 'g':
            s += 'h';
            break;
        default:
            s += ch;
        }
    }
    // 4. first letter stays (vowels as 'a'), later vowels drop; 5. runs collapse
    std::string key;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char ch = s[i];
        if (i == 0) {
            key += vowel(ch) ? 'a' : ch;
            continue;
        }
        if (vowel(ch)) continue;
        if (!key.empty() && key.back() == ch) continue;
        key += ch;
    }
    return key.size() >= 2 ? key : std::string();
}

std::string romanise_ascii(std::string_view text) {
    thread_local std::unique_ptr<icu::Transliterator> to_ascii;
    if (!to_ascii) {
        UErrorCode status = U_ZERO_ERROR;
        to_ascii.reset(icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
        if (U_FAILURE(status) || !to_ascii)
            throw std::runtime_error(std::string("ICU: cannot create the Any-Latin transliterator: ") +
                                     u_errorName(status));
    }
    icu::UnicodeString unicode =
        icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())));
    to_ascii->transliterate(unicode);
    std::string ascii;
    unicode.toUTF8String(ascii);
    std::string out;
    for (char ch : ascii)
        if (static_cast<unsigned char>(ch) < 0x80) out += ch;
    return out;
}

namespace {

// The letters of an ASCII and Cyrillic text, romanised by the table; nullopt for other scripts.
std::optional<std::string> table_letters(std::string_view text) {
    std::string out;
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    constexpr auto table_size = static_cast<UChar32>(std::size(cyrillic_ascii));
    for (std::int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c >= 'A' && c <= 'Z')
            out += static_cast<char>(c - 'A' + 'a');
        else if (c >= 'a' && c <= 'z')
            out += static_cast<char>(c);
        else if (c >= static_cast<UChar32>(cyrillic_table_first) &&
                 c < static_cast<UChar32>(cyrillic_table_first) + table_size)
            out += cyrillic_ascii[c - static_cast<UChar32>(cyrillic_table_first)];
        else if (c >= 0x80 || c < 0)
            return std::nullopt;
    }
    return out;
}

} // namespace

std::string romanise_letters(std::string_view text) {
    if (auto letters = table_letters(text)) return *letters;
    std::string out;
    for (char ch : romanise_ascii(text))
        if (ch >= 'a' && ch <= 'z') out += ch;
    return out;
}

struct CrossScriptKeys::Icu {
    std::unique_ptr<icu::Transliterator> to_ascii;
};

CrossScriptKeys::CrossScriptKeys() : m_icu(std::make_unique<Icu>()) {}
CrossScriptKeys::~CrossScriptKeys() = default;

std::string CrossScriptKeys::romanise(std::string_view term, Script script) {
    std::string ascii;
    bool plain = true;
    for (char ch : term)
        if (static_cast<unsigned char>(ch) >= 0x80) plain = false;
    if (plain || script == Script::latin) {
        // Latin terms are already folded (diacritics removed); keep the letters.
        ascii.assign(term);
    } else if (auto letters = table_letters(term)) {
        return *letters;
    } else {
        if (!m_icu->to_ascii) {
            UErrorCode status = U_ZERO_ERROR;
            m_icu->to_ascii.reset(
                icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
            if (U_FAILURE(status) || !m_icu->to_ascii)
                throw std::runtime_error(std::string("ICU: cannot create the Any-Latin transliterator: ") +
                                         u_errorName(status));
        }
        icu::UnicodeString text =
            icu::UnicodeString::fromUTF8(icu::StringPiece(term.data(), static_cast<std::int32_t>(term.size())));
        m_icu->to_ascii->transliterate(text);
        text.toUTF8String(ascii);
    }
    std::string letters;
    for (char ch : ascii) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        if (ch >= 'a' && ch <= 'z') letters += ch;
    }
    return letters;
}

const std::string& CrossScriptKeys::key(std::string_view term, Script script) {
    if (script != Script::latin && script != Script::cyrillic && script != Script::greek) return no_key;
    // A short suffix after an apostrophe is grammar, not name: Kyiv's, İstanbul'da, Hasan'ın.
    if (std::size_t apostrophe = term.find('\'');
        apostrophe != std::string_view::npos && apostrophe > 0 && term.size() - apostrophe - 1 <= 4)
        term = term.substr(0, apostrophe);
    std::string word(term);
    if (auto it = m_cache.find(word); it != m_cache.end()) return it->second;
    if (m_cache.size() >= cache_limit) m_cache.clear();
    std::string key = sound_key(romanise(term, script));
    return m_cache.emplace(std::move(word), std::move(key)).first->second;
}

} // namespace sova::detail
