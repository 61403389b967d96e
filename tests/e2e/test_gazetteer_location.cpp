// End to end: where `sova` finds its gazetteer of places, and what it says when it cannot
// (the installed case, with no build tree to fall back on, is tests/install/relocated_test.cmake).
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

using namespace sova::test;

namespace {

const std::string sentence = "Марчук прибула до Києва";

ProcessResult run_with_gazetteer(const std::string& gazetteer, const std::vector<std::string>& args) {
    std::vector<std::string> argv{SOVA_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {}, -1, 0, {"SOVA_GAZETTEER=" + gazetteer});
}

} // namespace

TEST_CASE("e2e: sova run from the build tree finds the build tree's gazetteer without a word") {
    ProcessResult r = run_sova({"analyze", sentence});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(has(r.out, "[place:kyiv.ua]"));
    CHECK(r.err.empty());
}

TEST_CASE("e2e: $SOVA_GAZETTEER naming a missing file is an error, before any index is touched") {
    TempDir dir;
    const std::string missing = dir / "nowhere/places.idx";
    const std::string message = "$SOVA_GAZETTEER names " + missing + ", which is not a file";
    const std::string corpus = dir.write("a.jsonl", article("a1", sentence));

    ProcessResult analyze = run_with_gazetteer(missing, {"analyze", sentence});
    CHECK(analyze.exit_code == 2);
    CHECK(has(analyze.err, message));
    CHECK(analyze.out.empty());

    // Quiet or not: an index built without the places asked for would have to be built again.
    for (bool quiet : {false, true}) {
        CAPTURE(quiet);
        std::vector<std::string> args{"index", "-i", dir / "idx", corpus};
        if (quiet) args.emplace_back("--quiet");
        ProcessResult index = run_with_gazetteer(missing, args);
        CHECK(index.exit_code == 2);
        CHECK(has(index.err, message));
    }
    CHECK_FALSE(std::filesystem::exists(dir / "idx/XAPIANDB"));
}

TEST_CASE("e2e: an empty $SOVA_GAZETTEER asks for no gazetteer: places are not recognised, nothing is warned") {
    ProcessResult r = run_with_gazetteer("", {"analyze", sentence});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK_FALSE(has(r.out, "place:kyiv.ua"));
    CHECK(r.err.empty());
}
