#include "query/snippet.hpp"

#include "query/boilerplate.hpp"
#include "query/snippet_matcher.hpp"

#include <algorithm>

namespace sova::detail {

namespace {

constexpr std::string_view ellipsis = "\xE2\x80\xA6";

bool is_space(char ch) {
    return ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t';
}

std::size_t utf8_floor(std::string_view text, std::size_t at) {
    at = std::min(at, text.size());
    while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
    return at;
}

struct Match {
    std::size_t word = 0;  // index in the text's words
    int concept_index = 0; // SnippetMatcher's concept
    bool repeated = false; // inside a passage other articles of the source repeat
};

// The article's words that match the query, each marked when it lies in a repeated passage.
std::vector<Match> find_matches(const std::vector<Word>& words, const std::vector<TextSpan>& repeated,
                                SnippetMatcher& matcher, Analyzer& analyzer) {
    std::vector<Match> matches;
    auto passage = repeated.begin();
    for (std::size_t i = 0; i < words.size(); ++i) {
        const int concept_index = matcher.match(words[i], analyzer);
        if (concept_index < 0) continue;
        while (passage != repeated.end() && passage->end <= words[i].begin) ++passage;
        const bool inside = passage != repeated.end() && passage->begin <= words[i].begin;
        matches.push_back(Match{i, concept_index, inside});
    }
    return matches;
}

struct Window {
    std::size_t first = 0; // word indices of its first and last match
    std::size_t last = 0;
    bool found = false;
};

// The window of at most `budget` bytes whose distinct concepts weigh most, then with most
// matches, then the earliest; among the matches outside repeated passages when `fresh_only`.
// `in_window`: room for the count of each concept's matches in the window.
Window best_window(const std::vector<Word>& words, const std::vector<Match>& all, const SnippetMatcher& matcher,
                   std::size_t budget, bool fresh_only, std::vector<std::uint32_t>& in_window) {
    std::vector<const Match*> matches;
    matches.reserve(all.size());
    for (const Match& m : all)
        if (!fresh_only || !m.repeated) matches.push_back(&m);
    Window best;
    std::uint64_t best_score = 0;
    std::size_t best_count = 0;
    in_window.assign(matcher.concepts(), 0); // matches of each concept in the window
    std::uint64_t score = 0;
    for (std::size_t a = 0, b = 0; b < matches.size(); ++b) {
        if (in_window[static_cast<std::size_t>(matches[b]->concept_index)]++ == 0)
            score += matcher.weight(matches[b]->concept_index);
        while (a < b && words[matches[b]->word].end - words[matches[a]->word].begin > budget) {
            if (--in_window[static_cast<std::size_t>(matches[a]->concept_index)] == 0)
                score -= matcher.weight(matches[a]->concept_index);
            ++a;
        }
        const std::size_t count = b - a + 1;
        if (score > best_score || (score == best_score && count > best_count)) {
            best_score = score;
            best_count = count;
            best = Window{matches[a]->word, matches[b]->word, true};
        }
    }
    return best;
}

// The bytes [begin, end) of `text` to show for `window`: the matched span with some context
// before it, not reaching into repeated passages around it (when `avoid_repeated`).
std::pair<std::size_t, std::size_t> place(std::string_view text, const std::vector<Word>& words, const Window& window,
                                          const std::vector<TextSpan>& repeated, bool avoid_repeated,
                                          std::size_t budget) {
    std::size_t begin = 0;
    if (!window.found) {
        // No match: the start of the text, after any repeated opening (a header, a banner).
        for (const TextSpan& span : repeated) {
            std::size_t at = begin;
            while (at < span.begin && is_space(text[at])) ++at;
            if (at != span.begin) break;
            begin = span.end;
        }
        return {begin, begin + std::min(budget, text.size() - begin)}; // no overflow for a huge budget
    }
    const std::size_t span_begin = words[window.first].begin;
    const std::size_t span_end = words[window.last].end;
    std::size_t floor = 0;
    std::size_t ceiling = text.size();
    if (avoid_repeated)
        for (const TextSpan& span : repeated) {
            if (span.end <= span_begin) floor = std::max(floor, span.end);
            if (span.begin >= span_end) ceiling = std::min(ceiling, span.begin);
        }
    // Centre the matched span, with some context before it.
    const std::size_t room = budget > span_end - span_begin ? budget - (span_end - span_begin) : 0;
    begin = span_begin - std::min(room / 3, span_begin - floor);
    std::size_t end = std::min(ceiling, std::max(span_end, begin + std::min(budget, text.size() - begin)));
    // Start on a word boundary.
    auto first =
        std::lower_bound(words.begin(), words.end(), begin, [](const Word& w, std::size_t at) { return w.begin < at; });
    if (first != words.end() && first->begin <= span_begin) begin = first->begin;
    return {begin, end};
}

// The text of [begin, end) with white space runs as single spaces, "…" where text was cut,
// and the matches inside highlighted.
Snippet render(std::string_view text, const std::vector<Word>& words, const std::vector<Match>& matches,
               std::size_t begin, std::size_t end) {
    Snippet snippet;
    end = utf8_floor(text, end);
    if (end < text.size()) {
        // Cut after the last whole word inside the budget.
        auto after =
            std::upper_bound(words.begin(), words.end(), end, [](std::size_t at, const Word& w) { return at < w.end; });
        if (after != words.begin() && std::prev(after)->end > begin) {
            // With the punctuation that ends the word ("Monday.", "Odesa»,").
            const std::size_t cut = end;
            end = std::prev(after)->end;
            while (end < cut && !is_space(text[end])) ++end;
        }
    }
    // Skip white space at both ends; mark a cut only where text was left out.
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
        const char ch = text[i];
        if (is_space(ch)) {
            if (!space) snippet.text.push_back(' ');
            space = true;
            continue;
        }
        space = false;
        snippet.text.push_back(ch);
    }
    position[end - begin] = snippet.text.size();
    for (const Match& m : matches) {
        const Word& w = words[m.word];
        if (w.begin >= begin && w.end <= end)
            snippet.highlights.push_back({position[w.begin - begin], position[w.end - begin]});
    }
    if (cut_after) snippet.text.append(" ").append(ellipsis);
    return snippet;
}

Snippet snippet_of(const SnippetArticle& article, const std::vector<TextSpan>& repeated, SnippetMatcher& matcher,
                   Analyzer& analyzer, std::size_t budget) {
    std::string_view scanned = article.text.substr(0, utf8_floor(article.text, snippet_scan_bytes));
    thread_local std::vector<Word> words; // kept: its capacity serves the next text
    thread_local std::vector<std::uint32_t> in_window;
    words.clear();
    analyzer.words(scanned, words);
    matcher.start(article.lang, article.entities, analyzer);
    const std::vector<Match> matches = find_matches(words, repeated, matcher, analyzer);
    // A repeated passage only when nothing else matches.
    const bool fresh = std::any_of(matches.begin(), matches.end(), [](const Match& m) { return !m.repeated; });
    const Window window = best_window(words, matches, matcher, budget, fresh, in_window);
    const auto [begin, end] = place(article.text, words, window, repeated, fresh, budget);
    return render(article.text, words, matches, begin, end);
}

// The host of a URL ("" when there is none).
std::string_view host_of(std::string_view url) {
    const std::size_t scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    url.remove_prefix(scheme + 3);
    return url.substr(0, url.find_first_of("/?#:"));
}

} // namespace

std::vector<Snippet> make_snippets(std::span<const SnippetArticle> articles, const QueryTerms& terms,
                                   Analyzer& analyzer, std::size_t budget) {
    std::vector<std::string_view> texts;
    std::vector<std::string_view> sources;
    texts.reserve(articles.size());
    sources.reserve(articles.size());
    for (const SnippetArticle& article : articles) {
        texts.push_back(article.text.substr(0, utf8_floor(article.text, snippet_scan_bytes)));
        sources.push_back(article.source);
    }
    const std::vector<std::vector<TextSpan>> repeated = repeated_passages(texts, sources);
    SnippetMatcher matcher(terms, analyzer);
    std::vector<Snippet> snippets;
    snippets.reserve(articles.size());
    for (std::size_t i = 0; i < articles.size(); ++i)
        snippets.push_back(snippet_of(articles[i], repeated[i], matcher, analyzer, budget));
    return snippets;
}

Snippet make_snippet(std::string_view text, std::string_view lang, const QueryTerms& terms, Analyzer& analyzer,
                     std::size_t budget) {
    const SnippetArticle article{text, lang, {}, nullptr};
    return std::move(make_snippets(std::span(&article, 1), terms, analyzer, budget).front());
}

void add_snippets(std::vector<Hit>& hits, const std::vector<std::string>& texts, const QueryTerms& terms,
                  Analyzer& analyzer, std::size_t budget) {
    std::vector<SnippetArticle> articles;
    articles.reserve(hits.size());
    for (std::size_t i = 0; i < hits.size() && i < texts.size(); ++i) {
        const Hit& hit = hits[i];
        articles.push_back(
            SnippetArticle{texts[i], hit.lang, hit.source.empty() ? host_of(hit.url) : hit.source, &hit.entities});
    }
    std::vector<Snippet> snippets = make_snippets(articles, terms, analyzer, budget);
    for (std::size_t i = 0; i < snippets.size(); ++i) {
        hits[i].snippet = std::move(snippets[i].text);
        hits[i].highlights = std::move(snippets[i].highlights);
    }
}

} // namespace sova::detail
