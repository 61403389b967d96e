// Swaps that never lose an archive: an in-place compaction and a bulk build put a new generation
// in place under the write lock (schema/index_folder.hpp). Each step of a swap is forced with
// SOVA_FAULT (a kill, or a stop while the test acts), never chosen by timing.
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <sova/search.hpp>

#include <array>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unistd.h>

using namespace sova::test;
namespace fs = std::filesystem;

namespace {

const char* const swap_points[] = {"swap-built", "swap-stub-written", "swap-published", "swap-removing", "swap-done"};

// id term -> stored data: everything an index holds of its articles.
std::map<std::string, std::string> contents(const std::string& index) {
    Xapian::Database db(index);
    std::map<std::string, std::string> out;
    for (auto it = db.allterms_begin("Q"); it != db.allterms_end("Q"); ++it)
        out[*it] = db.get_document(*db.postlist_begin(*it)).get_data();
    CHECK(out.size() == db.get_doccount());
    return out;
}

std::set<std::string> entries(const std::string& folder) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
    return names;
}

// Hidden folders beside `index` (what earlier versions built next to it).
std::set<std::string> hidden_beside(const std::string& index) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(fs::path(index).parent_path()))
        if (entry.path().filename().string().front() == '.') names.insert(entry.path().filename().string());
    return names;
}

// A folder holding one live generation and nothing else.
void check_tidy(const std::string& index) {
    std::set<std::string> names = entries(index);
    INFO("entries of " << index << ": " << names.size());
    CHECK(names.erase("XAPIANDB") == 1);
    CHECK(names.erase("sova.lock") == 1);
    REQUIRE(names.size() == 1);
    CHECK(names.begin()->starts_with("gen-"));
    CHECK(hidden_beside(index).empty());
}

ProcessResult sova_with_fault(const std::vector<std::string>& args, const std::string& fault) {
    std::vector<std::string> argv{SOVA_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {}, -1, 0, {"SOVA_FAULT=" + fault});
}

std::string corpus(TempDir& dir, int articles) {
    std::string lines;
    for (int i = 0; i < articles; ++i)
        lines += article("a" + std::to_string(i), "Harbour report number " + std::to_string(i) +
                                                      " on grain ships, tides and the lighthouse keeper.");
    return dir.write("corpus.jsonl", lines);
}

} // namespace

TEST_CASE("e2e: an in-place compaction killed at any step of its swap leaves the whole index, which the next commands "
          "complete") {
    TempDir dir;
    const std::string base = dir / "base";
    REQUIRE(run_sova({"index", "-q", "-j", "1", "-i", base, corpus(dir, 60)}).exit_code == 0);
    // The layout earlier versions wrote: glass tables in the folder itself.
    const std::string plain = dir / "plain";
    REQUIRE(run_process({XAPIAN_COMPACT, base, plain}).exit_code == 0);
    REQUIRE(fs::exists(plain + "/iamglass"));
    const auto expected = contents(base);
    REQUIRE(expected.size() == 60);
    const std::string more = dir.write("more.jsonl", article("late", "A late report on the lighthouse."));

    for (const std::string& layout : {base, plain}) {
        for (const char* point : swap_points) {
            INFO(layout << " killed at " << point);
            const std::string index = dir / ("killed-" + fs::path(layout).filename().string() + "-" + point);
            fs::copy(layout, index, fs::copy_options::recursive);
            ProcessResult killed = sova_with_fault({"compact", "-i", index}, std::string(point) + ":1:kill");
            REQUIRE_MESSAGE(killed.exit_code == 128 + SIGKILL, killed.err);
            CHECK(contents(index) == expected);
            CHECK(run_process({XAPIAN_CHECK, xapian_check_path(index)}).exit_code == 0);
            // The next writer finds the index and adds to it: nothing is lost, nothing recreated.
            ProcessResult added = run_sova({"index", "-q", "-i", index, more});
            REQUIRE_MESSAGE(added.exit_code == 0, added.err);
            auto grown = contents(index);
            CHECK(grown.size() == 61);
            grown.erase("Qlate");
            CHECK(grown == expected);
            ProcessResult again = run_sova({"compact", "-i", index});
            REQUIRE_MESSAGE(again.exit_code == 0, again.err);
            CHECK(contents(index).size() == 61);
            check_tidy(index);
        }
    }
}

TEST_CASE("e2e: a bulk build killed while writing shards or at any step of its swap is completed by the next run") {
    TempDir dir;
    const std::string input = corpus(dir, 300);
    const std::vector<std::string> build_args = {"index", "-q", "-j", "2"};
    const std::string reference = dir / "reference";
    {
        auto args = build_args;
        args.insert(args.end(), {"-i", reference, input});
        REQUIRE(run_sova(args).exit_code == 0);
    }
    const auto expected = contents(reference);
    REQUIRE(expected.size() == 300);

    std::vector<std::string> points = {"article:1:kill", "article:150:kill"};
    for (const char* point : swap_points) points.push_back(std::string(point) + ":1:kill");
    for (std::size_t i = 0; i < points.size(); ++i) {
        const std::string& point = points[i];
        INFO("killed at " << point);
        const std::string index = dir / ("bulk-" + std::to_string(i));
        auto args = build_args;
        args.insert(args.end(), {"-i", index, input});
        ProcessResult killed = sova_with_fault(args, point);
        REQUIRE_MESSAGE(killed.exit_code == 128 + SIGKILL, killed.err);
        const auto after_kill = contents(index); // opens: the empty index or the whole new one
        CHECK((after_kill.empty() || after_kill == expected));
        if (point.starts_with("article")) {
            // Any next writer, not only a bulk build, clears the shards left inside the folder.
            CHECK(fs::exists(index + "/.bulk"));
            ProcessResult one =
                run_sova({"index", "-q", "-j", "1", "-i", index, dir.write("one.jsonl", article("a0", "x"))});
            REQUIRE_MESSAGE(one.exit_code == 0, one.err);
            CHECK_FALSE(fs::exists(index + "/.bulk"));
        }
        ProcessResult rerun = run_sova(args);
        REQUIRE_MESSAGE(rerun.exit_code == 0, rerun.err);
        CHECK(contents(index) == expected);
        check_tidy(index);
    }
}

TEST_CASE("e2e: while a swap is under way, other writers are refused, nothing is deleted, and searches find an index") {
    TempDir dir;
    const std::string input = corpus(dir, 200);
    const std::string more = dir.write("more.jsonl", article("late", "A late report on the lighthouse."));
    const std::string base = dir / "base";
    REQUIRE(run_sova({"index", "-q", "-j", "1", "-i", base, input}).exit_code == 0);

    struct Case {
        std::string name;
        std::vector<std::string> args; // the swapping command, without -i
        bool new_index;
    };
    const std::vector<Case> cases = {{"compact", {"compact"}, false},
                                     {"bulk", {"index", "-q", "-j", "2", input}, true}};
    for (const Case& c : cases) {
        for (const char* point : {"swap-built", "swap-stub-written", "swap-published"}) {
            INFO(c.name << " stopped at " << point);
            const std::string index = dir / (c.name + "-" + point);
            if (!c.new_index) fs::copy(base, index, fs::copy_options::recursive);
            std::vector<std::string> argv{SOVA_BINARY};
            argv.insert(argv.end(), c.args.begin(), c.args.end());
            argv.insert(argv.end(), {"-i", index});
            BackgroundProcess swapping = start_process(argv, {}, {"SOVA_FAULT=" + std::string(point) + ":1:stop"});
            REQUIRE(swapping.wait_stopped());
            const auto before = entries(index);

            ProcessResult writer = run_sova({"index", "-q", "-i", index, more});
            CHECK(writer.exit_code == 2);
            CHECK(has(writer.err, "index is locked by process " + std::to_string(swapping.pid)));
            ProcessResult compact = run_sova({"compact", "-i", index});
            CHECK(compact.exit_code == 2);
            CHECK(has(compact.err, "index is locked"));
            CHECK(entries(index) == before); // the refused commands deleted nothing
            ProcessResult search = run_sova({"search", "--json", "-i", index, "harbour"});
            CHECK_MESSAGE((search.exit_code == 0 || (c.new_index && search.exit_code == 1)), search.err);

            swapping.resume();
            CHECK(swapping.finish() == 0);
            CHECK(contents(index).size() == 200);
            check_tidy(index);
        }
    }
}

TEST_CASE("e2e: an index folder that cannot be renamed (a mount point, `.`) is built in bulk and compacted in place") {
    TempDir dir;
    const std::string input = corpus(dir, 100);
    fs::create_directory(dir / "index");
    // `DIR/.` cannot be renamed, as a mount point cannot: everything happens inside the folder.
    const std::string dot = dir / "index/.";
    ProcessResult built = run_sova({"index", "-q", "-j", "2", "-i", dot, input});
    REQUIRE_MESSAGE(built.exit_code == 0, built.err);
    ProcessResult compacted = run_sova({"compact", "-i", dot});
    REQUIRE_MESSAGE(compacted.exit_code == 0, compacted.err);
    CHECK(contents(dir / "index").size() == 100);
    check_tidy(dir / "index");
}

TEST_CASE("e2e: an index missing a table is refused with a clear error, never recreated empty") {
    TempDir dir;
    const std::string index = dir / "index";
    REQUIRE(run_sova({"index", "-q", "-j", "1", "-i", index, corpus(dir, 20)}).exit_code == 0);
    const std::string live = fs::path(xapian_check_path(index)).parent_path() / "gen-000001";
    REQUIRE(fs::remove(live + "/postlist.glass"));
    const auto before = entries(live);
    ProcessResult r = run_sova({"index", "-q", "-i", index, dir.write("more.jsonl", article("late", "late news"))});
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, "postlist.glass"));
    CHECK(entries(live) == before);
}

TEST_CASE("e2e: a read-only index can be compacted into a new folder") {
    TempDir dir;
    const int user = geteuid() == 0 ? 65534 : -1;
    fs::permissions(dir.path(), fs::perms::all);
    const std::string index = dir / "index";
    REQUIRE(run_sova({"index", "-q", "-j", "1", "-i", index, corpus(dir, 20)}).exit_code == 0);
    // Read-only for everyone but its owner (root, when the tests run as root: then the compaction
    // runs as another user); without write permission when not root.
    for (const auto& entry : fs::recursive_directory_iterator(index))
        fs::permissions(entry.path(), fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                        fs::perm_options::remove);
    fs::permissions(index, fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                    fs::perm_options::remove);
    fs::create_directory(dir / "out");
    fs::permissions(dir / "out", fs::perms::all);
    std::string binary = SOVA_BINARY;
    if (user >= 0) { // that user may not reach the build tree: a copy of the binary
        fs::copy_file(SOVA_BINARY, dir.path() / "sova");
        fs::permissions(dir.path() / "sova", fs::perms::all);
        binary = dir / "sova";
    }
    ProcessResult r = run_process({binary, "compact", "-i", index, "--out", dir / "out/copy"}, {}, user);
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(contents(dir / "out/copy").size() == 20);
    ProcessResult in_place = run_process({binary, "compact", "-i", index}, {}, user);
    CHECK(in_place.exit_code == 2);
    CHECK(has(in_place.err, "cannot write to the index"));
    fs::permissions(index, fs::perms::owner_all, fs::perm_options::add); // for clean-up
}

namespace {

// Searcher threads of this process that search whichever index `target` names, until told to
// stop, counting searches and keeping every failure.
class SearchLoad {
public:
    explicit SearchLoad(std::string target) : m_target(std::move(target)) {
        for (std::size_t t = 0; t < m_counts.size(); ++t) m_threads.emplace_back([this, t] { run(t); });
    }
    ~SearchLoad() { stop(); }

    void set_target(const std::string& target) {
        std::lock_guard lock(m_mutex);
        m_target = target;
    }

    // Waits until every thread has finished two more searches (so at least one started after
    // this call): a search is sure to have run at the point where the writer stands stopped.
    // No deadline: a search that never ends is the test's timeout to report.
    void wait_for_searches() {
        std::unique_lock lock(m_mutex);
        const auto start = m_counts;
        m_searched.wait(lock, [&] {
            for (std::size_t t = 0; t < m_counts.size(); ++t)
                if (m_counts[t] < start[t] + 2) return false;
            return true;
        });
    }

    void stop() {
        m_stop = true;
        for (auto& thread : m_threads)
            if (thread.joinable()) thread.join();
    }

    std::uint64_t searches() const {
        std::lock_guard lock(m_mutex);
        std::uint64_t total = 0;
        for (const auto count : m_counts) total += count;
        return total;
    }
    std::vector<std::string> failures() {
        std::lock_guard lock(m_mutex);
        return m_failures;
    }

private:
    void run(std::size_t t) {
        while (!m_stop) {
            std::string target;
            {
                std::lock_guard lock(m_mutex);
                target = m_target;
            }
            try {
                sova::Searcher searcher = sova::Searcher::open(target);
                sova::SearchOptions options;
                options.limit = 5;
                (void)searcher.search("harbour grain", options);
            } catch (const std::exception& e) {
                std::lock_guard lock(m_mutex);
                m_failures.push_back(target + ": " + e.what());
            }
            {
                std::lock_guard lock(m_mutex);
                ++m_counts[t];
            }
            m_searched.notify_all();
        }
    }

    mutable std::mutex m_mutex;
    std::condition_variable m_searched;
    std::string m_target;
    std::vector<std::string> m_failures;
    std::atomic<bool> m_stop{false};
    std::array<std::uint64_t, 2> m_counts{}; // searches finished by each thread

    std::vector<std::thread> m_threads;
};

// Runs a sova command that stops itself at the points `fault` names, letting the searches run
// at each stop before it goes on; returns its exit status.
int run_with_searches_at_stops(const std::vector<std::string>& args, const std::string& fault, SearchLoad& load,
                               const std::function<void()>& at_first_stop = {}) {
    std::vector<std::string> argv{SOVA_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    BackgroundProcess process = start_process(argv, {}, {"SOVA_FAULT=" + fault});
    for (bool first = true; process.wait_stopped(); first = false) {
        if (first && at_first_stop) at_first_stop();
        load.wait_for_searches();
        process.resume();
    }
    return process.finish();
}

} // namespace

TEST_CASE("e2e: a search that located the live generation just before a swap removed it reads the new one") {
    TempDir dir;
    const std::string index = dir / "index";
    REQUIRE(run_sova({"index", "-q", "-j", "1", "-i", index, corpus(dir, 50)}).exit_code == 0);
    // The search stops right after reading which generation is live, before checking its
    // tables; a compaction then publishes a new generation and stops while it removes that one
    // (its version file gone, its tables still there).
    BackgroundProcess search = start_process({SOVA_BINARY, "search", "--json", "-i", index, "harbour"}, {},
                                             {"SOVA_FAULT=check-located:1:stop"});
    REQUIRE(search.wait_stopped());
    BackgroundProcess compact =
        start_process({SOVA_BINARY, "compact", "-i", index}, {}, {"SOVA_FAULT=swap-removing:1:stop"});
    REQUIRE(compact.wait_stopped());
    search.resume();
    CHECK(search.finish() == 0); // not "the index looks damaged"
    compact.resume();
    CHECK(compact.finish() == 0);
}

TEST_CASE("e2e: a search that lists a new index's folder just as its first stub appears reads the index") {
    TempDir dir;
    const std::string index = dir / "index";
    REQUIRE(run_sova({"index", "-q", "-j", "1", "-i", index, corpus(dir, 50)}).exit_code == 0);
    const std::filesystem::path stub = std::filesystem::path(index) / "XAPIANDB";
    const std::filesystem::path aside = dir / "XAPIANDB.aside";
    // Each time the search lists the folder (the command and the library both look at it), in
    // turn: the folder is as a new index's writer leaves it just before it publishes the first
    // generation (the generation and the lock, no stub yet); the search stops before listing
    // it; then the stub appears, as the writer renames it into place.
    int stops = 0;
    for (int n = 1; n <= 4; ++n) {
        CAPTURE(n);
        std::filesystem::rename(stub, aside);
        BackgroundOutput output{dir / "hits.json", dir / "search.err"};
        BackgroundProcess search = start_process({SOVA_BINARY, "search", "--json", "-i", index, "harbour"}, output,
                                                 {"SOVA_FAULT=layout-listing:" + std::to_string(n) + ":stop"});
        const bool stopped = search.wait_stopped();
        std::filesystem::rename(aside, stub);
        if (!stopped) {
            search.finish();
            break;
        }
        ++stops;
        search.resume();
        CHECK(search.finish() == 0); // not "is not an index (a folder with other files in it)"
        INFO(read_file(output.stderr_file));
        CHECK(has(read_file(output.stdout_file), "\"id\""));
    }
    CHECK(stops >= 1);
}

TEST_CASE("e2e: searches running during commits, compactions and bulk swaps never fail") {
    TempDir dir;
    const std::string index = dir / "index";
    REQUIRE(run_sova({"index", "-q", "-j", "1", "-i", index, corpus(dir, 50)}).exit_code == 0);
    // SOVA_STRESS_SEARCHES raises the number of searches for a longer run by hand.
    const char* wanted_env = std::getenv("SOVA_STRESS_SEARCHES");
    const std::uint64_t wanted = wanted_env ? std::stoull(wanted_env) : 1500;
    SearchLoad load(index);
    int round = 0;
    for (; round == 0 || load.searches() < wanted; ++round) {
        INFO("round " << round);
        std::string lines;
        for (int i = 0; i < 200; ++i)
            lines += article("r" + std::to_string(round) + "-" + std::to_string(i),
                             "Harbour grain report, round " + std::to_string(round));
        const std::string more = dir.write("more-" + std::to_string(round) + ".jsonl", lines);
        // Commits every 10 articles; the writer stands still after some of them while searches run.
        CHECK(run_with_searches_at_stops({"index", "-q", "-j", "1", "--commit-every", "10", "-i", index, more},
                                         "committed:3:stop,committed:9:stop,committed:17:stop", load) == 0);
        CHECK(run_with_searches_at_stops({"compact", "-i", index},
                                         "swap-built:1:stop,swap-stub-written:1:stop,swap-published:1:stop",
                                         load) == 0);
        // A bulk build of a new index, searched from the moment its folder exists.
        const std::string fresh = dir / ("bulk-" + std::to_string(round));
        CHECK(run_with_searches_at_stops({"index", "-q", "-j", "2", "-i", fresh, more},
                                         "swap-built:1:stop,swap-published:1:stop", load,
                                         [&] { load.set_target(fresh); }) == 0);
        load.set_target(index);
    }
    load.stop();
    const auto failures = load.failures();
    MESSAGE(load.searches() << " searches in " << round << " rounds, " << failures.size() << " failed");
    CHECK_MESSAGE(failures.empty(), (failures.empty() ? "" : failures.front()));
    CHECK(Xapian::Database(index).get_doccount() == 50 + 200 * static_cast<unsigned>(round));
}
