// An archive of shards searched as one (docs/SHARDS.md): local folders, Xapian stub files and
// real `xapian-tcpsrv` servers on 127.0.0.1 answer exactly as one index of the same articles;
// a shard that is down or stops answering is named, or left out with --allow-partial.
#include "query/archive.hpp"
#include "schema/index_folder.hpp"
#include "tests/support/tcp_server.hpp"
#include "tests/support/temp_dir.hpp"

#include <sova/error.hpp>
#include <sova/index.hpp>
#include <sova/search.hpp>

#include <xapian.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using sova::Facet;
using sova::Searcher;
using sova::SearchOptions;
using sova::SearchResults;
using sova::Sort;
using sova::test::TcpServer;
using sova::test::TempDir;

const std::string collection = std::string(SOVA_SOURCE_DIR) + "/bench/eval/entities";

std::string date_of(const std::string& line) {
    const std::string field = "\"date\": \"";
    std::size_t at = line.find(field);
    return at == std::string::npos ? "9999" : line.substr(at + field.size(), 10);
}

// The judged entity collection (150 articles in en, ru, uk naming the same people and places),
// split by period as archives are: the oldest third, the next, the newest. Each shard and the
// whole are indexed by one writer in the same order.
struct Archive {
    TempDir dir;
    std::string whole;
    std::vector<std::string> shards;

    Archive() {
        std::ifstream in(collection + "/articles.jsonl");
        std::vector<std::string> lines;
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) lines.push_back(line);
        REQUIRE(lines.size() == 150);
        std::stable_sort(lines.begin(), lines.end(),
                         [](const std::string& a, const std::string& b) { return date_of(a) < date_of(b); });
        whole = index("whole", lines);
        const std::size_t third = lines.size() / 3;
        for (std::size_t s = 0; s < 3; ++s) {
            auto first = lines.begin() + static_cast<std::ptrdiff_t>(s * third);
            auto last = s == 2 ? lines.end() : first + static_cast<std::ptrdiff_t>(third);
            shards.push_back(index("shard" + std::to_string(s), {first, last}));
        }
    }

    std::string index(const std::string& name, const std::vector<std::string>& lines) {
        std::string text;
        for (const auto& line : lines) text += line + "\n";
        const std::string input = dir.write(name + ".jsonl", text);
        auto writer = sova::IndexWriter::create_or_open(dir / name);
        sova::IndexingOptions options;
        options.threads = 1;
        sova::IndexingStats stats = sova::index_paths(writer, {input}, options);
        REQUIRE(stats.added == lines.size());
        writer.commit();
        return dir / name;
    }
};

const Archive& archive() {
    static const Archive built;
    return built;
}

std::vector<std::string> queries() {
    std::vector<std::string> out;
    std::ifstream in(collection + "/queries.tsv");
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line.front() == '#') continue;
        out.push_back(line.substr(line.rfind('\t') + 1));
    }
    // Filters, forced entities, exclusions, phrases, a wildcard, date order, more like this
    // (the article in any one shard).
    for (const char* q :
         {"entity:Kyiv", "entity:\"Олена Марчук\"", "lang:uk", "since:2024 Marchuk", "Marchuk -football",
          "\"rolling blackouts\"", "Марчук*", "Kharkiv OR Харків", "lang:ru before:2024-01-01", "title:Odesa",
          "like:en-001", "like:uk-017 lang:en,ru", "like:ru-040 Kyiv"})
        out.emplace_back(q);
    return out;
}

std::string describe(const SearchResults& r) {
    std::ostringstream out;
    out << "total " << r.total << (r.total_exact ? "" : "~");
    for (const auto& hit : r.hits) out << " | " << hit.id << " " << hit.score << " e" << hit.entity_score;
    return out.str();
}

// The same hits in the same order, the same scores up to float rounding, the same counts,
// the same linked entities.
void check_same(const SearchResults& one, const SearchResults& sharded, const std::string& query) {
    INFO("query: " << query);
    INFO("one index: " << describe(one));
    INFO("sharded:   " << describe(sharded));
    REQUIRE(one.hits.size() == sharded.hits.size());
    CHECK(one.total == sharded.total);
    CHECK(one.total_exact == sharded.total_exact);
    for (std::size_t i = 0; i < one.hits.size(); ++i) {
        CHECK(one.hits[i].id == sharded.hits[i].id);
        CHECK(std::abs(one.hits[i].score - sharded.hits[i].score) <= 1e-9 * std::max(1.0, one.hits[i].score));
        CHECK(std::abs(one.hits[i].entity_score - sharded.hits[i].entity_score) <=
              1e-9 * std::max(1.0, one.hits[i].score));
        CHECK(one.hits[i].matched == sharded.hits[i].matched);
        CHECK(one.hits[i].snippet == sharded.hits[i].snippet);
    }
    REQUIRE(one.entities.size() == sharded.entities.size());
    for (std::size_t i = 0; i < one.entities.size(); ++i) {
        CHECK(one.entities[i].key == sharded.entities[i].key);
        CHECK(one.entities[i].name == sharded.entities[i].name);
        CHECK(one.entities[i].type == sharded.entities[i].type);
        CHECK(one.entities[i].share == doctest::Approx(sharded.entities[i].share));
    }
    REQUIRE(one.facets.size() == sharded.facets.size());
    for (std::size_t i = 0; i < one.facets.size(); ++i) {
        CHECK(one.facets[i].entity.key == sharded.facets[i].entity.key);
        CHECK(one.facets[i].entity.name == sharded.facets[i].entity.name);
        CHECK(one.facets[i].articles == sharded.facets[i].articles);
    }
    CHECK(one.facet_counts.size() == sharded.facet_counts.size());
    if (one.facet_counts.size() != sharded.facet_counts.size()) return;
    for (std::size_t i = 0; i < one.facet_counts.size(); ++i) {
        CHECK(one.facet_counts[i].facet == sharded.facet_counts[i].facet);
        CHECK(one.facet_counts[i].key == sharded.facet_counts[i].key);
        CHECK(one.facet_counts[i].articles == sharded.facet_counts[i].articles);
    }
    CHECK(one.facet_counts_exact == sharded.facet_counts_exact);
}

// Every query, and the entity listings, against one index.
void check_answers_as_one(Searcher& sharded) {
    Searcher one = Searcher::open(archive().whole);
    CHECK(sharded.document_count() == one.document_count());
    SearchOptions options;
    options.limit = 10;
    std::size_t compared = 0;
    for (const std::string& query : queries()) {
        // Every fifth query counts every facet; every seventh and the next are sorted by date.
        options.facets.clear();
        if (compared % 5 == 0) options.facets = {Facet::entity, Facet::lang, Facet::source, Facet::year, Facet::month};
        options.sort = compared % 7 == 1 ? Sort::newest : compared % 7 == 2 ? Sort::oldest : Sort::relevance;
        check_same(one.search(query, options), sharded.search(query, options), query);
        ++compared;
    }
    CHECK(compared == 73);
    SearchOptions deep;
    deep.limit = 50;
    deep.offset = 5;
    check_same(one.search("Kyiv Київ Киев", deep), sharded.search("Kyiv Київ Киев", deep), "a second page");
    for (const char* lang : {"", "uk"}) {
        sova::EntityListOptions list;
        list.limit = 40;
        if (*lang) list.langs = {lang};
        auto a = one.entities(list);
        auto b = sharded.entities(list);
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            CHECK(a[i].entity.key == b[i].entity.key);
            CHECK(a[i].entity.type == b[i].entity.type);
            CHECK(a[i].entity.name == b[i].entity.name);
            CHECK(a[i].articles == b[i].articles);
        }
    }
}

std::vector<std::string> remote_locations(const std::vector<std::unique_ptr<TcpServer>>& servers) {
    std::vector<std::string> out;
    for (const auto& server : servers) out.push_back(server->location());
    return out;
}

std::vector<std::unique_ptr<TcpServer>> serve_shards() {
    std::vector<std::unique_ptr<TcpServer>> servers;
    for (const auto& shard : archive().shards) servers.push_back(std::make_unique<TcpServer>(XAPIAN_TCPSRV, shard));
    return servers;
}

std::vector<std::string> ids(const SearchResults& r) {
    std::vector<std::string> out;
    for (const auto& hit : r.hits) out.push_back(hit.id);
    return out;
}

} // namespace

TEST_CASE("shards: three local shards split by period answer every query as one index of their articles") {
    Searcher sharded = Searcher::open(archive().shards);
    CHECK(sharded.missing().empty());
    check_answers_as_one(sharded);
    // What entities added is worked out on request only (a batch does without).
    SearchOptions options;
    SearchResults with = sharded.search("Marchuk Kharkiv", options);
    options.entity_scores = false;
    SearchResults without = sharded.search("Marchuk Kharkiv", options);
    REQUIRE(with.hits.size() == without.hits.size());
    CHECK(std::any_of(with.hits.begin(), with.hits.end(), [](const auto& hit) { return hit.entity_score > 0; }));
    CHECK(std::all_of(without.hits.begin(), without.hits.end(), [](const auto& hit) { return hit.entity_score == 0; }));
    CHECK(ids(with) == ids(without));
}

TEST_CASE("shards: three xapian-tcpsrv servers answer every query as one index, with Xapian's own server") {
    auto servers = serve_shards();
    Searcher remote = Searcher::open(remote_locations(servers));
    check_answers_as_one(remote);
}

TEST_CASE("shards: a Xapian stub file mixing local and remote shards answers as one index") {
    TcpServer middle(XAPIAN_TCPSRV, archive().shards[1]);
    TempDir dir;
    // Paths relative to the stub file's folder, comments and blank lines.
    const fs::path relative = fs::relative(archive().shards[0], dir.path());
    const std::string stub =
        dir.write("news.stub", "# the archive, by period\nauto " + relative.string() + "\n\nremote :" + middle.name() +
                                   "\nglass " + archive().shards[2] + "\n");
    Searcher sharded = Searcher::open(std::vector<std::string>{stub});
    check_answers_as_one(sharded);
}

TEST_CASE("shards: a shard that is down is named, or left out with allow_partial") {
    auto servers = serve_shards();
    const std::string down = servers[1]->name();
    servers[1]->stop();
    SearchOptions options;
    try {
        Searcher::open(remote_locations(servers));
        FAIL("opened an archive with a shard down");
    } catch (const sova::IndexError& e) {
        CHECK(e.path() == down);
        CHECK(std::string(e.what()).find("cannot reach the shard") != std::string::npos);
    }
    sova::OpenOptions partial;
    partial.allow_partial = true;
    Searcher some = Searcher::open(remote_locations(servers), partial);
    CHECK(some.missing() == std::vector<std::string>{down});
    Searcher others = Searcher::open({archive().shards[0], archive().shards[2]});
    for (const char* query : {"Marchuk", "Kyiv blackouts", "entity:Kyiv"}) {
        SearchResults got = some.search(query, options);
        CHECK(got.missing == std::vector<std::string>{down});
        CHECK(!got.hits.empty());
        CHECK(ids(got) == ids(others.search(query, options)));
    }
    // Every shard down: nothing to answer from.
    servers[0]->stop();
    servers[2]->stop();
    CHECK_THROWS_AS(Searcher::open(remote_locations(servers), partial), sova::IndexError);
}

TEST_CASE("shards: a server killed between searches is named, or left out with allow_partial") {
    auto servers = serve_shards();
    SearchOptions options;
    {
        Searcher remote = Searcher::open(remote_locations(servers));
        CHECK(!remote.search("Marchuk", options).hits.empty());
        servers[2]->stop();
        try {
            remote.search("Marchuk", options);
            FAIL("searched with a shard gone");
        } catch (const sova::IndexError& e) {
            CHECK(e.path() == servers[2]->name());
            CHECK(std::string(e.what()).find("stopped answering") != std::string::npos);
        }
    }
    auto again = serve_shards();
    sova::OpenOptions partial;
    partial.allow_partial = true;
    Searcher remote = Searcher::open(remote_locations(again), partial);
    const std::string lost = again[0]->name();
    CHECK(remote.search("Marchuk", options).missing.empty());
    again[0]->stop();
    Searcher others = Searcher::open({archive().shards[1], archive().shards[2]});
    for (const char* query : {"Marchuk", "Харків підстанція"}) {
        SearchResults got = remote.search(query, options);
        CHECK(got.missing == std::vector<std::string>{lost});
        CHECK(ids(got) == ids(others.search(query, options)));
    }
    CHECK(remote.missing() == std::vector<std::string>{lost});
}

TEST_CASE("shards: a connection the server dropped (as its idle timeout does) is opened again, not called missing") {
    auto servers = serve_shards();
    Searcher remote = Searcher::open(remote_locations(servers));
    SearchOptions options;
    const SearchResults before = remote.search("Marchuk", options);
    REQUIRE(!before.hits.empty());
    int dropped = 0;
    for (auto& server : servers) dropped += server->drop_connections();
    CHECK(dropped == 3);
    const SearchResults after = remote.search("Marchuk", options);
    CHECK(after.missing.empty());
    CHECK(ids(after) == ids(before));
}

TEST_CASE("shards: an index built before the aboutness terms ranks as before locally and is refused remotely") {
    TempDir dir;
    const std::string copy = dir / "old";
    fs::copy(archive().shards[0], copy, fs::copy_options::recursive);
    {
        // What an index of an earlier version lacks: the feature list (its XA terms then go unused).
        Xapian::WritableDatabase db(sova::detail::live_database(copy), Xapian::DB_OPEN);
        db.set_metadata("features", "");
        db.commit();
    }
    Searcher now = Searcher::open(archive().shards[0]);
    Searcher old = Searcher::open(copy);
    SearchOptions options;
    for (const char* query : {"Marchuk", "entity:Kyiv", "Kyiv blackouts", "Олена Марчук"}) {
        SearchResults a = now.search(query, options);
        SearchResults b = old.search(query, options);
        REQUIRE(a.hits.size() == b.hits.size());
        for (std::size_t i = 0; i < a.hits.size(); ++i) {
            CHECK(a.hits[i].score == doctest::Approx(b.hits[i].score).epsilon(1e-9));
            CHECK(a.hits[i].entity_score == doctest::Approx(b.hits[i].entity_score).epsilon(1e-9));
        }
    }
    TcpServer server(XAPIAN_TCPSRV, copy);
    try {
        Searcher::open({server.location()});
        FAIL("searched an index without aboutness terms remotely");
    } catch (const sova::IndexError& e) {
        CHECK(e.path() == server.name());
        CHECK(std::string(e.what()).find("re-index") != std::string::npos);
    }
}

TEST_CASE("shards: locations are read strictly and named in errors") {
    using sova::detail::shard_locations;
    using sova::detail::ShardLocation;
    auto tcp = shard_locations("tcp://127.0.0.1:7001");
    REQUIRE(tcp.size() == 1);
    CHECK(tcp[0].kind == ShardLocation::Kind::tcp);
    CHECK(tcp[0].host == "127.0.0.1");
    CHECK(tcp[0].port == 7001);
    CHECK(tcp[0].name == "127.0.0.1:7001");
    auto v6 = shard_locations("tcp://[::1]:7001");
    CHECK(v6[0].host == "::1");
    for (const char* bad : {"tcp://127.0.0.1", "tcp://host:0", "tcp://host:70000", "tcp://:7001", "tcp://h:7x"})
        CHECK_THROWS_AS(shard_locations(bad), sova::IndexError);

    TempDir dir;
    const std::string stub =
        dir.write("a.stub", "auto one\nremote :news.example:7002\nremote ssh news xapian-progsrv /srv/news\n");
    auto lines = shard_locations(stub);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].kind == ShardLocation::Kind::local);
    CHECK(lines[0].path == (dir / "one"));
    CHECK(lines[1].kind == ShardLocation::Kind::tcp);
    CHECK(lines[1].name == "news.example:7002");
    CHECK(lines[2].kind == ShardLocation::Kind::program);
    CHECK(lines[2].program == "ssh");
    CHECK(lines[2].args == "news xapian-progsrv /srv/news");

    const std::string text = dir.write("notes.txt", "auto one\nsome notes\n");
    try {
        shard_locations(text);
        FAIL("read a text file as a stub");
    } catch (const sova::IndexError& e) {
        CHECK(std::string(e.what()).find("is a file, not an index folder or a Xapian stub file (line 2") !=
              std::string::npos);
    }
    CHECK_THROWS_AS(shard_locations(dir.write("empty.stub", "# nothing\n")), sova::IndexError);
    CHECK_THROWS_AS(shard_locations(dir.write("bad.stub", "remote :nohost\n")), sova::IndexError);

    // One shard twice would count its articles twice.
    try {
        Searcher::open({archive().shards[0], archive().shards[1], archive().shards[0]});
        FAIL("opened a shard twice");
    } catch (const sova::IndexError& e) {
        CHECK(e.path() == archive().shards[0]);
        CHECK(std::string(e.what()).find("given twice") != std::string::npos);
    }
    CHECK_THROWS_AS(Searcher::open(std::vector<std::string>{}), sova::OptionError);
}

TEST_CASE("shards: every name of the entity vocabulary has its XN term, also after its article is replaced") {
    TempDir dir;
    const std::string copy = dir / "names";
    fs::copy(archive().shards[0], copy, fs::copy_options::recursive);
    auto every_name_marked = [&] {
        Xapian::Database db(copy);
        std::size_t names = 0;
        for (auto key = db.metadata_keys_begin("ename:"); key != db.metadata_keys_end("ename:"); ++key, ++names)
            CHECK_MESSAGE(db.term_exists("XN" + (*key).substr(6)), *key);
        return names;
    };
    CHECK(every_name_marked() > 100);
    // Each article again, under its own id: the writer must not drop the terms its first
    // version held while replacing it.
    std::ifstream in(collection + "/articles.jsonl");
    std::string all;
    for (std::string line; std::getline(in, line);) all += line + "\n";
    {
        auto writer = sova::IndexWriter::create_or_open(copy);
        sova::IndexingOptions options;
        options.threads = 1;
        sova::index_paths(writer, {dir.write("again.jsonl", all)}, options);
        writer.commit();
    }
    CHECK(every_name_marked() > 100);
}
