#include "tokenizers/fold.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <stdexcept>

namespace sova::detail {

namespace {

// Latin and Greek letters in U+0000..U+1FFF mapped to their base letter; 0 means unchanged.
class DiacriticTable {
public:
    DiacriticTable() {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
        if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot load NFD data");
        for (UChar32 c = 0xC0; c < static_cast<UChar32>(m_base.size()); ++c) {
            UErrorCode err = U_ZERO_ERROR;
            UScriptCode script = uscript_getScript(c, &err);
            if (U_FAILURE(err) || (script != USCRIPT_LATIN && script != USCRIPT_GREEK)) continue;
            icu::UnicodeString decomposition;
            if (nfd->getDecomposition(c, decomposition) && decomposition.length() > 0) {
                UChar32 base = decomposition.char32At(0);
                if (base != c) m_base[static_cast<std::size_t>(c)] = static_cast<char32_t>(base);
            }
        }
        // Letters with a stroke or bar have no canonical decomposition but read as their base.
        const std::pair<char32_t, char32_t> extra[] = {{U'ł', U'l'}, {U'đ', U'd'}, {U'ø', U'o'}, {U'ı', U'i'},
                                                       {U'ħ', U'h'}, {U'ŧ', U't'}, {U'ŀ', U'l'}, {U'ƀ', U'b'},
                                                       {U'ɨ', U'i'}, {U'ƶ', U'z'}};
        for (auto [from, to] : extra) m_base[from] = to;
    }
    char32_t base(UChar32 c) const {
        if (c < 0 || static_cast<std::size_t>(c) >= m_base.size()) return 0;
        return m_base[static_cast<std::size_t>(c)];
    }

private:
    std::array<char32_t, 0x2000> m_base{};
};

const DiacriticTable& diacritics() {
    static const DiacriticTable table;
    return table;
}

const icu::Normalizer2& nfkc_casefold() {
    static const icu::Normalizer2* instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
        if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot load NFKC_Casefold data");
        return n;
    }();
    return *instance;
}

void append_utf8(std::string& out, UChar32 c) {
    char buffer[U8_MAX_LENGTH];
    std::int32_t length = 0;
    UBool error = false;
    U8_APPEND(buffer, length, U8_MAX_LENGTH, c, error);
    (void)error; // cannot fail: the buffer holds any code point
    out.append(buffer, static_cast<std::size_t>(length));
}

bool is_apostrophe(UChar32 c) {
    return c == 0x2019 || c == 0x02BC || c == 0x2018 || c == 0xFF07 || c == 0x0060 || c == 0x02B9;
}

bool is_ascii(std::string_view s) {
    for (char ch : s)
        if (static_cast<unsigned char>(ch) >= 0x80) return false;
    return true;
}

// Lower-cases a word made only of ASCII, basic Cyrillic (U+0400..U+045F, Ґґ) and apostrophes
// without ICU: the common case of Russian and Ukrainian text, where NFKC changes nothing but
// case. Returns false (having written nothing useful) for anything else.
bool fold_simple_cyrillic(std::string_view word, std::string& lower) {
    const auto* s = reinterpret_cast<const std::uint8_t*>(word.data());
    const auto length = static_cast<std::int32_t>(word.size());
    lower.reserve(word.size());
    for (std::int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) return false; // invalid UTF-8: the general path replaces nothing and drops it
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z')
                c += 'a' - 'A';
            else if (c == '`')
                c = '\'';
            lower.push_back(static_cast<char>(c));
            continue;
        }
        if (c >= 0x0410 && c <= 0x042F)
            c += 0x20; // А..Я -> а..я
        else if (c >= 0x0400 && c <= 0x040F)
            c += 0x50; // Ѐ..Џ (Ё, Є, І, Ї, ...) -> ѐ..џ
        else if (c == 0x0490)
            c = 0x0491; // Ґ -> ґ
        else if (is_apostrophe(c))
            c = '\'';
        else if (!((c >= 0x0430 && c <= 0x045F) || c == 0x0491))
            return false;
        if (c == 0x0451) c = 0x0435; // ё -> е
        if (c < 0x80) {
            lower.push_back(static_cast<char>(c));
        } else { // two bytes in UTF-8 for everything up to U+07FF
            lower.push_back(static_cast<char>(0xC0 | (c >> 6)));
            lower.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
    return true;
}

} // namespace

void fold_word(std::string_view word, std::string& lower, std::string& term) {
    fold_word_compact(word, lower, term);
    if (lower.empty()) lower = term;
}

void fold_word_compact(std::string_view word, std::string& lower, std::string& term) {
    lower.clear();
    term.clear();
    if (is_ascii(word)) {
        term.reserve(word.size());
        for (char ch : word) {
            if (ch >= 'A' && ch <= 'Z')
                ch = static_cast<char>(ch - 'A' + 'a');
            else if (ch == '`')
                ch = '\'';
            term.push_back(ch);
        }
        return;
    }
    if (fold_simple_cyrillic(word, term)) return;
    term.clear();

    std::string normalised;
    {
        icu::StringByteSink<std::string> sink(&normalised, static_cast<std::int32_t>(word.size()));
        UErrorCode status = U_ZERO_ERROR;
        nfkc_casefold().normalizeUTF8(0, icu::StringPiece(word.data(), static_cast<std::int32_t>(word.size())), sink,
                                      nullptr, status);
        if (U_FAILURE(status)) normalised.assign(word);
    }

    const auto* s = reinterpret_cast<const std::uint8_t*>(normalised.data());
    const auto length = static_cast<std::int32_t>(normalised.size());
    const DiacriticTable& table = diacritics();
    lower.reserve(normalised.size());
    term.reserve(normalised.size());
    for (std::int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) continue;
        if (c >= 0x0300 && c <= 0x036F) continue; // stray combining marks: stress, leftover accents
        if (c == 0x0451) c = 0x0435;              // ё -> е
        if (is_apostrophe(c)) c = '\'';
        if (c < 0x80) {
            lower.push_back(static_cast<char>(c));
            term.push_back(static_cast<char>(c));
            continue;
        }
        append_utf8(lower, c);
        if (c == 0x0153 || c == 0x00E6) { // œ, æ: the ligatures readers also type as oe, ae
            term += c == 0x0153 ? "oe" : "ae";
            continue;
        }
        char32_t base = table.base(c);
        append_utf8(term, base ? static_cast<UChar32>(base) : c);
    }
    if (lower == term) lower.clear();
}

std::string strip_diacritics(std::string_view folded) {
    if (is_ascii(folded)) return std::string(folded);
    std::string out;
    out.reserve(folded.size());
    const auto* s = reinterpret_cast<const std::uint8_t*>(folded.data());
    const auto length = static_cast<std::int32_t>(folded.size());
    const DiacriticTable& table = diacritics();
    for (std::int32_t i = 0; i < length;) {
        const std::int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) continue;
        if (c == 0x0153 || c == 0x00E6)
            out += c == 0x0153 ? "oe" : "ae";
        else if (char32_t base = table.base(c))
            append_utf8(out, static_cast<UChar32>(base));
        else
            out.append(folded, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
    }
    return out;
}

} // namespace sova::detail
