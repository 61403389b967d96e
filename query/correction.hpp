// Corrections of a query from the index's own vocabulary: a word the index does not have,
// corrected by edit distance and frequency; a query typed on the wrong keyboard layout, read as
// the keys meant (docs/QUERY.md, "Corrections").
#pragma once

#include "tokenizers/analyzer.hpp"
#include "tokenizers/language.hpp"

#include <sova/search.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sova::detail {

class Archive;

/// What the corrections need of an index.
class Vocabulary {
public:
    Vocabulary() = default;
    Vocabulary(const Vocabulary&) = default;
    Vocabulary& operator=(const Vocabulary&) = default;
    virtual ~Vocabulary() = default;

    /// Articles holding `term`.
    virtual std::uint64_t frequency(const std::string& term) const = 0;
    /// Calls `visit` with the terms that start with `prefix` (in term order; at most
    /// max_prefix_terms) and the articles holding each.
    virtual void each_term(const std::string& prefix,
                           const std::function<void(const std::string&, std::uint64_t)>& visit) const = 0;
    /// The languages a word of `script` is stemmed in (most used first).
    virtual std::vector<std::string> stem_languages(Script script) const = 0;
};

/// Terms of one prefix range a spelling correction looks at: in a large archive a range of two
/// common letters holds 10⁵ terms, and a query's unknown words must not cost that many each.
inline constexpr std::size_t max_prefix_terms = 20000;

/// The vocabulary of an archive (one index or shards, local or remote): frequencies as the
/// archive remembers them (the query's own words were looked up when it was compiled), terms
/// by Database::allterms_begin, which also reaches remote shards.
class ArchiveVocabulary : public Vocabulary {
public:
    ArchiveVocabulary(const Archive& archive, const std::map<Script, std::vector<std::string>>& languages)
        : m_archive(archive), m_languages(languages) {}
    std::uint64_t frequency(const std::string& term) const override;
    void each_term(const std::string& prefix,
                   const std::function<void(const std::string&, std::uint64_t)>& visit) const override;
    std::vector<std::string> stem_languages(Script script) const override;

private:
    const Archive& m_archive;
    const std::map<Script, std::vector<std::string>>& m_languages;
};

/// The thresholds of the corrections, chosen on the dev halves of bench/eval's collections
/// (bench/eval/README.md, "Corrections").
struct CorrectionSettings {
    /// A layout reading replaces a word the index has when it is found in this many times more
    /// articles (a word the index does not have is replaced when the reading is found at all).
    double layout_ratio = 20;
    /// A correction is searched instead of the query as typed when a word of the typed query is
    /// in no article (it finds nothing), or when the correction finds this many times more
    /// articles with all its words; otherwise it is suggested.
    double apply_ratio = 20;
    /// A spelling candidate must be in at least this many articles.
    std::uint64_t min_candidate_frequency = 1;
};

/// A better reading of a query.
struct Proposal {
    std::string query;  ///< the query text, corrected
    std::string reason; ///< "spelling" or "layout"
    /// Whether the typed query has a word no article holds (or does not parse): it finds nothing.
    bool typed_unknown = false;
};

/// Levenshtein distance with a transposition of adjacent characters as one edit (optimal string
/// alignment), over code points; any value above `limit` is returned as `limit + 1`.
unsigned edit_distance(std::u32string_view a, std::u32string_view b, unsigned limit);

/// The edits allowed for a word of `length` code points: 0 below 4, 1 up to 12, 2 from 13.
unsigned allowed_edits(std::size_t length);

/// A word of the index for a word it does not have, and the articles holding it.
struct SpellingCandidate {
    std::string term; ///< "" when none
    std::uint64_t articles = 0;
};

/// The index term closest to `term` (a folded word the index does not have) within its
/// allowed edits, the most frequent among the closest. A candidate that brings in letters only
/// the other of Russian and Ukrainian has is none.
SpellingCandidate spelling_candidate(const std::string& term, const Vocabulary& vocabulary,
                                     const CorrectionSettings& settings = {});

/// The layout reading of `query` (its words typed on QWERTY read as Russian or Ukrainian keys,
/// its Cyrillic words as QWERTY keys) where it is found in more articles; nullopt when no word
/// changes. Filters (`lang:uk`) and operators are kept as typed.
std::optional<Proposal> layout_proposal(std::string_view query, Analyzer& analyzer, const Vocabulary& vocabulary,
                                        const CorrectionSettings& settings = {});

/// `query` with each word the index does not have (outside phrases, filters and wildcards;
/// letters only, 4 or more) replaced by its spelling candidate; nullopt when none is replaced.
/// Throws QueryError when the query does not parse (`lenient` as in SearchOptions).
std::optional<Proposal> spelling_proposal(std::string_view query, bool lenient, Analyzer& analyzer,
                                          const Vocabulary& vocabulary, const CorrectionSettings& settings = {});

/// Whether every word of `query` (plain words outside phrases, filters and wildcards) is in the
/// index and no word looks typed on the wrong layout: then nothing is proposed. Throws QueryError
/// as parse_query.
bool needs_no_correction(std::string_view query, bool lenient, Analyzer& analyzer, const Vocabulary& vocabulary);

/// Runs one search (Searcher::search without corrections).
using RunSearch = std::function<SearchResults(std::string_view, const SearchOptions&)>;

/// Searches `query` with `run`, then, when `options.correct`, looks for a better reading of it:
/// searches that instead when the query as typed finds nothing or very little and the reading
/// finds much more, otherwise suggests it (SearchResults::correction). A query that does not
/// parse is searched in its layout reading when that is found; otherwise its QueryError is thrown.
SearchResults search_with_correction(std::string_view query, const SearchOptions& options, Analyzer& analyzer,
                                     const Vocabulary& vocabulary, const RunSearch& run,
                                     const CorrectionSettings& settings = {});

} // namespace sova::detail
