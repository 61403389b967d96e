#include "schema/json.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sova::schema {

void append_json_string(std::string& out, std::string_view text) {
    out.push_back('"');
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        switch (ch) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (c < 0x20 || c == 0x7F) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                out += buffer;
            } else {
                out.push_back(ch);
            }
        }
    }
    out.push_back('"');
}

JsonObject::JsonObject(std::string& out) : m_out(out) {
    m_out.push_back('{');
}

std::string& JsonObject::key(std::string_view name) {
    if (!m_first) m_out.push_back(',');
    m_first = false;
    append_json_string(m_out, name);
    m_out.push_back(':');
    return m_out;
}

JsonObject& JsonObject::field(std::string_view name, std::string_view value) {
    append_json_string(key(name), value);
    return *this;
}

JsonObject& JsonObject::field(std::string_view name, double value) {
    char buffer[64];
    if (!std::isfinite(value)) value = 0;
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
    key(name) += buffer;
    return *this;
}

JsonObject& JsonObject::field(std::string_view name, long long value) {
    key(name) += std::to_string(value);
    return *this;
}

JsonObject& JsonObject::field(std::string_view name, unsigned long long value) {
    key(name) += std::to_string(value);
    return *this;
}

JsonObject& JsonObject::field(std::string_view name, bool value) {
    key(name) += value ? "true" : "false";
    return *this;
}

JsonObject& JsonObject::raw_field(std::string_view name, std::string_view raw) {
    key(name) += raw;
    return *this;
}

JsonObject& JsonObject::members(std::string_view object, std::initializer_list<std::string_view> taken) {
    if (object.empty()) return *this;
    // Called for every hit that has further fields: one parser per thread keeps its buffers.
    thread_local simdjson::dom::parser parser;
    simdjson::dom::object members;
    if (parser.parse(object.data(), object.size()).get(members) != simdjson::SUCCESS) return *this;
    for (auto [name, value] : members)
        if (std::find(taken.begin(), taken.end(), name) == taken.end()) raw_field(name, simdjson::minify(value));
    return *this;
}

void JsonObject::close() {
    if (!m_closed) m_out.push_back('}');
    m_closed = true;
}

} // namespace sova::schema
