// End to end: `sova compact` into a new folder and in place: the same answers from a smaller
// index that Xapian checks, still writable; clear errors otherwise.
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>

namespace {

using namespace sova::test;

std::uintmax_t bytes_of(const std::string& folder) {
    std::uintmax_t total = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder))
        if (entry.is_regular_file()) total += entry.file_size();
    return total;
}

} // namespace

TEST_CASE("e2e: sova compact keeps every answer in a smaller index, into a new folder or in place") {
    TempDir dir;
    const std::string index = dir / "index";
    // Written by one thread, so not compacted yet (a bulk build on several threads already is).
    REQUIRE(run_sova({"index", "-q", "-j", "1", "-i", index, sample_dir()}).exit_code == 0);
    const std::string before = run_sova({"search", "--json", "-i", index, "-n", "20", "Kyiv", "energy"}).out;
    const std::string entities_before = run_sova({"entities", "-i", index}).out;
    const auto size_before = bytes_of(index);

    const std::string copy = dir / "compact";
    ProcessResult out = run_sova({"compact", "-i", index, "--out", copy});
    REQUIRE_MESSAGE(out.exit_code == 0, out.err);
    CHECK(has(out.out, "Compacted 40 articles"));
    CHECK(bytes_of(copy) < size_before);
    CHECK(run_sova({"search", "--json", "-i", copy, "-n", "20", "Kyiv", "energy"}).out == before);
    CHECK(run_sova({"entities", "-i", copy}).out == entities_before);
    CHECK(run_process({XAPIAN_CHECK, xapian_check_path(copy)}).exit_code == 0);

    ProcessResult in_place = run_sova({"compact", "-i", index});
    REQUIRE_MESSAGE(in_place.exit_code == 0, in_place.err);
    CHECK(bytes_of(index) < size_before);
    CHECK(run_sova({"search", "--json", "-i", index, "-n", "20", "Kyiv", "energy"}).out == before);
    CHECK(run_process({XAPIAN_CHECK, xapian_check_path(index)}).exit_code == 0);
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        CHECK_MESSAGE(entry.path().filename().string().front() != '.', entry.path()); // no leftovers
    // Still an index one can add to.
    std::string more = dir.write("more.jsonl", article("new-1", "Compacted indexes still take new articles."));
    CHECK(run_sova({"index", "-q", "-i", index, more}).exit_code == 0);
    CHECK(search_ids(index, "compacted", 5) == std::vector<std::string>{"new-1"});

    ProcessResult taken = run_sova({"compact", "-i", index, "--out", copy});
    CHECK(taken.exit_code == 2);
    CHECK(has(taken.err, "exists and is not an empty folder"));
    ProcessResult none = run_sova({"compact", "-i", dir / "nothing"});
    CHECK(none.exit_code == 2);
    CHECK(has(none.err, "no index here"));
}

TEST_CASE("e2e: a new index built on several threads is merged, compacted and answers as one built on one") {
    TempDir dir;
    const std::string one = dir / "one";
    const std::string many = dir / "many";
    REQUIRE(run_sova({"index", "-q", "-j", "1", "-i", one, sample_dir()}).exit_code == 0);
    ProcessResult built = run_sova({"index", "-j", "2", "--memory", "64", "-i", many, sample_dir()});
    REQUIRE_MESSAGE(built.exit_code == 0, built.err);
    CHECK(has(built.out, "built in 2 shards on as many threads, merged and compacted"));
    CHECK(run_process({XAPIAN_CHECK, xapian_check_path(many)}).exit_code == 0);
    for (const char* query : {"Kyiv energy", "Киев", "\"rolling blackouts\""}) {
        auto a = search_ids(one, query, 50), b = search_ids(many, query, 50);
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        CHECK_MESSAGE(a == b, query);
    }
    CHECK(run_sova({"entities", "-i", many}).out == run_sova({"entities", "-i", one}).out);
    // Already compact: compacting again gains little (the merge rewrites the entity descriptions last).
    const auto size = bytes_of(many);
    REQUIRE(run_sova({"compact", "-i", many}).exit_code == 0);
    CHECK(bytes_of(many) * 100 > size * 95);
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        CHECK_MESSAGE(entry.path().filename().string().front() != '.', entry.path()); // no leftovers

    ProcessResult bad = run_sova({"index", "-j", "0", "-i", dir / "x", sample_dir()});
    CHECK(bad.exit_code == 2);
    ProcessResult little = run_sova({"index", "--memory", "8", "-i", dir / "x", sample_dir()});
    CHECK(little.exit_code == 2);
    CHECK(has(little.err, "--memory"));
}
