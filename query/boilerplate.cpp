#include "query/boilerplate.hpp"

#include <cstdint>
#include <map>
#include <unordered_map>

namespace sova::detail {

namespace {

bool is_space(char ch) {
    return ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t' || ch == '\f' || ch == '\v';
}

struct Passage {
    TextSpan span;
    std::uint64_t hash = 0; // of the passage with its white space runs as single spaces
};

// The lines of `text` and the sentences of each line (a sentence ends at . ! or ? before white
// space), trimmed, those of at least min_boilerplate_bytes.
std::vector<Passage> passages(std::string_view text) {
    std::vector<Passage> out;
    std::size_t at = 0;
    while (at < text.size()) {
        while (at < text.size() && is_space(text[at])) ++at;
        if (at >= text.size()) break;
        // FNV-1a over the passage, white space runs as one space.
        std::uint64_t hash = 14695981039346656037ULL;
        std::size_t length = 0;
        std::size_t end = at;
        bool space = false;
        std::size_t i = at;
        for (; i < text.size() && text[i] != '\n'; ++i) {
            const char ch = text[i];
            if (is_space(ch)) {
                space = true;
                continue;
            }
            if (space) {
                hash = (hash ^ static_cast<unsigned char>(' ')) * 1099511628211ULL;
                ++length;
                space = false;
            }
            hash = (hash ^ static_cast<unsigned char>(ch)) * 1099511628211ULL;
            ++length;
            end = i + 1;
            if ((ch == '.' || ch == '!' || ch == '?') && i + 1 < text.size() && is_space(text[i + 1])) {
                ++i;
                break;
            }
        }
        if (length >= min_boilerplate_bytes) out.push_back(Passage{{at, end}, hash ^ length});
        at = i;
    }
    return out;
}

} // namespace

std::vector<std::vector<TextSpan>> repeated_passages(std::span<const std::string_view> texts,
                                                     std::span<const std::string_view> groups) {
    std::vector<std::vector<TextSpan>> repeated(texts.size());
    std::map<std::string_view, std::vector<std::size_t>> members;
    for (std::size_t i = 0; i < texts.size() && i < groups.size(); ++i)
        if (!groups[i].empty()) members[groups[i]].push_back(i);
    for (const auto& [group, indices] : members) {
        if (indices.size() < 2) continue;
        std::vector<std::vector<Passage>> found;
        found.reserve(indices.size());
        // Passage hash -> the first text holding it, and whether another one does too.
        std::unordered_map<std::uint64_t, std::pair<std::size_t, bool>> seen;
        for (std::size_t k = 0; k < indices.size(); ++k) {
            found.push_back(passages(texts[indices[k]]));
            for (const Passage& p : found.back()) {
                auto [it, added] = seen.try_emplace(p.hash, k, false);
                if (!added && it->second.first != k) it->second.second = true;
            }
        }
        for (std::size_t k = 0; k < indices.size(); ++k)
            for (const Passage& p : found[k])
                if (seen.at(p.hash).second) repeated[indices[k]].push_back(p.span);
    }
    return repeated;
}

} // namespace sova::detail
