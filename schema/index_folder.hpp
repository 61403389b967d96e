// The folder of an index on disk: generations named by a Xapian stub file, Sova's write lock,
// the swap that puts a new generation in place, and the clean-up of interrupted runs
// (docs/SCHEMA.md, "The index folder").
#pragma once

#include <xapian.h>

#include <string>

namespace sova::detail {

/// The stub file naming the live generation ("auto gen-000001"): Xapian's own convention for
/// a "stub directory", so that `Xapian::Database(folder)` and Xapian's tools open the index.
inline constexpr const char* stub_file_name = "XAPIANDB";
/// The file Sova's writers lock (flock) for as long as they write. It never moves.
inline constexpr const char* lock_file_name = "sova.lock";
/// Where a bulk build keeps its shards, inside the index folder.
inline constexpr const char* bulk_folder_name = ".bulk";

/// What a folder holds.
enum class FolderLayout {
    none,        ///< no index: missing, empty, or only what an interrupted creation left
    generations, ///< XAPIANDB names the live generation, a glass database in a subfolder
    plain,       ///< a glass database in the folder itself (indexes of earlier versions)
    foreign,     ///< other files: not an index
};

/// Reads the layout of `folder`. A folder with Sova's lock file that looks foreign (a swap under
/// way) is read again under pause_before_retry()'s policy before it is called foreign. Throws
/// IndexError when `folder` is a file.
FolderLayout folder_layout(const std::string& folder);

/// The glass database of the live index in `folder` (a generation subfolder, or the folder
/// itself for the plain layout); empty when there is none.
std::string live_database(const std::string& folder);

/// Sova's write lock on an index folder (an exclusive flock on `sova.lock`, created if
/// needed): every writer holds it for its lifetime, a compaction or a bulk build across the
/// swap, so that no writer ever works on a generation that is being replaced. Move-only.
class FolderLock {
public:
    /// Takes the lock at once or throws IndexError naming the process that holds it (or why
    /// the folder cannot be written).
    explicit FolderLock(const std::string& folder);
    FolderLock() = default; ///< holds nothing
    FolderLock(FolderLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
    FolderLock& operator=(FolderLock&& other) noexcept;
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;
    ~FolderLock();

private:
    int m_fd = -1;
};

/// Removes what interrupted runs left in `folder` (generations that are not live, a bulk
/// build's shards, a half-written stub, the tables of a plain index already replaced) and
/// the shards and copies earlier versions left beside it. Only names Sova itself makes are
/// touched. Call with the FolderLock held.
void remove_leftovers(const std::string& folder);

/// The path of a new generation subfolder of `folder`, not yet made (Xapian makes it).
/// Call with the FolderLock held.
std::string next_generation(const std::string& folder);

/// Makes `generation` (a complete, synced glass database inside `folder`) the live index,
/// atomically: the stub file is replaced by a rename, so that the folder always holds a
/// whole index, the old one or the new; then the previous generation is removed. A plain
/// index is converted: the new stub is written first, then its version file is removed
/// (from that moment Xapian opens the stub), then its tables. Call with the FolderLock held
/// and no database of the previous generation open for writing.
void publish_generation(const std::string& folder, const std::string& generation);

/// Runs `attempt` (which opens or reads the index), and runs it again after errors that a
/// concurrent commit or swap can cause (a revision discarded, a block rewritten, a generation
/// removed), a bounded number of times with a short, growing pause; `reset` runs before each
/// retry (reopen what was open). Rethrows the last error when it persists: then it is not a
/// race but the state of the index.
template <typename Attempt, typename Reset>
auto retry_changing(Attempt&& attempt, Reset&& reset) -> decltype(attempt());

/// Pauses before retry number `retry` (1-based) of retry_changing; false when the retries are used up.
bool pause_before_retry(int retry);

template <typename Attempt, typename Reset>
auto retry_changing(Attempt&& attempt, Reset&& reset) -> decltype(attempt()) {
    for (int retry = 1;; ++retry) {
        try {
            if (retry > 1) reset();
            return attempt();
        } catch (const Xapian::DatabaseModifiedError&) {
            if (!pause_before_retry(retry)) throw;
        } catch (const Xapian::DatabaseCorruptError&) {
            if (!pause_before_retry(retry)) throw;
        } catch (const Xapian::DatabaseOpeningError&) { // also DatabaseNotFoundError, DatabaseVersionError
            if (!pause_before_retry(retry)) throw;
        }
    }
}

} // namespace sova::detail
