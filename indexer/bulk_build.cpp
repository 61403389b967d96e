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

std::size_t task_bytes(const Article& article) { return article.title.size() + article.text.size() + 256; }

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
    plan.shard_batch_bytes = std::max(floor, memory_budget / (std::size_t{plan.threads} * 12));
    plan.queue_bytes = std::max(floor, memory_budget / (std::size_t{plan.threads} * 32));
    return plan;
}

unsigned BulkBuild::default_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

BulkBuild::BulkBuild(std::string work_dir, const WriterOptions& options, const BulkPlan& plan)
    : m_work_dir(std::move(work_dir)), m_options(options), m_plan(plan) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::remove_all(m_work_dir, ec); // a leftover of an interrupted build
    fs::create_directories(m_work_dir, ec);
    if (ec) throw IndexError(m_work_dir, "cannot create the folder for the bulk build: " + ec.message());
    m_options.durable = false;  // the shards are temporary: a crash leaves only them behind
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
        WriterImpl writer(shard.path, m_options);
        for (;;) {
            Task task;
            {
                std::unique_lock lock(m_mutex);
                shard.has_work.wait(lock, [&] { return !shard.queue.empty() || m_closing || m_failure; });
                if (m_failure || shard.queue.empty()) break;
                task = std::move(shard.queue.front());
                shard.queue.pop_front();
                shard.queued_bytes -= task_bytes(task.article);
            }
            shard.has_room.notify_one();
            BulkOutcome outcome;
            outcome.file = std::move(task.file);
            outcome.line = task.line;
            const std::uint64_t invalid_before = writer.invalid_utf8();
            try {
                outcome.result = writer.add(task.article, task.order);
            } catch (const InputError& e) {
                outcome.failed = true;
                outcome.error = e.reason();
            }
            outcome.invalid_utf8 = writer.invalid_utf8() - invalid_before;
            std::lock_guard lock(m_mutex);
            m_outcomes.push_back(std::move(outcome));
        }
        writer.commit();
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
    const std::size_t bytes = task_bytes(article);
    {
        std::unique_lock lock(m_mutex);
        shard.has_room.wait(lock, [&] {
            return m_failure || shard.queue.empty() || shard.queued_bytes + bytes <= m_plan.queue_bytes;
        });
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

std::string BulkBuild::finish() {
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
    for (const auto& shard : m_shards) paths.push_back(shard->path);
    std::string merged = (std::filesystem::path(m_work_dir) / "merged").string();
    merge_indexes(paths, merged);
    return merged;
}

void merge_indexes(const std::vector<std::string>& shards, const std::string& out) {
    try {
        Xapian::Database sources;
        for (const auto& shard : shards) sources.add_database(Xapian::Database(shard));
        MetadataMerge merge;
        sources.compact(out, Xapian::Compactor::FULLER, 0, merge);
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
    }
}

} // namespace sova::detail
