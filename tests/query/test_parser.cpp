// The query parser: query strings -> AST (rendered with describe()), syntax errors and their columns.
#include "query/parser.hpp"

#include <sova/error.hpp>

#include <doctest/doctest.h>

#include <string>

namespace {

using sova::QueryError;
using sova::detail::describe;
using sova::detail::parse_query;
using sova::detail::ParseLimits;

struct Row {
    const char* query;
    const char* expected; // describe() of the tree
};

std::string parsed(std::string_view query, bool lenient = false, const ParseLimits& limits = {}) {
    return describe(*parse_query(query, lenient, limits));
}

struct ErrorRow {
    const char* query;
    std::size_t column; // 1-based, in characters
    const char* reason; // a part of QueryError::reason()
};

// The error a strict parse of `query` throws; fails the test when nothing is thrown.
QueryError error_of(std::string_view query, const ParseLimits& limits = {}) {
    try {
        std::string tree = parsed(query, false, limits);
        FAIL("no error; parsed as " << tree);
    } catch (const QueryError& e) {
        return e;
    }
    return QueryError(0, "unreachable");
}

} // namespace

TEST_CASE("query parser: words, phrases, operators and fields") {
    const Row rows[] = {
        {"kyiv", "(list word:kyiv)"},
        {"stock -cooking", "(list word:stock -word:cooking)"},
        {"+kyiv -moscow", "(list +word:kyiv -word:moscow)"},
        {"Київ -Москва", "(list word:Київ -word:Москва)"},
        {"\"exact phrase\"", "(list phrase:\"exact phrase\")"},
        {"kyiv +\"a b\" -lang:uk (a OR b) title:x",
         "(list word:kyiv +phrase:\"a b\" -filter:lang=uk (list (any word:a word:b)) title:word:x)"},
        // OR binds tighter than juxtaposition, AND tighter than OR.
        {"a OR b", "(list (any word:a word:b))"},
        {"a OR b OR c", "(list (any word:a word:b word:c))"},
        {"a b OR c", "(list word:a (any word:b word:c))"},
        {"a AND b", "(list (all word:a word:b))"},
        {"a AND b OR c", "(list (any (all word:a word:b) word:c))"},
        {"a OR b AND c", "(list (any word:a (all word:b word:c)))"},
        {"a AND NOT b", "(list (all word:a -word:b))"},
        {"NOT a", "(list -word:a)"},
        {"a NOT b", "(list word:a -word:b)"},
        // Operators are upper case only; lower-case "or"/"and"/"not" are words.
        {"war or peace", "(list word:war word:or word:peace)"},
        {"war and not peace", "(list word:war word:and word:not word:peace)"},
        // Groups.
        {"(a b) c", "(list (list word:a word:b) word:c)"},
        {"-(a b)", "(list -(list word:a word:b))"},
        {"+(a OR b) c", "(list +(list (any word:a word:b)) word:c)"},
        // A function's name: "()" right after a word is not a group.
        {"ioctl() operations", "(list word:ioctl word:operations)"},
        {"memory from glob()", "(list word:memory word:from word:glob)"},
        {"((a))", "(list (list (list word:a)))"},
        // Title fields.
        {"title:kyiv", "(list title:word:kyiv)"},
        {"TITLE:kyiv", "(list title:word:kyiv)"},
        {"title:\"a b\"", "(list title:phrase:\"a b\")"},
        {"title:(a OR b)", "(list title:(list title:(any title:word:a title:word:b)))"},
        {"-title:kyiv", "(list -title:word:kyiv)"},
        {"title:kyi*", "(list title:wildcard:kyi*)"},
        // Filters.
        {"lang:uk", "(list filter:lang=uk)"},
        {"lang:uk,ru", "(list filter:lang=uk,ru)"},
        {"Lang:UK", "(list filter:lang=UK)"},
        {"-lang:ru війна", "(list -filter:lang=ru word:війна)"},
        {"date:2023-08..2023-09", "(list filter:date=2023-08..2023-09)"},
        {"date:2023", "(list filter:date=2023)"},
        {"date:..2023-09", "(list filter:date=..2023-09)"},
        {"date:2023-08..", "(list filter:date=2023-08..)"},
        {"after:2024-01-01 before:2024-02", "(list filter:after=2024-01-01 filter:before=2024-02)"},
        {"since:2024 until:2024-06-30", "(list filter:since=2024 filter:until=2024-06-30)"},
        {"source:bbc", "(list filter:source=bbc)"},
        {"site:bbc.com", "(list filter:source=bbc.com)"},
        {"source:\"Kyiv Independent\" war", "(list filter:source=Kyiv Independent word:war)"},
        // Unknown fields and stray colons are plain words.
        {"foo:bar", "(list word:foo:bar)"},
        {":bar", "(list word::bar)"},
        {"http://example.com", "(list word:http://example.com)"},
        // Wildcards: a trailing '*' after at least one character.
        {"kyiv*", "(list wildcard:kyiv*)"},
        {"Харк*", "(list wildcard:Харк*)"},
        {"*", "(list word:*)"},
        // '-' and '+' are operators only at the start of a word.
        {"covid-19", "(list word:covid-19)"},
        {"rock - paper", "(list word:rock word:- word:paper)"},
        {"a -", "(list word:a word:-)"},
        {"a +", "(list word:a word:+)"},
        {"+-a", "(list +word:-a)"},
        // A phrase directly followed by a word: two clauses.
        {"\"a b\"c", "(list phrase:\"a b\" word:c)"},
        {"", "(list)"},
        {"   \t ", "(list)"},
    };
    for (const Row& row : rows) {
        SUBCASE(row.query) {
            CHECK(parsed(row.query) == std::string(row.expected));
        }
    }
}

TEST_CASE("query parser: nodes carry 1-based character columns") {
    auto root = parse_query("Київ -\"війна мир\" (a)");
    REQUIRE(root->children.size() == 3);
    CHECK(root->column == 1);
    CHECK(root->children[0]->column == 1);
    CHECK(root->children[1]->column == 7); // the quote, after "Київ -" (6 characters)
    CHECK(root->children[2]->column == 19);
}

TEST_CASE("query parser: syntax errors point at the right column") {
    const ErrorRow rows[] = {
        {"\"unbalanced", 1, "missing closing '\"'"},
        {"war \"unbalanced", 5, "missing closing '\"'"},
        {"Київ \"війна", 6, "missing closing '\"'"},
        {"(a b", 1, "missing ')'"},
        {"Харків (a b", 8, "missing ')'"},
        {"a (b (c)", 3, "missing ')'"},
        {"a b)", 4, "unexpected ')'"},
        {"Київ)", 5, "unexpected ')'"},
        {"a OR", 3, "'OR' needs a term after it"},
        {"Київ OR", 6, "'OR' needs a term after it"},
        {"a OR OR b", 3, "'OR' needs a term after it"},
        {"(a OR) b", 4, "'OR' needs a term after it"},
        {"OR a", 1, "'OR' needs a term before it"},
        {"AND a", 1, "'AND' needs a term before it"},
        {"a AND", 3, "'AND' needs a term after it"},
        {"a NOT", 3, "'NOT' needs a term after it"},
        {"Київ NOT", 6, "'NOT' needs a term after it"},
        {"-OR a", 1, "'-' needs a term after it"},
        {"мир +AND", 5, "'+' needs a term after it"},
        {"NOT -a", 5, "two operators in a row"},
        {"()", 1, "empty parentheses"},
        {"Київ ( )", 6, "empty parentheses"},
        {"Київ ()", 6, "empty parentheses"},
        {"a OR -b", 7, "excluded term cannot be one side of 'OR'"},
        {"title:", 1, "'title:' needs"},
        {"title: kyiv", 1, "'title:' needs"},
        {"lang:", 1, "'lang:' needs a value"},
        {"lang:u1", 6, "not a language code"},
        {"date:2023-13", 6, "'2023-13' is not a date"},
        {"Київ date:2023-02-30", 11, "'2023-02-30' is not a date"},
        {"date:2023..20x", 12, "'20x' is not a date"},
        {"date:..", 6, "is not a date"},
        {"date:2024..2023", 6, "ends before it starts"},
        {"after:yesterday", 7, "'yesterday' is not a date"},
        {"війна before:2024-1", 14, "'2024-1' is not a date"},
        {"since:\"2024-02-30\"", 8, "is not a date"},
    };
    for (const ErrorRow& row : rows) {
        SUBCASE(row.query) {
            QueryError e = error_of(row.query);
            CHECK(e.column() == row.column);
            CHECK_MESSAGE(e.reason().find(row.reason) != std::string::npos, "reason: " << e.reason());
            CHECK(std::string(e.what()).find(e.reason()) != std::string::npos);
        }
    }
}

TEST_CASE("query parser: like:ID names an article, quoted when its id has spaces") {
    const Row rows[] = {
        {"like:en-0003", "(list like:en-0003)"},
        {"like:\"id with space\"", "(list like:id with space)"},
        {"LIKE:x energy lang:uk", "(list like:x word:energy filter:lang=uk)"},
        {"like:urn:news:1", "(list like:urn:news:1)"},
        {"+like:x Kyiv", "(list +like:x word:Kyiv)"},
        {"like:a OR like:b", "(list (any like:a like:b))"},
        {"(like:Київ-1 війна)", "(list (list like:Київ-1 word:війна))"},
    };
    for (const Row& row : rows) {
        SUBCASE(row.query) {
            CHECK(parsed(row.query) == row.expected);
        }
    }
    const ErrorRow errors[] = {
        {"like:", 1, "'like:' needs an article id"},
        {"Київ like: x", 6, "'like:' needs an article id"},
        {"war -like:x", 5, "'like:' cannot be excluded"},
        {"war NOT like:x", 5, "'like:' cannot be excluded"},
    };
    for (const ErrorRow& row : errors) {
        SUBCASE(row.query) {
            QueryError e = error_of(row.query);
            CHECK(e.column() == row.column);
            CHECK_MESSAGE(e.reason().find(row.reason) != std::string::npos, "reason: " << e.reason());
        }
    }
    // Lenient: an empty like: is dropped, an excluded one ranks.
    CHECK(parsed("war like:", true) == "(list word:war)");
    CHECK(parsed("war -like:x", true) == "(list word:war like:x)");
}

TEST_CASE("query parser: nesting and length limits") {
    ParseLimits limits;
    limits.max_depth = 3;
    limits.max_bytes = 20;

    CHECK(parsed("(((a)))", false, limits) == "(list (list (list (list word:a))))");

    QueryError deep = error_of("(((( a ))))", limits);
    CHECK(deep.column() == 4);
    CHECK(deep.reason().find("deeper than 3") != std::string::npos);
    // Column counted in characters after Cyrillic text.
    QueryError deep_cyrillic = error_of("мир ((((a))))", limits);
    CHECK(deep_cyrillic.column() == 8);

    CHECK_NOTHROW(parse_query(std::string(20, 'a'), false, limits));
    QueryError long_query = error_of(std::string(21, 'a'), limits);
    CHECK(long_query.column() == 1);
    CHECK(long_query.reason().find("21 bytes") != std::string::npos);
    // The limit is in bytes: 11 Cyrillic letters are 22 bytes.
    CHECK_THROWS_AS(parse_query("ааааааааааа", false, limits), QueryError);

    // Lenient mode still enforces the limits.
    CHECK_THROWS_AS(parse_query("((((a))))", true, limits), QueryError);
    CHECK_THROWS_AS(parse_query(std::string(21, 'a'), true, limits), QueryError);

    // The default depth limit stops a hostile query long before the stack would.
    std::string hostile = std::string(1000, '(') + "a" + std::string(1000, ')');
    CHECK(error_of(hostile).column() == 65);
}

TEST_CASE("query parser: lenient mode reads stray syntax as words") {
    const Row rows[] = {
        {"\"unbalanced phrase", "(list phrase:\"unbalanced phrase\")"},
        {"Київ \"війна", "(list word:Київ phrase:\"війна\")"},
        {"(a b", "(list (list word:a word:b))"},
        {"a b)", "(list word:a word:b)"},
        {"a) b", "(list word:a word:b)"},
        {"OR a", "(list word:OR word:a)"},
        {"a OR OR b", "(list (any word:a word:OR) word:b)"},
        {"a OR -b", "(list (any word:a word:b))"},
        {"()", "(list)"},
        {"a ()", "(list word:a)"},
        {"NOT", "(list)"},
        {"a NOT", "(list word:a)"},
        {"title:", "(list)"},
        {"lang: uk", "(list word:uk)"},
        {"kyiv lang:uk", "(list word:kyiv filter:lang=uk)"},
    };
    for (const Row& row : rows) {
        SUBCASE(row.query) {
            std::string tree;
            CHECK_NOTHROW(tree = parsed(row.query, true));
            CHECK(tree == std::string(row.expected));
        }
    }
}

// Regression (fixed): query/parser.cpp, Parser::primary()/conjunction(): in lenient mode "a OR" (and "a AND")
// make primary() take() the end token, so the next peek() reads past the end of m_tokens
// (undefined behaviour; aborts under _GLIBCXX_ASSERTIONS).
TEST_CASE("query parser: lenient mode tolerates a trailing OR or AND") {
    CHECK(parsed("a OR", true) == "(list word:a)");
    CHECK(parsed("Київ AND", true) == "(list word:Київ)");
}

// Regression (fixed): query/parser.cpp, Parser::validate_filter(): bad filter values throw even when lenient,
// although parse_query() promises that in lenient mode "nothing throws but the limits".
TEST_CASE("query parser: lenient mode does not throw for bad filter values") {
    CHECK_NOTHROW(parse_query("after:yesterday", true));
    CHECK_NOTHROW(parse_query("war date:2023-13", true));
    CHECK_NOTHROW(parse_query("lang:u1", true));
}

// Regression (fixed): query/parser.cpp, Parser::mark_title(): it sets field = "title" on every node of a
// title group, filters included, so the filter's own field ("lang", "date", ...) is lost:
// "title:(lang:uk war)" gives (list title:(list filter:title=uk title:word:war)).
TEST_CASE("query parser: filters inside a title group keep their field") {
    CHECK(parsed("title:(lang:uk war)") == "(list title:(list filter:lang=uk title:word:war))");
    CHECK(parsed("title:(war -date:2023)") == "(list title:(list title:word:war -filter:date=2023))");
}

TEST_CASE("query parser: pathological queries get a clear error or a bounded answer") {
    using sova::detail::parse_query;
    std::string words;
    for (int i = 0; i < 10000; ++i) words += "w" + std::to_string(i % 97) + " ";
    sova::detail::ParseLimits limits;
    limits.max_bytes = 1 << 20;
    CHECK_THROWS_WITH_AS(parse_query(words, false, limits),
                         "query, column 1: query has 10000 words and phrases; the limit is 1000", sova::QueryError);
    CHECK_THROWS_AS(parse_query(std::string(10000, '(') + "a" + std::string(10000, ')'), false, limits),
                    sova::QueryError);
    CHECK_NOTHROW(parse_query("a\x01 b\x7f c\x1b[2J", false));
}
