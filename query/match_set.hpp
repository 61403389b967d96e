// The articles a query matches, read from its terms' posting lists without Xapian's matcher:
// facets count every match, and weighing every match only to count it costs as much as the
// rest of a search (docs/BENCHMARKS.md, "Facets").
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace sova::detail {

/// The docids `query` matches in `db`, ascending, as Xapian's matcher would find them: terms,
/// match-all and match-nothing, under AND, OR, SYNONYM, MAX, AND_NOT, FILTER, AND_MAYBE (its
/// left side) and SCALE_WEIGHT (any factor, 0 too). nullopt when the query holds anything
/// else (phrases, value ranges, posting sources, wildcards), which only the matcher decides,
/// or when it would read more than `budget` postings.
std::optional<std::vector<Xapian::docid>> match_set(const Xapian::Database& db, const Xapian::Query& query,
                                                    std::uint64_t budget);

/// Whether `op` is anywhere in `query`.
bool holds_operator(const Xapian::Query& query, Xapian::Query::op op);

} // namespace sova::detail
