#include "query/more_like_this.hpp"

#include "schema/schema.hpp"
#include "tokenizers/cross_script.hpp"
#include "tokenizers/language.hpp"

#include <sova/error.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace sova::detail {

namespace {

using Q = Xapian::Query;

// At most this many of an article's entities and cross-script keys take part.
constexpr std::size_t max_entities = 16;
constexpr std::size_t max_keys = 16;

enum class TermKind { entity, key, word, other };

std::string join(std::string_view a, std::string_view b) {
    std::string s;
    s.reserve(a.size() + b.size());
    s.append(a).append(b);
    return s;
}

bool starts_upper(std::string_view term, std::size_t at) {
    return term.size() > at && term[at] >= 'A' && term[at] <= 'Z';
}

TermKind kind_of(std::string_view term) {
    if (term.starts_with(schema::entity_prefix)) return TermKind::entity;
    if (term.starts_with(schema::cross_script_prefix)) return TermKind::key;
    if (!starts_upper(term, 0) && !term.empty()) return is_function_word(term) ? TermKind::other : TermKind::word;
    // Body stems (Z), not title stems (ZS): every title word is also a body word.
    if (term.starts_with(schema::stem_prefix) && !starts_upper(term, schema::stem_prefix.size()))
        return is_function_word(term.substr(schema::stem_prefix.size())) ? TermKind::other : TermKind::word;
    return TermKind::other;
}

struct Scored {
    const ArticleTerm* term;
    double score; // how much it says about the article
};

// The best `limit` of `candidates`, best first (ties in term order, so the query is stable).
void keep_best(std::vector<Scored>& candidates, std::size_t limit) {
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Scored& a, const Scored& b) { return a.score > b.score; });
    if (candidates.size() > limit) candidates.resize(limit);
}

} // namespace

Q similar_query(const std::vector<ArticleTerm>& terms, double documents, const RankingWeights& weights,
                std::vector<std::string>* words) {
    std::vector<Scored> entities, keys, plain;
    for (const ArticleTerm& t : terms) {
        // A term no other article has finds nothing but the article; one most articles of a
        // large enough archive have says nothing of it (as common words, query/compiler.cpp).
        if (t.frequency < 2 || (documents >= 100 && t.frequency * 2 > documents)) continue;
        const double idf = std::log(std::max(documents / t.frequency, 1.0));
        switch (kind_of(t.term)) {
        case TermKind::entity:
            entities.push_back({&t, std::min<double>(t.wdf, schema::aboutness_full) * idf});
            break;
        case TermKind::key:
            keys.push_back({&t, std::min<double>(t.wdf, 3) * idf});
            break;
        case TermKind::word:
            plain.push_back({&t, (1 + std::log(static_cast<double>(std::max<Xapian::termcount>(t.wdf, 1)))) * idf});
            break;
        case TermKind::other:
            break;
        }
    }
    keep_best(entities, max_entities);
    keep_best(keys, max_keys);
    keep_best(plain, weights.like_word_count);

    std::vector<Q> parts;
    // An entity weighs by how much the article is about it: a passing mention a quarter.
    if (weights.like_entities > 0)
        for (const Scored& s : entities)
            parts.emplace_back(Q::OP_SCALE_WEIGHT, Q(s.term->term),
                               weights.like_entities * (0.25 + 0.75 * schema::aboutness(s.term->wdf)));
    if (weights.like_keys > 0)
        for (const Scored& s : keys)
            parts.emplace_back(Q::OP_SCALE_WEIGHT, Q(s.term->term),
                               weights.like_keys * std::min<double>(s.term->wdf, 3) / 3);
    if (weights.like_words > 0 && !plain.empty()) {
        const double best = plain.front().score;
        for (const Scored& s : plain) {
            if (s.score <= 0) break; // in every article: it would match without weighing
            parts.emplace_back(Q::OP_SCALE_WEIGHT, Q(s.term->term), weights.like_words * s.score / best);
            if (words && !starts_upper(s.term->term, 0)) words->push_back(s.term->term);
        }
    }
    // Nothing to go by: a clause that matches nothing (the bare prefix is no article's term),
    // not an empty query, which would leave the query's filters matching everything.
    if (parts.empty()) return Q(std::string(schema::entity_prefix));
    return Q(Q::OP_OR, parts.begin(), parts.end());
}

std::optional<SimilarArticle> similar_article(const Archive& archive, std::string_view id,
                                              const RankingWeights& weights) {
    const Xapian::Database& db = archive.db();
    SimilarArticle out;
    out.id_term = schema::id_term(id);
    // Found by a match (as Searcher::article): a remote shard answers it in one exchange.
    Xapian::Enquire enquire(db);
    enquire.set_query(Q(out.id_term));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet found = enquire.get_mset(0, 1);
    if (found.empty()) return std::nullopt;
    const Xapian::docid docid = *found.begin();

    std::vector<ArticleTerm> terms;
    std::set<std::string> function_keys;
    for (auto it = db.termlist_begin(docid); it != db.termlist_end(docid); ++it) {
        std::string term = *it;
        if (kind_of(term) != TermKind::other)
            terms.push_back({std::move(term), it.get_wdf(), 0});
        else if (!starts_upper(term, 0)) // a function word: "The" opening a sentence has the key "th"
            function_keys.insert(join(schema::cross_script_prefix, sound_key(romanise_letters(term))));
    }
    std::erase_if(terms, [&](const ArticleTerm& t) { return function_keys.contains(t.term); });
    // The whole archive's frequencies: asked of every remote shard at once.
    if (archive.remote()) {
        std::vector<std::string> names;
        names.reserve(terms.size());
        for (const ArticleTerm& t : terms) names.push_back(t.term);
        archive.prefetch(names, {});
    }
    for (ArticleTerm& t : terms) t.frequency = archive.term_frequency(t.term);
    out.query = similar_query(terms, db.get_doccount(), weights, &out.words);
    return out;
}

namespace {

void collect_similar(const Node& node, const Archive& archive, const RankingWeights& weights, SimilarArticles& out) {
    if (node.kind == NodeKind::like && !out.contains(node.text)) {
        std::optional<SimilarArticle> similar = similar_article(archive, node.text, weights);
        if (!similar) throw QueryError(node.column, "no article with the id '" + node.text + "' in the index");
        out.emplace(node.text, std::move(*similar));
    }
    for (const auto& child : node.children) collect_similar(*child, archive, weights, out);
}

} // namespace

SimilarArticles resolve_similar(const Node& root, const Archive& archive, const RankingWeights& weights) {
    SimilarArticles out;
    collect_similar(root, archive, weights, out);
    return out;
}

} // namespace sova::detail
