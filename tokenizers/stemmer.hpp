// Stemming: Xapian's Snowball stemmers, or Hunspell dictionaries where Snowball has no
// stemmer (Ukrainian), each behind a cache.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

class Hunspell;

namespace sova::detail {

/// Which stemmer a language uses.
enum class StemmerBackend { none, snowball, hunspell };

/// The backend `lang` uses: Snowball when Xapian has one, else Hunspell when its dictionary is
/// installed, else none. An override (below) can pick Hunspell over Snowball.
StemmerBackend stemmer_backend(std::string_view lang);

/// Whether every stem of a word in `lang` begins with the word's own first letter (the first
/// code point of its exact term): true for the Snowball stemmers that only remove or change
/// endings; false for dictionaries (a lemma may start otherwise), for Snowball stemmers that
/// also remove prefixes (Indonesian, Irish, Arabic, Tamil …) and for languages without a stemmer.
/// A word whose first letter begins none of the stems looked for need not be stemmed.
bool stems_keep_first_letter(std::string_view lang);

/// Makes `lang` use `backend` from now on in analysers created afterwards — for evaluations
/// comparing stemmers. An index must be searched with the stemmers it was built with.
void override_stemmer_backend(std::string_view lang, StemmerBackend backend);

/// The calling thread's Hunspell object for a dictionary path (without extension), loaded on
/// first use and shared by everything on the thread that needs it (stemming, ordinary words).
::Hunspell& thread_hunspell(const std::string& dictionary_path);

/// Folders searched for Hunspell dictionaries (<name>.aff and <name>.dic): $SOVA_HUNSPELL_PATH
/// (colon-separated) first, then /usr/share/hunspell and /usr/share/myspell/dicts.
std::string find_hunspell_dictionary(std::string_view name);

/// Stems folded words for every language that has a stemmer. Caches results, since news
/// vocabularies are Zipfian and stemming a word costs far more than a hash lookup.
/// Not thread-safe: one per thread.
/// Hash for string-keyed maps that look up by std::string_view without allocating.
/// Not noexcept on purpose: libstdc++ then keeps each entry's hash code, so that a look-up in a
/// large cache compares keys only when their hash codes are equal and never hashes a stored key
/// again (with a "fast" noexcept hash it compares every key of the bucket and re-hashes them).
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
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

    /// Stems of `lower` (a `fold_word` lower form) in `lang`, folded like exact terms: one from
    /// Snowball; from Hunspell every reading it knows, the preferred first ("Львові": львові,
    /// львов, львів), so that two forms of a word meet when their readings share one. Empty
    /// when the language has no stemmer or the dictionary does not know the word. The views
    /// stay valid until the next call.
    const std::vector<std::string_view>& stems(std::string_view lang, std::string_view lower);

    /// The preferred stem, "" when none; valid until the next call.
    std::string_view stem(std::string_view lang, std::string_view lower) {
        const auto& all = stems(lang, lower);
        return all.empty() ? std::string_view{} : all.front();
    }

    /// Separates the stems of one word in packed form (cache, lexicon).
    static constexpr char stem_separator = '\x1f';

    /// Dictionary stemming (Hunspell) is slow to load (~0.35 s for Ukrainian). An index keeps
    /// the stems of its own words (its lexicon); a searcher hands a lookup into it here, so that
    /// a query word the index contains is stemmed without loading the dictionary. The lookup
    /// returns true and sets `stem` (packed stems) when it knows the word. Pass nullptr to remove it.
    using Lexicon = std::function<bool(std::string_view lang, std::string_view lower, std::string& stem)>;
    void set_lexicon(Lexicon lexicon) { m_lexicon = std::move(lexicon); }

    /// Dictionary stems computed since the last call (lang, lower, packed stems), for the writer to
    /// record in the index's lexicon; `out` is cleared first.
    void take_new_dictionary_stems(std::vector<std::tuple<std::string, std::string, std::string>>& out);

    /// Forgets the dictionary stems cached so far, so that the next writer on this thread
    /// records every word it meets (words met earlier, by another writer or a search, would
    /// otherwise be missing from its index's lexicon).
    void forget_dictionary_stems();

    /// Whether to collect those stems (a writer turns this on; searchers leave it off).
    void record_new_dictionary_stems(bool on) {
        m_record = on;
        if (!on) m_new_stems.clear();
    }

private:
    struct Language;
    Language* language(std::string_view lang);
    std::unordered_map<std::string, std::unique_ptr<Language>> m_languages;
    Language* m_last = nullptr; // the language of the previous call
    std::string m_last_lang;
    Lexicon m_lexicon;
    bool m_record = false;
    std::vector<std::tuple<std::string, std::string, std::string>> m_new_stems;
    std::vector<std::string_view> m_split;
};

} // namespace sova::detail
