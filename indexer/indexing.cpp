// sova::index_paths: walks the inputs, reads each format, adds articles, reports problems.
#include "indexer/analysis_pool.hpp"
#include "indexer/bulk_build.hpp"
#include "indexer/line_reader.hpp"
#include "indexer/readers.hpp"
#include "indexer/writer_impl.hpp"
#include "schema/index_folder.hpp"
#include "tokenizers/utf8.hpp"

#include <sova/index.hpp>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>

namespace fs = std::filesystem;

namespace sova {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::uint64_t progress_every = 256;

std::string display_name(const std::string& path) {
    return path == "-" ? "<stdin>" : path;
}

std::string mebibytes(std::uint64_t bytes) {
    char buffer[32];
    double mib = static_cast<double>(bytes) / 1048576.0;
    std::snprintf(buffer, sizeof buffer, mib == static_cast<double>(bytes >> 20) ? "%.0f MiB" : "%.1f MiB", mib);
    return buffer;
}

// A binary file (an image, an archive, an executable) has NUL bytes all over; a text file with
// a stray NUL or two is still text, and its lines are judged one by one.
bool looks_binary(std::string_view head) {
    std::size_t nul = 0;
    for (char ch : head.substr(0, 8192)) nul += ch == '\0';
    return nul > 16 || (nul > 0 && nul * 100 >= std::min<std::size_t>(head.size(), 8192));
}

bool is_blank(std::string_view s) {
    for (char ch : s)
        if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n') return false;
    return true;
}

class Run {
public:
    Run(IndexWriter& writer, const IndexingOptions& options, detail::BulkBuild* bulk, detail::AnalysisPool* pool)
        : m_writer(writer), m_options(options), m_bulk(bulk), m_pool(pool), m_start(Clock::now()),
          m_invalid_before(writer.invalid_utf8_replaced()) {}

    void error(const std::string& file, std::uint64_t line, const std::string& reason, std::string option = {}) {
        ++m_stats.skipped;
        InputError e(file, line, reason);
        if (m_options.on_problem) m_options.on_problem(Problem{Problem::Severity::error, e, std::move(option)});
        if (m_options.strict) throw e;
    }

    void warning(const std::string& file, std::uint64_t line, const std::string& reason) {
        ++m_stats.warnings;
        if (m_options.on_problem)
            m_options.on_problem(Problem{Problem::Severity::warning, InputError(file, line, reason), {}});
    }

    void add(Article&& article, const std::string& file, std::uint64_t line) {
        if (m_bulk) {
            m_bulk->submit(std::move(article), file, line);
            report(m_bulk->take_outcomes());
            return;
        }
        if (m_pool) {
            m_pool->submit(std::move(article), file, line);
            report(m_pool->take_outcomes());
            return;
        }
        AddResult result;
        try {
            result = m_writer.add(article);
        } catch (const InputError& e) {
            error(file, line, e.reason());
            return;
        }
        added(result, file, line);
    }

    void added(const AddResult& result, const std::string& file, std::uint64_t line) {
        (result.outcome == AddOutcome::added ? m_stats.added : m_stats.replaced)++;
        for (const auto& w : result.warnings) warning(file, line, w);
        if ((m_stats.added + m_stats.replaced) % progress_every == 0) progress();
    }

    // What the threads of a bulk build or an analysis pool have done since last asked,
    // reported as a single writer would (a bulk build: in the order the articles finished).
    void report(const std::vector<detail::BulkOutcome>& outcomes) {
        for (const detail::BulkOutcome& done : outcomes) {
            m_invalid_bulk += done.invalid_utf8;
            if (done.failed)
                error(done.file, done.line, done.error);
            else
                added(done.result, done.file, done.line);
        }
    }

    void progress() {
        m_stats.seconds = std::chrono::duration<double>(Clock::now() - m_start).count();
        m_stats.invalid_utf8 = m_writer.invalid_utf8_replaced() - m_invalid_before + m_invalid_read + m_invalid_bulk;
        if (!m_options.on_progress) return;
        IndexingStats now = m_stats;
        if (m_reader) now.bytes += m_reader->bytes_read(); // the file being read counts too
        m_options.on_progress(now);
    }

    void json_lines(const detail::InputFile& input, detail::LineReader& reader) {
        const std::string file = display_name(input.path);
        m_reader = &reader;
        std::string line;
        std::vector<std::string> warnings;
        std::uint64_t records = 0;
        for (;;) {
            auto status = reader.next(line);
            if (status == detail::LineReader::Status::end) break;
            if (status == detail::LineReader::Status::stopped || stop_requested()) {
                m_stats.stopped = true;
                break;
            }
            if (status == detail::LineReader::Status::error) {
                error(file, reader.line_number() + 1,
                      "read error: " + reader.error_message() + "; the rest of the file is lost");
                break;
            }
            if (status == detail::LineReader::Status::too_long) {
                ++records;
                error(file, reader.line_number(),
                      "line of " + mebibytes(reader.skipped_bytes()) + " is over the article size limit of " +
                          mebibytes(m_options.max_article_bytes) + "; skipped",
                      "max_article_bytes");
                continue;
            }
            if (reader.line_number() == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3); // byte order mark
            if (is_blank(line)) continue;
            ++records;
            // Repair before parsing: a JSON parser rejects invalid UTF-8, and the article must not be lost.
            if (std::size_t bad = detail::repair_utf8_in_place(line)) {
                m_invalid_read += bad;
                warning(file, reader.line_number(),
                        std::to_string(bad) + " invalid UTF-8 sequence(s) replaced with U+FFFD");
            }
            warnings.clear();
            Article article;
            try {
                article = detail::parse_json_article(line, warnings);
            } catch (const detail::RecordError& e) {
                error(file, reader.line_number(), e.what());
                continue;
            }
            for (const auto& w : warnings) warning(file, reader.line_number(), w);
            add(std::move(article), file, reader.line_number());
        }
        m_reader = nullptr;
        m_stats.bytes += reader.bytes_read();
        if (m_stats.stopped) return;
        if (records == 0 && reader.bytes_read() == 0)
            error(file, 0, "empty file: no articles");
        else if (records == 0)
            error(file, 0, "no articles: the file holds only blank lines");
    }

    void text_file(const detail::InputFile& input) {
        std::error_code ec;
        const std::uint64_t size = fs::file_size(input.path, ec);
        if (ec) {
            error(input.path, 0, "cannot read: " + ec.message());
            return;
        }
        if (size > m_options.max_article_bytes) {
            error(input.path, 0,
                  "file of " + mebibytes(size) + " is over the article size limit of " +
                      mebibytes(m_options.max_article_bytes) + "; skipped",
                  "max_article_bytes");
            return;
        }
        std::ifstream in(input.path, std::ios::binary);
        std::string content(size, '\0');
        if (!in || !in.read(content.data(), static_cast<std::streamsize>(size))) {
            error(input.path, 0, std::string("cannot read: ") + std::strerror(errno));
            return;
        }
        m_stats.bytes += size;
        if (looks_binary(content)) {
            error(input.path, 0, "binary file (contains NUL bytes); skipped");
            return;
        }
        if (std::size_t bad = detail::repair_utf8_in_place(content)) {
            m_invalid_read += bad;
            warning(input.path, 0, std::to_string(bad) + " invalid UTF-8 sequence(s) replaced with U+FFFD");
        }
        if (is_blank(content)) {
            error(input.path, 0, "empty file: no text");
            return;
        }
        fs::path relative = fs::path(input.path).lexically_relative(input.id_base.empty() ? "." : input.id_base);
        std::string id = relative.empty() || relative.string().starts_with("..")
                             ? fs::path(input.path).filename().generic_string()
                             : relative.generic_string();
        // Ids of text files are paths relative to the folder given; two folders given in one run
        // can hold the same relative path. The second must not silently replace the first.
        if (auto [it, inserted] = m_text_ids.emplace(id, input.path); !inserted && it->second != input.path) {
            error(input.path, 0,
                  "its id \"" + id + "\" is already the id of " + it->second +
                      " in this run (a text file's id is its path relative to the folder given); "
                      "not indexed: give a common parent folder instead");
            return;
        }
        add(detail::text_article(content, id), input.path, 0);
    }

    void input(const detail::InputFile& input) {
        ++m_stats.files;
        if (input.format == detail::InputFormat::text) {
            text_file(input);
            return;
        }
        std::unique_ptr<detail::LineReader> reader;
        try {
            reader =
                std::make_unique<detail::LineReader>(input.path, m_options.max_article_bytes, m_options.stop_requested);
        } catch (const InputError& e) {
            error(e.file(), 0, e.reason());
            return;
        }
        std::string_view head = reader->peek();
        if (looks_binary(head)) {
            error(display_name(input.path), 0, "binary file (contains NUL bytes); skipped");
            return;
        }
        if (input.format == detail::InputFormat::unknown) {
            std::size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
            if (first != std::string_view::npos && head[first] != '{') {
                reader.reset();
                text_file(input);
                return;
            }
        }
        json_lines(input, *reader);
    }

    // Whether IndexingOptions::stop_requested is set: then no more input is read.
    bool stop_requested() const { return m_options.stop_requested && m_options.stop_requested->load(); }

    // Reads the inputs in turn until they end or a stop is requested.
    void inputs(const std::vector<detail::InputFile>& inputs) {
        for (const auto& file : inputs) {
            if (m_stats.stopped) return;
            if (stop_requested()) {
                m_stats.stopped = true;
                return;
            }
            input(file);
        }
    }

    void set_ignored(std::size_t ignored) { m_stats.ignored = ignored; }
    void set_shards(unsigned shards) { m_stats.shards = shards; }

    // Waits for a bulk build's last articles and merges its shards into `out`.
    void finish_bulk(const std::string& out) {
        m_bulk->finish(out);
        report(m_bulk->take_outcomes());
    }

    // Writes what an analysis pool still has.
    void finish_pool() {
        m_pool->finish();
        report(m_pool->take_outcomes());
    }

    IndexingStats finish() {
        m_writer.commit();
        progress();
        return m_stats;
    }

private:
    IndexWriter& m_writer;
    const IndexingOptions& m_options;
    detail::BulkBuild* m_bulk;    // a new index built in shards, or
    detail::AnalysisPool* m_pool; // articles analysed on several threads for the writer, or
                                  // (both null) articles analysed and written on this thread
    Clock::time_point m_start;
    std::uint64_t m_invalid_before;
    std::map<std::string, std::string> m_text_ids; // id -> text file that had it in this run
    const detail::LineReader* m_reader = nullptr;  // the JSON Lines file being read, if any
    std::uint64_t m_invalid_read = 0;              // repaired by the readers, before the writer saw the text
    std::uint64_t m_invalid_bulk = 0; // repaired by the shard writers of a bulk build (the writer counts the rest)
    IndexingStats m_stats;
};

} // namespace

namespace {

// The writer commits at least every `bytes` of input while it lives (the memory budget's share,
// UpdatePlan), then as often as its own options say again.
class BatchLimit {
public:
    BatchLimit(detail::WriterImpl& writer, std::size_t bytes) : m_writer(writer), m_own(writer.options().batch_bytes) {
        m_writer.set_batch_bytes(std::min(m_own, bytes));
    }
    BatchLimit(const BatchLimit&) = delete;
    BatchLimit& operator=(const BatchLimit&) = delete;
    ~BatchLimit() { m_writer.set_batch_bytes(m_own); }

private:
    detail::WriterImpl& m_writer;
    std::size_t m_own;
};

// Below this much input, one thread is quicker than starting several (each loads its own
// dictionaries) and, for a new index, merging their shards.
constexpr std::uint64_t small_input_bytes = std::uint64_t{4} << 20;

// The input's size on disk (compressed files count compressed); stdin counts as large.
std::uint64_t input_bytes(const std::vector<detail::InputFile>& inputs) {
    std::uint64_t total = 0;
    for (const auto& input : inputs) {
        if (input.path == "-") return small_input_bytes;
        std::error_code ec;
        const auto size = fs::file_size(input.path, ec);
        if (!ec) total += size;
    }
    return total;
}

} // namespace

IndexingStats index_paths(IndexWriter& writer, const std::vector<std::string>& paths, const IndexingOptions& options) {
    std::vector<detail::InputProblem> problems;
    std::size_t ignored = 0;
    std::vector<detail::InputFile> inputs = detail::collect_inputs(paths, problems, &ignored);
    unsigned threads = options.threads ? options.threads : detail::BulkBuild::default_threads();
    if (options.threads == 0 && input_bytes(inputs) < small_input_bytes) threads = 1; // not worth the start-up
    const WriterOptions& writer_options = writer.m_impl->options();
    const detail::UpdatePlan update = detail::UpdatePlan::make(options.memory_budget);
    BatchLimit batch_limit(*writer.m_impl, update.batch_bytes);
    std::unique_ptr<detail::BulkBuild> bulk;
    std::unique_ptr<detail::AnalysisPool> pool;
    if (threads > 1 && !options.strict) {
        const detail::BulkPlan plan = detail::BulkPlan::make(threads, options.memory_budget);
        if (writer_options.batch_articles == 0 && writer.document_count() == 0)
            bulk = std::make_unique<detail::BulkBuild>((fs::path(writer.path()) / detail::bulk_folder_name).string(),
                                                       writer_options, plan);
        else
            pool = std::make_unique<detail::AnalysisPool>(*writer.m_impl, threads, update.queue_bytes);
    }
    Run run(writer, options, bulk.get(), pool.get());
    if (bulk) run.set_shards(threads);
    run.set_ignored(ignored);
    for (const auto& problem : problems) run.error(problem.path, 0, problem.reason);
    try {
        run.inputs(inputs);
    } catch (...) {
        writer.commit(); // keep what was indexed before a --strict stop
        throw;
    }
    if (pool) run.finish_pool();
    if (bulk) {
        // Merged into a new generation of the index folder, which then replaces the empty one.
        const std::string generation = detail::next_generation(writer.path());
        run.finish_bulk(generation);
        bulk.reset(); // removes the shards
        writer.m_impl->adopt(generation);
    }
    return run.finish();
}

} // namespace sova
