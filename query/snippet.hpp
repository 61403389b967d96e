// Snippets: the passage of an article that best shows why it matched, from Sova's own tokens.
#pragma once

#include "query/compiler.hpp"
#include "tokenizers/analyzer.hpp"

#include <sova/entity.hpp>
#include <sova/search.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sova::detail {

/// Only this much of an article's text is re-analysed for its snippet.
inline constexpr std::size_t snippet_scan_bytes = std::size_t{1} << 20;

struct Snippet {
    std::string text;
    std::vector<Highlight> highlights;
};

/// An article to make a snippet of.
struct SnippetArticle {
    std::string_view text;
    std::string_view lang;
    /// Articles of one source share boilerplate (footers, pitches); "" when unknown.
    std::string_view source;
    /// The article's entities (the names of those the query links to are highlighted); may be null.
    const std::vector<Entity>* entities = nullptr;
};

/// One snippet per article (docs/QUERY.md, "Snippets"): the window of about `budget` bytes
/// whose matched query words weigh most (each distinct word or concept counted once, by its
/// IDF), then the one with most matches, then the earliest; a passage that another of
/// `articles` of the same source repeats is chosen only when no other passage matches. Marks
/// every word that matches the query as the compiled query matches articles: exact term, stem
/// in any of the query's languages or the article's, cross-script key, wildcard prefix, and
/// the name forms of a linked entity the article has. Line breaks become spaces; "…" marks
/// cut ends.
std::vector<Snippet> make_snippets(std::span<const SnippetArticle> articles, const QueryTerms& terms,
                                   Analyzer& analyzer, std::size_t budget);

/// The snippet of one article, with no other articles to tell its boilerplate by.
Snippet make_snippet(std::string_view text, std::string_view lang, const QueryTerms& terms, Analyzer& analyzer,
                     std::size_t budget);

/// Sets the snippet and highlights of each of `hits` from its article's text (`texts[i]`),
/// grouping them by source (or, without one, by the host of their URL).
void add_snippets(std::vector<Hit>& hits, const std::vector<std::string>& texts, const QueryTerms& terms,
                  Analyzer& analyzer, std::size_t budget);

} // namespace sova::detail
