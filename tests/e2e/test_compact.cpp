// End to end: `sova compact` into a new folder and in place: the same answers from a smaller
// index that Xapian checks, still writable; clear errors otherwise.
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

namespace {

using namespace sova::test;

std::uintmax_t bytes_of(const std::string& folder) {
    std::uintmax_t total = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.is_regular_file()) total += entry.file_size();
    return total;
}

} // namespace

TEST_CASE("e2e: sova compact keeps every answer in a smaller index, into a new folder or in place") {
    TempDir dir;
    const std::string index = dir / "index";
    REQUIRE(run_sova({"index", "-q", "-i", index, sample_dir()}).exit_code == 0);
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
    CHECK(run_process({XAPIAN_CHECK, copy}).exit_code == 0);

    ProcessResult in_place = run_sova({"compact", "-i", index});
    REQUIRE_MESSAGE(in_place.exit_code == 0, in_place.err);
    CHECK(bytes_of(index) < size_before);
    CHECK(run_sova({"search", "--json", "-i", index, "-n", "20", "Kyiv", "energy"}).out == before);
    CHECK(run_process({XAPIAN_CHECK, index}).exit_code == 0);
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
