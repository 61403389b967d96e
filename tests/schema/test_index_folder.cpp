// The index folder: layouts, generations, the write lock, leftovers, and the readers' retry policy.
#include "schema/index_folder.hpp"

#include "tests/support/temp_dir.hpp"

#include <sova/error.hpp>

#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <set>

using namespace sova::detail;
namespace fs = std::filesystem;

namespace {

void make_database(const std::string& path, const std::string& word) {
    fs::create_directories(fs::path(path).parent_path());
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    Xapian::Document doc;
    doc.add_term(word);
    db.add_document(doc);
    db.commit();
}

} // namespace

TEST_CASE("index folder: the layout is read from what the folder holds") {
    sova::test::TempDir dir;
    CHECK(folder_layout(dir / "missing") == FolderLayout::none);
    fs::create_directory(dir / "empty");
    CHECK(folder_layout(dir / "empty") == FolderLayout::none);
    dir.write("unfinished/sova.lock", "");
    dir.write("unfinished/gen-000001/iamglass", "half made");
    CHECK(folder_layout(dir / "unfinished") == FolderLayout::none); // a creation killed before its stub
    dir.write("notes/shopping.txt", "milk");
    CHECK(folder_layout(dir / "notes") == FolderLayout::foreign);
    make_database(dir / "plain", "old");
    CHECK(folder_layout(dir / "plain") == FolderLayout::plain);
    CHECK(live_database(dir / "plain") == dir / "plain");
    make_database(dir / "gens/gen-000003", "new");
    dir.write("gens/XAPIANDB", "auto gen-000003\n");
    CHECK(folder_layout(dir / "gens") == FolderLayout::generations);
    CHECK(live_database(dir / "gens") == dir / "gens/gen-000003");
    dir.write("remote/XAPIANDB", "remote :127.0.0.1:8000\n");
    CHECK(folder_layout(dir / "remote") == FolderLayout::foreign); // a stub Sova did not write
    dir.write("a-file", "x");
    CHECK_THROWS_AS(folder_layout(dir / "a-file"), sova::IndexError);
}

TEST_CASE("index folder: publishing a generation swaps the stub, removes the old one and converts a plain index") {
    sova::test::TempDir dir;
    make_database(dir / "index", "old");
    dir.write("index/notes.txt", "a user's file is never removed");
    FolderLock lock(dir / "index");
    const std::string next = next_generation(dir / "index");
    CHECK(next == dir / "index/gen-000001");
    make_database(next, "new");
    publish_generation(dir / "index", next);
    CHECK(folder_layout(dir / "index") == FolderLayout::generations);
    CHECK(Xapian::Database(dir / "index").term_exists("new"));
    CHECK_FALSE(fs::exists(dir / "index/postlist.glass")); // the plain tables are gone
    CHECK(fs::exists(dir / "index/notes.txt"));

    const std::string third = next_generation(dir / "index");
    CHECK(third == dir / "index/gen-000002");
    make_database(third, "newer");
    publish_generation(dir / "index", third);
    CHECK(Xapian::Database(dir / "index").term_exists("newer"));
    CHECK_FALSE(fs::exists(next));
}

TEST_CASE("index folder: leftovers of interrupted runs are removed, the live generation and other files kept") {
    sova::test::TempDir dir;
    make_database(dir / "index/gen-000002", "live");
    dir.write("index/XAPIANDB", "auto gen-000002\n");
    make_database(dir / "index/gen-000003", "unpublished");
    dir.write("index/gen-000003.round0.0/junk", "x");
    dir.write("index/.bulk/shard-0.0/junk", "x");
    dir.write("index/XAPIANDB.tmp", "auto gen-000003\n");
    dir.write("index/postlist.glass", "a replaced plain table");
    dir.write("index/keep.txt", "x");
    dir.write(".index.compacting/junk", "left beside by an earlier version");
    remove_leftovers(dir / "index");
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir / "index")) names.insert(entry.path().filename().string());
    CHECK(names == std::set<std::string>{"XAPIANDB", "gen-000002", "keep.txt"});
    CHECK_FALSE(fs::exists(dir / ".index.compacting"));
}

TEST_CASE("index folder: one writer at a time, named when refused") {
    sova::test::TempDir dir;
    fs::create_directory(dir / "index");
    FolderLock first(dir / "index");
    try {
        FolderLock second(dir / "index");
        FAIL("no exception");
    } catch (const sova::IndexError& e) {
        CHECK(std::string(e.what()).find("locked by this process") != std::string::npos);
    }
    first = FolderLock(); // released
    CHECK_NOTHROW(FolderLock(dir / "index"));
}

TEST_CASE("index folder: readers retry what a concurrent commit or swap causes, and report what persists") {
    int attempts = 0, resets = 0;
    CHECK(retry_changing(
              [&] {
                  if (++attempts < 3) throw Xapian::DatabaseModifiedError("revision discarded");
                  return 42;
              },
              [&] { ++resets; }) == 42);
    CHECK(attempts == 3);
    CHECK(resets == 2);

    attempts = 0;
    CHECK_THROWS_AS(retry_changing(
                        [&]() -> int {
                            ++attempts;
                            throw Xapian::DatabaseCorruptError("bad block");
                        },
                        [] {}),
                    Xapian::DatabaseCorruptError);
    CHECK(attempts > 3); // retried, then reported

    attempts = 0;
    CHECK_THROWS_AS(retry_changing(
                        [&]() -> int {
                            ++attempts;
                            throw Xapian::InvalidArgumentError("a bug");
                        },
                        [] {}),
                    Xapian::InvalidArgumentError);
    CHECK(attempts == 1); // not a race: reported at once
}
