// End to end: bad input gets a clear error naming the file and line; the rest is indexed.
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace sova::test;

TEST_CASE("e2e: a corpus with every kind of bad input indexes the good articles and reports the rest") {
    TempDir dir;
    std::string jsonl =
        article("good-1", "Grain ships leave the harbour at dawn.") + "{\"id\": \"broken\", \"title\": \n" +
        "{\"id\":\"no-text\",\"title\":\"Only a title\"}\n" + "[1, 2, 3]\n" +
        "{\"id\":\"bad-type\",\"title\":\"x\",\"text\":42}\n" +
        "{\"id\":\"bad-utf8\",\"title\":\"Broken bytes\",\"text\":\"caf\xC3 au lait \xFF\xFE shipyard\"}\n" +
        "{\"id\":\"bad-date\",\"title\":\"Dated\",\"text\":\"Turbines hum\",\"date\":\"next Tuesday\"}\n" +
        article("good-2", "Engineers restore power to the substations.");
    dir.write("corpus/a.jsonl", jsonl);
    dir.write("corpus/empty.jsonl", "");
    dir.write("corpus/binary.txt", std::string("\x7f"
                                               "ELF\0\0\0binary",
                                               13));
    dir.write("corpus/notes/ok.md", "# Harbour notes\n\nTugboats and cranes in the harbour.\n");
    const std::string index = dir / "index";

    ProcessResult r = run_sova({"index", "-i", index, dir / "corpus", dir / "does-not-exist"});
    INFO("stderr:\n" << r.err << "\nstdout:\n" << r.out);
    CHECK(r.exit_code == 1); // something was skipped
    const std::string a = dir / "corpus/a.jsonl";
    CHECK(has(r.err, a + ":2: invalid JSON"));
    CHECK(has(r.err, a + ":3: article has no \"text\""));
    CHECK(has(r.err, a + ":4: expected a JSON object, found an array"));
    CHECK(has(r.err, a + ":5: field \"text\" must be a string, found a number"));
    CHECK(has(r.err, "warning: " + a + ":6: 3 invalid UTF-8 sequence(s) replaced with U+FFFD"));
    CHECK(has(r.err, "warning: " + a + ":7: unrecognised date \"next Tuesday\""));
    CHECK(has(r.err, dir / "corpus/empty.jsonl" + ": empty file"));
    CHECK(has(r.err, dir / "corpus/binary.txt" + ": binary file"));
    CHECK(has(r.err, dir / "does-not-exist" + ": no such file or directory"));
    CHECK(has(r.out, "(5 added, 0 replaced, 7 skipped)"));
    CHECK(has(r.out, "3 invalid UTF-8 sequences replaced"));

    CHECK(search_ids(index, "shipyard") == std::vector<std::string>{"bad-utf8"});
    CHECK(search_ids(index, "turbines") == std::vector<std::string>{"bad-date"});
    CHECK(search_ids(index, "substations") == std::vector<std::string>{"good-2"});
    CHECK(search_ids(index, "tugboats") == std::vector<std::string>{"notes/ok.md"});
}

TEST_CASE("e2e: --strict stops at the first error and keeps what came before") {
    TempDir dir;
    dir.write("a.jsonl",
              article("one", "First article about ferries.") + "not json\n" + article("two", "Second about ferries."));
    const std::string index = dir / "index";
    ProcessResult r = run_sova({"index", "--strict", "-i", index, dir / "a.jsonl"});
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, ":2: invalid JSON"));
    CHECK(search_ids(index, "ferries") == std::vector<std::string>{"one"});
}

TEST_CASE("e2e: the index path may not be a file, a missing input folder is an error") {
    TempDir dir;
    std::string file = dir.write("not-an-index", "hello");
    dir.write("a.jsonl", article("one", "Text"));
    ProcessResult r = run_sova({"index", "-i", file, dir / "a.jsonl"});
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, file + ": is a file, not an index folder"));
    ProcessResult s = run_sova({"search", "-i", file, "text"});
    CHECK(s.exit_code == 2);
    CHECK(has(s.err, "is a file"));

    ProcessResult missing = run_sova({"index", "-i", dir / "index", dir / "no-such-folder"});
    CHECK(missing.exit_code == 1);
    CHECK(has(missing.err, "no-such-folder: no such file or directory"));
    CHECK(has(missing.out, "0 added"));
}

// Each diagnostic is one line: a file name may hold a line break (which split `FILE:LINE:
// reason` in two) or an escape sequence (which reached the terminal as it was).
TEST_CASE("e2e: file names with line breaks and escape codes are reported on one line, escaped") {
    TempDir dir;
    dir.write("corpus/звіт\n\x1b[2Jрік.jsonl", article("ok", "Ferries sail at noon.") + "not json\n");
    const std::string index = dir / "index";
    ProcessResult r = run_sova({"index", "-i", index, dir / "corpus"});
    INFO("stderr:\n" << r.err);
    CHECK(r.exit_code == 1);
    CHECK(has(r.err, "sova: error: " + dir / "corpus" + "/звіт\\n\\x1b[2Jрік.jsonl:2: invalid JSON"));
    CHECK(r.err.find('\x1b') == std::string::npos);
    std::istringstream lines(r.err);
    for (std::string line; std::getline(lines, line);) CHECK(line.starts_with("sova: ")); // one message, one line
    CHECK(search_ids(index, "ferries") == std::vector<std::string>{"ok"});

    // A file of queries (--batch) and an index path (an IndexError) are named the same way.
    const std::string queries = dir.write("que\x1b]0;title\aries\n.txt", "ferries \"unclosed\n");
    ProcessResult b = run_sova({"search", "-i", index, "--batch", queries});
    INFO("batch stderr:\n" << b.err);
    CHECK(has(b.err, "sova: error: " + dir / "que\\x1b]0;title\\x07ries\\n.txt:1: query, column 9"));
    CHECK(b.err.find('\x1b') == std::string::npos);
    const std::string file = dir.write("a\tfile\n", "not an index");
    ProcessResult e = run_sova({"index", "-i", file, dir / "corpus"});
    CHECK(e.exit_code == 2);
    CHECK(e.err == "sova: error: " + dir / "a\\tfile\\n: is a file, not an index folder\n");
}

TEST_CASE("e2e: a 50 MB article is skipped with a clear error by default, indexed whole when allowed") {
    TempDir dir;
    std::string text;
    text.reserve(50u << 20);
    const char* words[] = {"river", "barge", "cargo", "lock", "канал", "шлюз", "вантаж", "порт"};
    for (std::size_t i = 0; text.size() < (50u << 20); ++i) {
        text += words[i % 8];
        text += i % 13 == 12 ? ". " : " ";
    }
    text += "zanzibarquay finale";
    {
        std::ofstream out(dir / "big.jsonl", std::ios::binary);
        out << article("small-1", "A small article about barges.")
            << "{\"id\":\"big\",\"title\":\"The big one\",\"text\":\"" << text << "\"}\n"
            << article("small-2", "Another small article about barges.");
    }
    // Default limit (16 MiB): the big line is skipped without being held in memory.
    const std::string limited = dir / "limited";
    ProcessResult l = run_sova({"index", "-i", limited, dir / "big.jsonl"});
    CHECK(l.exit_code == 1);
    CHECK(has(l.err, dir / "big.jsonl" + ":2: line of 50.0 MiB is over the article size limit of 16 MiB; skipped (see "
                                         "--max-article-size)"));
    CHECK(has(l.out, "(2 added, 0 replaced, 1 skipped)"));
    CHECK(search_ids(limited, "barges").size() == 2);

    // Allowed: indexed whole, found by its last words.
    const std::string index = dir / "index";
    ProcessResult r = run_sova({"index", "-i", index, "--max-article-size", "64", dir / "big.jsonl"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(has(r.out, "(3 added, 0 replaced, 0 skipped)"));
    CHECK(search_ids(index, "zanzibarquay") == std::vector<std::string>{"big"});
    CHECK(search_ids(index, "\"zanzibarquay finale\"") == std::vector<std::string>{"big"});
}

TEST_CASE("e2e: JSON Lines from stdin and from .jsonl.gz, text and Markdown folders") {
    TempDir dir;
    const std::string index = dir / "index";
    ProcessResult in = run_sova({"index", "-i", index, "-"}, article("stdin-1", "Lighthouse keepers count ships."));
    CHECK(in.exit_code == 0);
    CHECK(search_ids(index, "lighthouse") == std::vector<std::string>{"stdin-1"});

    dir.write("packed.jsonl",
              article("gz-1", "Icebreakers clear the channel.") + article("gz-2", "Pilots guide icebreakers."));
    ProcessResult gz = run_process({"/bin/gzip", "-f", dir / "packed.jsonl"});
    REQUIRE(gz.exit_code == 0);
    ProcessResult packed = run_sova({"index", "-i", index, dir / "packed.jsonl.gz"});
    CHECK(packed.exit_code == 0);
    CHECK(search_ids(index, "icebreakers").size() == 2);

    // A truncated gzip file: what was readable is indexed, the loss is reported.
    std::filesystem::resize_file(dir / "packed.jsonl.gz", std::filesystem::file_size(dir / "packed.jsonl.gz") - 12);
    ProcessResult truncated = run_sova({"index", "-i", dir / "index2", dir / "packed.jsonl.gz"});
    CHECK(truncated.exit_code == 1);
    CHECK(has(truncated.err, "packed.jsonl.gz"));
    CHECK(has(truncated.err, "read error"));

    dir.write("docs/briefing.txt", "Morning briefing\nDockworkers vote on the new contract.\n");
    dir.write("docs/sub/report.md", "## Weekly report\n\nContainer traffic rose again.\n");
    dir.write("docs/ignored.pdf", "%PDF-1.4");
    ProcessResult text = run_sova({"index", "-i", index, dir / "docs"});
    CHECK(text.exit_code == 0);
    auto hits = parse_hits(run_sova({"search", "--json", "-i", index, "container"}).out);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].id == "sub/report.md");
    CHECK(hits[0].title == "Weekly report");
    CHECK(search_ids(index, "title:briefing") == std::vector<std::string>{"briefing.txt"});
}

TEST_CASE("e2e: a second writer is refused with the first writer's process id, and the first finishes") {
    TempDir dir;
    const std::string index = dir / "index";
    REQUIRE(run_sova({"index", "-i", index, sample_dir() + "/news.jsonl"}).exit_code == 0);
    // The first writer reads JSON Lines from a pipe that stays open: it holds the lock meanwhile.
    // It stops itself once the index is open (and locked), so the second comes after that.
    BackgroundProcess first =
        start_process({SOVA_BINARY, "index", "-q", "-i", index, "-"}, {}, {"SOVA_FAULT=opened:1:stop"});
    REQUIRE(first.wait_stopped());
    ProcessResult second = run_sova({"index", "-i", index, sample_dir() + "/news.jsonl"});
    CHECK(second.exit_code == 2);
    CHECK(has(second.err, "index is locked by process " + std::to_string(first.pid)));
    first.resume();
    const std::string line = article("late", "Written by the first writer after the refusal.");
    CHECK(write(first.stdin_fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()));
    CHECK(first.finish() == 0);
    auto hits = search_ids(index, "\"first writer after the refusal\"");
    CHECK(hits == std::vector<std::string>{"late"});
}
