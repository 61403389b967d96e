// Snowball stems via Xapian, per language, with diacritics stripped from the result.
#include "tokenizers/stemmer.hpp"

#include "tokenizers/analyzer.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using sova::detail::Stemmers;

struct Row {
    std::string_view lang;
    std::string_view lower; // a fold_word `lower` form
    std::string_view stem;
};

const Row rows[] = {
    {"en", "running", "run"},
    {"en", "runners", "runner"},
    {"en", "quickly", "quick"},
    {"en", "connections", "connect"},
    {"en", "the", "the"},
    {"de", "häuser", "haus"}, // Snowball sees the umlaut; the result is stripped
    {"de", "strassen", "strass"},
    {"fr", "élèves", "elev"},
    {"fr", "étudiaient", "etudi"},
    {"ru", "книги", "книг"},
    {"ru", "городами", "город"},
    {"ru", "елка", "елк"},
    {"ru", "кошками", "кошк"},
    {"es", "canciones", "cancion"},
    // Ukrainian: Hunspell (uk_UA) lemmas; of several readings the one closest to the word
    {"uk", "містами", "місто"},
    {"uk", "київ", "київ"},  // not кий (a cue), though Hunspell offers both
    {"uk", "києва", "київ"}, // known only capitalised: Києва
    {"uk", "києві", "київ"},
    {"uk", "енергетики", "енергетика"},
    {"uk", "п'ять", "п'ять"},
    {"uk", "шахедів", ""}, // not in the dictionary: no stem, exact terms still match
    // No stemmer: unknown or empty codes, empty words
    {"xx", "words", ""},
    {"", "words", ""},
    {"en", "", ""},
};

} // namespace

TEST_CASE("Stemmers::stem: Snowball or Hunspell stem of lower, diacritics stripped") {
    Stemmers stemmers;
    for (const Row& row : rows) {
        SUBCASE((std::string(row.lang) + ": " + std::string(row.lower)).c_str()) {
            CHECK(stemmers.stem(row.lang, row.lower) == row.stem);
        }
    }
}

TEST_CASE("Stemmers::stem: cached results are the same as fresh ones") {
    Stemmers stemmers;
    const std::string first(stemmers.stem("en", "running"));
    CHECK(stemmers.stem("en", "running") == first);
    CHECK(stemmers.stem("en", "runs") == "run");
    // A language is looked up per call: the same word in another language stems differently.
    CHECK(stemmers.stem("fr", "élèves") == "elev");
    CHECK(stemmers.stem("uk", "élèves") == "");
    CHECK(stemmers.stem("en", "running") == "run");
}

TEST_CASE("Stemmers::has_stemmer") {
    CHECK(Stemmers::has_stemmer("en"));
    CHECK(Stemmers::has_stemmer("ru"));
    CHECK(Stemmers::has_stemmer("de"));
    CHECK(Stemmers::has_stemmer("fr"));
    CHECK(Stemmers::has_stemmer("uk")); // through Hunspell
    CHECK_FALSE(Stemmers::has_stemmer("zh"));
    CHECK_FALSE(Stemmers::has_stemmer(""));
    CHECK_FALSE(Stemmers::has_stemmer("xx"));
}

TEST_CASE("Stemmers::stem: Hunspell prefers the word itself when it is one of the readings") {
    Stemmers stemmers;
    CHECK(stemmers.stem("uk", "замок") == "замок"); // not the verb замокти
    CHECK(stemmers.stem("uk", "енергетики") == "енергетика");
}

TEST_CASE("Stemmers::stems: a lower-case lemma has no other reading: a case form keeps a place's") {
    Stemmers stemmers;
    using Stems = std::vector<std::string_view>;
    // Hunspell also reads вона as the genitive of the surname Вон, була as a form of булий.
    CHECK(stemmers.stems("uk", "вона") == Stems{"вона"});
    CHECK(stemmers.stems("uk", "була") == Stems{"була"});
    // львові is no lower-case word: Львів (and the dictionary's other capitalised readings).
    const Stems lviv = stemmers.stems("uk", "львові");
    CHECK(std::find(lviv.begin(), lviv.end(), "львів") != lviv.end());
    // київ is a form of кий (a cue) in lower case: the city's reading stays first.
    CHECK(stemmers.stems("uk", "київ") == Stems{"київ", "кий"});
}

namespace {

// The bytes of the first UTF-8 character of `s`.
std::string_view first_letter(std::string_view s) {
    if (s.empty()) return s;
    const auto lead = static_cast<unsigned char>(s[0]);
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
    return s.substr(0, length);
}

} // namespace

TEST_CASE("stems_keep_first_letter: every stem starts with its word's first letter where it says so") {
    using sova::detail::stems_keep_first_letter;
    sova::detail::Analyzer analyzer;
    std::vector<sova::detail::Word> words;
    int checked = 0;
    auto check = [&](std::string_view lang, std::string_view text) {
        REQUIRE(stems_keep_first_letter(lang));
        words.clear();
        analyzer.words(text, words);
        for (const auto& word : words)
            for (std::string_view stem : analyzer.stems(lang, word)) {
                ++checked;
                CHECK_MESSAGE(first_letter(stem) == first_letter(word.term), lang, ": ", word.term, " -> ", stem);
            }
    };
    // Words whose first letter a stemmer or folding might touch: accents, ligatures, umlauts,
    // ß, initial y, apostrophes, one-letter words.
    check("en", "Yelling yourself yes y 'tis o'clock Œuvres Ærial Éclairs élite skies dying news ies");
    check("de", "Häuser Ärzte Überall Öfen ßx Straßen gegangen Gebäude Yachten");
    check("fr", "Œuvres États Élèves hôpitaux Îles yeux Ys à l'école qu'il");
    check("es", "Niños Árboles Ñandúes ejércitos");
    check("it", "Città Èra università Ypsilon");
    check("pt", "Ações Órgãos Índios Ãngulo");
    check("nl", "IJsbergen Ëgenaars Ypen Gelopen");
    check("sv", "Åkrarna Ängarna Öarna");
    check("da", "Ærøs Øerne Åerne");
    check("no", "Øyene Ærlige Åkrene");
    check("fi", "Äidit Öljyt Yöt");
    check("hu", "Ágyak Ötletek Űrhajók Ünnepek");
    check("ro", "Școlile Țările Înainte Ăștia Ânii");
    check("ca", "Àvies Òperes Cançons L'Escola");
    check("ru", "Ёлки Ёжики Йогурты Эхом Юности Ясности Ъ Ь");
    // And every word of the bundled sample in its own language (English, Russian).
    std::ifstream sample(std::string(SOVA_SAMPLE_DIR) + "/news.jsonl");
    for (std::string line; std::getline(sample, line);) {
        if (line.find("\"lang\": \"en\"") != std::string::npos) check("en", line);
        if (line.find("\"lang\": \"ru\"") != std::string::npos) check("ru", line);
    }
    CHECK(checked > 5000);
    // Dictionaries (a lemma may start otherwise), prefix-removing Snowball stemmers, no stemmer.
    for (std::string_view lang : {"uk", "id", "ga", "ar", "ta", "xx", ""}) CHECK_FALSE(stems_keep_first_letter(lang));
}
