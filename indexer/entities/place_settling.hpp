// Stage 2 of entity recognition: settling which place a name of several places is, and whether
// a lone word names a place at all, from the places the article names without doubt.
#pragma once

#include "indexer/entities/mention.hpp"

#include <string>
#include <vector>

namespace sova::detail {

/// The places an article names without doubt, and what they settle.
class PlaceContext {
public:
    /// From the mentions the scanner found. `capitals_mark_names`: false in a language that
    /// capitalises every noun.
    PlaceContext(const std::vector<Mention>& mentions, bool capitals_mark_names);

    /// Whether the article names `entry`'s country.
    bool in_context(const NameEntry& entry) const;

    /// The entry a mention's candidates most likely mean: the user's, then one in a country the
    /// article names, then a country over a city over a region, then the most populous; the
    /// first of equals.
    const NameEntry* resolve(const std::vector<const NameEntry*>& entries) const;

    /// Whether a lone capitalised word `m` names `entry`: countries always; cities when large
    /// enough or when the article names their country; regions only then.
    bool accept_single(const NameEntry& entry, const Mention& m) const;

private:
    std::vector<std::string> m_countries;
    bool m_capitals_mark_names;
};

} // namespace sova::detail
