// Writing an index: add articles one by one, or index files and directories.
#pragma once

#include <sova/article.hpp>
#include <sova/error.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sova {

namespace detail {
class WriterImpl;
}

class IndexWriter;
struct IndexingOptions;
struct IndexingStats;

/// Settings of an IndexWriter.
struct WriterOptions {
    /// Input bytes analysed between two commits. A crash loses at most the uncommitted batch.
    /// index_paths() commits more often when its memory budget asks (IndexingOptions::memory_budget).
    std::size_t batch_bytes = std::size_t{64} << 20;
    /// Also commit after this many articles (0: only by bytes). Smaller batches lose less in a
    /// crash and index more slowly.
    std::size_t batch_articles = 0;
    /// Write cross-script keys (XK terms) for capitalised words, so that queries in one script
    /// find names written in another. Costs a few percent of index size.
    bool cross_script_keys = true;
    /// Recognise people, places and organisations and store them as XE terms (docs/SCHEMA.md).
    bool entities = true;
    /// A user aliases file (TSV, docs/ENTITIES.md) teaching names; empty: none.
    std::string entities_file;
    /// Each commit waits until the data is on disk (fsync). false: commits only hand the data
    /// to the operating system, which is faster but can lose or corrupt the index when the
    /// machine (not the process) stops. index_paths() turns it off for the temporary shards of
    /// a bulk build, which a crash only leaves behind.
    bool durable = true;
};

/// Whether an added article was new or replaced one with the same id.
enum class AddOutcome { added, replaced };

/// What adding an article did.
struct AddResult {
    AddOutcome outcome = AddOutcome::added;
    std::string id;                    ///< The article's id (derived from the content when it had none).
    std::vector<std::string> warnings; ///< Problems that lost nothing, e.g. an unreadable date (dropped).
};

/// The single writer of an index. Move-only; commits pending changes when destroyed.
/// Not thread-safe: use one writer from one thread (Xapian allows one writer per index).
class IndexWriter {
public:
    /// Opens the index at `path`, creating it (and missing parent folders) if needed; an
    /// existing index is opened, never created anew. The writer holds the index's write lock
    /// (docs/SCHEMA.md, "The index folder") until it is destroyed.
    /// Throws IndexError when the path is not a usable index (a file, locked, corrupt...),
    /// OptionError ("path") when it is empty.
    static IndexWriter create_or_open(const std::string& path, const WriterOptions& options = {});

    IndexWriter(IndexWriter&&) noexcept;
    IndexWriter& operator=(IndexWriter&&) noexcept;
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;
    ~IndexWriter();

    /// Analyses and adds `article`, replacing any article with the same id.
    /// An empty id is derived from the content. Throws InputError (file "", line 0) for an
    /// article with neither title nor text, IndexError when the index cannot be written.
    AddResult add(const Article& article);

    /// Makes everything added so far durable and visible to searchers.
    void commit();

    /// Number of articles in the index, including uncommitted ones.
    std::uint64_t document_count() const;

    /// Invalid UTF-8 sequences replaced with U+FFFD so far by this writer.
    std::uint64_t invalid_utf8_replaced() const;

    /// Path the writer was opened on.
    const std::string& path() const;

private:
    friend IndexingStats index_paths(IndexWriter&, const std::vector<std::string>&, const IndexingOptions&);
    explicit IndexWriter(std::unique_ptr<detail::WriterImpl> impl);
    std::unique_ptr<detail::WriterImpl> m_impl;
};

/// Counters of one indexing run.
struct IndexingStats {
    std::uint64_t files = 0;        ///< Input files read.
    std::uint64_t ignored = 0;      ///< Files in folders passed over for their type (not .jsonl, .txt, .md...).
    std::uint64_t added = 0;        ///< Articles new to the index.
    std::uint64_t replaced = 0;     ///< Articles that replaced one with the same id.
    std::uint64_t skipped = 0;      ///< Articles or files that could not be indexed (each reported).
    std::uint64_t warnings = 0;     ///< Problems that lost nothing (an unreadable date, say).
    std::uint64_t invalid_utf8 = 0; ///< Invalid UTF-8 sequences replaced with U+FFFD.
    std::uint64_t bytes = 0;        ///< Input bytes read (uncompressed).
    double seconds = 0;             ///< Wall-clock time so far.
    unsigned shards = 0;            ///< Shards of a bulk build, merged and compacted at the end (0: none).
    bool stopped = false;           ///< IndexingOptions::stop_requested ended the reading before the input did.
};

/// A problem met while indexing, reported through IndexingOptions::on_problem.
struct Problem {
    enum class Severity { warning, error };
    Severity severity = Severity::error;
    InputError error;
    /// The IndexingOptions field whose limit decided this ("max_article_bytes"), or "" when
    /// no option would change it: a program can name its own flag for it.
    std::string option;
};

/// Settings of index_paths().
struct IndexingOptions {
    bool strict = false; ///< Stop at the first error (throws it) instead of skipping.
    /// Longer lines and text files are skipped without being read into memory. Analysing an
    /// article takes about 30 times its size in memory while it is indexed.
    std::size_t max_article_bytes = std::size_t{16} << 20;
    std::function<void(const Problem&)> on_problem;        ///< Every warning and error, as it happens.
    std::function<void(const IndexingStats&)> on_progress; ///< Called every few hundred articles.
    /// Threads that analyse and write articles; 0: one per core, or one when the input files
    /// add up to less than 4 MiB (starting threads would cost more). With more than one, an empty
    /// index is built as a bulk build (docs/ARCHITECTURE.md): each thread writes its own
    /// temporary shard, and the shards are merged into the index, compacted, at the end.
    /// Articles then keep their relative order only within a shard. An index that already
    /// has articles, `strict`, and writers with `batch_articles` set are written by one thread.
    unsigned threads = 0;
    /// Memory indexing aims to stay within, in bytes. A bulk build: it bounds how many articles
    /// wait in each thread's queue and how much a thread analyses between two flushes of its
    /// shard (never more than 2 MiB of input, which is also the fastest; docs/BENCHMARKS.md).
    /// An update (the writer itself): the writer commits at least every 1/128 of it in input
    /// (1 to 64 MiB; Xapian holds about ten bytes per byte until a commit), and at most 1/256
    /// of it waits analysed on other threads. Each thread's analyser and dictionaries come on
    /// top (about 230 MiB for an update on two threads).
    std::size_t memory_budget = std::size_t{1} << 30;
    /// A request to stop early, for a signal handler to set (it only stores true; nothing else
    /// of index_paths() may be called from a handler). index_paths() looks at it before each
    /// article and, while it waits for standard input that is a pipe or a terminal, at least
    /// every 100 ms. Once it is true, no more input is read: the articles read so far are
    /// written and committed (a bulk build finishes its shards and merges them, as at the
    /// end of the input), and the run returns normally with IndexingStats::stopped set.
    /// Null: the input is read to its end.
    const std::atomic<bool>* stop_requested = nullptr;
};

/// Indexes files and folders into `writer`, then commits (see IndexingOptions::threads).
/// Accepts JSON Lines (`.jsonl`, `.ndjson`, also gzip-compressed `.gz`), plain text and
/// Markdown (`.txt`, `.md`), folders of them (recursively), and "-" for JSON Lines on stdin.
/// Bad input is reported through `on_problem` and counted; the rest is still indexed.
IndexingStats index_paths(IndexWriter& writer, const std::vector<std::string>& paths,
                          const IndexingOptions& options = {});

/// What compacting did.
struct CompactStats {
    std::uint64_t bytes_before = 0; ///< Size of the index folder before.
    std::uint64_t bytes_after = 0;  ///< Size of the compacted index.
    std::uint64_t documents = 0;
};

/// Writes a compacted copy of the index at `from` to `to` (a new or empty folder), with
/// Xapian's compactor (fullest level): smaller and faster to search, the same articles, terms,
/// values and metadata. A copy takes no lock, so a read-only index can be copied. An empty `to`
/// compacts in place: the copy is written inside the index folder as a new generation and
/// replaces the old one atomically, under the write lock, so no writer runs meanwhile and a
/// search or a crash at any moment finds the old index or the new one. Throws IndexError;
/// OptionError ("path") for an empty `from`.
CompactStats compact_index(const std::string& from, const std::string& to = {});

} // namespace sova
