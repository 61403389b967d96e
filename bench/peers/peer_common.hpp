// What the peer programs of the comparison harness (compare.py) share: their command line, the
// query log, the query's words and phrases, JSON Lines in and out, and the per-query timing.
#pragma once

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

namespace sova::peers {

/// A bad command line: the program prints the message and its usage, and exits with 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// `program MODE --flag value ... [positional...]`: flags all take a value.
struct CommandLine {
    std::string mode;
    std::map<std::string, std::string, std::less<>> flags;
    std::vector<std::string> positional;

    static CommandLine parse(int argc, char** argv) {
        CommandLine line;
        if (argc < 2) throw UsageError("no mode given");
        line.mode = argv[1];
        for (int i = 2; i < argc; ++i) {
            std::string_view arg = argv[i];
            if (arg.size() > 2 && arg.starts_with("--")) {
                if (i + 1 >= argc) throw UsageError(std::string(arg) + " needs a value");
                line.flags[std::string(arg.substr(2))] = argv[++i];
            } else {
                line.positional.emplace_back(arg);
            }
        }
        return line;
    }

    [[nodiscard]] std::string get(std::string_view name, std::string fallback = {}) const {
        auto it = flags.find(name);
        return it == flags.end() ? fallback : it->second;
    }

    [[nodiscard]] std::string require(std::string_view name) const {
        auto it = flags.find(name);
        if (it == flags.end() || it->second.empty()) throw UsageError("--" + std::string(name) + " is required");
        return it->second;
    }

    [[nodiscard]] std::size_t count(std::string_view name, std::size_t fallback) const {
        auto it = flags.find(name);
        if (it == flags.end()) return fallback;
        std::size_t used = 0;
        unsigned long long n = 0;
        try {
            n = std::stoull(it->second, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != it->second.size() || it->second.empty() || it->second[0] == '-')
            throw UsageError("--" + std::string(name) + " expects a non-negative number, not '" + it->second + "'");
        return static_cast<std::size_t>(n);
    }
};

struct LoggedQuery {
    std::string qid;
    std::string text;
};

/// The query log as `sova search --batch` reads it: `query` or `qid<TAB>query` per line, blank
/// lines and `#` comments skipped, the line number as qid when there is none.
inline std::vector<LoggedQuery> read_queries(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<LoggedQuery> queries;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos || line.starts_with('#')) continue;
        auto tab = line.find('\t');
        if (tab == std::string::npos)
            queries.push_back({std::to_string(number), line});
        else
            queries.push_back({line.substr(0, tab), line.substr(tab + 1)});
    }
    return queries;
}

/// The queries of a batch (`--batch FILE`) or the one query of `--query TEXT` (qid "1").
inline std::vector<LoggedQuery> queries_of(const CommandLine& line) {
    if (!line.get("batch").empty()) return read_queries(line.get("batch"));
    if (line.flags.contains("query")) return {{"1", line.get("query")}};
    throw UsageError("give --batch FILE or --query TEXT");
}

/// One item of a query: a word, or a phrase ("rolling blackouts") of several words.
struct QueryItem {
    std::vector<std::string> words;
    [[nodiscard]] bool phrase() const { return words.size() > 1; }
};

/// The query's words and quoted phrases, in order; every item is required (implicit AND). An
/// unclosed quote runs to the end of the query.
inline std::vector<QueryItem> query_items(std::string_view text) {
    std::vector<QueryItem> items;
    auto words_of = [](std::string_view part) {
        std::vector<std::string> words;
        std::size_t i = 0;
        while (i < part.size()) {
            while (i < part.size() && (part[i] == ' ' || part[i] == '\t')) ++i;
            std::size_t start = i;
            while (i < part.size() && part[i] != ' ' && part[i] != '\t') ++i;
            if (i > start) words.emplace_back(part.substr(start, i - start));
        }
        return words;
    };
    bool quoted = false;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != '"') continue;
        auto words = words_of(text.substr(start, i - start));
        if (quoted && !words.empty())
            items.push_back({std::move(words)});
        else
            for (auto& w : words) items.push_back({{std::move(w)}});
        quoted = !quoted;
        start = i + 1;
    }
    return items;
}

/// `s` as a JSON string literal.
inline std::string json_string(std::string_view s) {
    std::string out = "\"";
    for (char ch : s) {
        auto byte = static_cast<unsigned char>(ch);
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += ch;
        } else if (byte < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
            out += escaped;
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

/// The hits of one query, as the program found them.
struct Hit {
    std::string id;
    std::string title;
};

/// Runs each query through `search` (which parses, matches and fetches the stored id and title
/// of the top hits), timing that with steady_clock, and prints one JSON line per query:
/// {"qid", "ms", "ids"} (the harness compares ids and reads latencies from it).
inline void run_queries(const std::vector<LoggedQuery>& queries,
                        const std::function<std::vector<Hit>(const std::string&)>& search) {
    std::string out;
    for (const auto& q : queries) {
        auto start = std::chrono::steady_clock::now();
        std::vector<Hit> hits = search(q.text);
        auto end = std::chrono::steady_clock::now();
        double ms = std::chrono::duration<double, std::milli>(end - start).count();
        out = "{\"qid\":" + json_string(q.qid) + ",\"ms\":" + std::to_string(ms) + ",\"ids\":[";
        for (std::size_t i = 0; i < hits.size(); ++i) out += (i ? "," : "") + json_string(hits[i].id);
        out += "]}\n";
        std::fwrite(out.data(), 1, out.size(), stdout);
    }
    std::fflush(stdout);
}

/// An article of the corpus: the fields every engine indexes.
struct Article {
    std::string id;
    std::string title;
    std::string text;
};

/// Calls `take` for each article of a JSON Lines corpus (objects with `id`, `title`, `text`; a
/// numeric id is kept as written, a missing one becomes `line-N`). Lines that are not JSON
/// objects with a title and a text are counted and skipped: the return value is {articles
/// read, lines skipped}.
inline std::pair<std::size_t, std::size_t> read_corpus(const std::string& path,
                                                       const std::function<void(const Article&)>& take) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    simdjson::dom::parser parser;
    std::string line;
    Article article;
    std::size_t read = 0, skipped = 0, number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        simdjson::dom::object object;
        if (parser.parse(line).get_object().get(object) != simdjson::SUCCESS) {
            ++skipped;
            continue;
        }
        article = {};
        bool has_title = false, has_text = false;
        for (auto [key, value] : object) {
            std::string_view text;
            bool is_string = value.get_string().get(text) == simdjson::SUCCESS;
            if (key == "id") {
                article.id = is_string ? std::string(text) : simdjson::minify(value);
            } else if (key == "title" && is_string) {
                article.title = text;
                has_title = true;
            } else if (key == "text" && is_string) {
                article.text = text;
                has_text = true;
            }
        }
        if (!has_title || !has_text) {
            ++skipped;
            continue;
        }
        if (article.id.empty()) article.id = "line-" + std::to_string(number);
        take(article);
        ++read;
    }
    return {read, skipped};
}

/// The main of a peer program: runs `body`, maps a UsageError to exit status 2 with `usage`,
/// another error to 1.
inline int guarded_main(const char* name, const char* usage, const std::function<int()>& body) {
    try {
        return body();
    } catch (const UsageError& e) {
        std::cerr << name << ": " << e.what() << "\n" << usage;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << name << ": error: " << e.what() << "\n";
        return 1;
    }
}

} // namespace sova::peers
