// Typed filters: what `lang:`, `date:`, `after:`, `before:`, `source:` and the search options
// `langs`, `since`, `until` mean, parsed once (by the query parser, or from the options) and
// read by the compiler and the searcher without validating again. No Xapian here: the
// compiler turns them into queries (filter_query in query/compiler.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sova::detail {

/// Days from `first` to `last`, as date-slot keys ("YYYYMMDD"); an empty key leaves that end open.
struct DateRange {
    std::string first;
    std::string last;
};

/// One filter leaf of a query, or one filter option.
struct Filter {
    enum class Kind { lang, date, source };
    Kind kind = Kind::lang;
    std::vector<std::string> langs; ///< Kind::lang: normalised ISO 639-1 codes, at least one
    DateRange dates;                ///< Kind::date
    std::string source_key;         ///< Kind::source: the folded source name ("" if none)
    std::string host;               ///< Kind::source: the host, when the value is a URL or host name
    /// Filters of the same group are alternatives (OR); different groups all apply (AND):
    /// "lang", "after", "before", "date", "source".
    std::string group;
};

/// A date as written in a query or option: "2023", "2023-08", "2023-08-15". Returns false for
/// anything else; otherwise sets `first`/`last` to the first and last day it covers.
bool date_keys(std::string_view text, std::string& first, std::string& last);

/// The language codes of a comma-separated list ("uk,ru"), normalised; unknown or empty
/// entries are left out, so the result may be empty.
std::vector<std::string> language_codes(std::string_view list);

/// Parses the value of the query field `field` (lang, date, after, since, before, until,
/// source). On a bad value returns false and sets `error` (what is wrong) and `error_at`
/// (byte offset of the bad part within `value`).
bool parse_filter(std::string_view field, std::string_view value, Filter& out, std::string& error,
                  std::size_t& error_at);

/// The filters the search options ask for. Throws sova::Error naming the option field
/// ("langs", "since", "until") for a bad value or a range that ends before it starts.
std::vector<Filter> option_filters(const std::vector<std::string>& langs, std::string_view since,
                                   std::string_view until);

} // namespace sova::detail
