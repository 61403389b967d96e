// What the query compiler needs to know of the index it compiles for: article counts for IDF,
// the languages present, and the entity vocabulary. One interface instead of callbacks; the
// Xapian-backed implementation is in query/xapian_statistics.hpp, tests use small fakes.
#pragma once

#include "tokenizers/language.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sova::detail {

/// The defaults describe an index nothing is known of: no article counts (so no coordination,
/// and every query word gets its cross-script key), no entities.
class IndexStatistics {
public:
    IndexStatistics() = default;
    IndexStatistics(const IndexStatistics&) = default;
    IndexStatistics& operator=(const IndexStatistics&) = default;
    virtual ~IndexStatistics() = default;

    /// The languages whose stemmers a query word of `script` is stemmed with, most used first.
    virtual std::vector<std::string> stem_languages(Script script) const = 0;
    /// Articles in the index (0: unknown).
    virtual double documents() const { return 0; }
    /// Articles holding `term`.
    virtual double document_frequency(const std::string& /*term*/) const { return 0; }
    /// The entity keys a name key (schema::entity_name_key) names in the index.
    virtual std::vector<std::string> entities_named(const std::string& /*name_key*/) const { return {}; }
    /// Whether the index has articles with the entity `key` (place:kyiv.ua).
    virtual bool entity_exists(const std::string& /*key*/) const { return false; }
    /// The terms that start with `prefix`, the `limit` held by most articles (ties: in term
    /// order), as a `prefix*` query matches them; nullopt when this index cannot say (then
    /// Xapian expands the prefix itself).
    virtual std::optional<std::vector<std::string>> expand_prefix(const std::string& /*prefix*/,
                                                                  unsigned /*limit*/) const {
        return std::nullopt;
    }
    /// Articles holding `entity_term` and any of `context` (the query's other words).
    virtual double cooccurrence(const std::string& /*entity_term*/, const std::vector<std::string>& /*context*/) const {
        return 0;
    }
};

} // namespace sova::detail
