// An article: the unit Sova indexes and returns.
#pragma once

#include <sova/entity.hpp>

#include <string>
#include <vector>

namespace sova {

/// One article as read from the input. Only `text` (or `title`) must be non-empty.
struct Article {
    std::string id;         ///< Unique id; re-adding an id replaces the article. Derived from content when empty.
    std::string title;      ///< Headline; weighted higher than the body.
    std::string text;       ///< Body text, UTF-8 (invalid sequences are replaced with U+FFFD).
    std::string url;        ///< Optional; its host becomes a filter (`source:`).
    std::string date;       ///< Optional ISO 8601 date or date-time (`2023-08-15`, `2023-08`, `2023-08-15T09:30Z`).
    std::string lang;       ///< Optional ISO 639-1 code; detected from the text when empty.
    std::string source;     ///< Optional outlet or collection name.
    std::string extra_json; ///< Optional JSON object of further fields, kept verbatim in the stored document.
};

/// An article as the index stores it (Searcher::article).
struct StoredArticle {
    Article article;              ///< Every field as indexed; `date` normalised (ISO 8601).
    bool lang_detected = false;   ///< Whether `article.lang` was detected rather than given.
    std::vector<Entity> entities; ///< Its entities, most salient first (at most 20).
};

} // namespace sova
