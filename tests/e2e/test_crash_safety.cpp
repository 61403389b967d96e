// Crash safety: `sova index` killed with SIGKILL at points chosen by its progress (after the
// Nth article, before and after the Nth commit; SOVA_FAULT, indexer/fault_point.hpp) leaves an
// index that opens, passes xapian-check, and that re-running the same command completes to
// exactly the articles of an uninterrupted run.
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>

using namespace sova::test;

namespace {

// A deterministic multilingual corpus (fixed seed): news-like lines in English, Russian and
// Ukrainian, with some ids repeated so that replacement happens inside batches too.
std::string generate_corpus(std::size_t articles) {
    const char* words[] = {"grid",  "winter",  "drones", "port", "grain",     "court",   "energy",      "Kyiv",
                           "Odesa", "энергия", "зима",   "порт", "суд",       "Харьков", "відключення", "зерно",
                           "Київ",  "Харків",  "п’ять",  "ёлка", "агентство", "council", "flood"};
    std::uint64_t state = 42;
    auto next = [&state] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::size_t>(state >> 33);
    };
    std::string out;
    for (std::size_t i = 0; i < articles; ++i) {
        std::size_t id = i % 7 == 6 ? next() % (i + 1) : i; // every 7th re-uses an earlier id
        std::string text;
        for (std::size_t w = 0, n = 40 + next() % 80; w < n; ++w) {
            text += words[next() % std::size(words)];
            text += w % 12 == 11 ? ". " : " ";
        }
        out += "{\"id\":\"gen-" + std::to_string(id) + "\",\"title\":\"Report " + std::to_string(i) + "\",\"text\":\"" +
               text + "\",\"date\":\"2023-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) + "\"}\n";
    }
    return out;
}

// id -> stored document data: the whole content of the index, for comparison.
std::map<std::string, std::string> contents(const std::string& index) {
    Xapian::Database db(index);
    std::map<std::string, std::string> out;
    for (auto it = db.allterms_begin("Q"); it != db.allterms_end("Q"); ++it) {
        auto posting = db.postlist_begin(*it);
        REQUIRE(posting != db.postlist_end(*it));
        out[*it] = db.get_document(*posting).get_data();
        CHECK_MESSAGE(it.get_termfreq() == 1, "duplicate id " << *it);
    }
    CHECK(out.size() == db.get_doccount());
    return out;
}

std::vector<std::string> index_command(const std::string& index, const std::string& corpus) {
    return {SOVA_BINARY, "index", "-q", "--commit-every", "20", "-i", index, corpus};
}

} // namespace

TEST_CASE("e2e: SIGKILL at any point of indexing never corrupts the index, and a re-run completes it") {
    TempDir dir;
    const std::string corpus = dir.write("corpus.jsonl", generate_corpus(300));
    const std::string reference = dir / "reference";
    ProcessResult whole = run_process(index_command(reference, corpus));
    REQUIRE_MESSAGE(whole.exit_code == 0, whole.err);
    const auto expected = contents(reference);
    REQUIRE(expected.size() > 240); // every 7th article replaces an earlier one

    // 300 articles, a commit every 20 and one at the end: kill points before the first commit,
    // inside batches, just before and just after commits, at the last article and commit.
    std::vector<std::string> points;
    for (int n : {1, 19, 20, 21, 150, 299, 300}) points.push_back("article:" + std::to_string(n));
    for (int n : {1, 2, 8, 16}) points.push_back("commit:" + std::to_string(n));
    for (int n : {1, 8, 15}) points.push_back("committed:" + std::to_string(n));

    for (std::size_t i = 0; i < points.size(); ++i) {
        const std::string index = dir / ("crash-" + std::to_string(i));
        ProcessResult killed =
            run_process(index_command(index, corpus), {}, -1, 0, {"SOVA_FAULT=" + points[i] + ":kill"});
        REQUIRE_MESSAGE(killed.exit_code == 128 + SIGKILL, points[i] << " was not reached: " << killed.err);
        if (std::filesystem::exists(index)) {
            CHECK_NOTHROW(Xapian::Database{index}); // opens at its last commit
            ProcessResult check = run_process({XAPIAN_CHECK, xapian_check_path(index)});
            CHECK_MESSAGE(check.exit_code == 0, points[i] << ": " << check.out << check.err);
        }
        ProcessResult rerun = run_process(index_command(index, corpus));
        REQUIRE_MESSAGE(rerun.exit_code == 0, points[i] << ": " << rerun.err);
        CHECK_MESSAGE(contents(index) == expected, "kill point " << points[i]);
    }
}
