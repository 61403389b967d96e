#include "query/facet_columns.hpp"

#include <limits>
#include <unordered_map>
#include <utility>

namespace sova::detail {

namespace {

// An array by docid is kept for archives whose docids are mostly in use (deletions and
// replacements leave gaps): at most twice as many slots as articles, beyond a small floor.
bool dense_enough(Xapian::docid last, Xapian::doccount articles) {
    constexpr std::uint64_t floor = 65536;
    return last <= 2 * static_cast<std::uint64_t>(articles) + floor;
}

} // namespace

std::optional<FacetColumn> FacetColumn::read(const Xapian::Database& db, Xapian::valueno slot) {
    const Xapian::docid last = db.get_lastdocid();
    if (!dense_enough(last, db.get_doccount())) return std::nullopt;
    FacetColumn column;
    column.m_codes.assign(static_cast<std::size_t>(last) + 1, 0);
    column.m_values.emplace_back();
    std::unordered_map<std::string, std::uint16_t> codes;
    std::string previous;
    std::uint16_t code = 0;
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
        std::string value = *it;
        if (value.empty()) continue;
        if (code == 0 || value != previous) {
            auto found = codes.find(value);
            if (found == codes.end()) {
                if (column.m_values.size() > std::numeric_limits<std::uint16_t>::max()) return std::nullopt;
                found = codes.emplace(value, static_cast<std::uint16_t>(column.m_values.size())).first;
                column.m_values.push_back(value);
            }
            code = found->second;
            previous = std::move(value);
        }
        if (const Xapian::docid did = it.get_docid(); did <= last) column.m_codes[did] = code;
    }
    return column;
}

const FacetColumn* FacetColumns::column(const Xapian::Database& db, Xapian::valueno slot) {
    Slot& s = m_slots[slot];
    if (!s.column && !s.unavailable && s.values_read >= db.get_doccount()) {
        s.column = FacetColumn::read(db, slot);
        s.unavailable = !s.column;
    }
    return s.column ? &*s.column : nullptr;
}

void FacetColumns::read_values(Xapian::valueno slot, Xapian::doccount matches) {
    m_slots[slot].values_read += matches;
}

SlotCounts::SlotCounts(Xapian::valueno slot, const FacetColumn* column) : m_slot(slot), m_column(column) {
    if (m_column) m_by_code.assign(m_column->codes(), 0);
}

void SlotCounts::add_value(std::string value) {
    if (value.empty()) return;
    // Matches come in docid order, and neighbours often share a value (a source's articles
    // indexed together): the last value's count is at hand.
    if (m_last_count == nullptr || value != m_last) {
        m_last_count = &m_values[value];
        m_last = std::move(value);
    }
    ++*m_last_count;
}

void SlotCounts::add_all(const std::vector<Xapian::docid>& ids, const Xapian::Database& db) {
    m_total += static_cast<Xapian::doccount>(ids.size());
    if (m_column) {
        for (Xapian::docid did : ids) ++m_by_code[m_column->code(did)];
        return;
    }
    auto it = db.valuestream_begin(m_slot);
    const auto end = db.valuestream_end(m_slot);
    for (Xapian::docid did : ids) {
        if (it == end) break;
        it.skip_to(did);
        if (it != end && it.get_docid() == did) add_value(*it);
    }
}

std::vector<std::pair<std::string, std::uint64_t>> SlotCounts::counts() const {
    if (!m_column) return {m_values.begin(), m_values.end()};
    std::vector<std::pair<std::string, std::uint64_t>> counts;
    for (std::size_t code = 1; code < m_by_code.size(); ++code)
        if (m_by_code[code] > 0)
            counts.emplace_back(m_column->value(static_cast<std::uint16_t>(code)), m_by_code[code]);
    return counts;
}

} // namespace sova::detail
