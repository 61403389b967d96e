// BM_Analyzer_*: Sova's analyser (break, fold, detect, stem) against Xapian's TermGenerator on
// the same text, in bytes per second. Text: the bundled sample's articles of one language,
// repeated to ~1 MB (pinned data, no randomness). Each checks its counts against pins
// (pinned_count.hpp).
#include "bench/pinned_count.hpp"
#include "tokenizers/analyzer.hpp"

#include <benchmark/benchmark.h>
#include <simdjson.h>
#include <xapian.h>

#include <fstream>
#include <map>
#include <string>

namespace {

const std::string& corpus(const std::string& lang) {
    static std::map<std::string, std::string> texts;
    auto it = texts.find(lang);
    if (it != texts.end()) return it->second;
    std::string one;
    std::ifstream in(std::string(SOVA_SAMPLE_DIR) + "/news.jsonl");
    simdjson::dom::parser parser;
    for (std::string line; std::getline(in, line);) {
        simdjson::dom::element doc;
        if (parser.parse(line).get(doc)) continue;
        std::string_view id, text;
        if (doc["id"].get_string().get(id) || !id.starts_with(lang + "-")) continue;
        if (doc["text"].get_string().get(text)) continue;
        one.append(text).append("\n\n");
    }
    std::string text;
    while (text.size() < (1u << 20)) text += one;
    return texts.emplace(lang, std::move(text)).first->second;
}

// What the pinned text of each language gives: words, words with a stem, distinct terms of
// Sova's document, distinct terms of TermGenerator's.
struct Pins {
    std::size_t words, stemmed, document_terms, termgenerator_terms;
};
const Pins& pins(const std::string& lang) {
    static const std::map<std::string, Pins> table{
        {"en", {170361, 169050, 1992, 1991}},
        {"ru", {79069, 78551, 2407, 2425}},
        {"uk", {81092, 80066, 2514, 1349}},
    };
    return table.at(lang);
}

const char* snowball(const std::string& lang) {
    return lang == "ru" ? "russian" : lang == "en" ? "english" : "none";
}

void BM_Analyzer_Sova(benchmark::State& state, const std::string& lang) {
    const std::string& text = corpus(lang);
    sova::detail::Analyzer analyzer;
    std::vector<sova::detail::Word> words;
    for (auto _ : state) {
        words.clear();
        analyzer.words(text, words);
        std::size_t stemmed = 0;
        for (const auto& w : words) stemmed += !analyzer.stem(lang, w).empty();
        benchmark::DoNotOptimize(stemmed);
        if (!sova::bench::check_pinned(state, "words", words.size(), pins(lang).words) ||
            !sova::bench::check_pinned(state, "stemmed", stemmed, pins(lang).stemmed))
            break;
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}

// The same work as TermGenerator does: analysis plus terms and positions in a Xapian::Document.
void BM_Analyzer_SovaDocument(benchmark::State& state, const std::string& lang) {
    const std::string& text = corpus(lang);
    sova::detail::Analyzer analyzer;
    std::vector<sova::detail::Word> words;
    Xapian::termcount terms = 0;
    std::string stem_term;
    for (auto _ : state) {
        Xapian::Document doc;
        words.clear();
        analyzer.words(text, words);
        for (const auto& w : words) {
            doc.add_posting(w.term, w.position);
            for (std::string_view stem : analyzer.stems(lang, w)) {
                stem_term.assign("Z").append(stem);
                doc.add_term(stem_term);
            }
        }
        terms = doc.termlist_count();
        benchmark::DoNotOptimize(terms);
        if (!sova::bench::check_pinned(state, "distinct_terms", terms, pins(lang).document_terms)) break;
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}

void BM_Analyzer_XapianTermGenerator(benchmark::State& state, const std::string& lang) {
    const std::string& text = corpus(lang);
    Xapian::TermGenerator generator;
    if (std::string(snowball(lang)) != "none") generator.set_stemmer(Xapian::Stem(snowball(lang)));
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    Xapian::termcount terms = 0;
    for (auto _ : state) {
        Xapian::Document doc;
        generator.set_document(doc);
        generator.index_text(text);
        terms = doc.termlist_count();
        benchmark::DoNotOptimize(terms);
        if (!sova::bench::check_pinned(state, "distinct_terms", terms, pins(lang).termgenerator_terms)) break;
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}

} // namespace

BENCHMARK_CAPTURE(BM_Analyzer_SovaDocument, en, std::string("en"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Analyzer_SovaDocument, ru, std::string("ru"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Analyzer_SovaDocument, uk, std::string("uk"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Analyzer_Sova, en, std::string("en"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Analyzer_XapianTermGenerator, en, std::string("en"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Analyzer_Sova, ru, std::string("ru"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Analyzer_XapianTermGenerator, ru, std::string("ru"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Analyzer_Sova, uk, std::string("uk"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Analyzer_XapianTermGenerator, uk, std::string("uk"))->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
