#include "indexer/line_reader.hpp"

#include <sova/error.hpp>

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sova::detail {

namespace {
constexpr std::size_t buffer_bytes = std::size_t{1} << 18;
gzFile gz(void* file) {
    return static_cast<gzFile>(file);
}

// zlib prefixes its messages with the file name, which the caller already reports.
std::string without_path(std::string message) {
    if (std::size_t colon = message.find(": "); colon != std::string::npos && message.compare(0, 1, "/") == 0)
        return message.substr(colon + 2);
    if (std::size_t colon = message.rfind(": "); colon != std::string::npos) return message.substr(colon + 2);
    return message;
}

bool is_gzip(const void* head) {
    return std::memcmp(head, "\x1f\x8b", 2) == 0;
}
} // namespace

// Standard input that is a pipe or a terminal. gzread() would wait until its buffer is full,
// holding back lines that have come; this returns what has come, inflated with zlib's stream
// functions when the input starts as gzip does (gzread's test too).
struct LineReader::Stream {
    int fd = -1;
    bool started = false; // the first bytes have told plain text from gzip
    bool gzip = false;
    bool member_done = false; // a gzip member has ended; another may follow
    bool input_done = false;  // read() has returned 0
    z_stream z{};
    std::vector<char> raw = std::vector<char>(std::size_t{1} << 16); // compressed, or the first bytes
    std::size_t pending = 0; // plain: bytes in `raw` not yet handed out, from `offset`
    std::size_t offset = 0;
    std::uint64_t raw_bytes = 0;

    ~Stream() {
        if (gzip) inflateEnd(&z);
        if (fd >= 0) close(fd);
    }
};

LineReader::LineReader(const std::string& path, std::size_t max_line_bytes, const std::atomic<bool>* stop)
    : m_stop(stop), m_buffer(buffer_bytes), m_max_line(max_line_bytes) {
    if (path == "-") {
        int fd = dup(STDIN_FILENO);
        struct stat st {};
        if (fd >= 0 && fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
            m_stream = std::make_unique<Stream>();
            m_stream->fd = fd;
        } else {
            m_file = fd >= 0 ? gzdopen(fd, "rb") : nullptr;
            if (!m_file && fd >= 0) close(fd);
        }
    } else {
        m_file = gzopen(path.c_str(), "rb");
    }
    if (!m_file && !m_stream) {
        int error = errno;
        throw InputError(path == "-" ? "<stdin>" : path, 0,
                         std::string("cannot open: ") + (error ? std::strerror(error) : "out of memory"));
    }
    if (m_file) gzbuffer(gz(m_file), 1 << 17);
}

LineReader::~LineReader() {
    if (m_file) gzclose(gz(m_file));
}

bool LineReader::fill() {
    if (m_eof || m_failed || m_stopped) return false;
    if (m_pos > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_pos, m_end - m_pos);
        m_end -= m_pos;
        m_pos = 0;
    }
    if (m_end == m_buffer.size()) m_buffer.resize(m_buffer.size() * 2);
    char* to = m_buffer.data() + m_end;
    const std::size_t room = std::min<std::size_t>(m_buffer.size() - m_end, std::size_t{1} << 30);
    const int n = m_stream ? read_stream(to, room) : read_file(to, room);
    if (n <= 0) return false;
    m_bytes += static_cast<std::uint64_t>(n);
    m_end += static_cast<std::size_t>(n);
    // A gzip bomb (a few KB expanding to gigabytes) must not keep the indexer busy for ever:
    // past 64 MiB, more than 1000 bytes out per compressed byte in is not a real corpus.
    if (m_bytes > (std::uint64_t{64} << 20)) {
        const std::uint64_t in = compressed_bytes();
        if (in > 0 && m_bytes / in > 1000) {
            m_error = "decompresses to over 1000 times its size (a gzip bomb?); reading stopped";
            m_failed = true;
            return false;
        }
    }
    return true;
}

// Reads a file through zlib; returns the bytes read, 0 at the end or on an error (m_failed).
int LineReader::read_file(char* out, std::size_t room) {
    int n = gzread(gz(m_file), out, static_cast<unsigned>(room));
    if (n < 0) {
        int code = 0;
        const char* message = gzerror(gz(m_file), &code);
        m_error = code == Z_ERRNO ? std::strerror(errno) : without_path(message ? message : "read error");
        m_failed = true;
        return 0;
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
    }
    return n;
}

// Reads standard input as it comes (see Stream); returns the bytes read, 0 at the end, on an
// error (m_failed) or when stopped while waiting (m_stopped).
int LineReader::read_stream(char* out, std::size_t room) {
    Stream& s = *m_stream;
    auto fail = [this](const char* message) {
        m_error = message;
        m_failed = true;
        return 0;
    };
    for (;;) {
        if (s.started && !s.gzip) { // plain: the first bytes, then straight into `out`
            if (s.pending > 0) {
                const std::size_t n = std::min(s.pending, room);
                std::memcpy(out, s.raw.data() + s.offset, n);
                s.offset += n;
                s.pending -= n;
                return static_cast<int>(n);
            }
            if (s.input_done) {
                m_eof = true;
                return 0;
            }
        }
        if (s.gzip && !s.member_done && s.z.avail_in > 0) {
            s.z.next_out = reinterpret_cast<Bytef*>(out);
            s.z.avail_out = static_cast<uInt>(room);
            const int rc = inflate(&s.z, Z_NO_FLUSH);
            if (rc == Z_STREAM_END)
                s.member_done = true;
            else if (rc != Z_OK && rc != Z_BUF_ERROR)
                return fail(s.z.msg ? s.z.msg : "invalid compressed data");
            if (s.z.avail_out < room) return static_cast<int>(room - s.z.avail_out);
            if (rc != Z_BUF_ERROR) continue;
        }
        if (s.gzip && s.member_done && (s.z.avail_in >= 2 || s.input_done)) {
            // Members may follow one another (`cat a.gz b.gz`); anything else after one is
            // ignored, as gzread ignores it.
            if (s.z.avail_in < 2 || !is_gzip(s.z.next_in)) {
                m_eof = true;
                return 0;
            }
            inflateReset(&s.z);
            s.member_done = false;
            continue;
        }
        if (s.gzip && s.input_done) return fail("unexpected end of file");
        // More input is needed: compressed bytes and the first bytes go to `raw`, plain text to `out`.
        char* to = out;
        std::size_t capacity = room;
        if (s.gzip) {
            if (s.z.avail_in > 0) std::memmove(s.raw.data(), s.z.next_in, s.z.avail_in);
            s.z.next_in = reinterpret_cast<Bytef*>(s.raw.data());
            to = s.raw.data() + s.z.avail_in;
            capacity = s.raw.size() - s.z.avail_in;
        } else if (!s.started) {
            to = s.raw.data() + s.pending;
            capacity = s.raw.size() - s.pending;
        }
        if (!wait_for_input()) {
            m_stopped = true;
            return 0;
        }
        const ssize_t n = read(s.fd, to, capacity);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return fail(std::strerror(errno));
        s.input_done = n == 0;
        s.raw_bytes += static_cast<std::uint64_t>(n);
        if (s.gzip) {
            s.z.avail_in += static_cast<uInt>(n);
            continue;
        }
        if (s.started) {
            if (n == 0) m_eof = true;
            return static_cast<int>(n);
        }
        s.pending += static_cast<std::size_t>(n);
        if (s.pending < 2 && !s.input_done) continue;
        s.started = true;
        if (s.pending >= 2 && is_gzip(s.raw.data())) {
            if (inflateInit2(&s.z, 15 + 16) != Z_OK) return fail("out of memory");
            s.gzip = true;
            s.z.next_in = reinterpret_cast<Bytef*>(s.raw.data());
            s.z.avail_in = static_cast<uInt>(s.pending);
            s.pending = 0;
        }
    }
}

// Waits until standard input has something to read (or has ended); false once `stop` is set.
// Polling in steps lets a stop requested just before the wait be seen too.
bool LineReader::wait_for_input() {
    if (!m_stop) return true; // read() waits
    for (;;) {
        if (m_stop->load()) return false;
        pollfd input{m_stream->fd, POLLIN, 0};
        const int ready = poll(&input, 1, 100);
        if (ready > 0 || (ready < 0 && errno != EINTR)) return true; // read() tells what happened
    }
}

std::uint64_t LineReader::compressed_bytes() const {
    if (m_stream) return m_stream->raw_bytes;
    const z_off_t in = gzoffset(gz(m_file));
    return in > 0 ? static_cast<std::uint64_t>(in) : 0;
}

std::string_view LineReader::peek() {
    while (m_end - m_pos < 8192 && fill()) {
        if (m_stream) break; // what has come: more may be long in coming
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
            if (m_stopped) return Status::stopped;
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
