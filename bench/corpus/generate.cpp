// sova_corpus_generate: a deterministic synthetic news corpus in JSON Lines, for indexing and
// search benchmarks at any size (10 thousand to a million articles and more).
//
//   sova_corpus_generate --articles 100000 [--seed 1] [--out corpus.jsonl]
//
// The same seed and count give the same bytes on every machine: the generator uses its own
// 64-bit PRNG (PCG-style LCG + xorshift output) and integer arithmetic only, never the
// implementation-defined std:: distributions. What it writes (see README.md):
// - a language per article: English 40 %, Russian 30 %, Ukrainian 30 %;
// - a Zipfian vocabulary (exponent about 1) per language: 50,000 pseudo-words built from
//   syllables of the language's script, so the term distribution, word lengths and index
//   growth behave like news text, while no text is copied from anywhere;
// - titles of 5-10 words, bodies of 80-600 words in sentences of 6-20 words;
// - dates from 2015-01-01 over eleven years, one of 24 sources, a url;
// - recurring named entities: real places (written in the article's script) and 500 invented
//   people whose names exist in Latin and Cyrillic, mentioned in inflected forms, with a few
//   people and places per article drawn Zipf-like so that some recur in thousands of articles.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

class Random {
public:
    explicit Random(std::uint64_t seed) : m_state(seed * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL) {}
    std::uint64_t next() {
        m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
        std::uint64_t x = m_state;
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdULL;
        x ^= x >> 33;
        return x;
    }
    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
    std::uint64_t between(std::uint64_t low, std::uint64_t high) { return low + below(high - low + 1); }

private:
    std::uint64_t m_state;
};

// Zipf sampling over ranks 1..n with exponent 1, by inverting the harmonic CDF on a table.
class Zipf {
public:
    explicit Zipf(std::size_t n) : m_cumulative(n) {
        double total = 0;
        for (std::size_t i = 0; i < n; ++i) m_cumulative[i] = total += 1.0 / static_cast<double>(i + 1);
        for (double& c : m_cumulative) c /= total;
    }
    std::size_t sample(Random& random) const {
        // 53 random bits as a fraction: the same on every IEEE 754 machine.
        double u = static_cast<double>(random.next() >> 11) / 9007199254740992.0;
        return static_cast<std::size_t>(std::lower_bound(m_cumulative.begin(), m_cumulative.end(), u) -
                                        m_cumulative.begin());
    }

private:
    std::vector<double> m_cumulative;
};

struct Language {
    std::string code;
    std::vector<std::string_view> syllables;
    std::vector<std::string> words; // by frequency rank
};

std::vector<std::string> make_words(const std::vector<std::string_view>& syllables, std::size_t count, Random& random) {
    std::vector<std::string> words;
    words.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        // Frequent words are short, rare ones long, as in real text.
        std::size_t parts = i < 100 ? 1 : i < 3000 ? 2 : i < 20000 ? 3 : 4;
        std::string w;
        for (std::size_t p = 0; p < parts; ++p) w += syllables[random.below(syllables.size())];
        words.push_back(std::move(w));
    }
    return words;
}

struct Person {
    std::string latin;    // "Olena Marchuk"
    std::string cyrillic; // "Олена Марчук"
};

constexpr std::array<std::string_view, 24> sources{"Kyiv Herald",
                                                   "Black Sea Courier",
                                                   "Northern Gazette",
                                                   "Evening Post",
                                                   "Дніпровський вісник",
                                                   "Київський кур'єр",
                                                   "Вечерний курьер",
                                                   "Столичные новости",
                                                   "Harbour Times",
                                                   "Steppe Daily",
                                                   "Одеські новини",
                                                   "Харківський телеграф",
                                                   "Московский обозреватель",
                                                   "Baltic Review",
                                                   "Львівська газета",
                                                   "Carpathian Chronicle",
                                                   "Вісті Полісся",
                                                   "Уральский вестник",
                                                   "Danube Observer",
                                                   "Caspian Monitor",
                                                   "Сибирская летопись",
                                                   "Поділля сьогодні",
                                                   "Metro Wire",
                                                   "Coastal Reporter"};

// Real places, as each script writes them (name, Cyrillic name in Ukrainian and Russian).
struct Place {
    std::string_view en, uk, ru;
};
constexpr std::array<Place, 24> places{{
    {"Kyiv", "Київ", "Киев"},          {"Kharkiv", "Харків", "Харьков"},  {"Odesa", "Одеса", "Одесса"},
    {"Lviv", "Львів", "Львов"},        {"Dnipro", "Дніпро", "Днепр"},     {"Moscow", "Москва", "Москва"},
    {"Warsaw", "Варшава", "Варшава"},  {"Berlin", "Берлін", "Берлин"},    {"Paris", "Париж", "Париж"},
    {"Vienna", "Відень", "Вена"},      {"Tbilisi", "Тбілісі", "Тбилиси"}, {"Istanbul", "Стамбул", "Стамбул"},
    {"Tehran", "Тегеран", "Тегеран"},  {"Minsk", "Мінськ", "Минск"},      {"Riga", "Рига", "Рига"},
    {"Vilnius", "Вільнюс", "Вильнюс"}, {"Prague", "Прага", "Прага"},      {"Budapest", "Будапешт", "Будапешт"},
    {"Ukraine", "Україна", "Украина"}, {"Poland", "Польща", "Польша"},    {"Georgia", "Грузія", "Грузия"},
    {"Turkey", "Туреччина", "Турция"}, {"Iran", "Іран", "Иран"},          {"Germany", "Німеччина", "Германия"},
}};

std::vector<Person> make_people(std::size_t count, Random& random) {
    constexpr std::array<std::pair<std::string_view, std::string_view>, 16> given{{{"Olena", "Олена"},
                                                                                   {"Taras", "Тарас"},
                                                                                   {"Dmytro", "Дмитро"},
                                                                                   {"Iryna", "Ірина"},
                                                                                   {"Andriy", "Андрій"},
                                                                                   {"Natalia", "Наталія"},
                                                                                   {"Oleh", "Олег"},
                                                                                   {"Halyna", "Галина"},
                                                                                   {"Maksym", "Максим"},
                                                                                   {"Yulia", "Юлія"},
                                                                                   {"Serhiy", "Сергій"},
                                                                                   {"Oksana", "Оксана"},
                                                                                   {"Ivan", "Іван"},
                                                                                   {"Maria", "Марія"},
                                                                                   {"Pavlo", "Павло"},
                                                                                   {"Vira", "Віра"}}};
    constexpr std::array<std::pair<std::string_view, std::string_view>, 12> stems{{{"Marchuk", "Марчук"},
                                                                                   {"Savchuk", "Савчук"},
                                                                                   {"Koval", "Коваль"},
                                                                                   {"Bondar", "Бондар"},
                                                                                   {"Hnatiuk", "Гнатюк"},
                                                                                   {"Melnyk", "Мельник"},
                                                                                   {"Tkachuk", "Ткачук"},
                                                                                   {"Kravets", "Кравець"},
                                                                                   {"Moroz", "Мороз"},
                                                                                   {"Lysenko", "Лисенко"},
                                                                                   {"Shevchuk", "Шевчук"},
                                                                                   {"Rudenko", "Руденко"}}};
    constexpr std::array<std::pair<std::string_view, std::string_view>, 6> suffixes{
        {{"", ""}, {"ov", "ов"}, {"ets", "ець"}, {"yk", "ик"}, {"in", "ін"}, {"enko", "енко"}}};
    std::vector<Person> people;
    for (std::size_t i = 0; i < count; ++i) {
        const auto& g = given[random.below(given.size())];
        const auto& s = stems[random.below(stems.size())];
        const auto& x = suffixes[i % suffixes.size()];
        people.push_back({std::string(g.first) + " " + std::string(s.first) + std::string(x.first),
                          std::string(g.second) + " " + std::string(s.second) + std::string(x.second)});
    }
    return people;
}

void json_string(std::string& out, std::string_view s) {
    out += '"';
    for (char ch : s) {
        if (ch == '\n') {
            out += "\\n";
            continue;
        }
        if (ch == '"' || ch == '\\') out += '\\';
        out += ch;
    }
    out += '"';
}

// The first letter in upper case: ASCII and the Cyrillic letters of Russian and Ukrainian.
std::string capitalise(std::string w) {
    if (w.empty()) return w;
    auto b0 = static_cast<unsigned char>(w[0]);
    if (b0 >= 'a' && b0 <= 'z') {
        w[0] = static_cast<char>(b0 - 'a' + 'A');
        return w;
    }
    if (w.size() < 2) return w;
    auto b1 = static_cast<unsigned char>(w[1]);
    if (b0 == 0xD0 && b1 >= 0xB0 && b1 <= 0xBF) { // а..п -> А..П
        w[1] = static_cast<char>(b1 - 0x20);
    } else if (b0 == 0xD1 && b1 >= 0x80 && b1 <= 0x8F) { // р..я -> Р..Я
        w[0] = static_cast<char>(0xD0);
        w[1] = static_cast<char>(b1 + 0x20);
    } else if (b0 == 0xD1 && b1 >= 0x90 && b1 <= 0x9F) { // ѐ..џ (і, ї, є) -> Ѐ..Џ
        w[0] = static_cast<char>(0xD0);
        w[1] = static_cast<char>(b1 - 0x10);
    }
    return w;
}

struct Settings {
    std::uint64_t articles = 10000;
    std::uint64_t seed = 1;
    std::string out;
};

Settings parse(int argc, char** argv) {
    Settings s;
    for (int i = 1; i < argc; ++i) {
        std::string_view flag = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(std::string(flag) + " needs a value");
            return argv[++i];
        };
        if (flag == "--articles")
            s.articles = std::stoull(value());
        else if (flag == "--seed")
            s.seed = std::stoull(value());
        else if (flag == "--out")
            s.out = value();
        else if (flag == "-h" || flag == "--help") {
            std::cout << "usage: sova_corpus_generate --articles N [--seed S] [--out FILE]\n";
            std::exit(0);
        } else
            throw std::runtime_error("unknown option '" + std::string(flag) + "'");
    }
    if (s.articles == 0) throw std::runtime_error("--articles must be at least 1");
    return s;
}

} // namespace

int main(int argc, char** argv) {
    try {
        Settings settings = parse(argc, argv);
        Random random(settings.seed);
        std::vector<Language> langs{{"en",
                                     {"ba",  "ter", "lo",   "mi",   "con", "re",  "st",   "an", "po", "ling",
                                      "ver", "de",  "ship", "ment", "pre", "gra", "ness", "ta", "ri", "on"},
                                     {}},
                                    {"ru",
                                     {"ва",   "ро",   "ска", "ни", "ко",   "про", "ст",  "ле", "на", "ми",
                                      "тель", "ость", "ка",  "ра", "пере", "до",  "ени", "ли", "то", "за"},
                                     {}},
                                    {"uk",
                                     {"ва",   "ро",   "ськ", "ні", "ко",   "про", "ст",  "ле", "на", "мі",
                                      "тель", "ість", "ка",  "ра", "пере", "до",  "енн", "лі", "то", "за"},
                                     {}}};
        for (auto& lang : langs) lang.words = make_words(lang.syllables, 50000, random);
        const Zipf word_rank(50000);
        const std::vector<Person> people = make_people(500, random);
        const Zipf person_rank(people.size());
        const Zipf place_rank(places.size());

        std::ofstream file;
        std::ostream* out = &std::cout;
        if (!settings.out.empty()) {
            file.open(settings.out, std::ios::binary | std::ios::trunc);
            if (!file) throw std::runtime_error("cannot write " + settings.out);
            out = &file;
        }
        std::string line;
        for (std::uint64_t n = 0; n < settings.articles; ++n) {
            std::uint64_t pick = random.below(10);
            const Language& lang = langs[pick < 4 ? 0 : pick < 7 ? 1 : 2];
            const Person& person = people[person_rank.sample(random)];
            const Place& place = places[place_rank.sample(random)];
            std::string person_name = lang.code == "en" ? person.latin : person.cyrillic;
            std::string_view place_name = lang.code == "en" ? place.en : lang.code == "uk" ? place.uk : place.ru;
            std::string surname = person_name.substr(person_name.find(' ') + 1);
            auto word = [&] { return lang.words[word_rank.sample(random)]; };

            std::string title = capitalise(word());
            for (std::uint64_t w = 0, count = random.between(4, 9); w < count; ++w)
                title += " " + (w == 1 ? std::string(place_name) : word());
            std::string text;
            std::uint64_t words = random.between(80, 600);
            std::uint64_t written = 0;
            bool first_sentence = true;
            while (written < words) {
                std::uint64_t length = random.between(6, 20);
                std::string sentence;
                for (std::uint64_t w = 0; w < length; ++w) {
                    std::string next;
                    std::uint64_t roll = random.below(100);
                    if (first_sentence && w == 2)
                        next = person_name;
                    else if (roll == 0)
                        next = surname + (lang.code == "en" ? "" : random.below(2) ? "а" : "ом");
                    else if (roll == 1)
                        next = std::string(place_name);
                    else
                        next = word();
                    sentence += (w == 0 ? capitalise(next) : " " + next);
                }
                first_sentence = false;
                text += (text.empty() ? "" : " ") + sentence + ".";
                written += length;
                if (random.below(5) == 0) text += "\n\n"; // a paragraph break
            }
            std::uint64_t day = random.below(11 * 365);
            std::uint64_t year = 2015 + day / 365, month = 1 + (day % 365) / 31 % 12, mday = 1 + day % 28;
            char date[16];
            std::snprintf(date, sizeof date, "%04llu-%02llu-%02llu", static_cast<unsigned long long>(year),
                          static_cast<unsigned long long>(month), static_cast<unsigned long long>(mday));
            std::string_view source = sources[random.below(sources.size())];

            line.clear();
            line += "{\"id\":\"gen-" + std::to_string(n) + "\",\"lang\":\"" + lang.code + "\",\"date\":\"" + date +
                    "\",\"source\":";
            json_string(line, source);
            line += ",\"url\":\"https://news.example/" + lang.code + "/" + std::to_string(n) + "\",\"title\":";
            json_string(line, title);
            line += ",\"text\":";
            json_string(line, text);
            line += "}\n";
            out->write(line.data(), static_cast<std::streamsize>(line.size()));
        }
        out->flush();
        if (!*out) throw std::runtime_error("write failed");
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "sova_corpus_generate: " << e.what() << "\n";
        return 2;
    }
}
