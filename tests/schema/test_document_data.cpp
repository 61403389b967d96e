// The JSON stored with each document: exact encoding, and decoding back (also of foreign data).
#include "schema/document_data.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using sova::schema::decode_document_data;
using sova::schema::encode_document_data;
using sova::schema::StoredArticle;

StoredArticle full_article() {
    StoredArticle stored;
    stored.article.id = "en-0001";
    stored.article.title = "Kyiv \"metro\"";
    stored.article.text = "Line one.\nLine two: Київ, café.";
    stored.article.url = "https://example.com/a?b=1";
    stored.article.date = "2023-08-15";
    stored.article.lang = "en";
    stored.article.source = "Example News";
    stored.article.extra_json = R"({"tags":["a","b"],"n":1})";
    stored.lang_detected = true;
    return stored;
}

} // namespace

TEST_CASE("encode_document_data: every field, in the documented order") {
    CHECK(encode_document_data(full_article()) ==
          R"({"v":1,"id":"en-0001","title":"Kyiv \"metro\"","url":"https://example.com/a?b=1",)"
          R"("date":"2023-08-15","lang":"en","lang_detected":true,"source":"Example News",)"
          R"("text":"Line one.\nLine two: Київ, café.","fields":{"tags":["a","b"],"n":1}})");
}

TEST_CASE("encode_document_data: empty optional fields are omitted") {
    StoredArticle stored;
    stored.article.text = "body";
    CHECK(encode_document_data(stored) == R"({"v":1,"id":"","title":"","text":"body"})");
}

TEST_CASE("decode_document_data: round trip") {
    const StoredArticle original = full_article();
    const StoredArticle decoded = decode_document_data(encode_document_data(original));
    CHECK(decoded.article.id == original.article.id);
    CHECK(decoded.article.title == original.article.title);
    CHECK(decoded.article.text == original.article.text);
    CHECK(decoded.article.url == original.article.url);
    CHECK(decoded.article.date == original.article.date);
    CHECK(decoded.article.lang == original.article.lang);
    CHECK(decoded.article.source == original.article.source);
    CHECK(decoded.article.extra_json == original.article.extra_json);
    CHECK(decoded.lang_detected);
}

TEST_CASE("decode_document_data: round trip of a minimal article") {
    StoredArticle original;
    original.article.text = "only text";
    const StoredArticle decoded = decode_document_data(encode_document_data(original));
    CHECK(decoded.article.text == "only text");
    CHECK(decoded.article.id.empty());
    CHECK(decoded.article.url.empty());
    CHECK(decoded.article.extra_json.empty());
    CHECK_FALSE(decoded.lang_detected);
}

TEST_CASE("decode_document_data: data written by another program") {
    SUBCASE("not JSON") {
        const StoredArticle decoded = decode_document_data("plain text, as omindex might store");
        CHECK(decoded.article.id.empty());
        CHECK(decoded.article.text.empty());
    }
    SUBCASE("empty") {
        CHECK(decode_document_data("").article.text.empty());
    }
    SUBCASE("not an object") {
        CHECK(decode_document_data(R"(["id","x"])").article.id.empty());
    }
    SUBCASE("fields of the wrong type are skipped, the rest is read") {
        const StoredArticle decoded =
            decode_document_data(R"({"id":7,"title":null,"text":"body","lang_detected":"yes","url":"u"})");
        CHECK(decoded.article.id.empty());
        CHECK(decoded.article.title.empty());
        CHECK(decoded.article.text == "body");
        CHECK(decoded.article.url == "u");
        CHECK_FALSE(decoded.lang_detected);
    }
    SUBCASE("unknown keys are ignored; escapes are decoded") {
        const StoredArticle decoded = decode_document_data(R"({"other":1,"text":"a\"b\\c\u0416"})");
        CHECK(decoded.article.text == "a\"b\\cЖ");
    }
    SUBCASE("fields are minified") {
        const StoredArticle decoded = decode_document_data(R"({"text":"t","fields":{ "a" : [ 1 , 2 ] }})");
        CHECK(decoded.article.extra_json == R"({"a":[1,2]})");
    }
}
