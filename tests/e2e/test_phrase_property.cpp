// The invariant that makes search trustworthy: the query side produces exactly the terms the
// indexer wrote, so quoting any run of words from an article finds that article.
#include "tests/e2e/cli.hpp"

#include <sova/analysis.hpp>

#include <doctest/doctest.h>
#include <simdjson.h>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace sova::test;

namespace {

struct SampleArticle {
    std::string id;
    std::string text;
    std::string lang;
};

std::vector<SampleArticle> read_sample() {
    std::ifstream in(sample_dir() + "/news.jsonl");
    std::vector<SampleArticle> articles;
    simdjson::dom::parser parser;
    std::string line;
    while (std::getline(in, line)) {
        simdjson::dom::element doc;
        REQUIRE(parser.parse(line).get(doc) == simdjson::SUCCESS);
        std::string_view id, text, lang;
        if (doc["id"].get_string().get(id) != simdjson::SUCCESS) continue; // ids derived: skip
        REQUIRE(doc["text"].get_string().get(text) == simdjson::SUCCESS);
        if (doc["lang"].get_string().get(lang) != simdjson::SUCCESS) lang = "";
        articles.push_back({std::string(id), std::string(text), std::string(lang)});
    }
    return articles;
}

} // namespace

TEST_CASE("e2e: quoting 3 consecutive words of any article finds it in the top 10") {
    TempDir dir;
    const std::string index = dir / "index";
    ProcessResult r = run_sova({"index", "-i", index, sample_dir() + "/news.jsonl"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);

    std::vector<SampleArticle> articles = read_sample();
    REQUIRE(articles.size() >= 30);
    for (const auto& article : articles) {
        sova::Analysis analysis = sova::analyze(article.text, article.lang);
        const auto& tokens = analysis.tokens;
        REQUIRE(tokens.size() >= 30);
        // Three windows per article: the start, the middle and the end of the body.
        for (std::size_t start : {std::size_t{0}, tokens.size() / 2, tokens.size() - 3}) {
            std::string phrase;
            for (std::size_t i = start; i < start + 3; ++i) {
                if (!phrase.empty()) phrase += ' ';
                phrase += tokens[i].surface; // as written: case, ё, apostrophes, stress marks
            }
            auto hits = search_ids(index, "\"" + phrase + "\"", 10);
            CHECK_MESSAGE(std::find(hits.begin(), hits.end(), article.id) != hits.end(),
                          article.id << " not found by \"" << phrase << "\"");
        }
    }
}
