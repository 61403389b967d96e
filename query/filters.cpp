#include "query/filters.hpp"

#include "schema/date.hpp"
#include "schema/schema.hpp"
#include "tokenizers/language.hpp"

#include <sova/error.hpp>

namespace sova::detail {

namespace {

constexpr std::string_view date_example = "(expected e.g. 2023, 2023-08 or 2023-08-15)";

std::string not_a_date(std::string_view text) {
    return "'" + std::string(text) + "' is not a date " + std::string(date_example);
}

// "a..b", "a..", "..b" or "a" (one date: from its first day to its last).
bool parse_date_range(std::string_view value, DateRange& range, std::string& error, std::size_t& error_at) {
    std::size_t dots = value.find("..");
    std::string_view from = dots == std::string_view::npos ? value : value.substr(0, dots);
    std::string_view to = dots == std::string_view::npos ? value : value.substr(dots + 2);
    std::string ignored;
    error_at = 0;
    if ((from.empty() && to.empty()) || (!from.empty() && !date_keys(from, range.first, ignored))) {
        error = not_a_date(from);
        return false;
    }
    if (!to.empty() && !date_keys(to, ignored, range.last)) {
        error_at = dots == std::string_view::npos ? 0 : dots + 2;
        error = not_a_date(to);
        return false;
    }
    if (!range.first.empty() && !range.last.empty() && range.first > range.last) {
        error = "the date range ends before it starts";
        return false;
    }
    return true;
}

} // namespace

bool date_keys(std::string_view text, std::string& first, std::string& last) {
    std::optional<schema::Date> date = schema::parse_date(text);
    if (!date) return false;
    first = date->first_key();
    last = date->last_key();
    return true;
}

std::vector<std::string> language_codes(std::string_view list) {
    std::vector<std::string> codes;
    while (!list.empty()) {
        std::size_t comma = list.find(',');
        if (std::string code = normalise_language_code(list.substr(0, comma)); !code.empty()) codes.push_back(code);
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return codes;
}

bool parse_filter(std::string_view field, std::string_view value, Filter& out, std::string& error,
                  std::size_t& error_at) {
    out = Filter{};
    error_at = 0;
    std::string ignored;
    if (field == "lang") {
        out.kind = Filter::Kind::lang;
        out.group = "lang";
        out.langs = language_codes(value);
        if (out.langs.empty()) error = "'" + std::string(value) + "' is not a language code (expected e.g. en, ru, uk)";
        return !out.langs.empty();
    }
    if (field == "source") {
        out.kind = Filter::Kind::source;
        out.group = "source";
        out.source_key = schema::source_key(value);
        out.host = schema::url_host(value);
        return true;
    }
    out.kind = Filter::Kind::date;
    if (field == "date") {
        out.group = "date";
        return parse_date_range(value, out.dates, error, error_at);
    }
    bool after = field == "after" || field == "since";
    if (!after && field != "before" && field != "until") {
        error = "'" + std::string(field) + "' is not a filter";
        return false;
    }
    out.group = after ? "after" : "before";
    bool ok = after ? date_keys(value, out.dates.first, ignored) : date_keys(value, ignored, out.dates.last);
    if (!ok) error = not_a_date(value);
    return ok;
}

std::vector<Filter> option_filters(const std::vector<std::string>& langs, std::string_view since,
                                   std::string_view until) {
    std::vector<Filter> filters;
    for (const auto& list : langs) {
        Filter lang;
        lang.langs = language_codes(list);
        lang.group = "option lang";
        if (lang.langs.empty())
            throw OptionError("langs", "'" + list + "' is not a language code (expected e.g. en, ru, uk)");
        filters.push_back(std::move(lang));
    }
    std::string ignored;
    Filter from;
    Filter to;
    from.kind = to.kind = Filter::Kind::date;
    from.group = "option since";
    to.group = "option until";
    if (!since.empty() && !date_keys(since, from.dates.first, ignored)) throw OptionError("since", not_a_date(since));
    if (!until.empty() && !date_keys(until, ignored, to.dates.last)) throw OptionError("until", not_a_date(until));
    if (!since.empty() && !until.empty() && from.dates.first > to.dates.last)
        throw OptionError("until",
                          "'" + std::string(until) + "' is before the since date '" + std::string(since) + "'");
    if (!since.empty()) filters.push_back(std::move(from));
    if (!until.empty()) filters.push_back(std::move(to));
    return filters;
}

} // namespace sova::detail
