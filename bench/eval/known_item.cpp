// sova_eval_known_item: known-item relevance of Sova against plain Xapian on a JSON Lines corpus.
//
// Every page of the corpus (in the indexed languages) becomes an article; the words of each
// page's description (the JSON "title") are a query whose one relevant answer is the page
// itself. Sova and a baseline built the way a Xapian user would (TermGenerator + QueryParser,
// Snowball stemmer of the page's language, BM25) index the same pages and answer the same
// queries. Prints MRR@10, Success@1 and Success@10 per language, index build times and sizes as
// Markdown, and writes the same (plus every query's ranks) as JSON. See README.md.
#include "bench/eval/program.hpp"
#include "bench/eval/split.hpp"
#include "schema/json.hpp"
#include "tokenizers/stemmer.hpp"

#include <sova/sova.hpp>

#include <simdjson.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace ev = sova::eval;

namespace fs = std::filesystem;

constexpr std::size_t cutoff = 10;         // ranks counted: MRR@10, Success@10
constexpr std::size_t min_query_words = 2; // shorter descriptions say too little to be a query
constexpr std::size_t explain_depth = 100; // failure listings look this deep for the known item

// ---------------------------------------------------------------------------------------------
// Settings: raw flags are validated here, once.

struct Settings {
    std::string corpus;
    std::string work_dir = "/tmp/sova-eval";
    std::vector<std::string> index_langs{"ru", "uk", "de", "fr", "en"};
    std::vector<std::string> eval_langs{"ru", "uk", "de", "fr"};
    std::string ru_stemmer = "snowball";
    std::size_t max_queries = 0; // per language; 0 = every page with a usable description
    std::string failures_path;   // listing of queries Sova ranks worse than Xapian OR
    std::size_t failures_per_lang = 10;
    bool baseline = true;
    bool variants = false; // also Sova with cross-script keys off (query-time option)
    std::string json_path;
    std::string compare_path; // JSON of an earlier run: its Sova against this run's Sova
};

using sova::eval::UsageError;

constexpr const char* usage_text =
    "usage: sova_eval_known_item --corpus FILE.jsonl [options]\n"
    "  --work DIR              indexes go to DIR/sova-<ru stemmer>, DIR/xapian (default /tmp/sova-eval)\n"
    "  --index-langs LIST      languages indexed (default ru,uk,de,fr,en)\n"
    "  --eval-langs LIST       languages whose pages are queries (default ru,uk,de,fr)\n"
    "  --ru-stemmer NAME       snowball (default) or hunspell: Russian stemming in Sova\n"
    "  --max-queries N         at most N queries per language, a fixed hash-ordered sample (0 = all)\n"
    "  --failures FILE         list queries Sova ranks worse than Xapian OR, with both top fives\n"
    "  --failures-per-lang N   how many of them per language (default 10)\n"
    "  --no-baseline           evaluate Sova only\n"
    "  --variants              also evaluate Sova with SearchOptions::cross_script = false\n"
    "  --json FILE             also write the results as JSON\n"
    "  --compare-with FILE     JSON of an earlier run (e.g. the other --ru-stemmer): compare the two Sovas\n";

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        std::size_t comma = text.find(',');
        if (std::string_view part = text.substr(0, comma); !part.empty()) out.emplace_back(part);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return out;
}

using sova::eval::parse_count;
using sova::eval::remove_old_index;

Settings parse_settings(int argc, char** argv) {
    Settings s;
    for (sova::eval::Arguments args(argc, argv); args.next();) {
        const std::string& flag = args.flag();
        if (flag == "--corpus")
            s.corpus = args.value();
        else if (flag == "--work")
            s.work_dir = args.value();
        else if (flag == "--index-langs")
            s.index_langs = split_list(args.value());
        else if (flag == "--eval-langs")
            s.eval_langs = split_list(args.value());
        else if (flag == "--ru-stemmer")
            s.ru_stemmer = args.value();
        else if (flag == "--max-queries")
            s.max_queries = parse_count(flag, args.value());
        else if (flag == "--failures")
            s.failures_path = args.value();
        else if (flag == "--failures-per-lang")
            s.failures_per_lang = parse_count(flag, args.value());
        else if (flag == "--no-baseline")
            s.baseline = false;
        else if (flag == "--variants")
            s.variants = true;
        else if (flag == "--json")
            s.json_path = args.value();
        else if (flag == "--compare-with")
            s.compare_path = args.value();
        else if (flag == "-h" || flag == "--help")
            throw sova::eval::HelpRequested();
        else
            throw UsageError("unknown option '" + flag + "'");
    }
    if (s.corpus.empty()) throw UsageError("--corpus is required");
    if (s.ru_stemmer != "snowball" && s.ru_stemmer != "hunspell")
        throw UsageError("--ru-stemmer must be snowball or hunspell, not '" + s.ru_stemmer + "'");
    if (s.index_langs.empty() || s.eval_langs.empty()) throw UsageError("language lists must not be empty");
    if (!s.failures_path.empty() && !s.baseline) throw UsageError("--failures needs the baseline (drop --no-baseline)");
    for (const auto& lang : s.eval_langs)
        if (std::find(s.index_langs.begin(), s.index_langs.end(), lang) == s.index_langs.end())
            throw UsageError("evaluated language '" + lang + "' is not in --index-langs");
    return s;
}

// ---------------------------------------------------------------------------------------------
// Corpus and queries.

struct Page {
    std::string id, name, description, text, lang, source;
};

std::vector<Page> read_pages(const std::string& path, const std::vector<std::string>& langs) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read the corpus " + path);
    std::vector<Page> pages;
    simdjson::dom::parser parser;
    std::uint64_t line_number = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_number;
        simdjson::dom::element doc;
        if (auto error = parser.parse(line).get(doc))
            throw std::runtime_error(path + ":" + std::to_string(line_number) + ": " + simdjson::error_message(error));
        auto field = [&](const char* key) {
            std::string_view v;
            return doc[key].get_string().get(v) ? std::string() : std::string(v);
        };
        Page page{field("id"), field("name"), field("title"), field("text"), field("lang"), field("source")};
        if (std::find(langs.begin(), langs.end(), page.lang) == langs.end()) continue;
        if (page.id.empty() || page.text.empty())
            throw std::runtime_error(path + ":" + std::to_string(line_number) + ": page without id or text");
        pages.push_back(std::move(page));
    }
    return pages;
}

std::size_t count_words(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;
    for (char ch : text) {
        bool space = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
        words += !space && !in_word;
        in_word = !space;
    }
    return words;
}

std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 14695981039346656037ull;
    for (char ch : s) {
        h ^= static_cast<unsigned char>(ch);
        h *= 1099511628211ull;
    }
    return h;
}

/// One known-item query: the description of `page`, answered by the page itself.
struct Query {
    const Page* page = nullptr;
};

using QuerySet = std::vector<std::pair<std::string, std::vector<Query>>>; // per language, in --eval-langs order

// Per language, the pages with a description of two words or more; a sample (ordered by a hash
// of the id, so it is fixed and spread across the alphabet) when --max-queries is set.
QuerySet make_queries(const std::vector<Page>& pages, const Settings& s) {
    QuerySet by_lang;
    for (const auto& lang : s.eval_langs) {
        std::vector<Query> queries;
        for (const Page& page : pages)
            if (page.lang == lang && count_words(page.description) >= min_query_words) queries.push_back({&page});
        by_lang.emplace_back(lang, std::move(queries));
    }
    for (auto& [lang, queries] : by_lang) {
        if (s.max_queries == 0 || queries.size() <= s.max_queries) continue;
        std::sort(queries.begin(), queries.end(),
                  [](const Query& a, const Query& b) { return fnv1a(a.page->id) < fnv1a(b.page->id); });
        queries.resize(s.max_queries);
        std::sort(queries.begin(), queries.end(),
                  [](const Query& a, const Query& b) { return a.page->id < b.page->id; });
    }
    return by_lang;
}

// ---------------------------------------------------------------------------------------------
// Indexes.

struct IndexReport {
    std::string name;
    std::string path;
    std::uint64_t documents = 0;
    double seconds = 0;
    std::uint64_t bytes = 0;
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

IndexReport build_sova_index(const std::vector<Page>& pages, const std::string& path, const std::string& name) {
    remove_old_index(path);
    auto start = std::chrono::steady_clock::now();
    {
        sova::IndexWriter writer = sova::IndexWriter::create_or_open(path);
        for (const Page& page : pages) {
            sova::Article article;
            article.id = page.id;
            article.title = page.name; // the page name ("ls"); the description is the query
            article.text = page.text;
            article.lang = page.lang;
            article.source = page.source;
            writer.add(article);
        }
        writer.commit();
    }
    return {name, path, pages.size(), seconds_since(start), folder_bytes(path)};
}

// Xapian's Snowball stemmer for an ISO 639-1 code, or none (Ukrainian, for one).
Xapian::Stem xapian_stemmer(const std::string& lang) {
    try {
        return Xapian::Stem(lang);
    } catch (const Xapian::InvalidArgumentError&) {
        return {}; // no stemming
    }
}

IndexReport build_xapian_index(const std::vector<Page>& pages, const std::string& path) {
    remove_old_index(path);
    auto start = std::chrono::steady_clock::now();
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
        Xapian::TermGenerator generator;
        generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
        std::map<std::string, Xapian::Stem> stemmers;
        for (const Page& page : pages) {
            auto it = stemmers.find(page.lang);
            if (it == stemmers.end()) it = stemmers.emplace(page.lang, xapian_stemmer(page.lang)).first;
            Xapian::Document doc;
            generator.set_document(doc);
            generator.set_stemmer(it->second);
            generator.index_text(page.name, 1, "S");
            generator.index_text(page.text);
            const std::string id_term = "Q" + page.id;
            doc.add_boolean_term(id_term);
            doc.set_data(page.id);
            db.replace_document(id_term, doc);
        }
        db.commit();
    }
    return {"Xapian baseline", path, pages.size(), seconds_since(start), folder_bytes(path)};
}

// ---------------------------------------------------------------------------------------------
// Systems under test: a query in, the ids of the top 10 out.

struct Ranking {
    std::vector<std::string> ids;
    bool error = false; // the query could not be parsed: counted as a miss
    std::string detail; // why, or what was searched (for failure listings)
};

class System {
public:
    virtual ~System() = default;
    virtual const std::string& name() const = 0;
    virtual Ranking rank(const Page& page) = 0;
    /// The top `hits` hits and the known item (if in the top 100), with what explains them.
    virtual std::vector<std::string> explain(const Page& page, std::size_t hits) = 0;
};

class SovaSystem : public System {
public:
    SovaSystem(std::string name, const std::string& path, sova::SearchOptions options = {})
        : m_name(std::move(name)), m_searcher(sova::Searcher::open(path)), m_options(std::move(options)) {}
    const std::string& name() const override { return m_name; }

    Ranking rank(const Page& page) override {
        Ranking out;
        try {
            sova::SearchOptions options = m_options; // defaults unless a variant: what `sova search` does
            options.limit = cutoff;
            for (auto& hit : m_searcher.search(page.description, options).hits) out.ids.push_back(std::move(hit.id));
        } catch (const sova::QueryError& e) {
            out.error = true;
            out.detail = e.what();
        }
        return out;
    }

    std::vector<std::string> explain(const Page& page, std::size_t hits) override {
        std::vector<std::string> lines;
        try {
            sova::SearchOptions options = m_options;
            options.limit = explain_depth;
            sova::SearchResults results = m_searcher.search(page.description, options);
            for (const auto& hit : results.hits) {
                if (hit.rank > hits && hit.id != page.id) continue;
                std::ostringstream line;
                line << hit.rank << ". " << hit.id << (hit.id == page.id ? " (target)" : "") << "  matched "
                     << hit.matched << "/" << hit.clauses << "  bm25 " << hit.score;
                lines.push_back(line.str());
            }
            lines.push_back("query: " + results.description);
        } catch (const sova::Error& e) {
            lines.push_back(std::string("error: ") + e.what());
        }
        return lines;
    }

private:
    std::string m_name;
    sova::Searcher m_searcher;
    sova::SearchOptions m_options;
};

class XapianSystem : public System {
public:
    XapianSystem(std::string name, const std::string& path, Xapian::Query::op default_op)
        : m_name(std::move(name)), m_db(path), m_default_op(default_op) {}
    const std::string& name() const override { return m_name; }

    Ranking rank(const Page& page) override {
        Ranking out;
        try {
            Xapian::Enquire enquire(m_db);
            enquire.set_query(parse(page));
            Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(cutoff));
            for (auto it = mset.begin(); it != mset.end(); ++it) out.ids.push_back(it.get_document().get_data());
        } catch (const Xapian::QueryParserError& e) {
            out.error = true;
            out.detail = e.get_description();
        }
        return out;
    }

    std::vector<std::string> explain(const Page& page, std::size_t hits) override {
        std::vector<std::string> lines;
        try {
            Xapian::Enquire enquire(m_db);
            Xapian::Query query = parse(page);
            enquire.set_query(query);
            Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(explain_depth));
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                std::string id = it.get_document().get_data();
                if (it.get_rank() >= hits && id != page.id) continue;
                std::ostringstream line;
                line << (it.get_rank() + 1) << ". " << id << (id == page.id ? " (target)" : "") << "  bm25 "
                     << it.get_weight();
                lines.push_back(line.str());
            }
            lines.push_back("query: " + query.get_description());
        } catch (const Xapian::QueryParserError& e) {
            lines.push_back("error: " + e.get_description());
        }
        return lines;
    }

private:
    // What a Xapian user writes: the page language's stemmer, STEM_SOME, FLAG_DEFAULT.
    Xapian::Query parse(const Page& page) {
        auto it = m_stemmers.find(page.lang);
        if (it == m_stemmers.end()) it = m_stemmers.emplace(page.lang, xapian_stemmer(page.lang)).first;
        Xapian::QueryParser parser;
        parser.set_stemmer(it->second);
        parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        parser.set_default_op(m_default_op);
        return parser.parse_query(page.description, Xapian::QueryParser::FLAG_DEFAULT);
    }

    std::string m_name;
    Xapian::Database m_db;
    Xapian::Query::op m_default_op;
    std::map<std::string, Xapian::Stem> m_stemmers;
};

// ---------------------------------------------------------------------------------------------
// Evaluation.

struct Score {
    std::size_t queries = 0;
    double reciprocal_ranks = 0;
    std::size_t at1 = 0;
    std::size_t at10 = 0;
    std::size_t errors = 0;

    void add(std::size_t rank, bool error) {
        ++queries;
        errors += error;
        if (rank == 0) return;
        reciprocal_ranks += 1.0 / static_cast<double>(rank);
        at1 += rank == 1;
        at10 += rank <= cutoff;
    }
    double mrr() const { return queries ? reciprocal_ranks / static_cast<double>(queries) : 0; }
    double success1() const { return queries ? static_cast<double>(at1) / static_cast<double>(queries) : 0; }
    double success10() const { return queries ? static_cast<double>(at10) / static_cast<double>(queries) : 0; }
};

/// Ranks of the known item per system (1-based; 0 = not in the top 10).
struct Outcome {
    const Page* page = nullptr;
    std::vector<std::size_t> ranks;
    std::vector<bool> errors;
};

struct LanguageResult {
    std::string lang;
    std::vector<Score> scores; // per system
    std::vector<Outcome> outcomes;
};

struct SystemTiming {
    std::size_t queries = 0;
    double seconds = 0;
};

std::size_t rank_of(const Ranking& ranking, const std::string& id) {
    for (std::size_t i = 0; i < ranking.ids.size() && i < cutoff; ++i)
        if (ranking.ids[i] == id) return i + 1;
    return 0;
}

std::vector<LanguageResult> evaluate(const QuerySet& queries, const std::vector<std::unique_ptr<System>>& systems,
                                     std::vector<SystemTiming>& timings) {
    timings.assign(systems.size(), {});
    std::vector<LanguageResult> results;
    for (const auto& [lang, lang_queries] : queries) {
        LanguageResult result;
        result.lang = lang;
        result.scores.resize(systems.size());
        for (const Query& query : lang_queries) {
            Outcome outcome;
            outcome.page = query.page;
            for (std::size_t s = 0; s < systems.size(); ++s) {
                auto start = std::chrono::steady_clock::now();
                Ranking ranking = systems[s]->rank(*query.page);
                timings[s].seconds += seconds_since(start);
                ++timings[s].queries;
                std::size_t rank = rank_of(ranking, query.page->id);
                result.scores[s].add(rank, ranking.error);
                outcome.ranks.push_back(rank);
                outcome.errors.push_back(ranking.error);
            }
            result.outcomes.push_back(std::move(outcome));
        }
        results.push_back(std::move(result));
    }
    return results;
}

// ---------------------------------------------------------------------------------------------
// Reports.

using sova::eval::fixed;

void print_tables(std::ostream& out, const Settings& s, const std::vector<LanguageResult>& results,
                  const std::vector<std::unique_ptr<System>>& systems, const std::vector<IndexReport>& indexes,
                  const std::vector<SystemTiming>& timings) {
    out << "### Known-item search: " << fs::path(s.corpus).filename().string()
        << ", Sova Russian stemmer: " << s.ru_stemmer << "\n\n";
    // Per half of the queries (by a hash of the page id): held-out first, then dev.
    out << "| lang | half | queries | system | MRR@10 | Success@1 | Success@10 | parse errors |\n";
    out << "|---|---|---:|---|---:|---:|---:|---:|\n";
    auto row = [&](const std::string& lang, ev::Half half, const Score& score, std::size_t system, bool first) {
        out << "| " << (first ? lang : "") << " | " << (first ? ev::half_name(half) : "") << " | "
            << (first ? std::to_string(score.queries) : "") << " | " << systems[system]->name() << " | "
            << fixed(score.mrr(), 3) << " | " << fixed(score.success1(), 3) << " | " << fixed(score.success10(), 3)
            << " | " << score.errors << " |\n";
    };
    for (ev::Half half : {ev::Half::held_out, ev::Half::dev}) {
        std::vector<Score> all(systems.size());
        for (const auto& result : results) {
            std::vector<Score> scores(systems.size());
            for (const Outcome& outcome : result.outcomes) {
                if (ev::half_of(outcome.page->id) != half) continue;
                for (std::size_t i = 0; i < systems.size(); ++i) {
                    scores[i].add(outcome.ranks[i], outcome.errors[i]);
                    all[i].add(outcome.ranks[i], outcome.errors[i]);
                }
            }
            for (std::size_t i = 0; i < systems.size(); ++i) row(result.lang, half, scores[i], i, i == 0);
        }
        for (std::size_t i = 0; i < systems.size(); ++i) row("all", half, all[i], i, i == 0);
    }
    out << "\n| index | documents | build seconds | size MB |\n|---|---:|---:|---:|\n";
    for (const auto& index : indexes)
        out << "| " << index.name << " | " << index.documents << " | " << fixed(index.seconds, 1) << " | "
            << fixed(static_cast<double>(index.bytes) / 1e6, 1) << " |\n";

    out << "\n| system | queries | search seconds | ms/query |\n|---|---:|---:|---:|\n";
    for (std::size_t i = 0; i < systems.size(); ++i) {
        const auto& t = timings[i];
        out << "| " << systems[i]->name() << " | " << t.queries << " | " << fixed(t.seconds, 1) << " | "
            << fixed(t.queries ? 1000 * t.seconds / static_cast<double>(t.queries) : 0, 1) << " |\n";
    }
    out << "\n";
}

double reciprocal(std::size_t rank) {
    return rank ? 1.0 / static_cast<double>(rank) : 0.0;
}

// Queries Sova (system 0) ranks worse than Xapian OR (system 1), the largest losses of
// reciprocal rank first, with both top fives and the queries as compiled.
void print_failures(std::ostream& out, std::size_t per_lang, const std::vector<LanguageResult>& results,
                    const std::vector<std::unique_ptr<System>>& systems) {
    if (systems.size() < 2) return;
    for (const auto& result : results) {
        std::vector<const Outcome*> worse;
        for (const auto& o : result.outcomes)
            if (reciprocal(o.ranks[0]) < reciprocal(o.ranks[1])) worse.push_back(&o);
        std::stable_sort(worse.begin(), worse.end(), [](const Outcome* a, const Outcome* b) {
            return reciprocal(a->ranks[1]) - reciprocal(a->ranks[0]) >
                   reciprocal(b->ranks[1]) - reciprocal(b->ranks[0]);
        });
        out << "#### " << result.lang << ": " << worse.size() << " of " << result.outcomes.size()
            << " queries ranked worse by " << systems[0]->name() << " than by " << systems[1]->name() << "\n";
        if (worse.size() > per_lang) worse.resize(per_lang);
        for (const Outcome* op : worse) {
            const Outcome& o = *op;
            out << "\n* query \"" << o.page->description << "\" -> " << o.page->id << "  (" << systems[0]->name()
                << " rank " << o.ranks[0] << ", " << systems[1]->name() << " rank " << o.ranks[1] << "; 0 = not in top "
                << cutoff << ")\n";
            for (std::size_t s : {std::size_t{0}, std::size_t{1}}) {
                out << "  " << systems[s]->name() << ":\n";
                for (const auto& line : systems[s]->explain(*o.page, 5)) out << "    " << line << "\n";
            }
        }
        out << "\n";
    }
}

std::string json_string(std::string_view s) {
    std::string out;
    sova::schema::append_json_string(out, s);
    return out;
}

std::string json_score(const Score& score) {
    return "{\"queries\": " + std::to_string(score.queries) + ", \"mrr10\": " + fixed(score.mrr(), 4) +
           ", \"success1\": " + fixed(score.success1(), 4) + ", \"success10\": " + fixed(score.success10(), 4) +
           ", \"parse_errors\": " + std::to_string(score.errors) + "}";
}

void write_json(const std::string& path, const Settings& s, const std::vector<LanguageResult>& results,
                const std::vector<std::unique_ptr<System>>& systems, const std::vector<IndexReport>& indexes,
                const std::vector<SystemTiming>& timings) {
    std::ofstream out(path + ".tmp");
    auto list = [](const std::vector<std::string>& items) {
        std::string text = "[";
        for (std::size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + json_string(items[i]);
        return text + "]";
    };
    out << "{\n  \"corpus\": " << json_string(s.corpus) << ",\n  \"ru_stemmer\": " << json_string(s.ru_stemmer)
        << ",\n  \"index_langs\": " << list(s.index_langs) << ",\n  \"eval_langs\": " << list(s.eval_langs)
        << ",\n  \"max_queries\": " << s.max_queries << ",\n  \"cutoff\": " << cutoff << ",\n";
    std::vector<std::string> names;
    names.reserve(systems.size());
    for (const auto& system : systems) names.push_back(system->name());
    out << "  \"systems\": " << list(names) << ",\n  \"indexes\": [";
    for (std::size_t i = 0; i < indexes.size(); ++i)
        out << (i ? ", " : "") << "\n    {\"name\": " << json_string(indexes[i].name)
            << ", \"path\": " << json_string(indexes[i].path) << ", \"documents\": " << indexes[i].documents
            << ", \"seconds\": " << fixed(indexes[i].seconds, 2) << ", \"bytes\": " << indexes[i].bytes << "}";
    out << "\n  ],\n  \"search\": {";
    for (std::size_t i = 0; i < systems.size(); ++i)
        out << (i ? ", " : "") << "\n    " << json_string(names[i]) << ": {\"queries\": " << timings[i].queries
            << ", \"seconds\": " << fixed(timings[i].seconds, 2) << "}";
    out << "\n  },\n  \"results\": {";
    for (std::size_t r = 0; r < results.size(); ++r) {
        out << (r ? "," : "") << "\n    " << json_string(results[r].lang) << ": {";
        for (std::size_t i = 0; i < systems.size(); ++i)
            out << (i ? ", " : "") << "\n      " << json_string(names[i]) << ": " << json_score(results[r].scores[i]);
        out << "\n    }";
    }
    out << "\n  },\n  \"queries\": [";
    bool first = true;
    for (const auto& result : results) {
        for (const auto& o : result.outcomes) {
            out << (first ? "" : ",") << "\n    {\"id\": " << json_string(o.page->id)
                << ", \"lang\": " << json_string(o.page->lang) << ", \"query\": " << json_string(o.page->description)
                << ", \"ranks\": {";
            for (std::size_t i = 0; i < systems.size(); ++i)
                out << (i ? ", " : "") << json_string(names[i]) << ": " << o.ranks[i];
            out << "}, \"errors\": {";
            for (std::size_t i = 0; i < systems.size(); ++i)
                out << (i ? ", " : "") << json_string(names[i]) << ": " << (o.errors[i] ? "true" : "false");
            out << "}}";
            first = false;
        }
    }
    out << "\n  ]\n}\n";
    out.close();
    if (!out) throw std::runtime_error("cannot write " + path);
    fs::rename(path + ".tmp", path);
}

// Sova of an earlier run (its JSON) against this run's Sova, per language: the scores and, query
// by query, how often each ranks the known item higher.
void print_comparison(std::ostream& out, const std::string& path, const std::vector<LanguageResult>& results,
                      const System& sova) {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (auto error = parser.load(path).get(root))
        throw std::runtime_error("cannot read " + path + ": " + simdjson::error_message(error));
    std::string_view other;
    simdjson::dom::array systems;
    if (root["systems"].get_array().get(systems) || systems.size() == 0 || systems.at(0).get_string().get(other))
        throw std::runtime_error(path + " has no \"systems\"");
    std::map<std::string, std::size_t, std::less<>> other_ranks; // id -> rank of the known item
    simdjson::dom::array queries;
    if (root["queries"].get_array().get(queries)) throw std::runtime_error(path + " has no \"queries\"");
    for (simdjson::dom::element q : queries) {
        std::string_view id;
        std::uint64_t rank = 0;
        if (q["id"].get_string().get(id) || q["ranks"][other].get_uint64().get(rank))
            throw std::runtime_error(path + ": a query without id or rank");
        other_ranks.emplace(std::string(id), static_cast<std::size_t>(rank));
    }
    auto key = [](std::size_t rank) { return rank == 0 ? cutoff + 1 : rank; };

    out << "### " << other << " vs " << sova.name() << "\n\n";
    out << "| lang | queries | MRR@10 | | Success@1 | | Success@10 | | better / worse / same |\n";
    out << "|---|---:|---:|---:|---:|---:|---:|---:|---|\n";
    for (const auto& result : results) {
        Score before;
        std::size_t better = 0, worse = 0, same = 0;
        for (const auto& o : result.outcomes) {
            auto it = other_ranks.find(o.page->id);
            if (it == other_ranks.end()) continue;
            before.add(it->second, false);
            std::size_t now = key(o.ranks[0]), then = key(it->second);
            better += now < then;
            worse += now > then;
            same += now == then;
        }
        Score now;
        for (const auto& o : result.outcomes)
            if (other_ranks.count(o.page->id)) now.add(o.ranks[0], false);
        out << "| " << result.lang << " | " << now.queries << " | " << fixed(before.mrr(), 3) << " | "
            << fixed(now.mrr(), 3) << " | " << fixed(before.success1(), 3) << " | " << fixed(now.success1(), 3) << " | "
            << fixed(before.success10(), 3) << " | " << fixed(now.success10(), 3) << " | " << better << " / " << worse
            << " / " << same << " |\n";
    }
    out << "\nPairs of columns: " << other << ", then " << sova.name() << ". Better/worse: queries whose known item "
        << sova.name() << " ranks higher/lower.\n\n";
}

int run(const Settings& s) {
    // Before anything is analysed: the analysers created afterwards use Hunspell for Russian.
    if (s.ru_stemmer == "hunspell") {
        if (sova::detail::find_hunspell_dictionary("ru_RU").empty())
            throw std::runtime_error("no Hunspell dictionary ru_RU (install hunspell-ru)");
        sova::detail::override_stemmer_backend("ru", sova::detail::StemmerBackend::hunspell);
    }

    auto start = std::chrono::steady_clock::now();
    std::vector<Page> pages = read_pages(s.corpus, s.index_langs);
    QuerySet queries = make_queries(pages, s);
    std::cerr << "[known_item] " << pages.size() << " pages read in " << fixed(seconds_since(start), 1) << " s\n";

    std::vector<IndexReport> indexes;
    const std::string sova_name = "Sova (ru: " + s.ru_stemmer + ")";
    indexes.push_back(build_sova_index(pages, s.work_dir + "/sova-" + s.ru_stemmer, sova_name));
    std::cerr << "[known_item] " << sova_name << " index: " << fixed(indexes.back().seconds, 1) << " s\n";
    if (s.baseline) {
        indexes.push_back(build_xapian_index(pages, s.work_dir + "/xapian"));
        std::cerr << "[known_item] Xapian index: " << fixed(indexes.back().seconds, 1) << " s\n";
    }

    std::vector<std::unique_ptr<System>> systems;
    systems.push_back(std::make_unique<SovaSystem>(sova_name, indexes.front().path));
    if (s.baseline) {
        systems.push_back(std::make_unique<XapianSystem>("Xapian OR", indexes.back().path, Xapian::Query::OP_OR));
        systems.push_back(std::make_unique<XapianSystem>("Xapian AND", indexes.back().path, Xapian::Query::OP_AND));
    }
    if (s.variants) {
        sova::SearchOptions no_keys;
        no_keys.cross_script = false;
        systems.push_back(std::make_unique<SovaSystem>("Sova (ru: " + s.ru_stemmer + "), no cross-script keys",
                                                       indexes.front().path, no_keys));
    }

    std::vector<SystemTiming> timings;
    std::vector<LanguageResult> results = evaluate(queries, systems, timings);
    print_tables(std::cout, s, results, systems, indexes, timings);
    if (!s.compare_path.empty()) print_comparison(std::cout, s.compare_path, results, *systems.front());
    if (!s.failures_path.empty()) {
        std::ofstream failures(s.failures_path);
        print_failures(failures, s.failures_per_lang, results, systems);
        if (!failures) throw std::runtime_error("cannot write " + s.failures_path);
    }
    if (!s.json_path.empty()) write_json(s.json_path, s, results, systems, indexes, timings);
    std::cerr << "[known_item] done in " << fixed(seconds_since(start), 1) << " s\n";
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    return sova::eval::program_main("sova_eval_known_item", usage_text,
                                    [&] { return run(parse_settings(argc, argv)); });
}
