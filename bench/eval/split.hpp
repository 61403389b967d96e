// The dev and held-out halves of a collection's queries: parameters are chosen on dev, figures
// reported on held-out (both shown). Which half a query is in depends on its id alone.
#pragma once

#include <cstdint>
#include <string_view>

namespace sova::eval {

enum class Half { dev, held_out };

inline const char* half_name(Half h) {
    return h == Half::dev ? "dev" : "held-out";
}

/// A fixed hash of the query id (FNV-1a, then splitmix64's finaliser, which mixes every bit of
/// ids that differ in one digit): the half never depends on the order of the file, the
/// platform or the run.
inline Half half_of(std::string_view qid) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : qid) {
        h ^= c;
        h *= 1099511628211ull;
    }
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ull;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebull;
    h ^= h >> 31;
    return h % 2 == 0 ? Half::dev : Half::held_out;
}

} // namespace sova::eval
