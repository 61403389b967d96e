// AST -> Xapian::Query: the ranking model of Sova's query language.
#pragma once

#include "query/ast.hpp"
#include "query/entity_linking.hpp"
#include "query/filters.hpp"
#include "query/index_statistics.hpp"
#include "query/more_like_this.hpp"
#include "tokenizers/analyzer.hpp"

#include <sova/search.hpp>

#include <xapian.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace sova::detail {

/// Above this many top-level clauses, coordination is not applied (plain BM25 OR).
inline constexpr std::size_t max_coordinated_clauses = 64;

struct CompileOptions {
    bool require_all = false;    ///< every top-level clause must match
    std::vector<Filter> filters; ///< the search options' filters (option_filters), on top of the query's own
    bool cross_script = true;    ///< add each word's cross-script key (XK) as an alternative
    RankingWeights ranking;      ///< the weights of the signals (docs/QUERY.md, "Ranking")
    unsigned max_wildcard_expansion = 100;
    /// Link the query's names to the index's entities (docs/ENTITIES.md) and boost them.
    bool link_entities = false;
    /// Scale of a linked entity's boost: at most this much for an article about the entity
    /// (schema::aboutness).
    double entity_weight = 8.0;
    /// The index has the entities' aboutness terms (XA, schema::feature_aboutness): the boost is
    /// built of Xapian's own FixedWeightPostingSource over them, which a remote shard can run.
    /// An index built before them is boosted by query/salience.hpp's posting source instead.
    bool aboutness_terms = true;
    /// The query's `like:ID` clauses, resolved (resolve_similar); an id missing here is an error.
    SimilarArticles similar;
};

/// One word of a query as the compiled query matches articles by it (for highlighting).
struct QueryWord {
    std::string term;               ///< folded exact term
    std::string lower;              ///< its lower form when it matches by stem (also stemmed in an article's language)
    std::vector<std::string> stems; ///< its stems in every language it is stemmed in (none: exact only)
    std::string key;                ///< the cross-script key the query matches by ("" when none)
    double weight = 1;              ///< what a match says: log(articles / articles with the word), 1 when unknown
};

/// The words of a query, for highlighting.
struct QueryTerms {
    std::set<std::string> exact;       ///< folded terms
    std::vector<std::string> lowers;   ///< lower forms, stemmed per article language
    std::vector<std::string> prefixes; ///< folded wildcard prefixes
    std::vector<QueryWord> words;      ///< each query word, in query order (a word may come again)
    /// The entities the query names (their keys), with the query words naming them ("" for entity:…).
    std::vector<std::pair<std::string, std::string>> entities;
};

struct CompiledQuery {
    Xapian::Query query;
    /// `query` without its parts that only add weight: the same matches (facets count them);
    /// empty when `query` is all there is.
    Xapian::Query matching;
    unsigned clauses = 0;                               ///< top-level clauses that count for coordination
    std::vector<std::vector<std::string>> clause_terms; ///< the terms of each of those clauses
    bool coordinated = false;                           ///< whether coordination bonuses were added
    unsigned proximity_pairs = 0;                       ///< adjacent word pairs whose nearness adds weight
    unsigned lead_words = 0;                            ///< query words that add weight when in an article's lead
    bool all_required = false;                          ///< every such clause is required: each hit matches all of them
    bool ranked = true;                                 ///< false when only filters were given (match-all, date order)
    QueryTerms terms;
    std::vector<LinkedEntity> entities; ///< Entities the query names.
    Xapian::Query entity_boost;         ///< The weight they add (also inside `query`), to explain it; empty when none.
};

/// Compiles a parsed query for an index described by `statistics`. Throws sova::QueryError when
/// nothing searchable remains.
CompiledQuery compile_query(const Node& root, Analyzer& analyzer, const IndexStatistics& statistics,
                            const CompileOptions& options = {});

/// The boolean query of one filter (no weight).
Xapian::Query filter_query(const Filter& filter);

/// The boolean query of several: OR within a group (Filter::group), AND across groups.
Xapian::Query filters_query(const std::vector<Filter>& filters);

} // namespace sova::detail
