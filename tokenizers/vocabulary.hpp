// Ordinary words: whether a capitalised word opening a sentence is a name or just a word.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sova::detail {

/// Asks a language's Hunspell dictionary whether a lower-case word is an ordinary word of it.
/// Dictionaries list proper nouns capitalised only, so "команда" and "march" are ordinary words
/// and "олена" and "kyiv" are not. Dictionaries load on first use (~0.3 s each) and answers are
/// cached. Not thread-safe: one per thread.
class Vocabulary {
public:
    Vocabulary();
    ~Vocabulary();
    Vocabulary(const Vocabulary&) = delete;
    Vocabulary& operator=(const Vocabulary&) = delete;

    /// False when `lang` has no installed dictionary: nothing is known to be ordinary.
    bool ordinary(std::string_view lang, std::string_view lower);

private:
    struct Dictionary;
    std::unordered_map<std::string, std::unique_ptr<Dictionary>> m_dictionaries;
};

} // namespace sova::detail
