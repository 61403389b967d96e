// LineReader: lines of plain and gzip files, over-long lines, truncated archives.
#include "indexer/line_reader.hpp"

#include "tests/indexer/gzip_file.hpp"
#include "tests/support/temp_dir.hpp"

#include <sova/error.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using sova::detail::LineReader;
using Status = LineReader::Status;
using namespace std::string_view_literals;

// Reads every line; stops at end or error. Over-long lines appear as "<too long: N bytes>".
std::vector<std::string> read_all(LineReader& reader, Status& last) {
    std::vector<std::string> lines;
    std::string line;
    for (;;) {
        last = reader.next(line);
        if (last == Status::end || last == Status::error || last == Status::stopped) break;
        if (last == Status::too_long)
            lines.push_back("<too long: " + std::to_string(reader.skipped_bytes()) + " bytes>");
        else
            lines.push_back(line);
    }
    return lines;
}

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += "[" + l + "]";
    return out;
}

// Many distinct lines of varied length, so the buffer is refilled mid-line many times.
std::string numbered_lines(int count, std::vector<std::string>& lines) {
    std::string content;
    std::uint32_t state = 7;
    for (int i = 0; i < count; ++i) {
        state = state * 1664525u + 1013904223u;
        std::string line = std::to_string(i) + ":" + std::string(state % 300, static_cast<char>('a' + i % 26));
        lines.push_back(line);
        content += line + "\n";
    }
    return content;
}

// Standard input replaced by a pipe while the object lives; the test writes to the other end.
class PipedStdin {
public:
    PipedStdin() {
        int fds[2];
        REQUIRE(pipe(fds) == 0);
        dup2(fds[0], STDIN_FILENO);
        close(fds[0]);
        m_in = fds[1];
    }
    ~PipedStdin() {
        close_input();
        dup2(m_saved, STDIN_FILENO);
        close(m_saved);
    }
    void write(std::string_view data) {
        while (!data.empty()) {
            const ssize_t n = ::write(m_in, data.data(), data.size());
            if (n <= 0) break;
            data.remove_prefix(static_cast<std::size_t>(n));
        }
    }
    void close_input() {
        if (m_in >= 0) close(m_in);
        m_in = -1;
    }

private:
    int m_saved = dup(STDIN_FILENO);
    int m_in = -1;
};

// Sets `stop` after `seconds` unless destroyed first: a reader that waits where it should not
// then returns stopped, and the test fails instead of hanging.
class Watchdog {
public:
    Watchdog(std::atomic<bool>& stop, int seconds)
        : m_thread([this, &stop, seconds] {
              std::unique_lock lock(m_mutex);
              if (!m_done_cv.wait_for(lock, std::chrono::seconds(seconds), [this] { return m_done; })) stop = true;
          }) {}
    ~Watchdog() {
        {
            std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_done_cv.notify_all();
        m_thread.join();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_done_cv;
    bool m_done = false;
    std::thread m_thread;
};

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("LineReader: lines of a plain file") {
    sova::test::TempDir dir;
    struct Row {
        const char* name;
        std::string_view content;
        std::string_view lines;
    };
    const Row rows[] = {
        {"unix newlines", "a\nb\nc\n", "[a][b][c]"},
        {"CRLF newlines", "a\r\nb\r\n", "[a][b]"},
        {"blank lines are lines", "a\n\n\nb\n", "[a][][][b]"},
        {"last line without newline", "a\nlast", "[a][last]"},
        {"single line, no newline", "only", "[only]"},
        {"a lone CR inside a line is kept", "a\rb\n", "[a\rb]"},
        {"UTF-8 and NUL bytes pass through", "Київ\0x\n"sv, "[Київ\0x]"sv},
    };
    for (const Row& row : rows) {
        SUBCASE(row.name) {
            const std::string path = dir.write("in.jsonl", row.content);
            LineReader reader(path, 1024);
            Status last{};
            const auto lines = read_all(reader, last);
            CHECK(last == Status::end);
            CHECK(join(lines) == row.lines);
            CHECK(reader.line_number() == lines.size());
            CHECK(reader.bytes_read() == row.content.size());
            CHECK(reader.error_message().empty());
        }
    }
}

TEST_CASE("LineReader: an empty file has no lines") {
    sova::test::TempDir dir;
    LineReader reader(dir.write("empty.jsonl", ""), 1024);
    CHECK(reader.peek().empty());
    std::string line = "stale";
    CHECK(reader.next(line) == Status::end);
    CHECK(line.empty());
    CHECK(reader.next(line) == Status::end);
    CHECK(reader.line_number() == 0);
    CHECK(reader.bytes_read() == 0);
}

TEST_CASE("LineReader: a missing file throws InputError naming it") {
    sova::test::TempDir dir;
    const std::string path = dir / "missing.jsonl";
    try {
        LineReader reader(path, 1024);
        FAIL("no exception");
    } catch (const sova::InputError& e) {
        CHECK(e.file() == path);
        CHECK(e.line() == 0);
        CHECK(e.reason().find("cannot open") != std::string::npos);
        CHECK(std::string(e.what()).find(path) != std::string::npos);
    }
}

TEST_CASE("LineReader: peek does not consume") {
    sova::test::TempDir dir;
    SUBCASE("small file") {
        LineReader reader(dir.write("in.jsonl", "{\"a\":1}\nsecond\n"), 1024);
        CHECK(reader.peek() == "{\"a\":1}\nsecond\n");
        CHECK(reader.peek() == "{\"a\":1}\nsecond\n");
        std::string line;
        REQUIRE(reader.next(line) == Status::line);
        CHECK(line == "{\"a\":1}");
        REQUIRE(reader.next(line) == Status::line);
        CHECK(line == "second");
    }
    SUBCASE("large file: at most 8 KiB") {
        const std::string content = std::string(20000, 'x') + "\n";
        LineReader reader(dir.write("big.jsonl", content), 1 << 20);
        CHECK(reader.peek().size() == 8192);
        std::string line;
        REQUIRE(reader.next(line) == Status::line);
        CHECK(line.size() == 20000);
    }
}

TEST_CASE("LineReader: many lines across buffer refills") {
    sova::test::TempDir dir;
    std::vector<std::string> expected;
    const std::string content = numbered_lines(4000, expected); // about 600 KB, over two buffers
    const std::string path = dir.write("many.jsonl", content);
    LineReader reader(path, 1 << 20);
    Status last{};
    const auto lines = read_all(reader, last);
    CHECK(last == Status::end);
    CHECK(lines.size() == expected.size());
    CHECK(lines == expected);
    CHECK(reader.bytes_read() == content.size());
}

TEST_CASE("LineReader: gzip files are decompressed") {
    sova::test::TempDir dir;
    std::vector<std::string> expected;
    const std::string content = numbered_lines(2000, expected);
    const std::string path = dir / "many.jsonl.gz";
    sova::test::write_gzip(path, content);
    LineReader reader(path, 1 << 20);
    CHECK(reader.peek().substr(0, 2) == "0:"); // peek sees decompressed text
    Status last{};
    const auto lines = read_all(reader, last);
    CHECK(last == Status::end);
    CHECK(lines == expected);
    CHECK(reader.bytes_read() == content.size()); // uncompressed bytes
}

TEST_CASE("LineReader: a truncated gzip file reports an error after its complete lines") {
    sova::test::TempDir dir;
    std::vector<std::string> expected;
    const std::string content = numbered_lines(2000, expected);
    const std::string path = dir / "cut.jsonl.gz";
    sova::test::write_truncated_gzip(path, content, 0.5);
    LineReader reader(path, 1 << 20);
    Status last{};
    const auto lines = read_all(reader, last);
    CHECK(last == Status::error);
    CHECK_FALSE(reader.error_message().empty());
    REQUIRE(lines.size() > 10);
    CHECK(lines.size() < expected.size());
    // Every line returned is complete and in order; the partial one is dropped.
    CHECK(std::vector<std::string>(expected.begin(), expected.begin() + static_cast<long>(lines.size())) == lines);
    CHECK(reader.line_number() == lines.size());
    std::string line;
    CHECK(reader.next(line) == Status::error); // the reader is done
}

TEST_CASE("LineReader: a line longer than the buffer is skipped, unread") {
    sova::test::TempDir dir;
    const std::string huge(600000, 'h');
    SUBCASE("in the middle") {
        LineReader reader(dir.write("in.jsonl", "first\n" + huge + "\nlast\n"), 1024);
        Status last{};
        const auto lines = read_all(reader, last);
        CHECK(last == Status::end);
        CHECK(join(lines) == "[first][<too long: 600000 bytes>][last]");
        CHECK(reader.line_number() == 3);
    }
    SUBCASE("at the end, without a newline") {
        LineReader reader(dir.write("in.jsonl", "first\n" + huge), 1024);
        Status last{};
        const auto lines = read_all(reader, last);
        CHECK(last == Status::end);
        CHECK(join(lines) == "[first][<too long: 600000 bytes>]");
        CHECK(reader.line_number() == 2);
    }
}

TEST_CASE("LineReader: a line exactly at the limit is read") {
    sova::test::TempDir dir;
    const std::string limit(1024, 'x');
    LineReader reader(dir.write("in.jsonl", limit + "\nnext\n"), 1024);
    Status last{};
    const auto lines = read_all(reader, last);
    CHECK(last == Status::end);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == limit);
    CHECK(lines[1] == "next");
}

// Regression: the limit was once checked only while no newline was in the buffer, so a line
// over the limit that fitted in the (256 KiB) buffer was returned whole.
TEST_CASE("LineReader: a line over the limit but shorter than the buffer is skipped") {
    sova::test::TempDir dir;
    const std::string over(2000, 'a');
    struct Row {
        const char* name;
        std::string content;
        std::string lines;
    };
    const Row rows[] = {
        {"first line", over + "\nshort\n", "[<too long: 2000 bytes>][short]"},
        {"between lines", "one\n" + over + "\ntwo\n", "[one][<too long: 2000 bytes>][two]"},
        {"last line, no newline", "one\n" + over, "[one][<too long: 2000 bytes>]"},
        {"limit plus one", std::string(1025, 'b') + "\nok\n", "[<too long: 1025 bytes>][ok]"},
    };
    for (const Row& row : rows) {
        SUBCASE(row.name) {
            LineReader reader(dir.write("in.jsonl", row.content), 1024);
            Status last{};
            const auto lines = read_all(reader, last);
            CHECK(last == Status::end);
            CHECK(join(lines) == row.lines);
            CHECK(reader.line_number() == lines.size());
        }
    }
}

TEST_CASE("LineReader: standard input that is a pipe gives each line as soon as it has come") {
    PipedStdin in;
    std::atomic<bool> stop{false};
    Watchdog guard(stop, 60);
    LineReader reader("-", 1024, &stop);
    in.write("{\"a\":1}\n{\"b\"");
    CHECK(reader.peek() == "{\"a\":1}\n{\"b\""); // what has come, not a buffer-full
    std::string line;
    REQUIRE(reader.next(line) == Status::line);
    CHECK(line == "{\"a\":1}");
    in.write(":2}\n");
    REQUIRE(reader.next(line) == Status::line);
    CHECK(line == "{\"b\":2}");
    // Nothing more comes: a stop request ends the wait, and the partial line is dropped.
    in.write("{\"c\"");
    stop = true;
    CHECK(reader.next(line) == Status::stopped);
    CHECK(reader.next(line) == Status::stopped);
    CHECK(reader.line_number() == 2);
}

TEST_CASE("LineReader: gzip on a pipe is decompressed as it comes, member after member") {
    sova::test::TempDir dir;
    std::vector<std::string> expected;
    const std::string content = numbered_lines(3000, expected);
    const std::size_t half = content.find('\n', content.size() / 2) + 1;
    sova::test::write_gzip(dir / "a.gz", content.substr(0, half));
    sova::test::write_gzip(dir / "b.gz", content.substr(half));
    const std::string bytes = file_bytes(dir / "a.gz") + file_bytes(dir / "b.gz"); // as `cat a.gz b.gz`
    PipedStdin in;
    LineReader reader("-", 1 << 20);
    std::thread feeder([&] {
        in.write(bytes);
        in.close_input();
    });
    Status last{};
    const auto lines = read_all(reader, last);
    feeder.join();
    CHECK(last == Status::end);
    CHECK(lines == expected);
    CHECK(reader.bytes_read() == content.size());
}

TEST_CASE("LineReader: a truncated gzip stream on a pipe reports an error after its complete lines") {
    sova::test::TempDir dir;
    std::vector<std::string> expected;
    const std::string content = numbered_lines(2000, expected);
    sova::test::write_truncated_gzip(dir / "cut.gz", content, 0.5);
    const std::string bytes = file_bytes(dir / "cut.gz");
    PipedStdin in;
    LineReader reader("-", 1 << 20);
    std::thread feeder([&] {
        in.write(bytes);
        in.close_input();
    });
    Status last{};
    const auto lines = read_all(reader, last);
    feeder.join();
    CHECK(last == Status::error);
    CHECK(reader.error_message() == "unexpected end of file");
    REQUIRE(lines.size() > 10);
    CHECK(std::vector<std::string>(expected.begin(), expected.begin() + static_cast<long>(lines.size())) == lines);
}
