// The gazetteer the project builds (share/sova/places.idx), opened once for the tests that need
// it; a test fails, rather than skips, when it is missing.
#pragma once

#include "indexer/gazetteer.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>

namespace sova::test {

inline detail::Gazetteer& gazetteer() {
    static std::unique_ptr<detail::Gazetteer> g = [] {
        std::string path = detail::Gazetteer::default_path();
        REQUIRE_MESSAGE(!path.empty(), "the gazetteer (share/sova/places.idx) is built with the project");
        return std::make_unique<detail::Gazetteer>(path);
    }();
    return *g;
}

} // namespace sova::test
