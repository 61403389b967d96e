// How a correction is written: the line of `sova search`, the first JSON line, the fields of
// the response object and of a batch query.
#include "output/correction.hpp"
#include "output/format.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>

namespace {

sova::SearchResults corrected(std::optional<sova::Correction> correction) {
    sova::SearchResults results;
    results.correction = std::move(correction);
    return results;
}

} // namespace

TEST_CASE("A correction written as text, as JSON and as fields") {
    const struct {
        std::optional<sova::Correction> correction;
        const char* text;
        const char* json;
    } rows[] = {
        {sova::Correction{"Київ", true, "layout"}, "Showing results for «Київ». Search instead for «Rb]d».\n",
         "{\"corrected\":\"Київ\",\"reason\":\"layout\"}\n"},
        {sova::Correction{"grain \"export\"", false, "spelling"}, "Did you mean «grain \"export\"»?\n",
         "{\"suggestion\":\"grain \\\"export\\\"\",\"reason\":\"spelling\"}\n"},
        {std::nullopt, "", ""},
    };
    for (const auto& row : rows) {
        CAPTURE(std::string(row.text));
        const sova::SearchResults results = corrected(row.correction);
        CHECK(sova::output::format_correction_text(results, "Rb]d") == row.text);
        CHECK(sova::output::format_correction_json(results) == row.json);
        const std::string fields = std::string(row.json).empty()
                                       ? std::string()
                                       : std::string(row.json).substr(1, std::string(row.json).size() - 3);
        const std::string response = sova::output::format_search_response("Rb]d", results, {});
        const std::string batch = sova::output::format_batch_json("q1", "Rb]d", results, sova::SearchOptions{}, 1.0);
        if (fields.empty()) {
            CHECK(response.find("\"reason\"") == std::string::npos);
            CHECK(batch.find("\"reason\"") == std::string::npos);
        } else {
            CHECK(response.find(fields) != std::string::npos);
            CHECK(batch.find(fields) != std::string::npos);
        }
    }
}
