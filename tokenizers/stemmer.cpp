#include "tokenizers/stemmer.hpp"

#include "tokenizers/fold.hpp"
#include "tokenizers/language.hpp"

#include <hunspell.hxx>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>

namespace sova::detail {

namespace {

constexpr std::size_t cache_limit = 200000; // entries per language before the cache is reset
const std::string empty;

std::mutex& override_mutex() {
    static std::mutex m;
    return m;
}

std::map<std::string, StemmerBackend, std::less<>>& overrides() {
    static std::map<std::string, StemmerBackend, std::less<>> table;
    return table;
}

bool snowball_available(std::string_view lang) {
    static const std::string available = " " + Xapian::Stem::get_available_languages() + " ";
    std::string_view name = stemmer_for(lang);
    return !name.empty() && available.find(" " + std::string(name) + " ") != std::string::npos;
}

// The word with its first letter in upper case: Hunspell knows proper nouns only capitalised.
std::string capitalised(std::string_view lower) {
    const auto* s = reinterpret_cast<const std::uint8_t*>(lower.data());
    const auto length = static_cast<std::int32_t>(lower.size());
    std::int32_t i = 0;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return std::string(lower);
    UChar32 upper = u_toupper(c);
    char buffer[U8_MAX_LENGTH];
    std::int32_t n = 0;
    UBool error = false;
    U8_APPEND(buffer, n, U8_MAX_LENGTH, upper, error);
    (void)error;
    return std::string(buffer, static_cast<std::size_t>(n)).append(lower.substr(static_cast<std::size_t>(i)));
}

std::size_t common_prefix(std::string_view a, std::string_view b) {
    std::size_t n = 0;
    while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
    return n;
}

// Hunspell 1.7 shares a table between its instances, counted without a lock
// (initialize_utf_tbl/free_utf_tbl): instances are created and destroyed one at a time.
std::mutex& hunspell_lifetime_mutex() {
    static std::mutex m;
    return m;
}

struct LockedDelete {
    void operator()(Hunspell* hunspell) const {
        std::lock_guard lock(hunspell_lifetime_mutex());
        delete hunspell;
    }
};

} // namespace

Hunspell& thread_hunspell(const std::string& dictionary_path) {
    thread_local std::unordered_map<std::string, std::unique_ptr<Hunspell, LockedDelete>> loaded;
    auto& slot = loaded[dictionary_path];
    if (!slot) {
        std::lock_guard lock(hunspell_lifetime_mutex());
        slot.reset(new Hunspell((dictionary_path + ".aff").c_str(), (dictionary_path + ".dic").c_str()));
    }
    return *slot;
}

std::string find_hunspell_dictionary(std::string_view name) {
    std::string dirs;
    if (const char* env = std::getenv("SOVA_HUNSPELL_PATH")) dirs = std::string(env) + ":";
    dirs += "/usr/share/hunspell:/usr/share/myspell/dicts";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        std::size_t colon = dirs.find(':', start);
        std::string dir = dirs.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
        if (!dir.empty()) {
            std::error_code ec;
            std::string base = dir + "/" + std::string(name);
            if (std::filesystem::exists(base + ".aff", ec) && std::filesystem::exists(base + ".dic", ec)) return base;
        }
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    return {};
}

StemmerBackend stemmer_backend(std::string_view lang) {
    {
        std::lock_guard lock(override_mutex());
        if (auto it = overrides().find(lang); it != overrides().end()) return it->second;
    }
    if (snowball_available(lang)) return StemmerBackend::snowball;
    std::string_view dictionary = hunspell_dictionary_for(lang);
    if (dictionary.empty()) return StemmerBackend::none;
    static std::mutex mutex;
    static std::map<std::string, bool, std::less<>> installed;
    std::lock_guard lock(mutex);
    auto it = installed.find(dictionary);
    if (it == installed.end())
        it = installed.emplace(std::string(dictionary), !find_hunspell_dictionary(dictionary).empty()).first;
    return it->second ? StemmerBackend::hunspell : StemmerBackend::none;
}

bool stems_keep_first_letter(std::string_view lang) {
    if (stemmer_backend(lang) != StemmerBackend::snowball) return false;
    // Snowball algorithms (Xapian 1.4's) that only remove suffixes and rewrite letters after the
    // first (tests/tokenizers/test_stemmer.cpp checks words of each); the others are left out.
    static constexpr std::string_view suffix_only[] = {"english",    "german",    "french",   "spanish", "italian",
                                                       "portuguese", "dutch",     "swedish",  "danish",  "norwegian",
                                                       "finnish",    "hungarian", "romanian", "russian", "catalan"};
    const std::string_view algorithm = stemmer_for(lang);
    return std::find(std::begin(suffix_only), std::end(suffix_only), algorithm) != std::end(suffix_only);
}

void override_stemmer_backend(std::string_view lang, StemmerBackend backend) {
    std::lock_guard lock(override_mutex());
    overrides()[std::string(lang)] = backend;
}

struct Stemmers::Language {
    std::unique_ptr<Xapian::Stem> snowball;
    bool accentless = false;      // the language is written without diacritics (English)
    std::string dictionary;       // Hunspell dictionary path without extension, loaded lazily
    Hunspell* hunspell = nullptr; // the thread's, shared (thread_hunspell)
    WordCache cache;

    // Packed stems (see Stemmers::stem_separator).
    std::string stem_uncached(const std::string& lower) {
        // Stemmers of languages written without accents do not know them: "résumés" must
        // stem like "resumes". The others (French, German...) need them to find endings.
        if (snowball && accentless) return (*snowball)(strip_diacritics(lower));
        if (snowball) return strip_diacritics((*snowball)(lower));
        if (dictionary.empty()) return {};
        if (!hunspell) hunspell = &thread_hunspell(dictionary);
        // Both cases: Hunspell knows proper nouns only capitalised ("Києва" -> Київ) and the
        // lower-case form may be another word ("київ" -> кий).
        // A lower-case word that is a lemma itself is read as that lemma only: its other
        // readings are homographs a reader would not take for it (вона: also the genitive of
        // the surname Вон; була: a form of the rare adjective булий).
        std::vector<std::string> candidates = hunspell->stem(lower);
        if (std::find(candidates.begin(), candidates.end(), lower) != candidates.end()) return lower;
        for (auto& candidate : hunspell->stem(capitalised(lower))) candidates.push_back(std::move(candidate));
        std::vector<std::string> folded;
        std::string folded_lower, folded_term;
        for (const auto& candidate : candidates) {
            fold_word(candidate, folded_lower, folded_term);
            if (!folded_term.empty() && std::find(folded.begin(), folded.end(), folded_term) == folded.end())
                folded.push_back(folded_term);
        }
        // The preferred reading first: the one closest to the word (longest common prefix,
        // then the longest). Deterministic, so index and query agree.
        auto better = [&lower](const std::string& a, const std::string& b) {
            std::size_t pa = common_prefix(a, lower), pb = common_prefix(b, lower);
            if (pa != pb) return pa > pb;
            if (a.size() != b.size()) return a.size() > b.size();
            return a < b;
        };
        std::sort(folded.begin(), folded.end(), better);
        std::string packed;
        for (const auto& stem : folded) {
            if (!packed.empty()) packed += Stemmers::stem_separator;
            packed += stem;
        }
        return packed;
    }
};

void Stemmers::take_new_dictionary_stems(std::vector<std::tuple<std::string, std::string, std::string>>& out) {
    out.clear();
    out.swap(m_new_stems);
}

void Stemmers::forget_dictionary_stems() {
    for (auto& [lang, language] : m_languages)
        if (!language->snowball) language->cache.clear();
    m_new_stems.clear();
}

Stemmers::Stemmers() = default;
Stemmers::~Stemmers() = default;

Stemmers::Language* Stemmers::language(std::string_view lang) {
    if (m_last && m_last_lang == lang) return m_last; // one language per text: skip the lookup
    auto it = m_languages.find(std::string(lang));
    if (it != m_languages.end()) {
        m_last = it->second.get();
        m_last_lang.assign(lang);
        return m_last;
    }
    auto entry = std::make_unique<Language>();
    switch (stemmer_backend(lang)) {
    case StemmerBackend::snowball:
        try {
            entry->snowball = std::make_unique<Xapian::Stem>(std::string(stemmer_for(lang)));
            entry->accentless = lang == "en" || lang == "nl" || lang == "id";
        } catch (const Xapian::Error&) {
            entry->snowball.reset(); // this Xapian build lacks it: exact terms still work
        }
        break;
    case StemmerBackend::hunspell:
        entry->dictionary = find_hunspell_dictionary(hunspell_dictionary_for(lang));
        break;
    case StemmerBackend::none:
        break;
    }
    m_last = m_languages.emplace(std::string(lang), std::move(entry)).first->second.get();
    m_last_lang.assign(lang);
    return m_last;
}

const std::vector<std::string_view>& Stemmers::stems(std::string_view lang, std::string_view lower) {
    m_split.clear();
    if (lang.empty() || lower.empty()) return m_split;
    Language* entry = language(lang);
    if (!entry->snowball && entry->dictionary.empty()) return m_split;
    const std::string* packed;
    if (auto it = entry->cache.find(lower); it != entry->cache.end()) {
        packed = &it->second;
    } else {
        if (entry->cache.size() >= cache_limit) entry->cache.clear();
        std::string key(lower);
        std::string stemmed;
        if (entry->snowball) {
            stemmed = entry->stem_uncached(key);
        } else if (!m_lexicon || !m_lexicon(lang, lower, stemmed)) {
            stemmed = entry->stem_uncached(key);
            if (m_record) m_new_stems.emplace_back(std::string(lang), key, stemmed);
        }
        packed = &entry->cache.emplace(std::move(key), std::move(stemmed)).first->second;
    }
    std::string_view rest = *packed;
    while (!rest.empty()) {
        std::size_t cut = rest.find(stem_separator);
        m_split.push_back(rest.substr(0, cut));
        if (cut == std::string_view::npos) break;
        rest.remove_prefix(cut + 1);
    }
    return m_split;
}

} // namespace sova::detail
