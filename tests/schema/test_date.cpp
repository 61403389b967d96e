// ISO 8601 dates: what parses, what does not, and the keys of full and partial dates.
#include "schema/date.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace {

using sova::schema::Date;
using sova::schema::parse_date;

struct Row {
    std::string_view text;
    std::string_view iso;
    std::string_view key;
    std::string_view first_key;
    std::string_view last_key;
};

const Row valid[] = {
    {"2023-08-15", "2023-08-15", "20230815", "20230815", "20230815"},
    {"2023-08", "2023-08", "20230800", "20230800", "20230899"},
    {"2023", "2023", "20230000", "20230000", "20239999"},
    {"20230815", "2023-08-15", "20230815", "20230815", "20230815"},
    {"0001-01-01", "0001-01-01", "00010101", "00010101", "00010101"},
    {"9999-12-31", "9999-12-31", "99991231", "99991231", "99991231"},
    {"  2023-08-15\t", "2023-08-15", "20230815", "20230815", "20230815"},
    // Times and zones after a full date
    {"2023-08-15T09:30", "2023-08-15", "20230815", "20230815", "20230815"},
    {"2023-08-15T09:30Z", "2023-08-15", "20230815", "20230815", "20230815"},
    {"2023-08-15t09:30:00z", "2023-08-15", "20230815", "20230815", "20230815"},
    {"2023-08-15T09:30:00.123Z", "2023-08-15", "20230815", "20230815", "20230815"},
    {"2023-08-15 09:30:00", "2023-08-15", "20230815", "20230815", "20230815"},
    {"2023-08-15T09:30+02:00", "2023-08-15", "20230815", "20230815", "20230815"},
    {"2023-08-15T09:30-05:00", "2023-08-15", "20230815", "20230815", "20230815"},
    {"2023-08-15T24:00", "2023-08-15", "20230815", "20230815", "20230815"},
    {"20230815T0930", "2023-08-15", "20230815", "20230815", "20230815"},
    // Leap years
    {"2024-02-29", "2024-02-29", "20240229", "20240229", "20240229"},
    {"2000-02-29", "2000-02-29", "20000229", "20000229", "20000229"},
    {"2023-04-30", "2023-04-30", "20230430", "20230430", "20230430"},
    {"2023-12-31", "2023-12-31", "20231231", "20231231", "20231231"},
};

const std::string_view invalid[] = {
    "",
    "   ",
    "yesterday",
    "0000",
    "0000-01-01",
    "202",
    "2023x",
    "20231",
    "202308", // neither YYYY-MM nor YYYYMMDD
    "2023081",
    "2023-8-15",
    "2023-08-5",
    "2023-08x",
    "2023-08T10:00", // a time needs a day
    "2023-00",
    "2023-13",
    "2023-13-01",
    "2023-00-10",
    "2023-08-00",
    "2023-08-32",
    "2023-02-29", // not a leap year
    "1900-02-29", // divisible by 100, not by 400
    "2023-04-31",
    "20230230",
    "20231301",
    "20230800",
    "202308151",
    "2023-08-15T",
    "2023-08-15T9:30",
    "2023-08-15T25:00",
    "2023-08-15T09:60",
    "2023-08-15T09:30 extra",
    "2023-08-15-",
    "2023-08-15Tab",
    "15.08.2023",
    "08/15/2023",
    "-2023-08-15",
    "+2023-08-15",
    "2023/08/15",
};

} // namespace

TEST_CASE("parse_date: accepted forms and their keys") {
    for (const Row& row : valid) {
        SUBCASE(std::string(row.text).c_str()) {
            auto date = parse_date(row.text);
            REQUIRE(date.has_value());
            CHECK(date->iso() == row.iso);
            CHECK(date->key() == row.key);
            CHECK(date->first_key() == row.first_key);
            CHECK(date->last_key() == row.last_key);
            // The normalised form parses back to the same date.
            auto again = parse_date(date->iso());
            REQUIRE(again.has_value());
            CHECK(again->key() == date->key());
        }
    }
}

TEST_CASE("parse_date: rejected input") {
    for (std::string_view text : invalid) {
        SUBCASE(("\"" + std::string(text) + "\"").c_str()) {
            auto date = parse_date(text);
            CHECK_FALSE(date.has_value());
            if (date) MESSAGE("parsed as " << date->iso());
        }
    }
}

TEST_CASE("parse_date: fields of a parsed date") {
    auto full = parse_date("2023-08-15");
    REQUIRE(full);
    CHECK(full->year == 2023);
    CHECK(full->month == 8);
    CHECK(full->day == 15);
    auto month = parse_date("1999-12");
    REQUIRE(month);
    CHECK(month->year == 1999);
    CHECK(month->month == 12);
    CHECK(month->day == 0);
    auto year = parse_date("1066");
    REQUIRE(year);
    CHECK(year->year == 1066);
    CHECK(year->month == 0);
    CHECK(year->day == 0);
}

TEST_CASE("Date keys: a partial date's range covers every day within it, and sorts as strings") {
    const Date month{2023, 8, 0};
    const Date year{2023, 0, 0};
    for (const std::string day : {"20230801", "20230815", "20230831"}) {
        CHECK(month.first_key() <= day);
        CHECK(day <= month.last_key());
        CHECK(year.first_key() <= day);
        CHECK(day <= year.last_key());
    }
    CHECK(month.last_key() < Date{2023, 9, 1}.key());
    CHECK(Date{2023, 7, 31}.key() < month.first_key());
    CHECK(year.last_key() < Date{2024, 1, 1}.key());
    CHECK(Date{2022, 12, 31}.key() < year.first_key());
    CHECK(Date{999, 1, 2}.key() == "09990102");
    CHECK(Date{999, 1, 2}.iso() == "0999-01-02");
}
