// TREC-style relevance evaluation: topics, qrels and run files, and the per-query metrics
// nDCG@10, MRR@10 and P@5 averaged overall and per kind of query.
//
// Conventions follow trec_eval (9.x) except where noted:
// - A run is ordered the way trec_eval orders it: by score, highest first, ties broken by
//   docid in reverse byte order; the rank column is checked but ignored. A docid twice under
//   one query is an error (trec_eval: "duplicate docs"); so is a (qid, docid) judged twice.
// - A document is relevant when its grade is >= 1 (trec_eval's default -l1). Unjudged
//   documents count as grade 0; negative grades (trec_eval's "in the pool, unjudged") too.
// - P@5 = relevant documents in the top 5 / 5, also when fewer than 5 were retrieved (P_5).
// Deviations:
// - nDCG@10 gains are 2^grade - 1 (Burges et al.); trec_eval's ndcg_cut.10 uses gain = grade.
//   Discount (1 / log2(rank + 1)) and ideal DCG (the query's judged grades, best first, top 10)
//   are trec_eval's: its ndcg_cut.10 on qrels with grades mapped to 2^g - 1 gives our numbers.
// - MRR is cut at rank 10 (0 when no relevant document is in the top 10); trec_eval's
//   recip_rank looks at the whole run. Within the top 10 they agree.
// - Averages run over the topics, not over the run: a topic missing from the run scores 0 (like
//   trec_eval -c), and a topic without a relevant document in the qrels is skipped and listed
//   (trec_eval averages it in with 0 when the run or -c brings it in).
#pragma once

#include <cstddef>
#include <istream>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace sova::eval {

inline constexpr std::size_t ndcg_depth = 10;     ///< nDCG@10
inline constexpr std::size_t mrr_depth = 10;      ///< MRR@10
inline constexpr std::size_t precision_depth = 5; ///< P@5
inline constexpr int relevant_grade = 1;          ///< Lowest grade that counts as relevant.

/// One query of a judged collection (a line of queries.tsv).
struct Topic {
    std::string qid;
    std::string kind;  ///< What the query tests: entity, cross-script, ambiguous, plain...
    std::string lang;  ///< ISO 639-1 code of the query's language.
    std::string query; ///< The text as a user types it.
};

/// Relevance judgments: qid -> docid -> grade.
using Qrels = std::map<std::string, std::map<std::string, int>>;

/// One retrieved document of a run.
struct ScoredDoc {
    std::string docid;
    double score = 0;
};

/// A run: per qid, the retrieved documents, best first.
struct Run {
    std::string tag; ///< The run's name (last column of a run file).
    std::map<std::string, std::vector<ScoredDoc>> rankings;
};

/// Reads `qid<TAB>kind<TAB>lang<TAB>query` lines; blank lines and lines starting with `#` are
/// comments. `kinds`, when not empty, lists the kinds allowed. Throws sova::InputError
/// ("file:line: reason") for a malformed line, an unknown kind or a repeated qid.
std::vector<Topic> parse_topics(std::istream& in, const std::string& name, const std::vector<std::string>& kinds = {});
/// parse_topics() of a file; throws sova::InputError when it cannot be read.
std::vector<Topic> read_topics(const std::string& path, const std::vector<std::string>& kinds = {});

/// Reads TREC qrels, `qid iteration docid grade` separated by spaces or tabs. Throws
/// sova::InputError ("file:line: reason") for a malformed line or a (qid, docid) judged twice.
Qrels parse_qrels(std::istream& in, const std::string& name);
/// parse_qrels() of a file; throws sova::InputError when it cannot be read.
Qrels read_qrels(const std::string& path);

/// Reads a TREC run, `qid Q0 docid rank score tag`, and orders each query's documents as
/// trec_eval does (score descending, ties by docid descending). Throws sova::InputError
/// ("file:line: reason") for a malformed line or a docid repeated under one qid.
Run parse_run(std::istream& in, const std::string& name);
/// parse_run() of a file; throws sova::InputError when it cannot be read.
Run read_run(const std::string& path);

/// Writes `run` in TREC format, queries in qid order, each ranking as given, ranks from 1.
/// Scores are written exactly (shortest round-trip form). Throws std::invalid_argument when a
/// ranking's scores increase somewhere (trec_eval would reorder it) or a field is empty or holds
/// whitespace.
void write_run(std::ostream& out, const Run& run);
/// write_run() to a file (replaced); throws std::runtime_error when it cannot be written.
void write_run(const std::string& path, const Run& run);

/// Grade of `docid` for one query's judgments; 0 when unjudged.
int grade_of(const std::map<std::string, int>& judgments, const std::string& docid);

/// nDCG at `depth` of `ranking` (docids, best first) against one query's judgments; 0 when no
/// document has a positive grade.
double ndcg_at(const std::vector<std::string>& ranking, const std::map<std::string, int>& judgments, std::size_t depth);
/// 1 / rank of the first relevant document within `depth`; 0 when there is none.
double reciprocal_rank_at(const std::vector<std::string>& ranking, const std::map<std::string, int>& judgments,
                          std::size_t depth);
/// Relevant documents among the first `depth`, divided by `depth`.
double precision_at(const std::vector<std::string>& ranking, const std::map<std::string, int>& judgments,
                    std::size_t depth);

/// The three metrics of one query (or their means).
struct Metrics {
    double ndcg10 = 0;
    double mrr10 = 0;
    double p5 = 0;
};

/// nDCG@10, reciprocal rank within 10 and P@5 of one ranking.
Metrics score_ranking(const std::vector<std::string>& ranking, const std::map<std::string, int>& judgments);

/// Means over a set of queries.
struct Mean {
    std::size_t queries = 0;
    Metrics metrics; ///< 0 when there are no queries.
};

/// One evaluated topic.
struct QueryResult {
    std::string qid;
    std::string kind;
    Metrics metrics;
    std::size_t retrieved = 0; ///< Documents the run has for the query (0: missing from the run).
};

/// A run scored against qrels, topic by topic.
struct Evaluation {
    std::vector<QueryResult> queries;    ///< Evaluated topics, in topic order.
    std::vector<std::string> skipped;    ///< Topics with no relevant document in the qrels.
    std::map<std::string, Mean> by_kind; ///< Means per Topic::kind (kinds of skipped topics only: absent).
    Mean all;                            ///< Mean over every evaluated topic.
};

/// Scores `run` on every topic with at least one relevant document in `qrels`.
Evaluation evaluate(const std::vector<Topic>& topics, const Qrels& qrels, const Run& run);

} // namespace sova::eval
