#include "query/archive.hpp"

#include "schema/damage.hpp"
#include "schema/index_folder.hpp"
#include "schema/schema.hpp"

#include <sova/error.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <filesystem>
#include <fstream>
#include <future>
#include <limits>
#include <set>
#include <system_error>
#include <unordered_set>

namespace sova::detail {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t metadata_cache_limit = 100000;

std::string trim(std::string_view s) {
    const auto* space = " \t\r";
    std::size_t first = s.find_first_not_of(space);
    if (first == std::string_view::npos) return {};
    std::size_t last = s.find_last_not_of(space);
    return std::string(s.substr(first, last - first + 1));
}

// HOST:PORT (HOST may be [v6]); nullopt-like false when it is not one.
bool parse_host_port(std::string_view text, ShardLocation& out) {
    std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return false;
    std::string host(text.substr(0, colon));
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    unsigned port = 0;
    for (char c : text.substr(colon + 1)) {
        if (c < '0' || c > '9') return false;
        port = port * 10 + static_cast<unsigned>(c - '0');
        if (port > 65535) return false;
    }
    if (port == 0) return false;
    out.kind = ShardLocation::Kind::tcp;
    out.host = std::move(host);
    out.port = port;
    out.name = std::string(text);
    return true;
}

// One line of a Xapian stub file ("auto PATH", "remote :HOST:PORT", …), relative to `folder`.
ShardLocation stub_line(const std::string& stub, std::size_t number, const std::string& line, const fs::path& folder) {
    const std::string where = stub + ":" + std::to_string(number);
    std::size_t space = line.find_first_of(" \t");
    std::string type = line.substr(0, space);
    std::string rest = space == std::string::npos ? "" : trim(line.substr(space));
    ShardLocation location;
    if (type == "auto" || type == "glass") {
        if (rest.empty()) throw IndexError(where, "`" + type + "` names no database");
        fs::path path(rest);
        if (path.is_relative()) path = folder / path;
        // A Sova folder (its own stub or lock file) is read as one, with its checks and swaps.
        std::error_code ec;
        const bool sova = fs::exists(path / stub_file_name, ec) || fs::exists(path / lock_file_name, ec);
        location.kind = sova ? ShardLocation::Kind::folder : ShardLocation::Kind::local;
        location.path = path.lexically_normal().string();
        location.name = location.path;
        return location;
    }
    if (type == "remote") {
        if (!rest.empty() && rest.front() == ':') {
            if (!parse_host_port(std::string_view(rest).substr(1), location))
                throw IndexError(where, "`remote " + rest + "` is not `remote :HOST:PORT`");
            return location;
        }
        std::size_t gap = rest.find_first_of(" \t");
        location.kind = ShardLocation::Kind::program;
        location.program = rest.substr(0, gap);
        location.args = gap == std::string::npos ? "" : trim(rest.substr(gap));
        if (location.program.empty()) throw IndexError(where, "`remote` names no server");
        location.name = rest;
        return location;
    }
    throw IndexError(stub, "is a file, not an index folder or a Xapian stub file (line " + std::to_string(number) +
                               " is not `auto PATH`, `glass PATH` or `remote …`)");
}

std::vector<ShardLocation> stub_file(const std::string& stub) {
    std::ifstream in(stub);
    if (!in) throw IndexError(stub, "cannot read the stub file");
    std::vector<ShardLocation> shards;
    std::string line;
    const fs::path folder = fs::path(stub).parent_path();
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        line = trim(line);
        if (line.empty() || line.front() == '#') continue;
        shards.push_back(stub_line(stub, number, line, folder));
    }
    if (shards.empty())
        throw IndexError(stub, "is a file, not an index folder or a Xapian stub file (it names no database)");
    return shards;
}

std::vector<std::string> lines_of(const std::string& value) {
    std::vector<std::string> lines;
    for (std::size_t at = 0; at < value.size();) {
        std::size_t nl = value.find('\n', at);
        if (nl == std::string::npos) nl = value.size();
        if (nl > at) lines.push_back(value.substr(at, nl - at));
        at = nl + 1;
    }
    return lines;
}

// The entity keys of one name key on every shard, in shard order without repeats, one a line:
// what one index of all the shards' articles would hold.
std::string merged_entity_lists(const std::vector<std::string>& per_shard) {
    std::string merged;
    std::unordered_set<std::string> seen;
    for (const std::string& value : per_shard)
        for (std::string& line : lines_of(value))
            if (seen.insert(line).second) merged.append(line).push_back('\n');
    return merged;
}

useconds_t milliseconds(double seconds) {
    double ms = std::ceil(seconds * 1000);
    return static_cast<useconds_t>(std::clamp(ms, 1.0, static_cast<double>(std::numeric_limits<useconds_t>::max())));
}

} // namespace

std::vector<ShardLocation> shard_locations(const std::string& value) {
    ShardLocation location;
    if (value.starts_with("tcp://")) {
        if (!parse_host_port(std::string_view(value).substr(6), location))
            throw IndexError(value, "is not tcp://HOST:PORT");
        return {location};
    }
    std::error_code ec;
    if (fs::is_regular_file(value, ec)) return stub_file(value);
    location.kind = ShardLocation::Kind::folder;
    location.path = value;
    location.name = value;
    return {location};
}

Archive::Archive(const std::vector<std::string>& locations, const ArchiveOptions& options) : m_options(options) {
    for (const std::string& value : locations) {
        if (!m_name.empty()) m_name += ", ";
        m_name += value;
        for (ShardLocation& location : shard_locations(value)) {
            m_remote |= location.kind == ShardLocation::Kind::tcp || location.kind == ShardLocation::Kind::program;
            m_configured.push_back(Shard{std::move(location), {}, {}, {}});
        }
    }
    if (m_configured.size() > 1) {
        std::set<std::string> seen;
        for (const Shard& shard : m_configured)
            if (!seen.insert(shard.location.name).second)
                throw IndexError(shard.location.name, "is given twice: each shard must be searched once");
    }
    open_all();
    m_missing_tried = m_remote_checked = std::chrono::steady_clock::now();
}

// A Sova folder is checked before Xapian reads tables it could crash on; a remote shard is
// reached with the archive's timeouts.
Xapian::Database Archive::open_shard(Shard& shard) const {
    const ShardLocation& at = shard.location;
    switch (at.kind) {
    case ShardLocation::Kind::folder: {
        const FolderLayout layout = folder_layout(at.path); // throws for a file
        if (layout == FolderLayout::none) throw IndexError(at.path, "no index here (create one with `sova index`)");
        if (layout == FolderLayout::foreign)
            throw IndexError(at.path, "is not an index (a folder with other files in it)");
        schema::check_index(at.path);
        shard.generation = live_database(at.path);
        return Xapian::Database(at.path);
    }
    case ShardLocation::Kind::local:
        return Xapian::Database(at.path);
    case ShardLocation::Kind::tcp:
    case ShardLocation::Kind::program:
        return connect(at);
    }
    return {};
}

Xapian::Database Archive::connect(const ShardLocation& at) const { // a remote shard
    if (at.kind == ShardLocation::Kind::tcp)
        return Xapian::Remote::open(at.host, at.port, milliseconds(m_options.timeout_seconds),
                                    milliseconds(m_options.connect_timeout_seconds));
    return Xapian::Remote::open(at.program, at.args, milliseconds(m_options.timeout_seconds));
}

void Archive::open_all() {
    clear_caches();
    std::vector<Shard> answering;
    std::vector<std::string> missing = m_dropped;
    std::string first_reason;
    auto leave_out = [&](const Shard& shard, const std::string& message) {
        missing.push_back(shard.location.name);
        if (first_reason.empty()) first_reason = message;
    };
    for (Shard shard : m_configured) {
        if (std::find(m_dropped.begin(), m_dropped.end(), shard.location.name) != m_dropped.end()) continue;
        const bool partial = m_options.allow_partial && m_configured.size() > 1;
        try {
            shard.db = open_shard(shard);
            shard.features = shard.db.get_metadata(std::string(schema::features_key));
            answering.push_back(std::move(shard));
        } catch (const IndexError& e) {
            if (!partial) throw;
            leave_out(shard, e.what());
        } catch (const Xapian::NetworkError& e) {
            if (!partial) throw IndexError(shard.location.name, "cannot reach the shard: " + e.get_msg());
            leave_out(shard, shard.location.name + ": " + e.get_msg());
        } catch (const Xapian::Error& e) {
            // A folder's races are retry_changing()'s to retry; one shard of several is named.
            if (shard.location.kind == ShardLocation::Kind::folder && !partial) throw;
            if (!partial) throw schema::index_failure(shard.location.name, e, "cannot open the shard");
            leave_out(shard, shard.location.name + ": " + e.get_description());
        }
    }
    if (answering.empty()) throw IndexError(m_name, "no shard answered (" + first_reason + ")");
    m_shards = std::move(answering);
    m_missing = std::move(missing);
    combine();
}

std::size_t Archive::local_shards() const {
    return static_cast<std::size_t>(std::count_if(m_shards.begin(), m_shards.end(), [](const Shard& shard) {
        return shard.location.kind == ShardLocation::Kind::folder || shard.location.kind == ShardLocation::Kind::local;
    }));
}

void Archive::combine() {
    m_db = Xapian::Database();
    for (const Shard& shard : m_shards) m_db.add_database(shard.db);
}

void Archive::reopen() {
    open_all(); // the searcher retries it after a concurrent commit or swap
}

Archive::Change Archive::reopen_changed() {
    for (const Shard& shard : m_shards)
        if (shard.location.kind == ShardLocation::Kind::folder &&
            live_database(shard.location.path) != shard.generation) {
            open_all(); // a new generation was swapped in
            return Change::reopened;
        }
    try {
        return m_db.reopen() ? Change::revision : Change::none;
    } catch (const Xapian::NetworkError&) {
        throw;
    } catch (const Xapian::Error&) {
        open_all(); // the revision read was removed meanwhile
        return Change::reopened;
    }
}

bool Archive::update() {
    const auto now = std::chrono::steady_clock::now();
    // A shard left out is tried again now and then, not on every call: while it is down,
    // each try waits for the connection to time out.
    if (!m_missing.empty() && now - m_missing_tried >= std::chrono::seconds(30)) {
        m_missing_tried = now;
        open_all();
        return true;
    }
    if (m_remote) {
        if (now - m_remote_checked < std::chrono::seconds(1)) return false;
        m_remote_checked = now;
    }
    const Change change = reopen_changed();
    if (change == Change::revision) clear_caches();
    return change != Change::none;
}

void Archive::refresh() {
    clear_caches();
    if (reopen_changed() == Change::none)
        throw schema::damaged_index(m_name, "a block is newer than the index itself, or unreadable");
}

void Archive::recover(const Xapian::Error& error) {
    std::vector<Shard> answering;
    std::vector<std::string> lost;
    std::string reason;
    for (Shard& shard : m_shards) {
        if (shard.location.kind == ShardLocation::Kind::tcp || shard.location.kind == ShardLocation::Kind::program) {
            try {
                shard.db.keep_alive();
            } catch (const Xapian::Error&) {
                // Closed while idle (xapian-tcpsrv's --idle-timeout), restarted, or gone.
                try {
                    shard.db = open_shard(shard);
                } catch (const Xapian::Error& e) {
                    lost.push_back(shard.location.name);
                    if (reason.empty()) reason = e.get_msg();
                    continue;
                }
            }
        }
        answering.push_back(shard);
    }
    if (!lost.empty() && (!m_options.allow_partial || answering.empty()))
        throw IndexError(lost.front(), "the shard stopped answering: " + (reason.empty() ? error.get_msg() : reason));
    m_dropped.insert(m_dropped.end(), lost.begin(), lost.end());
    m_missing.insert(m_missing.end(), lost.begin(), lost.end());
    m_shards = std::move(answering);
    clear_caches();
    combine();
}

void Archive::clear_caches() const {
    m_metadata.clear();
    m_frequencies.clear();
}

Xapian::doccount Archive::term_frequency(const std::string& term) const {
    if (auto known = known_frequency(term)) return *known;
    Xapian::doccount frequency = m_db.get_termfreq(term);
    if (m_frequencies.size() >= metadata_cache_limit) m_frequencies.clear();
    m_frequencies.emplace(term, frequency);
    return frequency;
}

std::optional<Xapian::doccount> Archive::known_frequency(const std::string& term) const {
    if (auto it = m_frequencies.find(term); it != m_frequencies.end()) return it->second;
    return std::nullopt;
}

std::optional<std::vector<std::string>> Archive::known_entities_named(const std::string& name_key) const {
    const std::string key = schema::entity_name_key(name_key);
    if (auto it = m_metadata.find(key); it != m_metadata.end()) return lines_of(it->second);
    return std::nullopt;
}

void Archive::prefetch(const std::vector<std::string>& terms, const std::vector<std::string>& all_names,
                       bool name_terms) const {
    if (!terms.empty()) {
        // The match gathers every query term's frequency from every shard (the empty term
        // would mean every article).
        std::vector<Xapian::Query> parts;
        for (const auto& term : terms)
            if (!term.empty()) parts.emplace_back(term);
        Xapian::Enquire enquire(m_db);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()));
        Xapian::MSet mset = enquire.get_mset(0, 0);
        if (m_frequencies.size() + terms.size() >= metadata_cache_limit) m_frequencies.clear();
        for (const auto& term : terms)
            if (!term.empty()) m_frequencies.emplace(term, mset.get_termfreq(term));
    }
    std::vector<std::string> name_keys;
    for (const auto& name_key : all_names) {
        auto frequency = known_frequency(std::string(schema::name_key_prefix) + name_key);
        if (name_terms && frequency && *frequency == 0)
            m_metadata.emplace(schema::entity_name_key(name_key), std::string()); // names nothing
        else
            name_keys.push_back(name_key);
    }
    if (name_keys.empty()) return;
    // Each shard's values of every key, the shards at the same time (each has its own
    // connection). A second connection a shard, to look up while the frequencies are matched,
    // measured slower on two cores (3.6 ms a query against 2.8 over three shards).
    std::vector<std::vector<std::string>> values(m_shards.size());
    std::vector<std::future<void>> running;
    for (std::size_t s = 0; s < m_shards.size(); ++s)
        running.push_back(std::async(std::launch::async, [&, s] {
            for (const auto& name_key : name_keys)
                values[s].push_back(m_shards[s].db.get_metadata(schema::entity_name_key(name_key)));
        }));
    std::exception_ptr failed;
    for (auto& done : running) {
        try {
            done.get();
        } catch (...) {
            if (!failed) failed = std::current_exception();
        }
    }
    if (failed) std::rethrow_exception(failed);
    if (m_metadata.size() + name_keys.size() >= metadata_cache_limit) m_metadata.clear();
    for (std::size_t k = 0; k < name_keys.size(); ++k) {
        std::vector<std::string> per_shard;
        per_shard.reserve(m_shards.size());
        for (std::size_t s = 0; s < m_shards.size(); ++s) per_shard.push_back(std::move(values[s][k]));
        m_metadata.emplace(schema::entity_name_key(name_keys[k]), merged_entity_lists(per_shard));
    }
}

std::string Archive::lexicon(const std::string& key) const {
    if (auto it = m_metadata.find(key); it != m_metadata.end()) return it->second;
    std::string value;
    for (const Shard& shard : m_shards)
        if (value = shard.db.get_metadata(key); !value.empty()) break;
    if (m_metadata.size() >= metadata_cache_limit) m_metadata.clear();
    m_metadata.emplace(key, value);
    return value;
}

std::vector<std::string> Archive::entities_named(const std::string& name_key) const {
    const std::string key = schema::entity_name_key(name_key);
    if (auto it = m_metadata.find(key); it != m_metadata.end()) return lines_of(it->second);
    std::vector<std::string> per_shard;
    per_shard.reserve(m_shards.size());
    for (const Shard& shard : m_shards) per_shard.push_back(shard.db.get_metadata(key));
    std::string merged = merged_entity_lists(per_shard);
    if (m_metadata.size() >= metadata_cache_limit) m_metadata.clear();
    m_metadata.emplace(key, merged);
    return lines_of(merged);
}

std::string Archive::entity_description(const std::string& entity) const {
    const std::string key = schema::entity_key(entity);
    if (auto it = m_metadata.find(key); it != m_metadata.end()) return it->second;
    std::string chosen;
    for (const Shard& shard : m_shards) {
        std::string value = shard.db.get_metadata(key);
        if (value.empty()) continue;
        if (chosen.empty()) {
            chosen = std::move(value);
            if (!chosen.starts_with("other\t")) break;
        } else if (value.starts_with("person\t")) {
            chosen = std::move(value);
            break;
        }
    }
    if (m_metadata.size() >= metadata_cache_limit) m_metadata.clear();
    m_metadata.emplace(key, chosen);
    return chosen;
}

std::string Archive::without_feature(std::string_view feature) const {
    for (const Shard& shard : m_shards) {
        bool found = false;
        const std::string& features = shard.features;
        for (std::size_t at = 0; at <= features.size();) {
            std::size_t end = std::min(features.find(' ', at), features.size());
            if (std::string_view(features).substr(at, end - at) == feature) found = true;
            at = end + 1;
        }
        if (!found) return shard.location.name;
    }
    return {};
}

} // namespace sova::detail
