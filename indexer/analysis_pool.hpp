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
    std::map<std::uint64_t, Done> m_done;      // analysed, by submission number
    std::map<std::uint64_t, Pending> m_pending; // the writer's thread only
    std::uint64_t m_next_seq = 0;
    std::uint64_t m_next_write = 0;
    std::size_t m_in_flight_bytes = 0;
    std::vector<BulkOutcome> m_outcomes;
    std::vector<std::unique_ptr<Recogniser>> m_recognisers;
    std::vector<std::thread> m_threads;
};

} // namespace sova::detail
