// sova_eval_like: more like this (like:ID) on the judged entity collection. For every article
// judged relevant to a query whose relevant articles are in more than one language, `like:ID`
// should find the others: P@5 is the share of its top five judged relevant to the same query
// (the article itself never counts), cross-language P@5 the share that is relevant and in
// another language. Per source language, on the dev and held-out halves of the queries
// (split.hpp), for Sova's like:ID, its words alone (no entities, no cross-script keys), and
// what a Xapian user writes (Omega's MORELIKE: the top 40 terms of Enquire::get_eset with the
// article as the relevance set, OR-ed). With --grid, a search over the like_* weights on dev.
// See README.md.
#include "bench/eval/baseline.hpp"
#include "bench/eval/program.hpp"
#include "bench/eval/split.hpp"
#include "bench/eval/trec.hpp"

#include <sova/sova.hpp>

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#ifndef SOVA_EVAL_ENTITIES_DIR
#define SOVA_EVAL_ENTITIES_DIR "bench/eval/entities"
#endif

namespace {

namespace fs = std::filesystem;
namespace ev = sova::eval;
using ev::fixed;
using ev::UsageError;

constexpr std::size_t depth = 5;           // P@5
constexpr unsigned xapian_eset_terms = 40; // Omega's MORELIKE takes 40 terms
const std::vector<std::string> languages{"en", "ru", "uk"};

struct Settings {
    std::string collection = SOVA_EVAL_ENTITIES_DIR;
    std::string work_dir = "/tmp/sova-eval-like";
    std::vector<std::pair<std::string, std::vector<double>>> grid;
};

constexpr const char* usage_text =
    "usage: sova_eval_like [options]\n"
    "  --collection DIR   articles.jsonl, queries.tsv and qrels.txt (default: bench/eval/entities)\n"
    "  --work DIR         indexes go here (default /tmp/sova-eval-like)\n"
    "  --grid NAME=V1,V2  score every combination of these like_* weights (like_entities, like_keys,\n"
    "                     like_words, like_word_count) on both halves; choose on dev (repeatable)\n";

Settings parse_settings(int argc, char** argv) {
    Settings s;
    for (ev::Arguments args(argc, argv); args.next();) {
        const std::string& flag = args.flag();
        if (flag == "--collection")
            s.collection = args.value();
        else if (flag == "--work")
            s.work_dir = args.value();
        else if (flag == "--grid") {
            const std::string& value = args.value();
            const std::size_t eq = value.find('=');
            if (eq == std::string::npos) throw UsageError("--grid needs NAME=V1,V2,…, not '" + value + "'");
            std::vector<double> values;
            std::stringstream in(value.substr(eq + 1));
            for (std::string v; std::getline(in, v, ',');) {
                char* end = nullptr;
                const double x = std::strtod(v.c_str(), &end);
                if (v.empty() || *end != '\0' || x < 0) throw UsageError("--grid: '" + v + "' is not a weight");
                values.push_back(x);
            }
            s.grid.emplace_back(value.substr(0, eq), values);
        } else if (flag == "-h" || flag == "--help")
            throw ev::HelpRequested();
        else
            throw UsageError("unknown option '" + flag + "'");
    }
    return s;
}

void set_weight(sova::RankingWeights& w, const std::string& name, double value) {
    if (name == "like_entities")
        w.like_entities = value;
    else if (name == "like_keys")
        w.like_keys = value;
    else if (name == "like_words")
        w.like_words = value;
    else if (name == "like_word_count")
        w.like_word_count = static_cast<unsigned>(value);
    else
        throw UsageError("--grid: no like weight '" + name + "'");
}

// ---------------------------------------------------------------------------------------------
// The cases: (query, article) pairs.

struct Case {
    std::string qid;
    std::string article;
    std::string lang;                 // the article's
    ev::Half half = ev::Half::dev;    // by the query's id
    std::set<std::string> relevant;   // the query's other relevant articles
    std::set<std::string> other_lang; // those in another language
};

std::vector<Case> make_cases(const std::vector<ev::Topic>& topics, const ev::Qrels& qrels,
                             const std::map<std::string, std::string>& lang_of) {
    std::vector<Case> cases;
    for (const ev::Topic& topic : topics) {
        auto judged = qrels.find(topic.qid);
        if (judged == qrels.end()) continue;
        std::set<std::string> relevant;
        for (const auto& [doc, grade] : judged->second)
            if (grade >= ev::relevant_grade && lang_of.count(doc)) relevant.insert(doc);
        for (const std::string& doc : relevant) {
            Case c{topic.qid, doc, lang_of.at(doc), ev::half_of(topic.qid), relevant, {}};
            c.relevant.erase(doc);
            for (const std::string& other : c.relevant)
                if (lang_of.at(other) != c.lang) c.other_lang.insert(other);
            if (!c.other_lang.empty()) cases.push_back(std::move(c));
        }
    }
    return cases;
}

// ---------------------------------------------------------------------------------------------
// Systems: an article id in, the ids of the five most like it out (never itself).

using Similar = std::function<std::vector<std::string>(const std::string& id)>;

Similar sova_like(sova::Searcher& searcher, const sova::RankingWeights& weights) {
    return [&searcher, weights](const std::string& id) {
        sova::SearchOptions options;
        options.ranking = weights;
        options.limit = depth;
        options.snippets = false;
        options.count_matched = false;
        options.entity_scores = false;
        std::vector<std::string> ids;
        for (const auto& hit : searcher.search("like:\"" + id + "\"", options).hits) ids.push_back(hit.id);
        return ids;
    };
}

// Omega's MORELIKE on the plain Xapian index: the article's top terms by Xapian's expansion
// weight, OR-ed, BM25; the article itself left out.
Similar xapian_morelike(const Xapian::Database& db) {
    return [&db](const std::string& id) {
        std::vector<std::string> ids;
        Xapian::PostingIterator doc = db.postlist_begin("Q" + id);
        if (doc == db.postlist_end("Q" + id)) return ids;
        Xapian::RSet rset;
        rset.add_document(*doc);
        Xapian::Enquire enquire(db);
        Xapian::ESet eset = enquire.get_eset(xapian_eset_terms, rset);
        std::vector<std::string> terms(eset.begin(), eset.end());
        enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT,
                                        Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                                        Xapian::Query("Q" + id)));
        Xapian::MSet mset = enquire.get_mset(0, depth);
        for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(it.get_document().get_data());
        return ids;
    };
}

// ---------------------------------------------------------------------------------------------
// Scores.

struct Score {
    std::size_t cases = 0;
    double p5 = 0;       // sum of P@5
    double cross_p5 = 0; // sum of cross-language P@5
    double ceiling = 0;  // sum of the best P@5 possible (fewer than five other relevant articles)
    double mean(double sum) const { return cases ? sum / static_cast<double>(cases) : 0; }
};

using Scores = std::map<std::pair<ev::Half, std::string>, Score>; // (half, source language or "all")

Scores score(const std::vector<Case>& cases, const Similar& similar) {
    std::map<std::string, std::vector<std::string>> found; // an article's top five, once
    Scores scores;
    for (const Case& c : cases) {
        auto it = found.find(c.article);
        if (it == found.end()) it = found.emplace(c.article, similar(c.article)).first;
        double hits = 0, cross = 0;
        for (std::size_t i = 0; i < it->second.size() && i < depth; ++i) {
            const std::string& id = it->second[i];
            if (id == c.article) throw std::runtime_error("like:" + id + " found the article itself");
            hits += c.relevant.count(id);
            cross += c.other_lang.count(id);
        }
        for (const std::string& lang : {c.lang, std::string("all")}) {
            Score& s = scores[{c.half, lang}];
            ++s.cases;
            s.p5 += hits / depth;
            s.cross_p5 += cross / depth;
            s.ceiling += static_cast<double>(std::min(depth, c.relevant.size())) / depth;
        }
    }
    return scores;
}

void print_tables(const std::vector<std::pair<std::string, Scores>>& systems) {
    for (ev::Half half : {ev::Half::held_out, ev::Half::dev}) {
        std::cout << "\n**" << ev::half_name(half) << " half**\n\n| source | cases | best possible P@5 |";
        for (const auto& [name, scores] : systems) std::cout << " " << name << " P@5 | cross-language P@5 |";
        std::cout << "\n|---|---:|---:|";
        for (std::size_t i = 0; i < systems.size(); ++i) std::cout << "---:|---:|";
        std::cout << "\n";
        std::vector<std::string> rows = languages;
        rows.emplace_back("all");
        for (const std::string& lang : rows) {
            const auto key = std::make_pair(half, lang);
            const Score& first = systems.front().second.count(key) ? systems.front().second.at(key) : Score{};
            std::cout << "| " << lang << " | " << first.cases << " | " << fixed(first.mean(first.ceiling), 3) << " |";
            for (const auto& [name, scores] : systems) {
                const Score s = scores.count(key) ? scores.at(key) : Score{};
                std::cout << " " << fixed(s.mean(s.p5), 3) << " | " << fixed(s.mean(s.cross_p5), 3) << " |";
            }
            std::cout << "\n";
        }
    }
}

// Every combination of the grid's weights, both halves shown, dev first (choose on dev).
void run_grid(const Settings& s, const std::vector<Case>& cases, sova::Searcher& searcher) {
    std::size_t combos = 1;
    for (const auto& [name, values] : s.grid) combos *= values.size();
    std::cout
        << "\n| weights | dev P@5 | dev cross P@5 | held-out P@5 | held-out cross P@5 |\n|---|---:|---:|---:|---:|\n";
    for (std::size_t i = 0; i < combos; ++i) {
        sova::RankingWeights weights;
        std::string label;
        std::size_t rest = i;
        for (const auto& [name, values] : s.grid) {
            const double value = values[rest % values.size()];
            rest /= values.size();
            set_weight(weights, name, value);
            label += (label.empty() ? "" : " ") + name + "=" + fixed(value, 2);
        }
        Scores scores = score(cases, sova_like(searcher, weights));
        const Score& dev = scores[{ev::Half::dev, "all"}];
        const Score& held = scores[{ev::Half::held_out, "all"}];
        std::cout << "| " << label << " | " << fixed(dev.mean(dev.p5), 3) << " | " << fixed(dev.mean(dev.cross_p5), 3)
                  << " | " << fixed(held.mean(held.p5), 3) << " | " << fixed(held.mean(held.cross_p5), 3) << " |"
                  << std::endl;
    }
}

int run(int argc, char** argv) {
    const Settings s = parse_settings(argc, argv);
    const fs::path work(s.work_dir);
    fs::create_directories(work);
    const std::string articles_path = (fs::path(s.collection) / "articles.jsonl").string();
    const std::vector<ev::Article> articles = ev::read_articles(articles_path);
    std::map<std::string, std::string> lang_of;
    for (const ev::Article& a : articles) lang_of[a.id] = a.lang;
    const std::vector<Case> cases =
        make_cases(ev::read_topics((fs::path(s.collection) / "queries.tsv").string()),
                   ev::read_qrels((fs::path(s.collection) / "qrels.txt").string()), lang_of);

    const std::string sova_path = (work / "sova").string();
    ev::remove_old_index(sova_path);
    {
        sova::IndexWriter writer = sova::IndexWriter::create_or_open(sova_path);
        sova::IndexingOptions options;
        options.strict = true;
        sova::index_paths(writer, {articles_path}, options);
    }
    const std::string xapian_path = (work / "xapian").string();
    ev::build_xapian_index(articles, xapian_path);
    sova::Searcher searcher = sova::Searcher::open(sova_path);
    const Xapian::Database xapian(xapian_path);

    if (!s.grid.empty()) {
        run_grid(s, cases, searcher);
        return 0;
    }
    sova::RankingWeights words_only;
    words_only.like_entities = 0;
    words_only.like_keys = 0;
    const auto start = std::chrono::steady_clock::now();
    Scores sova = score(cases, sova_like(searcher, sova::RankingWeights{}));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::set<std::string> sources;
    for (const Case& c : cases) sources.insert(c.article);
    std::cout << "# like:ID on " << s.collection << ": " << cases.size() << " (query, article) cases, "
              << sources.size() << " articles; Sova " << fixed(1000 * seconds / static_cast<double>(sources.size()), 1)
              << " ms an article (first run, top 5, no snippets)\n";
    print_tables({{"Sova like:ID", sova},
                  {"Sova, words alone", score(cases, sova_like(searcher, words_only))},
                  {"Xapian MORELIKE", score(cases, xapian_morelike(xapian))}});
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    return ev::program_main("sova_eval_like", usage_text, [&] { return run(argc, argv); });
}
