// Boilerplate among a page's hits: which passages count as repeated, and which do not.
#include "query/boilerplate.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

using sova::detail::repeated_passages;

// The repeated passages of text `i`, as strings.
std::vector<std::string> repeated_in(const std::vector<std::string_view>& texts,
                                     const std::vector<std::string_view>& groups, std::size_t i) {
    std::vector<std::string> out;
    const auto repeated = repeated_passages(texts, groups);
    for (const auto& span : repeated.at(i)) out.emplace_back(texts[i].substr(span.begin, span.end - span.begin));
    return out;
}

} // namespace

TEST_CASE("boilerplate: lines and sentences repeated within a source") {
    const std::vector<std::string_view> texts{
        "Story one happened today in the city.\n\nRead also: the grid holds up well.\nDonate to keep us going. "
        "Thank you for reading us.",
        "Story two is different from the first.\nRead also:   the grid holds up well.\n"
        "Something else. Thank you for reading us.",
        "Story three.\nRead also: the grid holds up well.",
    };
    const std::vector<std::string_view> same{"A", "A", "B"};
    // Repeated in another text of the same source, white space aside; whole lines and sentences.
    CHECK(repeated_in(texts, same, 0) ==
          std::vector<std::string>{"Read also: the grid holds up well.", "Thank you for reading us."});
    CHECK(repeated_in(texts, same, 1) ==
          std::vector<std::string>{"Read also:   the grid holds up well.", "Thank you for reading us."});
    // Another source's identical line is not its boilerplate.
    CHECK(repeated_in(texts, same, 2).empty());
    // A text of no known source stands alone.
    CHECK(repeated_in(texts, {"", "", ""}, 0).empty());
    // Short passages never count.
    CHECK(repeated_in({"Photo.\nOne.", "Photo.\nTwo."}, {"A", "A"}, 0).empty());
    // Nothing to compare.
    CHECK(repeated_passages({}, {}).empty());
}
