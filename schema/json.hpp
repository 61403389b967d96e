// Writing JSON: just enough for document data and the command line's --json output.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace sova::schema {

/// Appends `text` (UTF-8) to `out` as a quoted JSON string. Control characters are escaped;
/// everything else is written as is (JSON is UTF-8).
void append_json_string(std::string& out, std::string_view text);

/// Incrementally writes one JSON object: `{"a":1,"b":"x"}`.
class JsonObject {
public:
    explicit JsonObject(std::string& out);
    JsonObject& field(std::string_view key, std::string_view value);
    JsonObject& field(std::string_view key, const char* value) { return field(key, std::string_view(value)); }
    JsonObject& field(std::string_view key, double value);
    JsonObject& field(std::string_view key, long long value);
    JsonObject& field(std::string_view key, unsigned long long value);
    JsonObject& field(std::string_view key, bool value);
    /// Writes `raw` (already valid JSON) as the value.
    JsonObject& raw_field(std::string_view key, std::string_view raw);
    /// Starts a field and returns the buffer so that the caller writes the value itself.
    std::string& key(std::string_view key);
    /// Writes the members of `object` (a JSON object, e.g. an article's further input fields)
    /// as fields of this one, but for those named in `taken` (fields of its own). Anything
    /// that is not a valid JSON object writes nothing.
    JsonObject& members(std::string_view object, std::initializer_list<std::string_view> taken);
    void close();

private:
    std::string& m_out;
    bool m_first = true;
    bool m_closed = false;
};

} // namespace sova::schema
