#include "query/compiler.hpp"

#include "query/salience.hpp"

#include "schema/date.hpp"
#include "schema/schema.hpp"
#include "tokenizers/language.hpp"
#include "tokenizers/names.hpp"

#include <sova/error.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace sova::detail {

namespace {

using Q = Xapian::Query;

std::string join(std::string_view a, std::string_view b) {
    std::string s;
    s.reserve(a.size() + b.size());
    s.append(a).append(b);
    return s;
}

Q boolean(const Q& q) {
    return Q(Q::OP_SCALE_WEIGHT, q, 0.0);
}

Q combine(Q::op op, const std::vector<Q>& parts) {
    std::vector<Q> nonempty;
    for (const Q& q : parts)
        if (!q.empty()) nonempty.push_back(q);
    if (nonempty.empty()) return Q();
    if (nonempty.size() == 1) return nonempty.front();
    return Q(op, nonempty.begin(), nonempty.end());
}

std::vector<std::string> split_commas(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        std::size_t comma = text.find(',');
        std::string_view part = text.substr(0, comma);
        if (!part.empty()) out.emplace_back(part);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return out;
}

class Compiler {
public:
    Compiler(Analyzer& analyzer, const StemLanguages& stem_languages, const CompileOptions& options)
        : m_analyzer(analyzer), m_options(options) {
        m_stem_languages = [this, &stem_languages](Script script) {
            std::vector<std::string> langs;
            if (m_lang_filter.empty()) return stem_languages(script);
            for (const auto& lang : m_lang_filter)
                if (Stemmers::has_stemmer(lang) && script_for(lang) == script) langs.push_back(lang);
            return langs;
        };
    }

    CompiledQuery compile(const Node& root) {
        collect_language_filter(root);
        for (const auto& lang : m_options.langs)
            if (auto code = normalise_language_code(lang); !code.empty()) m_lang_filter.push_back(code);
        CompiledQuery out;
        out.query = list(root, true, out);
        out.terms = std::move(m_terms);
        return out;
    }

private:
    void collect_language_filter(const Node& node) {
        if (node.kind == NodeKind::filter && node.field == "lang" && node.occur != Occur::must_not) {
            for (const auto& code : split_commas(node.text))
                if (auto lang = normalise_language_code(code); !lang.empty()) m_lang_filter.push_back(lang);
        }
        for (const auto& child : node.children) collect_language_filter(*child);
    }

    std::vector<std::string> stems_of(const Word& word) {
        std::vector<std::string> stems;
        if (word.kind != WordKind::letters) return stems;
        for (const auto& lang : m_stem_languages(word.script))
            for (std::string_view stem : m_analyzer.stems(lang, word))
                if (std::find(stems.begin(), stems.end(), stem) == stems.end()) stems.emplace_back(stem);
        return stems;
    }

    // Words to highlight in snippets: stems only where the query matched by stem.
    void remember(const Word& word, bool by_stem) {
        m_terms.exact.insert(word.term);
        if (by_stem) m_terms.lowers.emplace_back(word.lower_form());
    }

    // One word: its stems in each language weigh as one term (OP_SYNONYM: BM25 of their summed
    // frequency; every form of the word in an article is indexed under its stem), the typed
    // form adds its own weight, scaled; the title's forms add theirs, scaled.
    Q word_query(const Word& word, bool title_only, bool exact_only) {
        remember(word, !exact_only);
        std::vector<std::string> stems = exact_only ? std::vector<std::string>{} : stems_of(word);
        const RankingWeights& weights = m_options.ranking;
        std::vector<Q> body_stems;
        std::vector<Q> title{Q(join(schema::title_prefix, word.term))};
        for (const auto& stem : stems) {
            body_stems.emplace_back(join(schema::stem_prefix, stem));
            title.emplace_back(join(schema::title_stem_prefix, stem));
        }
        Q title_query = combine(Q::OP_SYNONYM, title);
        if (title_only) return title_query;
        // Without stems (a number, a quoted word, no stemmer) the typed form is the word.
        Q body_query = stems.empty() ? Q(word.term)
                                     : Q(Q::OP_OR, combine(Q::OP_SYNONYM, body_stems),
                                         Q(Q::OP_SCALE_WEIGHT, Q(word.term), weights.exact));
        Q q(Q::OP_OR, body_query, Q(Q::OP_SCALE_WEIGHT, title_query, weights.title));
        if (m_options.cross_script && !exact_only && m_keys_allowed) {
            // Names in other scripts and spellings: Київ also finds Kyiv, Киев, Kiev.
            const std::string& key = m_analyzer.cross_script_key(word);
            if (!key.empty()) {
                std::string key_term = join(schema::cross_script_prefix, key);
                if (word.capitalised || !m_options.key_helps || m_options.key_helps(word.term, key_term)) {
                    q = Q(Q::OP_OR, q, Q(Q::OP_SCALE_WEIGHT, Q(key_term), weights.cross_script));
                    body_query = Q(Q::OP_OR, body_query, Q(key_term));
                }
            }
        }
        // Title terms only add weight: every title word and stem is also a body term.
        m_word_matches.push_back(body_query);
        return q;
    }

    Q phrase_query(const std::vector<Word>& words, bool title_only) {
        std::vector<Q> terms;
        for (const Word& word : words) {
            remember(word, false);
            terms.emplace_back(title_only ? join(schema::title_prefix, word.term) : word.term);
        }
        return Q(Q::OP_PHRASE, terms.begin(), terms.end(), static_cast<Xapian::termcount>(terms.size()));
    }

    Q text_query(const Node& node) {
        if (node.field == "entity") return forced_entity(node);
        std::vector<Word> words;
        m_analyzer.words(node.text, words);
        bool title_only = node.field == "title";
        if (words.empty()) return Q();
        if (words.size() == 1) return word_query(words.front(), title_only, node.kind == NodeKind::phrase);
        if (node.kind == NodeKind::word && std::all_of(words.begin(), words.end(), [](const Word& w) {
                return w.script == Script::han || w.script == Script::kana || w.script == Script::hangul ||
                       w.script == Script::thai;
            })) {
            // Chinese, Japanese, Thai are written without spaces: "北京天气" is several words
            // that need not be adjacent in the article ("北京的天气").
            std::vector<Q> parts;
            parts.reserve(words.size());
            for (const Word& word : words) parts.push_back(word_query(word, title_only, false));
            return combine(Q::OP_AND, parts);
        }
        // A quoted phrase, or one typed word the analyser splits ("Нью-Йорк", "COVID-19").
        return phrase_query(words, title_only);
    }

    // ------------------------------------------------------------------------------------
    // Entity linking: which entities the query's words name, and the weight they add.

    // Name keys of query words (see schema::entity_name_key): exact terms, stems in each
    // language the index holds for their script, sound keys of their base forms.
    std::vector<std::string> name_keys(const std::vector<Word>& words) {
        std::vector<std::string> keys;
        auto add = [&](std::string key) {
            if (!key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
        };
        add(term_name_key(words));
        std::vector<std::string> langs = m_stem_languages(words.front().script);
        for (const auto& lang : langs) {
            std::string stems = stemmed_words(m_analyzer, lang, words);
            add("s:" + lang + ":" + stems);
            add("t:" + stems);
        }
        langs.insert(langs.begin(), std::string());
        for (const auto& lang : langs) add(sound_name_key(m_analyzer, lang, words));
        return keys;
    }

    // A name typed in lower case links by its exact form or stems only: sound keys are
    // loose enough to make "хлеб" a Хальбах.
    std::vector<std::string> entities_named(const std::vector<Word>& words) {
        bool capitalised = std::any_of(words.begin(), words.end(), [](const Word& w) { return w.capitalised; });
        std::vector<std::string> found;
        for (const auto& key : name_keys(words))
            if (capitalised || !key.starts_with("k:"))
                for (auto& entity : m_options.entities_named(key))
                    if (std::find(found.begin(), found.end(), entity) == found.end())
                        found.push_back(std::move(entity));
        return found;
    }

    // entity:"…": articles with that entity, ranked by its salience there.
    Q forced_entity(const Node& node) {
        std::vector<Word> words;
        m_analyzer.words(node.text, words);
        std::vector<std::string> found;
        // An entity key as `sova entities` prints it (entity:place:kyiv.ua), or a name.
        if (m_options.entity_exists && m_options.entity_exists(node.text))
            found.push_back(node.text);
        else if (!words.empty() && m_options.entities_named)
            found = entities_named(words);
        std::vector<Q> parts;
        for (const auto& key : found) {
            m_links.push_back(LinkedEntity{node.text, key, 1.0, "forced"});
            // Every article with the entity matches; those about it rank first.
            Q term(join(schema::entity_prefix, key));
            Q salience((new SalienceSource(join(schema::entity_prefix, key), std::max(m_options.entity_weight, 0.1)))
                           ->release());
            parts.emplace_back(Q::OP_OR, Q(Q::OP_SCALE_WEIGHT, term, 0.0), salience);
            m_forced_boosts.push_back(salience);
        }
        // No such entity in the index: a clause that matches nothing.
        if (parts.empty()) return Q(std::string(schema::entity_prefix));
        return combine(Q::OP_OR, parts);
    }

    struct Span {
        std::size_t first = 0; // child indices of the top-level list, [first, last)
        std::size_t last = 0;
        std::vector<LinkedEntity> entities;
    };

    // The longest runs of plain query words (at most four) that name entities of the index.
    // A name typed in lower case links only when most articles with the word have the
    // entity ("kyiv" yes; "salt" not for the ballet "Salt Steppe"). An ambiguous name is
    // shared out among its entities by how often each occurs with the query's other words
    // (the evidence of the query), or, with no other words, by how common each is, at half
    // weight (a prior, weaker evidence).
    std::vector<Span> link(const Node& list) {
        std::vector<Span> spans;
        if (!m_options.entities_named) return spans;
        const auto& children = list.children;
        std::vector<std::optional<Word>> plain(children.size());
        for (std::size_t i = 0; i < children.size(); ++i) {
            const Node& c = *children[i];
            if (c.kind != NodeKind::word || !c.field.empty() || c.occur == Occur::must_not) continue;
            std::vector<Word> words;
            m_analyzer.words(c.text, words);
            if (words.size() == 1 && words.front().kind == WordKind::letters && !is_function_word(words.front().term))
                plain[i] = std::move(words.front());
        }
        constexpr std::size_t max_words = 4;
        for (std::size_t i = 0; i < children.size();) {
            if (!plain[i]) {
                ++i;
                continue;
            }
            std::size_t best_end = i;
            std::vector<std::string> best;
            for (std::size_t end = std::min(children.size(), i + max_words); end > i; --end) {
                bool run = true;
                std::vector<Word> words;
                for (std::size_t k = i; k < end; ++k) {
                    if (!plain[k]) {
                        run = false;
                        break;
                    }
                    words.push_back(*plain[k]);
                }
                if (!run) continue;
                std::vector<std::string> found = entities_named(words);
                bool capitalised = std::any_of(words.begin(), words.end(), [](const Word& w) { return w.capitalised; });
                if (!capitalised && m_options.termfreq) {
                    double word_df = m_options.termfreq(words.front().term);
                    std::erase_if(found, [&](const std::string& key) {
                        return m_options.termfreq(join(schema::entity_prefix, key)) * 2 < word_df;
                    });
                }
                if (!found.empty()) {
                    best = std::move(found);
                    best_end = end;
                    break;
                }
            }
            if (best.empty()) {
                ++i;
                continue;
            }
            Span span{i, best_end, {}};
            std::string text;
            for (std::size_t k = i; k < best_end; ++k) text += (text.empty() ? "" : " ") + children[k]->text;
            if (best.size() == 1) {
                span.entities.push_back(LinkedEntity{text, best.front(), 1.0, "unique"});
            } else {
                std::vector<std::string> context;
                for (std::size_t k = 0; k < children.size(); ++k)
                    if ((k < i || k >= best_end) && plain[k]) context.push_back(plain[k]->term);
                std::vector<double> weights;
                double total = 0;
                bool by_context = false;
                if (!context.empty() && m_options.cooccurrence) {
                    for (const auto& key : best)
                        weights.push_back(m_options.cooccurrence(join(schema::entity_prefix, key), context));
                    for (double w : weights) total += w;
                    by_context = total > 0;
                }
                if (!by_context) {
                    weights.clear();
                    total = 0;
                    for (const auto& key : best) {
                        double df = m_options.termfreq ? m_options.termfreq(join(schema::entity_prefix, key)) : 1.0;
                        weights.push_back(df);
                        total += df;
                    }
                }
                for (std::size_t k = 0; k < best.size(); ++k) {
                    double share = total > 0 ? weights[k] / total : 0.0;
                    if (!by_context) share *= 0.5;
                    if (share > 0)
                        span.entities.push_back(LinkedEntity{text, best[k], share, by_context ? "context" : "prior"});
                }
            }
            spans.push_back(std::move(span));
            i = best_end;
        }
        return spans;
    }

    Q wildcard_query(const Node& node) {
        std::vector<Word> words;
        m_analyzer.words(node.text, words);
        if (words.empty()) return Q();
        bool title_only = node.field == "title";
        const Word& last = words.back();
        m_terms.prefixes.push_back(last.term);
        Q wildcard(Q::OP_WILDCARD, title_only ? join(schema::title_prefix, last.term) : last.term,
                   m_options.max_wildcard_expansion, Q::WILDCARD_LIMIT_MOST_FREQUENT);
        if (words.size() == 1) return wildcard;
        words.pop_back();
        std::vector<Q> parts;
        parts.reserve(words.size() + 1);
        for (const Word& word : words) parts.push_back(word_query(word, title_only, true));
        parts.push_back(wildcard);
        return combine(Q::OP_AND, parts);
    }

    static std::string first_key(std::string_view text) { return schema::parse_date(text)->first_key(); }
    static std::string last_key(std::string_view text) { return schema::parse_date(text)->last_key(); }

    Q date_range(std::string_view from, std::string_view to) {
        if (from.empty()) return Q(Q::OP_VALUE_LE, schema::date_slot, last_key(to));
        if (to.empty()) return Q(Q::OP_VALUE_GE, schema::date_slot, first_key(from));
        return Q(Q::OP_VALUE_RANGE, schema::date_slot, first_key(from), last_key(to));
    }

    Q filter_query(const Node& node) {
        const std::string& f = node.field;
        std::vector<Q> parts;
        if (f == "lang") {
            for (const auto& code : split_commas(node.text))
                if (auto lang = normalise_language_code(code); !lang.empty())
                    parts.emplace_back(join(schema::lang_prefix, lang));
            if (parts.empty()) throw QueryError(node.column, "'" + node.text + "' is not a language code");
        } else if (f == "date") {
            std::string_view v = node.text;
            std::size_t dots = v.find("..");
            if (dots == std::string_view::npos)
                parts.push_back(date_range(v, v));
            else
                parts.push_back(date_range(v.substr(0, dots), v.substr(dots + 2)));
        } else if (f == "after" || f == "since") {
            parts.push_back(date_range(node.text, {}));
        } else if (f == "before" || f == "until") {
            parts.push_back(date_range({}, node.text));
        } else if (f == "source") {
            if (auto key = schema::source_key(node.text); !key.empty())
                parts.emplace_back(join(schema::source_prefix, key));
            if (auto host = schema::url_host(node.text); !host.empty())
                parts.emplace_back(join(schema::host_prefix, host));
        }
        return boolean(combine(Q::OP_OR, parts));
    }

    Q node_query(const Node& node, CompiledQuery& out) {
        switch (node.kind) {
        case NodeKind::word:
        case NodeKind::phrase:
            return text_query(node);
        case NodeKind::wildcard:
            return wildcard_query(node);
        case NodeKind::filter:
            return filter_query(node);
        case NodeKind::list:
            return list(node, false, out);
        case NodeKind::any: {
            std::vector<Q> parts;
            for (const auto& child : node.children) parts.push_back(node_query(*child, out));
            return combine(Q::OP_OR, parts);
        }
        case NodeKind::all: {
            std::vector<Q> parts, excluded;
            for (const auto& child : node.children)
                (child->occur == Occur::must_not ? excluded : parts).push_back(node_query(*child, out));
            Q positive = combine(Q::OP_AND, parts);
            Q negative = combine(Q::OP_OR, excluded);
            if (positive.empty() || negative.empty()) return positive;
            return Q(Q::OP_AND_NOT, positive, negative);
        }
        }
        return Q();
    }

    // The one word a plain word clause analyses to; none for phrases, fields, groups, or text
    // that splits into several words ("Нью-Йорк").
    std::optional<Word> single_word(const Node& node) {
        if (node.kind != NodeKind::word || !node.field.empty()) return std::nullopt;
        std::vector<Word> words;
        m_analyzer.words(node.text, words);
        if (words.size() != 1) return std::nullopt;
        return std::move(words.front());
    }

    // A word that says little ("a", "de", "и", or any word in most articles): it ranks, but an
    // article without it is not pushed below those that have it.
    bool common_word(const Word& word) const {
        return is_function_word(word.term) || (m_options.is_common && m_options.is_common(word.term));
    }

    // Whether a node only restricts (filters, and OR/AND of filters): it is then a boolean
    // condition, not a ranked clause.
    static bool filter_only(const Node& node) {
        if (node.kind == NodeKind::filter) return true;
        if (node.kind != NodeKind::any && node.kind != NodeKind::all) return false;
        for (const auto& child : node.children)
            if (!filter_only(*child)) return false;
        return !node.children.empty();
    }

    // Soft coordination: each clause an article matches adds the clause's IDF times a factor
    // that falls with the length of the query (docs/QUERY.md, "Ranking"): an article with more
    // of the query's weight ranks higher, and a long description whose answer lacks a word or
    // two is not buried under articles that happen to have them all.
    std::vector<Q> coordination(const std::vector<Q>& clauses) const {
        const RankingWeights& w = m_options.ranking;
        if (!m_options.document_frequency || m_options.documents < 1) return {};
        auto n = static_cast<double>(clauses.size());
        double span = w.long_query > 2 ? static_cast<double>(w.long_query) - 2 : 1;
        double t = std::clamp((n - 2) / span, 0.0, 1.0);
        double factor = w.coordination + t * (w.coordination_long - w.coordination);
        std::vector<Q> bonuses;
        if (factor <= 0) return bonuses;
        for (const Q& clause : clauses) {
            double df = 1;
            for (auto term = clause.get_unique_terms_begin(); term != clause.get_unique_terms_end(); ++term)
                df = std::max(df, m_options.document_frequency(*term));
            double idf = std::log(std::max(m_options.documents / df, 1.0));
            if (idf * factor <= 0) continue;
            auto* source = new Xapian::FixedWeightPostingSource(idf * factor);
            bonuses.emplace_back(Q::OP_FILTER, Q(source->release()), clause);
        }
        return bonuses;
    }

    // Proximity: two adjacent query words within a few positions of each other, in either
    // order, add their BM25 weight again, scaled.
    std::vector<Q> proximity(const std::vector<std::string>& chain) const {
        const RankingWeights& w = m_options.ranking;
        std::vector<Q> near;
        if (w.proximity <= 0 || w.proximity_window < 2) return near;
        for (std::size_t i = 1; i < chain.size() && near.size() < max_coordinated_clauses; ++i) {
            if (chain[i - 1].empty() || chain[i].empty() || chain[i - 1] == chain[i]) continue;
            std::vector<Q> pair{Q(chain[i - 1]), Q(chain[i])};
            near.emplace_back(Q::OP_SCALE_WEIGHT, Q(Q::OP_NEAR, pair.begin(), pair.end(), w.proximity_window),
                              w.proximity);
        }
        return near;
    }

    // A list of clauses. At the top level, clauses are ranked (soft coordination: more of the
    // query's weight, higher); inside parentheses, every clause is required.
    Q list(const Node& node, bool top, CompiledQuery& out) {
        std::vector<Q> shoulds, musts, nots, coordinated;
        std::map<std::string, std::vector<Q>> filters;
        std::size_t expressions = 0;
        // Entities the query's words name: each word of a name also matches articles that
        // have the entity under another name or script (Київ finds "Kiev"), at no weight;
        // the entity's weight is added once, below.
        std::vector<Span> spans = top ? link(node) : std::vector<Span>{};
        std::map<std::size_t, Q> entity_alternatives;
        std::vector<Q> boosts;
        for (const Span& span : spans) {
            std::vector<Q> alternatives;
            for (const LinkedEntity& e : span.entities) {
                Q term(join(schema::entity_prefix, e.key));
                alternatives.push_back(term);
                if (m_options.entity_weight * e.share > 0)
                    boosts.emplace_back(
                        (new SalienceSource(join(schema::entity_prefix, e.key), m_options.entity_weight * e.share))
                            ->release());
                out.entities.push_back(e);
            }
            if (m_options.cross_script) // otherwise only the spellings typed match
                for (std::size_t k = span.first; k < span.last; ++k)
                    entity_alternatives[k] = Q(Q::OP_SCALE_WEIGHT, combine(Q::OP_OR, alternatives), 0.0);
        }
        std::size_t index = 0;
        // With proximity weighted: the typed forms of the top-level plain words, in query order
        // ("" breaks the chain); adjacent ones add weight where they are near each other.
        const bool near_pairs = top && m_options.ranking.proximity > 0;
        std::vector<std::string> chain;
        for (const auto& child : node.children) {
            std::size_t child_index = index++;
            if (child->kind == NodeKind::filter) {
                Q q = filter_query(*child);
                if (child->occur == Occur::must_not)
                    nots.push_back(q);
                else
                    filters[child->field == "since"   ? "after"
                            : child->field == "until" ? "before"
                                                      : child->field]
                        .push_back(q);
                continue;
            }
            if (filter_only(*child)) { // e.g. (lang:uk OR lang:ru): a condition of its own
                Q q = boolean(node_query(*child, out));
                if (child->occur == Occur::must_not)
                    nots.push_back(q);
                else
                    filters["expression " + std::to_string(++expressions)].push_back(q);
                continue;
            }
            m_keys_allowed = child->occur != Occur::must_not; // -Moscow excludes Moscow, not every spelling
            m_word_matches.clear();
            Q q = node_query(*child, out);
            m_keys_allowed = true;
            if (q.empty()) continue;
            // What decides whether an article matches a one-word clause, without the terms that
            // only weigh: what coordination counts (a second pass over the clause's postings).
            Q matches = child->kind == NodeKind::word && m_word_matches.size() == 1 ? m_word_matches.front() : q;
            if (auto it = entity_alternatives.find(child_index); it != entity_alternatives.end()) {
                q = Q(Q::OP_OR, q, it->second);
                matches = Q(Q::OP_OR, matches, it->second);
            }
            if (child->occur == Occur::must_not) {
                nots.push_back(q);
                continue;
            }
            bool required = child->occur == Occur::must || !top || m_options.require_all;
            std::optional<Word> word = single_word(*child);
            bool common = word && common_word(*word);
            if (required || !common) {
                coordinated.push_back(matches);
                if (top) out.clause_terms.emplace_back(q.get_unique_terms_begin(), q.get_unique_terms_end());
            }
            // Only letters have positions worth pairing (a number, a phrase: the chain breaks).
            if (near_pairs && !common) chain.push_back(word && word->kind == WordKind::letters ? word->term : "");
            if (required)
                musts.push_back(q);
            else
                shoulds.push_back(q);
        }
        if (top) {
            // Options narrow the query's own filters: separate keys, so they are AND-ed.
            for (const auto& lang : m_options.langs) {
                Node n;
                n.kind = NodeKind::filter;
                n.field = "lang";
                n.text = lang;
                filters["option lang"].push_back(filter_query(n));
            }
            if (!m_options.since.empty()) filters["option since"].push_back(boolean(date_range(m_options.since, {})));
            if (!m_options.until.empty()) filters["option until"].push_back(boolean(date_range({}, m_options.until)));
        }

        Q positive;
        if (!musts.empty() && !shoulds.empty())
            positive = Q(Q::OP_AND_MAYBE, combine(Q::OP_AND, musts), combine(Q::OP_OR, shoulds));
        else if (!musts.empty())
            positive = combine(Q::OP_AND, musts);
        else
            positive = combine(Q::OP_OR, shoulds);

        if (top) {
            // Entities forced by entity:"…" weigh inside their own clause.
            for (LinkedEntity& forced : m_links) out.entities.push_back(std::move(forced));
            if (!boosts.empty() && !positive.empty())
                positive = Q(Q::OP_AND_MAYBE, positive, combine(Q::OP_OR, boosts));
            boosts.insert(boosts.end(), m_forced_boosts.begin(), m_forced_boosts.end());
            if (!boosts.empty()) out.entity_boost = combine(Q::OP_OR, boosts);
            out.clauses = static_cast<unsigned>(coordinated.size());
            // When every clause is required, every hit matches them all: nothing to coordinate.
            out.all_required = shoulds.empty() && !musts.empty();
            if (!out.all_required && coordinated.size() >= 2 && coordinated.size() <= max_coordinated_clauses) {
                std::vector<Q> bonuses = coordination(coordinated);
                if (!bonuses.empty()) {
                    positive = Q(Q::OP_AND_MAYBE, positive, combine(Q::OP_OR, bonuses));
                    out.coordinated = true;
                }
            }
            if (!positive.empty()) {
                std::vector<Q> near = proximity(chain);
                out.proximity_pairs = static_cast<unsigned>(near.size());
                if (!near.empty()) positive = Q(Q::OP_AND_MAYBE, positive, combine(Q::OP_OR, near));
            }
        }

        if (positive.empty()) {
            if (filters.empty() && nots.empty()) {
                if (top) throw QueryError(1, "the query has nothing to search for");
                return Q();
            }
            positive = Q::MatchAll;
            if (top) out.ranked = false;
        }
        std::vector<Q> filter_parts;
        filter_parts.reserve(filters.size());
        for (auto& [field, alternatives] : filters) filter_parts.push_back(combine(Q::OP_OR, alternatives));
        if (!filter_parts.empty()) positive = Q(Q::OP_FILTER, positive, combine(Q::OP_AND, filter_parts));
        if (!nots.empty()) positive = Q(Q::OP_AND_NOT, positive, combine(Q::OP_OR, nots));
        return positive;
    }

    Analyzer& m_analyzer;
    const CompileOptions& m_options;
    StemLanguages m_stem_languages;
    std::vector<std::string> m_lang_filter;
    QueryTerms m_terms;
    bool m_keys_allowed = true;        // false while compiling an excluded clause
    std::vector<Q> m_word_matches;     // per word query of the clause being compiled: its matching part
    std::vector<LinkedEntity> m_links; // entities forced by entity:"…"
    std::vector<Q> m_forced_boosts;    // their weights, for explaining
};

} // namespace

CompiledQuery compile_query(const Node& root, Analyzer& analyzer, const StemLanguages& stem_languages,
                            const CompileOptions& options) {
    return Compiler(analyzer, stem_languages, options).compile(root);
}

} // namespace sova::detail
