// How Sova prints hits, entities and summaries: text for people, JSON for tools. Shared by the
// command line and the HTTP server, so that both give a hit the same object.
#pragma once

#include <sova/analysis.hpp>
#include <sova/index.hpp>
#include <sova/search.hpp>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace sova::output {

/// "1 article", "2 articles": `n` with the word that fits it.
std::string plural(std::uint64_t n, const char* one, const char* many);

/// Writes one hit as readable text; `color` adds ANSI bold to the title and matched words;
/// `explain` adds what linked entities added to its score.
std::string format_hit_text(const Hit& hit, bool color, bool explain = false);

/// `--explain`: the entities the query names and the compiled query.
std::string format_explanation(const SearchResults& results);

/// Entity counts (`--facet entity`, `sova entities`) as a table.
std::string format_facets_text(const std::vector<EntityCount>& counts);

/// The same as JSON Lines: {"key","type","name","articles"}; after search hits (`after_hits`),
/// each starts with "facet":"entity".
std::string format_facets_json(const std::vector<EntityCount>& counts, bool after_hits = false);

/// The facets a search counted (SearchOptions::facets), in the order asked, as JSON Lines
/// after its hits: {"facet":"lang","key":"uk","articles":N} for languages, sources, years and
/// months ("key":"" counts the articles without one), format_facets_json's for entities.
std::string format_search_facets_json(const SearchResults& results, const SearchOptions& options);

/// The same for people: a table a facet, years and months as a timeline (one bar a period,
/// the periods without articles included), and how far the counting went when it stopped early.
std::string format_search_facets_text(const SearchResults& results, const SearchOptions& options);

/// `--json` of a search with shards missing (OpenOptions::allow_partial): the line
/// {"partial":true,"missing":["HOST:PORT",…]} before the hits; "" when none is missing.
std::string format_partial_json(const std::vector<std::string>& missing);

/// Writes one hit as a JSON object on one line (fields documented in docs/CLI.md).
std::string format_hit_json(const Hit& hit);

/// One search as a single JSON object (`sova search --format response`, the HTTP server's
/// `/api/search`): {"query","total","total_exact","offset","hits":[…],"facets":[…],"entities":[…]}
/// and "partial"/"missing" when shards did not answer, "facets_exact" when languages, sources,
/// years or months were counted; each hit is the object format_hit_json writes, each facet one
/// format_search_facets_json writes, each entity one the query names (QueryEntity). Ends with
/// a newline.
std::string format_search_response(std::string_view query, const SearchResults& results, const SearchOptions& options);

/// An entity listing as a single JSON object: {"entities":[{"key","type","name","articles"}…]}
/// and "partial"/"missing" when shards did not answer. Ends with a newline.
std::string format_entities_response(const std::vector<EntityCount>& counts, const std::vector<std::string>& missing);

/// A stored article as one JSON object: {"id","title","url","date","lang","lang_detected",
/// "source","text","entities":[…]} and its further input fields. Ends with a newline.
std::string format_article_json(const StoredArticle& stored);

/// The closing line of a search: how many hits were shown of how many.
std::string format_search_summary(const SearchResults& results, const SearchOptions& options);

/// The summary of an indexing run.
std::string format_index_summary(const IndexingStats& stats, const std::string& index, std::uint64_t documents);

/// The line on stderr after an indexing run that `signal` ("SIGINT") interrupted: whether the
/// input was read to its end, and what the index kept.
std::string format_interruption(const IndexingStats& stats, const char* signal);

/// `--batch --format trec`: the query's hits as TREC run lines `qid Q0 docid rank score tag`
/// (scores strictly falling with the rank, as trec_eval expects).
std::string format_trec(const std::string& qid, const SearchResults& results, const std::string& tag);

/// `--batch` (JSON): one line per query: {"qid","query","ms","total","hits":[{rank,id,title,score,weight}]},
/// with "partial":true and "missing":[…] when shards did not answer, "facets" (and
/// "facets_exact") as format_search_response writes them when the options ask for facets.
std::string format_batch_json(const std::string& qid, const std::string& query, const SearchResults& results,
                              const SearchOptions& options, double ms);

/// The closing line of a batch on stderr: queries, time, throughput, latency percentiles.
std::string format_latencies(std::vector<double> milliseconds, double seconds, std::size_t failed);

/// `sova analyze` output: a table for people.
std::string format_analysis_text(const Analysis& analysis, const std::vector<Entity>& entities = {});

/// `sova analyze --json` output: one JSON object (fields documented in docs/CLI.md).
std::string format_analysis_json(const Analysis& analysis, const std::vector<Entity>& entities = {});

/// The one-line progress report shown on a terminal while indexing.
std::string format_progress(const IndexingStats& stats);

} // namespace sova::output
