#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>
#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace sova::test {

ProcessResult run_sova(const std::vector<std::string>& args, const std::string& input) {
    std::vector<std::string> argv{SOVA_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, input);
}

std::string xapian_check_path(const std::string& index) {
    const std::string stub = index + "/XAPIANDB";
    return std::filesystem::exists(stub) ? stub : index;
}

std::vector<JsonHit> parse_hits(const std::string& json_lines) {
    std::vector<JsonHit> hits;
    simdjson::dom::parser parser;
    std::size_t start = 0;
    while (start < json_lines.size()) {
        std::size_t end = json_lines.find('\n', start);
        if (end == std::string::npos) end = json_lines.size();
        std::string line = json_lines.substr(start, end - start);
        start = end + 1;
        if (line.empty()) continue;
        simdjson::dom::element doc;
        auto error = parser.parse(line).get(doc);
        REQUIRE_MESSAGE(error == simdjson::SUCCESS, "not JSON: " << line);
        if (doc["reason"].error() == simdjson::SUCCESS && doc["rank"].error() != simdjson::SUCCESS)
            continue; // the query's correction, before the hits
        JsonHit hit;
        auto text = [&](const char* key) {
            std::string_view value;
            REQUIRE_MESSAGE(doc[key].get_string().get(value) == simdjson::SUCCESS, "missing string field " << key);
            return std::string(value);
        };
        auto count = [&](const char* key) {
            std::uint64_t value = 0;
            REQUIRE_MESSAGE(doc[key].get_uint64().get(value) == simdjson::SUCCESS, "missing number field " << key);
            return static_cast<std::size_t>(value);
        };
        hit.rank = count("rank");
        hit.id = text("id");
        hit.title = text("title");
        hit.date = text("date");
        hit.lang = text("lang");
        hit.source = text("source");
        hit.url = text("url");
        hit.snippet = text("snippet");
        hit.matched = count("matched");
        hit.clauses = count("clauses");
        REQUIRE(doc["score"].get_double().get(hit.score) == simdjson::SUCCESS);
        simdjson::dom::array highlights;
        REQUIRE(doc["highlights"].get_array().get(highlights) == simdjson::SUCCESS);
        for (simdjson::dom::element pair : highlights) {
            std::uint64_t b = 0, e = 0;
            REQUIRE(pair.at(0).get_uint64().get(b) == simdjson::SUCCESS);
            REQUIRE(pair.at(1).get_uint64().get(e) == simdjson::SUCCESS);
            hit.highlights.emplace_back(static_cast<std::size_t>(b), static_cast<std::size_t>(e));
        }
        hits.push_back(std::move(hit));
    }
    return hits;
}

std::vector<std::string> ids(const std::vector<JsonHit>& hits) {
    std::vector<std::string> out;
    for (const auto& hit : hits) out.push_back(hit.id);
    return out;
}

std::vector<std::string> search_ids(const std::string& index, const std::string& query, int limit) {
    ProcessResult r = run_sova({"search", "--json", "-i", index, "-n", std::to_string(limit), "--", query});
    INFO("query: " << query << "\nstderr: " << r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    return ids(parse_hits(r.out));
}

std::string sample_dir() {
    return SOVA_SAMPLE_DIR;
}

const std::string& sample_news_index() {
    static TempDir dir;
    static const std::string index = [] {
        const std::string path = dir / "index";
        REQUIRE(run_sova({"index", "-q", "-j", "1", "-i", path, sample_dir() + "/news.jsonl"}).exit_code == 0);
        return path;
    }();
    return index;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace sova::test
