// End to end: `sova search --batch`: queries from a file or stdin, one index opened once, JSON
// Lines or a TREC run, errors by line, latencies on stderr.
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace sova::test;

const std::string& batch_index() {
    static TempDir dir;
    static std::string index = [] {
        std::string path = dir / "index";
        ProcessResult r = run_sova({"index", "-q", "-i", path, sample_dir()});
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return path;
    }();
    return index;
}

std::vector<std::vector<std::string>> lines_of_fields(const std::string& text) {
    std::vector<std::vector<std::string>> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::vector<std::string> row;
        for (std::string f; fields >> f;) row.push_back(f);
        out.push_back(row);
    }
    return out;
}

} // namespace

TEST_CASE("e2e: --batch --format trec writes a valid run: six fields, ranks from 1, falling scores") {
    TempDir dir;
    std::string queries =
        dir.write("queries.tsv", "q1\tKyiv blackouts\nenergy Odesa\n# a comment\n\nq3\tlang:uk Шахед\n");
    ProcessResult r =
        run_sova({"search", "-i", batch_index(), "--batch", queries, "--format", "trec", "--run-tag", "t1", "-n", "5"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto rows = lines_of_fields(r.out);
    REQUIRE(rows.size() >= 6);
    std::string qid;
    double previous = 0;
    std::size_t rank = 0;
    std::vector<std::string> qids;
    for (const auto& row : rows) {
        REQUIRE(row.size() == 6);
        CHECK(row[1] == "Q0");
        CHECK(row[5] == "t1");
        if (row[0] != qid) {
            qid = row[0];
            qids.push_back(qid);
            rank = 0;
        } else {
            CHECK(std::stod(row[4]) < previous);
        }
        CHECK(std::stoul(row[3]) == ++rank);
        previous = std::stod(row[4]);
    }
    CHECK(qids == std::vector<std::string>{"q1", "2", "q3"}); // no qid: the line number
    CHECK(has(r.err, "3 queries in"));
    CHECK(has(r.err, "latency p50"));
}

// A TREC run is split at white space: an id or qid with a space, a vertical tab or an escape
// code must still give six fields per line (control characters escaped as in diagnostics).
TEST_CASE("e2e: --format trec escapes control characters in docids and qids: always six fields") {
    TempDir dir;
    const std::string index = dir / "index";
    dir.write("odd.jsonl",
              "{\"id\":\"a b\\tc\\u000bd\\u001be\\u0085f\",\"title\":\"Odd\",\"text\":\"Ferries at dawn.\"}\n");
    REQUIRE(run_sova({"index", "-q", "-i", index, dir / "odd.jsonl"}).exit_code == 0);
    ProcessResult r = run_sova({"search", "-i", index, "--batch", "-", "--format", "trec"}, "my q\x1b\tferries\n");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto rows = lines_of_fields(r.out);
    REQUIRE(rows.size() == 1);
    REQUIRE(rows[0].size() == 6);
    CHECK(rows[0][0] == "my_q\\x1b");
    CHECK(rows[0][2] == "a_b\\tc\\x0bd\\x1be\\u0085f");
}

TEST_CASE("e2e: --batch reads stdin, prints a JSON line per query, reports bad queries by line and goes on") {
    ProcessResult r = run_sova({"search", "-i", batch_index(), "--batch", "-", "-n", "2"},
                               "Kharkiv\n\"unclosed phrase\ngrain Odesa\n");
    CHECK(r.exit_code == 1); // one query failed
    CHECK(has(r.err, "-:2: query, column 1: missing closing '\"'"));
    CHECK(has(r.out, "{\"qid\":\"1\",\"query\":\"Kharkiv\",\"ms\":"));
    CHECK(has(r.out, "{\"qid\":\"3\",\"query\":\"grain Odesa\""));
    CHECK(has(r.out, "\"hits\":[{\"rank\":1,"));
    CHECK(has(r.err, "2 queries (1 failed)"));

    ProcessResult both = run_sova({"search", "-i", batch_index(), "--batch", "-", "Kyiv"}, "Kyiv\n");
    CHECK(both.exit_code == 2);
    ProcessResult missing = run_sova({"search", "-i", batch_index(), "--batch", "/nonexistent/queries"});
    CHECK(missing.exit_code == 2);
    CHECK(has(missing.err, "/nonexistent/queries: cannot read the queries"));
}
