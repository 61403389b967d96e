// `sova search` and `sova entities` over shards (docs/SHARDS.md): --index repeated with folders
// and xapian-tcpsrv servers on 127.0.0.1, answering as one index; a server that is down is an
// error naming it, or a partial answer that says so with --allow-partial.
#include "tests/e2e/cli.hpp"
#include "tests/support/tcp_server.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

using namespace sova::test;

namespace {

// The sample news split in three by line, each third an index, and the whole as one index.
struct SampleShards {
    TempDir dir;
    std::string whole = dir / "whole";
    std::vector<std::string> shards;
    std::vector<std::unique_ptr<TcpServer>> servers;

    SampleShards() {
        std::ifstream in(sample_dir() + "/news.jsonl");
        std::vector<std::string> lines;
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) lines.push_back(line);
        REQUIRE(lines.size() >= 30);
        std::string all;
        for (const auto& line : lines) all += line + "\n";
        REQUIRE(run_sova({"index", "-q", "-j", "1", "-i", whole, dir.write("all.jsonl", all)}).exit_code == 0);
        for (std::size_t s = 0; s < 3; ++s) {
            std::string part;
            for (std::size_t i = s * lines.size() / 3; i < (s + 1) * lines.size() / 3; ++i) part += lines[i] + "\n";
            const std::string index = dir / ("shard" + std::to_string(s));
            const std::string file = dir.write("part" + std::to_string(s) + ".jsonl", part);
            REQUIRE(run_sova({"index", "-q", "-j", "1", "-i", index, file}).exit_code == 0);
            shards.push_back(index);
            servers.push_back(std::make_unique<TcpServer>(XAPIAN_TCPSRV, index));
        }
    }

    std::vector<std::string> remote_args() const {
        std::vector<std::string> args;
        for (const auto& server : servers) args.insert(args.end(), {"-i", server->location()});
        return args;
    }
};

ProcessResult sova_with(std::vector<std::string> args, const std::vector<std::string>& index_args,
                        const std::string& input = {}) {
    args.insert(args.begin() + 1, index_args.begin(), index_args.end());
    return run_sova(args, input);
}

} // namespace

TEST_CASE("e2e: searching three xapian-tcpsrv shards prints what one index of their articles prints") {
    SampleShards archive;
    const std::vector<std::string> one{"-i", archive.whole};
    const std::vector<std::string> remote = archive.remote_args();
    const std::vector<std::string> local{"-i", archive.shards[0], "-i", archive.shards[1], "-i", archive.shards[2]};
    for (const char* query : {"Kyiv", "Одеса зерно", "entity:Kharkiv", "lang:uk", "Марчук OR Marchuk"}) {
        INFO("query: " << query);
        ProcessResult expected = sova_with({"search", "--json", "-n", "10", query}, one);
        REQUIRE(expected.exit_code == 0);
        CHECK(parse_hits(expected.out).size() > 1);
        ProcessResult over_network = sova_with({"search", "--json", "-n", "10", query}, remote);
        CHECK(over_network.exit_code == 0);
        CHECK(over_network.out == expected.out);
        CHECK(over_network.err.empty());
        CHECK(sova_with({"search", "--json", "-n", "10", query}, local).out == expected.out);
    }
    const std::string queries = "q1\tKyiv\nq2\tградирня\nq3\tenergy Kharkiv\nq4\tentity:Odesa\n";
    ProcessResult trec = sova_with({"search", "--batch", "-", "--format", "trec", "-n", "20"}, one, queries);
    REQUIRE(trec.exit_code == 0);
    CHECK(sova_with({"search", "--batch", "-", "--format", "trec", "-n", "20"}, remote, queries).out == trec.out);
    ProcessResult entities = sova_with({"entities", "-n", "30"}, one);
    REQUIRE(entities.exit_code == 0);
    CHECK(sova_with({"entities", "-n", "30"}, remote).out == entities.out);
}

TEST_CASE("e2e: a shard that is down is named with exit status 2, or left out with --allow-partial") {
    SampleShards archive;
    const std::string down = archive.servers[1]->name();
    archive.servers[1]->stop();
    const std::vector<std::string> remote = archive.remote_args();

    ProcessResult failed = sova_with({"search", "Kyiv"}, remote);
    CHECK(failed.exit_code == 2);
    CHECK(has(failed.err, "sova: error: " + down + ": cannot reach the shard"));
    CHECK(failed.out.empty());

    ProcessResult partial = sova_with({"search", "--allow-partial", "--json", "Kyiv"}, remote);
    CHECK(partial.exit_code == 0);
    CHECK(partial.out.starts_with("{\"partial\":true,\"missing\":[\"" + down + "\"]}\n"));
    CHECK(has(partial.err, "sova: warning: " + down + ": the shard did not answer"));
    // The hits are those of the shards that answered.
    const std::vector<std::string> others{"-i", archive.shards[0], "-i", archive.shards[2]};
    std::string hits = partial.out.substr(partial.out.find('\n') + 1);
    CHECK(hits == sova_with({"search", "--json", "Kyiv"}, others).out);

    ProcessResult batch = sova_with({"search", "--allow-partial", "--batch", "-"}, remote, "Kyiv\nОдеса\n");
    CHECK(batch.exit_code == 0);
    std::istringstream lines(batch.out);
    int count = 0;
    for (std::string line; std::getline(lines, line); ++count)
        CHECK(has(line, "\"partial\":true,\"missing\":[\"" + down + "\"]"));
    CHECK(count == 2);

    ProcessResult entities = sova_with({"entities", "--allow-partial", "-n", "3"}, remote);
    CHECK(entities.exit_code == 0);
    CHECK(has(entities.err, "sova: warning: " + down));

    // A server that never answers the connection: the timeout is the user's.
    ProcessResult timeout = run_sova(
        {"search", "-i", "tcp://127.0.0.1:" + std::to_string(free_port()), "--connect-timeout", "0.5", "Kyiv"});
    CHECK(timeout.exit_code == 2);
    CHECK(has(timeout.err, "cannot reach the shard"));
    // A server that accepts the connection and never answers: the read timeout names it.
    {
        int silent = socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(silent >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof address;
        REQUIRE(bind(silent, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(listen(silent, 4) == 0);
        REQUIRE(getsockname(silent, reinterpret_cast<sockaddr*>(&address), &size) == 0);
        const std::string name = "127.0.0.1:" + std::to_string(ntohs(address.sin_port));
        ProcessResult hung = run_sova({"search", "-i", "tcp://" + name, "--remote-timeout", "0.5", "Kyiv"});
        close(silent);
        CHECK(hung.exit_code == 2);
        CHECK(has(hung.err, "sova: error: " + name + ": cannot reach the shard: Timeout expired"));
    }
    ProcessResult bad = run_sova({"search", "-i", "tcp://127.0.0.1", "Kyiv"});
    CHECK(bad.exit_code == 2);
    CHECK(has(bad.err, "sova: error: tcp://127.0.0.1: is not tcp://HOST:PORT"));
    ProcessResult negative = sova_with({"search", "--remote-timeout", "-1", "Kyiv"}, remote);
    CHECK(negative.exit_code == 2);
}
