// sova::Searcher: parse, compile, run with BM25, and dress hits with stored data and snippets.
#include "query/archive.hpp"
#include "query/compiler.hpp"
#include "query/correction.hpp"
#include "query/facets.hpp"
#include "query/match_set.hpp"
#include "query/more_like_this.hpp"
#include "query/parser.hpp"
#include "query/snippet.hpp"
#include "query/xapian_statistics.hpp"
#include "schema/damage.hpp"
#include "schema/date.hpp"
#include "schema/document_data.hpp"
#include "schema/index_folder.hpp"
#include "schema/schema.hpp"
#include "tokenizers/analyzer.hpp"
#include "tokenizers/language.hpp"
#include "tokenizers/stemmer.hpp"

#include <sova/search.hpp>

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <set>
#include <system_error>

namespace sova {

namespace detail {

class SearcherImpl {
public:
    SearcherImpl(const std::vector<std::string>& locations, const ArchiveOptions& options) {
        try {
            retry_changing(
                [&] {
                    m_archive = std::make_unique<Archive>(locations, options);
                    load_languages();
                },
                [] {});
        } catch (const Xapian::Error& e) {
            throw schema::index_failure(join_names(locations), e, "cannot open the index");
        }
    }

    // Opens the index afresh through its folder (a swap may have put a new generation in
    // place), retrying while a writer's commit or a swap changes it under us.
    void reopen() {
        guarded("cannot open the index", [&] {
            if (m_archive->update()) load_languages();
        });
    }

    std::optional<StoredArticle> article(std::string_view id) {
        return guarded("cannot read the index", [&]() -> std::optional<StoredArticle> {
            Xapian::Enquire enquire(m_archive->db());
            enquire.set_query(Xapian::Query(schema::id_term(id)));
            enquire.set_weighting_scheme(Xapian::BoolWeight());
            Xapian::MSet found = enquire.get_mset(0, 1);
            if (found.empty()) return std::nullopt;
            return schema::decode_document_data(found.begin().get_document().get_data());
        });
    }

    std::uint64_t document_count() const {
        try {
            return m_archive->db().get_doccount();
        } catch (const Xapian::Error& e) {
            throw schema::index_failure(m_archive->name(), e, "cannot read the index");
        }
    }

    std::vector<std::string> missing() const { return m_archive->missing(); }

    std::vector<EntityCount> entities(const EntityListOptions& options) {
        return guarded("cannot read the index", [&] { return list_entities(options); });
    }

    SearchResults search(std::string_view query, const SearchOptions& options) {
        return guarded("search failed", [&] {
            const ArchiveVocabulary vocabulary(*m_archive, m_stem_languages);
            return search_with_correction(
                query, options, thread_analyzer(), vocabulary,
                [this](std::string_view text, const SearchOptions& o) { return run(text, o); });
        });
    }

private:
    static std::string join_names(const std::vector<std::string>& locations) {
        std::string joined;
        for (const auto& location : locations) joined += (joined.empty() ? "" : ", ") + location;
        return joined;
    }

    // Runs `work`, again after the errors a concurrent commit or swap can cause, and once more
    // after a network error, with remote shards connected again (or left out, when partial
    // answers are allowed).
    template <typename Work> auto guarded(std::string_view doing, Work&& work) -> decltype(work()) {
        try {
            try {
                return retry_changing(work, [&] { refresh(); });
            } catch (const Xapian::NetworkError& e) {
                if (!m_archive->remote()) throw;
                m_archive->recover(e); // throws when a shard is lost, unless partial answers are allowed
                load_languages();
                return retry_changing(work, [&] { refresh(); });
            }
        } catch (const Xapian::Error& e) {
            throw schema::index_failure(m_archive->name(), e, doing);
        }
    }

    // After an error a concurrent commit or swap can cause: opens what is there now. When
    // neither the generation nor the revision changed, nobody wrote: the index is damaged.
    void refresh() {
        m_archive->refresh();
        load_languages();
    }

    // Languages present in the index, by script, most frequent first: the stemmers a query
    // word of that script is stemmed with.
    void load_languages() {
        m_stem_languages = index_languages(m_archive->db());
        const std::string without_aboutness = m_archive->without_feature(schema::feature_aboutness);
        m_aboutness_terms = without_aboutness.empty();
        m_order_keys = m_archive->without_feature(schema::feature_order).empty();
        m_name_terms = m_archive->without_feature(schema::feature_names).empty();
        m_facet_values = m_archive->without_feature(schema::feature_facets).empty();
        m_columns.clear(); // read from this database again when they pay
        // The older boost is a posting source of Sova's own, which Xapian's server cannot run.
        if (!m_aboutness_terms && m_archive->remote())
            throw IndexError(without_aboutness, "was built by an earlier version of Sova, without the terms a search "
                                                "with remote shards needs; re-index it into a new folder");
    }

    // Xapian refuses negative weight factors deep inside a search; say which one, up front.
    static void check_weights(const SearchOptions& options) {
        const RankingWeights& w = options.ranking;
        constexpr double unbounded = std::numeric_limits<double>::max();
        const struct {
            const char* name;
            double value;
            double most;
        } weights[] = {{"title", w.title, unbounded},
                       {"exact", w.exact, unbounded},
                       {"cross_script", w.cross_script, unbounded},
                       {"coordination", w.coordination, unbounded},
                       {"coordination_long", w.coordination_long, unbounded},
                       {"proximity", w.proximity, unbounded},
                       {"lead", w.lead, unbounded},
                       {"split_parts", w.split_parts, unbounded},
                       {"bm25_k1", w.bm25_k1, unbounded},
                       {"bm25_b", w.bm25_b, 1.0},
                       {"like_entities", w.like_entities, unbounded},
                       {"like_keys", w.like_keys, unbounded},
                       {"like_words", w.like_words, unbounded},
                       {"entity_weight", options.entity_weight, unbounded}};
        for (const auto& weight : weights)
            if (!(weight.value >= 0 && weight.value <= weight.most)) // also refuses NaN and infinity
                throw Error(std::string("ranking weight ") + weight.name + " must be a finite number of 0 or more" +
                            (weight.most < unbounded ? " and at most 1" : ""));
    }

    // BM25 with the ranking's k1 and b; Xapian's other defaults (k2 = 0, k3 = 1, min_normlen 0.5).
    static Xapian::BM25Weight bm25(const RankingWeights& w) {
        return Xapian::BM25Weight(w.bm25_k1, 0, 1, w.bm25_b, 0.5); // checked by check_weights
    }

    // Top-level clauses a hit matches, from the terms it matched (phrases count when all their
    // words are present). Hit::matched.
    static unsigned matched_clauses(const Xapian::Enquire& enquire, const Xapian::MSetIterator& it,
                                    const CompiledQuery& compiled) {
        std::set<std::string> terms(enquire.get_matching_terms_begin(it), enquire.get_matching_terms_end(it));
        unsigned matched = 0;
        for (const auto& clause : compiled.clause_terms) {
            bool any = false;
            for (const auto& term : clause)
                if (terms.count(term)) any = true;
            matched += any;
        }
        return matched;
    }

    // Stems of words the index has come from its lexicon while `analyzer` compiles a query and
    // makes snippets: no dictionary load.
    class LexiconScope {
    public:
        LexiconScope(Analyzer& analyzer, const Archive& archive) : m_stemmers(analyzer.stemmers()) {
            m_stemmers.set_lexicon([&archive](std::string_view lang, std::string_view lower, std::string& stem) {
                const Xapian::Database& db = archive.db();
                std::string value = archive.lexicon(schema::lexicon_key(lang, lower));
                if (!value.empty()) {
                    stem = value.substr(1);
                    return true;
                }
                // A word the index has, but never in an article of this language (or its stems
                // would be in the lexicon): stemming it in this language could only reach other
                // forms of a word of another language. Not worth loading the dictionary (~0.3 s).
                if (db.term_exists(std::string(lower))) {
                    stem.clear();
                    return true;
                }
                return false;
            });
        }
        LexiconScope(const LexiconScope&) = delete;
        LexiconScope& operator=(const LexiconScope&) = delete;
        ~LexiconScope() { m_stemmers.set_lexicon(nullptr); }

    private:
        Stemmers& m_stemmers;
    };

    // Parse and compile.
    CompiledQuery compile(std::string_view query, const SearchOptions& options, Analyzer& analyzer) const {
        CompileOptions compile_options;
        compile_options.filters = option_filters(options.langs, options.since, options.until);
        check_weights(options);
        ParseLimits limits;
        limits.max_bytes = options.max_query_bytes;
        limits.max_terms = options.max_query_terms;
        NodePtr root = parse_query(query, options.lenient, limits);
        compile_options.require_all = options.require_all;
        compile_options.cross_script = options.cross_script;
        compile_options.max_wildcard_expansion = options.max_wildcard_expansion;
        compile_options.ranking = options.ranking;
        compile_options.link_entities = options.entities;
        compile_options.entity_weight = options.entity_weight;
        compile_options.aboutness_terms = m_aboutness_terms;
        compile_options.similar = resolve_similar(*root, *m_archive, options.ranking);
        XapianStatistics statistics(*m_archive, m_stem_languages);
        if (m_archive->remote()) {
            // What the compilation asks of the archive, asked of every shard at once: a few
            // round trips instead of one for each term and name (each pass may find more).
            statistics.set_recording(true);
            statistics.set_name_terms(m_name_terms);
            for (int pass = 0; pass < 3; ++pass) {
                CompiledQuery compiled = compile_query(*root, analyzer, statistics, compile_options);
                if (!statistics.missed()) return compiled; // every answer was the archive's own
                statistics.prefetch();
            }
            statistics.set_recording(false);
        }
        return compile_query(*root, analyzer, statistics, compile_options);
    }

    // What the entity boost added to each hit: the boost alone, on just these hits (found by
    // their id terms: a match decider would not run on a remote shard).
    std::map<Xapian::docid, double> entity_scores(const CompiledQuery& compiled, const std::vector<Hit>& hits,
                                                  const SearchOptions& options) const {
        std::map<Xapian::docid, double> scores;
        if (compiled.entity_boost.empty() || hits.empty() || !options.entity_scores) return scores;
        std::vector<Xapian::Query> ids;
        ids.reserve(hits.size());
        for (const Hit& hit : hits) ids.emplace_back(schema::id_term(hit.id));
        Xapian::Enquire boost(m_archive->db());
        boost.set_query(Xapian::Query(Xapian::Query::OP_FILTER, compiled.entity_boost,
                                      Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end())));
        boost.set_weighting_scheme(bm25(options.ranking));
        Xapian::MSet boosted = boost.get_mset(0, static_cast<Xapian::doccount>(hits.size()));
        for (auto it = boosted.begin(); it != boosted.end(); ++it) scores[*it] = it.get_weight();
        return scores;
    }

    // Hits whose weights differ only by float rounding are equal: Xapian sums a hit's weight in
    // an order that depends on how the archive is split, so such hits are put in order by their
    // order keys (newest, then id) here, among the `tie_margin` hits either side of the page,
    // so that shards answer exactly as one index. The page: `count` hits from `skip`.
    static constexpr Xapian::doccount tie_margin = 10;
    // Facets counted from posting lists read at most this many postings for each match
    // SearchOptions::facet_matches allows (a word in every article of a large archive costs
    // one posting a match; a query of several, a few).
    static constexpr std::uint64_t facet_postings_per_match = 10;
    static std::vector<Xapian::MSetIterator> tie_window(const Xapian::MSet& mset, Xapian::doccount skip,
                                                        Xapian::doccount count, bool ties) {
        std::vector<Xapian::MSetIterator> items;
        for (auto it = mset.begin(); it != mset.end(); ++it) items.push_back(it);
        if (ties && !items.empty()) {
            const double quantum = 1e-9 * std::max(1.0, mset.get_max_attained());
            auto key = [quantum](const Xapian::MSetIterator& it) { return std::llround(it.get_weight() / quantum); };
            std::stable_sort(items.begin(), items.end(), [&](const auto& a, const auto& b) {
                const auto ka = key(a);
                const auto kb = key(b);
                return ka != kb ? ka > kb : a.get_sort_key() < b.get_sort_key();
            });
        }
        if (skip >= items.size()) return {};
        items.erase(items.begin(), items.begin() + skip);
        if (items.size() > count) items.resize(count);
        return items;
    }

    // The stored articles of a page's hits from remote shards, asked for at once (a match on
    // their id terms, whose documents come in one request): one by one, each would be a round
    // trip, and the MSet's own fetch() would also send those of the hits beyond the page.
    // Xapian 1.4's MSet::fetch() reads out of bounds past the first item, so a fresh MSet.
    std::map<Xapian::docid, Xapian::Document> page_documents(const std::vector<Xapian::MSetIterator>& page) const {
        std::map<Xapian::docid, Xapian::Document> documents;
        if (!m_archive->remote() || page.empty() || !m_order_keys) return documents;
        std::vector<Xapian::Query> ids;
        ids.reserve(page.size());
        for (const auto& it : page) {
            // Order keys end with the id term (an old index sorted by date has none: one by one).
            std::string key = it.get_sort_key();
            if (key.size() <= schema::order_date_bytes || key[schema::order_date_bytes] != schema::id_prefix[0])
                return documents;
            ids.emplace_back(key.substr(schema::order_date_bytes));
        }
        Xapian::Enquire enquire(m_archive->db());
        enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end()));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        Xapian::MSet found = enquire.get_mset(0, static_cast<Xapian::doccount>(page.size()));
        found.fetch();
        for (auto it = found.begin(); it != found.end(); ++it) documents.emplace(*it, it.get_document());
        return documents;
    }

    // The order of the hits. Equal weights are listed newest first, then by id: the order does
    // not depend on how the archive is split into shards (an index without the order keys
    // lists them by document number, and its undated articles first when sorted oldest first).
    void set_order(Xapian::Enquire& enquire, Sort sort) const {
        switch (sort) {
        case Sort::relevance:
            if (m_order_keys) enquire.set_sort_by_relevance_then_value(schema::order_slot, false);
            break;
        case Sort::newest:
            m_order_keys ? enquire.set_sort_by_value(schema::order_slot, false)
                         : enquire.set_sort_by_value_then_relevance(schema::date_slot, true);
            break;
        case Sort::oldest:
            m_facet_values ? enquire.set_sort_by_value(schema::oldest_slot, false)
                           : enquire.set_sort_by_value_then_relevance(schema::date_slot, false);
            break;
        }
    }

    // The languages, sources, years and months to count; refused when a shard lacks the values.
    ValueFacets value_facets(const SearchOptions& options) {
        ValueFacets facets(options.facets, m_facet_values, m_archive->remote() ? nullptr : &m_columns);
        if (facets.needs_facet_values())
            if (std::string shard = m_archive->without_feature(schema::feature_facets); !shard.empty())
                throw OptionError("facet", shard + " was built before language and source facets; re-index it "
                                                   "into a new folder to count them");
        return facets;
    }

    // Xapian 1.4 miscounts (counts some twice) when hits of several remote shards are ordered
    // by a value (also after relevance) and returned with the counts: remote archives count
    // them in a match of their own, of no hits.
    bool count_apart(const ValueFacets& facets) const { return !facets.empty() && m_archive->remote(); }

    // How many matches a search checks. Up to 1,000 costs little and spares users Xapian's
    // rough estimates for OR queries ("about 400" for 237); none beyond the page when the
    // total is known already (facets counted from posting lists), unless the query holds an
    // AND_MAYBE (a required clause), from under which Xapian 1.4's matcher, pruning by weight
    // early, drops hits that belong in the top ten (docs/QUERY.md, "Exact top hits"). Several
    // local shards are matched without pruning by weight (every match is weighed): pruning
    // over local shards drops such hits too (2.5 % of queries, docs/SHARDS.md). Facets counted
    // in the match check every match, up to a bound.
    Xapian::doccount matches_to_check(bool count_in_match, bool total_known, const Xapian::Query& query,
                                      const SearchOptions& options) const {
        Xapian::doccount check = 1000;
        if (m_archive->local_shards() > 1)
            check = m_archive->db().get_doccount();
        else if (total_known && !holds_operator(query, Xapian::Query::OP_AND_MAYBE))
            check = 0;
        if (count_in_match)
            check = std::max(check, static_cast<Xapian::doccount>(std::min<std::size_t>(
                                        options.facet_matches, std::numeric_limits<Xapian::doccount>::max())));
        return check;
    }

    // Every match of a search counting value facets in a local archive, from the query's
    // posting lists (match_set, at most facet_postings_per_match × facet_matches postings
    // read); nullopt when Xapian's match is to count them.
    std::optional<std::vector<Xapian::docid>> matches_from_postings(const ValueFacets& facets,
                                                                    const CompiledQuery& compiled,
                                                                    const SearchOptions& options) const {
        if (facets.empty() || m_archive->remote()) return std::nullopt;
        const std::uint64_t budget =
            options.facet_matches > std::numeric_limits<std::uint64_t>::max() / facet_postings_per_match
                ? std::numeric_limits<std::uint64_t>::max()
                : options.facet_matches * facet_postings_per_match;
        return match_set(m_archive->db(), compiled.matching.empty() ? compiled.query : compiled.matching, budget);
    }

    // The counts of the value facets, after the match (`check` as it checked).
    void count_facets(ValueFacets& facets, const Xapian::Query& query, Xapian::doccount check,
                      SearchResults& results) const {
        if (count_apart(facets)) {
            Xapian::Enquire counting(m_archive->db());
            counting.set_query(query);
            counting.set_weighting_scheme(Xapian::BoolWeight());
            facets.attach(counting, m_archive->db());
            counting.get_mset(0, 0, check);
        }
        results.facet_counts = facets.count();
        results.facet_counts_exact = results.total_exact && facets.counted() == results.total;
    }

    // A hit with its stored article and entities; its text, for the snippet, in `text`.
    static Hit dress(const Xapian::MSetIterator& it, const Xapian::Document& document, const CompiledQuery& compiled,
                     const SearchOptions& options, std::string& text) {
        Hit hit;
        hit.weight = it.get_weight();
        hit.score = hit.weight;
        hit.clauses = compiled.clauses;
        schema::StoredArticle stored = schema::decode_document_data(document.get_data());
        Article& a = stored.article;
        if (options.snippets) text = std::move(a.text);
        hit.id = std::move(a.id);
        hit.title = std::move(a.title);
        hit.url = std::move(a.url);
        hit.date = std::move(a.date);
        hit.lang = std::move(a.lang);
        hit.source = std::move(a.source);
        hit.fields = std::move(a.extra_json);
        hit.entities = std::move(stored.entities);
        return hit;
    }

    // Parse and compile, run the match, dress the hits.
    SearchResults run(std::string_view query, const SearchOptions& options) {
        Analyzer& analyzer = thread_analyzer();
        LexiconScope lexicon(analyzer, *m_archive);
        const Xapian::Database& db = m_archive->db();
        CompiledQuery compiled = compile(query, options, analyzer);

        Xapian::Enquire enquire(db);
        enquire.set_query(compiled.query);
        enquire.set_weighting_scheme(bm25(options.ranking));
        const Sort sort = compiled.ranked || options.sort != Sort::relevance ? options.sort : Sort::newest;
        set_order(enquire, sort);
        ValueFacets facets = value_facets(options);
        const std::optional<std::vector<Xapian::docid>> matches = matches_from_postings(facets, compiled, options);
        const bool count_in_match = !facets.empty() && !matches;
        if (count_in_match && !count_apart(facets)) facets.attach(enquire, db);
        if (options.time_limit_seconds > 0) enquire.set_time_limit(options.time_limit_seconds);
        const auto offset = static_cast<Xapian::doccount>(options.offset);
        const auto limit = static_cast<Xapian::doccount>(options.limit);
        const Xapian::doccount check = matches_to_check(count_in_match, matches.has_value(), compiled.query, options);
        // A few hits either side of the page, for weights equal but for rounding (tie_window).
        const bool ties = compiled.ranked && m_order_keys && options.sort == Sort::relevance;
        const Xapian::doccount margin = ties ? tie_margin : 0;
        const Xapian::doccount first = offset - std::min(offset, margin);
        const Xapian::doccount wanted = offset - first + limit + margin;
        Xapian::MSet mset = enquire.get_mset(first, wanted, std::max<Xapian::doccount>(first + wanted, check));

        SearchResults results;
        results.total = mset.get_matches_estimated();
        results.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
        results.description = compiled.query.get_description();
        for (const LinkedEntity& linked : compiled.entities) {
            Entity described{linked.key, "", "", 0, 0};
            describe(described);
            results.entities.push_back(
                QueryEntity{linked.text, linked.key, described.type, described.name, linked.share, linked.reason});
        }
        if (matches) {
            facets.count_all(*matches, db);
            results.total = matches->size();
            results.total_exact = true;
            results.facet_counts = facets.count();
            results.facet_counts_exact = true;
        } else if (count_in_match) {
            count_facets(facets, compiled.query, check, results);
        }
        if (std::find(options.facets.begin(), options.facets.end(), Facet::entity) != options.facets.end())
            results.facets = entity_facets(compiled.query, options.facet_depth);
        std::vector<Xapian::docid> docids;
        std::size_t rank = options.offset;
        const std::vector<Xapian::MSetIterator> page = tie_window(mset, offset - first, limit, ties);
        const std::map<Xapian::docid, Xapian::Document> documents = page_documents(page);
        std::vector<std::string> texts; // the hits' texts, for their snippets
        for (const Xapian::MSetIterator& it : page) {
            auto stored = documents.find(*it);
            Hit hit = dress(it, stored != documents.end() ? stored->second : it.get_document(), compiled, options,
                            texts.emplace_back());
            hit.rank = ++rank;
            // Every hit matches all clauses when there is one or all are required; otherwise
            // count them by the terms the hit matched.
            hit.matched = compiled.clauses <= 1 || compiled.all_required ? compiled.clauses
                          : options.count_matched                        ? matched_clauses(enquire, it, compiled)
                                                                         : 0;
            results.hits.push_back(std::move(hit));
            docids.push_back(*it);
        }
        // Together: a passage repeated by several hits of one source is boilerplate.
        if (options.snippets) add_snippets(results.hits, texts, compiled.terms, analyzer, options.snippet_bytes);
        std::map<Xapian::docid, double> boosts = entity_scores(compiled, results.hits, options);
        for (std::size_t i = 0; i < docids.size(); ++i)
            if (auto found = boosts.find(docids[i]); found != boosts.end())
                results.hits[i].entity_score = found->second;
        results.missing = m_archive->missing();
        return results;
    }

public:
    std::vector<EntityCount> list_entities(const EntityListOptions& options) {
        std::vector<Filter> filters = option_filters(options.langs, options.since, options.until);
        std::string prefix(schema::entity_prefix);
        std::map<std::string, std::uint64_t> counts;
        const Xapian::Database& db = m_archive->db();
        if (filters.empty()) {
            for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it)
                counts[(*it).substr(prefix.size())] = it.get_termfreq();
        } else {
            Xapian::Enquire enquire(db);
            enquire.set_query(filters_query(filters));
            enquire.set_weighting_scheme(Xapian::BoolWeight());
            enquire.set_docid_order(Xapian::Enquire::ASCENDING);
            Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                Xapian::TermIterator term = db.termlist_begin(*it);
                term.skip_to(prefix);
                for (; term != db.termlist_end(*it) && (*term).starts_with(prefix); ++term)
                    ++counts[(*term).substr(prefix.size())];
            }
        }
        std::vector<EntityCount> out;
        for (const auto& [key, count] : counts) {
            EntityCount c;
            c.entity.key = key;
            c.articles = count;
            describe(c.entity);
            if (!options.type.empty() && c.entity.type != options.type) continue;
            out.push_back(std::move(c));
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const EntityCount& a, const EntityCount& b) { return a.articles > b.articles; });
        if (out.size() > options.limit) out.resize(options.limit);
        return out;
    }

    // Type and name of an entity, from the index's entity vocabulary.
    void describe(Entity& entity) const {
        std::string described = m_archive->entity_description(entity.key);
        if (std::size_t tab = described.find('\t'); tab != std::string::npos) {
            entity.type = described.substr(0, tab);
            entity.name = described.substr(tab + 1);
        } else {
            entity.type = entity.key.substr(0, entity.key.find(':'));
        }
    }

private:
    // Entities among the best `depth` matches, by the number of articles holding each.
    std::vector<EntityCount> entity_facets(const Xapian::Query& query, std::size_t depth) {
        const Xapian::Database& db = m_archive->db();
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BM25Weight());
        Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(depth));
        std::map<std::string, std::uint64_t> counts;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            Xapian::TermIterator term = db.termlist_begin(*it);
            term.skip_to(std::string(schema::entity_prefix));
            for (; term != db.termlist_end(*it); ++term) {
                const std::string& t = *term;
                if (!t.starts_with(schema::entity_prefix)) break;
                ++counts[t.substr(schema::entity_prefix.size())];
            }
        }
        std::vector<EntityCount> out;
        for (const auto& [key, count] : counts) {
            EntityCount c;
            c.entity.key = key;
            c.articles = count;
            out.push_back(std::move(c));
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const EntityCount& a, const EntityCount& b) { return a.articles > b.articles; });
        if (out.size() > 50) out.resize(50);
        for (EntityCount& c : out) describe(c.entity);
        return out;
    }

    std::unique_ptr<Archive> m_archive;
    bool m_aboutness_terms = true; // every shard has the entities' XA terms
    bool m_order_keys = true;      // and every article its order key
    bool m_name_terms = true;      // and every name key its XN term
    bool m_facet_values = true;    // and every article its language, source and oldest-first values
    FacetColumns m_columns;        // the value facets' columns, once they pay
    std::map<Script, std::vector<std::string>> m_stem_languages;
};

} // namespace detail

Searcher::Searcher(std::unique_ptr<detail::SearcherImpl> impl) : m_impl(std::move(impl)) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

Searcher Searcher::open(const std::string& path) {
    return open(std::vector<std::string>{path});
}

Searcher Searcher::open(const std::vector<std::string>& locations, const OpenOptions& options) {
    if (locations.empty()) throw OptionError("path", "no index folder given");
    for (const std::string& location : locations)
        if (location.empty()) throw OptionError("path", "no index folder given (the path is empty)");
    detail::ArchiveOptions archive;
    archive.allow_partial = options.allow_partial;
    archive.connect_timeout_seconds = options.connect_timeout_seconds;
    archive.timeout_seconds = options.timeout_seconds;
    return Searcher(std::make_unique<detail::SearcherImpl>(locations, archive));
}

SearchResults Searcher::search(std::string_view query, const SearchOptions& options) {
    return m_impl->search(query, options);
}

std::uint64_t Searcher::document_count() const {
    return m_impl->document_count();
}
void Searcher::reopen() {
    m_impl->reopen();
}

std::optional<StoredArticle> Searcher::article(std::string_view id) {
    return m_impl->article(id);
}

std::vector<EntityCount> Searcher::entities(const EntityListOptions& options) {
    return m_impl->entities(options);
}

std::vector<std::string> Searcher::missing() const {
    return m_impl->missing();
}

} // namespace sova
