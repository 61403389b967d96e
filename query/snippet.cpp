#include "query/snippet.hpp"

#include <algorithm>
#include <map>

namespace sova::detail {

namespace {

constexpr std::string_view ellipsis = "\xE2\x80\xA6";

// Index of the query word a token matches, or -1.
class Matcher {
public:
    Matcher(std::string_view lang, const QueryTerms& terms, Analyzer& analyzer) : m_terms(terms) {
        int key = 0;
        for (const auto& term : terms.exact) m_exact.emplace(term, key++);
        for (const auto& lower : terms.lowers) {
            for (std::string_view stem : analyzer.stems(lang, lower)) m_stems.emplace(std::string(stem), key);
            ++key;
        }
        m_prefix_base = key;
    }

    int match(const Word& word, std::string_view lang, Analyzer& analyzer) const {
        if (auto it = m_exact.find(word.term); it != m_exact.end()) return it->second;
        if (!m_stems.empty())
            for (std::string_view stem : analyzer.stems(lang, word))
                if (auto it = m_stems.find(stem); it != m_stems.end()) return it->second;
        for (std::size_t i = 0; i < m_terms.prefixes.size(); ++i)
            if (word.term.starts_with(m_terms.prefixes[i])) return m_prefix_base + static_cast<int>(i);
        return -1;
    }

private:
    const QueryTerms& m_terms;
    std::map<std::string, int, std::less<>> m_exact;
    std::map<std::string, int, std::less<>> m_stems;
    int m_prefix_base = 0;
};

std::size_t utf8_floor(std::string_view text, std::size_t at) {
    at = std::min(at, text.size());
    while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
    return at;
}

} // namespace

Snippet make_snippet(std::string_view text, std::string_view lang, const QueryTerms& terms, Analyzer& analyzer,
                     std::size_t budget) {
    Snippet snippet;
    std::string_view scanned = text.substr(0, utf8_floor(text, snippet_scan_bytes));
    std::vector<Word> words;
    analyzer.words(scanned, words);

    Matcher matcher(lang, terms, analyzer);
    std::vector<std::pair<std::size_t, int>> matches; // (word index, query key)
    for (std::size_t i = 0; i < words.size(); ++i)
        if (int key = matcher.match(words[i], lang, analyzer); key >= 0) matches.emplace_back(i, key);

    // Best window: most distinct query words, then most matches, then earliest.
    std::size_t best_first = 0, best_last = 0;
    std::size_t best_distinct = 0, best_count = 0;
    std::map<int, std::size_t> in_window; // query key -> matches inside the window
    for (std::size_t a = 0, b = 0; b < matches.size(); ++b) {
        ++in_window[matches[b].second];
        while (a < b && words[matches[b].first].end - words[matches[a].first].begin > budget) {
            auto it = in_window.find(matches[a].second);
            if (--it->second == 0) in_window.erase(it);
            ++a;
        }
        std::size_t count = b - a + 1;
        if (in_window.size() > best_distinct || (in_window.size() == best_distinct && count > best_count)) {
            best_distinct = in_window.size();
            best_count = count;
            best_first = matches[a].first;
            best_last = matches[b].first;
        }
    }

    std::size_t begin = 0;
    std::size_t end = std::min(text.size(), budget);
    if (!matches.empty()) {
        // Centre the matched span, with some context before it.
        std::size_t span_begin = words[best_first].begin;
        std::size_t span_end = words[best_last].end;
        std::size_t room = budget > span_end - span_begin ? budget - (span_end - span_begin) : 0;
        std::size_t before = std::min(room / 3, span_begin);
        begin = span_begin - before;
        end = std::min(text.size(), std::max(span_end, begin + budget));
        // Start on a word boundary.
        auto first = std::lower_bound(words.begin(), words.end(), begin,
                                      [](const Word& w, std::size_t at) { return w.begin < at; });
        if (first != words.end() && first->begin <= span_begin) begin = first->begin;
    }
    end = utf8_floor(text, end);
    if (end < text.size()) {
        // Cut after the last whole word inside the budget.
        auto last = std::find_if(words.rbegin(), words.rend(), [&](const Word& word) { return word.end <= end; });
        if (last != words.rend() && last->end > begin) end = last->end;
    }

    // Skip white space at both ends; mark a cut only where text was left out.
    auto is_space = [](char ch) { return ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t'; };
    while (begin < end && is_space(text[begin])) ++begin;
    while (end > begin && is_space(text[end - 1])) --end;
    bool cut_before = false;
    for (std::size_t i = 0; i < begin && !cut_before; ++i) cut_before = !is_space(text[i]);
    bool cut_after = false;
    for (std::size_t i = end; i < text.size() && !cut_after; ++i) cut_after = !is_space(text[i]);
    if (cut_before) snippet.text.append(ellipsis).push_back(' ');
    // Copy the window, turning runs of white space (line breaks, tabs) into one space.
    std::vector<std::size_t> position(end - begin + 1);
    bool space = false;
    for (std::size_t i = begin; i < end; ++i) {
        position[i - begin] = snippet.text.size();
        char ch = text[i];
        if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
            if (!space) snippet.text.push_back(' ');
            space = true;
            continue;
        }
        space = false;
        snippet.text.push_back(ch);
    }
    position[end - begin] = snippet.text.size();
    for (const auto& [index, key] : matches) {
        const Word& w = words[index];
        if (w.begin >= begin && w.end <= end)
            snippet.highlights.push_back({position[w.begin - begin], position[w.end - begin]});
    }
    if (cut_after) snippet.text.append(" ").append(ellipsis);
    return snippet;
}

} // namespace sova::detail
