#include "query/entity_linking.hpp"

#include "schema/schema.hpp"
#include "tokenizers/language.hpp"
#include "tokenizers/names.hpp"

#include <algorithm>

namespace sova::detail {

namespace {

constexpr std::size_t max_name_words = 4;

std::string entity_term(std::string_view key) {
    std::string term(schema::entity_prefix);
    term += key;
    return term;
}

bool any_capitalised(const std::vector<Word>& words) {
    return std::any_of(words.begin(), words.end(), [](const Word& w) { return w.capitalised; });
}

} // namespace

EntityLinker::EntityLinker(Analyzer& analyzer, const IndexStatistics& statistics,
                           std::function<std::vector<std::string>(Script)> stem_languages)
    : m_analyzer(analyzer), m_statistics(statistics), m_stem_languages(std::move(stem_languages)) {}

// Name keys of query words (see schema::entity_name_key): exact terms, stems in each language
// the index holds for their script, sound keys of their base forms.
std::vector<std::string> EntityLinker::name_keys(const std::vector<Word>& words) {
    std::vector<std::string> keys;
    auto add = [&](std::string key) {
        if (!key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
    };
    add(term_name_key(words));
    std::vector<std::string> langs = m_stem_languages(words.front().script);
    for (const auto& lang : langs) {
        std::string stems = stemmed_words(m_analyzer, lang, words);
        add(stem_name_key(lang, stems));
        add(exact_name_key(stems));
    }
    langs.insert(langs.begin(), std::string());
    for (const auto& lang : langs) add(sound_name_key(m_analyzer, lang, words));
    return keys;
}

// A name typed in lower case links by its exact form or stems only: sound keys are loose
// enough to make "хлеб" a Хальбах.
std::vector<std::string> EntityLinker::entities_named(const std::vector<Word>& words) {
    bool capitalised = any_capitalised(words);
    std::vector<std::string> found;
    for (const auto& key : name_keys(words))
        if (capitalised || !key.starts_with(sound_name_key_prefix))
            for (auto& entity : m_statistics.entities_named(key))
                if (std::find(found.begin(), found.end(), entity) == found.end()) found.push_back(std::move(entity));
    return found;
}

std::vector<std::string> EntityLinker::forced(const Node& node) {
    if (m_statistics.entity_exists(node.text)) return {node.text};
    std::vector<Word> words;
    m_analyzer.words(node.text, words);
    return words.empty() ? std::vector<std::string>{} : entities_named(words);
}

// The word each top-level clause is, when it is one plain ranked word that could be part of a
// name (not a function word, not excluded, not fielded).
std::vector<std::optional<Word>> EntityLinker::plain_words(const Node& list) {
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
    return plain;
}

// The entities named by the longest run of plain words from `first`; sets `end` past the run.
// A name typed in lower case links only when most articles with the word have the entity
// ("kyiv" yes; "salt" not for the ballet "Salt Steppe").
std::vector<std::string> EntityLinker::longest_name(const std::vector<std::optional<Word>>& plain, std::size_t first,
                                                    std::size_t& end) {
    std::size_t run = first;
    while (run < plain.size() && run < first + max_name_words && plain[run]) ++run;
    for (end = run; end > first; --end) {
        std::vector<Word> words;
        for (std::size_t k = first; k < end; ++k) words.push_back(*plain[k]);
        std::vector<std::string> found = entities_named(words);
        if (!any_capitalised(words)) {
            double word_df = m_statistics.document_frequency(words.front().term);
            std::erase_if(found, [&](const std::string& key) {
                return m_statistics.document_frequency(entity_term(key)) * 2 < word_df;
            });
        }
        if (!found.empty()) return found;
    }
    return {};
}

// An ambiguous name is shared out among its entities by how often each occurs with the query's
// other words (the evidence of the query), or, with no other words, by how common each is, at
// half weight (a prior, weaker evidence).
std::vector<LinkedEntity> EntityLinker::shares(const std::vector<std::string>& found, const std::string& text,
                                               const std::vector<std::string>& context) const {
    if (found.size() == 1) return {LinkedEntity{text, found.front(), 1.0, "unique"}};
    std::vector<double> weights;
    double total = 0;
    if (!context.empty()) {
        for (const auto& key : found) weights.push_back(m_statistics.cooccurrence(entity_term(key), context));
        for (double w : weights) total += w;
    }
    const bool by_context = total > 0;
    if (!by_context) {
        weights.clear();
        for (const auto& key : found) weights.push_back(m_statistics.document_frequency(entity_term(key)));
        for (double w : weights) total += w;
    }
    std::vector<LinkedEntity> out;
    for (std::size_t k = 0; k < found.size(); ++k) {
        double share = total > 0 ? weights[k] / total : 0.0;
        if (!by_context) share *= 0.5;
        if (share > 0) out.push_back(LinkedEntity{text, found[k], share, by_context ? "context" : "prior"});
    }
    return out;
}

std::vector<LinkedSpan> EntityLinker::link(const Node& list) {
    std::vector<LinkedSpan> spans;
    std::vector<std::optional<Word>> plain = plain_words(list);
    for (std::size_t i = 0; i < plain.size();) {
        std::size_t end = i;
        std::vector<std::string> found = plain[i] ? longest_name(plain, i, end) : std::vector<std::string>{};
        if (found.empty()) {
            ++i;
            continue;
        }
        std::string text;
        for (std::size_t k = i; k < end; ++k) text += (text.empty() ? "" : " ") + list.children[k]->text;
        std::vector<std::string> context;
        for (std::size_t k = 0; k < plain.size(); ++k)
            if ((k < i || k >= end) && plain[k]) context.push_back(plain[k]->term);
        spans.push_back(LinkedSpan{i, end, shares(found, text, context)});
        i = end;
    }
    return spans;
}

} // namespace sova::detail
