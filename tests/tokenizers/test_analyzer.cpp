// The analysis pipeline as index and query see it: golden tokens (term, stem, position, byte
// offsets) per language, language detection, and robustness against bad input.
#include "tokenizers/analyzer.hpp"

#include <sova/analysis.hpp>

#include "tests/support/tokens.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using sova::detail::Analyzer;
using sova::detail::Script;
using sova::detail::thread_analyzer;
using sova::detail::Word;
using sova::detail::WordKind;

using sova::test::render;

struct Row {
    const char* name;
    std::string_view text;
    std::string_view lang; // "" = detect
    std::string_view expected;
};

// Byte offsets: Cyrillic, Greek and accented Latin letters take 2 bytes, CJK and U+2019 3,
// a combining accent 2.
const Row golden[] = {
    {"empty", "", "en", ""},
    {"punctuation only", "  ,.;!?  — ", "en", ""},
    {"English stems", "The runners were running quickly", "en",
     "the/the@1[0,3) runners/runner@2[4,11) were/were@3[12,16) running/run@4[17,24) quickly/quick@5[25,32)"},
    {"Latin accents dropped from term and stem", "Café Müller", "en", "cafe/cafe@1[0,5) muller/muller@2[6,13)"},
    {"German: umlauts and ß", "Die Häuser und Straßen", "de",
     "die/die@1[0,3) hauser/haus@2[4,11) und/und@3[12,15) strassen/strass@4[16,24)"},
    {"French: accents, elision stays one word", "Les élèves étudiaient à l'école", "fr",
     "les/le@1[0,3) eleves/elev@2[4,12) etudiaient/etudi@3[13,24) a/a@4[25,27) ecole/ecol@5[30,36)"},
    {"Russian: ё folded, stress removed", "Ёлка за\xCC\x81мок", "ru", "елка/елк@1[0,8) замок/замок@2[9,21)"},
    {"Russian stems", "Книги о городами", "ru", "книги/книг@1[0,10) о/о@2[11,13) городами/город@3[14,30)"},
    {"Ukrainian apostrophes: one word, one term, no stem", "п’ять п'ять пʼять", "uk",
     "п'ять/п'ять@1[0,11) п'ять/п'ять@2[12,21) п'ять/п'ять@3[22,32)"},
    {"Ukrainian letters kept distinct", "Йогурт Їжак Єнот Ґанок", "uk",
     "йогурт/йогурт@1[0,12) їжак/їжак@2[13,21) єнот/єнот@3[22,30) ґанок/ґанок@4[31,41)"},
    {"Ukrainian sentence with a dash", "Київ — столиця України", "uk",
     "київ/київ@1[0,8) столиця/столиця@2[13,27) україни/україна@3[28,42)"},
    {"numbers are tokens without stems", "In 2023, 1,500 people paid 3.5 euros", "en",
     "in/in@1[0,2) 2023/@2[3,7) 1,500/@3[9,14) people/peopl@4[15,21) paid/paid@5[22,26) 3.5/@6[27,30) "
     "euros/euro@7[31,36)"},
    {"Chinese dictionary segmentation, no stems", "我们在北京大学学习中文", "",
     "我们/@1[0,6) 在/@2[6,9) 北京/@3[9,15) 大学/@4[15,21) 学习/@5[21,27) 中文/@6[27,33)"},
    {"NFKC: full width and ligatures", "ＡＢＣ ﬁnance", "en", "abc/abc@1[0,9) finance/financ@2[10,18)"},
    {"Greek, no stemmer", "Η ΟΔΌΣ", "el", "η/@1[0,2) οδοσ/@2[3,11)"},
    {"mixed scripts keep their own forms", "Kyiv Київ Киев", "en",
     "kyiv/kyiv@1[0,4) київ/київ@2[5,13) киев/киев@3[14,22)"},
    // Offsets then refer to the repaired text: each bad byte became 3 bytes of U+FFFD.
    {"invalid UTF-8 repaired", "bad \xFF\xFE byte", "en", "bad/bad@1[0,3) byte/byte@2[11,15)"},
};

struct LanguageRow {
    const char* name;
    std::string_view text;
    std::string_view lang;
};

const LanguageRow languages[] = {
    {"uk 1", "Сьогодні в Києві пройшла зустріч, на якій обговорили розвиток міста та його майбутнє.", "uk"},
    {"ru 1", "Сегодня в Москве прошла встреча, на которой обсудили развитие города и его будущее.", "ru"},
    {"uk 2", "Уряд ухвалив рішення про підвищення мінімальної заробітної плати з наступного року.", "uk"},
    {"ru 2", "Правительство приняло решение о повышении минимальной заработной платы со следующего года.", "ru"},
    {"uk 3", "Він сказав, що вона вже була там, але вони також прийшли.", "uk"},
    {"ru 3", "Он сказал, что она уже была там, но они тоже пришли.", "ru"},
    {"en 1", "The council met on Tuesday to discuss the future of the city and its transport network.", "en"},
    {"en 2", "Scientists have discovered a new species of frog in the rainforest of Ecuador.", "en"},
    {"de 1", "Der Stadtrat hat sich am Dienstag getroffen, um über die Zukunft der Stadt zu sprechen.", "de"},
    {"de 2", "Die Regierung hat beschlossen, den Mindestlohn im nächsten Jahr zu erhöhen.", "de"},
    {"fr 1", "Le conseil municipal s'est réuni mardi pour discuter de l'avenir de la ville et des transports.", "fr"},
    {"fr 2", "Le gouvernement a décidé d'augmenter le salaire minimum pour les travailleurs.", "fr"},
    {"zh", "北京大学的学生在学习", "zh"},
    {"ja", "東京で会議が開かれました", "ja"},
    {"empty", "", ""},
    {"numbers only", "12345 678 3.14", ""},
    {"punctuation only", "... !!! ???", ""},
};

// A fixed-seed byte soup: mostly invalid UTF-8, some ASCII and Cyrillic lead bytes.
std::string byte_soup(std::size_t size) {
    std::string out(size, '\0');
    std::uint32_t state = 12345;
    for (char& ch : out) {
        state = state * 1103515245u + 12345u;
        ch = static_cast<char>((state >> 16) & 0xFF);
    }
    return out;
}

} // namespace

TEST_CASE("sova::analyze: golden tokens") {
    for (const Row& row : golden) {
        SUBCASE(row.name) {
            sova::Analysis analysis = sova::analyze(row.text, row.lang);
            CHECK(render(analysis.tokens) == row.expected);
        }
    }
}

TEST_CASE("sova::analyze: surface forms, scripts and the language used") {
    sova::Analysis a = sova::analyze("Café за́мок 42 北京", "EN-gb");
    CHECK(a.lang == "en");
    CHECK_FALSE(a.lang_detected);
    CHECK(a.invalid_utf8 == 0);
    REQUIRE(a.tokens.size() == 4);
    CHECK(a.tokens[0].surface == "Café");
    CHECK(a.tokens[0].script == "Latn");
    CHECK(a.tokens[1].surface == "за́мок");
    CHECK(a.tokens[1].term == "замок");
    CHECK(a.tokens[1].script == "Cyrl");
    CHECK(a.tokens[2].surface == "42");
    CHECK(a.tokens[2].script == "Zyyy");
    CHECK(a.tokens[2].stem.empty());
    CHECK(a.tokens[3].surface == "北京");
    CHECK(a.tokens[3].script == "Hani");
    CHECK(a.tokens[3].stem.empty());
    // Offsets always cut the surface out of the input.
    for (const auto& t : a.tokens)
        CHECK(std::string_view("Café за́мок 42 北京").substr(t.begin, t.end - t.begin) == t.surface);
}

TEST_CASE("sova::analyze: the language is detected when not given or not a code") {
    const std::string_view text = "The council met on Tuesday to discuss the future of the city.";
    SUBCASE("empty") {
        sova::Analysis a = sova::analyze(text);
        CHECK(a.lang == "en");
        CHECK(a.lang_detected);
        REQUIRE_FALSE(a.tokens.empty());
        CHECK(a.tokens[2].term == "met");
    }
    SUBCASE("not a language code") {
        sova::Analysis a = sova::analyze(text, "english");
        CHECK(a.lang == "en");
        CHECK(a.lang_detected);
    }
    SUBCASE("given, even when wrong, is used for stemming") {
        sova::Analysis a = sova::analyze("книги", "uk");
        CHECK(a.lang == "uk");
        CHECK_FALSE(a.lang_detected);
        REQUIRE(a.tokens.size() == 1);
        CHECK(a.tokens[0].stem == "книга"); // Hunspell's Ukrainian dictionary
        CHECK(sova::analyze("книги", "ru").tokens[0].stem == "книг");
    }
    SUBCASE("detected Ukrainian: stemmed with Hunspell") {
        sova::Analysis a = sova::analyze("Він сказав, що вона вже була там, але вони також прийшли.");
        CHECK(a.lang == "uk");
        REQUIRE(a.tokens.size() == 11);
        CHECK(a.tokens[1].stem == "сказати");
        CHECK(a.tokens[10].stem == "прийти");
    }
    SUBCASE("nothing to detect from") {
        sova::Analysis a = sova::analyze("2023 42");
        CHECK(a.lang == "");
        CHECK(a.lang_detected);
        CHECK(render(a.tokens) == "2023/@1[0,4) 42/@2[5,7)");
    }
}

TEST_CASE("sova::analyze: invalid UTF-8 is replaced, counted and never crashes") {
    SUBCASE("counted") {
        sova::Analysis a = sova::analyze("caf\xC3 ok \xFF", "en");
        CHECK(a.invalid_utf8 == 2);
        CHECK(render(a.tokens) == "caf/caf@1[0,3) ok/ok@2[7,9)");
        CHECK(a.tokens[0].surface == "caf");
    }
    SUBCASE("byte soup") {
        const std::string soup = byte_soup(1 << 16);
        sova::Analysis a = sova::analyze(soup);
        CHECK(a.invalid_utf8 > 0);
        CHECK(a.tokens.size() > 100);
        std::uint32_t previous = 0;
        std::size_t bad = 0;
        for (const auto& t : a.tokens) {
            if (t.position != previous + 1 || t.begin >= t.end || t.term.empty() ||
                t.term.size() > sova::detail::max_term_bytes)
                ++bad;
            previous = t.position;
        }
        CHECK(bad == 0);
        CHECK_NOTHROW((void)sova::detect_language(soup));
    }
}

TEST_CASE("sova::detect_language: ordinary sentences") {
    for (const LanguageRow& row : languages) {
        SUBCASE(row.name) {
            CHECK(sova::detect_language(row.text) == row.lang);
        }
    }
}

TEST_CASE("sova::detect_language: a long text cut inside a character") {
    // detect_language looks at the first 16 KiB; make that cut fall inside a 2-byte letter.
    std::string text;
    for (std::size_t pad = 0; pad < 8; ++pad) {
        text.assign(pad, 'x');
        text += ' ';
        while (text.size() < 20000) text += "был ";
        if (static_cast<unsigned char>(text[16383]) == 0xD0 || static_cast<unsigned char>(text[16383]) == 0xD1) break;
    }
    REQUIRE((static_cast<unsigned char>(text[16383]) & 0xE0) == 0xC0); // a lead byte: the cut splits it
    CHECK(sova::detect_language(text) == "ru");
}

TEST_CASE("Analyzer::words: positions, offsets, forms and kinds") {
    Analyzer& analyzer = thread_analyzer();
    std::vector<Word> words;
    analyzer.words("Café 42 北京", words, 103);
    REQUIRE(words.size() == 3);
    CHECK(words[0].position == 103);
    CHECK(words[0].lower == "café");
    CHECK(words[0].term == "cafe");
    CHECK(words[0].kind == WordKind::letters);
    CHECK(words[0].script == Script::latin);
    CHECK(words[1].position == 104);
    CHECK(words[1].kind == WordKind::number);
    CHECK(words[1].script == Script::common);
    CHECK(words[2].position == 105);
    CHECK(words[2].kind == WordKind::ideographic);
    CHECK(words[2].script == Script::han);
    CHECK(words[2].begin == 9);
    CHECK(words[2].end == 15);

    SUBCASE("words are appended, not replaced") {
        analyzer.words("more", words);
        REQUIRE(words.size() == 4);
        CHECK(words[3].term == "more");
        CHECK(words[3].position == 1);
    }
    SUBCASE("stems: letters only") {
        CHECK(analyzer.stem("en", words[0]) == "cafe");
        CHECK(analyzer.stem("en", words[1]) == "");
        CHECK(analyzer.stem("en", words[2]) == "");
        CHECK(analyzer.stems("en", std::string_view("running")) == std::vector<std::string_view>{"run"});
    }
}

TEST_CASE("Analyzer::words: over-long words are dropped without using a position") {
    Analyzer& analyzer = thread_analyzer();
    const std::string limit(sova::detail::max_term_bytes, 'a');
    const std::string over(sova::detail::max_term_bytes + 1, 'b');
    std::string cyrillic_over; // 61 letters, 122 bytes: the limit is in bytes
    for (int i = 0; i < 61; ++i) cyrillic_over += "ж";
    std::vector<Word> words;
    analyzer.words("x " + limit + " " + over + " " + cyrillic_over + " y", words);
    REQUIRE(words.size() == 3);
    CHECK(words[0].term == "x");
    CHECK(words[1].term == limit);
    CHECK(words[1].position == 2);
    CHECK(words[2].term == "y");
    CHECK(words[2].position == 3);
}

TEST_CASE("Analyzer::detect_language ignores numbers") {
    Analyzer& analyzer = thread_analyzer();
    const std::string text = "1 2 3 4 5 6 7 8 9 10 Київ";
    std::vector<Word> words;
    analyzer.words(text, words);
    CHECK(analyzer.detect_language(text, words) == "uk");
}

TEST_CASE("thread_analyzer: one per thread") {
    Analyzer* here = &thread_analyzer();
    CHECK(&thread_analyzer() == here);
    Analyzer* there = nullptr;
    std::string term;
    std::thread worker([&] {
        there = &thread_analyzer();
        std::vector<Word> words;
        there->words("Ёлка", words);
        if (!words.empty()) term = words[0].term;
    });
    worker.join();
    CHECK(there != nullptr);
    CHECK(there != here);
    CHECK(term == "елка");
}

TEST_CASE("sova::analyze: elided French and Italian articles are dropped, English contractions kept") {
    struct Row {
        const char* text;
        const char* lang;
        const char* expected;
    };
    const Row rows[] = {
        {"l'Hôtel", "fr", "hotel/hotel@1[2,8)"},
        {"l’Hôtel", "fr", "hotel/hotel@1[4,10)"},
        {"jusqu'à d'Europe", "fr", "a/a@1[6,8) europe/europ@2[11,17)"},
        {"dell'anno", "it", "anno/anno@1[5,9)"},
        {"don't it's", "en", "don't/don't@1[0,5) it's/it@2[6,10)"},
        {"O'Brien", "en", "o'brien/o'brien@1[0,7)"},
    };
    for (const Row& row : rows) {
        SUBCASE(row.text) {
            CHECK(render(sova::analyze(row.text, row.lang).tokens) == row.expected);
        }
    }
}

// Found by the analyser fuzzer: "ŉ" (U+0149) folds to "ʼn", so "nŉ" folds to "n'n", which looked
// like an elided "n'" — but the surface has no apostrophe there, and the word came out empty.
TEST_CASE("regression: fuzz: an apostrophe from a decomposed letter is not an elision") {
    auto tokens = sova::analyze("n\xC5\x89 x", "fr").tokens;
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[0].surface == "n\xC5\x89");
    CHECK(tokens[0].term == "n'n");
    CHECK(tokens[0].begin == 0);
    CHECK(tokens[0].end == 3);
}
