// Searching an index: Sova's query language, ranked hits with snippets.
#pragma once

#include <sova/article.hpp>
#include <sova/entity.hpp>
#include <sova/error.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sova {

namespace detail {
class SearcherImpl;
}

/// The weights of Sova's ranking (docs/QUERY.md, "Ranking"): every signal is a term of one
/// BM25 sum, and each weight below was chosen on the dev halves of the collections of
/// bench/eval (bench/eval/README.md, "Ranking"). Change them to experiment; 0 turns a signal off.
struct RankingWeights {
    double title = 0.25; ///< Factor on a word's BM25 weight in the title (also counted in the body).
    /// Factor on the typed form's own BM25 weight, added to that of the word (its stems in
    /// each language, weighed as one term).
    double exact = 0.25;
    double cross_script = 1.0; ///< Factor on matches by cross-script key (the name in another script or spelling).
    /// Coordination: for each query word an article has, a bonus of this factor times the word's
    /// IDF (log(N / df)), so articles with more of the query's weight rank higher. Applies to
    /// queries of two words; `coordination_long` to queries of `long_query` words or more;
    /// linear in between. A large value (1e5) is the strict rule "more words always first".
    double coordination = 2.0;
    double coordination_long = 1.0;
    unsigned long_query = 5;
    /// Factor on the BM25 weight of two adjacent query words found within `proximity_window`
    /// positions of each other, in either order (OP_NEAR of their typed forms).
    double proximity = 0.0;
    unsigned proximity_window = 4;
    /// The lead (the opening words of an article's first paragraph of prose): a query word
    /// found there adds this factor times its IDF. Needs an index built with leads.
    double lead = 1.0;
    /// A typed word the analyser splits ("file-system", "COVID-19") matches as a phrase, and
    /// also by its parts apart (each ranked as a word), their weight scaled by this (0: phrase only).
    double split_parts = 1.0;
    double bm25_k1 = 1.2; ///< BM25's term-frequency saturation (Xapian's default: 1).
    double bm25_b = 0.75; ///< BM25's length normalisation (Xapian's default: 0.5).
    /// More like this (`like:ID`, docs/QUERY.md): factors on the BM25 weight of the article's
    /// entities (by its salience of each), of its names' cross-script keys, and of its
    /// `like_word_count` words and stems with the highest TF-IDF (by that TF-IDF).
    double like_entities = 4.0;
    double like_keys = 2.0;
    double like_words = 0.25;
    unsigned like_word_count = 25;
};

/// The order of hits (SearchOptions::sort).
enum class Sort {
    relevance, ///< Best match first (the ranking of docs/QUERY.md).
    newest,    ///< Newest first; undated articles last; then by id.
    oldest,    ///< Oldest first; undated articles last (first in an index built before facets); then by id.
};

/// What a search can count among its matches (SearchOptions::facets).
enum class Facet {
    lang,   ///< The article's language.
    source, ///< The source (outlet) as the input named it.
    year,   ///< The year of the article's date.
    month,  ///< The month of the article's date.
    entity, ///< The entities of the best matches (SearchResults::facets).
};

/// The name of a sort order as the command line and the HTTP API write it ("newest").
std::string_view sort_name(Sort sort);
/// The sort order of this name; throws OptionError("sort") listing the names there are.
Sort parse_sort(std::string_view name);
/// The name of a facet as the command line, the HTTP API and JSON write it ("lang").
std::string_view facet_name(Facet facet);
/// The facet of this name; throws OptionError("facet") listing the names there are.
Facet parse_facet(std::string_view name);

/// Settings of one search.
struct SearchOptions {
    std::size_t limit = 10;         ///< Hits to return.
    std::size_t offset = 0;         ///< Hits to skip (paging).
    std::vector<std::string> langs; ///< Only articles in these languages (ISO 639-1); empty: all.
    std::string since;              ///< Only articles dated on or after this ISO date ("2023", "2023-08-01").
    std::string until;              ///< Only articles dated on or before this ISO date.
    bool require_all = false;       ///< Every word must match (otherwise all-word matches rank first).
    bool lenient = false;           ///< Treat stray query syntax as words instead of failing.
    bool cross_script = true;       ///< Also match names in other scripts and spellings (XK keys).
    /// Link the people, places and organisations the query names to the index's entities and
    /// rank articles about them higher (docs/QUERY.md, "Entities").
    bool entities = true;
    std::size_t snippet_bytes = 240; ///< Approximate snippet length.
    bool snippets = true;            ///< Build snippets (a batch run for evaluation does without).
    /// Count Hit::matched, the clauses each hit matches: a read of each hit's terms (about a
    /// tenth of a batch search's time). A batch run that does not show it does without (0).
    bool count_matched = true;
    /// Work out Hit::entity_score, the part of each hit's score that linked entities added: a
    /// second, small match (with remote shards, one more exchange with each). A batch run that
    /// does not show it does without (0).
    bool entity_scores = true;
    /// After this many seconds of matching, the matches are no longer counted exactly (up to
    /// 1,000): the hits are the same, SearchResults::total an estimate (Xapian's
    /// Enquire::set_time_limit; Xapian 1.4 cannot stop a match part way). 0: no limit.
    double time_limit_seconds = 10.0;
    std::size_t max_query_bytes = 16384;   ///< Longer queries are refused (QueryError).
    std::size_t max_query_terms = 1000;    ///< Queries with more words and phrases are refused.
    unsigned max_wildcard_expansion = 100; ///< A `prefix*` matches at most this many words (the most frequent).
    /// Weight of a linked entity's boost: an article gets up to this much (times the entity's
    /// share) by how much it is about the entity, from the entity's salience in it
    /// (docs/ENTITIES.md, "Salience"). 0 links without boosting. The default was chosen on
    /// the judged collection in bench/eval/entities (bench/eval/README.md).
    double entity_weight = 8.0;
    RankingWeights ranking;      ///< The weights of the other signals.
    Sort sort = Sort::relevance; ///< The order of the hits.
    /// What to count among the matches, in this order: languages, sources, years and months
    /// over every match (up to `facet_matches`; SearchResults::facet_counts), the entities of
    /// the best `facet_depth` matches (SearchResults::facets).
    std::vector<Facet> facets;
    /// Languages, sources, years and months are counted exactly from the query's posting lists
    /// when it is made of words and term filters (no phrase, date range or `entity:`) and they
    /// hold at most 10 times this many postings, in a local archive; otherwise in Xapian's
    /// match, exactly up to this many matches: a search with more counts the first this many
    /// Xapian checks (SearchResults::facet_counts_exact).
    std::size_t facet_matches = 100000;
    std::size_t facet_depth = 1000; ///< Entities are counted among this many best matches.
    /// Correct a query typed on the wrong keyboard layout or with a word the index does not
    /// have (docs/QUERY.md, "Corrections"): SearchResults::correction. false: search exactly
    /// what was typed.
    bool correct = true;
};

/// A better reading of the query (docs/QUERY.md, "Corrections").
struct Correction {
    std::string query;    ///< The corrected query text.
    bool applied = false; ///< true: the hits are the corrected query's; false: only suggested.
    std::string reason;   ///< "spelling" or "layout".
};

/// An entity the query names, as the searcher linked it.
struct QueryEntity {
    std::string text;   ///< The query words that name it.
    std::string key;    ///< Its key (see Entity::key).
    std::string type;   ///< "person", "org", "place" or "other".
    std::string name;   ///< Its name in the index.
    double share = 1.0; ///< Its part of the entity boost: below 1 when the name is ambiguous.
    std::string reason; ///< "unique", "context" (settled by the other query words), "prior" (by frequency, half
                        ///< weight), "forced" (entity:).
};

/// How often an entity occurs among the matches.
struct EntityCount {
    Entity entity; ///< key, type, name (mentions and salience unused)
    std::uint64_t articles = 0;
};

/// How many matching articles have one value of a facet (Facet::lang, source, year, month).
struct FacetCount {
    Facet facet = Facet::lang;
    /// "uk"; "Kyiv Herald"; "2023"; "2023-08". "" counts the articles without one (no
    /// language, no source, no date; for months also a date without a month).
    std::string key;
    std::uint64_t articles = 0;
};

/// A highlighted range of a snippet, in bytes.
struct Highlight {
    std::size_t begin = 0;
    std::size_t end = 0;
};

/// One ranked hit.
struct Hit {
    std::size_t rank = 0; ///< 1-based, counting the offset.
    std::string id;
    std::string title;
    std::string url;
    std::string date;
    std::string lang;
    std::string source;
    double score = 0;                  ///< The ranking weight (the same as `weight`).
    double weight = 0;                 ///< The ranking weight: falls with the rank (TREC run files).
    unsigned matched = 0;              ///< Top-level query clauses the article matches.
    unsigned clauses = 0;              ///< Top-level query clauses in the query.
    std::string snippet;               ///< A passage of the article around the matched words.
    std::vector<Highlight> highlights; ///< Matched words inside `snippet`.
    std::vector<Entity> entities;      ///< The article's entities, most salient first (at most 20).
    double entity_score = 0;           ///< The part of `score` that linked entities added.
    /// The article's further input fields (`author`, `tags` …: Article::extra_json) as a JSON
    /// object, verbatim; "" when it had none.
    std::string fields;
};

/// The answer to one search.
struct SearchResults {
    std::vector<Hit> hits;
    std::uint64_t total = 0;           ///< Estimated number of matching articles.
    bool total_exact = false;          ///< Whether `total` is exact.
    std::string description;           ///< The compiled Xapian query, for debugging (`--explain`).
    std::vector<QueryEntity> entities; ///< Entities the query names (SearchOptions::entities).
    /// Entities of the best matches, most frequent first (Facet::entity in SearchOptions::facets).
    std::vector<EntityCount> facets;
    /// Languages and sources (most frequent first), years and months (in time order, "" last) of
    /// the matches, facet by facet in the order SearchOptions::facets asked for them.
    std::vector<FacetCount> facet_counts;
    /// Whether facet_counts counted every match (see SearchOptions::facet_matches).
    bool facet_counts_exact = true;
    /// Shards that did not answer (OpenOptions::allow_partial): the hits come from the others.
    std::vector<std::string> missing;
    /// The correction searched instead of the query as typed (`applied`), or suggested.
    std::optional<Correction> correction;
};

/// Settings of an entity listing (`sova entities`).
struct EntityListOptions {
    std::string type;               ///< Only this type ("person", "org", "place", "other"); empty: all.
    std::vector<std::string> langs; ///< Only articles in these languages; empty: all.
    std::string since;              ///< Only articles dated on or after this ISO date.
    std::string until;              ///< Only articles dated on or before this ISO date.
    std::size_t limit = 50;         ///< Entities to return, most mentioned first.
};

/// How a Searcher reaches an archive of several shards (docs/SHARDS.md).
struct OpenOptions {
    /// When a shard cannot be opened, or a remote one stops answering, search the others and
    /// name it in SearchResults::missing, instead of failing with an IndexError naming it.
    bool allow_partial = false;
    double connect_timeout_seconds = 10.0; ///< To connect to a remote shard (`tcp://`).
    double timeout_seconds = 30.0;         ///< For any one exchange with a remote shard.
};

/// A read-only view of an index. Move-only. One Searcher must not be used by two threads at
/// once; open one per thread (opening is cheap).
class Searcher {
public:
    /// Opens the index at `path`. Throws IndexError when there is no readable index there,
    /// OptionError ("path") when `path` is empty.
    static Searcher open(const std::string& path);
    /// Opens an archive of shards searched as one: it answers as one index of all their
    /// articles would (docs/SHARDS.md). Each location is an index folder, a Xapian stub file
    /// (`auto PATH`, `remote :HOST:PORT` and `remote PROGRAM ARGS` lines), or
    /// `tcp://HOST:PORT` (a `xapian-tcpsrv` serving an index folder). Throws IndexError naming
    /// a shard that cannot be opened (see OpenOptions::allow_partial), OptionError
    /// ("path") when `locations` is empty or holds an empty one.
    static Searcher open(const std::vector<std::string>& locations, const OpenOptions& options = {});

    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;
    Searcher(const Searcher&) = delete;
    Searcher& operator=(const Searcher&) = delete;
    ~Searcher();

    /// Runs `query` (Sova query syntax, see docs/QUERY.md). Throws QueryError for bad syntax.
    SearchResults search(std::string_view query, const SearchOptions& options = {});

    /// The entities of the index (or of the articles the options select), by the number of
    /// articles holding each, most first.
    std::vector<EntityCount> entities(const EntityListOptions& options = {});
    /// Shards that did not answer (OpenOptions::allow_partial), by name; empty for one index.
    std::vector<std::string> missing() const;

    /// Number of articles in the index.
    std::uint64_t document_count() const;

    /// The stored article with this id, or nothing when the archive has none.
    std::optional<StoredArticle> article(std::string_view id);

    /// Sees changes committed (or an index swapped in) since the Searcher was opened or last
    /// reopened. Cheap when nothing changed: a few small file reads for an index folder; remote
    /// shards are asked at most once a second.
    void reopen();

private:
    explicit Searcher(std::unique_ptr<detail::SearcherImpl> impl);
    std::unique_ptr<detail::SearcherImpl> m_impl;
};

} // namespace sova
