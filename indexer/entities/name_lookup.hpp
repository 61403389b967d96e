// The names lists know: a run of words looked up in the aliases file, then the gazetteer, by
// every key a name may be filed under.
#pragma once

#include "indexer/gazetteer.hpp"
#include "tokenizers/analyzer.hpp"

#include <span>
#include <string_view>
#include <vector>

namespace sova::detail {

/// Finds the entries a run of words names, in one article's language.
class NameLookup {
public:
    /// Either source may be null.
    NameLookup(Gazetteer* gazetteer, const AliasTable* aliases, Analyzer& analyzer, std::string_view lang);

    /// The entries `run` names: the aliases file's when it knows the name (by its terms, or by
    /// sound), else the gazetteer's (by terms, stems, any dictionary reading of a lone word).
    std::vector<const NameEntry*> find(std::span<const Word> run) const;
    /// The entries the words [first, last) of `words` name.
    std::vector<const NameEntry*> find(const std::vector<Word>& words, std::size_t first, std::size_t last) const;

private:
    void find_alias(std::span<const Word> run, std::vector<const NameEntry*>& out) const;
    void find_place(std::span<const Word> run, std::vector<const NameEntry*>& out) const;

    Gazetteer* m_gazetteer;
    const AliasTable* m_aliases;
    Analyzer& m_analyzer;
    std::string_view m_lang;
};

} // namespace sova::detail
