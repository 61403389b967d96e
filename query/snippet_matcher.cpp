#include "query/snippet_matcher.hpp"

#include <algorithm>
#include <cmath>

namespace sova::detail {

namespace {

// Weights are whole hundredths, at least one: a match always counts.
std::uint32_t quantised(double weight) {
    return static_cast<std::uint32_t>(std::clamp(std::lround(weight * 100), 1L, 1000000L));
}

bool contains(const std::vector<char32_t>& letters, char32_t letter) {
    return std::find(letters.begin(), letters.end(), letter) != letters.end();
}

void add_first_letter(std::vector<char32_t>& letters, std::string_view text) {
    if (char32_t first = first_code_point(text); first != 0 && !contains(letters, first)) letters.push_back(first);
}

} // namespace

SnippetMatcher::SnippetMatcher(const QueryTerms& terms, Analyzer& analyzer) {
    std::vector<double> weights;
    for (const QueryWord& word : terms.words) {
        int concept_index = 0;
        if (auto known = m_exact.find(word.term); known != m_exact.end()) {
            concept_index = known->second;
            weights[static_cast<std::size_t>(concept_index)] =
                std::max(weights[static_cast<std::size_t>(concept_index)], word.weight);
        } else {
            concept_index = static_cast<int>(weights.size());
            weights.push_back(word.weight);
            m_exact.emplace(word.term, concept_index);
            add_first_letter(m_exact_first, word.term);
        }
        for (const auto& stem : word.stems) m_query_stems.emplace(stem, concept_index);
        if (!word.key.empty()) m_keys.emplace(word.key, concept_index);
        if (!word.lower.empty()) {
            m_lowers.push_back(word.lower);
            m_lower_concepts.push_back(concept_index);
        }
    }
    // Terms and lower forms given without their word (QueryTerms filled by hand) count too.
    for (const auto& term : terms.exact)
        if (m_exact.emplace(term, static_cast<int>(weights.size())).second) {
            add_first_letter(m_exact_first, term);
            weights.push_back(1.0);
        }
    for (const auto& lower : terms.lowers)
        if (std::find(m_lowers.begin(), m_lowers.end(), lower) == m_lowers.end()) {
            m_lowers.push_back(lower);
            m_lower_concepts.push_back(static_cast<int>(weights.size()));
            weights.push_back(1.0);
        }
    double mean = 1;
    if (!weights.empty()) {
        double sum = 0;
        for (double w : weights) sum += w;
        mean = sum / static_cast<double>(weights.size());
    }
    for (const auto& prefix : terms.prefixes) {
        m_prefixes.emplace_back(prefix, static_cast<int>(weights.size()));
        weights.push_back(mean);
    }
    // A linked entity is the concept of the query word that names it; entity:"…" is one of its own.
    std::vector<Word> words;
    for (const auto& [key, text] : terms.entities) {
        int concept_index = -1;
        words.clear();
        analyzer.words(text, words);
        for (const Word& word : words)
            if (auto known = m_exact.find(word.term); known != m_exact.end() && concept_index < 0)
                concept_index = known->second;
        if (concept_index < 0) {
            concept_index = static_cast<int>(weights.size());
            weights.push_back(weights.empty() ? 1.0 : *std::max_element(weights.begin(), weights.end()));
        }
        m_entities.emplace_back(key, concept_index);
    }
    m_weights.reserve(weights.size());
    for (double w : weights) m_weights.push_back(quantised(w));
}

void SnippetMatcher::start(std::string_view lang, const std::vector<Entity>* entities, Analyzer& analyzer) {
    if (!m_started || lang != m_lang) {
        m_started = true;
        m_lang.assign(lang);
        m_stems = m_query_stems;
        for (std::size_t i = 0; i < m_lowers.size(); ++i)
            for (std::string_view stem : analyzer.stems(lang, m_lowers[i]))
                m_stems.emplace(std::string(stem), m_lower_concepts[i]);
        m_gated = stems_keep_first_letter(lang);
        m_stem_first.clear();
        for (const auto& [stem, concept_index] : m_stems) add_first_letter(m_stem_first, stem);
    }
    m_name_terms.clear();
    m_name_keys.clear();
    if (entities == nullptr || m_entities.empty()) return;
    std::vector<Word> words;
    for (const Entity& entity : *entities)
        for (const auto& [key, concept_index] : m_entities) {
            if (entity.key != key) continue;
            // The name the article stores for the entity: its words, and the sound keys of their
            // base forms, which its other forms share (Одесі, Одеса; Марчуком, Марчук).
            words.clear();
            analyzer.words(entity.name, words);
            for (const Word& word : words) {
                if (word.kind != WordKind::letters) continue;
                m_name_terms.emplace(word.term, concept_index);
                if (std::string name_key = analyzer.name_key(m_lang, word); !name_key.empty())
                    m_name_keys.emplace(std::move(name_key), concept_index);
            }
        }
}

int SnippetMatcher::stem_match(const Word& word, Analyzer& analyzer) {
    if (m_stems.empty() || word.kind != WordKind::letters) return -1;
    // Stemming is the costly part: a word whose first letter starts no stem cannot match.
    if (m_gated && !contains(m_stem_first, first_code_point(word.term))) return -1;
    for (std::string_view stem : analyzer.stems(m_lang, word))
        if (auto found = m_stems.find(stem); found != m_stems.end()) return found->second;
    return -1;
}

int SnippetMatcher::match(const Word& word, Analyzer& analyzer) {
    if (contains(m_exact_first, first_code_point(word.term)))
        if (auto found = m_exact.find(word.term); found != m_exact.end()) return found->second;
    if (int concept_index = stem_match(word, analyzer); concept_index >= 0) return concept_index;
    // The index has cross-script keys of capitalised words only.
    if (word.capitalised && !m_keys.empty())
        if (auto found = m_keys.find(analyzer.cross_script_key(word)); found != m_keys.end()) return found->second;
    for (const auto& [prefix, concept_index] : m_prefixes)
        if (word.term.starts_with(prefix)) return concept_index;
    if (!m_name_terms.empty()) {
        if (auto found = m_name_terms.find(word.term); found != m_name_terms.end()) return found->second;
        if (word.capitalised && !m_name_keys.empty())
            if (auto found = m_name_keys.find(analyzer.name_key(m_lang, word)); found != m_name_keys.end())
                return found->second;
    }
    return -1;
}

} // namespace sova::detail
