// Entity linking on the query side: which entities of the index a query's words name, and
// each one's share of the entity boost (docs/ENTITIES.md, "Linking").
#pragma once

#include "query/ast.hpp"
#include "query/index_statistics.hpp"
#include "tokenizers/analyzer.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sova::detail {

/// An entity the query names, as linked.
struct LinkedEntity {
    std::string text;   ///< The query words that name it ("" for entity:…).
    std::string key;    ///< Entity key (XE term without prefix).
    double share = 1.0; ///< Its part of the boost (below 1 for an ambiguous name).
    std::string reason; ///< Why this share: "unique", "context", "prior", "forced".
};

/// A run of top-level query words that names entities.
struct LinkedSpan {
    std::size_t first = 0; ///< child indices of the top-level list, [first, last)
    std::size_t last = 0;
    std::vector<LinkedEntity> entities;
};

class EntityLinker {
public:
    /// `stem_languages`: the languages a word of a script is stemmed in for this query.
    EntityLinker(Analyzer& analyzer, const IndexStatistics& statistics,
                 std::function<std::vector<std::string>(Script)> stem_languages);

    /// The longest runs of plain words (at most four) of a top-level list that name entities.
    std::vector<LinkedSpan> link(const Node& list);

    /// The entities `entity:"…"` names: an entity key as `sova entities` prints it, or a name.
    std::vector<std::string> forced(const Node& node);

private:
    std::vector<std::string> name_keys(const std::vector<Word>& words);
    std::vector<std::string> entities_named(const std::vector<Word>& words);
    std::vector<std::optional<Word>> plain_words(const Node& list);
    std::vector<std::string> longest_name(const std::vector<std::optional<Word>>& plain, std::size_t first,
                                          std::size_t& end);
    std::vector<LinkedEntity> shares(const std::vector<std::string>& found, const std::string& text,
                                     const std::vector<std::string>& context) const;

    Analyzer& m_analyzer;
    const IndexStatistics& m_statistics;
    std::function<std::vector<std::string>(Script)> m_stem_languages;
};

} // namespace sova::detail
