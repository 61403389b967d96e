#include "query/compiler.hpp"

#include "schema/date.hpp"
#include "schema/schema.hpp"
#include "tokenizers/language.hpp"

#include <sova/error.hpp>

#include <algorithm>
#include <map>

namespace sova::detail {

namespace {

using Q = Xapian::Query;

std::string join(std::string_view a, std::string_view b) {
    std::string s;
    s.reserve(a.size() + b.size());
    s.append(a).append(b);
    return s;
}

Q boolean(const Q& q) { return Q(Q::OP_SCALE_WEIGHT, q, 0.0); }

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

    // One word: exact form and stems, in the body and (weighted up) in the title.
    Q word_query(const Word& word, bool title_only, bool exact_only) {
        remember(word, !exact_only);
        std::vector<std::string> stems = exact_only ? std::vector<std::string>{} : stems_of(word);
        std::vector<Q> body{Q(word.term)};
        std::vector<Q> title{Q(join(schema::title_prefix, word.term))};
        for (const auto& stem : stems) {
            body.emplace_back(join(schema::stem_prefix, stem));
            title.emplace_back(join(schema::title_stem_prefix, stem));
        }
        Q title_query = combine(Q::OP_OR, title);
        if (title_only) return title_query;
        Q q(Q::OP_OR, combine(Q::OP_OR, body), Q(Q::OP_SCALE_WEIGHT, title_query, m_options.title_weight));
        if (m_options.cross_script && !exact_only && m_keys_allowed) {
            // Names in other scripts and spellings: Київ also finds Kyiv, Киев, Kiev.
            const std::string& key = m_analyzer.cross_script_key(word);
            if (!key.empty()) {
                std::string key_term = join(schema::cross_script_prefix, key);
                if (word.capitalised || !m_options.key_helps || m_options.key_helps(word.term, key_term))
                    q = Q(Q::OP_OR, q, Q(Q::OP_SCALE_WEIGHT, Q(key_term), m_options.cross_script_weight));
            }
        }
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
            for (const Word& word : words) parts.push_back(word_query(word, title_only, false));
            return combine(Q::OP_AND, parts);
        }
        // A quoted phrase, or one typed word the analyser splits ("Нью-Йорк", "COVID-19").
        return phrase_query(words, title_only);
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
            if (dots == std::string_view::npos) parts.push_back(date_range(v, v));
            else parts.push_back(date_range(v.substr(0, dots), v.substr(dots + 2)));
        } else if (f == "after" || f == "since") {
            parts.push_back(date_range(node.text, {}));
        } else if (f == "before" || f == "until") {
            parts.push_back(date_range({}, node.text));
        } else if (f == "source") {
            if (auto key = schema::source_key(node.text); !key.empty()) parts.emplace_back(join(schema::source_prefix, key));
            if (auto host = schema::url_host(node.text); !host.empty()) parts.emplace_back(join(schema::host_prefix, host));
        }
        return boolean(combine(Q::OP_OR, parts));
    }

    Q node_query(const Node& node, CompiledQuery& out) {
        switch (node.kind) {
        case NodeKind::word:
        case NodeKind::phrase: return text_query(node);
        case NodeKind::wildcard: return wildcard_query(node);
        case NodeKind::filter: return filter_query(node);
        case NodeKind::list: return list(node, false, out);
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

    // A plain word that says little ("a", "de", "и", or any word in most articles): it ranks,
    // but an article without it is not pushed below those that have it.
    bool common_word(const Node& node) {
        if (node.kind != NodeKind::word || !node.field.empty()) return false;
        std::vector<Word> words;
        m_analyzer.words(node.text, words);
        if (words.size() != 1) return false;
        return is_function_word(words.front().term) || (m_options.is_common && m_options.is_common(words.front().term));
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

    // A list of clauses. At the top level, clauses are ranked (all-clause matches first);
    // inside parentheses, every clause is required.
    Q list(const Node& node, bool top, CompiledQuery& out) {
        std::vector<Q> shoulds, musts, nots, coordinated;
        std::map<std::string, std::vector<Q>> filters;
        std::size_t expressions = 0;
        for (const auto& child : node.children) {
            if (child->kind == NodeKind::filter) {
                Q q = filter_query(*child);
                if (child->occur == Occur::must_not) nots.push_back(q);
                else filters[child->field == "since" ? "after" : child->field == "until" ? "before" : child->field].push_back(q);
                continue;
            }
            if (filter_only(*child)) { // e.g. (lang:uk OR lang:ru): a condition of its own
                Q q = boolean(node_query(*child, out));
                if (child->occur == Occur::must_not) nots.push_back(q);
                else filters["expression " + std::to_string(++expressions)].push_back(q);
                continue;
            }
            m_keys_allowed = child->occur != Occur::must_not; // -Moscow excludes Moscow, not every spelling
            Q q = node_query(*child, out);
            m_keys_allowed = true;
            if (q.empty()) continue;
            if (child->occur == Occur::must_not) {
                nots.push_back(q);
                continue;
            }
            bool required = child->occur == Occur::must || !top || m_options.require_all;
            if (required || !common_word(*child)) {
                coordinated.push_back(q);
                if (top) out.clause_terms.emplace_back(q.get_unique_terms_begin(), q.get_unique_terms_end());
            }
            if (required) musts.push_back(q);
            else shoulds.push_back(q);
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
            out.clauses = static_cast<unsigned>(coordinated.size());
            if (coordinated.size() >= 2 && coordinated.size() <= max_coordinated_clauses) {
                std::vector<Q> bonuses;
                for (const Q& clause : coordinated) {
                    auto* source = new Xapian::FixedWeightPostingSource(coordination_weight);
                    bonuses.emplace_back(Q::OP_FILTER, Q(source->release()), clause);
                }
                positive = Q(Q::OP_AND_MAYBE, positive, combine(Q::OP_OR, bonuses));
                out.coordinated = true;
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
    bool m_keys_allowed = true; // false while compiling an excluded clause
};

} // namespace

CompiledQuery compile_query(const Node& root, Analyzer& analyzer, const StemLanguages& stem_languages,
                            const CompileOptions& options) {
    return Compiler(analyzer, stem_languages, options).compile(root);
}

} // namespace sova::detail
