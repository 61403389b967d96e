// The language table: scripts, stemmer names, code normalisation and the language guesser.
#include "tokenizers/language.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace {

using sova::detail::LanguageGuesser;
using sova::detail::normalise_language_code;
using sova::detail::Script;
using sova::detail::script_code;
using sova::detail::script_for;
using sova::detail::script_of;
using sova::detail::script_of_word;
using sova::detail::stemmer_for;

struct ScriptRow {
    const char* name;
    char32_t c;
    std::string_view code; // script_code(script_of(c))
};

const ScriptRow script_rows[] = {
    {"a", U'a', "Latn"},
    {"Z", U'Z', "Latn"},
    {"digit", U'7', "Zyyy"},
    {"apostrophe", U'\'', "Zyyy"},
    {"space", U' ', "Zyyy"},
    {"@ (between Z and a)", U'@', "Zyyy"},
    {"[ (between Z and a)", U'[', "Zyyy"},
    {"é", U'é', "Latn"},
    {"ł", U'ł', "Latn"},
    {"Ж", U'Ж', "Cyrl"},
    {"ї", U'ї', "Cyrl"},
    {"Ω", U'Ω', "Grek"},
    {"中", U'中', "Hani"},
    {"あ", U'あ', "Kana"},
    {"カ", U'カ', "Kana"},
    {"가", U'가', "Hang"},
    {"א", U'א', "Hebr"},
    {"ع", U'ع', "Arab"},
    {"ก", U'ก', "Thai"},
    {"Ա", U'Ա', "Armn"},
    {"ა", U'ა', "Geor"},
    {"क", U'क', "Deva"},
    {"combining acute (inherited)", U'\u0301', "Zyyy"},
    {"modifier apostrophe U+02BC", U'\u02BC', "Zyyy"},
    {"Tamil", U'த', "Zzzz"},
};

struct WordScriptRow {
    std::string_view word;
    std::string_view code;
};

const WordScriptRow word_script_rows[] = {
    {"", "Zyyy"},         {"123", "Zyyy"},       {"abc", "Latn"},   {"123abc", "Latn"},
    {"'ять", "Cyrl"},     {"київ", "Cyrl"},      {"σοφια", "Grek"}, {"北京", "Hani"},
    {"2023北京", "Hani"}, {"kyiv-київ", "Latn"}, // the first letter decides
};

struct CodeRow {
    std::string_view given;
    std::string_view normalised;
};

const CodeRow code_rows[] = {
    {"en", "en"},  {"EN", "en"}, {"en-GB", "en"}, {"en_US", "en"}, {"zh-Hant-TW", "zh"}, {"uk", "uk"},  {"ua", "uk"},
    {"ukr", "uk"}, {"UA", "uk"}, {"rus", "ru"},   {"eng", "en"},   {"deu", "de"},        {"ger", "de"}, {"fra", "fr"},
    {"fre", "fr"}, {"nb", "no"}, {"nn", "no"},    {"xx", "xx"}, // looks like a code: kept (no stemmer)
    {"", ""},      {"e", ""},    {"english", ""}, {"-en", ""},     {"e1", ""},           {"en gb", ""}, {"укр", ""},
};

struct StemmerRow {
    std::string_view lang;
    std::string_view stemmer;
};

const StemmerRow stemmer_rows[] = {
    {"en", "english"}, {"ru", "russian"},    {"de", "german"}, {"fr", "french"},  {"es", "spanish"},
    {"it", "italian"}, {"pt", "portuguese"}, {"nl", "dutch"},  {"sv", "swedish"}, {"fi", "finnish"},
    {"tr", "turkish"}, {"ar", "arabic"},     {"uk", ""},       {"pl", ""},        {"zh", ""},
    {"ja", ""},        {"xx", ""},           {"", ""},         {"EN", ""}, // codes must be normalised first
};

// Feeds every space-separated word of `text` (all of one script) to a guesser.
std::string guess(std::string_view text, Script script) {
    LanguageGuesser guesser;
    while (!text.empty()) {
        std::size_t space = text.find(' ');
        std::string_view word = text.substr(0, space);
        if (!word.empty()) guesser.add(word, word, script);
        if (space == std::string_view::npos) break;
        text.remove_prefix(space + 1);
    }
    return guesser.guess();
}

} // namespace

TEST_CASE("script_of: the script of a code point") {
    for (const ScriptRow& row : script_rows) {
        SUBCASE(row.name) {
            CHECK(script_code(script_of(row.c)) == row.code);
        }
    }
}

TEST_CASE("script_of_word: the script of the first letter that has one") {
    for (const WordScriptRow& row : word_script_rows) {
        SUBCASE(std::string(row.word).c_str()) {
            CHECK(script_code(script_of_word(row.word)) == row.code);
        }
    }
}

TEST_CASE("script_code: ISO 15924 codes") {
    CHECK(script_code(Script::common) == "Zyyy");
    CHECK(script_code(Script::latin) == "Latn");
    CHECK(script_code(Script::cyrillic) == "Cyrl");
    CHECK(script_code(Script::greek) == "Grek");
    CHECK(script_code(Script::han) == "Hani");
    CHECK(script_code(Script::other) == "Zzzz");
}

TEST_CASE("normalise_language_code") {
    for (const CodeRow& row : code_rows) {
        SUBCASE(std::string(row.given).c_str()) {
            CHECK(normalise_language_code(row.given) == row.normalised);
        }
    }
}

TEST_CASE("stemmer_for: Snowball names (Ukrainian has none)") {
    for (const StemmerRow& row : stemmer_rows) {
        SUBCASE(std::string(row.lang).c_str()) {
            CHECK(stemmer_for(row.lang) == row.stemmer);
        }
    }
}

TEST_CASE("script_for: the script a language is written in") {
    CHECK(script_for("en") == Script::latin);
    CHECK(script_for("uk") == Script::cyrillic);
    CHECK(script_for("ru") == Script::cyrillic);
    CHECK(script_for("el") == Script::greek);
    CHECK(script_for("zh") == Script::han);
    CHECK(script_for("ja") == Script::kana);
    CHECK(script_for("xx") == Script::latin); // unknown
}

TEST_CASE("LanguageGuesser: evidence from scripts, letters and function words") {
    SUBCASE("nothing fed") {
        LanguageGuesser guesser;
        CHECK(guesser.words() == 0);
        CHECK(guesser.guess() == "");
    }
    SUBCASE("only words without a script") {
        LanguageGuesser guesser;
        guesser.add("2023", "2023", Script::common);
        guesser.add("42", "42", Script::common);
        CHECK(guesser.words() == 2);
        CHECK(guesser.guess() == "");
    }
    SUBCASE("English function words") {
        CHECK(guess("the cat and the dog were in the garden", Script::latin) == "en");
    }
    SUBCASE("German function words and umlauts") {
        CHECK(guess("der hund und die katze sind nicht über dem haus", Script::latin) == "de");
    }
    SUBCASE("French function words and accents") {
        CHECK(guess("le chat et les chiens dans la maison pour été", Script::latin) == "fr");
    }
    SUBCASE("Russian letters ы э ъ") {
        CHECK(guess("мы были в этом доме", Script::cyrillic) == "ru");
    }
    SUBCASE("Ukrainian letters і ї є ґ") {
        CHECK(guess("ми були в їхньому домі є ґанок", Script::cyrillic) == "uk");
    }
    SUBCASE("the majority script decides") {
        CHECK(guess("北京 上海 广州", Script::han) == "zh");
    }
    SUBCASE("Han with a real share of kana is Japanese") {
        LanguageGuesser guesser;
        for (int i = 0; i < 5; ++i) guesser.add("東京", "東京", Script::han);
        guesser.add("で", "で", Script::kana);
        CHECK(guesser.guess() == "ja");
    }
}

TEST_CASE("detect_language_cld2: reliable verdicts on paragraphs, silence on scraps") {
    using sova::detail::detect_language_cld2;
    struct Row {
        const char* lang;
        const char* text;
    };
    const Row rows[] = {
        {"uk", "Енергетики відновили живлення в більшості районів міста після нічної атаки дронів, але графіки "
               "відключень діятимуть щонайменше до кінця тижня, повідомили в обласній адміністрації."},
        {"ru", "Энергетики восстановили электроснабжение в большинстве районов города после ночной атаки дронов, "
               "однако графики отключений будут действовать как минимум до конца недели."},
        {"pl", "Energetycy przywrócili zasilanie w większości dzielnic miasta po nocnym ataku dronów, ale "
               "harmonogramy wyłączeń będą obowiązywać co najmniej do końca tygodnia."},
        {"it", "I tecnici hanno ripristinato la corrente nella maggior parte dei quartieri della città dopo "
               "l'attacco notturno dei droni, ma i blackout programmati continueranno fino alla fine della settimana."},
        {"de", "Die Techniker haben die Stromversorgung in den meisten Stadtteilen nach dem nächtlichen "
               "Drohnenangriff wiederhergestellt, doch die geplanten Abschaltungen dauern bis zum Ende der Woche."},
    };
    for (const Row& row : rows) {
        SUBCASE(row.lang) {
            CHECK(detect_language_cld2(row.text) == row.lang);
        }
    }
    CHECK(detect_language_cld2("Kyiv") == "");
    CHECK(detect_language_cld2("") == "");
    CHECK(detect_language_cld2("12345 67 890") == "");
}
