// Damaged indexes: the glass format facts the checks rely on are those of Xapian 1.4's
// backends/glass (glass_version.cc, glass_table.h); a version file of any other format is left
// to Xapian.
#include "schema/damage.hpp"

#include "schema/fault_point.hpp"
#include "schema/index_folder.hpp"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace sova::schema {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view version_file = "iamglass";

// The tables in the order the version file describes them (Glass::table_type).
constexpr std::array<std::string_view, 6> table_names{"postlist", "docdata",  "termlist",
                                                      "position", "spelling", "synonym"};
// "\x0f\x0dXapian Glass" and the format version of Xapian 1.4 (2016-03-14).
constexpr std::string_view glass_magic{"\x0f\x0dXapian Glass\x04\x6e", 16};
constexpr std::size_t uuid_bytes = 16;
constexpr std::size_t max_version_file_bytes = 256; // what Xapian reads of it
constexpr unsigned max_levels = 10;                 // GLASS_BTREE_CURSOR_LEVELS
constexpr std::uint32_t min_block_size = 2048, max_block_size = 65536;
// A block: revision (4 bytes), level (1), max free (2), total free (2), directory end (2), then
// the directory: 2-byte offsets of the items. All numbers big-endian.
constexpr std::size_t dir_start = 11;
constexpr unsigned leaf_size_mask = 0x1fff; // the top three bits of a leaf item's size are flags
constexpr unsigned leaf_first_component = 0x20;

// errno values that say the system refused, not that the index is bad.
constexpr std::array refusals{EACCES, EPERM, ENOSPC, EDQUOT, EMFILE, ENFILE, ENOMEM, EROFS, EAGAIN, EINTR, EBUSY};

std::string read_file(const fs::path& path, std::size_t max_bytes) {
    std::ifstream in(path, std::ios::binary);
    std::string data(max_bytes, '\0');
    in.read(data.data(), static_cast<std::streamsize>(max_bytes));
    data.resize(static_cast<std::size_t>(in.gcount()));
    return data;
}

std::uint32_t read_be(const unsigned char* p, int bytes) {
    std::uint32_t value = 0;
    for (int i = 0; i < bytes; ++i) value = value << 8 | p[i];
    return value;
}

// Xapian's pack_uint: 7 bits a byte, least significant first, high bit set on all but the last.
bool unpack_uint(std::string_view& in, std::uint64_t& value) {
    value = 0;
    for (unsigned shift = 0; !in.empty() && shift < 64; shift += 7) {
        auto byte = static_cast<unsigned char>(in.front());
        in.remove_prefix(1);
        value |= std::uint64_t{byte & 0x7fu} << shift;
        if (byte < 0x80) return true;
    }
    return false;
}

struct Freelist {
    std::uint64_t first_unused_block = 0;
};

struct Table {
    std::uint64_t root = 0, level = 0, entries = 0, block_size = 0;
    bool root_is_fake = false;
    std::optional<Freelist> freelist; // absent for a table never written
};

struct Version {
    std::uint64_t revision = 0;
    std::array<Table, table_names.size()> tables;
};

// Decodes the version file; nullopt with `problem` empty when it is not glass as Xapian 1.4
// writes it (Xapian explains), with `problem` set when it cannot be decoded.
std::optional<Version> decode_version(std::string_view data, std::string& problem) {
    if (data.size() < glass_magic.size() || data.substr(0, glass_magic.size()) != glass_magic) return std::nullopt;
    if (data.size() < glass_magic.size() + uuid_bytes) {
        problem = "the version file is cut short";
        return std::nullopt;
    }
    std::string_view in = data.substr(glass_magic.size() + uuid_bytes);
    Version version;
    bool ok = unpack_uint(in, version.revision);
    for (std::size_t t = 0; ok && t < table_names.size(); ++t) {
        Table& table = version.tables[t];
        std::uint64_t flags = 0, blocks_of_2k = 0, compress_min = 0, freelist_bytes = 0;
        ok = unpack_uint(in, table.root) && unpack_uint(in, flags) && unpack_uint(in, table.entries) &&
             unpack_uint(in, blocks_of_2k) && unpack_uint(in, compress_min) && unpack_uint(in, freelist_bytes) &&
             freelist_bytes <= in.size();
        if (!ok) break;
        table.level = flags >> 2;
        table.root_is_fake = flags & 1;
        table.block_size = blocks_of_2k << 11;
        std::string_view freelist = in.substr(0, freelist_bytes);
        in.remove_prefix(freelist_bytes);
        std::uint64_t freelist_revision = 0;
        if (!freelist.empty() && unpack_uint(freelist, freelist_revision)) {
            table.freelist.emplace();
            ok = unpack_uint(freelist, table.freelist->first_unused_block);
        }
    }
    if (!ok) {
        problem = "the version file is cut short";
        return std::nullopt;
    }
    return version;
}

// The root block of a table: its header agrees with the version file and every item lies
// inside the block (Xapian trusts the offsets and reads wherever they point).
std::string root_block_problem(const unsigned char* p, const Table& table, std::uint64_t revision,
                               std::uint64_t blocks) {
    const std::uint64_t size = table.block_size;
    if (read_be(p, 4) > revision) return "its root block is newer than the index";
    if (p[4] != table.level) return "its root block is at the wrong level";
    const std::uint32_t dir_end = read_be(p + 9, 2);
    if (dir_end <= dir_start || dir_end > size || (dir_end - dir_start) % 2 != 0)
        return "its root block has an invalid directory";
    for (std::uint32_t c = dir_start; c < dir_end; c += 2) {
        const std::uint32_t item = read_be(p + c, 2);
        if (item < dir_end || item + 3 > size) return "an item of its root block lies outside it";
        std::uint64_t item_end = 0;
        if (table.level == 0) {
            const std::uint32_t header = read_be(p + item, 2);
            const std::uint32_t key_end = 3 + p[item + 2] + ((header >> 8) & leaf_first_component ? 0 : 2);
            item_end = item + (header & leaf_size_mask) + 3;
            if (key_end > (header & leaf_size_mask) + 3) return "an item of its root block is malformed";
        } else {
            if (item + 4 + 1 > size) return "an item of its root block lies outside it";
            item_end = item + 4 + 1 + p[item + 4] + 2;
            if (item_end <= size && read_be(p + item, 4) >= blocks) return "its root block points past the table's end";
        }
        if (item_end > size) return "an item of its root block lies outside it";
    }
    return {};
}

std::string table_problem(const fs::path& dir, std::string_view name, const Table& table, std::uint64_t revision) {
    const std::string file = std::string(name) + ".glass";
    auto says = [&](const std::string& what) { return file + ": " + what; };
    if (table.level >= max_levels)
        return std::string(version_file) + ": the " + std::string(name) + " table is impossibly deep";
    if (table.block_size < min_block_size || table.block_size > max_block_size ||
        (table.block_size & (table.block_size - 1)) != 0)
        return std::string(version_file) + ": the " + std::string(name) + " table has an invalid block size";
    if (table.root_is_fake) {
        if (table.entries > 0)
            return std::string(version_file) + ": the " + std::string(name) + " table has entries but no root block";
        return {};
    }
    std::error_code ec;
    const fs::path path = dir / file;
    const std::uintmax_t bytes = fs::file_size(path, ec);
    if (ec) return says(ec == std::errc::no_such_file_or_directory ? "missing" : "cannot be read: " + ec.message());
    const std::uint64_t blocks = bytes / table.block_size;
    if (table.freelist && table.freelist->first_unused_block > blocks) return says("truncated");
    if (table.root >= blocks) return says("truncated (its root block is missing)");
    std::ifstream in(path, std::ios::binary);
    std::vector<unsigned char> block(table.block_size);
    in.seekg(static_cast<std::streamoff>(table.root * table.block_size));
    in.read(reinterpret_cast<char*>(block.data()), static_cast<std::streamsize>(block.size()));
    if (static_cast<std::size_t>(in.gcount()) != block.size()) return says("cannot be read");
    if (std::string problem = root_block_problem(block.data(), table, revision, blocks); !problem.empty())
        return says(problem);
    return {};
}

std::string tables_problem(const fs::path& dir, const std::string& version_data) {
    std::string problem;
    std::optional<Version> version = decode_version(version_data, problem);
    if (!version) return problem.empty() ? problem : std::string(version_file) + ": " + problem;
    for (std::size_t t = 0; t < table_names.size(); ++t)
        if (problem = table_problem(dir, table_names[t], version->tables[t], version->revision); !problem.empty())
            return problem;
    return {};
}

} // namespace

IndexError damaged_index(const std::string& index, std::string_view detail) {
    std::string tables = glass_directory(index);
    if (tables.empty()) tables = index;
    return IndexError(index, "the index looks damaged (" + std::string(detail) + "); check it with `xapian-check " +
                                 tables + "`, then restore a backup or re-index");
}

bool is_damage(const Xapian::Error& e) {
    // Xapian 1.4's errors are not polymorphic: they tell their class by name. These are the
    // ones its backends throw for what they find (or fail to find) in the tables.
    static constexpr std::array<std::string_view, 8> damage{
        "DatabaseCorruptError", "DatabaseError", "DatabaseOpeningError", "DatabaseVersionError",
        "DocNotFoundError",     "RangeError",    "SerialisationError",   "InternalError"};
    if (std::find(damage.begin(), damage.end(), e.get_type()) == damage.end()) return false;
    if (const char* system = e.get_error_string())
        for (int code : refusals)
            if (std::strcmp(system, std::strerror(code)) == 0) return false;
    return true;
}

IndexError index_failure(const std::string& index, const Xapian::Error& e, std::string_view doing) {
    if (is_damage(e)) return damaged_index(index, std::string(doing) + ": " + e.get_description());
    return IndexError(index, std::string(doing) + ": " + e.get_description());
}

void reopen_after_modification(Xapian::Database& db, const std::string& index) {
    try {
        if (db.reopen()) return;
    } catch (const Xapian::Error& e) {
        throw index_failure(index, e, "cannot reopen the index");
    }
    throw damaged_index(index, "a block is newer than the index itself");
}

std::string glass_directory(const std::string& index) {
    std::error_code ec;
    if (!fs::is_directory(index, ec)) return {};
    const std::string live = sova::detail::live_database(index); // the folder, or the generation its stub names
    return !live.empty() && fs::exists(fs::path(live) / version_file, ec) ? live : std::string();
}

std::string glass_tables_problem(const std::string& glass_dir) {
    const fs::path dir(glass_dir);
    const std::string before = read_file(dir / version_file, max_version_file_bytes);
    std::string problem = tables_problem(dir, before);
    // A writer may have committed meanwhile, reusing blocks of the revision read: only a
    // problem seen in an unchanged index is damage.
    if (!problem.empty() && read_file(dir / version_file, max_version_file_bytes) != before) return {};
    return problem;
}

namespace {

void check_index_once(const std::string& index) {
    std::error_code ec;
    const fs::path folder(index);
    const bool stub = fs::exists(folder / sova::detail::stub_file_name, ec);
    std::string live = sova::detail::live_database(index); // the folder, or the generation its stub names
    sova::detail::fault_point("check-located");
    if (live.empty()) {
        if (stub) return; // Xapian says what is wrong with the stub
        live = index;     // tables without a version file, or nothing at all
    }
    const fs::path dir(live);
    if (!fs::exists(dir / version_file, ec)) {
        for (std::string_view name : table_names)
            if (fs::exists(dir / (std::string(name) + ".glass"), ec))
                throw damaged_index(index, std::string(version_file) + ", the version file, is missing");
        return;
    }
    if (std::string problem = glass_tables_problem(live); !problem.empty()) throw damaged_index(index, problem);
}

} // namespace

void check_index(const std::string& index) {
    // A swap may publish a new generation and remove the one being checked (its version file
    // first) between reading the stub and reading the tables: that is not damage when the live
    // generation has changed meanwhile; check the new one.
    for (int retry = 1;; ++retry) {
        const std::string checked = sova::detail::live_database(index);
        try {
            check_index_once(index);
            return;
        } catch (const IndexError&) {
            if (sova::detail::live_database(index) == checked || !sova::detail::pause_before_retry(retry)) throw;
        }
    }
}

void check_index_thoroughly(const std::string& index) {
    check_index(index);
    const std::string tables = glass_directory(index);
    if (tables.empty()) return;
    std::size_t errors = 0;
    try {
        errors = Xapian::Database::check(tables, 0, nullptr);
    } catch (const Xapian::Error& e) {
        // Refused, not damaged: Xapian 1.4 opens the tables read/write to check them, which a
        // read-only index does not allow. The cheap checks above then stand alone.
        if (!is_damage(e)) return;
        throw index_failure(index, e, "checking the index");
    } catch (const std::length_error& e) { // a length read from the tables that no string can have
        throw damaged_index(index, std::string("checking the index: an impossible length (") + e.what() + ")");
    }
    if (errors > 0)
        throw damaged_index(index,
                            "`xapian-check` finds " + std::to_string(errors) + (errors == 1 ? " error" : " errors"));
}

} // namespace sova::schema
