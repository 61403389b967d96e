// sova_eval_ranking: Sova's ranking against the plain-Xapian baseline on judged collections,
// per kind of query and per query length, on a dev half and a held-out half of the queries;
// with --ablation, each signal of the ranking off in turn; with --grid, a search over ranking
// weights scored on the dev halves only. See README.md, "Ranking".
#include "bench/eval/baseline.hpp"
#include "bench/eval/program.hpp"
#include "bench/eval/split.hpp"
#include "bench/eval/trec.hpp"

#include <sova/sova.hpp>

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace fs = std::filesystem;
namespace ev = sova::eval;
using ev::fixed;
using ev::UsageError;

constexpr unsigned depth = 10; // every metric looks at the top 10

constexpr const char* usage_text =
    "usage: sova_eval_ranking --collection DIR [--collection DIR ...] [options]\n"
    "  --collection DIR   a judged collection: articles.jsonl, queries.tsv, qrels.txt (repeatable)\n"
    "  --work DIR         indexes go here, one folder per collection (default /tmp/sova-eval-ranking)\n"
    "  --reuse            search the indexes of an earlier run instead of rebuilding them\n"
    "  --set NAME=VALUE   a ranking weight for Sova (repeatable): title, exact, cross_script,\n"
    "                     coordination, coordination_long, long_query, proximity, proximity_window,\n"
    "                     lead, split_parts, bm25_k1, bm25_b, entity_weight\n"
    "  --ablation         also each signal off in turn (tables on both halves)\n"
    "  --grid NAME=V1,V2  score every combination of these weights on the dev halves (repeatable);\n"
    "                     the held-out halves are not searched\n"
    "  --failures FILE    the dev queries Sova ranks below Xapian, worst first (Markdown)\n";

struct Settings {
    std::vector<std::string> collections;
    std::string work_dir = "/tmp/sova-eval-ranking";
    bool reuse = false;
    bool ablation = false;
    std::vector<std::pair<std::string, std::string>> sets;
    std::vector<std::pair<std::string, std::vector<std::string>>> grid;
    std::string failures_path;
};

Settings parse_settings(int argc, char** argv) {
    Settings s;
    for (sova::eval::Arguments args(argc, argv); args.next();) {
        const std::string& flag = args.flag();
        auto name_value = [&](const std::string& text) {
            std::size_t eq = text.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
                throw UsageError(flag + " expects NAME=VALUE, not '" + text + "'");
            return std::make_pair(text.substr(0, eq), text.substr(eq + 1));
        };
        if (flag == "--collection")
            s.collections.push_back(args.value());
        else if (flag == "--work")
            s.work_dir = args.value();
        else if (flag == "--reuse")
            s.reuse = true;
        else if (flag == "--ablation")
            s.ablation = true;
        else if (flag == "--failures")
            s.failures_path = args.value();
        else if (flag == "--set")
            s.sets.push_back(name_value(args.value()));
        else if (flag == "--grid") {
            auto [name, list] = name_value(args.value());
            std::vector<std::string> values;
            std::stringstream in(list);
            for (std::string v; std::getline(in, v, ',');)
                if (!v.empty()) values.push_back(v);
            s.grid.emplace_back(name, values);
        } else if (flag == "-h" || flag == "--help")
            throw sova::eval::HelpRequested();
        else
            throw UsageError("unknown option '" + flag + "'");
    }
    if (s.collections.empty()) throw UsageError("give at least one --collection");
    return s;
}

// ---------------------------------------------------------------------------------------------
// Ranking weights by name.

double parse_number(const std::string& name, const std::string& text) {
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end != '\0' || v < 0)
        throw UsageError(name + " needs a number of 0 or more, not '" + text + "'");
    return v;
}

void set_weight(sova::SearchOptions& o, const std::string& name, const std::string& text) {
    double v = parse_number(name, text);
    sova::RankingWeights& w = o.ranking;
    if (name == "title")
        w.title = v;
    else if (name == "exact")
        w.exact = v;
    else if (name == "cross_script")
        w.cross_script = v;
    else if (name == "coordination")
        w.coordination = v;
    else if (name == "coordination_long")
        w.coordination_long = v;
    else if (name == "long_query")
        w.long_query = static_cast<unsigned>(v);
    else if (name == "proximity")
        w.proximity = v;
    else if (name == "proximity_window")
        w.proximity_window = static_cast<unsigned>(v);
    else if (name == "lead")
        w.lead = v;
    else if (name == "split_parts")
        w.split_parts = v;
    else if (name == "bm25_k1")
        w.bm25_k1 = v;
    else if (name == "bm25_b")
        w.bm25_b = v;
    else if (name == "entity_weight")
        o.entity_weight = v;
    else
        throw UsageError("no ranking weight called '" + name + "'");
}

// ---------------------------------------------------------------------------------------------
// Collections, split into halves.

using ev::Half;
using ev::half_name;
using ev::half_of;

// "2 words", "3-4 words", "5+ words": whitespace-separated words as typed.
std::string length_bucket(const std::string& query) {
    std::size_t words = 0;
    std::stringstream in(query);
    for (std::string w; in >> w;) ++words;
    if (words <= 2) return "1-2 words";
    if (words <= 4) return "3-4 words";
    return "5+ words";
}

struct Collection {
    std::string name;
    std::string dir;
    std::string sova_index;
    std::string xapian_index;
    std::vector<ev::Topic> topics; // judged ones only
    ev::Qrels qrels;
    std::vector<std::string> kinds; // in order of first appearance
    std::size_t articles = 0;
};

Collection load(const std::string& dir, const fs::path& work, bool reuse) {
    Collection c;
    fs::path path = fs::path(dir).lexically_normal();
    if (path.filename().empty()) path = path.parent_path();
    c.name = path.filename().string();
    c.dir = dir;
    c.qrels = ev::read_qrels((path / "qrels.txt").string());
    for (auto& topic : ev::read_topics((path / "queries.tsv").string())) {
        auto judged = c.qrels.find(topic.qid);
        bool relevant =
            judged != c.qrels.end() && std::any_of(judged->second.begin(), judged->second.end(),
                                                   [](const auto& j) { return j.second >= ev::relevant_grade; });
        if (!relevant) continue;
        if (std::find(c.kinds.begin(), c.kinds.end(), topic.kind) == c.kinds.end()) c.kinds.push_back(topic.kind);
        c.topics.push_back(std::move(topic));
    }
    fs::create_directories(work / c.name);
    c.sova_index = (work / c.name / "sova").string();
    c.xapian_index = (work / c.name / "xapian").string();
    const std::string articles = (path / "articles.jsonl").string();
    if (!reuse || !fs::exists(c.sova_index) || !fs::exists(c.xapian_index)) {
        auto start = std::chrono::steady_clock::now();
        ev::remove_old_index(c.sova_index);
        {
            sova::IndexingOptions options;
            options.strict = true; // a judged article left out would bend the scores
            sova::IndexWriter writer = sova::IndexWriter::create_or_open(c.sova_index);
            sova::index_paths(writer, {articles}, options);
        }
        auto sova_done = std::chrono::steady_clock::now();
        ev::build_xapian_index(ev::read_articles(articles), c.xapian_index);
        std::cerr << "[ranking] " << c.name << ": indexed in "
                  << fixed(std::chrono::duration<double>(sova_done - start).count(), 1) << " s (Sova), "
                  << fixed(std::chrono::duration<double>(std::chrono::steady_clock::now() - sova_done).count(), 1)
                  << " s (Xapian)\n";
    }
    c.articles = Xapian::Database(c.xapian_index).get_doccount();
    return c;
}

// ---------------------------------------------------------------------------------------------
// Systems and scores.

struct QueryScore {
    ev::Metrics metrics;
    double success1 = 0;
    int rank = 0; // of the first relevant document in the top 10; 0: none
    std::vector<std::string> top;
};

using Scores = std::map<std::string, QueryScore>; // qid -> scores

QueryScore score(const std::vector<std::string>& ranking, const std::map<std::string, int>& judgments) {
    QueryScore s;
    s.metrics = ev::score_ranking(ranking, judgments);
    for (std::size_t i = 0; i < ranking.size() && i < depth; ++i)
        if (ev::grade_of(judgments, ranking[i]) >= ev::relevant_grade) {
            s.rank = static_cast<int>(i + 1);
            break;
        }
    s.success1 = s.rank == 1 ? 1 : 0;
    s.top.assign(ranking.begin(), ranking.begin() + static_cast<long>(std::min<std::size_t>(ranking.size(), 5)));
    return s;
}

bool wanted(const ev::Topic& t, const std::vector<Half>& halves) {
    return std::find(halves.begin(), halves.end(), half_of(t.qid)) != halves.end();
}

Scores run_sova(sova::Searcher& searcher, const Collection& c, const sova::SearchOptions& base,
                const std::vector<Half>& halves, double* seconds = nullptr) {
    sova::SearchOptions options = base;
    options.limit = depth;
    options.snippets = false;
    options.count_matched = false;
    options.entity_scores = false;
    Scores out;
    auto start = std::chrono::steady_clock::now();
    for (const auto& topic : c.topics) {
        if (!wanted(topic, halves)) continue;
        std::vector<std::string> ranking;
        try {
            for (auto& hit : searcher.search(topic.query, options).hits) ranking.push_back(std::move(hit.id));
        } catch (const sova::QueryError&) {
            // an empty ranking: scores 0
        }
        out[topic.qid] = score(ranking, c.qrels.at(topic.qid));
    }
    if (seconds) *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

Scores run_xapian(const Collection& c, const std::vector<Half>& halves) {
    ev::XapianBaseline baseline(c.xapian_index);
    Scores out;
    for (const auto& topic : c.topics) {
        if (!wanted(topic, halves)) continue;
        std::vector<std::string> ranking;
        try {
            for (auto& doc : baseline.rank(topic, depth)) ranking.push_back(std::move(doc.docid));
        } catch (const Xapian::QueryParserError&) {
        }
        out[topic.qid] = score(ranking, c.qrels.at(topic.qid));
    }
    return out;
}

struct Mean {
    std::size_t n = 0;
    double mrr = 0, ndcg = 0, s1 = 0;
};

// Means over the topics of `half` that `keep` selects.
Mean mean(const Scores& scores, const Collection& c, Half half, const std::function<bool(const ev::Topic&)>& keep) {
    Mean m;
    for (const auto& topic : c.topics) {
        if (half_of(topic.qid) != half || !keep(topic)) continue;
        auto it = scores.find(topic.qid);
        if (it == scores.end()) continue;
        ++m.n;
        m.mrr += it->second.metrics.mrr10;
        m.ndcg += it->second.metrics.ndcg10;
        m.s1 += it->second.success1;
    }
    if (m.n) {
        m.mrr /= static_cast<double>(m.n);
        m.ndcg /= static_cast<double>(m.n);
        m.s1 /= static_cast<double>(m.n);
    }
    return m;
}

// The rows of a table: each kind, each length, all.
std::vector<std::pair<std::string, std::function<bool(const ev::Topic&)>>> rows(const Collection& c) {
    std::vector<std::pair<std::string, std::function<bool(const ev::Topic&)>>> out;
    for (const auto& kind : c.kinds) out.emplace_back(kind, [kind](const ev::Topic& t) { return t.kind == kind; });
    for (const char* bucket : {"1-2 words", "3-4 words", "5+ words"})
        out.emplace_back(bucket, [b = std::string(bucket)](const ev::Topic& t) { return length_bucket(t.query) == b; });
    out.emplace_back("all", [](const ev::Topic&) { return true; });
    return out;
}

std::string ratio(double a, double b) {
    return b > 0 ? fixed(a / b, 2) + "×" : "–";
}

void print_main_table(const Collection& c, const Scores& sova, const Scores& xapian, double ms_per_query) {
    std::cout
        << "### " << c.name << " (" << c.articles << " articles, " << c.topics.size() << " judged queries; Sova "
        << fixed(ms_per_query, 2) << " ms/query, top 10, no snippets)\n\n"
        << "| queries | half | n | Sova MRR@10 | nDCG@10 | S@1 | Xapian MRR@10 | nDCG@10 | S@1 | MRR Sova/Xapian | "
           "nDCG Sova/Xapian |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& [label, keep] : rows(c))
        for (Half half : {Half::dev, Half::held_out}) {
            Mean s = mean(sova, c, half, keep), x = mean(xapian, c, half, keep);
            if (s.n == 0) continue;
            std::cout << "| " << label << " | " << half_name(half) << " | " << s.n << " | " << fixed(s.mrr, 3) << " | "
                      << fixed(s.ndcg, 3) << " | " << fixed(s.s1, 3) << " | " << fixed(x.mrr, 3) << " | "
                      << fixed(x.ndcg, 3) << " | " << fixed(x.s1, 3) << " | " << ratio(s.mrr, x.mrr) << " | "
                      << ratio(s.ndcg, x.ndcg) << " |\n";
        }
    std::cout << "\n";
}

struct Variant {
    std::string name;
    std::function<void(sova::SearchOptions&)> change;
};

std::vector<Variant> ablations() {
    return {
        {"no title weight", [](sova::SearchOptions& o) { o.ranking.title = 0; }},
        {"no exact-form weight", [](sova::SearchOptions& o) { o.ranking.exact = 0; }},
        {"no cross-script keys", [](sova::SearchOptions& o) { o.cross_script = false; }},
        {"no entities", [](sova::SearchOptions& o) { o.entities = false; }},
        {"no coordination", [](sova::SearchOptions& o) { o.ranking.coordination = o.ranking.coordination_long = 0; }},
        {"strict coordination",
         [](sova::SearchOptions& o) { o.ranking.coordination = o.ranking.coordination_long = 1e5; }},
        {"no proximity", [](sova::SearchOptions& o) { o.ranking.proximity = 0; }},
        {"no lead", [](sova::SearchOptions& o) { o.ranking.lead = 0; }},
        {"no split parts", [](sova::SearchOptions& o) { o.ranking.split_parts = 0; }},
        {"Xapian's BM25 (k1 1, b 0.5)", [](sova::SearchOptions& o) { o.ranking.bm25_k1 = 1, o.ranking.bm25_b = 0.5; }},
    };
}

// nDCG@10 for graded collections, MRR@10 for known-item ones (one relevant document a query).
bool graded(const Collection& c) {
    for (const auto& [qid, judgments] : c.qrels) {
        std::size_t relevant = 0;
        for (const auto& [doc, grade] : judgments) relevant += grade >= ev::relevant_grade;
        if (relevant > 1) return true;
    }
    return false;
}

double primary(const Mean& m, bool is_graded) {
    return is_graded ? m.ndcg : m.mrr;
}

void print_ablation(const std::vector<Collection>& collections, const sova::SearchOptions& options,
                    std::vector<sova::Searcher>& searchers, const std::vector<Scores>& sova_scores,
                    const std::vector<Scores>& xapian_scores) {
    std::cout << "### Ablation: each signal off in turn (MRR@10 on known-item collections, nDCG@10 on graded "
                 "ones; held-out half, dev in brackets)\n\n| variant |";
    for (const auto& c : collections)
        for (const auto& [label, keep] : rows(c)) std::cout << " " << c.name << " " << label << " |";
    std::cout << "\n|---|";
    for (const auto& c : collections)
        for (std::size_t i = 0; i < rows(c).size(); ++i) std::cout << "---:|";
    std::cout << "\n";
    auto print_row = [&](const std::string& name, const std::vector<Scores>& scores) {
        std::cout << "| " << name << " |";
        for (std::size_t k = 0; k < collections.size(); ++k) {
            bool g = graded(collections[k]);
            for (const auto& [label, keep] : rows(collections[k]))
                std::cout << " " << fixed(primary(mean(scores[k], collections[k], Half::held_out, keep), g), 3) << " ("
                          << fixed(primary(mean(scores[k], collections[k], Half::dev, keep), g), 3) << ") |";
        }
        std::cout << "\n";
    };
    print_row("**Sova**", sova_scores);
    for (const auto& variant : ablations()) {
        sova::SearchOptions changed = options;
        variant.change(changed);
        std::vector<Scores> scores;
        for (std::size_t k = 0; k < collections.size(); ++k)
            scores.push_back(run_sova(searchers[k], collections[k], changed, {Half::dev, Half::held_out}));
        print_row(variant.name, scores);
        std::cerr << "[ranking] ablation: " << variant.name << "\n";
    }
    print_row("Xapian baseline", xapian_scores);
    std::cout << "\n";
}

// Every combination of the grid's values, scored on the dev halves: per collection and kind
// the primary metric and its ratio to Xapian; the combinations sorted by the smallest ratio.
void run_grid(const Settings& s, const std::vector<Collection>& collections, const sova::SearchOptions& options,
              std::vector<sova::Searcher>& searchers, const std::vector<Scores>& xapian_scores) {
    std::size_t combos = 1;
    for (const auto& [name, values] : s.grid) combos *= values.size();
    struct Result {
        std::string label;
        double worst = 0, mean = 0;
        std::vector<double> cells;
    };
    std::vector<Result> results;
    std::vector<std::string> headers;
    for (const auto& c : collections)
        for (const auto& [label, keep] : rows(c)) headers.push_back(c.name + " " + label);
    for (std::size_t i = 0; i < combos; ++i) {
        sova::SearchOptions changed = options;
        Result r;
        std::size_t rest = i;
        for (const auto& [name, values] : s.grid) {
            const std::string& v = values[rest % values.size()];
            rest /= values.size();
            set_weight(changed, name, v);
            r.label += (r.label.empty() ? "" : " ") + name + "=" + v;
        }
        r.worst = 1e9;
        std::size_t counted = 0;
        for (std::size_t k = 0; k < collections.size(); ++k) {
            const Collection& c = collections[k];
            bool g = graded(c);
            Scores scores = run_sova(searchers[k], c, changed, {Half::dev});
            for (const auto& [label, keep] : rows(c)) {
                double sv = primary(mean(scores, c, Half::dev, keep), g);
                double xv = primary(mean(xapian_scores[k], c, Half::dev, keep), g);
                r.cells.push_back(sv);
                if (xv > 0 && std::find(c.kinds.begin(), c.kinds.end(), label) != c.kinds.end()) {
                    r.worst = std::min(r.worst, sv / xv);
                    r.mean += sv / xv;
                    ++counted;
                }
            }
        }
        if (counted) r.mean /= static_cast<double>(counted);
        std::cerr << "[ranking] grid " << (i + 1) << "/" << combos << ": " << r.label << " worst " << fixed(r.worst, 3)
                  << " mean " << fixed(r.mean, 3) << "\n";
        results.push_back(std::move(r));
    }
    std::stable_sort(results.begin(), results.end(),
                     [](const Result& a, const Result& b) { return a.worst > b.worst; });
    std::cout << "### Grid on the dev halves (sorted by the smallest Sova/Xapian ratio of any kind)\n\n| weights | "
                 "worst ratio | mean ratio |";
    for (const auto& h : headers) std::cout << " " << h << " |";
    std::cout << "\n|---|---:|---:|";
    for (std::size_t i = 0; i < headers.size(); ++i) std::cout << "---:|";
    std::cout << "\n| Xapian baseline | 1.000 | 1.000 |";
    for (std::size_t k = 0; k < collections.size(); ++k)
        for (const auto& [label, keep] : rows(collections[k]))
            std::cout << " "
                      << fixed(primary(mean(xapian_scores[k], collections[k], Half::dev, keep), graded(collections[k])),
                               3)
                      << " |";
    std::cout << "\n";
    for (const auto& r : results) {
        std::cout << "| " << r.label << " | " << fixed(r.worst, 3) << " | " << fixed(r.mean, 3) << " |";
        for (double v : r.cells) std::cout << " " << fixed(v, 3) << " |";
        std::cout << "\n";
    }
    std::cout << "\n";
}

void write_failures(const std::string& path, const std::vector<Collection>& collections,
                    const std::vector<Scores>& sova, const std::vector<Scores>& xapian) {
    std::ofstream out(path);
    out << "# Dev queries Sova ranks below Xapian (rank of the first relevant document; 0 = not in the top 10)\n\n";
    for (std::size_t k = 0; k < collections.size(); ++k) {
        const Collection& c = collections[k];
        std::vector<std::pair<double, const ev::Topic*>> losses;
        for (const auto& t : c.topics) {
            if (half_of(t.qid) != Half::dev) continue;
            double d = sova[k].at(t.qid).metrics.mrr10 - xapian[k].at(t.qid).metrics.mrr10;
            if (d < 0) losses.emplace_back(d, &t);
        }
        std::sort(losses.begin(), losses.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        out << "## " << c.name << ": " << losses.size() << " queries\n\n";
        for (const auto& [d, t] : losses) {
            const QueryScore& s = sova[k].at(t->qid);
            const QueryScore& x = xapian[k].at(t->qid);
            out << "- `" << t->qid << "` (" << t->kind << ") \"" << t->query << "\": Sova " << s.rank << ", Xapian "
                << x.rank << "; Sova's top:";
            for (const auto& id : s.top) out << " " << id;
            out << "\n";
        }
        out << "\n";
    }
}

int run(const Settings& s) {
    auto start = std::chrono::steady_clock::now();
    sova::SearchOptions options;
    for (const auto& [name, value] : s.sets) set_weight(options, name, value);
    std::vector<Collection> collections;
    for (const auto& dir : s.collections) collections.push_back(load(dir, s.work_dir, s.reuse));
    std::vector<sova::Searcher> searchers;
    std::vector<Scores> xapian_scores;
    for (const auto& c : collections) {
        searchers.push_back(sova::Searcher::open(c.sova_index));
        xapian_scores.push_back(run_xapian(c, {Half::dev, Half::held_out}));
    }
    if (!s.grid.empty()) {
        run_grid(s, collections, options, searchers, xapian_scores);
        return 0;
    }
    std::vector<Scores> sova_scores;
    for (std::size_t k = 0; k < collections.size(); ++k) {
        double seconds = 0;
        sova_scores.push_back(run_sova(searchers[k], collections[k], options, {Half::dev, Half::held_out}, &seconds));
        print_main_table(collections[k], sova_scores[k], xapian_scores[k],
                         1000 * seconds / static_cast<double>(std::max<std::size_t>(collections[k].topics.size(), 1)));
    }
    if (s.ablation) print_ablation(collections, options, searchers, sova_scores, xapian_scores);
    if (!s.failures_path.empty()) write_failures(s.failures_path, collections, sova_scores, xapian_scores);
    std::cerr << "[ranking] done in "
              << fixed(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 1) << " s\n";
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    return sova::eval::program_main("sova_eval_ranking", usage_text, [&] { return run(parse_settings(argc, argv)); });
}
