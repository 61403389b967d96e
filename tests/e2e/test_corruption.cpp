// Damaged indexes: copies of a small index with table files and the version file truncated,
// removed, zeroed or with bytes flipped at fixed places (no randomness: the same copies on
// every run). On each copy `search`, `entities`, `compact --out` and `index` (adding an
// article) must end with exit code 0 or 2 (`search` also 1, nothing found), never a signal, and
// an error must name the index, say it looks damaged and what to do.
//
// A hang guard kills a command still running after 60 s and fails the test; a command needs
// well under a second, so only a command that never ends trips it, however busy the machine.
// In sanitizer builds the CLI's crash guard is not installed: a crash whose report puts the
// faulting frame inside libxapian is a known Xapian 1.4 crash (docs/ARCHITECTURE.md,
// "Damaged indexes") and is reported, not failed; any other crash fails.
#include "tests/e2e/cli.hpp"

#include <doctest/doctest.h>

#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace sova::test;

namespace {

constexpr int hang_guard_seconds = 60;

// The folder with the glass tables: the index folder, or the one its stub file names.
fs::path glass_folder(const fs::path& index) {
    if (fs::exists(index / "iamglass")) return index;
    std::ifstream stub(index / "XAPIANDB");
    std::string kind, folder;
    stub >> kind >> folder;
    REQUIRE_MESSAGE(fs::exists(index / folder / "iamglass"), "no glass tables in " << index);
    return index / folder;
}

void write_bytes(const fs::path& file, const std::string& bytes) {
    std::ofstream(file, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Where the fields of the version file are (Xapian 1.4 glass: magic and format, 16 bytes; the
// UUID, 16; the revision; then per table its root block, level and flags, entry count, block
// size / 2048, compression threshold and free list; all numbers 7 bits a byte).
struct VersionLayout {
    std::size_t revision = 0;
    struct Table {
        std::size_t level_at = 0, block_size_at = 0;
        std::uint64_t root = 0, block_size = 0;
    };
    std::map<std::string, Table> tables;
};

VersionLayout version_layout(const std::string& v) {
    std::size_t at = 32;
    auto number = [&] {
        std::uint64_t value = 0;
        for (unsigned shift = 0; at < v.size(); shift += 7) {
            auto byte = static_cast<unsigned char>(v[at++]);
            value |= std::uint64_t{byte & 0x7fu} << shift;
            if (byte < 0x80) break;
        }
        return value;
    };
    VersionLayout layout;
    layout.revision = at;
    number();
    for (const char* name : {"postlist", "docdata", "termlist", "position", "spelling", "synonym"}) {
        VersionLayout::Table& t = layout.tables[name];
        t.root = number();
        t.level_at = at;
        number();
        number();
        t.block_size_at = at;
        t.block_size = number() << 11;
        number();
        at += number(); // the free list
    }
    REQUIRE(at <= v.size());
    return layout;
}

void truncate_to(const fs::path& file, std::uintmax_t size) {
    fs::resize_file(file, size);
}

void change(const fs::path& file, std::uintmax_t offset, const std::function<char(char)>& how) {
    std::string bytes = read_file(file);
    REQUIRE(offset < bytes.size());
    bytes[offset] = how(bytes[offset]);
    write_bytes(file, bytes);
}

void flip(const fs::path& file, std::uintmax_t offset) {
    change(file, offset, [](char c) { return static_cast<char>(~c); });
}

void zero(const fs::path& file, std::uintmax_t offset, std::uintmax_t length) {
    std::string bytes = read_file(file);
    REQUIRE(offset + length <= bytes.size());
    bytes.replace(offset, length, length, '\0');
    write_bytes(file, bytes);
}

struct Damage {
    std::string what;
    std::function<void(const fs::path& tables)> apply;
    bool always_reported = false; ///< every command must say the index looks damaged
};

constexpr bool reported = true;  // every command must say the index looks damaged
constexpr bool may_pass = false; // a command may also work around the damage, or not meet it

// The fixed set of damaged copies, found from the healthy index's files.
std::vector<Damage> damages(const fs::path& tables) {
    const std::string version = read_file(tables / "iamglass");
    const VersionLayout layout = version_layout(version);
    std::vector<Damage> out;
    for (const auto& [name, table] : layout.tables) {
        const std::string file = name + ".glass";
        if (!fs::exists(tables / file)) continue;
        const std::uintmax_t size = fs::file_size(tables / file);
        const std::uint64_t block = table.block_size;
        const std::uint64_t root = table.root * block;
        const std::uint64_t last = size / block - 1;
        auto add = [&](std::string what, bool always_reported, std::function<void(const fs::path&)> apply) {
            out.push_back({file + ": " + what, std::move(apply), always_reported});
        };
        add("removed", reported, [=](const fs::path& t) { fs::remove(t / file); });
        add("truncated to half", reported, [=](const fs::path& t) { truncate_to(t / file, size / 2); });
        add("truncated to 0", reported, [=](const fs::path& t) { truncate_to(t / file, 0); });
        add("revision of block 0 flipped", may_pass, [=](const fs::path& t) { flip(t / file, 0); });
        add("first item offset of block 0 flipped", may_pass, [=](const fs::path& t) { flip(t / file, 11); });
        add("first item offset of block 1 flipped", may_pass, [=](const fs::path& t) { flip(t / file, block + 11); });
        add("last byte of block 0 flipped", may_pass, [=](const fs::path& t) { flip(t / file, block - 1); });
        // Inside an item: in position.glass, Xapian 1.4.22 then corrupts the heap adding an article.
        add("byte 1315 of block 1 flipped", may_pass, [=](const fs::path& t) { flip(t / file, block + 1315); });
        add("level of the root block flipped", reported, [=](const fs::path& t) { flip(t / file, root + 4); });
        add("first item offset of the root block flipped", reported,
            [=](const fs::path& t) { flip(t / file, root + 11); });
        add("root block zeroed", reported, [=](const fs::path& t) { zero(t / file, root, block); });
        add("last block zeroed", may_pass, [=](const fs::path& t) { zero(t / file, last * block, block); });
    }
    const fs::path v = "iamglass";
    const VersionLayout::Table& postlist = layout.tables.at("postlist");
    auto add = [&](std::string what, bool always_reported, std::function<void(const fs::path&)> apply) {
        out.push_back({"iamglass: " + what, std::move(apply), always_reported});
    };
    add("removed", reported, [=](const fs::path& t) { fs::remove(t / v); });
    add("truncated to half", reported, [=](const fs::path& t) { truncate_to(t / v, version.size() / 2); });
    add("truncated to 0", reported, [=](const fs::path& t) { truncate_to(t / v, 0); });
    add("magic flipped", reported, [=](const fs::path& t) { flip(t / v, 2); });
    add("UUID flipped (harmless)", may_pass, [=](const fs::path& t) { flip(t / v, 20); });
    // Xapian 1.4.22 trusts the level and indexes past its cursor array (fixed in 1.4.25).
    add("postlist level 17", reported, [=](const fs::path& t) {
        change(t / v, postlist.level_at, [](char c) { return static_cast<char>((17 << 2) | (c & 3)); });
    });
    // Every block is then newer than the index: Xapian says the index changed while read.
    add("revision 0", reported, [=](const fs::path& t) { change(t / v, layout.revision, [](char) { return '\0'; }); });
    add("postlist block size 6 KiB", reported,
        [=](const fs::path& t) { change(t / v, postlist.block_size_at, [](char) { return '\3'; }); });
    return out;
}

// A command run on each copy: "@" in an argument stands for the copy's folder.
struct Command {
    std::string name;
    std::vector<std::string> args;
    std::string input;
};

#ifdef SOVA_SANITIZED
// Whether a sanitizer's crash report puts the fault inside Xapian: of the stack frames, the first
// that is Xapian's or Sova's own decides; the sanitizer runtime's interceptors, libc and zlib,
// which Xapian calls, come before.
bool crashed_inside_xapian(const std::string& report) {
    std::istringstream lines(report);
    for (std::string line; std::getline(lines, line);) {
        const std::size_t hash = line.find_first_not_of(' ');
        if (hash == std::string::npos || line[hash] != '#' || hash + 1 >= line.size() ||
            !std::isdigit(static_cast<unsigned char>(line[hash + 1])))
            continue;
        if (has(line, "libxapian")) return true;
        if (has(line, " in sova::") || has(line, " in main ") || has(line, "(anonymous namespace)")) return false;
    }
    return false;
}
#endif

} // namespace

TEST_CASE("e2e: corrupt copies of an index: every command exits 0 or 2 saying the index looks damaged, never crashes "
          "or hangs") {
    TempDir dir;
    const fs::path healthy = dir / "healthy";
    REQUIRE(run_sova({"index", "-q", "-j", "1", "-i", healthy.string(), sample_dir()}).exit_code == 0);
    const fs::path healthy_tables = glass_folder(healthy);
    const fs::path tables_inside = fs::relative(healthy_tables, healthy);
    const std::vector<Damage> all = damages(healthy_tables);
    REQUIRE(all.size() >= 30);

    const std::vector<Command> commands{
        {"search", {"search", "-i", "@", "energy", "Kyiv"}, ""},
        {"entities", {"entities", "-i", "@"}, ""},
        {"compact", {"compact", "-i", "@", "--out", "@.compact"}, ""},
        {"index", {"index", "-q", "-i", "@", "-"}, article("added-1", "Energy for Kyiv arrives by rail.")},
    };
    std::map<std::string, std::map<std::string, int>> outcomes; // command -> outcome -> copies
    std::vector<std::string> xapian_crashes;                    // sanitizer builds only
    std::size_t number = 0;
    for (const Damage& damage : all) {
        const std::string copy = dir / ("copy-" + std::to_string(++number));
        fs::copy(healthy, copy, fs::copy_options::recursive);
        damage.apply(fs::path(copy) / tables_inside);
        for (const Command& command : commands) { // `index` last: it changes the copy
            std::vector<std::string> argv{SOVA_BINARY};
            for (const std::string& arg : command.args)
                argv.push_back(arg.starts_with("@") ? copy + arg.substr(1) : arg);
            ProcessResult r = run_process(argv, command.input, -1, hang_guard_seconds);
            INFO("damage: " << damage.what << "\ncommand: sova " << command.name << "\nexit code: " << r.exit_code
                            << "\nstderr: " << r.err);
            REQUIRE_MESSAGE(!r.timed_out, "still running after " << hang_guard_seconds << " s: killed");
#ifdef SOVA_SANITIZED
            if (has(r.err, "Sanitizer") || r.exit_code > 128) {
                CHECK_MESSAGE(crashed_inside_xapian(r.err), "a crash outside Xapian");
                ++outcomes[command.name]["crash inside Xapian"];
                xapian_crashes.push_back("sova " + command.name + " on " + damage.what);
                continue;
            }
#endif
            const bool nothing_found = command.name == "search" && r.exit_code == 1;
            CHECK((r.exit_code == 0 || r.exit_code == 2 || nothing_found));
            if (r.exit_code == 2) {
                CHECK(has(r.err, copy));
                CHECK(has(r.err, "the index looks damaged"));
                CHECK(has(r.err, "xapian-check"));
                CHECK(has(r.err, "restore a backup or re-index"));
            } else if (damage.always_reported) {
                FAIL_CHECK("the damage went unreported");
            }
            const bool guarded = has(r.err, "sova crashed while using it"); // the CLI's crash guard
            ++outcomes[command.name]["exit " + std::to_string(r.exit_code) + (guarded ? " (crash guard)" : "")];
        }
        fs::remove_all(copy);
        fs::remove_all(copy + ".compact");
    }
    std::ostringstream summary;
    summary << all.size() << " damaged copies:";
    for (const auto& [command, counts] : outcomes) {
        summary << "\n  " << command << ":";
        for (const auto& [outcome, copies] : counts) summary << " " << copies << " × " << outcome << ";";
    }
    for (const std::string& crash : xapian_crashes) summary << "\n  crash inside Xapian: " << crash;
    MESSAGE(summary.str());
}
