// Folding words to `lower` (stemmer input) and `term` (exact match), and stripping diacritics.
#include "tokenizers/fold.hpp"

#include <doctest/doctest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

using sova::detail::fold_word;
using sova::detail::strip_diacritics;

struct FoldRow {
    std::string_view input;
    std::string_view lower;
    std::string_view term;
};

const FoldRow fold_rows[] = {
    // ASCII fast path
    {"hello", "hello", "hello"},
    {"Hello", "hello", "hello"},
    {"HELLO", "hello", "hello"},
    {"don't", "don't", "don't"},
    {"don`t", "don't", "don't"}, // grave accent used as an apostrophe
    {"U.S.A", "u.s.a", "u.s.a"},
    {"42", "42", "42"},
    // Latin diacritics: kept in lower, removed in term
    {"Café", "café", "cafe"},
    {"Müller", "müller", "muller"},
    {"naïve", "naïve", "naive"},
    {"ÉLÈVE", "élève", "eleve"},
    {"ŁÓDŹ", "łódź", "lodz"},
    {"Øresund", "øresund", "oresund"},
    {"Æther", "æther", "aether"}, // ligatures are typed as two letters too: æ = ae, œ = oe
    {"ǅemal", "džemal", "dzemal"},
    {"İstanbul", "istanbul", "istanbul"}, // the dot above is a combining mark after case folding
    {"e\xCC\x81t\xC3\xA9", "été", "ete"}, // decomposed é (e + U+0301) composes under NFKC
    // NFKC: compatibility characters and case folding
    {"Straße", "strasse", "strasse"},
    {"ﬁnance", "finance", "finance"},
    {"ＡＢＣ", "abc", "abc"},
    {"Ⅻ", "xii", "xii"},
    // Greek
    {"ΣΟΦΊΑ", "σοφία", "σοφια"},
    {"οδός", "οδόσ", "οδοσ"}, // final sigma case-folds to σ
    // Cyrillic: ё -> е; stress marks removed; й ї є ґ ў kept distinct
    {"ёлка", "елка", "елка"},
    {"ЁЛКА", "елка", "елка"},
    {"е\xCC\x88лка", "елка", "елка"}, // decomposed ё (е + U+0308)
    {"Е\xCC\x88ЛКА", "елка", "елка"},
    {"за\xCC\x81мок", "замок", "замок"},    // за́мок with U+0301
    {"вёрсту\xCC\x81", "версту", "версту"}, // stress at the end
    {"Йогурт", "йогурт", "йогурт"},
    {"и\xCC\x86", "й", "й"}, // и + combining breve composes to й, is not stripped to и
    {"Їжак", "їжак", "їжак"},
    {"Європа", "європа", "європа"},
    {"Ґанок", "ґанок", "ґанок"},
    {"Київ", "київ", "київ"},
    {"ўсё", "ўсе", "ўсе"},
    // Apostrophes unified to U+0027
    {"п'ять", "п'ять", "п'ять"},
    {"п’ять", "п'ять", "п'ять"},  // U+2019
    {"пʼять", "п'ять", "п'ять"},  // U+02BC
    {"п‘ять", "п'ять", "п'ять"},  // U+2018
    {"п＇ять", "п'ять", "п'ять"}, // U+FF07
    {"О’Коннор", "о'коннор", "о'коннор"},
    {"l’école", "l'école", "l'ecole"},
    // CJK is left alone
    {"北京", "北京", "北京"},
    {"", "", ""},
};

struct StripRow {
    std::string_view input;
    std::string_view expected;
};

const StripRow strip_rows[] = {
    {"", ""},         {"cafe", "cafe"},     {"café", "cafe"},   {"élev", "elev"},
    {"müll", "mull"}, {"łódź", "lodz"},     {"σοφία", "σοφια"}, {"ёлка", "ёлка"}, // Cyrillic is never touched here
    {"їжак", "їжак"}, {"йогурт", "йогурт"}, {"北京", "北京"},   {"a'b", "a'b"},
};

} // namespace

TEST_CASE("fold_word: lower keeps accents, term drops them") {
    for (const FoldRow& row : fold_rows) {
        SUBCASE(std::string(row.input).c_str()) {
            std::string lower = "garbage", term = "garbage"; // outputs are overwritten, not appended to
            fold_word(row.input, lower, term);
            CHECK(lower == row.lower);
            CHECK(term == row.term);
        }
    }
}

TEST_CASE("fold_word: folding is idempotent") {
    for (const FoldRow& row : fold_rows) {
        SUBCASE(std::string(row.input).c_str()) {
            std::string lower, term, lower2, term2;
            fold_word(row.input, lower, term);
            fold_word(term, lower2, term2);
            CHECK(term2 == term);
            fold_word(lower, lower2, term2);
            CHECK(lower2 == lower);
            CHECK(term2 == term);
        }
    }
}

TEST_CASE("fold_word: the three apostrophes of Ukrainian give one term") {
    std::string lower, term;
    std::string terms[3];
    const std::string_view spellings[] = {"п'ять", "п’ять", "пʼять"};
    for (int i = 0; i < 3; ++i) {
        fold_word(spellings[i], lower, terms[i]);
    }
    CHECK(terms[0] == "п'ять");
    CHECK(terms[1] == terms[0]);
    CHECK(terms[2] == terms[0]);
}

TEST_CASE("fold_word: invalid UTF-8 does not crash and keeps the valid letters") {
    std::string lower, term;
    fold_word("Caf\xC3", lower, term);
    CHECK(lower.starts_with("caf"));
    CHECK(term.starts_with("caf"));
    fold_word("\xFF\xFE", lower, term);
    CHECK(lower.find('\xFF') == std::string::npos);
}

TEST_CASE("strip_diacritics: Latin and Greek only") {
    for (const StripRow& row : strip_rows) {
        SUBCASE(std::string(row.input).c_str()) {
            CHECK(strip_diacritics(row.input) == row.expected);
        }
    }
}

// The fast path for Cyrillic words must agree with ICU's NFKC_Casefold for every letter it takes.
TEST_CASE("fold_word: the Cyrillic fast path agrees with ICU NFKC_Casefold") {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    REQUIRE(U_SUCCESS(status));
    std::vector<UChar32> letters;
    for (UChar32 c = 0x0400; c <= 0x045F; ++c) letters.push_back(c);
    letters.push_back(0x0490);
    letters.push_back(0x0491);
    for (UChar32 c : letters) {
        icu::UnicodeString word = icu::UnicodeString::fromUTF32(&c, 1);
        word.insert(0, u"Ва").append(u"Б");
        std::string utf8;
        word.toUTF8String(utf8);
        icu::UnicodeString folded = nfkc_cf->normalize(word, status);
        REQUIRE(U_SUCCESS(status));
        folded.findAndReplace(u"ё", u"е");
        std::string expected;
        folded.toUTF8String(expected);
        std::string lower, term;
        fold_word(utf8, lower, term);
        CHECK_MESSAGE(lower == expected, "U+" << std::hex << c);
        CHECK(term == lower);
    }
}
