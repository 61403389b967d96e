// The index writer behind sova::IndexWriter, also used directly by the shards of a bulk build.
#pragma once

#include "indexer/document_builder.hpp"
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

    WriterImpl(std::string path, const WriterOptions& options);
    ~WriterImpl();

    /// Adds an article. A shard of a bulk build passes the article's position in the input,
    /// so that merging shards can keep what the first article said (see record_entities).
    AddResult add(const Article& input, std::uint64_t order = no_order);
    /// Writes an article prepared by prepare_article() on any thread.
    AddResult write(PreparedArticle&& prepared, std::uint64_t order = no_order);
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
    /// Commits every `bytes` of input from now on (WriterOptions::batch_bytes).
    void set_batch_bytes(std::size_t bytes) { m_options.batch_bytes = bytes; }

private:
    int open_flags() const;
    void record_entities(const std::vector<ArticleEntity>& entities, std::uint64_t order);

    std::string m_path;
    WriterOptions m_options;
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
