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

XapianStatistics::XapianStatistics(const Xapian::Database& db,
                                   const std::map<Script, std::vector<std::string>>& languages)
    : m_db(db), m_languages(languages), m_documents(static_cast<double>(db.get_doccount())) {}

std::vector<std::string> XapianStatistics::stem_languages(Script script) const {
    if (auto it = m_languages.find(script); it != m_languages.end()) return it->second;
    // Nothing indexed in this script yet: the most likely language for it.
    if (script == Script::latin) return {"en"};
    if (script == Script::cyrillic) return {"ru"};
    return {};
}

double XapianStatistics::document_frequency(const std::string& term) const {
    return static_cast<double>(m_db.get_termfreq(term));
}

std::vector<std::string> XapianStatistics::entities_named(const std::string& name_key) const {
    std::vector<std::string> keys;
    std::string value = m_db.get_metadata(schema::entity_name_key(name_key));
    for (std::size_t at = 0; at < value.size();) {
        std::size_t nl = value.find('\n', at);
        if (nl == std::string::npos) nl = value.size();
        if (nl > at) keys.push_back(value.substr(at, nl - at));
        at = nl + 1;
    }
    return keys;
}

bool XapianStatistics::entity_exists(const std::string& key) const {
    return key.find(':') != std::string::npos && key.size() < max_entity_key_bytes &&
           m_db.term_exists(std::string(schema::entity_prefix) + key);
}

double XapianStatistics::cooccurrence(const std::string& entity_term, const std::vector<std::string>& context) const {
    Xapian::Enquire count(m_db);
    count.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(entity_term),
                                  Xapian::Query(Xapian::Query::OP_OR, context.begin(), context.end())));
    count.set_weighting_scheme(Xapian::BoolWeight());
    return static_cast<double>(count.get_mset(0, 0, 1000).get_matches_estimated());
}

} // namespace sova::detail
