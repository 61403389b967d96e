// Rendering analysed tokens compactly for table-driven analyser tests.
#pragma once

#include <sova/analysis.hpp>

#include <string>
#include <vector>

namespace sova::test {

/// Tokens as "term/stem@position[begin,end)", separated by spaces (stem: the preferred one).
inline std::string render(const std::vector<sova::Token>& tokens) {
    std::string out;
    for (const auto& t : tokens) {
        if (!out.empty()) out += ' ';
        out += t.term + '/' + t.stem + '@' + std::to_string(t.position) + '[' + std::to_string(t.begin) + ',' +
               std::to_string(t.end) + ')';
    }
    return out;
}

} // namespace sova::test
