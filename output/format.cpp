#include "output/format.hpp"

#include "output/correction.hpp"

#include "schema/document_data.hpp"
#include "schema/json.hpp"
#include "tokenizers/names.hpp"
#include "tokenizers/utf8.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

namespace sova::output {

namespace {

constexpr std::string_view bold = "\x1b[1m";
constexpr std::string_view reset = "\x1b[0m";

// Text from the archive goes to a terminal: control characters (escape sequences, bells, line
// breaks inside a title) become spaces so that no article can change the terminal or the layout.
std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F) {
            out.push_back(' ');
        } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
            out.push_back(' '); // C1 controls U+0080..U+009F
            ++i;
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    return out;
}

// A field of a TREC run: fields are separated by white space, so control characters are escaped
// (as in diagnostics) and spaces become '_'; an empty field would shift the others.
std::string trec_field(std::string_view text) {
    std::string field = detail::escape_controls(text);
    std::replace(field.begin(), field.end(), ' ', '_');
    return field.empty() ? "_" : field;
}

std::string number(double value, const char* format) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

// A JSON array of entities: [{key, type, name, mentions, salience}, …].
void append_entities(std::string& out, const std::vector<Entity>& entities) {
    schema::append_entity_list(out, entities, "mentions", "salience");
}

// A JSON array of `items`, each written by `append(out, item)`.
template <typename Item, typename Append>
void append_array(std::string& out, const std::vector<Item>& items, Append&& append) {
    out += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        append(out, items[i]);
    }
    out += ']';
}

// One entity count {"key","type","name","articles"}, marked "facet":"entity" after hits.
void append_entity_count(std::string& out, const EntityCount& c, bool after_hits) {
    schema::JsonObject json(out);
    if (after_hits) json.field("facet", "entity"); // told apart from the hits before it
    json.field("key", c.entity.key);
    json.field("type", c.entity.type);
    json.field("name", c.entity.name);
    json.field("articles", static_cast<unsigned long long>(c.articles));
    json.close();
}

// One hit as an object (fields documented in docs/CLI.md), then its further input fields.
void append_hit(std::string& out, const Hit& hit) {
    schema::JsonObject json(out);
    json.field("rank", static_cast<unsigned long long>(hit.rank));
    json.field("id", hit.id);
    json.field("title", hit.title);
    json.field("score", hit.score);
    json.field("matched", static_cast<unsigned long long>(hit.matched));
    json.field("clauses", static_cast<unsigned long long>(hit.clauses));
    json.field("date", hit.date);
    json.field("lang", hit.lang);
    json.field("source", hit.source);
    json.field("url", hit.url);
    json.field("snippet", hit.snippet);
    json.field("entity_score", hit.entity_score);
    append_entities(json.key("entities"), hit.entities);
    append_array(json.key("highlights"), hit.highlights, [](std::string& to, const Highlight& h) {
        to += '[' + std::to_string(h.begin) + ',' + std::to_string(h.end) + ']';
    });
    // The article's further input fields (author, tags …), but for names the hit has.
    json.members(hit.fields, {"rank", "id", "title", "score", "matched", "clauses", "date", "lang", "source", "url",
                              "snippet", "entity_score", "entities", "highlights"});
    json.close();
}

} // namespace

std::string plural(std::uint64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string format_hit_text(const Hit& hit, bool color, bool explain) {
    std::string out = std::to_string(hit.rank) + ". ";
    if (color) out.append(bold);
    out += hit.title.empty() ? std::string("(untitled)") : printable(hit.title);
    if (color) out.append(reset);
    out += "\n   ";
    std::string meta;
    auto add = [&meta](const std::string& part) {
        if (part.empty()) return;
        if (!meta.empty()) meta += " \xC2\xB7 "; // middle dot
        meta += part;
    };
    add(printable(hit.date));
    add(printable(hit.lang));
    add(printable(hit.source));
    add("id " + printable(hit.id));
    std::string score = "score " + number(hit.score, "%.2f");
    if (hit.clauses > 1) score += " (" + std::to_string(hit.matched) + "/" + std::to_string(hit.clauses) + " terms)";
    if (explain) score += ", entities +" + number(hit.entity_score, "%.2f");
    add(score);
    out += meta;
    if (!hit.url.empty()) out += "\n   " + printable(hit.url);
    if (!hit.snippet.empty()) {
        out += "\n   ";
        // Highlight offsets refer to the raw snippet: sanitise piece by piece.
        std::string_view snippet = hit.snippet;
        std::size_t at = 0;
        for (const auto& h : hit.highlights) {
            if (h.begin < at || h.end > snippet.size()) continue;
            out += printable(snippet.substr(at, h.begin - at));
            if (color) out.append(bold);
            out += printable(snippet.substr(h.begin, h.end - h.begin));
            if (color) out.append(reset);
            at = h.end;
        }
        out += printable(snippet.substr(at));
    }
    if (!hit.entities.empty()) {
        // The article's three most salient entities.
        std::string names;
        for (std::size_t i = 0; i < hit.entities.size() && i < 3; ++i)
            names += (i ? " \xC2\xB7 " : "") + printable(hit.entities[i].name);
        out += "\n   entities: " + names;
    }
    out += "\n";
    return out;
}

std::string format_explanation(const SearchResults& results) {
    std::string out;
    if (results.entities.empty()) out += "entities: none linked\n";
    for (const auto& e : results.entities) {
        out += "entity: \"" + printable(e.text) + "\" -> " + printable(e.key);
        if (!e.name.empty()) out += " (" + printable(e.type) + ", " + printable(e.name) + ")";
        out += " share " + number(e.share, "%.2f") + " [" + e.reason + "]\n";
    }
    out += "query: " + results.description + "\n";
    return out;
}

std::string format_facets_text(const std::vector<EntityCount>& counts) {
    if (counts.empty()) return "No entities.\n";
    std::string out;
    for (const auto& c : counts) {
        char line[64];
        std::snprintf(line, sizeof line, "%8llu  %-7s ", static_cast<unsigned long long>(c.articles),
                      c.entity.type.c_str());
        out += line + printable(c.entity.name.empty() ? c.entity.key : c.entity.name) + "  [" +
               printable(c.entity.key) + "]\n";
    }
    return out;
}

std::string format_facets_json(const std::vector<EntityCount>& counts, bool after_hits) {
    std::string out;
    for (const auto& c : counts) {
        append_entity_count(out, c, after_hits);
        out += '\n';
    }
    return out;
}

namespace {

// One count of a language, source, year or month: {"facet","key","articles"}.
void append_facet_count(std::string& out, const FacetCount& c) {
    schema::JsonObject json(out);
    json.field("facet", facet_name(c.facet));
    json.field("key", c.key);
    json.field("articles", static_cast<unsigned long long>(c.articles));
    json.close();
}

// Calls `value(counts)` for each value facet and `entity()` for the entity facet, in the order
// the options asked for them (each once).
template <typename Value, typename Entities>
void each_facet(const SearchResults& results, const SearchOptions& options, Value&& value, Entities&& entities) {
    std::vector<Facet> done;
    for (Facet facet : options.facets) {
        if (std::find(done.begin(), done.end(), facet) != done.end()) continue;
        done.push_back(facet);
        if (facet == Facet::entity) {
            entities();
            continue;
        }
        std::vector<FacetCount> counts;
        for (const FacetCount& c : results.facet_counts)
            if (c.facet == facet) counts.push_back(c);
        value(facet, counts);
    }
}

// `width` columns of `text` (counted in code points), padded with spaces.
std::string padded(std::string_view text, std::size_t width) {
    std::string out = printable(text);
    for (std::size_t n = detail::code_points(out); n < width; ++n) out += ' ';
    return out;
}

// A timeline draws every period from the first to the last (the empty ones show the gaps) when
// there are at most this many.
constexpr std::size_t max_timeline_periods = 600;

// Year and month keys ("2023", "2023-08") from `first` to `last`, in order (one more than
// max_timeline_periods at most).
std::vector<std::string> periods(const std::string& first, const std::string& last) {
    std::vector<std::string> out;
    const bool months = first.size() == 7;
    int year = std::stoi(first.substr(0, 4));
    int month = months ? std::stoi(first.substr(5, 2)) : 1;
    for (std::string key = first; key <= last && out.size() <= max_timeline_periods;) {
        out.push_back(key);
        char buffer[32];
        if (months) {
            if (++month > 12) {
                month = 1;
                ++year;
            }
            std::snprintf(buffer, sizeof buffer, "%04d-%02d", year % 10000, month);
        } else {
            std::snprintf(buffer, sizeof buffer, "%04d", ++year % 10000);
        }
        if (buffer <= key) break; // past 9999
        key = buffer;
    }
    return out;
}

// One facet's counts as a table; years and months as a timeline with bars.
std::string facet_table(Facet facet, const std::vector<FacetCount>& counts) {
    static constexpr std::string_view headings[] = {"Languages", "Sources", "Years", "Months", "Entities"};
    std::string out = std::string(headings[static_cast<int>(facet)]) + ":\n";
    if (counts.empty()) return out + "  none\n";
    std::vector<FacetCount> rows;
    const bool timeline = facet == Facet::year || facet == Facet::month;
    std::uint64_t most = 0;
    for (const FacetCount& c : counts) most = std::max(most, c.articles);
    if (timeline && !counts.front().key.empty()) {
        std::map<std::string, std::uint64_t> by_key;
        std::string last;
        for (const FacetCount& c : counts)
            if (!c.key.empty()) {
                by_key[c.key] = c.articles;
                last = c.key;
            }
        const std::vector<std::string> keys = periods(counts.front().key, last);
        if (keys.size() > max_timeline_periods) { // a stray date centuries off: the periods with articles
            rows = counts;
        } else {
            for (const std::string& key : keys)
                rows.push_back(FacetCount{facet, key, by_key.count(key) ? by_key[key] : 0});
            if (counts.back().key.empty()) rows.push_back(counts.back()); // the articles without a date
        }
    } else {
        rows = counts;
    }
    const std::string none = facet == Facet::lang ? "(unknown)" : facet == Facet::source ? "(no source)" : "(no date)";
    std::size_t width = 0;
    for (const FacetCount& c : rows)
        width = std::max(width, detail::code_points(printable(c.key.empty() ? none : c.key)));
    for (const FacetCount& c : rows) {
        char number_text[32];
        std::snprintf(number_text, sizeof number_text, "%8llu", static_cast<unsigned long long>(c.articles));
        out += "  " + padded(c.key.empty() ? none : c.key, width) + number_text;
        if (timeline && most > 0 && c.articles > 0) {
            out += "  ";
            const std::uint64_t bar = std::max<std::uint64_t>(1, (c.articles * 40 + most / 2) / most);
            for (std::uint64_t i = 0; i < bar; ++i) out += "\xE2\x96\x88"; // █
        }
        out += '\n';
    }
    return out;
}

} // namespace

namespace {
// "facets":[…] (each facet's objects, in the order asked) and "facets_exact" when languages,
// sources, years or months were counted.
void append_facets(schema::JsonObject& json, const SearchResults& results, const SearchOptions& options) {
    std::string& out = json.key("facets");
    out += '[';
    bool first = true;
    auto comma = [&] {
        if (!first) out += ',';
        first = false;
    };
    each_facet(
        results, options,
        [&](Facet, const std::vector<FacetCount>& counts) {
            for (const FacetCount& c : counts) {
                comma();
                append_facet_count(out, c);
            }
        },
        [&] {
            for (const EntityCount& c : results.facets) {
                comma();
                append_entity_count(out, c, true);
            }
        });
    out += ']';
    if (!results.facet_counts.empty() || !results.facet_counts_exact)
        json.field("facets_exact", results.facet_counts_exact);
}
} // namespace

std::string format_search_facets_json(const SearchResults& results, const SearchOptions& options) {
    std::string out;
    each_facet(
        results, options,
        [&](Facet, const std::vector<FacetCount>& counts) {
            for (const FacetCount& c : counts) {
                append_facet_count(out, c);
                out += '\n';
            }
        },
        [&] { out += format_facets_json(results.facets, true); });
    return out;
}

std::string format_search_facets_text(const SearchResults& results, const SearchOptions& options) {
    std::string out;
    each_facet(
        results, options,
        [&](Facet facet, const std::vector<FacetCount>& counts) { out += "\n" + facet_table(facet, counts); },
        [&] {
            out += "\nEntities of the best " + plural(options.facet_depth, "match", "matches") + ":\n" +
                   format_facets_text(results.facets);
        });
    if (!results.facet_counts_exact)
        out += "Counted among the first " + plural(options.facet_matches, "match", "matches") + " of about " +
               std::to_string(results.total) + ".\n";
    return out;
}

namespace {
void missing_fields(schema::JsonObject& json, const std::vector<std::string>& missing) {
    json.field("partial", true);
    append_array(json.key("missing"), missing, schema::append_json_string);
}
} // namespace

std::string format_partial_json(const std::vector<std::string>& missing) {
    if (missing.empty()) return {};
    std::string out;
    schema::JsonObject json(out);
    missing_fields(json, missing);
    json.close();
    out += '\n';
    return out;
}

std::string format_hit_json(const Hit& hit) {
    std::string out;
    append_hit(out, hit);
    out += '\n';
    return out;
}

namespace {
void append_query_entity(std::string& out, const QueryEntity& e) {
    schema::JsonObject json(out);
    json.field("text", e.text);
    json.field("key", e.key);
    json.field("type", e.type);
    json.field("name", e.name);
    json.field("share", e.share);
    json.field("reason", e.reason);
    json.close();
}
} // namespace

std::string format_search_response(std::string_view query, const SearchResults& results, const SearchOptions& options) {
    std::string out;
    schema::JsonObject json(out);
    json.field("query", query);
    json.field("total", static_cast<unsigned long long>(results.total));
    json.field("total_exact", results.total_exact);
    json.field("offset", static_cast<unsigned long long>(options.offset));
    correction_fields(json, results);
    if (!results.missing.empty()) missing_fields(json, results.missing);
    append_array(json.key("hits"), results.hits, append_hit);
    append_facets(json, results, options);
    append_array(json.key("entities"), results.entities, append_query_entity);
    json.close();
    out += '\n';
    return out;
}

std::string format_entities_response(const std::vector<EntityCount>& counts, const std::vector<std::string>& missing) {
    std::string out;
    schema::JsonObject json(out);
    if (!missing.empty()) missing_fields(json, missing);
    append_array(json.key("entities"), counts,
                 [](std::string& to, const EntityCount& c) { append_entity_count(to, c, false); });
    json.close();
    out += '\n';
    return out;
}

std::string format_article_json(const StoredArticle& stored) {
    const Article& a = stored.article;
    std::string out;
    schema::JsonObject json(out);
    json.field("id", a.id);
    json.field("title", a.title);
    json.field("url", a.url);
    json.field("date", a.date);
    json.field("lang", a.lang);
    json.field("lang_detected", stored.lang_detected);
    json.field("source", a.source);
    json.field("text", a.text);
    append_entities(json.key("entities"), stored.entities);
    json.members(a.extra_json, {"id", "title", "url", "date", "lang", "lang_detected", "source", "text", "entities"});
    json.close();
    out += '\n';
    return out;
}

std::string format_trec(const std::string& qid, const SearchResults& results, const std::string& tag) {
    std::string out;
    double previous = 0;
    for (std::size_t i = 0; i < results.hits.size(); ++i) {
        const Hit& hit = results.hits[i];
        double score = hit.weight;
        if (i > 0 && score >= previous) score = previous - 1e-6; // ties (date order): keep the rank order
        previous = score;
        out += trec_field(qid) + " Q0 " + trec_field(hit.id) + " " + std::to_string(hit.rank) + " " +
               number(score, "%.6f") + " " + trec_field(tag) + "\n";
    }
    return out;
}

std::string format_batch_json(const std::string& qid, const std::string& query, const SearchResults& results,
                              const SearchOptions& options, double ms) {
    std::string out;
    schema::JsonObject json(out);
    json.field("qid", qid);
    json.field("query", query);
    json.field("ms", ms);
    json.field("total", static_cast<unsigned long long>(results.total));
    correction_fields(json, results);
    if (!results.missing.empty()) missing_fields(json, results.missing);
    std::string& hits = json.key("hits");
    hits += '[';
    for (std::size_t i = 0; i < results.hits.size(); ++i) {
        if (i) hits += ',';
        schema::JsonObject hit(hits);
        hit.field("rank", static_cast<unsigned long long>(results.hits[i].rank));
        hit.field("id", results.hits[i].id);
        hit.field("title", results.hits[i].title);
        hit.field("score", results.hits[i].score);
        hit.field("weight", results.hits[i].weight);
        hit.close();
    }
    hits += ']';
    if (!options.facets.empty()) append_facets(json, results, options);
    json.close();
    out += '\n';
    return out;
}

std::string format_latencies(std::vector<double> ms, double seconds, std::size_t failed) {
    std::string out = "sova: " + plural(ms.size(), "query", "queries");
    if (failed) out += " (" + std::to_string(failed) + " failed)";
    out += " in " + number(seconds, "%.2f") + " s";
    if (!ms.empty()) {
        std::sort(ms.begin(), ms.end());
        auto at = [&](double p) {
            return ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * static_cast<double>(ms.size())))];
        };
        out += ", " + number(static_cast<double>(ms.size()) / std::max(seconds, 1e-9), "%.0f") +
               " queries/s; latency p50 " + number(at(0.50), "%.2f") + " ms, p95 " + number(at(0.95), "%.2f") +
               " ms, p99 " + number(at(0.99), "%.2f") + " ms";
    }
    return out + "\n";
}

std::string format_search_summary(const SearchResults& results, const SearchOptions& options) {
    if (results.hits.empty()) {
        if (results.total > 0 && options.offset > 0)
            return "No hits past " + std::to_string(options.offset) + " (" + std::to_string(results.total) +
                   " in all).\n";
        return "No articles match.\n";
    }
    std::size_t first = results.hits.front().rank;
    std::size_t last = results.hits.back().rank;
    return "Hits " + std::to_string(first) + "\xE2\x80\x93" + std::to_string(last) + " of " +
           (results.total_exact ? "" : "about ") + std::to_string(results.total) + ".\n";
}

std::string format_index_summary(const IndexingStats& stats, const std::string& index, std::uint64_t documents) {
    const std::uint64_t articles = stats.added + stats.replaced;
    const double seconds = stats.seconds > 0 ? stats.seconds : 1e-9;
    std::string out = "Indexed " + plural(articles, "article", "articles") + " (" + std::to_string(stats.added) +
                      " added, " + std::to_string(stats.replaced) + " replaced, " + std::to_string(stats.skipped) +
                      " skipped) from " + std::to_string(stats.files) + (stats.files == 1 ? " file, " : " files, ") +
                      number(static_cast<double>(stats.bytes) / 1e6, "%.1f") + " MB in " +
                      number(stats.seconds, "%.2f") + " s: " + number(static_cast<double>(articles) / seconds, "%.0f") +
                      " articles/s, " + number(static_cast<double>(stats.bytes) / 1e6 / seconds, "%.1f") + " MB/s.\n";
    if (stats.warnings) out += plural(stats.warnings, "warning", "warnings") + ".\n";
    if (stats.ignored)
        out += plural(stats.ignored, "file", "files") + " in folders passed over: not .jsonl, .ndjson, .txt or .md.\n";
    if (stats.invalid_utf8)
        out += std::to_string(stats.invalid_utf8) + " invalid UTF-8 sequences replaced with U+FFFD.\n";
    out += "Index " + detail::escape_controls(index) + " holds " + plural(documents, "article", "articles");
    if (stats.shards > 1)
        out += " (built in " + std::to_string(stats.shards) + " shards on as many threads, merged and compacted)";
    return out + ".\n";
}

std::string format_interruption(const IndexingStats& stats, const char* signal) {
    const std::uint64_t articles = stats.added + stats.replaced;
    std::string out = std::string("sova: interrupted by ") + signal + ": ";
    if (!stats.stopped) return out + "the input had been read to its end; all of it is indexed and committed.\n";
    return out + "stopped reading the input; the " + plural(articles, "article", "articles") +
           " indexed before the stop " + (articles == 1 ? "is" : "are") +
           " committed. Run the same command again to index the rest (articles are replaced by id).\n";
}

namespace {

// Display width of UTF-8 text, counting code points (enough for alignment of word tables).
std::size_t width(std::string_view text) {
    std::size_t n = 0;
    for (char ch : text)
        if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
    return n;
}

std::string pad(std::string_view text, std::size_t to) {
    std::string out(text);
    for (std::size_t w = width(text); w < to; ++w) out += ' ';
    return out;
}

} // namespace

std::string format_analysis_text(const Analysis& analysis, const std::vector<Entity>& entities) {
    std::string out = "language: " + (analysis.lang.empty() ? std::string("unknown") : analysis.lang) +
                      (analysis.lang_detected ? " (detected)" : " (given)") + "\n";
    if (analysis.invalid_utf8)
        out += plural(analysis.invalid_utf8, "invalid UTF-8 sequence", "invalid UTF-8 sequences") +
               " replaced with U+FFFD\n";
    const char* headers[] = {"pos", "bytes", "surface", "term", "stem", "script", "key", "entity?"};
    std::vector<std::vector<std::string>> rows;
    for (const auto& t : analysis.tokens) {
        std::string stems;
        for (const auto& stem : t.stems) stems += (stems.empty() ? "" : "|") + printable(stem);
        rows.push_back({std::to_string(t.position), std::to_string(t.begin) + "-" + std::to_string(t.end),
                        printable(t.surface), printable(t.term), stems, t.script, t.key,
                        t.entity_candidate ? "yes" : ""});
    }
    std::vector<std::size_t> widths;
    for (const char* h : headers) widths.push_back(width(h));
    for (const auto& row : rows)
        for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], width(row[i]));
    auto line = [&](const std::vector<std::string>& cells) {
        std::string l;
        for (std::size_t i = 0; i < cells.size(); ++i) l += pad(cells[i], widths[i] + 2);
        while (!l.empty() && l.back() == ' ') l.pop_back();
        return l + "\n";
    };
    out += line({headers, headers + 8});
    for (const auto& row : rows) out += line(row);
    if (!entities.empty()) {
        out += "entities (as the indexer would store them):\n";
        for (const auto& e : entities)
            out += "  " + printable(e.name) + "  " + e.type + "  [" + printable(e.key) + "]  mentions " +
                   std::to_string(e.mentions) + ", salience " + std::to_string(e.salience) + "\n";
    }
    return out;
}

std::string format_analysis_json(const Analysis& analysis, const std::vector<Entity>& entities) {
    std::string out;
    schema::JsonObject json(out);
    json.field("lang", analysis.lang);
    json.field("lang_detected", analysis.lang_detected);
    json.field("invalid_utf8", static_cast<unsigned long long>(analysis.invalid_utf8));
    std::string& tokens = json.key("tokens");
    tokens += '[';
    for (std::size_t i = 0; i < analysis.tokens.size(); ++i) {
        const auto& t = analysis.tokens[i];
        if (i) tokens += ',';
        schema::JsonObject token(tokens);
        token.field("position", static_cast<unsigned long long>(t.position));
        token.field("begin", static_cast<unsigned long long>(t.begin));
        token.field("end", static_cast<unsigned long long>(t.end));
        token.field("surface", t.surface);
        token.field("term", t.term);
        token.field("stem", t.stem);
        std::string& stems = token.key("stems");
        stems += '[';
        for (std::size_t k = 0; k < t.stems.size(); ++k) {
            if (k) stems += ',';
            schema::append_json_string(stems, t.stems[k]);
        }
        stems += ']';
        token.field("script", t.script);
        token.field("key", t.key);
        token.field("entity_candidate", t.entity_candidate);
        token.close();
    }
    tokens += ']';
    append_entities(json.key("entities"), entities);
    json.close();
    out += '\n';
    return out;
}

std::string format_progress(const IndexingStats& stats) {
    const std::uint64_t articles = stats.added + stats.replaced;
    const double seconds = stats.seconds > 0 ? stats.seconds : 1e-9;
    std::string out = "\r";
    out += std::to_string(articles);
    return out + " articles, " + number(static_cast<double>(stats.bytes) / 1e6, "%.1f") + " MB, " +
           number(static_cast<double>(articles) / seconds, "%.0f") + " articles/s, " + std::to_string(stats.skipped) +
           " skipped   ";
}

} // namespace sova::output
