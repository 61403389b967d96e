// sova::IndexWriter: one Xapian WritableDatabase, documents replaced by their Q<id> term.
#include "indexer/writer_impl.hpp"

#include "indexer/document_builder.hpp"
#include "tokenizers/analyzer.hpp"
#include "schema/damage.hpp"
#include "schema/schema.hpp"

#include <sova/index.hpp>

#include <xapian.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <unordered_set>
#include <unistd.h>
#include <system_error>

namespace sova {

namespace detail {

namespace {

// Who holds the index's write lock: the processes (other than this one) that have its lock
// file open. Xapian may hold the lock through a child of the writer; the writer is reported.
std::string lock_holder_message(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path lock_file = fs::weakly_canonical(fs::path(path) / "flintlock", ec);
    auto parent_of = [](const std::string& pid) -> std::string {
        std::ifstream status("/proc/" + pid + "/status");
        for (std::string line; std::getline(status, line);)
            if (line.rfind("PPid:", 0) == 0) return std::to_string(std::stol(line.substr(5)));
        return {};
    };
    std::set<std::string> holders;
    const std::string self = std::to_string(getpid());
    for (fs::directory_iterator proc("/proc", ec), end; !ec && proc != end; proc.increment(ec)) {
        std::string pid = proc->path().filename().string();
        if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) continue;
        std::error_code fd_ec;
        for (fs::directory_iterator fd(proc->path() / "fd", fd_ec), fd_end; !fd_ec && fd != fd_end; fd.increment(fd_ec)) {
            std::error_code link_ec;
            if (fs::read_symlink(fd->path(), link_ec) == lock_file) {
                holders.insert(pid);
                break;
            }
        }
    }
    std::string holder;
    for (const auto& pid : holders)
        if (!holders.count(parent_of(pid))) holder = pid; // not a lock-holding child of another holder
    std::string message = "index is locked by ";
    if (holder == self) message += "this process (another writer is open)";
    else if (!holder.empty()) message += "process " + holder + " (another `sova index`?)";
    else message += "another writer";
    return message + "; try again when it has finished";
}

} // namespace

Recogniser::Recogniser(const WriterOptions& options) {
    if (!options.entities) return;
    if (!options.entities_file.empty()) m_aliases = std::make_unique<AliasTable>(AliasTable::load(options.entities_file));
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

WriterImpl::WriterImpl(std::string path, const WriterOptions& options)
    : m_path(std::move(path)), m_options(options), m_recogniser(options) {
    std::error_code ec;
    std::filesystem::path p(m_path);
    if (std::filesystem::exists(p, ec) && !std::filesystem::is_directory(p, ec))
        throw IndexError(m_path, "is a file, not an index folder");
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
    if (std::filesystem::is_directory(p, ec)) {
        schema::check_index(m_path); // before Xapian reads tables it could crash on
        // Never scatter index files among a user's own files.
        bool is_index = std::filesystem::exists(p / "iamglass", ec) || std::filesystem::exists(p / "iamchert", ec);
        if (!is_index && !std::filesystem::is_empty(p, ec))
            throw IndexError(m_path, "is a folder with other files in it, not an index; use a new or empty folder");
        if (access(m_path.c_str(), W_OK) != 0)
            throw IndexError(m_path, std::string("cannot write to the index: ") + std::strerror(errno));
    }
    try {
        m_db = Xapian::WritableDatabase(m_path, open_flags());
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexError(m_path, lock_holder_message(m_path));
    } catch (const Xapian::Error& e) {
        throw schema::index_failure(m_path, e, "cannot open or create the index");
    }
}

int WriterImpl::open_flags() const {
    return Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS | (m_options.durable ? 0 : Xapian::DB_NO_SYNC);
}

void WriterImpl::adopt(const std::string& built, const std::string& old) {
    namespace fs = std::filesystem;
    try {
        m_db.commit();
        m_db.close();
        fs::rename(m_path, old);
        std::error_code ec;
        fs::rename(built, m_path, ec);
        if (ec) {
            fs::rename(old, m_path);
            throw IndexError(m_path, "cannot move the built index into place: " + ec.message());
        }
        fs::remove_all(old, ec);
        m_db = Xapian::WritableDatabase(m_path, open_flags());
    } catch (const Xapian::Error& e) {
        throw IndexError(m_path, "cannot reopen the built index: " + e.get_description());
    } catch (const fs::filesystem_error& e) {
        throw IndexError(m_path, std::string("cannot move the built index into place: ") + e.what());
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
        m_db.replace_document(id_term, prepared.doc);
        // The index's lexicon: dictionary stems of its words, so that searches need not
        // load the dictionary for words the index has (see Stemmers::set_lexicon).
        for (const auto& [lang, lower, stem] : prepared.new_stems)
            if (lower.size() < 200) m_db.set_metadata(schema::lexicon_key(lang, lower), "s" + stem);
        record_entities(report.entities, order);
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
        m_db.commit();
        m_pending_bytes = 0;
        m_pending_articles = 0;
    } catch (const Xapian::Error& e) {
        throw schema::index_failure(m_path, e, "commit failed");
    }
}


// The index's entity vocabulary (docs/SCHEMA.md): what each entity is called, and which
// entities each name form names, so that a query links names without the gazetteer.
void WriterImpl::record_entities(const std::vector<ArticleEntity>& entities, std::uint64_t order) {
    constexpr std::size_t max_key_bytes = 200;
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
    // The lexicon gets the stems this thread computes from now on (threads of bulk builds are new).
    detail::thread_analyzer().stemmers().forget_dictionary_stems();
    return IndexWriter(std::make_unique<detail::WriterImpl>(path, options));
}

AddResult IndexWriter::add(const Article& article) { return m_impl->add(article); }
void IndexWriter::commit() { m_impl->commit(); }
std::uint64_t IndexWriter::document_count() const { return m_impl->document_count(); }
std::uint64_t IndexWriter::invalid_utf8_replaced() const { return m_impl->invalid_utf8(); }
const std::string& IndexWriter::path() const { return m_impl->path(); }

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
    namespace fs = std::filesystem;
    std::error_code ec;
    schema::check_index(from);
    if (!fs::is_directory(from, ec) || !(fs::exists(fs::path(from) / "iamglass", ec)))
        throw IndexError(from, "no index here (create one with `sova index`)");
    const bool in_place = to.empty();
    fs::path target = in_place ? fs::path(from).lexically_normal().parent_path() /
                                     ("." + fs::path(from).lexically_normal().filename().string() + ".compacting")
                               : fs::path(to);
    if (!in_place && fs::exists(target, ec) && !(fs::is_directory(target, ec) && fs::is_empty(target, ec)))
        throw IndexError(to, "exists and is not an empty folder; compact into a new folder");
    if (in_place) fs::remove_all(target, ec); // a leftover of an interrupted run
    CompactStats stats;
    stats.bytes_before = folder_bytes(from);
    try {
        // The write lock keeps writers out while the copy is made and, in place, swapped in.
        Xapian::WritableDatabase locked(from, Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
        // The compactor copies blocks as they are: damage must not pass into a healthy-looking
        // new index. The check reads the index once more.
        schema::check_index_thoroughly(from);
        stats.documents = locked.get_doccount();
        locked.compact(target.string(), Xapian::Compactor::FULLER);
        if (in_place) {
            fs::path old = target;
            old.replace_filename("." + fs::path(from).lexically_normal().filename().string() + ".old");
            fs::remove_all(old, ec);
            fs::rename(from, old);
            fs::rename(target, from, ec);
            if (ec) {
                fs::rename(old, from); // put the index back as it was
                throw IndexError(from, "cannot move the compacted index into place: " + ec.message());
            }
            locked.close();
            fs::remove_all(old, ec);
            target = from;
        }
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexError(from, "the index is being written (another `sova index`?); try again when it has finished");
    } catch (const Xapian::Error& e) {
        if (in_place) fs::remove_all(target, ec);
        throw schema::index_failure(from, e, "compaction failed");
    } catch (const fs::filesystem_error& e) {
        throw IndexError(from, std::string("compaction failed: ") + e.what());
    }
    stats.bytes_after = folder_bytes(target);
    return stats;
}

} // namespace sova
