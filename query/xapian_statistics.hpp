// IndexStatistics read from an archive (one index or shards as one): term frequencies, the
// languages it holds and its entity vocabulary (metadata, merged across shards).
#pragma once

#include "query/archive.hpp"
#include "query/index_statistics.hpp"

#include <xapian.h>

#include <map>
#include <set>

namespace sova::detail {

/// The languages whose stemmers apply to query words of each script, most used first: read
/// from the index's language terms (at most three per script).
std::map<Script, std::vector<std::string>> index_languages(const Xapian::Database& db);

class XapianStatistics : public IndexStatistics {
public:
    /// `archive` and `languages` must outlive this object.
    XapianStatistics(const Archive& archive, const std::map<Script, std::vector<std::string>>& languages);

    std::vector<std::string> stem_languages(Script script) const override;
    double documents() const override { return m_documents; }
    double document_frequency(const std::string& term) const override;
    std::vector<std::string> entities_named(const std::string& name_key) const override;
    bool entity_exists(const std::string& key) const override;
    /// Expanded over the whole archive: Xapian expands OP_WILDCARD shard by shard, which
    /// ranks differently from one index.
    std::optional<std::vector<std::string>> expand_prefix(const std::string& prefix, unsigned limit) const override;
    double cooccurrence(const std::string& entity_term, const std::vector<std::string>& context) const override;

    /// While recording, what the archive has not told yet is answered as unknown (no
    /// articles, no entities) and noted instead of looked up: a compilation in this mode lists
    /// what to prefetch() for the next one. For remote shards, where each look-up is a round trip.
    void set_recording(bool recording) { m_recording = recording; }
    /// The archive's name keys have XN terms (schema::feature_names): a name noted while
    /// recording is looked up only when its term is in some article.
    void set_name_terms(bool name_terms) { m_name_terms = name_terms; }
    /// Whether the last recording noted anything.
    bool missed() const { return !m_missing_terms.empty() || !m_missing_names.empty(); }
    /// Looks up, at once, everything noted while recording (Archive::prefetch).
    void prefetch();

private:
    const Archive& m_archive;
    bool m_recording = false;
    bool m_name_terms = false;
    mutable std::set<std::string> m_missing_terms;
    mutable std::set<std::string> m_missing_names;
    const Xapian::Database& m_db;
    const std::map<Script, std::vector<std::string>>& m_languages;
    double m_documents;
};

} // namespace sova::detail
