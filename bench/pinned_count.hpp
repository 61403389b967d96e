// Every micro-benchmark checks that it did the work it claims: the count of what it produced
// (words, terms, entities, hits) must equal the count its pinned inputs give, in every
// iteration. A broken build cannot look fast, and a change that moves a count (a new stemming
// rule, say) shows here and updates the pin in the same commit.
#pragma once

#include <benchmark/benchmark.h>

#include <cstddef>
#include <string>

namespace sova::bench {

/// Marks the benchmark failed unless `got` equals `pinned`; returns whether it did. Reports
/// the count as a counter either way.
inline bool check_pinned(benchmark::State& state, const char* what, std::size_t got, std::size_t pinned) {
    state.counters[what] = static_cast<double>(got);
    if (got == pinned) return true;
    state.SkipWithError((std::string(what) + ": " + std::to_string(got) + ", pinned " + std::to_string(pinned) +
                         " (the work changed: update the pin if that is intended)")
                            .c_str());
    return false;
}

} // namespace sova::bench
