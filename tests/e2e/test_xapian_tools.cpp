// End to end: a Sova index is a plain Xapian index that Xapian's own tools read.
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>

using namespace sova::test;

TEST_CASE("e2e: the index passes xapian-check and quest searches it with the documented prefixes") {
    TempDir dir;
    const std::string index = dir / "index";
    ProcessResult r = run_sova({"index", "-i", index, sample_dir() + "/news.jsonl"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);

    ProcessResult check = run_process({XAPIAN_CHECK, xapian_check_path(index)});
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(check.out.find("No errors found") != std::string::npos);

    // Unprefixed terms are folded words; boolean L (language) and Q (id) prefixes as in Omega.
    ProcessResult grain = run_process({XAPIAN_QUEST, "-d", index, "-b", "lang:L", "grain lang:en"});
    CHECK(grain.exit_code == 0);
    CHECK(grain.out.find("MSet:") != std::string::npos);
    CHECK(grain.out.find("\"id\":\"en-0003\"") != std::string::npos);

    // Stemmed search with Xapian's own QueryParser uses the Z prefix, as TermGenerator does.
    ProcessResult stemmed = run_process({XAPIAN_QUEST, "-d", index, "-s", "english", "exporting"});
    CHECK(stemmed.exit_code == 0);
    CHECK(stemmed.out.find("\"id\":\"en-0003\"") != std::string::npos);

    // Title field: S prefix.
    ProcessResult title = run_process({XAPIAN_QUEST, "-d", index, "-p", "title:S", "title:marchuk"});
    CHECK(title.out.find("\"id\":\"en-0001\"") != std::string::npos);
}
