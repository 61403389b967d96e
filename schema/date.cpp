#include "schema/date.hpp"

#include <cstdio>

namespace sova::schema {

namespace {

bool digits(std::string_view s, std::size_t at, std::size_t count, int& value) {
    if (at + count > s.size()) return false;
    value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        value = value * 10 + (s[i] - '0');
    }
    return true;
}

int days_in_month(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

// Accepts what may follow a date: nothing, or a time and zone, loosely checked.
bool valid_time_suffix(std::string_view rest) {
    if (rest.empty()) return true;
    if (rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ') return false;
    int hour = 0, minute = 0;
    if (!digits(rest, 1, 2, hour) || hour > 24) return false;
    if (rest.size() > 3 && rest[3] == ':' && (!digits(rest, 4, 2, minute) || minute > 59)) return false;
    for (char ch : rest.substr(1))
        if (!((ch >= '0' && ch <= '9') || ch == ':' || ch == '.' || ch == ',' || ch == 'Z' || ch == 'z' || ch == '+' ||
              ch == '-'))
            return false;
    return true;
}

std::string format(const char* fmt, int a, int b, int c) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, fmt, a, b, c);
    return buffer;
}

} // namespace

std::string Date::key() const {
    return format("%04d%02d%02d", year, month, day);
}

std::string Date::iso() const {
    if (month == 0) return format("%04d", year, 0, 0);
    if (day == 0) return format("%04d-%02d", year, month, 0);
    return format("%04d-%02d-%02d", year, month, day);
}

std::string Date::first_key() const {
    return format("%04d%02d%02d", year, month, day);
}

std::string Date::last_key() const {
    return format("%04d%02d%02d", year, month == 0 ? 99 : month, day == 0 ? 99 : day);
}

std::optional<Date> parse_date(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    Date date;
    if (!digits(s, 0, 4, date.year) || date.year < 1) return std::nullopt;
    std::size_t at = 4;
    if (s.size() >= 8 && s[4] != '-') { // basic format YYYYMMDD
        if (!digits(s, 4, 2, date.month) || !digits(s, 6, 2, date.day)) return std::nullopt;
        at = 8;
    } else if (s.size() > 4 && s[4] == '-') {
        if (!digits(s, 5, 2, date.month)) return std::nullopt;
        at = 7;
        if (s.size() > 7 && s[7] == '-') {
            if (!digits(s, 8, 2, date.day)) return std::nullopt;
            at = 10;
        }
    }
    if (date.month < 0 || date.month > 12 || (date.month == 0 && date.day != 0)) return std::nullopt;
    if (s.size() > 4 && at == 4) return std::nullopt;
    if (date.month != 0 && (date.month < 1)) return std::nullopt;
    if (date.day != 0 && (date.day < 1 || date.day > days_in_month(date.year, date.month))) return std::nullopt;
    if (at == 7 && s.size() > 7) return std::nullopt; // "2023-08x"
    if (!valid_time_suffix(s.substr(at))) return std::nullopt;
    if (at > 4 && date.month == 0) return std::nullopt;
    if ((at == 8 || at == 10) && date.day == 0) return std::nullopt;
    return date;
}

} // namespace sova::schema
