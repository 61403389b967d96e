// Hostile and broken input: each gets a clear error with file and line, the rest is indexed,
// and memory and time stay bounded.
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace sova::test;

TEST_CASE("e2e: NUL bytes, deep nesting, overlong UTF-8 and a 200 MB line are reported, the rest indexed") {
    TempDir dir;
    std::string nested = "{\"id\":\"deep\",\"title\":\"t\",\"text\":\"x\",\"extra\":" + std::string(5000, '[') +
                         std::string(5000, ']') + "}\n";
    dir.write("a.jsonl",
              article("first", "Before the hostile lines: lighthouse.") +
                  std::string("{\"id\":\"nul\",\"title\":\"t\",\"text\":\"a\0b\"}\n", 38) + nested +
                  "{\"id\":\"overlong\",\"title\":\"t\",\"text\":\"over\xC0\xAFlong \xF8\x88\x80\x80\x80 harbour\"}\n" +
                  "{\"id\":42,\"title\":[\"not\",\"a\",\"string\"],\"text\":\"x\"}\n" +
                  article("last", "After the hostile lines: lighthouse."));
    {
        std::ofstream out(dir / "huge.jsonl", std::ios::binary);
        out << article("before-huge", "A small article before the huge line: lighthouse.");
        std::string chunk(1 << 20, 'x');
        out << "{\"id\":\"huge\",\"title\":\"t\",\"text\":\"";
        for (int i = 0; i < 200; ++i) out << chunk;
        out << "\"}\n" << article("after-huge", "A small article after the huge line: lighthouse.");
    }
    const std::string index = dir / "index";
    ProcessResult r = run_sova({"index", "-i", index, dir / "a.jsonl", dir / "huge.jsonl"});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(has(r.err, dir / "a.jsonl" + ":2: invalid JSON"));                     // NUL inside a string
    CHECK(has(r.err, dir / "a.jsonl" + ":3: invalid JSON"));                     // nesting too deep
    CHECK(has(r.err, "warning: " + dir / "a.jsonl" + ":4: "));                   // overlong UTF-8 repaired
    CHECK(has(r.err, dir / "a.jsonl" + ":5: field \"title\" must be a string")); // wrong type
    CHECK(has(r.err, dir / "huge.jsonl" + ":2: line of 200.0 MiB is over the article size limit"));
    CHECK(has(r.out, "(5 added, 0 replaced, 4 skipped)"));
    auto hits = search_ids(index, "lighthouse", 10);
    CHECK(hits.size() == 4);
    CHECK(search_ids(index, "harbour") == std::vector<std::string>{"overlong"});
}

TEST_CASE("e2e: a gzip bomb is stopped with a clear error, not expanded for ever") {
    TempDir dir;
    std::string bomb = dir / "bomb.jsonl";
    {
        std::ofstream out(bomb, std::ios::binary);
        out << article("ok", "Before the bomb: lighthouse.");
        std::string zeros(1 << 20, ' ');
        for (int i = 0; i < 300; ++i) out << zeros; // 300 MB of spaces, one line
    }
    ProcessResult gz = run_process({"/bin/gzip", "-f", bomb});
    REQUIRE(gz.exit_code == 0);
    ProcessResult r = run_sova({"index", "-i", dir / "index", bomb + ".gz"});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(has(r.err, "a gzip bomb?"));
    CHECK(search_ids(dir / "index", "lighthouse") == std::vector<std::string>{"ok"});
}

TEST_CASE("e2e: searches while an indexer commits never fail, and see each commit") {
    TempDir dir;
    const std::string index = dir / "index";
    REQUIRE(run_sova({"index", "-i", index, sample_dir() + "/news.jsonl"}).exit_code == 0);
    std::string corpus;
    for (int i = 0; i < 3000; ++i)
        corpus +=
            article("c" + std::to_string(i), "Concurrent article " + std::to_string(i) + " about grain and ports.");
    dir.write("more.jsonl", corpus);
    // The indexer stops itself after chosen commits (SOVA_FAULT), so that searches run at known
    // points of its progress; the in-process stress test (test_swap_safety.cpp) runs them during commits.
    BackgroundProcess indexer =
        start_process({SOVA_BINARY, "index", "-q", "--commit-every", "25", "-i", index, dir / "more.jsonl"}, {},
                      {"SOVA_FAULT=committed:2:stop,committed:40:stop,committed:100:stop"});
    std::vector<std::size_t> seen;
    while (indexer.wait_stopped()) {
        ProcessResult s = run_sova({"search", "--json", "-i", index, "-n", "3000", "concurrent"});
        INFO(s.err);
        REQUIRE(s.exit_code == 0);
        CHECK(s.err.empty());
        seen.push_back(parse_hits(s.out).size());
        indexer.resume();
    }
    CHECK(indexer.finish() == 0);
    CHECK(seen == std::vector<std::size_t>{50, 1000, 2500}); // what 2, 40 and 100 commits of 25 hold
    CHECK(search_ids(index, "concurrent", 10).size() == 10);
}

TEST_CASE("e2e: pathological queries get a bounded answer or a clear error") {
    TempDir dir;
    const std::string index = dir / "index";
    REQUIRE(run_sova({"index", "-i", index, sample_dir() + "/news.jsonl"}).exit_code == 0);
    // A wildcard that would expand to much of the vocabulary: bounded, answered.
    ProcessResult wide = run_sova({"search", "--json", "-i", index, "-n", "3", "a*"});
    CHECK(wide.exit_code == 0);
    CHECK(parse_hits(wide.out).size() == 3);
    // A date range of ten thousand years is fine; a million years is not a date.
    CHECK(run_sova({"search", "-i", index, "grain date:0001..9999"}).exit_code == 0);
    ProcessResult million = run_sova({"search", "-i", index, "grain date:-1000000..1000000"});
    CHECK(million.exit_code == 2);
    CHECK(has(million.err, "is not a date"));
    // Control characters are no syntax: the words around them are searched.
    CHECK(run_sova({"search", "-i", index, "grain\x01\x1b[2J Odesa\x7f"}).exit_code == 0);
    // Ten thousand words: refused with the limit named.
    std::string words;
    for (int i = 0; i < 10000; ++i) words += "w ";
    ProcessResult many = run_sova({"search", "-i", index, words});
    CHECK(many.exit_code == 2);
    CHECK(has(many.err, "the limit is"));
    // A time limit that runs out only ends exact counting: the same hits, in the same order.
    ProcessResult limited = run_sova({"search", "--json", "-i", index, "--time-limit", "0.001", "grain"});
    CHECK(limited.exit_code == 0);
    CHECK(ids(parse_hits(limited.out)) == search_ids(index, "grain", 10));
}

TEST_CASE("e2e: symlink loops and links to folders are not followed") {
    TempDir dir;
    dir.write("docs/a.txt", "Alpha note\nabout lighthouses");
    std::filesystem::create_directory_symlink(dir.path() / "docs", dir.path() / "docs" / "loop");
    std::filesystem::create_symlink(dir.path() / "docs" / "missing.txt", dir.path() / "docs" / "dangling.txt");
    ProcessResult r = run_sova({"index", "-i", dir / "index", dir / "docs"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(has(r.out, "(1 added, 0 replaced, 0 skipped)"));
}

// Permissions do not bind root, so as root the binary is run as the unprivileged user 65534.
TEST_CASE("e2e: unreadable files and folders are reported, the rest is indexed") {
    TempDir dir;
    const int user = geteuid() == 0 ? 65534 : -1;
    std::filesystem::permissions(dir.path(), std::filesystem::perms::all);
    dir.write("docs/ok.txt", "Readable note\nabout lighthouses");
    dir.write("docs/secret.txt", "Secret note\nabout lighthouses");
    dir.write("docs/locked/inside.txt", "Inside note\nabout lighthouses");
    dir.write("data.jsonl", article("j1", "A readable line about lighthouses."));
    std::filesystem::permissions(dir.path() / "docs", std::filesystem::perms::all);
    std::filesystem::permissions(dir.path() / "data.jsonl", std::filesystem::perms::none);
    std::filesystem::permissions(dir.path() / "docs/secret.txt", std::filesystem::perms::none);
    std::filesystem::permissions(dir.path() / "docs/locked", std::filesystem::perms::none);
    std::filesystem::create_directory(dir.path() / "index");
    std::filesystem::permissions(dir.path() / "index", std::filesystem::perms::all);
    std::filesystem::permissions(dir.path() / "docs/ok.txt", std::filesystem::perms::all);
    // That user may not reach the build tree (a checkout inside a private folder): it runs a
    // copy of the binary from the test's own folder.
    std::string binary = SOVA_BINARY;
    if (user >= 0) {
        std::filesystem::copy_file(SOVA_BINARY, dir.path() / "sova");
        std::filesystem::permissions(dir.path() / "sova", std::filesystem::perms::all);
        binary = dir / "sova";
    }

    ProcessResult r = run_process({binary, "index", "-i", dir / "index", dir / "docs", dir / "data.jsonl"}, {}, user);
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(has(r.err, dir / "docs/secret.txt" + ": cannot read: Permission denied"));
    CHECK(has(r.err, dir / "docs/locked" + ": cannot read folder: Permission denied"));
    CHECK(has(r.err, dir / "data.jsonl" + ": cannot open: Permission denied"));
    CHECK(has(r.out, "(1 added, 0 replaced, 3 skipped)"));
    std::filesystem::permissions(dir.path() / "docs/locked", std::filesystem::perms::all); // for clean-up
}

TEST_CASE("e2e: a file cut short while it is being indexed: no crash, a clean index, a clear error") {
    TempDir dir;
    std::string corpus;
    for (int i = 0; i < 20000; ++i)
        corpus += article("s" + std::to_string(i), "Shrinking file article " + std::to_string(i) + " about grain.");
    const std::string file = dir.write("shrinking.jsonl", corpus);
    const std::string index = dir / "index";
    // The indexer stops itself after its 100th article (SOVA_FAULT); the file is cut mid-line
    // well past what it has read, then it goes on.
    BackgroundProcess indexer = start_process({SOVA_BINARY, "index", "-q", "-j", "1", "-i", index, file},
                                              {.stderr_file = dir / "stderr"}, {"SOVA_FAULT=article:100:stop"});
    REQUIRE(indexer.wait_stopped());
    const std::size_t cut = corpus.size() / 3 + 17; // mid-line
    std::filesystem::resize_file(file, cut);
    indexer.resume();
    CHECK(indexer.finish() == 1); // the cut line is reported and skipped
    const std::size_t whole_lines = static_cast<std::size_t>(std::count(corpus.begin(), corpus.begin() + cut, '\n'));
    const std::string err = read_file(dir / "stderr");
    INFO(err);
    CHECK(has(err, file + ":" + std::to_string(whole_lines + 1) + ": invalid JSON"));
    ProcessResult check = run_process({XAPIAN_CHECK, xapian_check_path(index)});
    CHECK(check.exit_code == 0);
    // Every whole line before the cut is indexed.
    CHECK(Xapian::Database(index).get_doccount() == whole_lines);
    CHECK(run_sova({"search", "-i", index, "shrinking"}).exit_code == 0);
}
