// sova_peer_postgres: PostgreSQL full-text search as a peer in the comparison harness
// (compare.py), through libpq. The table keeps the text and a stored tsvector of title and text
// (text search configuration 'simple': lower-cased words, no stemming, no stop words) with a
// GIN index; hits are ranked by ts_rank_cd.
//
//   sova_peer_postgres load --conninfo STR CORPUS.jsonl...  (COPY, then CREATE INDEX, ANALYZE)
//   sova_peer_postgres search --conninfo STR (--batch FILE | --query TEXT) [--limit 10]
//   sova_peer_postgres count --conninfo STR
#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <libpq-fe.h>
#include <unistd.h>

#include "bench/peers/peer_common.hpp"

namespace {

using namespace sova::peers;

constexpr const char* usage =
    "usage: sova_peer_postgres load --conninfo STR CORPUS.jsonl...\n"
    "       sova_peer_postgres search --conninfo STR (--batch FILE | --query TEXT) [--limit N]\n"
    "       sova_peer_postgres count --conninfo STR\n";

struct Finish {
    void operator()(PGconn* connection) const { PQfinish(connection); }
};
struct Clear {
    void operator()(PGresult* result) const { PQclear(result); }
};
using Connection = std::unique_ptr<PGconn, Finish>;
using Result = std::unique_ptr<PGresult, Clear>;

Connection connect(const std::string& conninfo) {
    Connection connection(PQconnectdb(conninfo.c_str()));
    if (PQstatus(connection.get()) != CONNECTION_OK)
        throw std::runtime_error(std::string("connect: ") + PQerrorMessage(connection.get()));
    return connection;
}

Result exec(PGconn* connection, const std::string& sql, ExecStatusType expected = PGRES_COMMAND_OK) {
    Result result(PQexec(connection, sql.c_str()));
    if (PQresultStatus(result.get()) != expected)
        throw std::runtime_error(sql.substr(0, 60) + ": " + PQerrorMessage(connection));
    return result;
}

// COPY's text format: backslash, tab, line breaks escaped.
void append_copy_field(std::string& out, const std::string& value) {
    for (char ch : value) {
        switch (ch) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += ch;
        }
    }
}

// What the server process serving this connection used so far: its peak resident set (VmHWM,
// in KiB; it counts the shared buffers that process touched) and its CPU time, from /proc
// (-1 when /proc does not say).
struct BackendUsage {
    long peak_rss_kib = -1;
    double cpu_seconds = -1;
};

BackendUsage backend_usage(PGconn* connection) {
    Result pid = exec(connection, "SELECT pg_backend_pid()", PGRES_TUPLES_OK);
    std::string proc = "/proc/" + std::string(PQgetvalue(pid.get(), 0, 0));
    BackendUsage used;
    std::ifstream status(proc + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with("VmHWM:")) used.peak_rss_kib = std::stol(line.substr(6));
    // /proc/PID/stat: utime and stime are fields 14 and 15, counted after the ")" that ends
    // the command name (field 2).
    std::ifstream stat(proc + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    if (auto close = text.rfind(')'); close != std::string::npos) {
        std::istringstream fields(text.substr(close + 2));
        std::string field;
        double ticks = 0;
        for (int n = 3; fields >> field && n <= 15; ++n)
            if (n >= 14) ticks += std::stod(field);
        used.cpu_seconds = ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
    }
    return used;
}

int load(const CommandLine& line) {
    if (line.positional.empty()) throw UsageError("no corpus given");
    Connection db = connect(line.require("conninfo"));
    PGconn* c = db.get();
    using clock = std::chrono::steady_clock;
    auto seconds_since = [](clock::time_point t) { return std::chrono::duration<double>(clock::now() - t).count(); };

    auto start = clock::now();
    exec(c, "DROP TABLE IF EXISTS articles");
    exec(c, "CREATE TABLE articles (id text NOT NULL, title text NOT NULL, body text NOT NULL, "
            "tsv tsvector GENERATED ALWAYS AS "
            "(to_tsvector('simple', title) || to_tsvector('simple', body)) STORED)");
    exec(c, "COPY articles (id, title, body) FROM STDIN", PGRES_COPY_IN);
    std::size_t articles = 0, skipped = 0;
    std::string buffer;
    auto flush = [&] {
        if (PQputCopyData(c, buffer.data(), static_cast<int>(buffer.size())) != 1)
            throw std::runtime_error(std::string("COPY: ") + PQerrorMessage(c));
        buffer.clear();
    };
    for (const auto& path : line.positional) {
        auto [read, bad] = read_corpus(path, [&](const Article& a) {
            append_copy_field(buffer, a.id);
            buffer += '\t';
            append_copy_field(buffer, a.title);
            buffer += '\t';
            append_copy_field(buffer, a.text);
            buffer += '\n';
            if (buffer.size() > (1U << 20)) flush();
        });
        articles += read;
        skipped += bad;
    }
    flush();
    if (PQputCopyEnd(c, nullptr) != 1) throw std::runtime_error(std::string("COPY: ") + PQerrorMessage(c));
    Result copied(PQgetResult(c));
    if (PQresultStatus(copied.get()) != PGRES_COMMAND_OK)
        throw std::runtime_error(std::string("COPY: ") + PQerrorMessage(c));
    while (Result more{PQgetResult(c)}) {
    }
    double copy_seconds = seconds_since(start);

    auto indexing = clock::now();
    exec(c, "CREATE INDEX articles_tsv ON articles USING gin (tsv)");
    double index_seconds = seconds_since(indexing);
    auto analysing = clock::now();
    exec(c, "ANALYZE articles");
    double analyze_seconds = seconds_since(analysing);
    BackendUsage backend = backend_usage(c);

    Result sizes = exec(c,
                        "SELECT pg_total_relation_size('articles'), pg_relation_size('articles'), "
                        "pg_indexes_size('articles')",
                        PGRES_TUPLES_OK);
    std::cout << "{\"articles\":" << articles << ",\"skipped\":" << skipped << ",\"copy_seconds\":" << copy_seconds
              << ",\"index_seconds\":" << index_seconds << ",\"analyze_seconds\":" << analyze_seconds
              << ",\"backend_peak_rss_kib\":" << backend.peak_rss_kib
              << ",\"backend_cpu_seconds\":" << backend.cpu_seconds
              << ",\"total_bytes\":" << PQgetvalue(sizes.get(), 0, 0)
              << ",\"table_bytes\":" << PQgetvalue(sizes.get(), 0, 1)
              << ",\"index_bytes\":" << PQgetvalue(sizes.get(), 0, 2) << "}\n";
    return 0;
}

int search(const CommandLine& line) {
    auto queries = queries_of(line);
    std::string limit = std::to_string(line.count("limit", 10));
    Connection db = connect(line.require("conninfo"));
    run_queries(queries, [&](const std::string& text) {
        std::vector<Hit> hits;
        // Each word or phrase a tsquery of its own (phraseto_tsquery: the words adjacent), all
        // of them AND-ed: the words are parameters, so nothing in them is read as syntax.
        auto items = query_items(text);
        if (items.empty()) return hits;
        std::vector<std::string> values;
        std::string tsquery;
        for (const auto& item : items) {
            std::string words;
            for (const auto& w : item.words) words += (words.empty() ? "" : " ") + w;
            values.push_back(words);
            tsquery += (tsquery.empty() ? "" : " && ") + std::string("phraseto_tsquery('simple', $") +
                       std::to_string(values.size()) + ")";
        }
        std::string sql = "SELECT id, title FROM articles, (SELECT " + tsquery +
                          " AS q) AS query "
                          "WHERE tsv @@ q ORDER BY ts_rank_cd(tsv, q) DESC LIMIT " +
                          limit;
        std::vector<const char*> params;
        for (const auto& v : values) params.push_back(v.c_str());
        Result result(PQexecParams(db.get(), sql.c_str(), static_cast<int>(params.size()), nullptr, params.data(),
                                   nullptr, nullptr, 0));
        if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
            std::cerr << "sova_peer_postgres: query '" << text << "': " << PQerrorMessage(db.get());
            return hits;
        }
        for (int row = 0; row < PQntuples(result.get()); ++row)
            hits.push_back({PQgetvalue(result.get(), row, 0), PQgetvalue(result.get(), row, 1)});
        return hits;
    });
    return 0;
}

int run(int argc, char** argv) {
    CommandLine line = CommandLine::parse(argc, argv);
    if (line.mode == "load") return load(line);
    if (line.mode == "search") return search(line);
    if (line.mode == "count") {
        Connection db = connect(line.require("conninfo"));
        Result count = exec(db.get(), "SELECT count(*) FROM articles", PGRES_TUPLES_OK);
        std::cout << PQgetvalue(count.get(), 0, 0) << "\n";
        return 0;
    }
    throw UsageError("unknown mode '" + line.mode + "'");
}

} // namespace

int main(int argc, char** argv) {
    return guarded_main("sova_peer_postgres", usage, [&] { return run(argc, argv); });
}
