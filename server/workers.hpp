// The threads that search for the HTTP server: a fixed number, each with its own Searcher (a
// Searcher serves one thread at a time) and its own analyser, however many connections wait.
#pragma once

#include <sova/search.hpp>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace sova::server {

/// Thrown by Workers::run when more jobs wait than the queue holds: the server is overloaded.
class Busy : public std::runtime_error {
public:
    Busy() : std::runtime_error("the server is busy: too many searches are waiting; try again") {}
};

/// Runs jobs on `threads` threads, each of which opens the archive once and sees what writers
/// commit (Searcher::reopen before each job, cheap when nothing changed).
class Workers {
public:
    /// `locations` and `open`: as Searcher::open. `queue`: jobs that may wait at most.
    Workers(std::vector<std::string> locations, OpenOptions open, unsigned threads, std::size_t queue);
    Workers(const Workers&) = delete;
    Workers& operator=(const Workers&) = delete;
    ~Workers();

    /// Runs `job` on a worker's Searcher and waits for it; rethrows what it throws (and what
    /// opening or reopening the archive throws). Throws Busy when the queue is full.
    void run(const std::function<void(Searcher&)>& job);

    unsigned threads() const { return static_cast<unsigned>(m_threads.size()); }

private:
    struct Job {
        const std::function<void(Searcher&)>* work = nullptr;
        std::exception_ptr error;
        bool done = false;
        std::condition_variable finished; // wakes only the thread waiting for this job
    };
    void serve();

    std::vector<std::string> m_locations;
    OpenOptions m_open;
    std::size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_wake; // a job waits, or the workers are to stop
    std::deque<Job*> m_queue;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace sova::server
