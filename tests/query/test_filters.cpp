// Typed filters: the parser's and the options' filter values, parsed once (query/filters.hpp).
#include "query/filters.hpp"
#include "query/parser.hpp"

#include <sova/error.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using namespace sova::detail;

Filter parsed(std::string_view field, std::string_view value) {
    Filter filter;
    std::string error;
    std::size_t at = 0;
    REQUIRE_MESSAGE(parse_filter(field, value, filter, error, at), error);
    return filter;
}

std::string error_of(std::string_view field, std::string_view value, std::size_t* at = nullptr) {
    Filter filter;
    std::string error;
    std::size_t error_at = 0;
    CHECK_FALSE(parse_filter(field, value, filter, error, error_at));
    if (at) *at = error_at;
    return error;
}

} // namespace

TEST_CASE("filters: values become typed filters with their group") {
    Filter lang = parsed("lang", "UK,ua,en-GB,1x");
    CHECK(lang.kind == Filter::Kind::lang);
    CHECK(lang.langs == std::vector<std::string>{"uk", "uk", "en"});
    CHECK(lang.group == "lang");

    Filter month = parsed("date", "2023-08");
    CHECK(month.kind == Filter::Kind::date);
    CHECK(month.dates.first == "20230800");
    CHECK(month.dates.last == "20230899"); // keys: 00 and 99 cover unknown months and days
    CHECK(month.group == "date");
    Filter open = parsed("date", "..2023");
    CHECK(open.dates.first.empty());
    CHECK(open.dates.last == "20239999");

    // since/until are after/before: one group each, whichever name was typed.
    Filter since = parsed("since", "2024-02-29");
    CHECK(since.group == "after");
    CHECK(since.dates.first == "20240229");
    CHECK(since.dates.last.empty());
    Filter before = parsed("before", "2024");
    CHECK(before.group == "before");
    CHECK(before.dates.first.empty());
    CHECK(before.dates.last == "20249999");

    Filter source = parsed("source", "https://www.Example.org/news");
    CHECK(source.kind == Filter::Kind::source);
    CHECK(source.host == "example.org");
    CHECK_FALSE(source.source_key.empty());
}

TEST_CASE("filters: a bad value says what is wrong and where") {
    CHECK(error_of("lang", "english,1") == "'english,1' is not a language code (expected e.g. en, ru, uk)");
    std::size_t at = 99;
    CHECK(error_of("date", "2023..20x", &at) == "'20x' is not a date (expected e.g. 2023, 2023-08 or 2023-08-15)");
    CHECK(at == 6);
    CHECK(error_of("date", "2024..2023") == "the date range ends before it starts");
    CHECK(error_of("after", "2023-02-30").find("is not a date") != std::string::npos);
    CHECK(error_of("colour", "red") == "'colour' is not a filter");
}

TEST_CASE("filters: the parser stores the typed filter in the node") {
    NodePtr root = parse_query("війна lang:uk,ru since:2023");
    REQUIRE(root->children.size() == 3);
    CHECK(root->children[1]->filter.langs == std::vector<std::string>{"uk", "ru"});
    CHECK(root->children[2]->filter.dates.first == "20230000");
    // Leniently, a bad filter is read as words, not as a filter.
    NodePtr lenient = parse_query("lang:english war", true);
    CHECK(describe(*lenient).find("filter:") == std::string::npos);
}

TEST_CASE("filters: options are checked once, naming the field") {
    std::vector<Filter> filters = option_filters({"uk,ru", "EN"}, "2023", "2023-06");
    REQUIRE(filters.size() == 4);
    CHECK(filters[0].langs == std::vector<std::string>{"uk", "ru"});
    CHECK(filters[1].langs == std::vector<std::string>{"en"});
    CHECK(filters[0].group == filters[1].group); // either language
    CHECK(filters[2].dates.first == "20230000");
    CHECK(filters[3].dates.last == "20230699");
    CHECK(filters[2].group != filters[3].group); // both dates
    CHECK(option_filters({}, "", "").empty());

    auto option_of = [](const std::vector<std::string>& langs, std::string_view since, std::string_view until) {
        try {
            option_filters(langs, since, until);
        } catch (const sova::OptionError& e) {
            return e.option() + " | " + e.reason();
        }
        return std::string("(no error)");
    };
    CHECK(option_of({"uk", "--"}, "", "") == "langs | '--' is not a language code (expected e.g. en, ru, uk)");
    CHECK(option_of({}, "yesterday", "") ==
          "since | 'yesterday' is not a date (expected e.g. 2023, 2023-08 or 2023-08-15)");
    CHECK(option_of({}, "", "2023-13") ==
          "until | '2023-13' is not a date (expected e.g. 2023, 2023-08 or 2023-08-15)");
    CHECK(option_of({}, "2024", "2023") == "until | '2023' is before the since date '2024'");
}
