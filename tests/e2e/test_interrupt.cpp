// Interrupting `sova index`: the first SIGINT or SIGTERM stops the reading at the next article,
// commits what was read, prints the summary and what was kept, and exits with 128 + the signal.
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <csignal>
#include <fstream>
#include <iterator>
#include <sys/wait.h>
#include <unistd.h>

using namespace sova::test;

namespace {

void write_all(int fd, const std::string& data) {
    std::size_t written = 0;
    while (written < data.size()) {
        ssize_t n = write(fd, data.data() + written, data.size() - written);
        REQUIRE(n > 0);
        written += static_cast<std::size_t>(n);
    }
}

} // namespace

// The moment is chosen by progress, not time: standard input is a pipe the test keeps open, so
// the input never ends; the progress line (standard error is a terminal) counts each article
// once it is written, every 256 articles, and after the 512th there is nothing left to read.
// Nothing is committed by then (the batch is 64 MiB), so the articles in the index afterwards
// were committed by the stop.
TEST_CASE("e2e: SIGINT and SIGTERM stop sova index at the next article, commit what was read, exit 130 and 143") {
    for (int signal : {SIGINT, SIGTERM}) {
        SUBCASE(signal == SIGINT ? "SIGINT" : "SIGTERM") {
            TempDir dir;
            const std::string index = dir / "index";
            BackgroundProcess indexer = start_process({SOVA_BINARY, "index", "-j", "1", "-i", index, "-"},
                                                      {.stdout_file = dir / "summary.txt", .stderr_on_terminal = true});
            std::string input;
            for (int i = 0; i < 512; ++i)
                input += article("a" + std::to_string(i), "Ferry number " + std::to_string(i) + " sails at noon.");
            write_all(indexer.stdin_fd, input);
            std::string shown = indexer.read_terminal("\r512 articles", 120);
            REQUIRE_MESSAGE(has(shown, "\r512 articles"), shown);
            CHECK(Xapian::Database(index).get_doccount() == 0);

            kill(indexer.pid, signal);
            const int status = indexer.wait_status(120);
            shown += indexer.read_terminal("\n(end)", 10); // the rest, until it closed the terminal
            close(indexer.stdin_fd);
            close(indexer.terminal_fd);
            INFO("terminal:\n" << shown);
            REQUIRE(status != -1);
            REQUIRE_MESSAGE(WIFEXITED(status), "killed by signal " << WTERMSIG(status));
            CHECK(WEXITSTATUS(status) == 128 + signal);
            CHECK(
                has(shown, std::string("sova: interrupted by ") + (signal == SIGINT ? "SIGINT" : "SIGTERM") +
                               ": stopped reading the input; the 512 articles indexed before the stop are committed."));
            CHECK(has(read_file(dir / "summary.txt"), "Indexed 512 articles (512 added, 0 replaced, 0 skipped)"));
            Xapian::Database db(index);
            CHECK(db.get_doccount() == 512);
            CHECK(db.term_exists("Qa0"));
            CHECK(db.term_exists("Qa511"));
        }
    }
}
