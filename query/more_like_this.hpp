// More like this (`like:ID`, docs/QUERY.md): the query that finds the articles on the same story
// or the same people, places and organisations as a given article, in any language.
#pragma once

#include "query/archive.hpp"
#include "query/ast.hpp"

#include <sova/search.hpp>

#include <xapian.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sova::detail {

/// What a `like:ID` clause becomes.
struct SimilarArticle {
    std::string id_term;            ///< the article's Q term: the article itself is never a hit
    Xapian::Query query;            ///< its salient entities, cross-script keys and top words, weighted
    std::vector<std::string> words; ///< its top words (folded forms), for highlighting
};

/// The `like:` clauses of a query, by article id.
using SimilarArticles = std::map<std::string, SimilarArticle, std::less<>>;

/// One term of the article, as a candidate for its query.
struct ArticleTerm {
    std::string term;
    Xapian::termcount wdf = 0;
    double frequency = 0; ///< articles of the archive holding it
};

/// Chooses and weighs the terms of an article (its term list with each term's frequency in
/// an archive of `documents` articles) into the query for articles like it:
/// - its entities (XE: language-independent keys, the strongest signal across languages), by
///   their salience there;
/// - the cross-script keys of its names (XK: `Kharkiv`, `Харків`, `Харьков` share one);
/// - its words and stems with the highest TF-IDF, which find the same story in its language.
/// Each kind is scaled by its weight in `weights` (RankingWeights::like_*); a term no other
/// article holds, or one most articles hold, is left out.
Xapian::Query similar_query(const std::vector<ArticleTerm>& terms, double documents, const RankingWeights& weights,
                            std::vector<std::string>* words = nullptr);

/// The article `id` of the archive as a like: clause, or nullopt when the archive has no such
/// article. The article is found in whichever shard holds it; the term frequencies are the
/// whole archive's, so that shards answer as one index does.
std::optional<SimilarArticle> similar_article(const Archive& archive, std::string_view id,
                                              const RankingWeights& weights);

/// Every `like:` clause of the query under `root`. Throws sova::QueryError at the clause's
/// column naming an id the archive does not hold.
SimilarArticles resolve_similar(const Node& root, const Archive& archive, const RankingWeights& weights);

} // namespace sova::detail
