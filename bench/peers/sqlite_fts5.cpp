// sova_peer_sqlite: SQLite FTS5 as a peer in the comparison harness (compare.py). One FTS5 table,
// `articles(id UNINDEXED, title, text)`, tokenizer `unicode61 remove_diacritics 2`, ranked by
// bm25(); the table keeps the text, as every engine of the comparison does.
//
//   sova_peer_sqlite index --db FILE CORPUS.jsonl...   (one transaction, one prepared insert)
//   sova_peer_sqlite optimize --db FILE                (merge FTS5's b-trees, then VACUUM)
//   sova_peer_sqlite search --db FILE (--batch FILE | --query TEXT) [--limit 10]
//   sova_peer_sqlite count --db FILE
#include <iostream>
#include <memory>
#include <string>

#include <sqlite3.h>

#include "bench/peers/peer_common.hpp"

namespace {

using namespace sova::peers;

constexpr const char* usage = "usage: sova_peer_sqlite index --db FILE CORPUS.jsonl...\n"
                              "       sova_peer_sqlite optimize --db FILE\n"
                              "       sova_peer_sqlite search --db FILE (--batch FILE | --query TEXT) [--limit N]\n"
                              "       sova_peer_sqlite count --db FILE\n";

struct CloseDb {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct FinalizeStatement {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;
using Statement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

Db open(const std::string& path, int flags) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    Db db(raw);
    if (rc != SQLITE_OK) throw std::runtime_error(path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    return db;
}

void exec(sqlite3* db, const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        throw std::runtime_error(sql + ": " + text);
    }
}

Statement prepare(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &raw, nullptr) != SQLITE_OK)
        throw std::runtime_error(sql + ": " + sqlite3_errmsg(db));
    return Statement(raw);
}

// A query's words and phrases as an FTS5 query: each one quoted (so that no word is read as an
// FTS5 operator or column filter), separated by spaces, which FTS5 reads as AND.
std::string fts5_query(const std::string& text) {
    std::string out;
    for (const auto& item : query_items(text)) {
        if (!out.empty()) out += ' ';
        out += '"';
        for (std::size_t i = 0; i < item.words.size(); ++i) {
            if (i) out += ' ';
            for (char ch : item.words[i]) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        }
        out += '"';
    }
    return out;
}

int index(const CommandLine& line) {
    if (line.positional.empty()) throw UsageError("no corpus given");
    Db db = open(line.require("db"), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    exec(db.get(), "CREATE VIRTUAL TABLE articles USING fts5(id UNINDEXED, title, text, "
                   "tokenize = 'unicode61 remove_diacritics 2')");
    exec(db.get(), "BEGIN");
    Statement insert = prepare(db.get(), "INSERT INTO articles(id, title, text) VALUES (?1, ?2, ?3)");
    std::size_t articles = 0, skipped = 0;
    for (const auto& path : line.positional) {
        auto [read, bad] = read_corpus(path, [&](const Article& a) {
            sqlite3_bind_text(insert.get(), 1, a.id.data(), static_cast<int>(a.id.size()), SQLITE_STATIC);
            sqlite3_bind_text(insert.get(), 2, a.title.data(), static_cast<int>(a.title.size()), SQLITE_STATIC);
            sqlite3_bind_text(insert.get(), 3, a.text.data(), static_cast<int>(a.text.size()), SQLITE_STATIC);
            if (sqlite3_step(insert.get()) != SQLITE_DONE)
                throw std::runtime_error("insert " + a.id + ": " + sqlite3_errmsg(db.get()));
            sqlite3_reset(insert.get());
        });
        articles += read;
        skipped += bad;
    }
    exec(db.get(), "COMMIT");
    std::cout << "{\"articles\":" << articles << ",\"skipped\":" << skipped << "}\n";
    return 0;
}

int search(const CommandLine& line) {
    auto queries = queries_of(line);
    auto limit = static_cast<int>(line.count("limit", 10));
    Db db = open(line.require("db"), SQLITE_OPEN_READONLY);
    Statement select = prepare(db.get(), "SELECT id, title FROM articles WHERE articles MATCH ?1 "
                                         "ORDER BY bm25(articles) LIMIT ?2");
    run_queries(queries, [&](const std::string& text) {
        std::vector<Hit> hits;
        std::string match = fts5_query(text);
        if (match.empty()) return hits;
        sqlite3_bind_text(select.get(), 1, match.data(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int(select.get(), 2, limit);
        int rc = 0;
        while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
            auto column = [&](int i) {
                const auto* value = reinterpret_cast<const char*>(sqlite3_column_text(select.get(), i));
                return std::string(value ? value : "");
            };
            hits.push_back({column(0), column(1)});
        }
        if (rc != SQLITE_DONE)
            std::cerr << "sova_peer_sqlite: query '" << text << "': " << sqlite3_errmsg(db.get()) << "\n";
        sqlite3_reset(select.get());
        return hits;
    });
    return 0;
}

int run(int argc, char** argv) {
    CommandLine line = CommandLine::parse(argc, argv);
    if (line.mode == "index") return index(line);
    if (line.mode == "search") return search(line);
    if (line.mode == "optimize") {
        Db db = open(line.require("db"), SQLITE_OPEN_READWRITE);
        exec(db.get(), "INSERT INTO articles(articles) VALUES ('optimize')");
        exec(db.get(), "VACUUM");
        return 0;
    }
    if (line.mode == "count") {
        Db db = open(line.require("db"), SQLITE_OPEN_READONLY);
        Statement count = prepare(db.get(), "SELECT count(*) FROM articles");
        if (sqlite3_step(count.get()) != SQLITE_ROW) throw std::runtime_error(sqlite3_errmsg(db.get()));
        std::cout << sqlite3_column_int64(count.get(), 0) << "\n";
        return 0;
    }
    throw UsageError("unknown mode '" + line.mode + "'");
}

} // namespace

int main(int argc, char** argv) {
    return guarded_main("sova_peer_sqlite", usage, [&] { return run(argc, argv); });
}
