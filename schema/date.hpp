// ISO 8601 dates as articles and queries write them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sova::schema {

/// A calendar date, possibly partial (month or day 0 = unknown).
struct Date {
    int year = 0;
    int month = 0; ///< 1-12, or 0 for a year alone
    int day = 0;   ///< 1-31, or 0 for a year or month alone

    /// "YYYYMMDD", with 00 for unknown parts: the value-slot key.
    std::string key() const;
    /// "YYYY-MM-DD", "YYYY-MM" or "YYYY".
    std::string iso() const;
    /// Smallest key of any day this (partial) date covers.
    std::string first_key() const;
    /// Largest key of any day this (partial) date covers.
    std::string last_key() const;
};

/// Parses "YYYY", "YYYY-MM", "YYYY-MM-DD", "YYYYMMDD", optionally followed by a time
/// ("T09:30", " 09:30:00.123Z", "T09:30+02:00"). Returns nullopt for anything else or an
/// impossible date (2023-02-30). Years 1..9999.
std::optional<Date> parse_date(std::string_view text);

} // namespace sova::schema
