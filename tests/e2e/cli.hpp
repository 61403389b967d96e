// Helpers for end-to-end tests: run the real `sova` binary and read its JSON output.
#pragma once

#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

#include <string>
#include <vector>

namespace sova::test {

/// Runs the `sova` binary with ARGS.
ProcessResult run_sova(const std::vector<std::string>& args, const std::string& input = {});

/// A hit as `sova search --json` prints it.
struct JsonHit {
    std::size_t rank = 0;
    std::string id, title, date, lang, source, url, snippet;
    double score = 0;
    std::size_t matched = 0, clauses = 0;
    std::vector<std::pair<std::size_t, std::size_t>> highlights;
};

/// Parses JSON Lines output of `sova search --json`; fails the test on malformed output.
std::vector<JsonHit> parse_hits(const std::string& json_lines);

/// Ids of the hits, in rank order.
std::vector<std::string> ids(const std::vector<JsonHit>& hits);

/// Runs `sova search --json -i INDEX -n LIMIT QUERY` and returns the hit ids.
std::vector<std::string> search_ids(const std::string& index, const std::string& query, int limit = 10);

/// What to give `xapian-check` to check the index in the folder `index`: its stub file
/// (docs/SCHEMA.md, "The index folder") or, for an index of the older layout, the folder.
std::string xapian_check_path(const std::string& index);

/// The bytes of a file ("" when it cannot be read).
std::string read_file(const std::string& path);

/// The bundled sample corpus.
std::string sample_dir();

/// The sample's news (news.jsonl) indexed once for the whole test run, for tests that only read
/// it (a test that writes makes its own).
const std::string& sample_news_index();

/// Whether `haystack` contains `needle`.
inline bool has(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

/// One JSON Lines record with the given id and text (title "Article <id>").
inline std::string article(const std::string& id, const std::string& text) {
    return "{\"id\":\"" + id + "\",\"title\":\"Article " + id + "\",\"text\":\"" + text + "\"}\n";
}

} // namespace sova::test
