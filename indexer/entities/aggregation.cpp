#include "indexer/entities/aggregation.hpp"

#include "tokenizers/language.hpp"
#include "tokenizers/names.hpp"

#include <algorithm>
#include <tuple>

namespace sova::detail {

namespace {

constexpr unsigned title_salience = 3; // salience a mention in the title adds
constexpr unsigned lead_salience = 2;  // salience the first mention in the lead adds
// A title is in title case from this many words (function words aside) …
constexpr std::size_t min_title_case_words = 3;
// … when this many tenths of them are capitalised.
constexpr std::size_t min_title_case_tenths = 6;

// The name as the article writes it: the fullest form ("Олена Марчук", not "Марчук"), without a
// consonant case ending where there is a choice ("Олафом Шольцем" last), then the most frequent.
std::string written_name(const std::map<std::string, unsigned>& surfaces, std::string name) {
    auto words_in = [](const std::string& s) { return std::count(s.begin(), s.end(), ' ') + 1; };
    // Case endings are lower case however the name is capitalised.
    auto plain = [](const std::string& s) { return strip_name_ending(s) == std::string_view(s); };
    std::tuple<long, bool, unsigned> best{0, false, 0};
    for (const auto& [surface, count] : surfaces) {
        std::tuple<long, bool, unsigned> rank{words_in(surface), plain(surface), count};
        if (rank > best) {
            best = rank;
            name = surface;
        }
    }
    return name;
}

} // namespace

bool in_title_case(const std::vector<Word>& title_words) {
    std::size_t capitals = 0;
    std::size_t letters = 0;
    for (const Word& w : title_words)
        if (w.kind == WordKind::letters && !is_function_word(w.term)) {
            ++letters;
            capitals += w.capitalised ? 1 : 0;
        }
    return letters >= min_title_case_words && capitals * 10 >= letters * min_title_case_tenths;
}

EntityAggregator::EntityAggregator(bool title_case) : m_title_case(title_case) {}

void EntityAggregator::note(const std::string& key, const std::string& type, const std::string& canonical,
                            const Mention& m, std::vector<std::string> name_keys) {
    if (m.title && m_title_case && !m_by_key.count(key)) return;
    Aggregate& a = m_by_key[key];
    if (a.entity.key.empty()) {
        a.entity.key = key;
        a.entity.type = type;
        a.entity.name = canonical;
        a.fixed_name = canonical != m.surface;
    }
    ++a.entity.mentions;
    if (m.title) a.entity.salience += title_salience;
    if (m.lead && a.entity.mentions == 1) a.entity.salience += lead_salience;
    ++a.surfaces[m.surface];
    for (auto& k : name_keys)
        if (std::find(a.name_keys.begin(), a.name_keys.end(), k) == a.name_keys.end())
            a.name_keys.push_back(std::move(k));
}

std::vector<ArticleEntity> EntityAggregator::finish() {
    std::vector<ArticleEntity> out;
    for (auto& [key, a] : m_by_key) {
        a.entity.salience += a.entity.mentions;
        // Places keep the list's name.
        if (!a.fixed_name) a.entity.name = written_name(a.surfaces, std::move(a.entity.name));
        out.push_back(ArticleEntity{std::move(a.entity), std::move(a.name_keys)});
    }
    std::stable_sort(out.begin(), out.end(), [](const ArticleEntity& x, const ArticleEntity& y) {
        return x.entity.salience > y.entity.salience;
    });
    return out;
}

} // namespace sova::detail
