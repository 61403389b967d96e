// Facets: how many matches have each language, source, year and month, counted by Xapian's
// ValueCountMatchSpy on the value slots of docs/SCHEMA.md (a remote shard runs it too).
#pragma once

#include <sova/search.hpp>

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace sova::detail {

/// The value facets a search asked for: attach() before the match, counts() after it.
class ValueFacets {
public:
    /// The lang, source, year and month facets among `facets` (entity is counted elsewhere);
    /// `month_values`: the index has month_slot (else years and months are read from dates).
    ValueFacets(const std::vector<Facet>& facets, bool month_values);

    /// Whether any value facet was asked for.
    bool empty() const { return m_facets.empty(); }
    /// Whether a language or source facet was asked for (they need the `facets` index feature).
    bool needs_facet_values() const;

    /// Counts every match the enquire's next match checks.
    void attach(Xapian::Enquire& enquire);

    /// The counts, facet by facet in the order asked: languages and sources most frequent
    /// first, years and months in time order; the articles without a value under "", last.
    std::vector<FacetCount> counts() const;
    /// The matches counted.
    std::uint64_t counted() const;

private:
    std::vector<Facet> m_facets;
    bool m_month_values = true;
    std::unique_ptr<Xapian::ValueCountMatchSpy> m_date, m_lang, m_source;
};

} // namespace sova::detail
