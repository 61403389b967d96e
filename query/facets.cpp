#include "query/facets.hpp"

#include "schema/schema.hpp"

#include <sova/error.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>

namespace sova {

namespace {

constexpr std::array<std::pair<Sort, std::string_view>, 3> sort_names{
    {{Sort::relevance, "relevance"}, {Sort::newest, "newest"}, {Sort::oldest, "oldest"}}};
constexpr std::array<std::pair<Facet, std::string_view>, 5> facet_names{{{Facet::lang, "lang"},
                                                                         {Facet::source, "source"},
                                                                         {Facet::year, "year"},
                                                                         {Facet::month, "month"},
                                                                         {Facet::entity, "entity"}}};

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
    for (const auto& [e, name] : names)
        if (e == value) return name;
    return {};
}

template <typename Enum, std::size_t N>
Enum parse_name(const std::array<std::pair<Enum, std::string_view>, N>& names, std::string_view name,
                const char* option) {
    std::string known;
    for (const auto& [e, n] : names) {
        if (n == name) return e;
        known += known.empty() ? "" : ", ";
        known += n;
    }
    throw OptionError(option, "'" + std::string(name) + "' is not one of: " + known);
}

} // namespace

std::string_view sort_name(Sort sort) {
    return name_of(sort_names, sort);
}
Sort parse_sort(std::string_view name) {
    return parse_name(sort_names, name, "sort");
}
std::string_view facet_name(Facet facet) {
    return name_of(facet_names, facet);
}
Facet parse_facet(std::string_view name) {
    return parse_name(facet_names, name, "facet");
}

namespace detail {

namespace {

bool is_value_facet(Facet facet) {
    return facet == Facet::lang || facet == Facet::source || facet == Facet::year || facet == Facet::month;
}

// One facet's counts from a slot's; `key` maps a value to the facet's key ("" drops it into
// the articles without one).
template <typename Key>
std::vector<FacetCount> collect(Facet facet, const std::vector<std::pair<std::string, std::uint64_t>>& values,
                                std::uint64_t total, Key key) {
    std::map<std::string, std::uint64_t> counts;
    for (const auto& [value, n] : values)
        if (std::string k = key(value); !k.empty()) counts[k] += n;
    std::uint64_t counted = 0;
    std::vector<FacetCount> out;
    for (auto& [k, n] : counts) {
        out.push_back(FacetCount{facet, k, n});
        counted += n;
    }
    if (facet == Facet::lang || facet == Facet::source)
        std::stable_sort(out.begin(), out.end(),
                         [](const FacetCount& a, const FacetCount& b) { return a.articles > b.articles; });
    // No empty value is counted: the matches beyond those counted have none.
    if (total > counted) out.push_back(FacetCount{facet, "", total - counted});
    return out;
}

} // namespace

ValueFacets::ValueFacets(const std::vector<Facet>& facets, bool month_values, FacetColumns* columns)
    : m_month_values(month_values), m_columns(columns) {
    for (Facet facet : facets)
        if (is_value_facet(facet) && std::find(m_facets.begin(), m_facets.end(), facet) == m_facets.end())
            m_facets.push_back(facet);
}

bool ValueFacets::needs_facet_values() const {
    return std::any_of(m_facets.begin(), m_facets.end(),
                       [](Facet f) { return f == Facet::lang || f == Facet::source; });
}

Xapian::valueno ValueFacets::slot_of(Facet facet) const {
    if (facet == Facet::lang) return schema::lang_slot;
    if (facet == Facet::source) return schema::source_slot;
    return m_month_values ? schema::month_slot : schema::date_slot; // years and months share it
}

const ValueFacets::Counter* ValueFacets::counter(Xapian::valueno slot) const {
    for (const Counter& c : m_counters)
        if (c.slot == slot) return &c;
    return nullptr;
}

// Xapian calls a spy per match, however many slots it counts: one for them all.
class ValueFacets::LocalSpy final : public Xapian::MatchSpy {
public:
    std::vector<SlotCounts> slots;

    void operator()(const Xapian::Document& doc, double /*weight*/) override {
        const Xapian::docid did = doc.get_docid();
        for (SlotCounts& slot : slots) slot.add(doc, did);
    }
};

ValueFacets::~ValueFacets() = default;
ValueFacets::ValueFacets(ValueFacets&&) noexcept = default;

void ValueFacets::add_counters(const Xapian::Database& db, bool columns) {
    if (!m_counters.empty()) throw std::logic_error("ValueFacets: attach() or count_all() once");
    if (m_columns) m_spy = std::make_unique<LocalSpy>();
    for (Facet facet : m_facets) {
        const Xapian::valueno slot = slot_of(facet);
        if (counter(slot) != nullptr) continue;
        m_counters.emplace_back().slot = slot;
        if (m_spy)
            m_spy->slots.emplace_back(slot, columns ? m_columns->column(db, slot) : nullptr);
        else
            m_counters.back().remote = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
    }
    if (m_spy)
        for (std::size_t i = 0; i < m_counters.size(); ++i) m_counters[i].local = &m_spy->slots[i];
}

void ValueFacets::attach(Xapian::Enquire& enquire, const Xapian::Database& db) {
    // Over several shards, Xapian 1.4 hands a match spy each match with its docid in its own
    // shard, not the archive's: no column to look it up in.
    add_counters(db, db.size() == 1);
    if (m_spy) enquire.add_matchspy(m_spy.get());
    for (const Counter& c : m_counters)
        if (c.remote) enquire.add_matchspy(c.remote.get());
}

void ValueFacets::count_all(const std::vector<Xapian::docid>& ids, const Xapian::Database& db) {
    add_counters(db, true);
    if (m_spy)
        for (SlotCounts& slot : m_spy->slots) slot.add_all(ids, db);
}

std::uint64_t ValueFacets::Counter::total() const {
    return local ? local->total() : remote->get_total();
}

std::vector<std::pair<std::string, std::uint64_t>> ValueFacets::Counter::counts() const {
    if (local) return local->counts();
    std::vector<std::pair<std::string, std::uint64_t>> counts;
    for (auto it = remote->values_begin(); it != remote->values_end(); ++it)
        counts.emplace_back(*it, static_cast<std::uint64_t>(it.get_termfreq()));
    return counts;
}

std::vector<FacetCount> ValueFacets::count() {
    std::vector<FacetCount> out;
    auto same = [](const std::string& value) { return value; };
    // Month keys are YYYYMM (date keys YYYYMMDD) with 00 for an unknown month: year "YYYY",
    // month "YYYY-MM".
    auto year = [](const std::string& value) { return value.size() >= 4 ? value.substr(0, 4) : std::string(); };
    auto month = [](const std::string& value) {
        if (value.size() < 6 || value.compare(4, 2, "00") == 0) return std::string();
        return value.substr(0, 4) + "-" + value.substr(4, 2);
    };
    std::map<Xapian::valueno, std::vector<std::pair<std::string, std::uint64_t>>> by_slot; // years and months share one
    for (Facet facet : m_facets) {
        const Counter* c = counter(slot_of(facet));
        if (c == nullptr) continue; // not attached
        auto [at, added] = by_slot.try_emplace(c->slot);
        if (added) at->second = c->counts();
        const std::vector<std::pair<std::string, std::uint64_t>>& values = at->second;
        std::vector<FacetCount> counts;
        if (facet == Facet::lang || facet == Facet::source) counts = collect(facet, values, c->total(), same);
        if (facet == Facet::year) counts = collect(facet, values, c->total(), year);
        if (facet == Facet::month) counts = collect(facet, values, c->total(), month);
        out.insert(out.end(), counts.begin(), counts.end());
    }
    if (m_columns)
        for (const Counter& c : m_counters)
            if (!c.local->by_column()) m_columns->read_values(c.slot, c.local->total());
    return out;
}

std::uint64_t ValueFacets::counted() const {
    return m_counters.empty() ? 0 : m_counters.front().total();
}

} // namespace detail

} // namespace sova
