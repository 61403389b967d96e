#include "schema/document_data.hpp"

#include "schema/json.hpp"
#include "schema/schema.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace sova::schema {

std::string lexicon_key(std::string_view lang, std::string_view lower) {
    std::string key = "lexicon:";
    key.append(lang).append(":").append(lower);
    return key;
}

std::string entity_key(std::string_view key) {
    std::string meta = "entity:";
    meta.append(key);
    return meta;
}

std::string entity_name_key(std::string_view name_key) {
    std::string meta = "ename:";
    meta.append(name_key);
    return meta;
}

std::string aboutness_term(unsigned salience, std::string_view entity_key) {
    if (salience <= 1) return {};
    std::string term(aboutness_prefix);
    term += static_cast<char>('0' + std::min(salience, aboutness_full));
    term.append(entity_key);
    return term;
}

std::string order_value(std::string_view date_key, std::string_view id) {
    // Each digit of the date as 9 - digit: ascending order is newest first, undated last.
    std::string value(8, '9');
    for (std::size_t i = 0; i < date_key.size() && i < value.size(); ++i)
        if (date_key[i] >= '0' && date_key[i] <= '9') value[i] = static_cast<char>('9' - (date_key[i] - '0'));
    value += id_term(id);
    return value;
}

std::string oldest_order_value(std::string_view date_key, std::string_view id) {
    std::string value(8, '9');
    if (date_key.size() == value.size()) value = date_key;
    value += id_term(id);
    return value;
}

std::string source_value(std::string_view source) {
    std::string value;
    bool space = false;
    for (char ch : source) {
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            space = !value.empty();
            continue;
        }
        if (space) value += ' ';
        space = false;
        value += ch;
    }
    return value;
}

std::string id_term(std::string_view id) {
    std::string term(id_prefix);
    if (id.size() <= max_id_term_bytes)
        term.append(id);
    else
        term.append("#").append(content_hash(id));
    return term;
}

std::string content_hash(std::string_view data) {
    // Two FNV-1a 64-bit streams with different offset bases make a 128-bit digest: not
    // cryptographic, but stable everywhere and collision-free in practice for article ids.
    std::uint64_t a = 0xcbf29ce484222325ULL;
    std::uint64_t b = 0x84222325cbf29ce4ULL;
    for (char ch : data) {
        auto c = static_cast<unsigned char>(ch);
        a = (a ^ c) * 0x100000001b3ULL;
        b = (b ^ (c + 0x9dU)) * 0x100000001b3ULL;
    }
    char buffer[33];
    std::snprintf(buffer, sizeof buffer, "%016llx%016llx", static_cast<unsigned long long>(a),
                  static_cast<unsigned long long>(b));
    return buffer;
}

std::string encode_document_data(const StoredArticle& stored) {
    return encode_document_data(stored.article, stored.lang_detected, stored.entities);
}

void append_entity_list(std::string& out, const std::vector<Entity>& entities, std::string_view mentions_key,
                        std::string_view salience_key) {
    out += '[';
    for (std::size_t i = 0; i < entities.size(); ++i) {
        if (i > 0) out += ',';
        JsonObject entity(out);
        entity.field("key", entities[i].key);
        entity.field("type", entities[i].type);
        entity.field("name", entities[i].name);
        entity.field(mentions_key, static_cast<unsigned long long>(entities[i].mentions));
        entity.field(salience_key, static_cast<unsigned long long>(entities[i].salience));
        entity.close();
    }
    out += ']';
}

std::string encode_document_data(const Article& a, bool lang_detected, const std::vector<Entity>& entities) {
    std::string out;
    out.reserve(a.text.size() + a.title.size() + 256);
    JsonObject json(out);
    json.field("v", static_cast<long long>(data_version));
    json.field("id", a.id);
    json.field("title", a.title);
    if (!a.url.empty()) json.field("url", a.url);
    if (!a.date.empty()) json.field("date", a.date);
    if (!a.lang.empty()) json.field("lang", a.lang);
    if (lang_detected) json.field("lang_detected", true);
    if (!a.source.empty()) json.field("source", a.source);
    if (!entities.empty()) {
        append_entity_list(json.key("entities"), entities, "n", "s");
    }
    json.field("text", a.text);
    if (!a.extra_json.empty()) json.raw_field("fields", a.extra_json);
    json.close();
    return out;
}

StoredArticle decode_document_data(std::string_view data) {
    StoredArticle stored;
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(data.data(), data.size()).get(root) != simdjson::SUCCESS) return stored;
    simdjson::dom::object object;
    if (root.get_object().get(object) != simdjson::SUCCESS) return stored;
    Article& a = stored.article;
    for (auto [key, value] : object) {
        std::string_view text;
        if (key == "fields") {
            a.extra_json = simdjson::minify(value);
            continue;
        }
        if (key == "entities") {
            simdjson::dom::array list;
            if (value.get_array().get(list) != simdjson::SUCCESS) continue;
            for (simdjson::dom::element item : list) {
                Entity entity;
                std::string_view field;
                std::uint64_t number = 0;
                if (item["key"].get_string().get(field) == simdjson::SUCCESS) entity.key = field;
                if (item["type"].get_string().get(field) == simdjson::SUCCESS) entity.type = field;
                if (item["name"].get_string().get(field) == simdjson::SUCCESS) entity.name = field;
                if (item["n"].get_uint64().get(number) == simdjson::SUCCESS)
                    entity.mentions = static_cast<unsigned>(number);
                if (item["s"].get_uint64().get(number) == simdjson::SUCCESS)
                    entity.salience = static_cast<unsigned>(number);
                if (!entity.key.empty()) stored.entities.push_back(std::move(entity));
            }
            continue;
        }
        if (key == "lang_detected") {
            bool flag = false;
            if (value.get_bool().get(flag) == simdjson::SUCCESS) stored.lang_detected = flag;
            continue;
        }
        if (value.get_string().get(text) != simdjson::SUCCESS) continue;
        if (key == "id")
            a.id = text;
        else if (key == "title")
            a.title = text;
        else if (key == "text")
            a.text = text;
        else if (key == "url")
            a.url = text;
        else if (key == "date")
            a.date = text;
        else if (key == "lang")
            a.lang = text;
        else if (key == "source")
            a.source = text;
    }
    return stored;
}

} // namespace sova::schema
