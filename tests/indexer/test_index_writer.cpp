// sova::IndexWriter: adding, replacing by id, committing, reopening and refusing bad paths.
#include "schema/document_data.hpp"
#include "schema/schema.hpp"

#include "tests/support/temp_dir.hpp"

#include <sova/index.hpp>
#include <sova/search.hpp>

#include <doctest/doctest.h>

#include <unistd.h>

#include <xapian.h>

#include <filesystem>
#include <optional>
#include <string>

namespace {

using sova::AddOutcome;
using sova::Article;
using sova::IndexWriter;

Article article(std::string id, std::string text, std::string title = {}) {
    Article a;
    a.id = std::move(id);
    a.text = std::move(text);
    a.title = std::move(title);
    a.lang = "en";
    return a;
}

// The stored article with `id` in the committed index at `path`, if there is one.
std::optional<sova::schema::StoredArticle> stored(const std::string& path, const std::string& id) {
    Xapian::Database db(path);
    const std::string term = sova::schema::id_term(id);
    auto it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) return std::nullopt;
    return sova::schema::decode_document_data(db.get_document(*it).get_data());
}

} // namespace

TEST_CASE("IndexWriter: creates the index folder and its missing parents") {
    sova::test::TempDir dir;
    const std::string path = dir / "a/b/index";
    IndexWriter writer = IndexWriter::create_or_open(path);
    CHECK(writer.path() == path);
    CHECK(writer.document_count() == 0);
    CHECK(writer.invalid_utf8_replaced() == 0);
    CHECK(std::filesystem::is_directory(path));
}

TEST_CASE("IndexWriter: re-adding an id replaces the article") {
    sova::test::TempDir dir;
    const std::string path = dir / "index";
    IndexWriter writer = IndexWriter::create_or_open(path);

    const auto first = writer.add(article("a1", "first version"));
    CHECK(first.outcome == AddOutcome::added);
    CHECK(first.id == "a1");
    CHECK(first.warnings.empty());
    writer.add(article("b2", "another article"));
    writer.commit();
    CHECK(writer.document_count() == 2);

    const auto second = writer.add(article("a1", "second version"));
    CHECK(second.outcome == AddOutcome::replaced);
    CHECK(second.id == "a1");
    CHECK(writer.document_count() == 2);
    writer.commit();

    Xapian::Database db(path);
    CHECK(db.get_doccount() == 2);
    CHECK(db.get_termfreq("Qa1") == 1);
    CHECK(db.get_termfreq("first") == 0); // the old version's terms are gone
    CHECK(db.get_termfreq("second") == 1);
    auto a1 = stored(path, "a1");
    REQUIRE(a1);
    CHECK(a1->article.text == "second version");
}

TEST_CASE("IndexWriter: the same id twice within one uncommitted batch") {
    sova::test::TempDir dir;
    const std::string path = dir / "index";
    IndexWriter writer = IndexWriter::create_or_open(path);
    CHECK(writer.add(article("dup", "one")).outcome == AddOutcome::added);
    CHECK(writer.add(article("dup", "two")).outcome == AddOutcome::replaced);
    CHECK(writer.add(article("dup", "three")).outcome == AddOutcome::replaced);
    CHECK(writer.document_count() == 1);
    writer.commit();
    CHECK(Xapian::Database(path).get_doccount() == 1);
    auto dup = stored(path, "dup");
    REQUIRE(dup);
    CHECK(dup->article.text == "three");
}

TEST_CASE("IndexWriter: an article without id gets a stable id derived from its content") {
    sova::test::TempDir dir;
    IndexWriter writer = IndexWriter::create_or_open(dir / "index");
    const auto first = writer.add(article("", "Body text", "Title"));
    CHECK(first.outcome == AddOutcome::added);
    CHECK(first.id == sova::schema::content_hash("Title\nBody text"));
    const auto again = writer.add(article("", "Body text", "Title"));
    CHECK(again.outcome == AddOutcome::replaced);
    CHECK(again.id == first.id);
    const auto other = writer.add(article("", "Other text", "Title"));
    CHECK(other.outcome == AddOutcome::added);
    CHECK(other.id != first.id);
    CHECK(writer.document_count() == 2);
}

TEST_CASE("IndexWriter: an article without text or title is refused, nothing is added") {
    sova::test::TempDir dir;
    IndexWriter writer = IndexWriter::create_or_open(dir / "index");
    CHECK_THROWS_AS(writer.add(article("empty", "   ")), sova::InputError);
    CHECK(writer.document_count() == 0);
    CHECK(writer.add(article("", "", "title only")).outcome == AddOutcome::added);
    CHECK(writer.document_count() == 1);
}

TEST_CASE("IndexWriter: warnings and invalid UTF-8") {
    sova::test::TempDir dir;
    IndexWriter writer = IndexWriter::create_or_open(dir / "index");
    Article a = article("w", "caf\xC3 and \xFF");
    a.date = "someday";
    const auto result = writer.add(a);
    CHECK(result.outcome == AddOutcome::added);
    CHECK(writer.invalid_utf8_replaced() == 2);
    REQUIRE(result.warnings.size() == 2);
    CHECK(result.warnings[0].find("unrecognised date \"someday\"") != std::string::npos);
    CHECK(result.warnings[1] == "2 invalid UTF-8 sequence(s) replaced with U+FFFD");
    writer.add(article("w2", "\xFE"));
    CHECK(writer.invalid_utf8_replaced() == 3);
}

TEST_CASE("IndexWriter: commits when destroyed, reopening keeps the articles") {
    sova::test::TempDir dir;
    const std::string path = dir / "index";
    {
        IndexWriter writer = IndexWriter::create_or_open(path);
        writer.add(article("k1", "kept one"));
        writer.add(article("k2", "kept two"));
    }
    CHECK(Xapian::Database(path).get_doccount() == 2);
    IndexWriter writer = IndexWriter::create_or_open(path);
    CHECK(writer.document_count() == 2);
    CHECK(writer.add(article("k1", "kept one, updated")).outcome == AddOutcome::replaced);
    CHECK(writer.add(article("k3", "new")).outcome == AddOutcome::added);
    CHECK(writer.document_count() == 3);
}

TEST_CASE("IndexWriter: changes become visible to readers at commit") {
    sova::test::TempDir dir;
    const std::string path = dir / "index";
    SUBCASE("explicit commit") {
        IndexWriter writer = IndexWriter::create_or_open(path);
        writer.add(article("v", "visible later"));
        CHECK(Xapian::Database(path).get_doccount() == 0);
        writer.commit();
        CHECK(Xapian::Database(path).get_doccount() == 1);
    }
    SUBCASE("batch_bytes reached") {
        sova::WriterOptions options;
        options.batch_bytes = 10;
        IndexWriter writer = IndexWriter::create_or_open(path, options);
        writer.add(article("v", "short"));
        CHECK(Xapian::Database(path).get_doccount() == 0);
        writer.add(article("w", "more than ten bytes of text"));
        CHECK(Xapian::Database(path).get_doccount() == 2);
    }
}

TEST_CASE("IndexWriter: is move-only and keeps working after a move") {
    sova::test::TempDir dir;
    const std::string path = dir / "index";
    IndexWriter first = IndexWriter::create_or_open(path);
    first.add(article("m1", "moved"));
    IndexWriter second = std::move(first);
    CHECK(second.document_count() == 1);
    CHECK(second.add(article("m2", "after move")).outcome == AddOutcome::added);
    CHECK(second.path() == path);
}

TEST_CASE("IndexWriter: refuses what is not a usable index") {
    sova::test::TempDir dir;
    SUBCASE("a file") {
        const std::string file = dir.write("not-an-index", "hello");
        try {
            (void)IndexWriter::create_or_open(file);
            FAIL("no exception");
        } catch (const sova::IndexError& e) {
            CHECK(e.path() == file);
            CHECK(std::string(e.what()).find("is a file") != std::string::npos);
        }
    }
    SUBCASE("a path below a file") {
        dir.write("plain-file", "hello");
        CHECK_THROWS_AS((void)IndexWriter::create_or_open(dir / "plain-file/index"), sova::IndexError);
    }
    SUBCASE("a folder that is not a Xapian database") {
        dir.write("junk/iamglass", "junk");
        dir.write("junk/postlist.glass", "junk");
        CHECK_THROWS_AS((void)IndexWriter::create_or_open(dir / "junk"), sova::IndexError);
    }
    SUBCASE("an index locked by another writer") {
        IndexWriter writer = IndexWriter::create_or_open(dir / "index");
        try {
            (void)IndexWriter::create_or_open(dir / "index");
            FAIL("no exception");
        } catch (const sova::IndexError& e) {
            CHECK(e.path() == dir / "index");
            // The holder is named: here, this very process.
            CHECK(std::string(e.what()).find("locked by this process") != std::string::npos);
        }
        CHECK(writer.add(article("still", "usable")).outcome == AddOutcome::added);
    }
}

TEST_CASE("index writer, searcher, compaction: an empty index path is an OptionError naming the path") {
    auto option_of = [](auto&& open) {
        try {
            open();
        } catch (const sova::OptionError& e) {
            return e.option() + " | " + e.reason();
        }
        return std::string("(no error)");
    };
    const std::string expected = "path | no index folder given (the path is empty)";
    CHECK(option_of([] { sova::IndexWriter::create_or_open(""); }) == expected);
    CHECK(option_of([] { sova::Searcher::open(""); }) == expected);
    CHECK(option_of([] { sova::compact_index(""); }) == expected);
}
