// Stemming: Xapian's Snowball stemmers, or Hunspell dictionaries where Snowball has no
// stemmer (Ukrainian), each behind a cache.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sova::detail {

/// Which stemmer a language uses.
enum class StemmerBackend { none, snowball, hunspell };

/// The backend `lang` uses: Snowball when Xapian has one, else Hunspell when its dictionary is
/// installed, else none. An override (below) can pick Hunspell over Snowball.
StemmerBackend stemmer_backend(std::string_view lang);

/// Makes `lang` use `backend` from now on in analysers created afterwards — for evaluations
/// comparing stemmers. An index must be searched with the stemmers it was built with.
void override_stemmer_backend(std::string_view lang, StemmerBackend backend);

/// Folders searched for Hunspell dictionaries (<name>.aff and <name>.dic): $SOVA_HUNSPELL_PATH
/// (colon-separated) first, then /usr/share/hunspell and /usr/share/myspell/dicts.
std::string find_hunspell_dictionary(std::string_view name);

/// Stems folded words for every language that has a stemmer. Caches results, since news
/// vocabularies are Zipfian and stemming a word costs far more than a hash lookup.
/// Not thread-safe: one per thread.
/// Hash for string-keyed maps that look up by std::string_view without allocating.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

/// A cache from words to their analysis, looked up by std::string_view.
using WordCache = std::unordered_map<std::string, std::string, StringHash, std::equal_to<>>;

class Stemmers {
public:
    Stemmers();
    ~Stemmers();
    Stemmers(const Stemmers&) = delete;
    Stemmers& operator=(const Stemmers&) = delete;

    /// Whether `lang` (ISO 639-1) has a stemmer.
    static bool has_stemmer(std::string_view lang) { return stemmer_backend(lang) != StemmerBackend::none; }

    /// Stem of `lower` (a `fold_word` lower form) in `lang`, folded like an exact term.
    /// Returns "" when the language has no stemmer or the stemmer does not know the word.
    /// The reference stays valid until the next call.
    const std::string& stem(std::string_view lang, std::string_view lower);

private:
    struct Language;
    Language* language(std::string_view lang);
    std::unordered_map<std::string, std::unique_ptr<Language>> m_languages;
    Language* m_last = nullptr; // the language of the previous call
    std::string m_last_lang;
};

} // namespace sova::detail
