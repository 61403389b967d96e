// Which query word an article's word matched by: the compiled query's own ways of matching
// (exact term, stem in any of the query's languages, cross-script key, wildcard prefix, the name
// of a linked entity), for snippets to highlight every word that made an article match.
#pragma once

#include "query/compiler.hpp"
#include "tokenizers/analyzer.hpp"
#include "tokenizers/stemmer.hpp"
#include "tokenizers/utf8.hpp"

#include <sova/entity.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sova::detail {

/// Matches article words to the query's concepts: a concept is a query word (the same word
/// typed twice is one), a wildcard prefix, or a linked entity no query word stands for. Made
/// once per search; start() prepares it for each article. Not thread-safe.
class SnippetMatcher {
public:
    SnippetMatcher(const QueryTerms& terms, Analyzer& analyzer);

    /// Prepares for an article in `lang` with `entities` (its stored ones; may be null): the
    /// stems of the query's words in that language, and the name forms of the linked entities
    /// the article has.
    void start(std::string_view lang, const std::vector<Entity>* entities, Analyzer& analyzer);

    /// The concept `word` (of the article given to start()) matches, or -1.
    int match(const Word& word, Analyzer& analyzer);

    /// Concepts there are (match() returns less than this).
    std::size_t concepts() const { return m_weights.size(); }

    /// A concept's weight, a whole number so that sums of weights compare exactly.
    std::uint32_t weight(int concept_index) const { return m_weights[static_cast<std::size_t>(concept_index)]; }

private:
    using Concepts = std::unordered_map<std::string, int, StringHash, std::equal_to<>>;
    int stem_match(const Word& word, Analyzer& analyzer);

    Concepts m_exact;                    // exact term -> concept
    std::vector<char32_t> m_exact_first; // first letters of m_exact's terms
    Concepts m_query_stems;              // stems the query matches by, in every language
    Concepts m_keys;                     // cross-script keys
    std::vector<std::pair<std::string, int>> m_prefixes;
    std::vector<std::pair<std::string, int>> m_entities; // linked entity key, concept
    std::vector<std::string> m_lowers;                   // lower forms of the words matched by stem
    std::vector<int> m_lower_concepts;
    std::vector<std::uint32_t> m_weights;

    // The article being matched.
    bool m_started = false;
    std::string m_lang;
    Concepts m_stems;                   // m_query_stems and the lower forms' stems in m_lang
    std::vector<char32_t> m_stem_first; // first letters of m_stems
    bool m_gated = false;               // stems_keep_first_letter(m_lang): only words with those letters are stemmed
    Concepts m_name_terms;              // the article's linked entities' name words
    Concepts m_name_keys;               // ... the sound keys of their base forms (Analyzer::name_key)
};

} // namespace sova::detail
