#include "indexer/line_reader.hpp"

#include <sova/error.hpp>

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace sova::detail {

namespace {
constexpr std::size_t buffer_bytes = std::size_t{1} << 18;
gzFile gz(void* file) { return static_cast<gzFile>(file); }

// zlib prefixes its messages with the file name, which the caller already reports.
std::string without_path(std::string message) {
    if (std::size_t colon = message.find(": "); colon != std::string::npos && message.compare(0, 1, "/") == 0)
        return message.substr(colon + 2);
    if (std::size_t colon = message.rfind(": "); colon != std::string::npos) return message.substr(colon + 2);
    return message;
}
} // namespace

LineReader::LineReader(const std::string& path, std::size_t max_line_bytes)
    : m_buffer(buffer_bytes), m_max_line(max_line_bytes) {
    if (path == "-") {
        int fd = dup(STDIN_FILENO);
        m_file = fd >= 0 ? gzdopen(fd, "rb") : nullptr;
        if (!m_file && fd >= 0) close(fd);
    } else {
        m_file = gzopen(path.c_str(), "rb");
    }
    if (!m_file) {
        int error = errno;
        throw InputError(path == "-" ? "<stdin>" : path, 0,
                         std::string("cannot open: ") + (error ? std::strerror(error) : "out of memory"));
    }
    gzbuffer(gz(m_file), 1 << 17);
}

LineReader::~LineReader() {
    if (m_file) gzclose(gz(m_file));
}

bool LineReader::fill() {
    if (m_eof || m_failed) return false;
    if (m_pos > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_pos, m_end - m_pos);
        m_end -= m_pos;
        m_pos = 0;
    }
    if (m_end == m_buffer.size()) m_buffer.resize(m_buffer.size() * 2);
    int n = gzread(gz(m_file), m_buffer.data() + m_end, static_cast<unsigned>(m_buffer.size() - m_end));
    if (n < 0) {
        int code = 0;
        const char* message = gzerror(gz(m_file), &code);
        m_error = code == Z_ERRNO ? std::strerror(errno) : without_path(message ? message : "read error");
        m_failed = true;
        return false;
    }
    if (n == 0) {
        // gzread returns 0 at the end, but also after a truncated gzip member.
        int code = 0;
        const char* message = gzerror(gz(m_file), &code);
        if (code != Z_OK && code != Z_STREAM_END) {
            m_error = without_path(message ? message : "decompression error");
            m_failed = true;
        }
        m_eof = true;
        return false;
    }
    m_bytes += static_cast<std::uint64_t>(n);
    m_end += static_cast<std::size_t>(n);
    // A gzip bomb (a few KB expanding to gigabytes) must not keep the indexer busy for ever:
    // past 64 MiB, more than 1000 bytes out per compressed byte in is not a real corpus.
    if (m_bytes > (std::uint64_t{64} << 20)) {
        z_off_t in = gzoffset(gz(m_file));
        if (in > 0 && m_bytes / static_cast<std::uint64_t>(in) > 1000) {
            m_error = "decompresses to over 1000 times its size (a gzip bomb?); reading stopped";
            m_failed = true;
            return false;
        }
    }
    return true;
}

std::string_view LineReader::peek() {
    while (m_end - m_pos < 8192 && fill()) {
    }
    return {m_buffer.data() + m_pos, std::min<std::size_t>(m_end - m_pos, 8192)};
}

LineReader::Status LineReader::next(std::string& line) {
    line.clear();
    m_skipped = 0;
    bool skipping = false;
    std::size_t scanned = 0; // bytes after m_pos known to hold no newline
    for (;;) {
        const char* base = m_buffer.data() + m_pos;
        const std::size_t available = m_end - m_pos;
        if (const void* newline = std::memchr(base + scanned, '\n', available - scanned)) {
            const auto length = static_cast<std::size_t>(static_cast<const char*>(newline) - base);
            ++m_line_number;
            m_pos += length + 1;
            if (skipping || length > m_max_line) {
                m_skipped += length;
                return Status::too_long;
            }
            line.assign(base, length > 0 && base[length - 1] == '\r' ? length - 1 : length);
            return Status::line;
        }
        scanned = available;
        if (!skipping && available > m_max_line) skipping = true;
        if (skipping) { // drop what is held and keep looking for the end of the line
            m_skipped += available;
            m_pos = m_end;
            scanned = 0;
        }
        if (!fill()) {
            if (m_failed) return Status::error;
            if (skipping) {
                ++m_line_number;
                return Status::too_long;
            }
            if (m_pos < m_end) { // a last line without a newline
                ++m_line_number;
                line.assign(m_buffer.data() + m_pos, m_end - m_pos);
                m_pos = m_end;
                return Status::line;
            }
            return Status::end;
        }
    }
}

} // namespace sova::detail
