// Reading lines from plain or gzip-compressed files (or stdin) with bounded memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sova::detail {

/// Reads a file line by line through zlib, which reads plain files as they are and
/// decompresses gzip transparently. A line longer than the limit is skipped without being
/// held in memory. Throws sova::InputError when the file cannot be opened.
class LineReader {
public:
    /// `path` "-" reads standard input.
    LineReader(const std::string& path, std::size_t max_line_bytes);
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    enum class Status { line, too_long, end, error };

    /// Reads the next line (without its "\n" or "\r\n") into `line`.
    /// too_long: the line was skipped; `skipped_bytes()` tells its length.
    /// error: a read or decompression error (`error_message()`), e.g. a truncated .gz file;
    /// A partial last line before the error is dropped; the reader is then done.
    Status next(std::string& line);

    std::uint64_t line_number() const noexcept { return m_line_number; }
    std::uint64_t bytes_read() const noexcept { return m_bytes; }
    std::size_t skipped_bytes() const noexcept { return m_skipped; }
    const std::string& error_message() const noexcept { return m_error; }
    /// Up to the first 8 KiB of the input, without consuming them (call before next()).
    std::string_view peek();

private:
    bool fill();

    void* m_file = nullptr; // gzFile
    std::vector<char> m_buffer;
    std::size_t m_pos = 0;
    std::size_t m_end = 0;
    bool m_eof = false;
    bool m_failed = false;
    std::size_t m_max_line;
    std::uint64_t m_line_number = 0;
    std::uint64_t m_bytes = 0;
    std::size_t m_skipped = 0;
    std::string m_error;
};

} // namespace sova::detail
