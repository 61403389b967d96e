// Updating an index on several threads: articles analysed in parallel, written in input order
// by the one writer an index has.
#pragma once

#include "indexer/bulk_build.hpp"
#include "indexer/writer_impl.hpp"

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sova::detail {

/// How an update (the index's one writer, fed by an analysis pool or by the reading thread)
/// divides its memory budget, as BulkPlan does for a bulk build.
struct UpdatePlan {
    std::size_t batch_bytes = 0; ///< Input bytes the writer adds between two commits.
    std::size_t queue_bytes = 0; ///< Input bytes in the analysis pool (analysed or waiting) at most.

    /// Splits `memory_budget`: a commit every 1/128 of it (from 1 to 64 MiB of input), 1/256
    /// of it (at least 1 MiB) in the pool. Measured (docs/BENCHMARKS.md): Xapian holds about
    /// ten bytes per byte of input added since the last commit, an analysed article waiting to
    /// be written about twelve per byte, so these take an eighth of the budget; the threads'
    /// analysers, dictionaries and Xapian's caches (about 230 MiB with two threads) come on top.
    static UpdatePlan make(std::size_t memory_budget);
};

/// Worker threads that analyse articles (each with its own analyser and entity recogniser)
/// while the calling thread writes them, in the order they were submitted, through `writer`.
/// submit(), take_outcomes() and finish() are called from one thread: the writer's.
class AnalysisPool {
public:
    /// At most `queue_bytes` of input is analysed or waiting to be written at a time.
    AnalysisPool(WriterImpl& writer, unsigned threads, std::size_t queue_bytes);
    AnalysisPool(const AnalysisPool&) = delete;
    AnalysisPool& operator=(const AnalysisPool&) = delete;
    ~AnalysisPool();

    /// Queues an article, writing those analysed meanwhile. Throws IndexError when the index
    /// cannot be written.
    void submit(Article article, std::string file, std::uint64_t line);

    /// Moves out the outcomes of the articles written since the last call.
    std::vector<BulkOutcome> take_outcomes();

    /// Waits for every article and writes it.
    void finish();

private:
    struct Task {
        std::uint64_t seq = 0;
        Article article;
    };
    struct Done {
        bool failed = false;
        std::string error;
        PreparedArticle prepared;
    };
    struct Pending { // submitted, not yet written
        std::string file;
        std::uint64_t line = 0;
        std::size_t bytes = 0;
    };

    void work(const Recogniser& recogniser);
    void write_ready(bool wait_for_one);

    WriterImpl& m_writer;
    std::size_t m_queue_bytes;
    std::mutex m_mutex;
    std::condition_variable m_has_work;
    std::condition_variable m_has_done;
    bool m_closing = false;
    std::deque<Task> m_tasks;
    std::map<std::uint64_t, Done> m_done;       // analysed, by submission number
    std::map<std::uint64_t, Pending> m_pending; // the writer's thread only
    std::uint64_t m_next_seq = 0;
    std::uint64_t m_next_write = 0;
    std::size_t m_in_flight_bytes = 0;
    std::vector<BulkOutcome> m_outcomes;
    std::vector<std::unique_ptr<Recogniser>> m_recognisers;
    std::vector<std::thread> m_threads;
};

} // namespace sova::detail
