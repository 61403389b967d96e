// sova_eval_entities: graded relevance of Sova with and without entities, and of plain Xapian,
// on a judged collection (articles.jsonl, queries.tsv, qrels.txt).
//
// Sova indexes the articles twice (WriterOptions::entities on and off) and answers every query
// on each index with SearchOptions::entities to match; a baseline built the way a Xapian user
// would (TermGenerator + QueryParser, Snowball stemmer of the language, BM25) answers them too.
// The three TREC run files are written, read back as trec_eval reads them, and scored: nDCG@10,
// MRR@10 and P@5 per kind of query, as Markdown (and JSON), with what entities cost at indexing
// time. See README.md.
#include "bench/eval/baseline.hpp"
#include "bench/eval/program.hpp"
#include "bench/eval/split.hpp"
#include "bench/eval/trec.hpp"
#include "indexer/gazetteer.hpp"
#include "schema/json.hpp"

#include <sova/sova.hpp>

#include <xapian.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#ifndef SOVA_EVAL_ENTITIES_DIR
#define SOVA_EVAL_ENTITIES_DIR "bench/eval/entities"
#endif

namespace {

namespace fs = std::filesystem;
namespace ev = sova::eval;

constexpr std::size_t run_depth = 100; // documents per query in the run files

/// The kinds of query of the collection, in the order of the table.
const std::vector<std::string> query_kinds{"entity", "cross-script", "ambiguous", "plain"};

// ---------------------------------------------------------------------------------------------
// Settings: raw flags are validated here, once.

struct Settings {
    std::string collection = SOVA_EVAL_ENTITIES_DIR;
    std::string work_dir = "/tmp/sova-eval-entities";
    std::string json_path;
    bool per_query = false;
    std::size_t repeat = 5; // builds of each index; the median time counts
    double entity_weight = sova::SearchOptions{}.entity_weight;
};

using sova::eval::UsageError;

constexpr const char* usage_text =
    "usage: sova_eval_entities [options]\n"
    "  --collection DIR   articles.jsonl, queries.tsv and qrels.txt (default: the source tree's\n"
    "                     bench/eval/entities)\n"
    "  --work DIR         indexes and run files go here (default /tmp/sova-eval-entities)\n"
    "  --entity-weight W  SearchOptions::entity_weight for Sova + entities (default: the library's)\n"
    "  --json FILE        also write every number, and every query's scores, as JSON\n"
    "  --per-query        also print each query's nDCG@10 for the three systems\n"
    "  --repeat N         build each index N times, report the median time (default 5)\n";

using sova::eval::parse_count;
using sova::eval::remove_old_index;

Settings parse_settings(int argc, char** argv) {
    Settings s;
    for (sova::eval::Arguments args(argc, argv); args.next();) {
        const std::string& flag = args.flag();
        if (flag == "--collection")
            s.collection = args.value();
        else if (flag == "--work")
            s.work_dir = args.value();
        else if (flag == "--json")
            s.json_path = args.value();
        else if (flag == "--per-query")
            s.per_query = true;
        else if (flag == "--repeat")
            s.repeat = parse_count(flag, args.value());
        else if (flag == "--entity-weight") {
            std::string text = args.value();
            char* end = nullptr;
            s.entity_weight = std::strtod(text.c_str(), &end);
            if (end == text.c_str() || *end != '\0' || s.entity_weight < 0)
                throw UsageError("--entity-weight needs a number of 0 or more, not '" + text + "'");
        } else if (flag == "-h" || flag == "--help")
            throw sova::eval::HelpRequested();
        else
            throw UsageError("unknown option '" + flag + "'");
    }
    if (s.collection.empty() || s.work_dir.empty()) throw UsageError("--collection and --work must not be empty");
    if (s.repeat == 0) throw UsageError("--repeat must be at least 1");
    return s;
}

// ---------------------------------------------------------------------------------------------
// The judged collection.

struct Collection {
    std::string articles_path;
    std::vector<ev::Article> articles; // read here for the baseline; Sova reads the file itself
    std::vector<ev::Topic> topics;
    ev::Qrels qrels;
    std::vector<std::string> warnings;
};

Collection read_collection(const std::string& dir) {
    Collection c;
    c.articles_path = (fs::path(dir) / "articles.jsonl").string();
    c.articles = ev::read_articles(c.articles_path);
    c.topics = ev::read_topics((fs::path(dir) / "queries.tsv").string(), query_kinds);
    c.qrels = ev::read_qrels((fs::path(dir) / "qrels.txt").string());

    // Mistakes in a hand-made collection that would quietly bend the numbers.
    std::set<std::string> ids, duplicates;
    for (const ev::Article& a : c.articles)
        if (!ids.insert(a.id).second) duplicates.insert(a.id);
    std::set<std::string> qids;
    for (const auto& topic : c.topics) qids.insert(topic.qid);
    std::set<std::string> unknown_docs, unknown_qids;
    for (const auto& [qid, judgments] : c.qrels) {
        if (!qids.count(qid)) unknown_qids.insert(qid);
        for (const auto& [docid, grade] : judgments)
            if (!ids.count(docid)) unknown_docs.insert(qid + "/" + docid);
    }
    auto warn = [&](const std::set<std::string>& items, const std::string& what) {
        if (items.empty()) return;
        std::string text = std::to_string(items.size()) + " " + what + ":";
        std::size_t shown = 0;
        for (const auto& item : items) {
            if (++shown > 10) {
                text += " ...";
                break;
            }
            text += " " + item;
        }
        c.warnings.push_back(text);
    };
    warn(duplicates, "article ids appear twice in articles.jsonl (the later article replaces the earlier in Sova)");
    warn(unknown_qids, "qids of qrels.txt are not in queries.tsv (not evaluated)");
    warn(unknown_docs, "judged documents (qid/docid) are not in articles.jsonl");
    return c;
}

// ---------------------------------------------------------------------------------------------
// Indexes.

/// What building one index costs.
struct IndexReport {
    std::string name;
    std::string path;
    std::uint64_t articles = 0;
    double warm_up_seconds = 0; ///< One article per language into a scratch index first: one-off loading.
    std::vector<double> builds; ///< Seconds of each build: opening, adding every article, committing, closing.
    std::uint64_t bytes = 0;    ///< Of the last build.

    /// The median build: what articles/s counts.
    double seconds() const {
        if (builds.empty()) return 0;
        std::vector<double> sorted = builds;
        std::sort(sorted.begin(), sorted.end());
        std::size_t middle = sorted.size() / 2;
        return sorted.size() % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
    double articles_per_second() const { return seconds() > 0 ? static_cast<double>(articles) / seconds() : 0; }
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::uint64_t folder_bytes(const std::string& path) {
    std::uint64_t bytes = 0;
    for (const auto& entry : fs::recursive_directory_iterator(path))
        if (entry.is_regular_file()) bytes += entry.file_size();
    return bytes;
}

sova::WriterOptions sova_writer_options(bool entities) {
    sova::WriterOptions options;
    options.entities = entities;
    return options;
}

// Seconds to index the first article of each language alone into a scratch index (removed
// afterwards). Run before the timed builds, it pays what is loaded once per process on first
// use (a language's analysers and stemmers, entity tables), which would otherwise weigh on the
// articles/s of a small collection.
double warm_up_sova(const std::vector<ev::Article>& articles, const std::string& path, bool entities) {
    remove_old_index(path);
    auto start = std::chrono::steady_clock::now();
    {
        sova::IndexWriter writer = sova::IndexWriter::create_or_open(path, sova_writer_options(entities));
        std::set<std::string> langs;
        for (const ev::Article& article : articles) {
            if (!langs.insert(article.lang).second) continue;
            sova::Article one;
            one.id = article.id;
            one.title = article.title;
            one.text = article.text;
            one.lang = article.lang;
            writer.add(one);
        }
        writer.commit();
    }
    double seconds = seconds_since(start);
    fs::remove_all(path);
    return seconds;
}

// Builds the Sova index at `path` from articles.jsonl, as `sova index` does; returns the seconds.
double build_sova_index(const Collection& c, const std::string& path, bool entities) {
    remove_old_index(path);
    sova::IndexingOptions options;
    options.strict = true; // a judged article left out would bend the scores
    auto start = std::chrono::steady_clock::now();
    {
        sova::IndexWriter writer = sova::IndexWriter::create_or_open(path, sova_writer_options(entities));
        sova::index_paths(writer, {c.articles_path}, options);
    } // closing is part of the cost
    return seconds_since(start);
}

// The three indexes: Sova with entities, without, the baseline (in that order). Each is built
// `repeat` times, the three in turn, so that a slow moment of the machine hits all three.
// Sova without entities warms up first, so that its warm-up pays Sova's general one-off costs
// and the entity warm-up only what entities add.
std::vector<IndexReport> build_indexes(const Collection& c, const fs::path& work, std::size_t repeat) {
    auto report = [&](const char* name, const char* folder) {
        IndexReport r;
        r.name = name;
        r.path = (work / folder).string();
        return r;
    };
    IndexReport with = report("Sova, entities", "sova-entities");
    IndexReport without = report("Sova, no entities", "sova-plain");
    IndexReport xapian = report("Xapian baseline", "xapian");
    without.warm_up_seconds = warm_up_sova(c.articles, without.path + "-warm-up", false);
    with.warm_up_seconds = warm_up_sova(c.articles, with.path + "-warm-up", true);
    for (std::size_t i = 0; i < repeat; ++i) {
        without.builds.push_back(build_sova_index(c, without.path, false));
        with.builds.push_back(build_sova_index(c, with.path, true));
        auto start = std::chrono::steady_clock::now();
        ev::build_xapian_index(c.articles, xapian.path);
        xapian.builds.push_back(seconds_since(start));
    }
    for (IndexReport* index : {&with, &without, &xapian}) {
        index->articles = Xapian::Database(index->path).get_doccount();
        index->bytes = folder_bytes(index->path);
    }
    return {with, without, xapian};
}

// ---------------------------------------------------------------------------------------------
// Systems under test: a query in, the top run_depth documents out.

struct Ranking {
    std::vector<ev::ScoredDoc> docs; // best first, scores non-increasing
    std::string error;               // why the query could not be run (then docs is empty)
    std::string linked;              // the entities the query was linked to, for failure hunting
};

// "Marchuk → Olena Marchuk (person, context, 0.50)": what each linked name of the query meant.
std::string describe_links(const std::vector<sova::QueryEntity>& entities) {
    std::string text;
    for (const auto& e : entities) {
        std::array<char, 32> share{};
        std::snprintf(share.data(), share.size(), "%.2f", e.share);
        text += (text.empty() ? "" : "; ") + e.text + " → " + e.name + " (" + e.type + ", " + e.reason + ", " +
                share.data() + ")";
    }
    return text;
}

class System {
public:
    virtual ~System() = default;
    /// For tables ("Sova + entities").
    virtual const std::string& name() const = 0;
    /// Run tag, run file name and JSON key ("sova-entities").
    virtual const std::string& tag() const = 0;
    virtual Ranking rank(const ev::Topic& topic) = 0;
};

class SovaSystem : public System {
public:
    SovaSystem(std::string name, std::string tag, const std::string& path, bool entities, bool cross_script,
               double entity_weight)
        : m_name(std::move(name)), m_tag(std::move(tag)), m_searcher(sova::Searcher::open(path)) {
        m_options.entities = entities;
        m_options.cross_script = cross_script;
        m_options.entity_weight = entity_weight;
        m_options.limit = run_depth;
    }
    const std::string& name() const override { return m_name; }
    const std::string& tag() const override { return m_tag; }

    Ranking rank(const ev::Topic& topic) override {
        Ranking out;
        try {
            // Hit::score is BM25 within a level of matched clauses, not across the ranking, so
            // the run's score is derived from the rank (trec_eval orders by score).
            sova::SearchResults results = m_searcher.search(topic.query, m_options);
            for (const auto& hit : results.hits)
                out.docs.push_back({hit.id, static_cast<double>(run_depth + 1 - hit.rank)});
            out.linked = describe_links(results.entities);
        } catch (const sova::QueryError& e) {
            out.error = e.what();
        }
        return out;
    }

private:
    std::string m_name;
    std::string m_tag;
    sova::Searcher m_searcher;
    sova::SearchOptions m_options;
};

class XapianSystem : public System {
public:
    explicit XapianSystem(const std::string& path) : m_baseline(path) {}
    const std::string& name() const override { return m_name; }
    const std::string& tag() const override { return m_tag; }

    Ranking rank(const ev::Topic& topic) override {
        Ranking out;
        try {
            out.docs = m_baseline.rank(topic, static_cast<unsigned>(run_depth));
        } catch (const Xapian::QueryParserError& e) {
            out.error = e.get_description();
        }
        return out;
    }

private:
    std::string m_name = "Xapian baseline";
    std::string m_tag = "xapian";
    ev::XapianBaseline m_baseline;
};

// ---------------------------------------------------------------------------------------------
// Runs and their scores.

struct SystemResult {
    std::string name;
    std::string tag;
    std::string run_path;
    ev::Evaluation evaluation;                 // every query
    std::map<ev::Half, ev::Evaluation> halves; // the dev and the held-out queries
    std::map<std::string, std::string> errors; // qid -> why the query failed (an empty ranking)
    std::map<std::string, std::string> linked; // qid -> the entities the query was linked to
    std::size_t queries = 0;
    double search_seconds = 0;
};

// Runs every topic, writes the run file, reads it back as trec_eval would and scores it.
SystemResult run_system(System& system, const Collection& c, const std::string& work_dir) {
    SystemResult result;
    result.name = system.name();
    result.tag = system.tag();
    result.run_path = (fs::path(work_dir) / (system.tag() + ".run")).string();
    ev::Run run;
    run.tag = system.tag();
    for (const ev::Topic& topic : c.topics) {
        auto start = std::chrono::steady_clock::now();
        Ranking ranking = system.rank(topic);
        result.search_seconds += seconds_since(start);
        ++result.queries;
        if (!ranking.error.empty()) result.errors.emplace(topic.qid, ranking.error);
        if (!ranking.linked.empty()) result.linked.emplace(topic.qid, ranking.linked);
        if (!ranking.docs.empty()) run.rankings[topic.qid] = std::move(ranking.docs);
    }
    ev::write_run(result.run_path, run);
    const ev::Run read_back = ev::read_run(result.run_path);
    result.evaluation = ev::evaluate(c.topics, c.qrels, read_back);
    for (ev::Half half : {ev::Half::dev, ev::Half::held_out}) {
        std::vector<ev::Topic> topics;
        for (const ev::Topic& topic : c.topics)
            if (ev::half_of(topic.qid) == half) topics.push_back(topic);
        result.halves[half] = ev::evaluate(topics, c.qrels, read_back);
    }
    return result;
}

// ---------------------------------------------------------------------------------------------
// Reports.

// The gazetteer of places WriterOptions::entities reads (SOVA_GAZETTEER, installed, or built), or
// "none": without it, entities come from names in the text alone.
std::string gazetteer_in_use() {
    std::string path = sova::detail::Gazetteer::default_path();
    return path.empty() ? "none" : path;
}

using sova::eval::fixed;

// (with - without) / without, as "+12.3%"; "n/a" when without is 0.
std::string relative_change(double with, double without) {
    if (without <= 0) return "n/a";
    double percent = 100 * (with - without) / without;
    return (percent >= 0 ? "+" : "") + fixed(percent, 1) + "%";
}

const ev::Mean* mean_of(const ev::Evaluation& e, const std::string& kind) {
    if (kind == "all") return &e.all;
    auto it = e.by_kind.find(kind);
    return it == e.by_kind.end() ? nullptr : &it->second;
}

std::vector<std::string> table_rows() {
    std::vector<std::string> rows = query_kinds;
    rows.emplace_back("all");
    return rows;
}

std::string markdown_cell(std::string_view text) {
    std::string out;
    for (char ch : text) {
        if (ch == '|') out += '\\';
        out += ch;
    }
    return out;
}

void print_tables(std::ostream& out, const Settings& s, const Collection& c, const std::vector<SystemResult>& systems,
                  const std::vector<IndexReport>& indexes) {
    const ev::Evaluation& first = systems.front().evaluation;
    fs::path collection = fs::path(s.collection).lexically_normal();
    if (collection.filename().empty()) collection = collection.parent_path(); // "dir/"
    out << "### Entity-aware ranking: " << collection.filename().string() << " (" << c.articles.size() << " articles, "
        << c.topics.size() << " queries, " << first.queries.size() << " judged; gazetteer: " << gazetteer_in_use()
        << ")\n\n";
    // Held-out first: the entity weight, the cross-script key rule and the person cues were
    // chosen on this collection, so only the held-out half measures them out of sample.
    for (ev::Half half : {ev::Half::held_out, ev::Half::dev}) {
        const ev::Evaluation& counted_in = systems.front().halves.at(half);
        out << "**" << ev::half_name(half) << " half** (" << counted_in.queries.size() << " judged queries)\n\n";
        out << "| kind | queries |";
        for (const auto& system : systems) out << " " << system.name << " nDCG@10 | MRR@10 | P@5 |";
        out << " nDCG@10 entities vs without |";
        if (systems.size() > 3) out << " nDCG@10 entities vs no names |";
        out << "\n|---|---:|";
        for (std::size_t i = 0; i < systems.size(); ++i) out << "---:|---:|---:|";
        out << (systems.size() > 3 ? "---:|---:|\n" : "---:|\n");
        for (const std::string& kind : table_rows()) {
            const ev::Mean* counted = mean_of(counted_in, kind);
            out << "| " << kind << " | " << (counted ? counted->queries : 0) << " |";
            for (const auto& system : systems) {
                const ev::Mean* mean = mean_of(system.halves.at(half), kind);
                if (!mean || mean->queries == 0) {
                    out << " – | – | – |";
                    continue;
                }
                out << " " << fixed(mean->metrics.ndcg10, 3) << " | " << fixed(mean->metrics.mrr10, 3) << " | "
                    << fixed(mean->metrics.p5, 3) << " |";
            }
            const ev::Mean* with = mean_of(systems[0].halves.at(half), kind);
            const ev::Mean* without = mean_of(systems[1].halves.at(half), kind);
            out << " " << (with && without ? relative_change(with->metrics.ndcg10, without->metrics.ndcg10) : "–")
                << " |";
            if (systems.size() > 3) {
                const ev::Mean* none = mean_of(systems[3].halves.at(half), kind);
                out << " " << (with && none ? relative_change(with->metrics.ndcg10, none->metrics.ndcg10) : "–")
                    << " |";
            }
            out << "\n";
        }
        out << "\n";
    }
    out << "nDCG@10: gains 2^grade − 1, discount 1/log2(rank + 1); MRR@10: 1/rank of the first document "
           "graded ≥ 1 in the top 10; P@5: documents graded ≥ 1 in the top 5, over 5. Unjudged documents "
           "count as grade 0.\n";
    if (!first.skipped.empty()) {
        out << "Skipped (no document graded ≥ 1 in qrels.txt): ";
        for (std::size_t i = 0; i < first.skipped.size(); ++i) out << (i ? ", " : "") << first.skipped[i];
        out << ".\n";
    }
    out << "Query errors (scored as empty rankings):";
    for (std::size_t i = 0; i < systems.size(); ++i)
        out << (i ? "," : "") << " " << systems[i].name << " " << systems[i].errors.size();
    out << ".\n";

    out << "\n| index | articles | warm-up s | index s (min–max) | articles/s | size MB |\n"
           "|---|---:|---:|---:|---:|---:|\n";
    for (const auto& index : indexes) {
        auto [least, most] = std::minmax_element(index.builds.begin(), index.builds.end());
        out << "| " << index.name << " | " << index.articles << " | " << fixed(index.warm_up_seconds, 2) << " | "
            << fixed(index.seconds(), 2) << " (" << fixed(*least, 2) << "–" << fixed(*most, 2) << ") | "
            << fixed(index.articles_per_second(), 0) << " | " << fixed(static_cast<double>(index.bytes) / 1e6, 2)
            << " |\n";
    }
    const IndexReport& with = indexes[0];
    const IndexReport& without = indexes[1];
    out << "\nEntities at indexing time: " << relative_change(with.articles_per_second(), without.articles_per_second())
        << " articles/s, " << relative_change(static_cast<double>(with.bytes), static_cast<double>(without.bytes))
        << " index size. Warm-up: the first article of each language into a scratch index just before, "
           "which pays what is loaded once per process (analysers, stemmers, entity tables); articles/s "
           "counts index s, the median of "
        << with.builds.size() << " builds (opening, adding, committing, closing).\n";

    out << "\n| system | queries | ms/query (top " << run_depth << ") |\n|---|---:|---:|\n";
    for (const auto& system : systems)
        out << "| " << system.name << " | " << system.queries << " | "
            << fixed(system.queries ? 1000 * system.search_seconds / static_cast<double>(system.queries) : 0, 1)
            << " |\n";
    out << "\n";
}

void print_per_query(std::ostream& out, const Collection& c, const std::vector<SystemResult>& systems) {
    std::map<std::string, const ev::Topic*> topics;
    for (const auto& topic : c.topics) topics.emplace(topic.qid, &topic);
    out << "#### nDCG@10 per query\n\n| qid | kind | query |";
    for (const auto& system : systems) out << " " << system.name << " |";
    out << " entities − without | " << systems.front().name << " linked |\n|---|---|---|";
    for (std::size_t i = 0; i < systems.size(); ++i) out << "---:|";
    out << "---:|---|\n";
    const auto& queries = systems.front().evaluation.queries;
    for (std::size_t q = 0; q < queries.size(); ++q) {
        const ev::Topic& topic = *topics.at(queries[q].qid);
        out << "| " << topic.qid << " | " << topic.kind << " | " << markdown_cell(topic.query) << " |";
        for (const auto& system : systems) {
            out << " " << fixed(system.evaluation.queries[q].metrics.ndcg10, 3);
            if (system.errors.count(topic.qid)) out << " (error)";
            out << " |";
        }
        double delta =
            systems[0].evaluation.queries[q].metrics.ndcg10 - systems[1].evaluation.queries[q].metrics.ndcg10;
        auto linked = systems.front().linked.find(topic.qid);
        out << " " << (delta > 0 ? "+" : "") << fixed(delta, 3) << " | "
            << (linked == systems.front().linked.end() ? "" : markdown_cell(linked->second)) << " |\n";
    }
    out << "\n";
}

std::string json_string(std::string_view s) {
    std::string out;
    sova::schema::append_json_string(out, s);
    return out;
}

std::string json_metrics(const ev::Metrics& m) {
    return "{\"ndcg10\": " + fixed(m.ndcg10, 4) + ", \"mrr10\": " + fixed(m.mrr10, 4) + ", \"p5\": " + fixed(m.p5, 4) +
           "}";
}

std::string json_seconds(const std::vector<double>& seconds) {
    std::string text = "[";
    for (std::size_t i = 0; i < seconds.size(); ++i) text += (i ? ", " : "") + fixed(seconds[i], 3);
    return text + "]";
}

std::string json_list(const std::vector<std::string>& items) {
    std::string text = "[";
    for (std::size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + json_string(items[i]);
    return text + "]";
}

// The means per kind of the evaluation `pick` chooses of each system, as a JSON object.
void write_results(std::ostream& out, const std::vector<SystemResult>& systems,
                   const std::function<const ev::Evaluation&(const SystemResult&)>& pick) {
    out << "{";
    std::vector<std::string> rows = table_rows();
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const ev::Mean* counted = mean_of(pick(systems[0]), rows[r]);
        out << (r ? "," : "") << "\n    " << json_string(rows[r])
            << ": {\"queries\": " << (counted ? counted->queries : 0);
        for (const auto& system : systems) {
            const ev::Mean* mean = mean_of(pick(system), rows[r]);
            out << ", " << json_string(system.tag) << ": " << (mean ? json_metrics(mean->metrics) : "null");
        }
        const ev::Mean* with = mean_of(pick(systems[0]), rows[r]);
        const ev::Mean* without = mean_of(pick(systems[1]), rows[r]);
        out << ", \"ndcg10_relative_change\": ";
        if (with && without && without->metrics.ndcg10 > 0)
            out << fixed((with->metrics.ndcg10 - without->metrics.ndcg10) / without->metrics.ndcg10, 4);
        else
            out << "null";
        out << "}";
    }
    out << "\n  }";
}

void write_json(const std::string& path, const Settings& s, const Collection& c,
                const std::vector<SystemResult>& systems, const std::vector<IndexReport>& indexes) {
    std::ofstream out(path + ".tmp");
    out << "{\n  \"collection\": " << json_string(s.collection) << ",\n  \"articles\": " << c.articles.size()
        << ",\n  \"queries\": " << c.topics.size() << ",\n  \"gazetteer\": " << json_string(gazetteer_in_use())
        << ",\n  \"run_depth\": " << run_depth << ",\n  \"cutoffs\": {\"ndcg\": " << ev::ndcg_depth
        << ", \"mrr\": " << ev::mrr_depth << ", \"precision\": " << ev::precision_depth << "},\n  \"systems\": [";
    for (std::size_t i = 0; i < systems.size(); ++i)
        out << (i ? "," : "") << "\n    {\"tag\": " << json_string(systems[i].tag)
            << ", \"name\": " << json_string(systems[i].name) << ", \"run\": " << json_string(systems[i].run_path)
            << ", \"queries\": " << systems[i].queries
            << ", \"search_seconds\": " << fixed(systems[i].search_seconds, 3)
            << ", \"query_errors\": " << systems[i].errors.size() << "}";
    out << "\n  ],\n  \"indexes\": [";
    for (std::size_t i = 0; i < indexes.size(); ++i)
        out << (i ? "," : "") << "\n    {\"name\": " << json_string(indexes[i].name)
            << ", \"path\": " << json_string(indexes[i].path) << ", \"articles\": " << indexes[i].articles
            << ", \"warm_up_seconds\": " << fixed(indexes[i].warm_up_seconds, 3)
            << ", \"seconds\": " << fixed(indexes[i].seconds(), 3)
            << ", \"builds\": " << json_seconds(indexes[i].builds)
            << ", \"articles_per_second\": " << fixed(indexes[i].articles_per_second(), 1)
            << ", \"bytes\": " << indexes[i].bytes << "}";
    out << "\n  ],\n  \"results\": ";
    write_results(out, systems, [](const SystemResult& r) -> const ev::Evaluation& { return r.evaluation; });
    for (ev::Half half : {ev::Half::held_out, ev::Half::dev}) {
        out << ",\n  " << json_string(std::string("results_") + (half == ev::Half::dev ? "dev" : "held_out")) << ": ";
        write_results(out, systems,
                      [half](const SystemResult& r) -> const ev::Evaluation& { return r.halves.at(half); });
    }
    out << ",\n  \"skipped\": " << json_list(systems[0].evaluation.skipped)
        << ",\n  \"warnings\": " << json_list(c.warnings) << ",\n  \"per_query\": [";
    std::map<std::string, const ev::Topic*> topics;
    for (const auto& topic : c.topics) topics.emplace(topic.qid, &topic);
    const auto& queries = systems[0].evaluation.queries;
    for (std::size_t q = 0; q < queries.size(); ++q) {
        const ev::Topic& topic = *topics.at(queries[q].qid);
        out << (q ? "," : "") << "\n    {\"qid\": " << json_string(topic.qid)
            << ", \"kind\": " << json_string(topic.kind) << ", \"lang\": " << json_string(topic.lang)
            << ", \"half\": " << json_string(ev::half_name(ev::half_of(topic.qid)))
            << ", \"query\": " << json_string(topic.query);
        for (const auto& system : systems) {
            const ev::QueryResult& result = system.evaluation.queries[q];
            auto error = system.errors.find(topic.qid);
            out << ", " << json_string(system.tag) << ": {\"retrieved\": " << result.retrieved
                << ", \"metrics\": " << json_metrics(result.metrics);
            if (error != system.errors.end()) out << ", \"error\": " << json_string(error->second);
            if (auto linked = system.linked.find(topic.qid); linked != system.linked.end())
                out << ", \"linked\": " << json_string(linked->second);
            out << "}";
        }
        out << "}";
    }
    out << "\n  ]\n}\n";
    out.close();
    if (!out) throw std::runtime_error("cannot write " + path);
    fs::rename(path + ".tmp", path);
}

int run(const Settings& s) {
    auto start = std::chrono::steady_clock::now();
    Collection c = read_collection(s.collection);
    std::cerr << "[entities] " << c.articles.size() << " articles, " << c.topics.size() << " queries; gazetteer "
              << gazetteer_in_use() << "\n";
    for (const auto& warning : c.warnings) std::cerr << "[entities] warning: " << warning << "\n";
    fs::create_directories(s.work_dir);

    std::vector<IndexReport> indexes = build_indexes(c, s.work_dir, s.repeat);
    for (const auto& index : indexes)
        std::cerr << "[entities] " << index.name << ": " << index.articles << " articles in "
                  << fixed(index.seconds(), 2) << " s (median of " << index.builds.size() << "; warm-up "
                  << fixed(index.warm_up_seconds, 2) << " s)\n";

    std::vector<std::unique_ptr<System>> systems;
    systems.push_back(
        std::make_unique<SovaSystem>("Sova + entities", "sova-entities", indexes[0].path, true, true, s.entity_weight));
    systems.push_back(
        std::make_unique<SovaSystem>("Sova, no entities", "sova-plain", indexes[1].path, false, true, s.entity_weight));
    systems.push_back(std::make_unique<XapianSystem>(indexes[2].path));
    // Neither entities nor cross-script name keys: Sova's analysis alone, no name awareness.
    systems.push_back(std::make_unique<SovaSystem>("Sova, no names", "sova-no-names", indexes[1].path, false, false,
                                                   s.entity_weight));
    std::vector<SystemResult> results;
    for (const auto& system : systems) results.push_back(run_system(*system, c, s.work_dir));

    print_tables(std::cout, s, c, results, indexes);
    if (s.per_query) print_per_query(std::cout, c, results);
    if (!s.json_path.empty()) write_json(s.json_path, s, c, results, indexes);
    std::cerr << "[entities] runs in " << s.work_dir << "; done in " << fixed(seconds_since(start), 1) << " s\n";
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    return sova::eval::program_main("sova_eval_entities", usage_text, [&] { return run(parse_settings(argc, argv)); });
}
