// Facet columns: one value slot of every article held in memory as a small code by docid (the
// doc values Lucene counts facets from), so that counting a match's value is an array read
// instead of a value-stream look-up; and the counters a match runs for each value facet.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sova::detail {

/// A value slot's values, article by article (2 bytes an article, 0 for none).
class FacetColumn {
public:
    /// Reads the slot's value stream, or nullopt when the slot holds more distinct values
    /// than a code has room for or the docids are too sparse for an array by docid.
    static std::optional<FacetColumn> read(const Xapian::Database& db, Xapian::valueno slot);

    /// The code of an article's value (0: none).
    std::uint16_t code(Xapian::docid did) const { return did < m_codes.size() ? m_codes[did] : 0; }
    /// A code's value (code 0: "").
    const std::string& value(std::uint16_t code) const { return m_values[code]; }
    /// How many codes there are (the values and 0).
    std::size_t codes() const { return m_values.size(); }

private:
    std::vector<std::uint16_t> m_codes; // by docid
    std::vector<std::string> m_values;  // by code; [0] is ""
};

/// The columns a searcher reads, when they pay. Reading a column costs about what reading the
/// values of as many matches as the archive has articles costs; so a slot is read into a
/// column once the matches counted by reading values have added up to the archive's size (a
/// single search counts as before; a batch or a server soon counts from columns).
class FacetColumns {
public:
    /// The slot's column (indexed by `db`'s docids, across shards), read now when it has come
    /// to pay; nullptr when it has not or the slot cannot be held in one.
    const FacetColumn* column(const Xapian::Database& db, Xapian::valueno slot);
    /// `matches` were counted by reading the slot's values.
    void read_values(Xapian::valueno slot, Xapian::doccount matches);
    /// Forgets every column (the database changed).
    void clear() { m_slots.clear(); }

private:
    struct Slot {
        std::optional<FacetColumn> column;
        bool unavailable = false;      // the slot does not fit a column
        std::uint64_t values_read = 0; // matches counted by reading values
    };
    std::map<Xapian::valueno, Slot> m_slots;
};

/// The values of one slot among the matches, counted by a column when there is one, else by
/// reading each match's value (a local match: with remote shards, Xapian's ValueCountMatchSpy
/// counts, which a remote shard runs too).
class SlotCounts {
public:
    SlotCounts(Xapian::valueno slot, const FacetColumn* column);
    SlotCounts(const SlotCounts&) = delete; // m_last_count points into m_values
    SlotCounts& operator=(const SlotCounts&) = delete;
    SlotCounts(SlotCounts&&) noexcept = default; // a map's nodes move with it
    SlotCounts& operator=(SlotCounts&&) noexcept = default;
    ~SlotCounts() = default;

    /// Counts the match `doc`, of docid `did` (a match spy's: with a column, one shard only).
    void add(const Xapian::Document& doc, Xapian::docid did) {
        ++m_total;
        if (m_column)
            ++m_by_code[m_column->code(did)];
        else
            add_value(doc.get_value(m_slot));
    }
    /// Counts the matches `ids` of `db`, ascending.
    void add_all(const std::vector<Xapian::docid>& ids, const Xapian::Database& db);

    /// The matches counted.
    Xapian::doccount total() const { return m_total; }
    /// How many matches have each value (those without one are left out), in no order.
    std::vector<std::pair<std::string, std::uint64_t>> counts() const;
    /// Whether it counted by a column.
    bool by_column() const { return m_column != nullptr; }
    Xapian::valueno slot() const { return m_slot; }

private:
    void add_value(std::string value);

    Xapian::valueno m_slot;
    const FacetColumn* m_column;
    Xapian::doccount m_total = 0;
    std::vector<std::uint64_t> m_by_code;          // with a column
    std::map<std::string, std::uint64_t> m_values; // without
    std::string m_last;                            // the last value counted without a column
    std::uint64_t* m_last_count = nullptr;         // and its count
};

} // namespace sova::detail
