// The index writer behind sova::IndexWriter, also used directly by the shards of a bulk build.
#pragma once

#include "indexer/entities.hpp"
#include "indexer/gazetteer.hpp"

#include <sova/index.hpp>

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace sova::detail {

class WriterImpl {
public:
    /// No input position: the order of articles is not recorded.
    static constexpr std::uint64_t no_order = ~std::uint64_t{0};

    WriterImpl(std::string path, const WriterOptions& options);
    ~WriterImpl();

    /// Adds an article. A shard of a bulk build passes the article's position in the input,
    /// so that merging shards can keep what the first article said (see record_entities).
    AddResult add(const Article& input, std::uint64_t order = no_order);
    void commit();

    /// Puts the index in the folder `built` (made by a bulk build while this writer held the
    /// lock on the empty index) in the place of this writer's index, and reopens it. The two
    /// folders are swapped by renames, so a crash leaves one or the other; `old` receives the
    /// empty index and is removed.
    void adopt(const std::string& built, const std::string& old);

    std::uint64_t document_count() const { return m_db.get_doccount(); }
    std::uint64_t invalid_utf8() const { return m_invalid_utf8; }
    const std::string& path() const { return m_path; }
    const WriterOptions& options() const { return m_options; }

private:
    int open_flags() const;
    void record_entities(const std::vector<ArticleEntity>& entities, std::uint64_t order);

    std::string m_path;
    WriterOptions m_options;
    Xapian::WritableDatabase m_db;
    std::size_t m_pending_bytes = 0;
    std::size_t m_pending_articles = 0;
    std::uint64_t m_invalid_utf8 = 0;
    std::vector<std::tuple<std::string, std::string, std::string>> m_new_stems;
    std::unique_ptr<Gazetteer> m_gazetteer;
    std::unique_ptr<AliasTable> m_aliases;
    std::unique_ptr<EntityExtractor> m_extractor;
    std::unordered_map<std::string, bool> m_known_entities; // key -> its description is settled (not "other")
    std::unordered_set<std::string> m_known_names;
};

/// The description of an entity a shard of a bulk build stores: "<type>\t<name>" followed by
/// "\t" and the input position of the article it comes from, for the merge.
std::string ordered_entity_description(std::string_view description, std::uint64_t order);
/// Splits what ordered_entity_description() made; no order: WriterImpl::no_order.
std::pair<std::string_view, std::uint64_t> split_entity_description(std::string_view stored);

} // namespace sova::detail
