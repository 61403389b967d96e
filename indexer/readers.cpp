#include "indexer/readers.hpp"

#include "schema/json.hpp"

#include <simdjson.h>

#include <algorithm>
#include <stdexcept>
#include <system_error>

namespace fs = std::filesystem;

namespace sova::detail {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string lower_ascii(std::string s) {
    for (char& ch : s)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return s;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

const char* type_name(simdjson::dom::element_type type) {
    switch (type) {
    case simdjson::dom::element_type::ARRAY:
        return "an array";
    case simdjson::dom::element_type::OBJECT:
        return "an object";
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
        return "a number";
    case simdjson::dom::element_type::STRING:
        return "a string";
    case simdjson::dom::element_type::BOOL:
        return "a boolean";
    case simdjson::dom::element_type::NULL_VALUE:
        return "null";
    }
    return "a value";
}

} // namespace

bool format_from_name(const fs::path& path, InputFormat& format) {
    std::string name = lower_ascii(path.filename().string());
    if (ends_with(name, ".gz")) name.resize(name.size() - 3);
    for (std::string_view ext : {".jsonl", ".ndjson", ".jsonlines"})
        if (ends_with(name, ext)) {
            format = InputFormat::json_lines;
            return true;
        }
    for (std::string_view ext : {".txt", ".md", ".markdown", ".text"})
        if (ends_with(name, ext) && !ends_with(lower_ascii(path.filename().string()), ".gz")) {
            format = InputFormat::text;
            return true;
        }
    return false;
}

namespace {

// Walks one folder tree: files of known formats, sorted; hidden entries and symlinked folders
// are not followed (no loops); every folder that cannot be read is reported, not skipped silently.
void walk(const fs::path& folder, const fs::path& root, std::vector<InputFile>& found, std::size_t& ignored,
          std::vector<InputProblem>& errors, int depth) {
    if (depth > 256) {
        errors.push_back({folder.string(), "folders nest deeper than 256 levels; not read"});
        return;
    }
    std::error_code ec;
    fs::directory_iterator it(folder, ec);
    if (ec) {
        errors.push_back({folder.string(), "cannot read folder: " + ec.message()});
        return;
    }
    std::vector<fs::directory_entry> entries;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        entries.push_back(*it);
    }
    if (ec) errors.push_back({folder.string(), "cannot read folder: " + ec.message()});
    std::sort(entries.begin(), entries.end(),
              [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path() < b.path(); });
    for (const auto& entry : entries) {
        if (entry.path().filename().string().starts_with(".")) continue;
        std::error_code type_ec;
        if (entry.is_directory(type_ec)) {
            if (!entry.is_symlink(type_ec)) walk(entry.path(), root, found, ignored, errors, depth + 1);
            continue;
        }
        if (!entry.is_regular_file(type_ec)) continue;
        InputFormat format;
        if (format_from_name(entry.path(), format))
            found.push_back({entry.path().string(), root.string(), format});
        else
            ++ignored;
    }
}

} // namespace

std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths, std::vector<InputProblem>& errors,
                                      std::size_t* ignored_files) {
    std::vector<InputFile> inputs;
    std::size_t ignored = 0;
    for (const std::string& given : paths) {
        if (given == "-") {
            inputs.push_back({given, {}, InputFormat::json_lines});
            continue;
        }
        std::error_code ec;
        fs::path path(given);
        fs::file_status status = fs::status(path, ec);
        if (ec && ec != std::errc::no_such_file_or_directory) {
            errors.push_back({given, ec.message()});
            continue;
        }
        if (ec || !fs::exists(status)) {
            errors.push_back({given, "no such file or directory"});
            continue;
        }
        if (fs::is_directory(status)) {
            walk(path, path, inputs, ignored, errors, 0);
            continue;
        }
        InputFormat format = InputFormat::unknown;
        if (!format_from_name(path, format)) format = InputFormat::unknown; // sniffed when read
        inputs.push_back({given, path.parent_path().string(), format});
    }
    if (ignored_files) *ignored_files = ignored;
    return inputs;
}

Article parse_json_article(std::string_view line, std::vector<std::string>& warnings) {
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (auto error = parser.parse(line.data(), line.size()).get(root); error != simdjson::SUCCESS)
        throw RecordError(std::string("invalid JSON: ") + simdjson::error_message(error));
    simdjson::dom::object object;
    if (root.get_object().get(object) != simdjson::SUCCESS)
        throw RecordError(std::string("expected a JSON object, found ") + type_name(root.type()));

    Article article;
    std::string extra;
    schema::JsonObject extra_json(extra);
    bool has_extra = false;
    for (auto [key, value] : object) {
        std::string* target = nullptr;
        if (key == "id")
            target = &article.id;
        else if (key == "title")
            target = &article.title;
        else if (key == "text")
            target = &article.text;
        else if (key == "url")
            target = &article.url;
        else if (key == "date")
            target = &article.date;
        else if (key == "lang")
            target = &article.lang;
        else if (key == "source")
            target = &article.source;
        if (!target) {
            extra_json.raw_field(key, simdjson::minify(value));
            has_extra = true;
            continue;
        }
        std::string_view text;
        if (value.get_string().get(text) == simdjson::SUCCESS) {
            *target = text;
            continue;
        }
        if (value.is_null()) continue;
        if (key == "id" && (value.is_int64() || value.is_uint64())) { // numeric ids are common
            *target = simdjson::minify(value);
            continue;
        }
        std::string message = "field \"" + std::string(key) + "\" must be a string, found " + type_name(value.type());
        if (key == "text" || key == "title" || key == "id") throw RecordError(message);
        warnings.push_back(message + "; ignored");
    }
    if (has_extra) {
        extra_json.close();
        article.extra_json = std::move(extra);
    }
    if (trim(article.text).empty()) {
        throw RecordError(trim(article.title).empty() ? "article has no \"text\" and no \"title\""
                                                      : "article has no \"text\"");
    }
    return article;
}

namespace {

// A YAML front matter block ("---" lines around "key: value" lines), as static site
// generators write at the top of Markdown: its title and date become the article's.
std::string_view front_matter(std::string_view content, Article& article) {
    if (!content.starts_with("---\n") && !content.starts_with("---\r\n")) return content;
    std::size_t at = content.find('\n') + 1;
    while (at < content.size()) {
        std::size_t end = content.find('\n', at);
        std::string_view line =
            trim(content.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
        at = end == std::string_view::npos ? content.size() : end + 1;
        if (line == "---" || line == "...") return content.substr(at);
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        std::string_view key = trim(line.substr(0, colon));
        std::string_view value = trim(line.substr(colon + 1));
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
            value = value.substr(1, value.size() - 2);
        if (key == "title")
            article.title = value;
        else if (key == "date")
            article.date = value;
        else if (key == "lang" || key == "language")
            article.lang = value;
    }
    return content; // no closing line: not front matter after all
}

} // namespace

Article text_article(std::string_view content, std::string id) {
    Article article;
    article.id = std::move(id);
    std::string_view rest = content;
    if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3); // byte order mark
    std::string_view body = front_matter(rest, article);
    if (body.data() != rest.data()) {
        rest = body;
        if (!article.title.empty()) {
            article.text = trim(rest);
            if (article.text.empty()) article.text = article.title;
            return article;
        }
    } else {
        article.title.clear();
        article.date.clear();
        article.lang.clear();
    }
    while (!rest.empty()) {
        std::size_t newline = rest.find('\n');
        std::string_view line = trim(rest.substr(0, newline));
        rest = newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);
        if (line.empty()) continue;
        while (!line.empty() && line.front() == '#') line.remove_prefix(1);
        article.title = trim(line);
        break;
    }
    article.text = trim(rest);
    if (article.text.empty()) article.text = article.title;
    return article;
}

} // namespace sova::detail
