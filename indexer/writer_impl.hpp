// The index writer behind sova::IndexWriter, also used directly by the shards of a bulk build.
#pragma once

#include "indexer/document_builder.hpp"
#include "indexer/entities.hpp"
#include "indexer/gazetteer.hpp"
#include "schema/index_folder.hpp"

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

/// The entity recogniser a writer's options ask for (none when entities are off): the
/// gazetteer, the aliases file and the extractor over them. One per thread that analyses.
struct Recogniser {
    explicit Recogniser(const WriterOptions& options);
    EntityExtractor* extractor() const { return m_extractor.get(); }

private:
    std::unique_ptr<Gazetteer> m_gazetteer;
    std::unique_ptr<AliasTable> m_aliases;
    std::unique_ptr<EntityExtractor> m_extractor;
};

/// An article analysed into its document, ready to be written.
struct PreparedArticle {
    Xapian::Document doc;
    BuildReport report;
    /// Dictionary stems met for the first time by the analysing thread (lang, word, stem).
    std::vector<std::tuple<std::string, std::string, std::string>> new_stems;
    std::size_t input_bytes = 0;
};

/// Analyses an article on the calling thread (its analyser, `recogniser`): the part of adding
/// an article that needs no index, so that several threads can do it. Throws InputError.
PreparedArticle prepare_article(const Article& input, const WriterOptions& options, const Recogniser& recogniser);

class WriterImpl {
public:
    /// No input position: the order of articles is not recorded.
    static constexpr std::uint64_t no_order = ~std::uint64_t{0};

    /// What a writer's path is: an index folder (docs/SCHEMA.md, "The index folder": locked,
    /// generations) or a bulk build's shard, a bare glass database inside a locked index folder.
    enum class Target { index_folder, shard };

    WriterImpl(std::string path, const WriterOptions& options, Target target = Target::index_folder);
    ~WriterImpl();

    /// Adds an article. A shard of a bulk build passes the article's position in the input,
    /// so that merging shards can keep what the first article said (see record_entities).
    AddResult add(const Article& input, std::uint64_t order = no_order);
    /// Writes an article prepared by prepare_article() on any thread.
    AddResult write(PreparedArticle&& prepared, std::uint64_t order = no_order);
    void commit();

    /// Makes `generation` (a new generation of this writer's index folder, built by a bulk
    /// build while this writer held the lock) the live index and goes on writing to it. The
    /// swap is atomic (publish_generation): a crash leaves the old index or the new one.
    void adopt(const std::string& generation);

    std::uint64_t document_count() const { return m_db.get_doccount(); }
    std::uint64_t invalid_utf8() const { return m_invalid_utf8; }
    const std::string& path() const { return m_path; }
    const WriterOptions& options() const { return m_options; }
    /// Commits every `bytes` of input from now on (WriterOptions::batch_bytes).
    void set_batch_bytes(std::size_t bytes) { m_options.batch_bytes = bytes; }

private:
    void record_features();
    void mark_name_keys(const std::vector<ArticleEntity>& entities, bool replacing, Xapian::Document& doc);
    static constexpr std::size_t max_name_key_bytes = 200; // longer keys and names are not recorded
    int sync_flag() const;
    void record_entities(const std::vector<ArticleEntity>& entities, std::uint64_t order);

    std::string m_path; // the index folder
    WriterOptions m_options;
    FolderLock m_lock;      // held while m_db is open (declared first: released last)
    std::string m_database; // the live generation m_db writes
    Xapian::WritableDatabase m_db;
    std::size_t m_pending_bytes = 0;
    std::size_t m_pending_articles = 0;
    std::uint64_t m_invalid_utf8 = 0;
    Recogniser m_recogniser;
    std::unordered_map<std::string, bool> m_known_entities; // key -> its description is settled (not "other")
    std::unordered_set<std::string> m_known_names;
};

/// The description of an entity a shard of a bulk build stores: "<type>\t<name>" followed by
/// "\t" and the input position of the article it comes from, for the merge.
std::string ordered_entity_description(std::string_view description, std::uint64_t order);
/// Splits what ordered_entity_description() made; no order: WriterImpl::no_order.
std::pair<std::string_view, std::uint64_t> split_entity_description(std::string_view stored);

} // namespace sova::detail
