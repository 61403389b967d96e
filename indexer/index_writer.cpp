// sova::IndexWriter: one Xapian WritableDatabase, documents replaced by their Q<id> term.
#include "indexer/writer_impl.hpp"

#include "indexer/document_builder.hpp"
#include "schema/damage.hpp"
#include "schema/fault_point.hpp"
#include "schema/index_folder.hpp"
#include "schema/schema.hpp"
#include "tokenizers/analyzer.hpp"

#include <sova/index.hpp>

#include <xapian.h>

#include <filesystem>
#include <memory>
#include <system_error>
#include <unordered_set>

namespace sova {

namespace detail {

Recogniser::Recogniser(const WriterOptions& options) {
    if (!options.entities) return;
    if (!options.entities_file.empty())
        m_aliases = std::make_unique<AliasTable>(AliasTable::load(options.entities_file));
    if (std::string gazetteer = Gazetteer::default_path(); !gazetteer.empty())
        m_gazetteer = std::make_unique<Gazetteer>(gazetteer);
    m_extractor = std::make_unique<EntityExtractor>(m_gazetteer.get(), m_aliases.get());
}

PreparedArticle prepare_article(const Article& input, const WriterOptions& options, const Recogniser& recogniser) {
    PreparedArticle prepared;
    Article article = input;
    Analyzer& analyzer = thread_analyzer();
    analyzer.stemmers().record_new_dictionary_stems(true);
    BuildOptions build_options;
    build_options.cross_script_keys = options.cross_script_keys;
    build_options.entities = recogniser.extractor();
    prepared.doc = build_document(article, prepared.report, build_options);
    if (prepared.report.invalid_utf8 > 0)
        prepared.report.warnings.push_back(std::to_string(prepared.report.invalid_utf8) +
                                           " invalid UTF-8 sequence(s) replaced with U+FFFD");
    analyzer.stemmers().take_new_dictionary_stems(prepared.new_stems);
    prepared.input_bytes = input.text.size() + input.title.size();
    return prepared;
}

WriterImpl::WriterImpl(std::string path, const WriterOptions& options, Target target)
    : m_path(std::move(path)), m_options(options), m_recogniser(options) {
    if (target == Target::shard) {
        m_database = m_path;
        try {
            m_db = Xapian::WritableDatabase(m_database,
                                            Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS | sync_flag());
            if (m_db.get_doccount() == 0) record_features();
        } catch (const Xapian::Error& e) {
            throw IndexError(m_path, "cannot create a shard of the bulk build: " + e.get_description());
        }
        return;
    }
    std::error_code ec;
    FolderLayout layout = folder_layout(m_path); // throws for a file
    if (layout == FolderLayout::foreign)
        throw IndexError(m_path, "is a folder with other files in it, not an index; use a new or empty folder");
    if (layout == FolderLayout::none) {
        std::filesystem::create_directories(m_path, ec);
        if (ec) throw IndexError(m_path, "cannot create the index folder: " + ec.message());
    }
    m_lock = FolderLock(m_path);
    layout = folder_layout(m_path); // settled now that no other writer can change it
    if (layout == FolderLayout::foreign) throw IndexError(m_path, "is not an index this version can write");
    remove_leftovers(m_path);
    try {
        if (layout == FolderLayout::none) {
            // A new index: its first generation, published once it exists.
            const std::string first = next_generation(m_path);
            m_db = Xapian::WritableDatabase(first, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS | sync_flag());
            record_features();
            m_db.commit();
            publish_generation(m_path, first);
            m_database = first;
        } else {
            // An existing index is opened, never created: a missing table is damage, not a new index.
            schema::check_index(m_path); // before Xapian reads tables it could crash on
            m_database = live_database(m_path);
            m_db = Xapian::WritableDatabase(m_database, Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS | sync_flag());
        }
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexError(m_path,
                         "index is locked by another program writing it with Xapian; try again when it has finished");
    } catch (const Xapian::Error& e) {
        throw schema::index_failure(m_path, e, "cannot open or create the index");
    }
    fault_point("opened");
}

// The XN term of each name key of the article's entities that no article holds yet (all of
// them when the article replaces one, which may have been the one that held them).
void WriterImpl::mark_name_keys(const std::vector<ArticleEntity>& entities, bool replacing, Xapian::Document& doc) {
    for (const ArticleEntity& found : entities)
        for (const std::string& name_key : found.name_keys) {
            if (name_key.size() > max_name_key_bytes) continue;
            std::string term = std::string(schema::name_key_prefix) + name_key;
            if (replacing || !m_db.term_exists(term)) doc.add_term(term, 0);
        }
}

// What every article of a new index has (schema::features_key); an index created before a
// feature keeps lacking it, whatever is added later.
void WriterImpl::record_features() {
    m_db.set_metadata(std::string(schema::features_key),
                      std::string(schema::feature_aboutness) + " " + std::string(schema::feature_order) + " " +
                          std::string(schema::feature_names) + " " + std::string(schema::feature_facets));
}

int WriterImpl::sync_flag() const {
    return m_options.durable ? 0 : Xapian::DB_NO_SYNC;
}

void WriterImpl::adopt(const std::string& generation) {
    try {
        m_db.commit();
        m_db.close();
        fault_point("swap-built");
        publish_generation(m_path, generation);
        m_database = generation;
        m_db = Xapian::WritableDatabase(m_database, Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS | sync_flag());
    } catch (const Xapian::Error& e) {
        throw schema::index_failure(m_path, e, "cannot open the built index");
    }
}

WriterImpl::~WriterImpl() {
    thread_analyzer().stemmers().record_new_dictionary_stems(false);
    try {
        commit();
    } catch (...) {
        // A destructor must not throw; an explicit commit() reports the error.
    }
}

AddResult WriterImpl::add(const Article& input, std::uint64_t order) {
    return write(prepare_article(input, m_options, m_recogniser), order);
}

AddResult WriterImpl::write(PreparedArticle&& prepared, std::uint64_t order) {
    BuildReport& report = prepared.report;
    m_invalid_utf8 += report.invalid_utf8;
    std::string id_term = schema::id_term(report.id);
    try {
        bool existed = m_db.term_exists(id_term);
        mark_name_keys(report.entities, existed, prepared.doc);
        m_db.replace_document(id_term, prepared.doc);
        // The index's lexicon: dictionary stems of its words, so that searches need not
        // load the dictionary for words the index has (see Stemmers::set_lexicon).
        for (const auto& [lang, lower, stem] : prepared.new_stems)
            if (lower.size() < 200) m_db.set_metadata(schema::lexicon_key(lang, lower), "s" + stem);
        record_entities(report.entities, order);
        fault_point("article");
        m_pending_bytes += prepared.input_bytes;
        ++m_pending_articles;
        if (m_pending_bytes >= m_options.batch_bytes ||
            (m_options.batch_articles > 0 && m_pending_articles >= m_options.batch_articles))
            commit();
        return {existed ? AddOutcome::replaced : AddOutcome::added, report.id, std::move(report.warnings)};
    } catch (const Xapian::Error& e) {
        throw schema::index_failure(m_path, e, "cannot add article \"" + report.id + "\"");
    }
}

void WriterImpl::commit() {
    try {
        fault_point("commit");
        m_db.commit();
        fault_point("committed");
        m_pending_bytes = 0;
        m_pending_articles = 0;
    } catch (const Xapian::Error& e) {
        throw schema::index_failure(m_path, e, "commit failed");
    }
}

// The index's entity vocabulary (docs/SCHEMA.md): what each entity is called, and which
// entities each name form names, so that a query links names without the gazetteer.
void WriterImpl::record_entities(const std::vector<ArticleEntity>& entities, std::uint64_t order) {
    constexpr std::size_t max_key_bytes = max_name_key_bytes;
    for (const ArticleEntity& found : entities) {
        const Entity& e = found.entity;
        if (e.key.size() > max_key_bytes) continue;
        // A name first seen without evidence of what it names ("other") becomes a person's
        // once an article shows it is one; any other first description stays.
        auto known = m_known_entities.find(e.key);
        if (known == m_known_entities.end() || (!known->second && e.type == "person")) {
            std::string meta = schema::entity_key(e.key);
            std::string stored = m_db.get_metadata(meta);
            std::string_view description = split_entity_description(stored).first;
            std::string_view type = description.substr(0, description.find('\t'));
            if (stored.empty() || (type == "other" && e.type == "person")) {
                std::string fresh = e.type + "\t" + e.name;
                m_db.set_metadata(meta, order == no_order ? fresh : ordered_entity_description(fresh, order));
                type = e.type;
            }
            m_known_entities[e.key] = type != "other";
        }
        for (const std::string& name_key : found.name_keys) {
            if (name_key.size() > max_key_bytes) continue;
            if (!m_known_names.insert(name_key + '\n' + e.key).second) continue;
            std::string meta = schema::entity_name_key(name_key);
            std::string value = m_db.get_metadata(meta);
            std::string line = e.key + '\n';
            if (("\n" + value).find("\n" + line) != std::string::npos) continue;
            m_db.set_metadata(meta, value + line);
        }
    }
    if (m_known_names.size() > 1000000) m_known_names.clear();
}

std::string ordered_entity_description(std::string_view description, std::uint64_t order) {
    return std::string(description) + "\t#" + std::to_string(order);
}

std::pair<std::string_view, std::uint64_t> split_entity_description(std::string_view stored) {
    std::size_t mark = stored.rfind("\t#");
    if (mark == std::string_view::npos || mark + 2 == stored.size() ||
        stored.find_first_not_of("0123456789", mark + 2) != std::string_view::npos)
        return {stored, WriterImpl::no_order};
    return {stored.substr(0, mark), std::stoull(std::string(stored.substr(mark + 2)))};
}

} // namespace detail

IndexWriter::IndexWriter(std::unique_ptr<detail::WriterImpl> impl) : m_impl(std::move(impl)) {}
IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;
IndexWriter::~IndexWriter() = default;

IndexWriter IndexWriter::create_or_open(const std::string& path, const WriterOptions& options) {
    if (path.empty()) throw OptionError("path", "no index folder given (the path is empty)");
    // The lexicon gets the stems this thread computes from now on (threads of bulk builds are new).
    detail::thread_analyzer().stemmers().forget_dictionary_stems();
    return IndexWriter(std::make_unique<detail::WriterImpl>(path, options));
}

AddResult IndexWriter::add(const Article& article) {
    return m_impl->add(article);
}
void IndexWriter::commit() {
    m_impl->commit();
}
std::uint64_t IndexWriter::document_count() const {
    return m_impl->document_count();
}
std::uint64_t IndexWriter::invalid_utf8_replaced() const {
    return m_impl->invalid_utf8();
}
const std::string& IndexWriter::path() const {
    return m_impl->path();
}

} // namespace sova

namespace sova {

namespace {

std::uint64_t folder_bytes(const std::filesystem::path& folder) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator(folder, ec); !ec && it != std::filesystem::directory_iterator();
         it.increment(ec))
        if (it->is_regular_file(ec)) total += it->file_size(ec);
    return total;
}

} // namespace

CompactStats compact_index(const std::string& from, const std::string& to) {
    if (from.empty()) throw OptionError("path", "no index folder given (the path is empty)");
    namespace fs = std::filesystem;
    using namespace detail;
    std::error_code ec;
    const FolderLayout layout = folder_layout(from);
    if (layout != FolderLayout::generations && layout != FolderLayout::plain)
        throw IndexError(from, "no index here (create one with `sova index`)");
    const bool in_place = to.empty();
    if (!in_place && fs::exists(to, ec) && !(fs::is_directory(to, ec) && fs::is_empty(to, ec)))
        throw IndexError(to, "exists and is not an empty folder; compact into a new folder");
    CompactStats stats;
    stats.bytes_before = folder_bytes(live_database(from));
    std::string generation;
    try {
        if (in_place) {
            // Sova's lock keeps other writers out from the copy to the swap; Xapian's lock on
            // the live generation keeps out other Xapian programs too.
            FolderLock lock(from);
            remove_leftovers(from);
            // The compactor copies blocks as they are: damage must not pass into a
            // healthy-looking new index. The check reads the index once more.
            schema::check_index_thoroughly(from);
            Xapian::WritableDatabase locked(live_database(from), Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
            stats.documents = locked.get_doccount();
            generation = next_generation(from);
            locked.compact(generation, Xapian::Compactor::FULLER);
            locked.close();
            fault_point("swap-built");
            publish_generation(from, generation);
        } else {
            // A copy needs no lock: it reads one revision, and starts again if a writer's
            // commit discards it meanwhile. The copy is an index folder of its own.
            schema::check_index_thoroughly(from);
            fs::create_directories(to, ec);
            if (ec) throw IndexError(to, "cannot create the folder: " + ec.message());
            generation = next_generation(to);
            retry_changing(
                [&] {
                    Xapian::Database source(from);
                    stats.documents = source.get_doccount();
                    source.compact(generation, Xapian::Compactor::FULLER);
                    return 0;
                },
                [&] { fs::remove_all(generation, ec); });
            publish_generation(to, generation);
        }
    } catch (const Xapian::DatabaseLockError&) {
        if (!generation.empty()) fs::remove_all(generation, ec);
        throw IndexError(from,
                         "index is locked by another program writing it with Xapian; try again when it has finished");
    } catch (const Xapian::Error& e) {
        if (!generation.empty()) fs::remove_all(generation, ec);
        throw schema::index_failure(from, e, "compaction failed");
    } catch (const fs::filesystem_error& e) {
        throw IndexError(from, std::string("compaction failed: ") + e.what());
    }
    stats.bytes_after = folder_bytes(generation);
    return stats;
}

} // namespace sova
