// BulkBuild: shard writers on threads of their own, merged with Xapian's compactor.
#include "indexer/bulk_build.hpp"

#include "indexer/writer_impl.hpp"
#include "schema/schema.hpp"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <unordered_set>

namespace sova::detail {

namespace {

// Input a shard analyses between two flushes, and into one part before the next part is
// begun (both measured, docs/BENCHMARKS.md "Parts and flushes").
constexpr std::size_t flush_bytes_at_most = std::size_t{2} << 20;
constexpr std::size_t part_bytes_at_most = std::size_t{256} << 20;

// Joins what shards wrote of the same metadata key (docs/SCHEMA.md) as a single writer would
// have written it, telling the kinds of keys apart by their values (Xapian 1.4 passes an empty
// key here): the entity keys a name form names are the union of every shard's; an
// entity is described as the first article in the input described it, or as the first that
// showed it to be a person when the first could not tell ("other"); a word's dictionary stem
// is the same in every shard.
class MetadataMerge : public Xapian::Compactor {
public:
    std::string resolve_duplicate_metadata(const std::string&, std::size_t count, const std::string tags[]) override {
        if (tags[0].ends_with('\n')) { // "ename:": entity keys, one per line
            std::string merged;
            std::unordered_set<std::string_view> seen;
            for (std::size_t i = 0; i < count; ++i) {
                std::string_view tag = tags[i];
                while (!tag.empty()) {
                    std::size_t end = tag.find('\n');
                    std::string_view line = tag.substr(0, end);
                    tag.remove_prefix(end == std::string_view::npos ? tag.size() : end + 1);
                    if (!line.empty() && seen.insert(line).second) merged.append(line).push_back('\n');
                }
            }
            return merged;
        }
        if (split_entity_description(tags[0]).second != WriterImpl::no_order) { // "entity:" in a shard
            std::size_t best = 0;
            auto rank = [&](std::size_t i) {
                auto [description, order] = split_entity_description(tags[i]);
                return std::pair(!description.starts_with("person\t"), order);
            };
            bool any_person = false;
            for (std::size_t i = 0; i < count; ++i) any_person |= tags[i].starts_with("person\t");
            for (std::size_t i = 1; i < count; ++i) {
                auto a = rank(i), b = rank(best);
                if (!any_person) a.first = b.first = false;
                if (a < b) best = i;
            }
            return tags[best];
        }
        return tags[0];
    }
};

} // namespace

BulkPlan BulkPlan::make(unsigned threads, std::size_t memory_budget) {
    BulkPlan plan;
    plan.threads = std::max(1u, threads);
    constexpr std::size_t floor = std::size_t{1} << 20;
    plan.shard_batch_bytes = std::clamp(memory_budget / (std::size_t{plan.threads} * 12), floor, flush_bytes_at_most);
    plan.queue_bytes = std::max(floor, memory_budget / (std::size_t{plan.threads} * 32));
    plan.part_bytes = part_bytes_at_most;
    return plan;
}

unsigned BulkBuild::default_threads() {
    return std::max(1u, std::thread::hardware_concurrency());
}

BulkBuild::BulkBuild(std::string work_dir, WriterOptions options, const BulkPlan& plan)
    : m_work_dir(std::move(work_dir)), m_options(std::move(options)), m_plan(plan) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::remove_all(m_work_dir, ec); // a leftover of an interrupted build
    fs::create_directories(m_work_dir, ec);
    if (ec) throw IndexError(m_work_dir, "cannot create the folder for the bulk build: " + ec.message());
    m_options.durable = false; // the shards are temporary: a crash leaves only them behind
    m_options.batch_articles = 0;
    m_options.batch_bytes = m_plan.shard_batch_bytes;
    for (unsigned i = 0; i < m_plan.threads; ++i) {
        auto shard = std::make_unique<Shard>();
        shard->path = (fs::path(m_work_dir) / ("shard-" + std::to_string(i))).string();
        m_shards.push_back(std::move(shard));
    }
    for (auto& shard : m_shards) shard->thread = std::thread([this, s = shard.get()] { work(*s); });
}

BulkBuild::~BulkBuild() {
    stop();
    std::error_code ec;
    std::filesystem::remove_all(m_work_dir, ec);
}

void BulkBuild::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
        for (auto& shard : m_shards) shard->queue.clear(); // abandoned unless finish() ran first
    }
    for (auto& shard : m_shards) {
        shard->has_work.notify_all();
        if (shard->thread.joinable()) shard->thread.join();
    }
}

void BulkBuild::rethrow_failure() {
    if (m_failure) std::rethrow_exception(m_failure);
}

void BulkBuild::work(Shard& shard) {
    try {
        // Parts of this thread's shard: a new one is begun every plan.part_bytes of input, so
        // that the tables a flush updates stay bounded however large the input. An id that
        // comes again after its part was closed is deleted there at the end.
        std::unique_ptr<WriterImpl> writer;
        std::size_t part_bytes = 0;
        std::unordered_map<std::uint64_t, std::uint32_t> part_of_id; // hash of an id -> part with it
        std::vector<std::vector<std::string>> replaced_in;           // per part: ids added again later
        auto begin_part = [&] {
            if (writer) writer->commit();
            writer.reset();
            shard.parts.push_back(shard.path + "." + std::to_string(shard.parts.size()));
            writer = std::make_unique<WriterImpl>(shard.parts.back(), m_options, WriterImpl::Target::shard);
            part_bytes = 0;
        };
        begin_part();
        for (;;) {
            Task task;
            {
                std::unique_lock lock(m_mutex);
                shard.has_work.wait(lock, [&] { return !shard.queue.empty() || m_closing || m_failure; });
                if (m_failure || shard.queue.empty()) break;
                task = std::move(shard.queue.front());
                shard.queue.pop_front();
                shard.queued_bytes -= queued_bytes(task.article);
            }
            shard.has_room.notify_one();
            if (m_plan.part_bytes && part_bytes >= m_plan.part_bytes) begin_part();
            part_bytes += queued_bytes(task.article);
            BulkOutcome outcome;
            outcome.file = std::move(task.file);
            outcome.line = task.line;
            const std::uint64_t invalid_before = writer->invalid_utf8();
            try {
                outcome.result = writer->add(task.article, task.order);
                const auto part = static_cast<std::uint32_t>(shard.parts.size() - 1);
                auto [known, first] = part_of_id.try_emplace(std::hash<std::string>{}(outcome.result.id), part);
                if (!first && known->second != part) {
                    replaced_in.resize(std::max<std::size_t>(replaced_in.size(), known->second + 1));
                    replaced_in[known->second].push_back(outcome.result.id);
                    outcome.result.outcome = AddOutcome::replaced;
                    known->second = part;
                }
            } catch (const InputError& e) {
                outcome.failed = true;
                outcome.error = e.reason();
            }
            outcome.invalid_utf8 = writer->invalid_utf8() - invalid_before;
            std::lock_guard lock(m_mutex);
            m_outcomes.push_back(std::move(outcome));
        }
        writer.reset(); // commits
        for (std::size_t part = 0; part < replaced_in.size(); ++part) {
            if (replaced_in[part].empty()) continue;
            Xapian::WritableDatabase db(shard.parts[part],
                                        Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
            for (const std::string& id : replaced_in[part]) db.delete_document(schema::id_term(id));
            db.commit();
        }
    } catch (const Xapian::Error& e) {
        std::lock_guard lock(m_mutex);
        if (!m_failure) m_failure = std::make_exception_ptr(IndexError(shard.path, e.get_description()));
        for (auto& other : m_shards) other->has_room.notify_all();
    } catch (...) {
        std::lock_guard lock(m_mutex);
        if (!m_failure) m_failure = std::current_exception();
        for (auto& other : m_shards) other->has_room.notify_all();
    }
}

void BulkBuild::submit(Article article, std::string file, std::uint64_t line) {
    // The id decides the shard; an article without one gets the id the writer would derive.
    if (article.id.empty() && !(article.title.empty() && article.text.empty()))
        article.id = schema::content_hash(article.title + "\n" + article.text);
    Shard& shard = *m_shards[std::hash<std::string>{}(article.id) % m_shards.size()];
    const std::size_t bytes = queued_bytes(article);
    {
        std::unique_lock lock(m_mutex);
        shard.has_room.wait(
            lock, [&] { return m_failure || shard.queue.empty() || shard.queued_bytes + bytes <= m_plan.queue_bytes; });
        rethrow_failure();
        shard.queue.push_back(Task{std::move(article), std::move(file), line, m_submitted++});
        shard.queued_bytes += bytes;
    }
    shard.has_work.notify_one();
}

std::vector<BulkOutcome> BulkBuild::take_outcomes() {
    std::lock_guard lock(m_mutex);
    std::vector<BulkOutcome> done;
    done.swap(m_outcomes);
    return done;
}

void BulkBuild::finish(const std::string& out) {
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    for (auto& shard : m_shards) {
        shard->has_work.notify_all();
        if (shard->thread.joinable()) shard->thread.join();
    }
    rethrow_failure();
    std::vector<std::string> paths;
    for (const auto& shard : m_shards) paths.insert(paths.end(), shard->parts.begin(), shard->parts.end());
    merge_indexes(paths, out);
}

void merge_indexes(const std::vector<std::string>& shards, const std::string& out, std::size_t group) {
    namespace fs = std::filesystem;
    try {
        // Many parts are merged in rounds of `group`, so that no more than that many indexes
        // (six files each) are open at once; intermediate merges go beside `out`.
        std::vector<std::string> sources = shards;
        std::vector<std::string> temporary;
        for (unsigned round = 0; sources.size() > std::max<std::size_t>(group, 2); ++round) {
            std::vector<std::string> merged;
            for (std::size_t i = 0; i < sources.size(); i += group) {
                std::string step = out + ".round" + std::to_string(round) + "." + std::to_string(i / group);
                Xapian::Database some;
                for (std::size_t j = i; j < std::min(sources.size(), i + group); ++j)
                    some.add_database(Xapian::Database(sources[j]));
                MetadataMerge merge;
                some.compact(step, Xapian::Compactor::STANDARD, 0, merge);
                merged.push_back(step);
            }
            for (const auto& done : sources)
                if (std::find(temporary.begin(), temporary.end(), done) != temporary.end()) fs::remove_all(done);
            temporary.insert(temporary.end(), merged.begin(), merged.end());
            sources = std::move(merged);
        }
        Xapian::Database all;
        for (const auto& source : sources) all.add_database(Xapian::Database(source));
        MetadataMerge merge;
        all.compact(out, Xapian::Compactor::FULLER, 0, merge);
        all.close();
        for (const auto& done : temporary) fs::remove_all(done);
        // The input positions that ordered the entity descriptions have done their work.
        Xapian::WritableDatabase merged(out, Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
        const std::string prefix = schema::entity_key("");
        std::vector<std::pair<std::string, std::string>> plain;
        for (auto key = merged.metadata_keys_begin(prefix); key != merged.metadata_keys_end(prefix); ++key) {
            std::string stored = merged.get_metadata(*key);
            auto [description, order] = split_entity_description(stored);
            if (order != WriterImpl::no_order) plain.emplace_back(*key, description);
        }
        for (const auto& [key, description] : plain) merged.set_metadata(key, description);
        merged.commit();
    } catch (const Xapian::Error& e) {
        throw IndexError(out, "merging the shards failed: " + e.get_description());
    } catch (const fs::filesystem_error& e) {
        throw IndexError(out, std::string("merging the shards failed: ") + e.what());
    }
}

} // namespace sova::detail
