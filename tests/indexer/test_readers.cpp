// Input formats: file names, walking folders, JSON Lines records and text/Markdown files.
#include "indexer/readers.hpp"

#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

using sova::detail::collect_inputs;
using sova::detail::format_from_name;
using sova::detail::InputFile;
using sova::detail::InputFormat;
using sova::detail::InputProblem;
using sova::detail::parse_json_article;
using sova::detail::text_article;

const char* format_name(InputFormat format) {
    switch (format) {
    case InputFormat::json_lines:
        return "jsonl";
    case InputFormat::text:
        return "text";
    case InputFormat::unknown:
        return "unknown";
    }
    return "?";
}

struct NameRow {
    std::string_view name;
    const char* format; // "jsonl", "text", or "" when the name says nothing
};

const NameRow name_rows[] = {
    {"a.jsonl", "jsonl"},
    {"a.ndjson", "jsonl"},
    {"a.jsonlines", "jsonl"},
    {"A.JSONL", "jsonl"},
    {"a.jsonl.gz", "jsonl"},
    {"a.ndjson.GZ", "jsonl"},
    {"dir.d/news.jsonl", "jsonl"},
    {"a.txt", "text"},
    {"a.md", "text"},
    {"a.markdown", "text"},
    {"a.text", "text"},
    {"README.MD", "text"},
    {"notes/звіт.txt", "text"},
    {"a.txt.gz", ""}, // compressed text is not read
    {"a.json", ""},
    {"a.csv", ""},
    {"a.gz", ""},
    {"jsonl", ""},
    {"a.jsonl.bak", ""},
    {"", ""},
};

struct ArticleRow {
    const char* name;
    std::string_view line;
    std::string_view id, title, text, url, date, lang, source, extra_json;
    std::size_t warnings;
};

const ArticleRow good_rows[] = {
    {"all known fields",
     R"({"id":"en-1","title":"T","text":"Body","url":"https://x.org","date":"2023-08-15","lang":"en","source":"S"})",
     "en-1", "T", "Body", "https://x.org", "2023-08-15", "en", "S", "", 0},
    {"only text", R"({"text":"Body"})", "", "", "Body", "", "", "", "", "", 0},
    {"numeric id", R"({"id":123,"text":"Body"})", "123", "", "Body", "", "", "", "", "", 0},
    {"negative numeric id", R"({"id":-5,"text":"Body"})", "-5", "", "Body", "", "", "", "", "", 0},
    {"huge numeric id", R"({"id":18446744073709551615,"text":"Body"})", "18446744073709551615", "", "Body", "", "", "",
     "", "", 0},
    {"unknown fields are kept, minified", R"({"text":"Body","tags":[ "a", "b" ],"author":{"name":"X"},"n":1.5})", "",
     "", "Body", "", "", "", "", R"({"tags":["a","b"],"author":{"name":"X"},"n":1.5})", 0},
    {"null fields are absent", R"({"id":null,"title":null,"text":"Body","url":null})", "", "", "Body", "", "", "", "",
     "", 0},
    {"optional field of the wrong type: warning", R"({"text":"Body","url":42,"date":["2023"],"lang":true})", "", "",
     "Body", "", "", "", "", "", 3},
    {"escapes and UTF-8", R"({"title":"\"Q\"","text":"Київ\n\u0416\ud83d\ude00"})", "", "\"Q\"",
     "Київ\nЖ\xF0\x9F\x98\x80", "", "", "", "", "", 0},
    {"surrounding whitespace", "  {\"text\":\"Body\"}  \r", "", "", "Body", "", "", "", "", "", 0},
    {"text kept verbatim (not trimmed)", R"({"text":"  Body  "})", "", "", "  Body  ", "", "", "", "", "", 0},
};

struct BadRow {
    const char* name;
    std::string_view line;
    std::string_view reason; // a part of the exception's message
};

const BadRow bad_rows[] = {
    {"not JSON", "this is not json", "invalid JSON"},
    {"truncated object", R"({"text":"Body")", "invalid JSON"},
    {"trailing garbage", R"({"text":"Body"} x)", "invalid JSON"},
    {"empty", "", "invalid JSON"},
    {"an array", R"(["text","Body"])", "expected a JSON object, found an array"},
    {"a string", R"("text")", "expected a JSON object, found a string"},
    {"a number", "42", "expected a JSON object, found a number"},
    {"no text, no title", R"({"id":"x"})", "article has no \"text\" and no \"title\""},
    {"empty object", "{}", "article has no \"text\" and no \"title\""},
    {"title but no text", R"({"title":"Only a title"})", "article has no \"text\""},
    {"blank text", R"({"text":" \n\t "})", "article has no \"text\""},
    {"text of the wrong type", R"({"text":42})", "field \"text\" must be a string, found a number"},
    {"title of the wrong type", R"({"title":["a"],"text":"Body"})", "field \"title\" must be a string, found an array"},
    {"fractional id", R"({"id":1.5,"text":"Body"})", "field \"id\" must be a string, found a number"},
    {"boolean id", R"({"id":true,"text":"Body"})", "field \"id\" must be a string, found a boolean"},
    {"object id", R"({"id":{},"text":"Body"})", "field \"id\" must be a string, found an object"},
};

struct TextRow {
    const char* name;
    std::string_view content;
    std::string_view title;
    std::string_view text;
};

const TextRow text_rows[] = {
    {"title line then body", "Title\nBody line one.\nBody line two.\n", "Title", "Body line one.\nBody line two."},
    {"markdown heading", "# Field report\n\nKharkiv, morning.\n", "Field report", "Kharkiv, morning."},
    {"deeper heading", "### Notes ###\nText", "Notes ###", "Text"},
    {"heading without space", "#Title\nText", "Title", "Text"},
    {"blank lines before the title", "\n\n  \n  Title  \nText", "Title", "Text"},
    {"CRLF", "Title\r\n\r\nText\r\n", "Title", "Text"},
    {"byte order mark", "\xEF\xBB\xBFTitle\nText", "Title", "Text"},
    {"only a title: it is also the text", "# Just a title\n", "Just a title", "Just a title"},
    {"Cyrillic", "Звіт про енергетику\n\nТекст звіту.", "Звіт про енергетику", "Текст звіту."},
    {"empty", "", "", ""},
};

std::string describe(const std::vector<InputFile>& inputs, const std::filesystem::path& base) {
    std::string out;
    for (const auto& input : inputs) {
        std::filesystem::path p(input.path);
        std::string shown = input.path == "-" ? "-" : p.lexically_relative(base).generic_string();
        out += shown + ":" + format_name(input.format) + " ";
    }
    return out;
}

} // namespace

TEST_CASE("format_from_name") {
    for (const NameRow& row : name_rows) {
        SUBCASE(std::string(row.name).c_str()) {
            InputFormat format = InputFormat::unknown;
            const bool known = format_from_name(std::filesystem::path(std::string(row.name)), format);
            CHECK(known == (std::string_view(row.format) != ""));
            if (known) CHECK(std::string_view(format_name(format)) == row.format);
        }
    }
}

TEST_CASE("collect_inputs: folders are walked in a stable order, problems are reported") {
    sova::test::TempDir dir;
    const auto base = dir.path();
    dir.write("corpus/b.md", "# B\ntext");
    dir.write("corpus/a.jsonl", "{\"text\":\"a\"}\n");
    dir.write("corpus/sub/c.txt", "C\ntext");
    dir.write("corpus/sub/d.ndjson.gz", "");
    dir.write("corpus/sub/deeper/e.jsonl", "");
    dir.write("corpus/.hidden/f.jsonl", ""); // hidden folder: skipped
    dir.write("corpus/.g.jsonl", "");        // hidden file: skipped
    dir.write("corpus/h.json", "{}");        // unknown type in a folder: passed over
    dir.write("corpus/i.csv", "a,b");
    dir.write("elsewhere/j.jsonl", "");
    std::filesystem::create_directory_symlink(base / "elsewhere", base / "corpus" / "link"); // not followed
    const std::string unknown = dir.write("single.dat", "{\"text\":\"x\"}\n");

    std::vector<InputProblem> problems;
    const auto inputs = collect_inputs({dir / "corpus", unknown, dir / "missing", "-", dir / "corpus/b.md"}, problems);

    CHECK(describe(inputs, base) ==
          "corpus/a.jsonl:jsonl corpus/b.md:text corpus/sub/c.txt:text corpus/sub/d.ndjson.gz:jsonl "
          "corpus/sub/deeper/e.jsonl:jsonl single.dat:unknown -:jsonl corpus/b.md:text ");
    REQUIRE(inputs.size() == 8);
    // Text ids are relative to id_base: the folder given, or the file's own folder.
    CHECK(inputs[0].id_base == dir / "corpus");
    CHECK(inputs[2].id_base == dir / "corpus");
    CHECK(inputs[5].id_base == base.string());
    CHECK(inputs[7].id_base == dir / "corpus");

    REQUIRE(problems.size() == 1);
    CHECK(problems[0].path == dir / "missing");
    CHECK(problems[0].reason == "no such file or directory");
}

TEST_CASE("collect_inputs: an empty folder yields nothing and no problem") {
    sova::test::TempDir dir;
    std::filesystem::create_directories(dir.path() / "empty");
    std::vector<InputProblem> problems;
    CHECK(collect_inputs({dir / "empty"}, problems).empty());
    CHECK(problems.empty());
}

TEST_CASE("parse_json_article: accepted records") {
    for (const ArticleRow& row : good_rows) {
        SUBCASE(row.name) {
            std::vector<std::string> warnings;
            const sova::Article a = parse_json_article(row.line, warnings);
            CHECK(a.id == row.id);
            CHECK(a.title == row.title);
            CHECK(a.text == row.text);
            CHECK(a.url == row.url);
            CHECK(a.date == row.date);
            CHECK(a.lang == row.lang);
            CHECK(a.source == row.source);
            CHECK(a.extra_json == row.extra_json);
            CHECK(warnings.size() == row.warnings);
            for (const auto& w : warnings) CHECK(w.find("must be a string") != std::string::npos);
        }
    }
}

TEST_CASE("parse_json_article: rejected records say why") {
    for (const BadRow& row : bad_rows) {
        SUBCASE(row.name) {
            std::vector<std::string> warnings;
            try {
                (void)parse_json_article(row.line, warnings);
                FAIL("accepted");
            } catch (const sova::detail::RecordError& e) {
                INFO("message: " << e.what());
                CHECK(std::string_view(e.what()).find(row.reason) != std::string_view::npos);
            }
        }
    }
}

TEST_CASE("parse_json_article: a warning names the field") {
    std::vector<std::string> warnings;
    (void)parse_json_article(R"({"text":"Body","source":7})", warnings);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0] == "field \"source\" must be a string, found a number; ignored");
}

TEST_CASE("parse_json_article: the parser is reusable after an error") {
    std::vector<std::string> warnings;
    CHECK_THROWS_AS((void)parse_json_article("{broken", warnings), sova::detail::RecordError);
    CHECK(parse_json_article(R"({"text":"fine"})", warnings).text == "fine");
}

TEST_CASE("text_article: first non-blank line is the title") {
    for (const TextRow& row : text_rows) {
        SUBCASE(row.name) {
            const sova::Article a = text_article(row.content, "notes/x.md");
            CHECK(a.id == "notes/x.md");
            CHECK(a.title == row.title);
            CHECK(a.text == row.text);
            CHECK(a.url.empty());
            CHECK(a.lang.empty());
        }
    }
}
