// Crash safety: `sova index` killed with SIGKILL at random points leaves an index that opens,
// passes xapian-check, and that re-running the same command completes to exactly the articles
// of an uninterrupted run.
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <fstream>
#include <map>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace sova::test;

namespace {

// A deterministic multilingual corpus (fixed seed): news-like lines in English, Russian and
// Ukrainian, with some ids repeated so that replacement happens inside batches too.
std::string generate_corpus(std::size_t articles) {
    const char* words[] = {"grid", "winter", "drones", "port", "grain", "court", "energy", "Kyiv", "Odesa",
                           "энергия", "зима", "порт", "суд", "Харьков", "відключення", "зерно", "Київ",
                           "Харків", "п’ять", "ёлка", "агентство", "council", "flood"};
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
        out += "{\"id\":\"gen-" + std::to_string(id) + "\",\"title\":\"Report " + std::to_string(i) +
               "\",\"text\":\"" + text + "\",\"date\":\"2023-0" + std::to_string(1 + i % 9) + "-1" +
               std::to_string(i % 10) + "\"}\n";
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

int run_to_completion(const std::string& index, const std::string& corpus) {
    // After a SIGKILL, Xapian's lock-holding child notices its parent's death and exits: the
    // lock may take a moment to be released.
    for (int attempt = 0; attempt < 50; ++attempt) {
        ProcessResult r = run_sova({"index", "-q", "--commit-every", "40", "-i", index, corpus});
        if (r.err.find("is locked") == std::string::npos) return r.exit_code;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return -1;
}

} // namespace

TEST_CASE("e2e: SIGKILL at random points never corrupts the index, and a re-run completes it") {
    TempDir dir;
    const std::string corpus = dir.write("corpus.jsonl", generate_corpus(1000));
    const std::string reference = dir / "reference";

    auto start = std::chrono::steady_clock::now();
    REQUIRE(run_to_completion(reference, corpus) == 0);
    auto duration = std::chrono::steady_clock::now() - start;
    // Time a second, warm run too and keep the shorter: kill points must fall inside a run even
    // when the first one was slowed by other tests on a busy machine.
    start = std::chrono::steady_clock::now();
    REQUIRE(run_to_completion(reference, corpus) == 0);
    duration = std::min(duration, std::chrono::steady_clock::now() - start);
    const auto expected = contents(reference);
    REQUIRE(expected.size() > 800); // every 7th article replaces an earlier one

    std::uint64_t state = 7;
    int killed_mid_run = 0;
    // Kill until 20 runs have been killed mid-run (a late kill point may find the run over).
    int points = 0;
    for (int point = 0; point < 60 && killed_mid_run < 20; ++point, ++points) {
        const std::string index = dir / ("crash-" + std::to_string(point));
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        // Kill points spread over the whole run: before the first commit, between commits,
        // during commits, near the end.
        const auto delay = duration * 0.8 * static_cast<double>((state >> 33) % 1000) / 1000.0;
        BackgroundProcess indexer =
            start_process({SOVA_BINARY, "index", "-q", "--commit-every", "40", "-i", index, corpus});
        std::this_thread::sleep_for(delay);
        kill(indexer.pid, SIGKILL);
        if (indexer.finish() == 128 + SIGKILL) ++killed_mid_run; // not already finished

        if (std::filesystem::exists(std::filesystem::path(index) / "iamglass")) {
            ProcessResult check = run_process({XAPIAN_CHECK, index});
            CHECK_MESSAGE(check.exit_code == 0, "kill point " << point << ": " << check.out << check.err);
            CHECK_NOTHROW(Xapian::Database{index}); // opens
        }
        REQUIRE(run_to_completion(index, corpus) == 0);
        CHECK_MESSAGE(contents(index) == expected, "kill point " << point);
    }
    MESSAGE(killed_mid_run << " of " << points << " runs were killed while indexing");
    CHECK(killed_mid_run >= 20);
}
