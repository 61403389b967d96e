// An IndexStatistics for compiler tests: fixed languages per script, and (when set) a fixed
// number of articles with a term frequency function.
#pragma once

#include "query/index_statistics.hpp"

#include <functional>
#include <string>
#include <vector>

namespace sova::test {

struct FakeStatistics : detail::IndexStatistics {
    std::vector<std::string> latin{"en"};
    std::vector<std::string> cyrillic{"ru"};
    double articles = 0; ///< 0: nothing known of the index
    std::function<double(const std::string&)> frequency = [](const std::string&) { return 0.0; };

    std::vector<std::string> stem_languages(detail::Script script) const override {
        if (script == detail::Script::latin) return latin;
        if (script == detail::Script::cyrillic) return cyrillic;
        return {};
    }
    double documents() const override { return articles; }
    double document_frequency(const std::string& term) const override { return frequency(term); }
};

} // namespace sova::test
