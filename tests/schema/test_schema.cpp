// Schema helpers shared by the indexer and the query side: id terms, content hashes, filter keys.
#include "schema/schema.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace {

using sova::schema::content_hash;
using sova::schema::id_term;
using sova::schema::max_id_term_bytes;
using sova::schema::source_key;
using sova::schema::url_host;

struct HashRow {
    std::string_view data;
    std::string_view hash;
};

// The first half is standard 64-bit FNV-1a (published test vectors for "", "a", "foobar").
// These values must never change: derived article ids are built from them.
const HashRow hash_rows[] = {
    {"", "cbf29ce48422232584222325cbf29ce4"},
    {"a", "af63dc4c8601ec8c789dd3398d3f402e"},
    {"foobar", "85944171f73967e8aa790a408bbd588d"},
    {"Title\nBody text", "8b85f92930eec17c4273fd4ac7c32cf0"},
};

struct Row {
    std::string_view input;
    std::string_view expected;
};

const Row source_rows[] = {
    {"BBC", "bbc"},
    {"The Guardian", "the guardian"},
    {"  The   Guardian  ", "the guardian"},
    {"Le\tMonde\nDiplomatique", "le monde diplomatique"},
    {"Süddeutsche Zeitung", "suddeutsche zeitung"},
    {"BBC\u00A0News", "bbc news"}, // no-break space folds to a space under NFKC
    {"Українська правда", "українська правда"},
    {"Новая газета", "новая газета"},
    {"Ёжик", "ежик"},
    {"", ""},
    {"   ", ""},
};

const Row host_rows[] = {
    {"https://www.example.com/news/1", "example.com"},
    {"http://Example.COM", "example.com"},
    {"HTTPS://WWW.EXAMPLE.COM/", "example.com"},
    {"https://news.example.co.uk:8443/path?q=1#frag", "news.example.co.uk"},
    {"https://example.com?q=1", "example.com"},
    {"https://example.com#top", "example.com"},
    {"http://user:secret@host.org/x", "host.org"},
    {"example.com", "example.com"},
    {"www.bbc.co.uk/news", "bbc.co.uk"},
    {"wwwexample.com", "wwwexample.com"},
    {"https://pravda.com.ua/articles/2023/08/15/", "pravda.com.ua"},
    {"https://київ.укр/новини", "київ.укр"},
    {"http://[::1]/x", "[::1]"}, // IPv6 literals keep their brackets and lose their port
    {"http://[::1]:8080/x", "[::1]"},
    {"https://[2001:DB8::1]:443/", "[2001:db8::1]"},
    {"", ""},
    {"https://", ""},
    {"http://exa mple.com/", ""},
};

} // namespace

TEST_CASE("content_hash: stable 128-bit FNV-1a") {
    for (const HashRow& row : hash_rows) {
        SUBCASE(("\"" + std::string(row.data) + "\"").c_str()) {
            CHECK(content_hash(row.data) == row.hash);
        }
    }
    CHECK(content_hash("a") != content_hash("b"));
    CHECK(content_hash("ab") != content_hash("ba"));
}

TEST_CASE("id_term: Q prefix, over-long ids are hashed") {
    CHECK(id_term("en-0001") == "Qen-0001");
    CHECK(id_term("") == "Q");
    CHECK(id_term("12345") == "Q12345");
    CHECK(id_term("notes/звіт.md") == "Qnotes/звіт.md");

    const std::string at_limit(max_id_term_bytes, 'x');
    CHECK(id_term(at_limit) == "Q" + at_limit);

    const std::string over(max_id_term_bytes + 1, 'x');
    CHECK(id_term(over) == "Q#" + content_hash(over));
    CHECK(id_term(over) == "Q#3631500d06f3bba789708c492636712b");
    CHECK(id_term(over).size() < 245); // Xapian's term length limit

    const std::string other(max_id_term_bytes + 1, 'y');
    CHECK(id_term(other) != id_term(over));
}

TEST_CASE("source_key: folded, single-spaced") {
    for (const Row& row : source_rows) {
        SUBCASE(std::string(row.input).c_str()) {
            CHECK(source_key(row.input) == row.expected);
        }
    }
}

TEST_CASE("url_host: the host, lower-cased, without www.") {
    for (const Row& row : host_rows) {
        SUBCASE(std::string(row.input).c_str()) {
            CHECK(url_host(row.input) == row.expected);
        }
    }
}
