#include "tokenizers/vocabulary.hpp"

#include "tokenizers/language.hpp"
#include "tokenizers/stemmer.hpp"

#include <hunspell.hxx>

namespace sova::detail {

namespace {
constexpr std::size_t cache_limit = 100000;
}

struct Vocabulary::Dictionary {
    Hunspell* hunspell = nullptr; // the thread's (shared with stemming); null: none installed
    std::unordered_map<std::string, bool> cache;
};

Vocabulary::Vocabulary() = default;
Vocabulary::~Vocabulary() = default;

bool Vocabulary::ordinary(std::string_view lang, std::string_view lower) {
    if (lang.empty() || lower.empty()) return false;
    auto it = m_dictionaries.find(std::string(lang));
    if (it == m_dictionaries.end()) {
        auto dictionary = std::make_unique<Dictionary>();
        if (std::string_view name = hunspell_dictionary_for(lang); !name.empty()) {
            std::string path = find_hunspell_dictionary(name);
            if (!path.empty()) dictionary->hunspell = &thread_hunspell(path);
        }
        it = m_dictionaries.emplace(std::string(lang), std::move(dictionary)).first;
    }
    Dictionary& d = *it->second;
    if (!d.hunspell) return false;
    std::string word(lower);
    if (auto cached = d.cache.find(word); cached != d.cache.end()) return cached->second;
    if (d.cache.size() >= cache_limit) d.cache.clear();
    bool known = d.hunspell->spell(word);
    d.cache.emplace(std::move(word), known);
    return known;
}

} // namespace sova::detail
