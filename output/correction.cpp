#include "output/correction.hpp"

namespace sova::output {

std::string format_correction_text(const SearchResults& results, std::string_view typed) {
    if (!results.correction) return {};
    const Correction& c = *results.correction;
    if (c.applied)
        return "Showing results for \xC2\xAB" + c.query + "\xC2\xBB. Search instead for \xC2\xAB" + std::string(typed) +
               "\xC2\xBB.\n";
    return "Did you mean \xC2\xAB" + c.query + "\xC2\xBB?\n";
}

void correction_fields(schema::JsonObject& json, const SearchResults& results) {
    if (!results.correction) return;
    json.field(results.correction->applied ? "corrected" : "suggestion", results.correction->query);
    json.field("reason", results.correction->reason);
}

std::string format_correction_json(const SearchResults& results) {
    if (!results.correction) return {};
    std::string out;
    schema::JsonObject json(out);
    correction_fields(json, results);
    json.close();
    out += '\n';
    return out;
}

} // namespace sova::output
