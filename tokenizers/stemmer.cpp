#include "tokenizers/stemmer.hpp"

#include "tokenizers/fold.hpp"
#include "tokenizers/language.hpp"

#include <xapian.h>

namespace sova::detail {

namespace {
constexpr std::size_t cache_limit = 200000; // entries per language before the cache is reset
const std::string empty;
} // namespace

struct Stemmers::Language {
    std::unique_ptr<Xapian::Stem> stem; // null when the language has no stemmer
    std::unordered_map<std::string, std::string> cache;
};

Stemmers::Stemmers() = default;
Stemmers::~Stemmers() = default;

bool Stemmers::has_stemmer(std::string_view lang) noexcept { return !stemmer_for(lang).empty(); }

Stemmers::Language* Stemmers::language(std::string_view lang) {
    auto it = m_languages.find(std::string(lang));
    if (it != m_languages.end()) return it->second.get();
    auto entry = std::make_unique<Language>();
    std::string_view name = stemmer_for(lang);
    if (!name.empty()) {
        try {
            entry->stem = std::make_unique<Xapian::Stem>(std::string(name));
        } catch (const Xapian::Error&) {
            entry->stem.reset(); // this Xapian build lacks it: no stemming, exact terms still work
        }
    }
    return m_languages.emplace(std::string(lang), std::move(entry)).first->second.get();
}

const std::string& Stemmers::stem(std::string_view lang, std::string_view lower) {
    if (lang.empty() || lower.empty()) return empty;
    Language* entry = language(lang);
    if (!entry->stem) return empty;
    std::string key(lower);
    if (auto it = entry->cache.find(key); it != entry->cache.end()) return it->second;
    if (entry->cache.size() >= cache_limit) entry->cache.clear();
    std::string stemmed = strip_diacritics((*entry->stem)(key));
    return entry->cache.emplace(std::move(key), std::move(stemmed)).first->second;
}

} // namespace sova::detail
