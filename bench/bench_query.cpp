// BM_Entities_*, BM_Query_*, BM_Snippet_*, BM_Search_*: entity extraction, query parsing and
// compilation, snippets, and search on a fixed index. Pinned inputs (the bundled sample; a fixed query list), no
// randomness; every benchmark checks its count against a pin (pinned_count.hpp).
#include "bench/pinned_count.hpp"
#include "indexer/entities.hpp"
#include "indexer/gazetteer.hpp"
#include "query/compiler.hpp"
#include "query/parser.hpp"
#include "query/snippet.hpp"

#include <sova/index.hpp>
#include <sova/search.hpp>

#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace {

struct SampleArticle {
    std::string title;
    std::string text;
    std::string lang;
};

const std::vector<SampleArticle>& sample() {
    static std::vector<SampleArticle> articles = [] {
        std::vector<SampleArticle> out;
        std::ifstream in(std::string(SOVA_SAMPLE_DIR) + "/news.jsonl");
        simdjson::dom::parser parser;
        for (std::string line; std::getline(in, line);) {
            simdjson::dom::element doc;
            if (parser.parse(line).get(doc)) continue;
            std::string_view title, text, lang;
            if (doc["title"].get_string().get(title) || doc["text"].get_string().get(text) ||
                doc["lang"].get_string().get(lang))
                continue;
            out.push_back({std::string(title), std::string(text), std::string(lang)});
        }
        return out;
    }();
    return articles;
}

const std::vector<std::string> queries{"energy Kyiv \"rolling blackouts\"",
                                       "Шахед OR шахедів",
                                       "Kharkiv",
                                       "Олена Марчук",
                                       "grain Odesa -sport",
                                       "title:blackouts lang:en",
                                       "зима енергосистема",
                                       "Iran drones",
                                       "date:2023 Київ",
                                       "entity:\"Olena Marchuk\""};

// What the pinned inputs give: entities of the sample's articles; top-level nodes of the
// parsed queries; the compiled queries' total length; hits (top 10) and matches (counted
// exactly) of the ten searches.
constexpr std::size_t pinned_entities = 180;
constexpr std::size_t pinned_nodes = 19;
constexpr std::size_t pinned_query_terms = 88;
constexpr std::size_t pinned_hits = 82;
constexpr std::size_t pinned_matches = 100;
constexpr std::size_t pinned_highlights = 99;

// Recognising the entities of the sample's articles (analysis done beforehand).
void BM_Entities_Extract(benchmark::State& state) {
    auto& analyzer = sova::detail::thread_analyzer();
    struct Analysed {
        const SampleArticle* article;
        std::vector<sova::detail::Word> title, body;
    };
    std::vector<Analysed> analysed;
    std::size_t bytes = 0;
    for (const auto& a : sample()) {
        Analysed x{&a, {}, {}};
        analyzer.words(a.title, x.title, 1);
        analyzer.words(a.text, x.body, static_cast<std::uint32_t>(x.title.size()) + 101);
        bytes += a.title.size() + a.text.size();
        analysed.push_back(std::move(x));
    }
    std::string path = sova::detail::Gazetteer::default_path();
    if (path.empty()) {
        state.SkipWithError("no gazetteer (build the sova_gazetteer_index target)");
        return;
    }
    sova::detail::Gazetteer gazetteer(path);
    sova::detail::EntityExtractor extractor(&gazetteer, nullptr);
    auto extract_all = [&] {
        std::size_t found = 0;
        for (const auto& x : analysed)
            found += extractor.extract(x.article->title, x.title, x.article->text, x.body, x.article->lang).size();
        return found;
    };
    // Once untimed: the dictionaries that tell sentence openers from names load on first use.
    (void)extract_all();
    for (auto _ : state) {
        const std::size_t entities = extract_all();
        benchmark::DoNotOptimize(entities);
        if (!sova::bench::check_pinned(state, "entities", entities, pinned_entities)) break;
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * analysed.size()));
}

// Parsing the query language into its tree.
void BM_Query_Parse(benchmark::State& state) {
    std::size_t nodes = 0;
    for (auto _ : state) {
        nodes = 0;
        for (const auto& q : queries) nodes += sova::detail::parse_query(q)->children.size();
        benchmark::DoNotOptimize(nodes);
        if (!sova::bench::check_pinned(state, "nodes", nodes, pinned_nodes)) break;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * queries.size()));
}

// Parsing and compiling to a Xapian query (analysis, stems; no index, so no entity links).
void BM_Query_Compile(benchmark::State& state) {
    auto& analyzer = sova::detail::thread_analyzer();
    struct Languages : sova::detail::IndexStatistics {
        std::vector<std::string> stem_languages(sova::detail::Script s) const override {
            return s == sova::detail::Script::cyrillic ? std::vector<std::string>{"ru", "uk"}
                                                       : std::vector<std::string>{"en"};
        }
    } languages;
    std::size_t terms = 0;
    for (auto _ : state) {
        terms = 0;
        for (const auto& q : queries) {
            auto root = sova::detail::parse_query(q);
            auto compiled = sova::detail::compile_query(*root, analyzer, languages);
            terms += compiled.query.get_length();
        }
        benchmark::DoNotOptimize(terms);
        if (!sova::bench::check_pinned(state, "query_terms", terms, pinned_query_terms)) break;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * queries.size()));
}

// An index of the sample's languages, for compiling the queries the snippets are made for.
struct SampleStatistics : sova::detail::IndexStatistics {
    std::vector<std::string> stem_languages(sova::detail::Script script) const override {
        if (script == sova::detail::Script::latin) return {"en"};
        if (script == sova::detail::Script::cyrillic) return {"ru", "uk"};
        return {};
    }
};

// The snippet of every sample article for each query (the sample's texts are news-sized, 1 to
// 3 KB); what a search adds per hit after the match. Highlights counted.
void BM_Snippet_Make(benchmark::State& state) {
    auto& analyzer = sova::detail::thread_analyzer();
    std::vector<sova::detail::QueryTerms> compiled;
    for (const auto& q : queries) {
        sova::detail::NodePtr root = sova::detail::parse_query(q);
        compiled.push_back(sova::detail::compile_query(*root, analyzer, SampleStatistics{}).terms);
    }
    std::size_t bytes = 0;
    for (const auto& article : sample()) bytes += article.text.size();
    for (auto _ : state) {
        std::size_t highlights = 0;
        for (const auto& terms : compiled)
            for (const auto& article : sample())
                highlights +=
                    sova::detail::make_snippet(article.text, article.lang, terms, analyzer, 240).highlights.size();
        if (!sova::bench::check_pinned(state, "highlights", highlights, pinned_highlights)) break;
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes * queries.size()));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * sample().size() * queries.size()));
}

// Searching an index of the sample (with entities) opened once; snippets on or off.
const std::string& sample_index() {
    static std::string path = [] {
        std::string dir = (std::filesystem::temp_directory_path() / "sova-bench-query-index").string();
        std::filesystem::remove_all(dir);
        auto writer = sova::IndexWriter::create_or_open(dir);
        sova::IndexingOptions options;
        sova::index_paths(writer, {std::string(SOVA_SAMPLE_DIR) + "/news.jsonl"}, options);
        writer.commit();
        return dir;
    }();
    return path;
}

void BM_Search(benchmark::State& state, bool snippets) {
    sova::Searcher searcher = sova::Searcher::open(sample_index());
    sova::SearchOptions options;
    options.snippets = snippets;
    for (auto _ : state) {
        std::size_t hits = 0, matches = 0;
        for (const auto& q : queries) {
            const sova::SearchResults results = searcher.search(q, options);
            hits += results.hits.size();
            matches += results.total;
        }
        benchmark::DoNotOptimize(hits);
        if (!sova::bench::check_pinned(state, "hits", hits, pinned_hits) ||
            !sova::bench::check_pinned(state, "matches", matches, pinned_matches))
            break;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * queries.size()));
}

} // namespace

BENCHMARK(BM_Entities_Extract)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Query_Parse)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Query_Compile)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Snippet_Make)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Search, snippets, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Search, no_snippets, false)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
