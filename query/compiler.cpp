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

Q date_query(const DateRange& dates) {
    if (dates.first.empty()) return Q(Q::OP_VALUE_LE, schema::date_slot, dates.last);
    if (dates.last.empty()) return Q(Q::OP_VALUE_GE, schema::date_slot, dates.first);
    return Q(Q::OP_VALUE_RANGE, schema::date_slot, dates.first, dates.last);
}

// What articles a ranking-free clause needs, by group: OR within a group, AND across groups.
using FilterGroups = std::map<std::string, std::vector<Q>>;

Q grouped(const FilterGroups& groups) {
    std::vector<Q> parts;
    parts.reserve(groups.size());
    for (const auto& [group, alternatives] : groups) parts.push_back(combine(Q::OP_OR, alternatives));
    return combine(Q::OP_AND, parts);
}

// The parts of a list of clauses, as they are sorted out.
struct ListParts {
    std::vector<Q> shoulds, musts, nots;
    std::vector<Q> coordinated; // what decides whether an article matches each counted clause
    // Plain word clauses: what matches the word, and its terms in the lead.
    std::vector<std::pair<Q, Q>> leads;
    FilterGroups filters;
    std::size_t expressions = 0;
    // With proximity weighted: the typed forms of the top-level plain words, in query order
    // ("" breaks the chain); adjacent ones add weight where they are near each other.
    std::vector<std::string> chain;
};

class Compiler {
public:
    Compiler(Analyzer& analyzer, const IndexStatistics& statistics, const CompileOptions& options)
        : m_analyzer(analyzer), m_statistics(statistics), m_options(options),
          m_linker(analyzer, statistics, [this](Script script) { return stem_languages(script); }) {}

    CompiledQuery compile(const Node& root) {
        collect_language_filter(root);
        for (const Filter& filter : m_options.filters)
            if (filter.kind == Filter::Kind::lang)
                m_lang_filter.insert(m_lang_filter.end(), filter.langs.begin(), filter.langs.end());
        CompiledQuery out;
        out.query = list(root, true, out);
        out.terms = std::move(m_terms);
        for (const LinkedEntity& e : out.entities) out.terms.entities.emplace_back(e.key, e.text);
        return out;
    }

private:
    // The languages a query word of `script` is stemmed in: those of the index, or those of
    // the language filter when there is one.
    std::vector<std::string> stem_languages(Script script) const {
        if (m_lang_filter.empty()) return m_statistics.stem_languages(script);
        std::vector<std::string> langs;
        for (const auto& lang : m_lang_filter)
            if (Stemmers::has_stemmer(lang) && script_for(lang) == script) langs.push_back(lang);
        return langs;
    }

    void collect_language_filter(const Node& node) {
        if (node.kind == NodeKind::filter && node.filter.kind == Filter::Kind::lang && node.occur != Occur::must_not)
            m_lang_filter.insert(m_lang_filter.end(), node.filter.langs.begin(), node.filter.langs.end());
        for (const auto& child : node.children) collect_language_filter(*child);
    }

    // Whether a lower-case query word's key is worth adding: the index knows the key better than
    // the word itself (`Kharkiv` typed in a Cyrillic archive), rather than the word being an
    // ordinary one that some capitalised word happens to share a key with ("для" / "Для").
    // Capitalised words always get their key, and every word does when nothing is known of the index.
    bool key_helps(const Word& word, const std::string& key_term) const {
        if (word.capitalised || m_statistics.documents() <= 0) return true;
        return m_statistics.document_frequency(key_term) > 4 * m_statistics.document_frequency(word.term);
    }

    std::vector<std::string> stems_of(const Word& word) {
        std::vector<std::string> stems;
        if (word.kind != WordKind::letters) return stems;
        for (const auto& lang : stem_languages(word.script))
            for (std::string_view stem : m_analyzer.stems(lang, word))
                if (std::find(stems.begin(), stems.end(), stem) == stems.end()) stems.emplace_back(stem);
        return stems;
    }

    // Words to highlight in snippets: stems only where the query matched by stem.
    void remember(const Word& word, bool by_stem, std::vector<std::string> stems = {}) {
        m_terms.exact.insert(word.term);
        if (by_stem) m_terms.lowers.emplace_back(word.lower_form());
        QueryWord& remembered = m_terms.words.emplace_back();
        remembered.term = word.term;
        if (by_stem) remembered.lower = word.lower_form();
        remembered.stems = std::move(stems);
        // What a match of the word says, as IDF: by its commonest form (the stem is in most articles).
        if (const double documents = m_statistics.documents(); documents >= 1) {
            double df = std::max(1.0, m_statistics.document_frequency(word.term));
            for (const auto& stem : remembered.stems)
                df = std::max(df, m_statistics.document_frequency(join(schema::stem_prefix, stem)));
            remembered.weight = std::log(std::max(documents / df, 1.0)) + 0.1; // never 0: a match counts
        }
    }

    // One word: its stems in each language weigh as one term (OP_SYNONYM: BM25 of their summed
    // frequency; every form of the word in an article is indexed under its stem), the typed
    // form adds its own weight, scaled; the title's forms add theirs, scaled.
    Q word_query(const Word& word, bool title_only, bool exact_only) {
        std::vector<std::string> stems = exact_only ? std::vector<std::string>{} : stems_of(word);
        remember(word, !exact_only, stems);
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
        // The lead holds each word's typed form and stems: the stems, when there are, find
        // every form; otherwise the form typed.
        std::vector<Q> lead;
        lead.reserve(stems.size() + 2);
        for (const auto& stem : stems) lead.emplace_back(join(schema::lead_prefix, stem));
        if (stems.empty()) lead.emplace_back(join(schema::lead_prefix, word.term));
        if (m_options.cross_script && !exact_only && m_keys_allowed) {
            // Names in other scripts and spellings: Київ also finds Kyiv, Киев, Kiev.
            const std::string& key = m_analyzer.cross_script_key(word);
            if (!key.empty()) {
                std::string key_term = join(schema::cross_script_prefix, key);
                if (key_helps(word, key_term)) {
                    q = Q(Q::OP_OR, q, Q(Q::OP_SCALE_WEIGHT, Q(key_term), weights.cross_script));
                    body_query = Q(Q::OP_OR, body_query, Q(key_term));
                    lead.emplace_back(join(schema::lead_key_prefix, key));
                    m_terms.words.back().key = key;
                }
            }
        }
        // Title terms only add weight: every title word and stem is also a body term.
        m_word_matches.push_back(body_query);
        m_word_leads.push_back(exact_only ? Q() : combine(Q::OP_OR, lead));
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
        Q phrase = phrase_query(words, title_only);
        if (node.kind != NodeKind::word || m_options.ranking.split_parts <= 0) return phrase;
        // A typed word that splits also matches its parts apart, each ranked as a word, scaled
        // ("file-system" finds "file system", "e-mail" "mail"; the phrase still weighs most).
        std::vector<Q> parts;
        parts.reserve(words.size());
        for (const Word& word : words) parts.push_back(word_query(word, title_only, false));
        return Q(Q::OP_OR, phrase, Q(Q::OP_SCALE_WEIGHT, combine(Q::OP_AND, parts), m_options.ranking.split_parts));
    }

    // entity:"…": articles with that entity, ranked by its salience there.
    Q forced_entity(const Node& node) {
        std::vector<std::string> found = m_options.link_entities ? m_linker.forced(node) : std::vector<std::string>{};
        std::vector<Q> parts;
        for (const auto& key : found) {
            m_links.push_back(LinkedEntity{node.text, key, 1.0, "forced"});
            // Every article with the entity matches; those about it rank first.
            Q term(join(schema::entity_prefix, key));
            Q salience = salience_boost(key, std::max(m_options.entity_weight, 0.1));
            parts.emplace_back(Q::OP_OR, Q(Q::OP_SCALE_WEIGHT, term, 0.0), salience);
            m_forced_boosts.push_back(salience);
        }
        // No such entity in the index: a clause that matches nothing.
        if (parts.empty()) return Q(std::string(schema::entity_prefix));
        return combine(Q::OP_OR, parts);
    }

    // like:ID: the article's terms, weighted (query/more_like_this.hpp); the article itself is
    // excluded from the whole query (restrict).
    Q like_query(const Node& node) {
        auto found = m_options.similar.find(node.text);
        if (found == m_options.similar.end())
            throw QueryError(node.column, "no article with the id '" + node.text + "' in the index");
        const SimilarArticle& similar = found->second;
        m_terms.exact.insert(similar.words.begin(), similar.words.end());
        m_like_articles.emplace_back(similar.id_term);
        return similar.query;
    }

    Q wildcard_query(const Node& node) {
        std::vector<Word> words;
        m_analyzer.words(node.text, words);
        if (words.empty()) return Q();
        bool title_only = node.field == "title";
        const Word& last = words.back();
        m_terms.prefixes.push_back(last.term);
        const std::string prefix = title_only ? join(schema::title_prefix, last.term) : last.term;
        Q wildcard;
        if (auto terms = m_statistics.expand_prefix(prefix, m_options.max_wildcard_expansion))
            wildcard = terms->empty() ? Q::MatchNothing : Q(Q::OP_SYNONYM, terms->begin(), terms->end());
        else
            wildcard = Q(Q::OP_WILDCARD, prefix, m_options.max_wildcard_expansion, Q::WILDCARD_LIMIT_MOST_FREQUENT);
        if (words.size() == 1) return wildcard;
        words.pop_back();
        std::vector<Q> parts;
        parts.reserve(words.size() + 1);
        for (const Word& word : words) parts.push_back(word_query(word, title_only, true));
        parts.push_back(wildcard);
        return combine(Q::OP_AND, parts);
    }

    Q node_query(const Node& node, CompiledQuery& out) {
        switch (node.kind) {
        case NodeKind::word:
        case NodeKind::phrase:
            return text_query(node);
        case NodeKind::wildcard:
            return wildcard_query(node);
        case NodeKind::filter:
            return filter_query(node.filter);
        case NodeKind::like:
            return like_query(node);
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
        const double documents = m_statistics.documents();
        return is_function_word(word.term) ||
               (documents >= 100 && m_statistics.document_frequency(word.term) * 2 > documents);
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
        const double documents = m_statistics.documents();
        if (documents < 1) return {};
        auto n = static_cast<double>(clauses.size());
        double span = w.long_query > 2 ? static_cast<double>(w.long_query) - 2 : 1;
        double t = std::clamp((n - 2) / span, 0.0, 1.0);
        double factor = w.coordination + t * (w.coordination_long - w.coordination);
        std::vector<Q> bonuses;
        if (factor <= 0) return bonuses;
        for (const Q& clause : clauses)
            if (double weight = idf(clause) * factor; weight > 0) bonuses.push_back(fixed_weight(weight, clause));
        return bonuses;
    }

    // log(N / df) of a clause, its df the largest of its terms' (0 when nothing is known).
    double idf(const Q& clause) const {
        const double documents = m_statistics.documents();
        if (documents < 1) return 0;
        double df = 1;
        for (auto term = clause.get_unique_terms_begin(); term != clause.get_unique_terms_end(); ++term)
            df = std::max(df, m_statistics.document_frequency(*term));
        return std::log(std::max(documents / df, 1.0));
    }

    static Q fixed_weight(double weight, const Q& where) {
        auto* source = new Xapian::FixedWeightPostingSource(weight);
        return Q(Q::OP_FILTER, Q(source->release()), where);
    }

    // An entity's boost: `scale` times how much each article is about it, a fixed weight per
    // aboutness band (its XA terms), or the posting source for an index without them.
    Q salience_boost(const std::string& key, double scale) const {
        if (!m_options.aboutness_terms)
            return Q((new SalienceSource(join(schema::entity_prefix, key), scale))->release());
        std::vector<Q> bands;
        for (unsigned salience = 2; salience <= schema::aboutness_full; ++salience)
            bands.push_back(
                fixed_weight(scale * schema::aboutness(salience), Q(schema::aboutness_term(salience, key))));
        return combine(Q::OP_OR, bands);
    }

    // The lead: a word the article opens with adds the word's IDF, scaled (docs/QUERY.md).
    // Appends each lead's terms to `leads`.
    std::vector<Q> lead_bonuses(const std::vector<std::pair<Q, Q>>& words, std::vector<Q>& leads) const {
        std::vector<Q> bonuses;
        if (m_options.ranking.lead <= 0) return bonuses;
        for (const auto& [matches, lead] : words)
            if (double weight = idf(matches) * m_options.ranking.lead; weight > 0) {
                bonuses.push_back(fixed_weight(weight, lead));
                leads.push_back(lead);
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

    // Entities the query's words name: each word of a name also matches articles that have the
    // entity under another name or script (Київ finds "Kiev"), at no weight; the entity's weight
    // is added once, by `boosts`. Returns those alternatives by clause index.
    std::map<std::size_t, Q> link_entities(const Node& node, CompiledQuery& out, std::vector<Q>& boosts) {
        std::map<std::size_t, Q> alternatives_of;
        if (!m_options.link_entities) return alternatives_of;
        for (const LinkedSpan& span : m_linker.link(node)) {
            std::vector<Q> alternatives;
            for (const LinkedEntity& e : span.entities) {
                std::string term = join(schema::entity_prefix, e.key);
                alternatives.emplace_back(term);
                if (m_options.entity_weight * e.share > 0)
                    boosts.push_back(salience_boost(e.key, m_options.entity_weight * e.share));
                out.entities.push_back(e);
            }
            if (m_options.cross_script) // otherwise only the spellings typed match
                for (std::size_t k = span.first; k < span.last; ++k)
                    alternatives_of[k] = Q(Q::OP_SCALE_WEIGHT, combine(Q::OP_OR, alternatives), 0.0);
        }
        return alternatives_of;
    }

    // A clause that only restricts: a filter, or (lang:uk OR lang:ru), a condition of its own.
    // Returns false for a ranked clause.
    bool add_filter_clause(const Node& child, ListParts& parts, CompiledQuery& out) {
        if (child.kind != NodeKind::filter && !filter_only(child)) return false;
        Q q = child.kind == NodeKind::filter ? filter_query(child.filter) : boolean(node_query(child, out));
        if (child.occur == Occur::must_not)
            parts.nots.push_back(q);
        else if (child.kind == NodeKind::filter)
            parts.filters[child.filter.group].push_back(q);
        else
            parts.filters["expression " + std::to_string(++parts.expressions)].push_back(q);
        return true;
    }

    // A ranked clause: required or not, counted for coordination unless it is a common word.
    void add_ranked_clause(const Node& child, const Q* entity_alternative, bool top, ListParts& parts,
                           CompiledQuery& out) {
        m_keys_allowed = child.occur != Occur::must_not; // -Moscow excludes Moscow, not every spelling
        m_word_matches.clear();
        m_word_leads.clear();
        Q q = node_query(child, out);
        m_keys_allowed = true;
        if (q.empty()) return;
        // What decides whether an article matches a one-word clause, without the terms that
        // only weigh: what coordination counts (a second pass over the clause's postings).
        Q matches = child.kind == NodeKind::word && m_word_matches.size() == 1 ? m_word_matches.front() : q;
        if (entity_alternative) {
            q = Q(Q::OP_OR, q, *entity_alternative);
            matches = Q(Q::OP_OR, matches, *entity_alternative);
        }
        if (child.occur == Occur::must_not) {
            parts.nots.push_back(q);
            return;
        }
        bool required = child.occur == Occur::must || !top || m_options.require_all;
        std::optional<Word> word = single_word(child);
        bool common = word && common_word(*word);
        if (child.kind == NodeKind::word && m_word_leads.size() == 1 && !m_word_leads.front().empty() && !common)
            parts.leads.emplace_back(matches, m_word_leads.front());
        if (required || !common) {
            parts.coordinated.push_back(matches);
            if (top) out.clause_terms.emplace_back(q.get_unique_terms_begin(), q.get_unique_terms_end());
        }
        // Only letters have positions worth pairing (a number, a phrase: the chain breaks).
        if (top && m_options.ranking.proximity > 0 && !common)
            parts.chain.push_back(word && word->kind == WordKind::letters ? word->term : "");
        (required ? parts.musts : parts.shoulds).push_back(q);
    }

    // The top level's signals on top of its clauses: entity boosts, coordination, proximity.
    // `added`: what the signals match that `positive` does not (else left empty).
    Q rank_top(Q positive, const ListParts& parts, std::vector<Q> boosts, CompiledQuery& out, Q& added) {
        // Entities forced by entity:"…" weigh inside their own clause.
        for (LinkedEntity& forced : m_links) out.entities.push_back(std::move(forced));
        std::vector<Q> extra = boosts; // weight added to articles `positive` matches
        boosts.insert(boosts.end(), m_forced_boosts.begin(), m_forced_boosts.end());
        if (!boosts.empty()) out.entity_boost = combine(Q::OP_OR, boosts);
        out.clauses = static_cast<unsigned>(parts.coordinated.size());
        // When every clause is required, every hit matches them all: nothing to coordinate.
        out.all_required = parts.shoulds.empty() && !parts.musts.empty();
        if (!out.all_required && parts.coordinated.size() >= 2 && parts.coordinated.size() <= max_coordinated_clauses) {
            std::vector<Q> bonuses = coordination(parts.coordinated);
            out.coordinated = !bonuses.empty();
            extra.insert(extra.end(), bonuses.begin(), bonuses.end());
        }
        std::vector<Q> leads;
        std::vector<Q> lead = lead_bonuses(parts.leads, leads);
        out.lead_words = static_cast<unsigned>(lead.size());
        extra.insert(extra.end(), lead.begin(), lead.end());
        if (positive.empty() || extra.empty()) return positive;
        std::vector<Q> near = proximity(parts.chain);
        out.proximity_pairs = static_cast<unsigned>(near.size());
        extra.insert(extra.end(), near.begin(), near.end());
        // Each extra matches only articles a clause matches (its words, the entity's terms,
        // which are its words' alternatives), but for a word's lead terms, which hold the lead's
        // own forms beside their stems: an article whose lead has French `univers` matches the
        // English stem of `universities` there, not in its text. With no required clause, OR
        // adds the extra weight, and those matches. Not AND_MAYBE there: Xapian 1.4's matcher,
        // pruning by weight, drops articles from an OR under AND_MAYBE that belong in the top
        // hits (docs/QUERY.md, "Exact top hits"). (Restricting the lead bonus to the word's
        // matches instead, in a FILTER or AND of the bonus, made that matcher, pruning, weigh
        // some articles more than when it weighs every match.)
        const bool implied = parts.musts.empty() && (boosts.empty() || m_options.cross_script);
        if (implied && !leads.empty()) added = combine(Q::OP_OR, leads);
        return Q(implied ? Q::OP_OR : Q::OP_AND_MAYBE, positive, combine(Q::OP_OR, extra));
    }

    // The ranked part restricted by the filters and exclusions; filters alone match everything.
    Q restrict(Q positive, const ListParts& parts, bool top, CompiledQuery& out) {
        if (positive.empty()) {
            if (parts.filters.empty() && parts.nots.empty()) {
                if (top) throw QueryError(1, "the query has nothing to search for");
                return Q();
            }
            positive = Q::MatchAll;
            if (top) out.ranked = false;
        }
        if (!parts.filters.empty()) positive = Q(Q::OP_FILTER, positive, grouped(parts.filters));
        std::vector<Q> nots = parts.nots;
        if (top) nots.insert(nots.end(), m_like_articles.begin(), m_like_articles.end());
        if (!nots.empty()) positive = Q(Q::OP_AND_NOT, positive, combine(Q::OP_OR, nots));
        return positive;
    }

    // A list of clauses. At the top level, clauses are ranked (soft coordination: more of the
    // query's weight, higher); inside parentheses, every clause is required.
    Q list(const Node& node, bool top, CompiledQuery& out) {
        ListParts parts;
        std::vector<Q> boosts;
        std::map<std::size_t, Q> alternatives = top ? link_entities(node, out, boosts) : std::map<std::size_t, Q>{};
        for (std::size_t i = 0; i < node.children.size(); ++i) {
            const Node& child = *node.children[i];
            if (add_filter_clause(child, parts, out)) continue;
            auto alternative = alternatives.find(i);
            add_ranked_clause(child, alternative == alternatives.end() ? nullptr : &alternative->second, top, parts,
                              out);
        }
        // Options narrow the query's own filters: groups of their own, so they are AND-ed.
        if (top)
            for (const Filter& filter : m_options.filters) parts.filters[filter.group].push_back(filter_query(filter));

        Q positive;
        if (!parts.musts.empty() && !parts.shoulds.empty())
            positive = Q(Q::OP_AND_MAYBE, combine(Q::OP_AND, parts.musts), combine(Q::OP_OR, parts.shoulds));
        else if (!parts.musts.empty())
            positive = combine(Q::OP_AND, parts.musts);
        else
            positive = combine(Q::OP_OR, parts.shoulds);
        if (!top) return restrict(positive, parts, top, out);
        Q added;
        Q ranked = rank_top(positive, parts, std::move(boosts), out, added);
        out.matching = restrict(added.empty() ? positive : Q(Q::OP_OR, positive, added), parts, top, out);
        return restrict(ranked, parts, top, out);
    }

    Analyzer& m_analyzer;
    const IndexStatistics& m_statistics;
    const CompileOptions& m_options;
    EntityLinker m_linker;
    std::vector<std::string> m_lang_filter;
    QueryTerms m_terms;
    bool m_keys_allowed = true;        // false while compiling an excluded clause
    std::vector<Q> m_word_matches;     // per word query of the clause being compiled: its matching part
    std::vector<Q> m_word_leads;       // ... and its terms in the lead
    std::vector<LinkedEntity> m_links; // entities forced by entity:"…"
    std::vector<Q> m_forced_boosts;    // their weights, for explaining
    std::vector<Q> m_like_articles;    // the id terms of like:ID articles: never hits
};

} // namespace

Q filter_query(const Filter& filter) {
    std::vector<Q> parts;
    switch (filter.kind) {
    case Filter::Kind::lang:
        for (const auto& lang : filter.langs) parts.emplace_back(join(schema::lang_prefix, lang));
        break;
    case Filter::Kind::date:
        parts.push_back(date_query(filter.dates));
        break;
    case Filter::Kind::source:
        if (!filter.source_key.empty()) parts.emplace_back(join(schema::source_prefix, filter.source_key));
        if (!filter.host.empty()) parts.emplace_back(join(schema::host_prefix, filter.host));
        break;
    }
    return boolean(combine(Q::OP_OR, parts));
}

Q filters_query(const std::vector<Filter>& filters) {
    FilterGroups groups;
    for (const Filter& filter : filters) groups[filter.group].push_back(filter_query(filter));
    return grouped(groups);
}

CompiledQuery compile_query(const Node& root, Analyzer& analyzer, const IndexStatistics& statistics,
                            const CompileOptions& options) {
    return Compiler(analyzer, statistics, options).compile(root);
}

} // namespace sova::detail
