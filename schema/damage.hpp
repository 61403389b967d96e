// Damaged indexes: cheap checks of the glass tables before Xapian reads them, and one message
// for a damaged index that names it and says what to do.
#pragma once

#include <sova/error.hpp>

#include <string>
#include <string_view>

namespace Xapian { // NOLINT(readability-identifier-naming): Xapian's own namespace
class Database;
class Error;
} // namespace Xapian

namespace sova::schema {

/// The error for the index folder `index` when it looks damaged: "<index>: the index looks
/// damaged (<detail>); check it with `xapian-check <tables>`, then restore a backup or re-index".
IndexError damaged_index(const std::string& index, std::string_view detail);

/// Whether a Xapian error met while reading or writing an index says that the index itself is
/// bad (corrupt, truncated or missing tables, an unreadable version file) rather than that the
/// system refused (permissions, a full disk, too many open files) or the caller erred.
bool is_damage(const Xapian::Error& e);

/// The error to throw for a Xapian error met while `doing` something with the index folder
/// `index` (e.g. "cannot open the index"): damaged_index() when is_damage(e), otherwise
/// "<index>: <doing>: <Xapian's description>". Lock errors and DatabaseModifiedError are the
/// caller's to handle first.
IndexError index_failure(const std::string& index, const Xapian::Error& e, std::string_view doing);

/// After Xapian reported that the revision being read was discarded (DatabaseModifiedError):
/// reopens `db` at the latest revision. When there is none newer, nobody changed the index —
/// a block claims a revision newer than the index — and damaged_index() is thrown.
void reopen_after_modification(Xapian::Database& db, const std::string& index);

/// The folder holding the glass tables of the index folder `index`: `index` itself, or the
/// folder that its Xapian stub file `XAPIANDB` names ("auto <folder>"). Empty when neither has
/// a version file (`iamglass`).
std::string glass_directory(const std::string& index);

/// Cheap checks of the glass tables in `glass_dir`, for damage that Xapian 1.4 does not report
/// but crashes on or silently misreads: the version file decodes, with levels and block sizes
/// in range; each table it says has data exists, holds all the blocks the version file counts,
/// and has a well-formed root block. Reads the version file and one block per table. Returns
/// what is wrong (naming the file), or an empty string. Damage that Xapian reports itself is
/// left to it, and so is a version file of another format; a writer committing during the
/// checks makes them pass.
std::string glass_tables_problem(const std::string& glass_dir);

/// Throws damaged_index() when the index folder `index` has table files but no version file,
/// or glass_tables_problem() finds something. Does nothing when there is no index there yet.
/// Checks again (with retry_changing()'s pauses) when a swap changed the live generation while
/// it was being checked: a generation being removed after a swap is not damaged.
void check_index(const std::string& index);

/// check_index(), then Xapian's full check of every table (what `xapian-check` does): reads
/// every block, so it costs about as much as reading the whole index once. Throws
/// damaged_index() when Xapian finds errors. Where the full check is refused (Xapian 1.4 opens
/// the tables read/write to check them: a read-only index), only check_index() is done.
void check_index_thoroughly(const std::string& index);

} // namespace sova::schema
