#include "query/facets.hpp"

#include "schema/schema.hpp"

#include <sova/error.hpp>

#include <algorithm>
#include <array>
#include <map>
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

// One facet's counts from a spy's values; `key` maps a value to the facet's key ("" drops it
// into the articles without one).
template <typename Key> std::vector<FacetCount> collect(Facet facet, const Xapian::ValueCountMatchSpy& spy, Key key) {
    std::map<std::string, std::uint64_t> counts;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
        const auto n = static_cast<std::uint64_t>(it.get_termfreq());
        if (std::string k = key(*it); !k.empty()) counts[k] += n;
    }
    std::uint64_t counted = 0;
    std::vector<FacetCount> out;
    for (auto& [k, n] : counts) {
        out.push_back(FacetCount{facet, k, n});
        counted += n;
    }
    if (facet == Facet::lang || facet == Facet::source)
        std::stable_sort(out.begin(), out.end(),
                         [](const FacetCount& a, const FacetCount& b) { return a.articles > b.articles; });
    // The spy counts no empty values: the articles it saw beyond those counted have none.
    const std::uint64_t without = spy.get_total() - counted;
    if (without > 0) out.push_back(FacetCount{facet, "", without});
    return out;
}

} // namespace

ValueFacets::ValueFacets(const std::vector<Facet>& facets, bool month_values) : m_month_values(month_values) {
    for (Facet facet : facets)
        if (is_value_facet(facet) && std::find(m_facets.begin(), m_facets.end(), facet) == m_facets.end())
            m_facets.push_back(facet);
}

bool ValueFacets::needs_facet_values() const {
    return std::any_of(m_facets.begin(), m_facets.end(),
                       [](Facet f) { return f == Facet::lang || f == Facet::source; });
}

void ValueFacets::attach(Xapian::Enquire& enquire) {
    for (Facet facet : m_facets) {
        std::unique_ptr<Xapian::ValueCountMatchSpy>* spy = nullptr;
        Xapian::valueno slot = schema::date_slot;
        if (facet == Facet::lang) {
            spy = &m_lang;
            slot = schema::lang_slot;
        } else if (facet == Facet::source) {
            spy = &m_source;
            slot = schema::source_slot;
        } else {
            spy = &m_date;
            slot = m_month_values ? schema::month_slot : schema::date_slot;
        }
        if (*spy) continue;
        *spy = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
        enquire.add_matchspy(spy->get());
    }
}

std::vector<FacetCount> ValueFacets::counts() const {
    std::vector<FacetCount> out;
    auto same = [](const std::string& value) { return value; };
    // Month keys are YYYYMM (date keys YYYYMMDD) with 00 for an unknown month: year "YYYY",
    // month "YYYY-MM".
    auto year = [](const std::string& value) { return value.size() >= 4 ? value.substr(0, 4) : std::string(); };
    auto month = [](const std::string& value) {
        if (value.size() < 6 || value.compare(4, 2, "00") == 0) return std::string();
        return value.substr(0, 4) + "-" + value.substr(4, 2);
    };
    for (Facet facet : m_facets) {
        std::vector<FacetCount> counts;
        if (facet == Facet::lang && m_lang) counts = collect(facet, *m_lang, same);
        if (facet == Facet::source && m_source) counts = collect(facet, *m_source, same);
        if (facet == Facet::year && m_date) counts = collect(facet, *m_date, year);
        if (facet == Facet::month && m_date) counts = collect(facet, *m_date, month);
        out.insert(out.end(), counts.begin(), counts.end());
    }
    return out;
}

std::uint64_t ValueFacets::counted() const {
    for (const auto* spy : {m_date.get(), m_lang.get(), m_source.get()})
        if (spy) return spy->get_total();
    return 0;
}

} // namespace detail

} // namespace sova
