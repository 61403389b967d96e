#include "server/workers.hpp"

#include <memory>
#include <optional>
#include <utility>

namespace sova::server {

Workers::Workers(std::vector<std::string> locations, OpenOptions open, unsigned threads, std::size_t queue)
    : m_locations(std::move(locations)), m_open(open), m_capacity(queue) {
    m_threads.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) m_threads.emplace_back([this] { serve(); });
}

Workers::~Workers() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (std::thread& thread : m_threads) thread.join();
}

void Workers::run(const std::function<void(Searcher&)>& job) {
    Job waiting;
    waiting.work = &job;
    std::unique_lock lock(m_mutex);
    if (m_queue.size() >= m_capacity) throw Busy();
    m_queue.push_back(&waiting);
    m_wake.notify_one();
    waiting.finished.wait(lock, [&] { return waiting.done; });
    if (waiting.error) std::rethrow_exception(waiting.error);
}

void Workers::serve() {
    // Opened at the first job, so that a worker never used costs nothing; opened again after
    // an error (the archive may have been replaced or become readable again).
    std::optional<Searcher> searcher;
    for (;;) {
        Job* job = nullptr;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty()) return; // stopping, nothing left to do
            job = m_queue.front();
            m_queue.pop_front();
        }
        std::exception_ptr error;
        try {
            if (searcher)
                searcher->reopen();
            else
                searcher.emplace(Searcher::open(m_locations, m_open));
            (*job->work)(*searcher);
        } catch (const QueryError&) { // the request's fault: the searcher is fine
            error = std::current_exception();
        } catch (const OptionError&) {
            error = std::current_exception();
        } catch (...) {
            error = std::current_exception();
            searcher.reset();
        }
        // Notified under the lock: once `done` is seen, the waiter returns and its Job is gone.
        std::lock_guard lock(m_mutex);
        job->error = error;
        job->done = true;
        job->finished.notify_one();
    }
}

} // namespace sova::server
