// The archive a Searcher reads: one index, or shards searched as one (local folders, Xapian
// stub files, `xapian-tcpsrv` servers). Xapian combines the shards' postings and BM25
// statistics; what Xapian does not combine, Sova's metadata (lexicon, entity vocabulary,
// features), is read from every shard and merged here as one index would hold it
// (docs/SHARDS.md).
#pragma once

#include <xapian.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sova::detail {

/// How to reach the shards and what to do when some do not answer (sova::OpenOptions).
struct ArchiveOptions {
    bool allow_partial = false;
    double connect_timeout_seconds = 10.0;
    double timeout_seconds = 30.0;
};

/// One shard as given: a Sova index folder, a Xapian database reached through a stub file's
/// line, or a remote server.
struct ShardLocation {
    enum class Kind { folder, local, tcp, program };
    Kind kind = Kind::folder;
    std::string name;    ///< as the user knows it: the folder, `HOST:PORT`, the program line
    std::string path;    ///< folder or local database
    std::string host;    ///< tcp
    unsigned port = 0;   ///< tcp
    std::string program; ///< program (`ssh host xapian-progsrv /srv/news`)
    std::string args;
};

/// The shards one `--index` value names: a folder (one), `tcp://HOST:PORT` (one), or a stub
/// file (one per line: `auto PATH`, `glass PATH`, `remote :HOST:PORT`, `remote PROGRAM ARGS`;
/// paths relative to the stub's folder). Throws IndexError naming the value and, for a stub,
/// the line it cannot read.
std::vector<ShardLocation> shard_locations(const std::string& value);

class Archive {
public:
    /// Opens every shard of every location (shard_locations). Throws IndexError naming a shard
    /// that cannot be opened, unless `allow_partial` and another shard opened (then missing()).
    Archive(const std::vector<std::string>& locations, const ArchiveOptions& options);

    /// The shards as one database.
    const Xapian::Database& db() const { return m_db; }
    /// The archive in messages: its one location, or the locations joined with ", ".
    const std::string& name() const { return m_name; }
    /// Shards that did not answer (allow_partial), by name.
    const std::vector<std::string>& missing() const { return m_missing; }
    /// Whether any shard is reached over the network or a program.
    bool remote() const { return m_remote; }
    /// Shards open on this machine (folders and local databases), which Xapian matches together.
    std::size_t local_shards() const;

    /// Opens every answering shard afresh (after a swap or a commit). Throws what Xapian
    /// throws when a commit or swap is under way: the caller retries (retry_changing).
    void reopen();
    /// Sees what was committed or swapped in since the shards were opened: reopens what
    /// changed and returns true, or returns false when nothing did (a few file reads for
    /// folders; an archive with remote shards is looked at at most once a second, each ask
    /// being a round trip).
    /// Shards left out (missing()) are tried again, at most every 30 seconds. Throws as reopen().
    bool update();
    /// After an error a concurrent commit or swap can cause: opens what is there now. Throws
    /// a damaged-index IndexError when nothing changed (then the error was the index's state).
    void refresh();
    /// After a network error: connects again to the remote shards that no longer answer (a
    /// server closes idle connections). Those that cannot be reached are left out (missing())
    /// when allow_partial and another answers; otherwise IndexError names the first.
    void recover(const Xapian::Error& error);

    /// Metadata merged as one index holding every shard's articles would have it:
    /// the first shard's dictionary stem of a word (schema::lexicon_key), or "" when none has it;
    std::string lexicon(const std::string& key) const;
    /// the entity keys a name key names, in shard order without repeats (schema::entity_name_key);
    std::vector<std::string> entities_named(const std::string& name_key) const;
    /// an entity's description (schema::entity_key): the first shard's, or a later shard's
    /// person description when the first only knew the name ("other"), as a writer keeps it;
    std::string entity_description(const std::string& key) const;
    /// the first shard built without `feature` (schema::features_key), or "" when every one has it.
    std::string without_feature(std::string_view feature) const;

    /// Articles holding `term` in the whole archive, remembered until the archive is reopened
    /// (each look-up of a remote shard is a round trip).
    Xapian::doccount term_frequency(const std::string& term) const;
    /// The remembered frequency of `term`, or nullopt when it was not looked up yet.
    std::optional<Xapian::doccount> known_frequency(const std::string& term) const;
    /// The remembered entities of a name key, or nullopt when it was not looked up yet.
    std::optional<std::vector<std::string>> known_entities_named(const std::string& name_key) const;
    /// Looks up the frequencies of `terms` and the entities of `name_keys` at once: the
    /// frequencies in one match (one exchange with each shard, all shards at the same time),
    /// the names on every shard at the same time. For remote shards, where a query's dozens of
    /// look-ups one by one would cost as many round trips.
    /// With `name_terms` (schema::feature_names), a name whose XN term is in `terms` and in no
    /// article names nothing, and is not looked up.
    void prefetch(const std::vector<std::string>& terms, const std::vector<std::string>& name_keys,
                  bool name_terms = false) const;

private:
    struct Shard {
        ShardLocation location;
        std::string generation; // a Sova folder's live generation when opened
        Xapian::Database db;
        std::string features; // its schema::features_key, read when opened
        bool remote() const {
            return location.kind == ShardLocation::Kind::tcp || location.kind == ShardLocation::Kind::program;
        }
    };

    void open_all();
    // What reopen_changed() found: nothing new, a newer revision of the same databases (now
    // open), or a folder's new generation or a lost revision (every shard opened afresh).
    enum class Change { none, revision, reopened };
    Change reopen_changed();
    Xapian::Database open_shard(Shard& shard) const;
    Xapian::Database connect(const ShardLocation& at) const;
    void combine();
    void clear_caches() const;

    ArchiveOptions m_options;
    std::string m_name;
    std::vector<Shard> m_configured;                        // every shard given
    std::vector<Shard> m_shards;                            // those open now
    std::vector<std::string> m_dropped;                     // stopped answering during a search: not tried again
    std::chrono::steady_clock::time_point m_remote_checked; // when update() last asked remote shards
    std::chrono::steady_clock::time_point m_missing_tried;  // and last tried those left out
    std::vector<std::string> m_missing;                     // dropped, or not opened at the last (re)open
    Xapian::Database m_db;
    bool m_remote = false;
    mutable std::map<std::string, std::string, std::less<>> m_metadata;         // cache, cleared on (re)open
    mutable std::map<std::string, Xapian::doccount, std::less<>> m_frequencies; // the same
};

} // namespace sova::detail
