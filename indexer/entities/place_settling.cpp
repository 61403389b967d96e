#include "indexer/entities/place_settling.hpp"

#include <algorithm>
#include <tuple>

namespace sova::detail {

namespace {

// Shorter lone words are never taken for a place other than a country (bytes of the term).
constexpr std::size_t min_single_place_bytes = 3;

// The user's names first, then countries over cities over the rest.
int kind_rank(const NameEntry& entry) {
    if (entry.user) return 4;
    if (entry.kind == "country") return 3;
    if (entry.kind == "city") return 2;
    return 1;
}

} // namespace

// Places named without doubt give the context that settles doubtful ones (Georgia is the US
// state in an article that also names Atlanta; a small town named like a common word counts only
// when its country is in the article): one candidate, and a country, a name of several words or
// a large town.
PlaceContext::PlaceContext(const std::vector<Mention>& mentions, bool capitals_mark_names)
    : m_capitals_mark_names(capitals_mark_names) {
    for (const Mention& m : mentions) {
        if (m.entries.size() != 1 || m.entries.front()->type != "place") continue;
        const NameEntry& e = *m.entries.front();
        if (e.kind == "country" || m.words() > 1 || e.population >= sentence_start_population)
            m_countries.push_back(e.country);
    }
}

bool PlaceContext::in_context(const NameEntry& entry) const {
    return !entry.country.empty() &&
           std::find(m_countries.begin(), m_countries.end(), entry.country) != m_countries.end();
}

const NameEntry* PlaceContext::resolve(const std::vector<const NameEntry*>& entries) const {
    auto score = [&](const NameEntry* e) {
        return std::make_tuple(e->user, in_context(*e), kind_rank(*e), e->population);
    };
    const NameEntry* best = nullptr;
    for (const NameEntry* e : entries)
        if (!best || score(e) > score(best)) best = e;
    return best;
}

bool PlaceContext::accept_single(const NameEntry& entry, const Mention& m) const {
    if (entry.user || entry.kind == "country") return true;
    if (m.terms.front().size() < min_single_place_bytes) return false;
    bool context = in_context(entry);
    if (entry.kind == "region") return context;
    if (m.sentence_start || !m_capitals_mark_names) return context || entry.population >= well_known_population;
    return context || entry.population >= sentence_start_population;
}

} // namespace sova::detail
