// Damaged indexes: which Xapian errors mean damage, where the glass tables are (plain folder or
// Xapian stub), and what the cheap checks find in tables written by Xapian itself.
#include "schema/damage.hpp"

#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using namespace sova::schema;
using sova::test::TempDir;

bool has(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// A small glass database at `path`: enough documents for every table to have a root block.
void write_database(const std::string& path) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    for (int i = 0; i < 200; ++i) {
        Xapian::Document doc;
        doc.set_data("article " + std::to_string(i));
        for (int t = 0; t < 20; ++t)
            doc.add_posting("term" + std::to_string((i * 7 + t) % 300), static_cast<Xapian::termpos>(t + 1));
        db.add_document(doc);
    }
    db.commit();
}

std::string problem_of(const std::string& index) {
    try {
        check_index(index);
    } catch (const sova::IndexError& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST_CASE("damage: Xapian errors about the tables are damage: refusals, locks and misuse are not") {
    CHECK(is_damage(Xapian::DatabaseCorruptError("dir_end invalid in block 2")));
    CHECK(is_damage(Xapian::DatabaseError("EOF reading block 7")));
    CHECK(is_damage(Xapian::DatabaseOpeningError("Couldn't open postlist.glass to read", ENOENT)));
    CHECK(is_damage(Xapian::DatabaseVersionError("Database is format version 20340405")));
    CHECK_FALSE(is_damage(Xapian::DatabaseError("Error writing block 7", ENOSPC)));
    CHECK_FALSE(is_damage(Xapian::DatabaseOpeningError("Couldn't open postlist.glass to read", EACCES)));
    CHECK_FALSE(is_damage(Xapian::DatabaseLockError("Unable to get write lock")));
    CHECK_FALSE(is_damage(Xapian::DatabaseModifiedError("The revision being read has been discarded")));
    CHECK_FALSE(is_damage(Xapian::DatabaseNotFoundError("No such database")));
    CHECK_FALSE(is_damage(Xapian::InvalidArgumentError("Docid 0 invalid")));
    CHECK_FALSE(is_damage(Xapian::WildcardError("too many terms")));
}

TEST_CASE("damage: the message names the index, the Xapian error and what to do") {
    const std::string damaged =
        index_failure("/data/idx", Xapian::DatabaseCorruptError("dir_end invalid in block 2"), "search failed").what();
    CHECK(damaged == "/data/idx: the index looks damaged (search failed: DatabaseCorruptError: dir_end invalid in "
                     "block 2); check it with `xapian-check /data/idx`, then restore a backup or re-index");
    const std::string full =
        index_failure("/data/idx", Xapian::DatabaseError("Error writing block 7", ENOSPC), "commit failed").what();
    CHECK(has(full, "/data/idx: commit failed: DatabaseError: Error writing block 7"));
    CHECK_FALSE(has(full, "damaged"));
}

TEST_CASE("damage: the glass tables are in the index folder or in the folder its stub file names") {
    TempDir dir;
    CHECK(glass_directory(dir / "missing").empty());
    write_database(dir / "plain");
    CHECK(glass_directory(dir / "plain") == dir / "plain");

    const fs::path stubbed = dir.path() / "stubbed";
    fs::create_directories(stubbed);
    write_database((stubbed / "gen-000001").string());
    std::ofstream(stubbed / "XAPIANDB") << "auto gen-000001\n";
    CHECK(glass_directory(stubbed.string()) == (stubbed / "gen-000001").string());
    CHECK(Xapian::Database(stubbed.string()).get_doccount() == 200); // Xapian reads the stub the same way
    std::ofstream(stubbed / "XAPIANDB") << "auto gen-000002\n";
    CHECK(glass_directory(stubbed.string()).empty());
}

TEST_CASE("damage: the cheap checks pass healthy tables and find missing, truncated and inconsistent ones") {
    TempDir dir;
    CHECK(problem_of(dir / "new").empty()); // nothing there yet: not damage
    fs::create_directories(dir.path() / "empty");
    CHECK(problem_of(dir / "empty").empty());

    const std::string healthy = dir / "healthy";
    write_database(healthy);
    CHECK(glass_tables_problem(healthy).empty());
    CHECK(problem_of(healthy).empty());

    auto damaged_copy = [&](const std::string& name) {
        const std::string copy = dir / name;
        fs::copy(healthy, copy);
        return copy;
    };
    const std::string truncated = damaged_copy("truncated");
    fs::resize_file(fs::path(truncated) / "postlist.glass", fs::file_size(fs::path(truncated) / "postlist.glass") / 2);
    CHECK(has(glass_tables_problem(truncated), "postlist.glass: truncated"));
    const std::string message = problem_of(truncated);
    CHECK(has(message, truncated + ": the index looks damaged (postlist.glass: truncated"));
    CHECK(has(message, "restore a backup or re-index"));

    const std::string missing = damaged_copy("missing");
    fs::remove(fs::path(missing) / "docdata.glass"); // Xapian would read it as an empty table
    CHECK(has(glass_tables_problem(missing), "docdata.glass: missing"));

    const std::string no_version = damaged_copy("no-version");
    fs::remove(fs::path(no_version) / "iamglass");
    CHECK(has(problem_of(no_version), "iamglass, the version file, is missing"));

    const std::string zeroed = damaged_copy("zeroed-root");
    {
        // The version file's revision set to 0: every block is then newer than the index.
        std::fstream version(fs::path(zeroed) / "iamglass", std::ios::in | std::ios::out | std::ios::binary);
        version.seekp(32);
        version.put('\0');
    }
    CHECK(has(glass_tables_problem(zeroed), "its root block is newer than the index"));
}
