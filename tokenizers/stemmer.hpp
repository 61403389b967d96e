// Stemming with Xapian's Snowball stemmers, one per language, behind a cache.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sova::detail {

/// Stems folded words for any language that has a stemmer. Caches results, since news
/// vocabularies are Zipfian and stemming a word costs far more than a hash lookup.
/// Not thread-safe: one per thread.
class Stemmers {
public:
    Stemmers();
    ~Stemmers();
    Stemmers(const Stemmers&) = delete;
    Stemmers& operator=(const Stemmers&) = delete;

    /// Whether `lang` (ISO 639-1) has a stemmer.
    static bool has_stemmer(std::string_view lang) noexcept;

    /// Stem of `lower` (a `fold_word` lower form) in `lang`, with diacritics then removed as
    /// in the exact term. Returns "" when the language has no stemmer or the word is not
    /// alphabetic enough to stem.
    const std::string& stem(std::string_view lang, std::string_view lower);

private:
    struct Language;
    Language* language(std::string_view lang);
    std::unordered_map<std::string, std::unique_ptr<Language>> m_languages;
};

} // namespace sova::detail
