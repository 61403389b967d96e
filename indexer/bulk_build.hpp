// A bulk build: articles analysed and written on several threads, each into a shard of its own,
// the shards merged into one compacted index at the end (docs/ARCHITECTURE.md).
#pragma once

#include <sova/article.hpp>
#include <sova/index.hpp>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sova::detail {

/// The memory an article waiting in a queue is counted for: its text and some overhead.
inline std::size_t queued_bytes(const Article& article) {
    return article.title.size() + article.text.size() + 256;
}

/// What became of one article handed to a bulk build.
struct BulkOutcome {
    std::string file; ///< Where the article came from, for problems.
    std::uint64_t line = 0;
    bool failed = false; ///< Not indexed: `error` says why.
    std::string error;
    AddResult result;               ///< When indexed.
    std::uint64_t invalid_utf8 = 0; ///< Sequences the writer replaced with U+FFFD.
};

/// How a bulk build divides its memory budget.
struct BulkPlan {
    unsigned threads = 2;
    std::size_t shard_batch_bytes = 0; ///< Input bytes a shard analyses between two flushes.
    std::size_t queue_bytes = 0;       ///< Input bytes waiting in one shard's queue at most.
    std::size_t part_bytes = 0;        ///< Input bytes written into one part of a shard (0: one part).

    /// Splits `memory_budget` over `threads` shards (measured: a shard holds about ten times
    /// the input it has analysed since its last flush; docs/BENCHMARKS.md). Flushes come at
    /// least every 2 MiB of a shard's input and parts hold at most 256 MiB: Xapian adds a
    /// document faster to small in-memory posting maps, and each part costs index size.
    static BulkPlan make(unsigned threads, std::size_t memory_budget);
};

/// Threads that each own a shard writer. submit() hands articles out (the same id always to
/// the same shard, so that a later article replaces an earlier one as in a single index);
/// finish() flushes the shards and merges them with Xapian's compactor into one folder.
/// Thread-safe only as used: one thread calls submit(), take_outcomes() and finish().
class BulkBuild {
public:
    /// Shards go in `work_dir` (created; removed by the destructor).
    BulkBuild(std::string work_dir, WriterOptions options, const BulkPlan& plan);
    BulkBuild(const BulkBuild&) = delete;
    BulkBuild& operator=(const BulkBuild&) = delete;
    ~BulkBuild();

    /// Queues an article (waits while its shard's queue is full). Rethrows the first failure
    /// of a shard that cannot be written (an IndexError such as a full disk).
    void submit(Article article, std::string file, std::uint64_t line);

    /// Moves out the outcomes of the articles done since the last call.
    std::vector<BulkOutcome> take_outcomes();

    /// Waits for every article, commits the shards and merges them into the new folder `out`,
    /// compacted. Outcomes of the last articles are left for take_outcomes().
    void finish(const std::string& out);

    /// The number of threads used when none is given: one per core.
    static unsigned default_threads();

private:
    struct Task {
        Article article;
        std::string file;
        std::uint64_t line = 0;
        std::uint64_t order = 0; // position in the input
    };
    struct Shard {
        std::string path; // the parts are path.0, path.1...
        std::vector<std::string> parts;
        std::deque<Task> queue;
        std::size_t queued_bytes = 0;
        std::condition_variable has_work;
        std::condition_variable has_room;
        std::thread thread;
    };

    void work(Shard& shard);
    void stop();
    void rethrow_failure();

    std::string m_work_dir;
    WriterOptions m_options;
    BulkPlan m_plan;
    std::mutex m_mutex;
    bool m_closing = false;
    std::uint64_t m_submitted = 0;
    std::exception_ptr m_failure;
    std::vector<BulkOutcome> m_outcomes;
    std::vector<std::unique_ptr<Shard>> m_shards;
};

/// Merges the indexes `shards` into a new folder `out` with Xapian's compactor (fullest level),
/// joining what each shard's metadata knows of entities and words; more than `group` shards
/// are merged in rounds.
void merge_indexes(const std::vector<std::string>& shards, const std::string& out, std::size_t group = 48);

} // namespace sova::detail
