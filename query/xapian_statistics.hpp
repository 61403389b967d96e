// IndexStatistics read from a Xapian database: term frequencies, the languages it holds and
// its entity vocabulary (metadata).
#pragma once

#include "query/index_statistics.hpp"

#include <xapian.h>

#include <map>

namespace sova::detail {

/// The languages whose stemmers apply to query words of each script, most used first: read
/// from the index's language terms (at most three per script).
std::map<Script, std::vector<std::string>> index_languages(const Xapian::Database& db);

class XapianStatistics : public IndexStatistics {
public:
    /// `db` and `languages` must outlive this object.
    XapianStatistics(const Xapian::Database& db, const std::map<Script, std::vector<std::string>>& languages);

    std::vector<std::string> stem_languages(Script script) const override;
    double documents() const override { return m_documents; }
    double document_frequency(const std::string& term) const override;
    std::vector<std::string> entities_named(const std::string& name_key) const override;
    bool entity_exists(const std::string& key) const override;
    double cooccurrence(const std::string& entity_term, const std::vector<std::string>& context) const override;

private:
    const Xapian::Database& m_db;
    const std::map<Script, std::vector<std::string>>& m_languages;
    double m_documents;
};

} // namespace sova::detail
