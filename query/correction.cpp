#include "query/correction.hpp"

#include "query/archive.hpp"
#include "query/keyboard_layout.hpp"
#include "query/parser.hpp"
#include "schema/schema.hpp"
#include "tokenizers/utf8.hpp"

#include <sova/error.hpp>

#include <xapian.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace sova::detail {

std::uint64_t ArchiveVocabulary::frequency(const std::string& term) const {
    return m_archive.term_frequency(term);
}

void ArchiveVocabulary::each_term(const std::string& prefix,
                                  const std::function<void(const std::string&, std::uint64_t)>& visit) const {
    const Xapian::Database& db = m_archive.db();
    std::size_t visited = 0;
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix) && visited < max_prefix_terms;
         ++it, ++visited)
        visit(*it, it.get_termfreq());
}

std::vector<std::string> ArchiveVocabulary::stem_languages(Script script) const {
    if (auto it = m_languages.find(script); it != m_languages.end()) return it->second;
    return {};
}

namespace {

// Bounds on the work a long or hostile query can cause: its first words the index lacks are
// looked up (each a few prefix ranges of terms), and a query of many words is not read on
// another layout (nobody types that much without looking).
constexpr std::size_t max_spelling_words = 8;
constexpr std::size_t max_layout_parts = 64;
constexpr std::size_t max_layout_bytes = 1024;

// The code points of UTF-8 text (a stray byte counts as one), and back.
std::u32string code_points(std::string_view text) {
    return decode_utf8(text);
}

std::string utf8(std::u32string_view text) {
    return encode_utf8(text);
}

bool same_letters(std::u32string a, std::u32string b) {
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
}

// Whether `candidate` differs from `typed` only in its last three letters, other than by a swap:
// another form of the same word (`угорське`, `угорську`; `Geoinformationssysteme`), which the
// index not having is no typing error.
bool another_form(std::u32string_view typed, std::u32string_view candidate, bool same) {
    std::size_t common = 0;
    while (common < typed.size() && common < candidate.size() && typed[common] == candidate[common]) ++common;
    return !same && common >= 4 && common + 3 >= std::min(typed.size(), candidate.size());
}

// The candidate written as the word was typed: the letters it keeps from the typed word are taken
// with their case and accents (`Pagre` → `Pager`, `persönlihce` → `persönliche`), the others
// as the index has them. The alignment is that of the edit distance.
std::string as_typed(std::string_view typed_text, const std::string& term, const std::string& candidate) {
    const std::u32string original = code_points(typed_text);
    const std::u32string t = code_points(term);
    const std::u32string c = code_points(candidate);
    if (original.size() != t.size()) return candidate; // folding changed the length (ß → ss)
    const std::size_t n = t.size();
    const std::size_t m = c.size();
    std::vector<std::vector<unsigned>> d(n + 1, std::vector<unsigned>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<unsigned>(i);
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<unsigned>(j);
    for (std::size_t i = 1; i <= n; ++i)
        for (std::size_t j = 1; j <= m; ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (t[i - 1] == c[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && t[i - 1] == c[j - 2] && t[i - 2] == c[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    std::u32string out = c;
    std::size_t i = n;
    std::size_t j = m;
    while (i > 0 && j > 0) {
        if (t[i - 1] == c[j - 1] && d[i][j] == d[i - 1][j - 1]) {
            out[--j] = original[--i];
        } else if (i > 1 && j > 1 && t[i - 1] == c[j - 2] && t[i - 2] == c[j - 1] && d[i][j] == d[i - 2][j - 2] + 1) {
            out[j - 1] = original[i - 2];
            out[j - 2] = original[i - 1];
            i -= 2;
            j -= 2;
        } else if (d[i][j] == d[i - 1][j - 1] + 1) {
            --i;
            --j;
        } else if (d[i][j] == d[i - 1][j] + 1) {
            --i;
        } else {
            --j;
        }
    }
    return utf8(out);
}

bool has_digit(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// How the index has `word`: as typed or by one of its stems (then it is never corrected), or,
// for a capitalised word (a name), only by its cross-script key (the name in another script or
// spelling; then a spelling is preferred only when found in more articles than the key: the key
// of a misspelt word, `Anzeiegn`, may match another's by chance).
struct Presence {
    bool known = false;
    std::uint64_t key_articles = 0;
};

Presence presence(const Word& word, Analyzer& analyzer, const Vocabulary& vocabulary) {
    if (vocabulary.frequency(word.term) > 0) return {true, 0};
    for (const std::string& lang : vocabulary.stem_languages(word.script))
        for (std::string_view stem : analyzer.stems(lang, word))
            if (vocabulary.frequency(std::string(schema::stem_prefix) + std::string(stem)) > 0) return {true, 0};
    if (!word.capitalised) return {};
    const std::string& key = analyzer.cross_script_key(word);
    return {false, key.empty() ? 0 : vocabulary.frequency(std::string(schema::cross_script_prefix) + key)};
}

// The letters only Russian or only Ukrainian has: a candidate that brings in the other
// language's letters (`пересилки` → `пересылки`) is a word of that language, not a correction.
template <std::size_t n> bool has_any(std::string_view text, const std::array<std::string_view, n>& letters) {
    return std::any_of(letters.begin(), letters.end(),
                       [&](std::string_view letter) { return text.find(letter) != std::string_view::npos; });
}
constexpr std::array<std::string_view, 4> russian_letters = {"ы", "э", "ъ", "ё"};
constexpr std::array<std::string_view, 4> ukrainian_letters = {"і", "ї", "є", "ґ"};

bool changes_language(std::string_view typed, std::string_view candidate) {
    return (has_any(candidate, russian_letters) && !has_any(typed, russian_letters)) ||
           (has_any(candidate, ukrainian_letters) && !has_any(typed, ukrainian_letters));
}

// The plain words of a query (outside phrases, filters, wildcards and fields; not excluded
// ones), as nodes, in query order.
void plain_words(const Node& node, std::vector<const Node*>& out) {
    if (node.occur == Occur::must_not) return;
    if (node.kind == NodeKind::word && node.field.empty()) out.push_back(&node);
    for (const auto& child : node.children) plain_words(*child, out);
}

// The byte offset of a 1-based character column.
std::size_t column_offset(std::string_view text, std::size_t column) {
    auto continuation = [&](std::size_t at) { return (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80; };
    std::size_t at = 0;
    for (std::size_t seen = 1; at < text.size() && seen < column; ++seen) {
        ++at;
        while (at < text.size() && continuation(at)) ++at;
    }
    return at;
}

// Articles holding every letter word of `text` by its rarest word's count (0 when one is in
// none), and whether it has any such word.
struct TokenFrequency {
    std::uint64_t articles = 0;
    bool any = false;
    std::size_t words = 0; // letter words
};

TokenFrequency token_frequency(std::string_view text, Analyzer& analyzer, const Vocabulary& vocabulary) {
    std::vector<Word> words;
    analyzer.words(text, words);
    TokenFrequency found{std::numeric_limits<std::uint64_t>::max(), false};
    for (const Word& word : words) {
        if (word.kind != WordKind::letters) continue;
        found.any = true;
        ++found.words;
        found.articles = std::min(found.articles, vocabulary.frequency(word.term));
    }
    if (!found.any) found.articles = 0;
    return found;
}

// Query syntax kept out of a layout reading: operators and field:value words (the parser's
// fields, in any case: `LANG:ru`, `like:ID`).
bool is_syntax(std::string_view token) {
    while (!token.empty() && (token.front() == '+' || token.front() == '-' || token.front() == '('))
        token.remove_prefix(1);
    if (token == "OR" || token == "AND" || token == "NOT") return true;
    const std::size_t colon = token.find(':');
    return colon != std::string_view::npos && colon > 0 && is_query_field(token.substr(0, colon));
}

// A word of a Cyrillic layout typed on QWERTY breaks at the keys that are letters there
// (`Rb]d`); one of a Latin word typed on a Cyrillic layout has no such sign. Either way, a
// token whose letters the breaker splits, or one the index lacks, is worth a look.
bool looks_mistyped(std::string_view token) {
    if (!has_qwerty_letters(token)) return false;
    static constexpr std::string_view letter_keys = "[];',.`{}:\"<>~";
    const std::size_t first = token.find_first_not_of("+-(\"");
    const std::size_t last = token.find_last_not_of(")\",.;:!?");
    if (first == std::string_view::npos || last == std::string_view::npos || last < first) return false;
    const std::string_view inner = token.substr(first, last - first + 1);
    return inner.find_first_of(letter_keys) != std::string_view::npos;
}

// Whether `token` has two Latin letters or more and all are capitals (`OPL`, `FDR`).
bool all_capitals(std::string_view token) {
    std::size_t capitals = 0;
    for (char c : token) {
        if (c >= 'a' && c <= 'z') return false;
        capitals += c >= 'A' && c <= 'Z';
    }
    return capitals >= 2;
}

// The whitespace-separated tokens of a query.
std::vector<std::string_view> split_tokens(std::string_view query) {
    std::vector<std::string_view> tokens;
    std::size_t at = 0;
    while (at < query.size()) {
        std::size_t stop = std::min(query.find_first_of(" \t\n\r", at), query.size());
        // A field's quoted value is one token with its field (`source:"Kyiv Herald"`): syntax,
        // none of it read on another layout.
        const std::string_view token = query.substr(at, stop - at);
        if (is_syntax(token) && std::count(token.begin(), token.end(), '"') % 2 == 1) {
            const std::size_t close = query.find('"', stop);
            stop = close == std::string_view::npos ? query.size() : close + 1;
        }
        if (stop > at) tokens.push_back(query.substr(at, stop - at));
        at = std::max(stop, at + 1);
    }
    return tokens;
}

// The parts of a token between hyphens, which are hyphens on every layout: each part of
// `BIOS-flash-xbgjd` is read on its own. A leading hyphen (an exclusion) stays with its word.
std::vector<std::string_view> split_parts(std::string_view query) {
    std::vector<std::string_view> parts;
    for (std::string_view token : split_tokens(query)) {
        if (is_syntax(token)) {
            parts.push_back(token);
            continue;
        }
        std::size_t start = 0;
        for (std::size_t at = 1; at < token.size(); ++at)
            if (token[at] == '-' && at > start) {
                parts.push_back(token.substr(start, at - start));
                start = at + 1;
            }
        if (start < token.size()) parts.push_back(token.substr(start));
    }
    return parts;
}

} // namespace

unsigned allowed_edits(std::size_t length) {
    return length < 4 ? 0 : length < 13 ? 1 : 2;
}

unsigned edit_distance(std::u32string_view a, std::u32string_view b, unsigned limit) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    if ((n > m ? n - m : m - n) > limit) return limit + 1;
    // Three rows of the optimal string alignment table.
    std::vector<unsigned> before(m + 1);
    std::vector<unsigned> previous(m + 1);
    std::vector<unsigned> row(m + 1);
    for (std::size_t j = 0; j <= m; ++j) previous[j] = static_cast<unsigned>(j);
    for (std::size_t i = 1; i <= n; ++i) {
        row[0] = static_cast<unsigned>(i);
        unsigned smallest = row[0];
        for (std::size_t j = 1; j <= m; ++j) {
            const unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                row[j] = std::min(row[j], before[j - 2] + 1);
            smallest = std::min(smallest, row[j]);
        }
        if (smallest > limit) return limit + 1;
        std::swap(before, previous);
        std::swap(previous, row);
    }
    return std::min(previous[m], limit + 1);
}

SpellingCandidate spelling_candidate(const std::string& term, const Vocabulary& vocabulary,
                                     const CorrectionSettings& settings) {
    const std::u32string typed = code_points(term);
    const unsigned limit = allowed_edits(typed.size());
    if (limit == 0 || typed.size() < 3) return {};
    // Index terms sharing the first two letters, or starting with them swapped, or with the
    // first and third (a letter too many or swapped at the second), or the second and third (a
    // letter too many in front): a prefix range each, which remote shards answer too. Not
    // found: a first or second letter replaced or left out.
    std::vector<std::string> prefixes;
    for (const std::u32string& prefix : {typed.substr(0, 2), std::u32string{typed[1], typed[0]},
                                         std::u32string{typed[0], typed[2]}, typed.substr(1, 2)})
        if (std::find(prefixes.begin(), prefixes.end(), utf8(prefix)) == prefixes.end())
            prefixes.push_back(utf8(prefix));
    std::string best;
    unsigned best_distance = limit + 1;
    std::uint64_t best_frequency = 0;
    bool best_same = false;
    for (const std::string& prefix : prefixes) {
        vocabulary.each_term(prefix, [&](const std::string& candidate, std::uint64_t frequency) {
            if (frequency < settings.min_candidate_frequency || candidate == term) return;
            // A code point takes 1 to 4 bytes: a cheap bound before decoding.
            const std::size_t slack = std::size_t{4} * limit;
            if (candidate.size() + slack < term.size() || candidate.size() > term.size() + slack) return;
            if (has_digit(candidate) || changes_language(term, candidate)) return;
            const std::u32string letters = code_points(candidate);
            const unsigned distance = edit_distance(typed, letters, std::min(limit, best_distance));
            if (distance > limit) return;
            // Among the closest, the same letters in another order first (the most common slip
            // of the fingers: `pagre` is `pager` before `page`), then the most frequent.
            const bool same = same_letters(typed, letters);
            if (another_form(typed, letters, same)) return;
            if (distance < best_distance || (distance == best_distance && same > best_same) ||
                (distance == best_distance && same == best_same && frequency > best_frequency)) {
                best = candidate;
                best_distance = distance;
                best_frequency = frequency;
                best_same = same;
            }
        });
    }
    return {best, best_frequency};
}

namespace {

// A token of the query and its readings on the other layout (QWERTY read as Russian, then as
// Ukrainian; or Cyrillic read as QWERTY).
struct TokenReadings {
    std::string_view token;
    std::vector<std::string> readings;
    TokenFrequency typed;
    std::size_t best = 0; // the reading found in the most articles
    std::uint64_t best_articles = 0;
    bool switched = false;
};

TokenReadings read_token(std::string_view token, Analyzer& analyzer, const Vocabulary& vocabulary,
                         const CorrectionSettings& settings) {
    TokenReadings out{token, {}, {}, 0, 0, false};
    if (is_syntax(token)) return out;
    if (has_qwerty_letters(token)) {
        out.readings.push_back(qwerty_as_cyrillic(token, CyrillicLayout::russian));
        out.readings.push_back(qwerty_as_cyrillic(token, CyrillicLayout::ukrainian));
    } else if (has_cyrillic_letters(token)) {
        out.readings.push_back(cyrillic_as_qwerty(token));
    }
    if (out.readings.empty()) return out;
    out.typed = token_frequency(token, analyzer, vocabulary);
    for (std::size_t i = 0; i < out.readings.size(); ++i) {
        const TokenFrequency found = token_frequency(out.readings[i], analyzer, vocabulary);
        // A reading broken into more words than the typed text is none (`мжеду` is not `v;tle`).
        if (found.words > out.typed.words) continue;
        if (found.any && found.articles > out.best_articles) {
            out.best = i;
            out.best_articles = found.articles;
        }
    }
    out.switched = out.best_articles > 0 &&
                   (out.typed.articles == 0 || static_cast<double>(out.best_articles) >=
                                                   settings.layout_ratio * static_cast<double>(out.typed.articles));
    return out;
}

// Whether `query` typed on QWERTY reads as Ukrainian rather than Russian, by the language of
// its Ukrainian reading (`Hjcsqcmrbq` is `Російський`): when no word the index has tells.
bool ukrainian_reading(std::string_view query, Analyzer& analyzer) {
    const std::string reading = qwerty_as_cyrillic(query, CyrillicLayout::ukrainian);
    std::vector<Word> words;
    analyzer.words(reading, words);
    return analyzer.detect_language(reading, words) == "uk";
}

} // namespace

std::optional<Proposal> layout_proposal(std::string_view query, Analyzer& analyzer, const Vocabulary& vocabulary,
                                        const CorrectionSettings& settings) {
    std::vector<TokenReadings> tokens;
    std::size_t doubtful = 0; // parts not plainly typed as meant (found as typed, not in any reading)
    std::size_t switched = 0;
    int ukrainian = 0; // parts found more in their Ukrainian reading, less those found more in their Russian one
    const std::vector<std::string_view> parts = split_parts(query);
    if (query.size() > max_layout_bytes || parts.size() > max_layout_parts) return std::nullopt;
    for (std::string_view part : parts) {
        TokenReadings& t = tokens.emplace_back(read_token(part, analyzer, vocabulary, settings));
        doubtful += !t.readings.empty() && !(t.typed.articles > 0 && t.best_articles == 0);
        switched += t.switched;
        if (t.switched && t.readings.size() > 1 && t.readings[0] != t.readings[1]) ukrainian += t.best == 1 ? 1 : -1;
    }
    if (switched == 0) return std::nullopt;
    // A query is typed on one layout: when half of its doubtful words or more were, the others
    // were too (`c` for `с`, a word the index has in neither reading), but for one the index
    // has as typed more than in its reading (a Latin name in a Cyrillic query, typed as meant),
    // and Latin letters with digits or in capitals (`MPEG1`, `OPL2`: a QWERTY keyboard types
    // them as meant; `Ч11` is `X11` mistyped). A word of one small Latin letter there is a
    // preposition (`d` for `в`), one Cyrillic letter a Latin one (`В-Игы`, `D-Bus`).
    if (2 * switched >= doubtful && ukrainian == 0) ukrainian = ukrainian_reading(query, analyzer) ? 1 : -1;
    if (2 * switched >= doubtful)
        for (TokenReadings& t : tokens) {
            if (t.readings.empty() || t.switched) continue;
            const bool latin = has_qwerty_letters(t.token);
            if (latin && (has_digit(t.token) || all_capitals(t.token))) continue;
            const bool letter = latin ? t.token.size() == 1 && t.token[0] >= 'a' && t.token[0] <= 'z'
                                      : code_points(t.token).size() == 1;
            if (t.typed.articles == 0 || t.best_articles > t.typed.articles || letter) {
                if (t.best_articles == 0 && t.readings.size() > 1) t.best = ukrainian > 0 ? 1 : 0;
                t.switched = true;
            }
        }
    Proposal proposal;
    proposal.reason = "layout";
    std::size_t copied = 0;
    for (const TokenReadings& t : tokens) {
        const auto begin = static_cast<std::size_t>(t.token.data() - query.data());
        proposal.query.append(query.substr(copied, begin - copied));
        copied = begin + t.token.size();
        if (!t.switched) {
            proposal.query.append(t.token);
            continue;
        }
        proposal.query += t.readings[t.best];
        proposal.typed_unknown = proposal.typed_unknown || t.typed.articles == 0;
    }
    proposal.query.append(query.substr(std::min(copied, query.size())));
    return proposal;
}

std::optional<Proposal> spelling_proposal(std::string_view query, bool lenient, Analyzer& analyzer,
                                          const Vocabulary& vocabulary, const CorrectionSettings& settings) {
    const NodePtr root = parse_query(query, lenient);
    std::vector<const Node*> nodes;
    plain_words(*root, nodes);
    struct Replacement {
        std::size_t begin;
        std::size_t length;
        std::string text;
    };
    std::vector<Replacement> replacements;
    std::vector<Word> words;
    std::size_t looked_up = 0;
    for (const Node* node : nodes) {
        // Each word of the node's text (`ACPI-Geärten` is two), replaced in that text.
        words.clear();
        analyzer.words(node->text, words);
        std::string text = node->text;
        bool changed = false;
        std::reverse(words.begin(), words.end()); // replaced from the end, the offsets before stay
        for (const Word& word : words) {
            if (word.kind != WordKind::letters || has_digit(word.term)) continue;
            const Presence found = presence(word, analyzer, vocabulary);
            if (found.known) continue;
            if (++looked_up > max_spelling_words) break;
            const SpellingCandidate candidate = spelling_candidate(word.term, vocabulary, settings);
            if (candidate.term.empty()) continue;
            // A name found by its key (`Joerg` by `Jörg`'s, `Zelenskyy` by `Зеленський`'s) is
            // corrected only to its letters in another order, or to a word more frequent than the key.
            if (found.key_articles > 0 && found.key_articles >= candidate.articles &&
                !same_letters(code_points(word.term), code_points(candidate.term)))
                continue;
            const std::string typed = text.substr(word.begin, word.end - word.begin);
            text.replace(word.begin, word.end - word.begin, as_typed(typed, word.term, candidate.term));
            changed = true;
        }
        if (!changed) continue;
        const std::size_t begin = query.find(node->text, column_offset(query, node->column));
        if (begin == std::string_view::npos) continue;
        replacements.push_back({begin, node->text.size(), std::move(text)});
    }
    if (replacements.empty()) return std::nullopt;
    std::sort(replacements.begin(), replacements.end(),
              [](const Replacement& a, const Replacement& b) { return a.begin > b.begin; });
    // Searched instead: each replaced word is in no article as typed (a name the typed query
    // finds only by its cross-script key is replaced only by its own letters in another order or
    // by a word more frequent than the key, above: the word meant, which ranks by its exact form).
    Proposal proposal{std::string(query), "spelling", true};
    for (const Replacement& r : replacements) proposal.query.replace(r.begin, r.length, r.text);
    return proposal;
}

bool needs_no_correction(std::string_view query, bool lenient, Analyzer& analyzer, const Vocabulary& vocabulary) {
    for (std::string_view token : split_tokens(query))
        if (!is_syntax(token) && looks_mistyped(token)) return false;
    const NodePtr root = parse_query(query, lenient);
    std::vector<const Node*> nodes;
    plain_words(*root, nodes);
    std::vector<Word> words;
    for (const Node* node : nodes) {
        words.clear();
        analyzer.words(node->text, words);
        for (const Word& word : words)
            if (word.kind == WordKind::letters && vocabulary.frequency(word.term) == 0) return false;
    }
    return true;
}

namespace {

// Articles with every word of `query` (lenient: a layout reading may hold stray syntax).
std::uint64_t articles_with_all(std::string_view query, const SearchOptions& options, const RunSearch& run) {
    SearchOptions count = options;
    count.require_all = true;
    count.lenient = true;
    count.limit = 0;
    count.offset = 0;
    count.snippets = false;
    count.count_matched = false;
    count.entity_scores = false;
    count.facets.clear();
    count.correct = false;
    try {
        return run(query, count).total;
    } catch (const QueryError&) {
        return 0;
    }
}

// The layout reading of a query, or else its spelling correction.
std::optional<Proposal> propose(std::string_view query, const SearchOptions& options, Analyzer& analyzer,
                                const Vocabulary& vocabulary, const CorrectionSettings& settings) {
    if (auto layout = layout_proposal(query, analyzer, vocabulary, settings)) return layout;
    try {
        return spelling_proposal(query, options.lenient, analyzer, vocabulary, settings);
    } catch (const QueryError&) {
        return std::nullopt;
    }
}

} // namespace

SearchResults search_with_correction(std::string_view query, const SearchOptions& options, Analyzer& analyzer,
                                     const Vocabulary& vocabulary, const RunSearch& run,
                                     const CorrectionSettings& settings) {
    if (!options.correct) return run(query, options);
    std::optional<SearchResults> typed;
    try {
        typed = run(query, options);
        if (needs_no_correction(query, options.lenient, analyzer, vocabulary)) return std::move(*typed);
    } catch (const QueryError&) {
        // Typed on the wrong layout, a query's `"` and `:` are letters: search its reading. A
        // query over the limits stays refused (no reading is shorter), and so does one whose
        // reading fails too: the error is about what was typed.
        if (query.size() > options.max_query_bytes) throw;
        auto layout = layout_proposal(query, analyzer, vocabulary, settings);
        if (!layout) throw;
        SearchOptions corrected = options;
        corrected.lenient = true;
        std::optional<SearchResults> results;
        try {
            results = run(layout->query, corrected);
        } catch (const QueryError&) {
        }
        if (!results || results->total == 0) throw;
        results->correction = Correction{layout->query, true, layout->reason};
        return std::move(*results);
    }
    std::optional<Proposal> proposal = propose(query, options, analyzer, vocabulary, settings);
    if (!proposal) return std::move(*typed);
    // A word of the typed query in no article: it finds nothing, the correction is searched.
    // Otherwise by the articles with all the words of each.
    bool apply = proposal->typed_unknown;
    if (!apply) {
        const std::uint64_t typed_articles = articles_with_all(query, options, run);
        const std::uint64_t corrected_articles = articles_with_all(proposal->query, options, run);
        apply = corrected_articles > 0 &&
                static_cast<double>(corrected_articles) >= settings.apply_ratio * static_cast<double>(typed_articles);
    }
    if (!apply) {
        typed->correction = Correction{proposal->query, false, proposal->reason};
        return std::move(*typed);
    }
    SearchOptions corrected = options;
    corrected.lenient = true;
    SearchResults results = run(proposal->query, corrected);
    results.correction = Correction{proposal->query, true, proposal->reason};
    return results;
}

} // namespace sova::detail
