// Facets: how many matches have each language, source, year and month, counted on the value
// slots of docs/SCHEMA.md: locally by SlotCounts, of the matches match_set reads from posting
// lists or during the match (from facet columns once they pay), with remote shards by Xapian's
// ValueCountMatchSpy during the match (a remote shard runs it too).
#pragma once

#include "query/facet_columns.hpp"

#include <sova/search.hpp>

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sova::detail {

/// The value facets a search asked for: attach() before the match, counts() after it.
class ValueFacets {
public:
    /// The lang, source, year and month facets among `facets` (entity is counted elsewhere);
    /// `month_values`: the index has month_slot (else years and months are read from dates);
    /// `columns`: the searcher's facet columns for a local match, nullptr with remote shards.
    ValueFacets(const std::vector<Facet>& facets, bool month_values, FacetColumns* columns);
    ValueFacets(ValueFacets&&) noexcept;
    ~ValueFacets();

    /// Whether any value facet was asked for.
    bool empty() const { return m_facets.empty(); }
    /// Whether a language or source facet was asked for (they need the `facets` index feature).
    bool needs_facet_values() const;

    /// Counts every match the next match of `enquire`, on `db`, checks.
    void attach(Xapian::Enquire& enquire, const Xapian::Database& db);
    /// Counts the matches `ids` of `db` (match_set), ascending, instead (a local archive:
    /// `columns` given). One of attach() and count_all(), once.
    void count_all(const std::vector<Xapian::docid>& ids, const Xapian::Database& db);

    /// After the match: the counts, facet by facet in the order asked: languages and sources
    /// most frequent first, years and months in time order; the articles without a value under
    /// "", last. Tells the columns how many values were read.
    std::vector<FacetCount> count();
    /// The matches counted.
    std::uint64_t counted() const;

private:
    // One slot's counts: SlotCounts locally, a ValueCountMatchSpy with remote shards.
    struct Counter {
        Xapian::valueno slot = 0;
        const SlotCounts* local = nullptr; // in m_spy
        std::unique_ptr<Xapian::ValueCountMatchSpy> remote;

        std::uint64_t total() const;
        std::vector<std::pair<std::string, std::uint64_t>> counts() const;
    };
    class LocalSpy;
    const Counter* counter(Xapian::valueno slot) const;
    Xapian::valueno slot_of(Facet facet) const;
    // A counter for each slot asked for; with `columns`, each local slot's column (else none).
    void add_counters(const Xapian::Database& db, bool columns);

    std::vector<Facet> m_facets;
    bool m_month_values = true;
    FacetColumns* m_columns = nullptr;
    std::vector<Counter> m_counters; // one a slot
    std::unique_ptr<LocalSpy> m_spy; // counts every local slot, one call a match
};

} // namespace sova::detail
