#include "query/xapian_statistics.hpp"

#include "schema/schema.hpp"
#include "tokenizers/stemmer.hpp"

#include <algorithm>

namespace sova::detail {

namespace {
constexpr std::size_t stem_languages_per_script = 3;
constexpr std::size_t max_entity_key_bytes = 240; // Xapian's term limit, less the prefix
} // namespace

std::map<Script, std::vector<std::string>> index_languages(const Xapian::Database& db) {
    std::map<Script, std::vector<std::pair<Xapian::doccount, std::string>>> by_script;
    const std::string prefix(schema::lang_prefix);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        std::string lang = (*it).substr(prefix.size());
        if (!Stemmers::has_stemmer(lang)) continue;
        by_script[script_for(lang)].emplace_back(it.get_termfreq(), lang);
    }
    std::map<Script, std::vector<std::string>> languages;
    for (auto& [script, langs] : by_script) {
        std::sort(langs.rbegin(), langs.rend());
        auto& out = languages[script];
        for (std::size_t i = 0; i < langs.size() && i < stem_languages_per_script; ++i) out.push_back(langs[i].second);
    }
    return languages;
}

XapianStatistics::XapianStatistics(const Archive& archive, const std::map<Script, std::vector<std::string>>& languages)
    : m_archive(archive), m_db(archive.db()), m_languages(languages),
      m_documents(static_cast<double>(m_db.get_doccount())) {}

std::vector<std::string> XapianStatistics::stem_languages(Script script) const {
    if (auto it = m_languages.find(script); it != m_languages.end()) return it->second;
    // Nothing indexed in this script yet: the most likely language for it.
    if (script == Script::latin) return {"en"};
    if (script == Script::cyrillic) return {"ru"};
    return {};
}

double XapianStatistics::document_frequency(const std::string& term) const {
    if (m_recording) {
        if (auto known = m_archive.known_frequency(term)) return static_cast<double>(*known);
        m_missing_terms.insert(term);
        return 0;
    }
    return static_cast<double>(m_archive.term_frequency(term));
}

void XapianStatistics::prefetch() {
    m_archive.prefetch({m_missing_terms.begin(), m_missing_terms.end()},
                       {m_missing_names.begin(), m_missing_names.end()}, m_name_terms);
    m_missing_terms.clear();
    m_missing_names.clear();
}

std::vector<std::string> XapianStatistics::entities_named(const std::string& name_key) const {
    if (m_recording) {
        if (auto known = m_archive.known_entities_named(name_key)) return *known;
        m_missing_names.insert(name_key);
        if (m_name_terms) m_missing_terms.insert(std::string(schema::name_key_prefix) + name_key);
        return {};
    }
    return m_archive.entities_named(name_key);
}

std::optional<std::vector<std::string>> XapianStatistics::expand_prefix(const std::string& prefix,
                                                                        unsigned limit) const {
    std::vector<std::pair<Xapian::doccount, std::string>> found;
    for (auto it = m_db.allterms_begin(prefix); it != m_db.allterms_end(prefix); ++it)
        found.emplace_back(it.get_termfreq(), *it);
    // Most frequent first; among equals, in term order (stable).
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    if (found.size() > limit) found.resize(limit);
    std::vector<std::string> terms;
    terms.reserve(found.size());
    for (auto& [frequency, term] : found) terms.push_back(std::move(term));
    std::sort(terms.begin(), terms.end());
    return terms;
}

bool XapianStatistics::entity_exists(const std::string& key) const {
    return key.find(':') != std::string::npos && key.size() < max_entity_key_bytes &&
           document_frequency(std::string(schema::entity_prefix) + key) > 0;
}

double XapianStatistics::cooccurrence(const std::string& entity_term, const std::vector<std::string>& context) const {
    Xapian::Enquire count(m_db);
    count.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(entity_term),
                                  Xapian::Query(Xapian::Query::OP_OR, context.begin(), context.end())));
    count.set_weighting_scheme(Xapian::BoolWeight());
    return static_cast<double>(count.get_mset(0, 0, 1000).get_matches_estimated());
}

} // namespace sova::detail
