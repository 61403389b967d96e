// How a query's correction is written (docs/QUERY.md, "Corrections"): a line for people, an
// object or fields for tools.
#pragma once

#include "schema/json.hpp"

#include <sova/search.hpp>

#include <string>
#include <string_view>

namespace sova::output {

/// `Showing results for «corrected». Search instead for «typed».` or `Did you mean «…»?`, a
/// line; "" without a correction.
std::string format_correction_text(const SearchResults& results, std::string_view typed);

/// `{"corrected":"…","reason":"…"}` or `{"suggestion":"…","reason":"…"}`, a line; "" without.
std::string format_correction_json(const SearchResults& results);

/// The same fields (`corrected` or `suggestion`, and `reason`) in an object being written.
void correction_fields(schema::JsonObject& json, const SearchResults& results);

} // namespace sova::output
