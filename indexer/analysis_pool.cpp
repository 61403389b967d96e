// AnalysisPool: analysis on worker threads, writing in order on the caller's.
#include "indexer/analysis_pool.hpp"

#include <algorithm>
#include <memory>

namespace sova::detail {

UpdatePlan UpdatePlan::make(std::size_t memory_budget) {
    constexpr std::size_t floor = std::size_t{1} << 20;
    constexpr std::size_t batch_at_most = std::size_t{64} << 20;
    UpdatePlan plan;
    plan.batch_bytes = std::clamp(memory_budget / 128, floor, batch_at_most);
    plan.queue_bytes = std::max(floor, memory_budget / 256);
    return plan;
}

AnalysisPool::AnalysisPool(WriterImpl& writer, unsigned threads, std::size_t queue_bytes)
    : m_writer(writer), m_queue_bytes(queue_bytes) {
    // Each worker recognises entities with its own recogniser (the gazetteer caches lookups).
    for (unsigned i = 0; i < std::max(1u, threads); ++i)
        m_recognisers.push_back(std::make_unique<Recogniser>(writer.options()));
    for (auto& recogniser : m_recognisers) m_threads.emplace_back([this, r = recogniser.get()] { work(*r); });
}

AnalysisPool::~AnalysisPool() {
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
        m_tasks.clear();
    }
    m_has_work.notify_all();
    for (auto& thread : m_threads) thread.join();
}

void AnalysisPool::work(const Recogniser& recogniser) {
    for (;;) {
        Task task;
        {
            std::unique_lock lock(m_mutex);
            m_has_work.wait(lock, [&] { return !m_tasks.empty() || m_closing; });
            if (m_tasks.empty()) return;
            task = std::move(m_tasks.front());
            m_tasks.pop_front();
        }
        Done done;
        try {
            done.prepared = prepare_article(task.article, m_writer.options(), recogniser);
        } catch (const InputError& e) {
            done.failed = true;
            done.error = e.reason();
        } catch (const std::exception& e) {
            done.failed = true;
            done.error = std::string("cannot analyse the article: ") + e.what();
        }
        {
            std::lock_guard lock(m_mutex);
            m_done.emplace(task.seq, std::move(done));
        }
        m_has_done.notify_one();
    }
}

// Writes the analysed articles that come next in input order; with `wait_for_one`, waits
// until at least the next one is there.
void AnalysisPool::write_ready(bool wait_for_one) {
    for (;;) {
        Done done;
        {
            std::unique_lock lock(m_mutex);
            if (wait_for_one) m_has_done.wait(lock, [&] { return m_done.count(m_next_write) > 0; });
            auto next = m_done.find(m_next_write);
            if (next == m_done.end()) return;
            done = std::move(next->second);
            m_done.erase(next);
        }
        wait_for_one = false;
        auto pending = m_pending.find(m_next_write);
        BulkOutcome outcome;
        outcome.file = std::move(pending->second.file);
        outcome.line = pending->second.line;
        m_in_flight_bytes -= pending->second.bytes;
        m_pending.erase(pending);
        ++m_next_write;
        if (done.failed) {
            outcome.failed = true;
            outcome.error = std::move(done.error);
        } else {
            outcome.result = m_writer.write(std::move(done.prepared));
        }
        m_outcomes.push_back(std::move(outcome));
    }
}

void AnalysisPool::submit(Article article, std::string file, std::uint64_t line) {
    const std::size_t bytes = queued_bytes(article);
    while (!m_pending.empty() && m_in_flight_bytes + bytes > m_queue_bytes) write_ready(true);
    m_pending.emplace(m_next_seq, Pending{std::move(file), line, bytes});
    m_in_flight_bytes += bytes;
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(Task{m_next_seq++, std::move(article)});
    }
    m_has_work.notify_one();
    write_ready(false);
}

std::vector<BulkOutcome> AnalysisPool::take_outcomes() {
    std::vector<BulkOutcome> done;
    done.swap(m_outcomes);
    return done;
}

void AnalysisPool::finish() {
    while (!m_pending.empty()) write_ready(true);
}

} // namespace sova::detail
