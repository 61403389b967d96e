// AST -> Xapian::Query: the ranking model of Sova's query language.
#pragma once

#include "query/ast.hpp"
#include "tokenizers/analyzer.hpp"

#include <sova/search.hpp>

#include <xapian.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace sova::detail {

/// Above this many top-level clauses, coordination is not applied (plain BM25 OR).
inline constexpr std::size_t max_coordinated_clauses = 64;

struct CompileOptions {
    bool require_all = false;       ///< every top-level clause must match
    std::vector<std::string> langs; ///< extra language filter
    std::string since;              ///< extra date filter (inclusive)
    std::string until;
    bool cross_script = true; ///< add each word's cross-script key (XK) as an alternative
    RankingWeights ranking;   ///< the weights of the signals (docs/QUERY.md, "Ranking")
    /// Articles in the index, and the number holding a term: the IDF of coordination. Unset:
    /// coordination adds no weight.
    double documents = 0;
    std::function<double(const std::string& term)> document_frequency;
    /// Whether a lower-case query word's key is worth adding: the index knows the key better
    /// than the word itself (`Kharkiv` typed in a Cyrillic archive), rather than the word being
    /// an ordinary one that some capitalised word happens to share a key with ("для" / "Для").
    /// Capitalised query words always get their key. Unset: every word gets it.
    std::function<bool(const std::string& term, const std::string& key_term)> key_helps;
    unsigned max_wildcard_expansion = 100;
    /// Whether a term is so common in the index that matching it says little ("a", "de", "и"):
    /// such a word still ranks but does not count as a clause for coordination.
    std::function<bool(const std::string&)> is_common;

    /// Entity linking (docs/ENTITIES.md). The entity keys a name key names in the index
    /// (its "ename:" metadata); unset: no linking.
    std::function<std::vector<std::string>(const std::string& name_key)> entities_named;
    /// Whether an entity key exists in the index (entity:place:kyiv.ua).
    std::function<bool(const std::string& key)> entity_exists;
    /// Number of articles holding a term (XE<key> or a word's term), for the linking rules.
    std::function<double(const std::string& term)> termfreq;
    /// Articles holding `entity_term` and any of `context` (the query's other words): how an
    /// ambiguous name is settled by the rest of the query.
    std::function<double(const std::string& entity_term, const std::vector<std::string>& context)> cooccurrence;
    /// Scale of a linked entity's boost: the weight of its salience posting source
    /// (query/salience.hpp), at most this much for an article about the entity.
    double entity_weight = 8.0;
};

/// An entity the query names, as linked.
struct LinkedEntity {
    std::string text;   ///< The query words that name it ("" for entity:…).
    std::string key;    ///< Entity key (XE term without prefix).
    double share = 1.0; ///< Its part of the boost (below 1 for an ambiguous name).
    std::string reason; ///< Why this share: "unique", "context", "prior", "forced".
};

/// The words of a query, for highlighting.
struct QueryTerms {
    std::set<std::string> exact;       ///< folded terms
    std::vector<std::string> lowers;   ///< lower forms, stemmed per article language
    std::vector<std::string> prefixes; ///< folded wildcard prefixes
};

struct CompiledQuery {
    Xapian::Query query;
    unsigned clauses = 0;                               ///< top-level clauses that count for coordination
    std::vector<std::vector<std::string>> clause_terms; ///< the terms of each of those clauses
    bool coordinated = false;                           ///< whether coordination bonuses were added
    unsigned proximity_pairs = 0;                       ///< adjacent word pairs whose nearness adds weight
    bool all_required = false;                          ///< every such clause is required: each hit matches all of them
    bool ranked = true;                                 ///< false when only filters were given (match-all, date order)
    QueryTerms terms;
    std::vector<LinkedEntity> entities; ///< Entities the query names.
    Xapian::Query entity_boost;         ///< The weight they add (also inside `query`), to explain it; empty when none.
};

/// Which languages' stemmers to apply to a query word of a given script.
using StemLanguages = std::function<std::vector<std::string>(Script)>;

/// Compiles a parsed query. Throws sova::QueryError when nothing searchable remains.
CompiledQuery compile_query(const Node& root, Analyzer& analyzer, const StemLanguages& stem_languages,
                            const CompileOptions& options = {});

} // namespace sova::detail
