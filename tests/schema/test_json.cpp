// Writing JSON: string escaping and the incremental object writer.
#include "schema/json.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <string_view>

namespace {

using sova::schema::append_json_string;
using sova::schema::JsonObject;

using namespace std::string_view_literals;

struct Row {
    const char* name;
    std::string_view input;
    std::string_view json;
};

const Row rows[] = {
    {"empty", ""sv, R"("")"sv},
    {"plain", "hello"sv, R"("hello")"sv},
    {"quote", R"(say "hi")"sv, R"("say \"hi\"")"sv},
    {"backslash", R"(C:\path)"sv, R"("C:\\path")"sv},
    {"newline, return, tab", "a\nb\rc\td"sv, R"("a\nb\rc\td")"sv},
    {"backspace and form feed", "\b\f"sv, R"("\b\f")"sv},
    {"other control characters", "\x01\x1F"sv, R"("\u0001\u001f")"sv},
    {"NUL", "a\0b"sv, R"("a\u0000b")"sv},
    {"DEL", "\x7F"sv, R"("\u007f")"sv},
    {"slash is not escaped", "a/b"sv, R"("a/b")"sv},
    {"UTF-8 written as is", "Київ, café, 北京, 😀"sv, R"("Київ, café, 北京, 😀")"sv},
    {"apostrophe", "п'ять"sv, R"("п'ять")"sv},
};

} // namespace

TEST_CASE("append_json_string: escaping") {
    for (const Row& row : rows) {
        SUBCASE(row.name) {
            std::string out = "prefix:";
            append_json_string(out, row.input);
            CHECK(out == "prefix:" + std::string(row.json));
        }
    }
}

TEST_CASE("JsonObject: fields of every type, in order") {
    std::string out;
    JsonObject json(out);
    json.field("s", std::string_view("x\"y"))
        .field("c", "literal")
        .field("d", 1.5)
        .field("big", 1e21)
        .field("i", -42LL)
        .field("u", 18446744073709551615ULL)
        .field("t", true)
        .field("f", false)
        .raw_field("raw", R"({"a":[1,2]})");
    json.key("custom") += "null";
    json.close();
    CHECK(out == R"({"s":"x\"y","c":"literal","d":1.5,"big":1e+21,"i":-42,"u":18446744073709551615,)"
                 R"("t":true,"f":false,"raw":{"a":[1,2]},"custom":null})");
}

TEST_CASE("JsonObject: empty object, idempotent close") {
    std::string out;
    JsonObject json(out);
    json.close();
    json.close();
    CHECK(out == "{}");
}

TEST_CASE("JsonObject: appends to what the buffer holds") {
    std::string out = "[";
    {
        JsonObject json(out);
        json.field("a", 1LL);
        json.close();
    }
    out += ',';
    {
        JsonObject json(out);
        json.field("b", 2LL);
        json.close();
    }
    out += ']';
    CHECK(out == R"([{"a":1},{"b":2}])");
}

TEST_CASE("JsonObject: keys are escaped, non-finite numbers become 0") {
    std::string out;
    JsonObject json(out);
    json.field("a\"b", 0.25);
    json.field("nan", std::numeric_limits<double>::quiet_NaN());
    json.field("inf", std::numeric_limits<double>::infinity());
    json.close();
    CHECK(out == R"({"a\"b":0.25,"nan":0,"inf":0})");
}
