// Bulk builds (index_paths on several threads into an empty index): the same index as one
// writer makes, duplicate ids, problems with their lines, the merge of shard metadata.
#include "indexer/analysis_pool.hpp"
#include "indexer/bulk_build.hpp"
#include "indexer/writer_impl.hpp"
#include "schema/schema.hpp"

#include "tests/support/temp_dir.hpp"

#include <sova/index.hpp>
#include <sova/search.hpp>

#include <doctest/doctest.h>

#include <xapian.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using sova::IndexingOptions;
using sova::IndexingStats;
using sova::IndexWriter;

std::string sample_dir() {
    return SOVA_SAMPLE_DIR;
}

struct Built {
    IndexingStats stats;
    std::vector<sova::Problem> problems;
};

Built build(const std::string& index, const std::vector<std::string>& paths, unsigned threads,
            const sova::WriterOptions& writer_options = {}) {
    IndexWriter writer = IndexWriter::create_or_open(index, writer_options);
    IndexingOptions options;
    options.threads = threads;
    Built built;
    options.on_problem = [&](const sova::Problem& p) { built.problems.push_back(p); };
    built.stats = sova::index_paths(writer, paths, options);
    return built;
}

// Every metadata entry; a name form's entity keys as a sorted set (their order is the order
// in which articles named them, which shards do not keep).
std::map<std::string, std::string> metadata(const std::string& index) {
    Xapian::Database db(index);
    std::map<std::string, std::string> all;
    for (auto key = db.metadata_keys_begin(); key != db.metadata_keys_end(); ++key) {
        std::string value = db.get_metadata(*key);
        if ((*key).starts_with(sova::schema::entity_name_key(""))) {
            std::set<std::string> lines;
            std::istringstream in(value);
            for (std::string line; std::getline(in, line);) lines.insert(line);
            value.clear();
            for (const auto& line : lines) value += line + '\n';
        }
        all[*key] = value;
    }
    return all;
}

std::set<std::string> ids_of(const std::string& index, const std::string& query) {
    sova::Searcher searcher = sova::Searcher::open(index);
    sova::SearchOptions options;
    options.limit = 100;
    std::set<std::string> ids;
    for (const auto& hit : searcher.search(query, options).hits) ids.insert(hit.id);
    return ids;
}

} // namespace

TEST_CASE("a bulk build on several threads makes the index one writer makes, merged and compacted") {
    sova::test::TempDir dir;
    Built one = build(dir / "one", {sample_dir()}, 1);
    Built many = build(dir / "many", {sample_dir()}, 3);
    CHECK(one.stats.shards == 0);
    CHECK(many.stats.shards == 3);
    CHECK(many.stats.added == one.stats.added);
    CHECK(many.stats.skipped == one.stats.skipped);
    CHECK(many.stats.warnings == one.stats.warnings);
    CHECK(Xapian::Database(dir / "many").get_doccount() == one.stats.added);
    // The same words, entities and dictionary stems, described as the first article described them.
    CHECK(metadata(dir / "many") == metadata(dir / "one"));
    for (const char* query :
         {"energy Kyiv", "Киев", "entity:\"Olena Marchuk\"", "\"rolling blackouts\"", "lang:uk Харків"})
        CHECK_MESSAGE(ids_of(dir / "many", query) == ids_of(dir / "one", query), query);
    // Nothing left beside the index.
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        CHECK_MESSAGE((entry.path().filename() == "one" || entry.path().filename() == "many"), entry.path());
}

TEST_CASE("a bulk build keeps the last of articles with the same id and reports problems with their lines") {
    sova::test::TempDir dir;
    std::string lines;
    for (int i = 0; i < 40; ++i)
        lines += "{\"id\":\"a" + std::to_string(i % 10) + "\",\"title\":\"version " + std::to_string(i / 10) +
                 "\",\"text\":\"word" + std::to_string(i) + " common\"}\n";
    lines += "{\"id\":\"broken\"\n";                                                 // line 41: not JSON
    lines += "{\"id\":\"blank\",\"text\":\"  \\n \"}\n";                             // line 42: blank text
    lines += "{\"title\":\"no id\",\"text\":\"derived id\",\"date\":\"someday\"}\n"; // line 43: warning
    std::string file = dir.write("in.jsonl", lines);
    Built built = build(dir / "index", {file}, 2);
    CHECK(built.stats.shards == 2);
    CHECK(built.stats.added == 11);
    CHECK(built.stats.replaced == 30);
    CHECK(built.stats.skipped == 2);
    CHECK(built.stats.warnings == 1);
    std::map<std::uint64_t, std::string> by_line;
    for (const auto& p : built.problems) by_line[p.error.line()] = p.error.reason();
    REQUIRE(by_line.size() == 3);
    CHECK(by_line.count(41));
    CHECK_MESSAGE(by_line[42].find("no \"text\"") != std::string::npos, by_line[42]);
    CHECK(by_line[43].find("unrecognised date") != std::string::npos);
    CHECK(ids_of(dir / "index", "common").size() == 10);
    CHECK(ids_of(dir / "index", "word39") == std::set<std::string>{"a9"});
    CHECK(ids_of(dir / "index", "word9").empty()); // replaced by later versions
    CHECK(ids_of(dir / "index", "\"version 3\"").size() == 10);
}

TEST_CASE("an index that has articles, strict runs and commit counts are written by one thread") {
    sova::test::TempDir dir;
    std::string first = dir.write("first.jsonl", "{\"id\":\"x\",\"text\":\"alpha\"}\n");
    std::string second =
        dir.write("second.jsonl", "{\"id\":\"y\",\"text\":\"beta\"}\n{\"id\":\"x\",\"text\":\"gamma\"}\n");
    CHECK(build(dir / "index", {first}, 2).stats.shards == 2);
    Built again = build(dir / "index", {second}, 2);
    CHECK(again.stats.shards == 0);
    CHECK(again.stats.added == 1);
    CHECK(again.stats.replaced == 1);
    CHECK(Xapian::Database(dir / "index").get_doccount() == 2);

    sova::WriterOptions every;
    every.batch_articles = 1;
    CHECK(build(dir / "counted", {second}, 2, every).stats.shards == 0);

    IndexWriter writer = IndexWriter::create_or_open(dir / "strict");
    IndexingOptions strict;
    strict.threads = 2;
    strict.strict = true;
    CHECK(sova::index_paths(writer, {second}, strict).shards == 0);
}

TEST_CASE("a bulk build clears what an interrupted one left in the index folder, or beside it (earlier versions)") {
    sova::test::TempDir dir;
    dir.write("index/.bulk/shard-0.0/junk", "left by a crash");
    dir.write("index/gen-000007.round0.1/junk", "left by a crash while merging");
    dir.write(".index.bulk/shard-0/junk", "left by a crash");
    std::string file = dir.write("in.jsonl", "{\"id\":\"x\",\"text\":\"alpha\"}\n");
    Built built = build(dir / "index", {file}, 2);
    CHECK(built.stats.added == 1);
    CHECK_FALSE(std::filesystem::exists(dir / ".index.bulk"));
    CHECK_FALSE(std::filesystem::exists(dir / "index/.bulk"));
    CHECK_FALSE(std::filesystem::exists(dir / "index/gen-000007.round0.1"));
    CHECK(ids_of(dir / "index", "alpha") == std::set<std::string>{"x"});
}

TEST_CASE("merging shards joins their metadata as one writer would have written it") {
    using sova::detail::ordered_entity_description;
    sova::test::TempDir dir;
    const std::string ename = sova::schema::entity_name_key("t:kyiv");
    const std::string person = sova::schema::entity_key("name:aln_mrk");
    const std::string other = sova::schema::entity_key("name:xyz");
    const std::string lexicon = sova::schema::lexicon_key("uk", "києві");
    {
        Xapian::WritableDatabase a(dir / "a", Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
        a.set_metadata(ename, "place:kyiv.ua\nname:kyiv\n");
        a.set_metadata(person, ordered_entity_description("other\tOlena Marchuk", 3));
        a.set_metadata(other, ordered_entity_description("other\tXyz", 9));
        a.set_metadata(lexicon, "sкиїв");
        a.commit();
        Xapian::WritableDatabase b(dir / "b", Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
        b.set_metadata(ename, "name:kyiv\norg:kyiv_city\n");
        b.set_metadata(person, ordered_entity_description("person\tОлена Марчук", 7));
        b.set_metadata(other, ordered_entity_description("other\tXYZ", 2));
        b.set_metadata(lexicon, "sкиїв");
        b.commit();
    }
    sova::detail::merge_indexes({dir / "a", dir / "b"}, dir / "merged");
    Xapian::Database merged(dir / "merged");
    CHECK(merged.get_metadata(ename) == "place:kyiv.ua\nname:kyiv\norg:kyiv_city\n");
    CHECK(merged.get_metadata(person) == "person\tОлена Марчук"); // the first to show a person
    CHECK(merged.get_metadata(other) == "other\tXYZ");            // the first in the input
    CHECK(merged.get_metadata(lexicon) == "sкиїв");
}

TEST_CASE("a bulk plan divides the memory budget between the threads") {
    auto plan = sova::detail::BulkPlan::make(4, std::size_t{1} << 30);
    CHECK(plan.threads == 4);
    CHECK(plan.shard_batch_bytes * 4 * 12 <= std::size_t{1} << 30);
    CHECK(plan.queue_bytes * 4 * 32 <= std::size_t{1} << 30);
    CHECK(plan.shard_batch_bytes <= std::size_t{2} << 20);  // flushes keep Xapian's maps small
    CHECK(plan.part_bytes >= plan.shard_batch_bytes * 100); // parts are few: each costs size
    auto small = sova::detail::BulkPlan::make(2, std::size_t{24} << 20);
    CHECK(small.shard_batch_bytes == std::size_t{1} << 20); // 24 MiB / (2 threads * 12)
    auto tiny = sova::detail::BulkPlan::make(0, 1000);
    CHECK(tiny.threads == 1);
    CHECK(tiny.shard_batch_bytes == std::size_t{1} << 20); // never below 1 MiB
}

TEST_CASE("an id that comes again after its part of a shard was closed replaces the earlier article") {
    sova::test::TempDir dir;
    sova::detail::BulkPlan plan = sova::detail::BulkPlan::make(2, std::size_t{64} << 20);
    plan.part_bytes = 1; // a new part for every article
    sova::WriterOptions options;
    options.entities = false;
    std::uint64_t added = 0, replaced = 0;
    {
        sova::detail::BulkBuild bulk(dir / "work", options, plan);
        for (int round = 0; round < 3; ++round)
            for (int i = 0; i < 5; ++i) {
                sova::Article article;
                article.id = "doc-" + std::to_string(i);
                article.text = "round" + std::to_string(round) + " shared";
                bulk.submit(article, "in.jsonl", static_cast<std::uint64_t>(round * 5 + i + 1));
            }
        bulk.finish(dir / "index");
        for (const auto& done : bulk.take_outcomes()) {
            CHECK_FALSE(done.failed);
            (done.result.outcome == sova::AddOutcome::added ? added : replaced)++;
        }
    }
    CHECK(added == 5);
    CHECK(replaced == 10);
    Xapian::Database db(dir / "index");
    CHECK(db.get_doccount() == 5);
    CHECK(db.get_termfreq("shared") == 5);
    CHECK(db.get_termfreq("round2") == 5);
    CHECK(db.get_termfreq("round0") == 0);
    CHECK(db.get_termfreq("round1") == 0);
    CHECK_FALSE(std::filesystem::exists(dir / "work")); // removed with the build
}

TEST_CASE("many parts are merged in rounds into the same index") {
    sova::test::TempDir dir;
    std::vector<std::string> parts;
    for (int i = 0; i < 7; ++i) {
        parts.push_back(dir / ("part" + std::to_string(i)));
        Xapian::WritableDatabase db(parts.back(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
        for (int d = 0; d < 3; ++d) {
            Xapian::Document doc;
            doc.add_posting("word", 1);
            doc.add_posting("part" + std::to_string(i), 2);
            doc.add_boolean_term(sova::schema::id_term(std::to_string(i) + "-" + std::to_string(d)));
            db.add_document(doc);
        }
        db.set_metadata(sova::schema::entity_name_key("t:x"), "key" + std::to_string(i) + "\n");
        db.set_metadata(sova::schema::entity_key("k"),
                        sova::detail::ordered_entity_description("other\tK" + std::to_string(i), 10 - i));
        db.commit();
    }
    sova::detail::merge_indexes(parts, dir / "merged", 2);
    Xapian::Database merged(dir / "merged");
    CHECK(merged.get_doccount() == 21);
    CHECK(merged.get_termfreq("word") == 21);
    CHECK(merged.get_termfreq("part6") == 3);
    CHECK(merged.get_metadata(sova::schema::entity_name_key("t:x")).size() == 7 * 5);
    CHECK(merged.get_metadata(sova::schema::entity_key("k")) == "other\tK6"); // the first in the input
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        CHECK_MESSAGE(entry.path().filename().string().find("round") == std::string::npos, entry.path());
}

TEST_CASE("an index that has articles is updated with analysis on several threads, written in input order") {
    sova::test::TempDir dir;
    std::string first = dir.write("first.jsonl", "{\"id\":\"old-1\",\"text\":\"Київ енергетика\"}\n"
                                                 "{\"id\":\"old-2\",\"text\":\"Kharkiv power\"}\n");
    std::string update;
    for (int i = 0; i < 60; ++i)
        update += "{\"id\":\"n" + std::to_string(i % 25) + "\",\"title\":\"Олена Марчук " + std::to_string(i) +
                  "\",\"text\":\"Міністерка Олена Марчук відвідала Харків, версія " + std::to_string(i) + ".\"}\n";
    update += "not json\n";                                                        // line 61
    update += "{\"id\":\"old-1\",\"text\":\"Kyiv replaced\",\"date\":\"soon\"}\n"; // line 62: warning
    std::string second = dir.write("second.jsonl", update);

    std::map<std::string, Built> runs;
    for (unsigned threads : {1u, 3u}) {
        const std::string index = dir / ("index" + std::to_string(threads));
        build(index, {first}, 1);
        runs[index] = build(index, {second}, threads);
        const Built& run = runs[index];
        CHECK(run.stats.shards == 0);
        CHECK(run.stats.added == 25);
        CHECK(run.stats.replaced == 36);
        CHECK(run.stats.skipped == 1);
        REQUIRE(run.problems.size() == 2);
        CHECK(run.problems[0].error.line() == 61); // in input order
        CHECK(run.problems[1].error.line() == 62);
    }
    // The same index, document for document (the same ids, order, terms and data).
    Xapian::Database one(dir / "index1"), three(dir / "index3");
    REQUIRE(one.get_doccount() == three.get_doccount());
    for (Xapian::docid id = 1; id <= one.get_lastdocid(); ++id) {
        std::string a, b;
        try {
            a = one.get_document(id).get_data();
        } catch (const Xapian::DocNotFoundError&) {
        }
        try {
            b = three.get_document(id).get_data();
        } catch (const Xapian::DocNotFoundError&) {
        }
        CHECK(a == b);
    }
    CHECK(metadata(dir / "index1") == metadata(dir / "index3"));
    CHECK(ids_of(dir / "index3", "\"версія 59\"") == std::set<std::string>{"n9"});
    CHECK(ids_of(dir / "index3", "replaced") == std::set<std::string>{"old-1"});
}

// The stop is requested at a known article (the reader reports the malformed line 301 before it
// reads on), so that what must be in the index does not depend on how far the threads got.
TEST_CASE(
    "a stop request ends the reading at the next article and keeps everything before it, on one thread or several") {
    sova::test::TempDir dir;
    std::string corpus;
    for (int i = 0; i < 400; ++i) {
        if (i == 300) corpus += "not json\n";
        corpus += "{\"id\":\"a" + std::to_string(i) + "\",\"text\":\"ferry number " + std::to_string(i) + "\"}\n";
    }
    const std::string first = dir.write("first.jsonl", corpus);
    const std::string second = dir.write("second.jsonl", "{\"id\":\"late\",\"text\":\"never read\"}\n");
    const std::string existing = dir.write("existing.jsonl", "{\"id\":\"old\",\"text\":\"already there\"}\n");
    struct Mode {
        const char* name;
        unsigned threads;
        bool update;     // the index has an article: an analysis pool feeds the writer
        unsigned shards; // a bulk build
    };
    for (const Mode& mode : {Mode{"one thread", 1, false, 0}, Mode{"an update analysed on two threads", 2, true, 0},
                             Mode{"a bulk build on two threads", 2, false, 2}}) {
        SUBCASE(mode.name) {
            const std::string index = dir / "index";
            if (mode.update) build(index, {existing}, 1);
            IndexWriter writer = IndexWriter::create_or_open(index);
            std::atomic<bool> stop{false};
            IndexingOptions options;
            options.threads = mode.threads;
            options.stop_requested = &stop;
            options.on_problem = [&](const sova::Problem&) { stop = true; };
            const IndexingStats stats = sova::index_paths(writer, {first, second}, options);
            CHECK(stats.stopped);
            CHECK(stats.shards == mode.shards);
            CHECK(stats.files == 1);
            CHECK(stats.added == 300);
            CHECK(stats.skipped == 1);
            Xapian::Database db(index);
            CHECK(db.get_doccount() == 300 + (mode.update ? 1 : 0));
            CHECK(db.term_exists(sova::schema::id_term("a0")));
            CHECK(db.term_exists(sova::schema::id_term("a299")));
            CHECK_FALSE(db.term_exists(sova::schema::id_term("a300")));
            CHECK_FALSE(db.term_exists(sova::schema::id_term("late")));
            CHECK_FALSE(std::filesystem::exists(dir / ".index.bulk"));
        }
    }
}

TEST_CASE("without a stop request, or with one never set, the input is read to its end") {
    sova::test::TempDir dir;
    const std::string file =
        dir.write("in.jsonl", "{\"id\":\"x\",\"text\":\"alpha\"}\n{\"id\":\"y\",\"text\":\"beta\"}\n");
    IndexWriter writer = IndexWriter::create_or_open(dir / "index");
    std::atomic<bool> stop{false};
    IndexingOptions options;
    options.stop_requested = &stop;
    const IndexingStats stats = sova::index_paths(writer, {file}, options);
    CHECK_FALSE(stats.stopped);
    CHECK(stats.added == 2);
}

TEST_CASE("an update's plan divides the memory budget between the writer's batch and the analysis queue") {
    using sova::detail::UpdatePlan;
    constexpr std::size_t mib = std::size_t{1} << 20;
    const UpdatePlan plan = UpdatePlan::make(1024 * mib);
    CHECK(plan.batch_bytes == 8 * mib);
    CHECK(plan.queue_bytes == 4 * mib);
    // About ten bytes a byte until a commit, twelve a byte analysed and waiting (measured): an
    // eighth of the budget, the rest left to the threads' analysers, dictionaries and caches.
    CHECK(plan.batch_bytes * 10 + plan.queue_bytes * 12 <= 1024 * mib / 8);
    const UpdatePlan small = UpdatePlan::make(256 * mib);
    CHECK(small.batch_bytes == 2 * mib);
    CHECK(small.queue_bytes == 1 * mib);
    const UpdatePlan tiny = UpdatePlan::make(64 * mib);
    CHECK(tiny.batch_bytes == 1 * mib); // never below 1 MiB
    CHECK(tiny.queue_bytes == 1 * mib);
    const UpdatePlan huge = UpdatePlan::make(std::size_t{64} << 30);
    CHECK(huge.batch_bytes == 64 * mib); // never above WriterOptions' default
    CHECK(huge.queue_bytes == 256 * mib);
}

// Commits are seen from outside, at the progress report after the 256th article (2 MiB of input).
TEST_CASE("an update commits as often as the memory budget asks, and at least as often as its writer does") {
    sova::test::TempDir dir;
    const std::string existing = dir.write("existing.jsonl", "{\"id\":\"old\",\"text\":\"already there\"}\n");
    std::string update;
    std::string words;
    for (int k = 0; k < 1000; ++k) words += "harbour ";
    for (int i = 0; i < 300; ++i)
        update += "{\"id\":\"n" + std::to_string(i) + "\",\"text\":\"" + words + " " + std::to_string(i) + "\"}\n";
    const std::string file = dir.write("update.jsonl", update);
    struct Case {
        const char* name;
        std::size_t memory_budget;
        std::size_t writer_batch;
        bool committed_by_then;
    };
    for (const Case& c :
         {Case{"the default budget: every 8 MiB", std::size_t{1} << 30, std::size_t{64} << 20, false},
          Case{"a budget of 64 MiB: every 1 MiB", std::size_t{64} << 20, std::size_t{64} << 20, true},
          Case{"a writer that commits every 1 MiB", std::size_t{1} << 30, std::size_t{1} << 20, true}}) {
        SUBCASE(c.name) {
            const std::string index = dir / "index";
            build(index, {existing}, 1);
            sova::WriterOptions writer_options;
            writer_options.batch_bytes = c.writer_batch;
            IndexWriter writer = IndexWriter::create_or_open(index, writer_options);
            IndexingOptions options;
            options.threads = 1;
            options.memory_budget = c.memory_budget;
            std::uint64_t committed = 0;
            options.on_progress = [&](const IndexingStats& stats) {
                if (stats.added == 256) committed = Xapian::Database(index).get_doccount();
            };
            const IndexingStats stats = sova::index_paths(writer, {file}, options);
            CHECK(stats.added == 300);
            CHECK((committed > 1) == c.committed_by_then);
            CHECK(Xapian::Database(index).get_doccount() == 301);
        }
    }
}
