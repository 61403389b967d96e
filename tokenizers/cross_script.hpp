// Cross-script keys: one romanised, sound-alike key for the spellings of a proper name in
// Latin, Cyrillic and Greek, so that Kharkiv, Харків, Харьков and Kharkov meet.
#pragma once

#include "tokenizers/language.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sova::detail {

/// Key of a word whose exact term is `term`, written in `script`; "" when the word gets none
/// (other scripts, too short). A suffix of up to 4 letters after an apostrophe is dropped first
/// (Kyiv's, İstanbul'da). The rules, applied in order:
///  1. transliterate to Latin (ICU Any-Latin), then to ASCII (Latin-ASCII), lower case;
///     keep only a-z;
///  2. digraphs: shch, sch -> s; tch, ch -> c; sh -> s; zh -> z; kh -> h; ts, tz -> c;
///     ph -> f; ck -> k; x -> ks;
///  3. sound-alike letters: c, q -> k; w -> v; g -> h;
///  4. the first letter stays (a vowel, y or j there becomes a); later vowels and y, j drop;
///  5. runs of one letter collapse.
/// Keys of fewer than two letters are dropped. Examples: Kharkiv, Харків, Харьков -> hrkv;
/// Kyiv, Київ, Киев, Kiev -> kv; Shahed, Шахед -> shd; Odesa, Одеса, Одесса -> ads.
class CrossScriptKeys {
public:
    CrossScriptKeys();
    ~CrossScriptKeys();
    CrossScriptKeys(const CrossScriptKeys&) = delete;
    CrossScriptKeys& operator=(const CrossScriptKeys&) = delete;

    /// The key (cached; the reference stays valid until the next call).
    const std::string& key(std::string_view term, Script script);

private:
    std::string romanise(std::string_view term, Script script);
    struct Icu;
    std::unique_ptr<Icu> m_icu;
    std::unordered_map<std::string, std::string, std::hash<std::string>, std::equal_to<>> m_cache;
};

/// `text` transliterated to lower-case ASCII (ICU Any-Latin; Latin-ASCII; Lower): "Київ" ->
/// "kiiv", "São Paulo" -> "sao paulo". Characters without a transliteration are dropped.
std::string romanise_ascii(std::string_view text);

/// The letters a-z of romanise_ascii(text), without ICU when `text` is ASCII and Cyrillic only
/// (a table made with ICU: ICU romanises Cyrillic letter by letter); otherwise through ICU.
/// Creating ICU's transliterator costs about 13 ms once per process, which a search must not pay.
std::string romanise_letters(std::string_view text);

/// Steps 2-5 above on an ASCII lower-case romanisation (exposed for tests).
std::string sound_key(std::string_view ascii);

} // namespace sova::detail
