// Reading lines from plain or gzip-compressed files (or stdin) with bounded memory.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sova::detail {

/// Reads a file line by line through zlib, which reads plain files as they are and
/// decompresses gzip transparently. A line longer than the limit is skipped without being
/// held in memory. Throws sova::InputError when the file cannot be opened.
/// Standard input that is not a file (a pipe, a terminal) is read as its data comes rather than
/// a buffer-full at a time, so that each line is returned as soon as it has arrived.
class LineReader {
public:
    /// `path` "-" reads standard input. While it waits for a pipe or terminal, the reader looks
    /// at `stop` (when given) every 100 ms at most, and once it is true next() returns stopped.
    LineReader(const std::string& path, std::size_t max_line_bytes, const std::atomic<bool>* stop = nullptr);
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    enum class Status { line, too_long, end, error, stopped };

    /// Reads the next line (without its "\n" or "\r\n") into `line`.
    /// too_long: the line was skipped; `skipped_bytes()` tells its length.
    /// error: a read or decompression error (`error_message()`), e.g. a truncated .gz file;
    /// A partial last line before the error is dropped; the reader is then done.
    /// stopped: `stop` was set while waiting for input; a partial line is dropped.
    Status next(std::string& line);

    std::uint64_t line_number() const noexcept { return m_line_number; }
    std::uint64_t bytes_read() const noexcept { return m_bytes; }
    std::size_t skipped_bytes() const noexcept { return m_skipped; }
    const std::string& error_message() const noexcept { return m_error; }
    /// Up to the first 8 KiB of the input, without consuming them (call before next()).
    std::string_view peek();

private:
    struct Stream;
    bool fill();
    int read_file(char* out, std::size_t room);
    int read_stream(char* out, std::size_t room);
    bool wait_for_input();
    std::uint64_t compressed_bytes() const;

    void* m_file = nullptr;           // gzFile, or
    std::unique_ptr<Stream> m_stream; // standard input read as it comes
    const std::atomic<bool>* m_stop;
    std::vector<char> m_buffer;
    std::size_t m_pos = 0;
    std::size_t m_end = 0;
    bool m_eof = false;
    bool m_failed = false;
    bool m_stopped = false;
    std::size_t m_max_line;
    std::uint64_t m_line_number = 0;
    std::uint64_t m_bytes = 0;
    std::size_t m_skipped = 0;
    std::string m_error;
};

} // namespace sova::detail
