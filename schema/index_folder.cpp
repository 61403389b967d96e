#include "schema/index_folder.hpp"

#include "schema/fault_point.hpp"

#include <sova/error.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace sova::detail {

namespace {

constexpr std::string_view generation_prefix = "gen-";
constexpr int max_retries = 12;

bool is_generation_name(std::string_view name) {
    return name.starts_with(generation_prefix) && name.size() > generation_prefix.size() &&
           name.find_first_not_of("0123456789", generation_prefix.size()) == std::string_view::npos;
}

// Files of a glass database in its folder.
bool is_glass_file(std::string_view name) {
    return name == "iamglass" || name == "flintlock" || name.ends_with(".glass") || name.ends_with(".tmp");
}

// The live generation named by the stub: "auto gen-N" on one line, as publish_generation
// writes it. Empty when the stub is missing or names something else.
std::string stub_generation(const fs::path& folder) {
    std::ifstream in(folder / stub_file_name);
    std::string kind, name, extra;
    if (!(in >> kind >> name) || (in >> extra) || kind != "auto" || !is_generation_name(name)) return {};
    return name;
}

void sync_path(const fs::path& path, bool directory) {
    int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

// Writes `content` to `folder`/`name` atomically: a synced temporary file renamed over it.
void replace_file(const fs::path& folder, const std::string& name, const std::string& content) {
    const fs::path tmp = folder / (name + ".tmp");
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << content;
        out.flush();
        if (!out) throw IndexError(folder.string(), "cannot write " + tmp.string() + ": " + std::strerror(errno));
    }
    sync_path(tmp, false);
    std::error_code ec;
    fs::rename(tmp, folder / name, ec);
    if (ec) throw IndexError(folder.string(), "cannot replace " + (folder / name).string() + ": " + ec.message());
    sync_path(folder, true);
}

// Who holds the write lock of `folder`: the processes (other than this one) with its lock file open.
std::string lock_holder_message(const fs::path& folder) {
    std::error_code ec;
    const fs::path lock_file = fs::weakly_canonical(folder / lock_file_name, ec);
    std::set<std::string> holders;
    for (fs::directory_iterator proc("/proc", ec), end; !ec && proc != end; proc.increment(ec)) {
        std::string pid = proc->path().filename().string();
        if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) continue;
        std::error_code fd_ec;
        for (fs::directory_iterator fd(proc->path() / "fd", fd_ec), fd_end; !fd_ec && fd != fd_end;
             fd.increment(fd_ec)) {
            std::error_code link_ec;
            if (fs::read_symlink(fd->path(), link_ec) == lock_file) {
                holders.insert(pid);
                break;
            }
        }
    }
    const std::string self = std::to_string(getpid());
    std::string message = "index is locked by ";
    if (holders.count(self))
        message += "this process (another writer is open)";
    else if (!holders.empty())
        message += "process " + *holders.begin() + " (another `sova index` or `sova compact`?)";
    else
        message += "another writer";
    return message + "; try again when it has finished";
}

// Removes an entry of an index folder; errors are left for the next run.
void remove_entry(const fs::path& path) {
    std::error_code ec;
    fs::remove_all(path, ec);
}

// The layout of `folder`; `may_reread`: whether a stub that appears while the folder is listed
// may have it read once more.
FolderLayout folder_layout_once(const std::string& folder, bool may_reread) {
    std::error_code ec;
    const fs::path path(folder);
    if (!fs::exists(path, ec)) return FolderLayout::none;
    if (!fs::is_directory(path, ec)) throw IndexError(folder, "is a file, not an index folder");
    if (fs::exists(path / "iamglass", ec)) return FolderLayout::plain;
    if (fs::exists(path / stub_file_name, ec)) {
        // A swap replaces the stub before it removes the generation the stub named: when the
        // generation read is gone, the stub read again names the new one.
        std::string live = stub_generation(path);
        for (int reads = 0; !live.empty() && !fs::is_directory(path / live, ec) && reads < 8; ++reads) {
            std::string again = stub_generation(path);
            if (again == live) break;
            live = std::move(again);
        }
        return !live.empty() && fs::is_directory(path / live, ec) ? FolderLayout::generations : FolderLayout::foreign;
    }
    fault_point("layout-listing");
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name == lock_file_name || name == bulk_folder_name || name.starts_with(generation_prefix) ||
            name == std::string(stub_file_name) + ".tmp")
            continue; // what a creation interrupted before its stub was written leaves
        // The first stub was renamed into place since it was looked for: a new index was just
        // published. Read the folder again (once: a stub is replaced, never removed).
        if (name == stub_file_name && may_reread) return folder_layout_once(folder, false);
        return FolderLayout::foreign;
    }
    return FolderLayout::none;
}

} // namespace

FolderLayout folder_layout(const std::string& folder) {
    FolderLayout layout = folder_layout_once(folder, true);
    // A folder a writer is swapping may look foreign for a moment: where Sova's lock file says it
    // is an index folder, look again (the readers' retry policy) before saying so.
    std::error_code ec;
    if (layout == FolderLayout::foreign && fs::exists(fs::path(folder) / lock_file_name, ec))
        for (int retry = 1; layout == FolderLayout::foreign && pause_before_retry(retry); ++retry)
            layout = folder_layout_once(folder, true);
    return layout;
}

std::string live_database(const std::string& folder) {
    switch (folder_layout(folder)) {
    case FolderLayout::plain:
        return folder;
    case FolderLayout::generations:
        return (fs::path(folder) / stub_generation(folder)).string();
    default:
        return {};
    }
}

FolderLock::FolderLock(const std::string& folder) {
    const fs::path lock_file = fs::path(folder) / lock_file_name;
    m_fd = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0) throw IndexError(folder, std::string("cannot write to the index: ") + std::strerror(errno));
    if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(m_fd);
        m_fd = -1;
        if (error == EWOULDBLOCK) throw IndexError(folder, lock_holder_message(folder));
        throw IndexError(folder, std::string("cannot lock the index: ") + std::strerror(error));
    }
}

FolderLock& FolderLock::operator=(FolderLock&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = other.m_fd;
        other.m_fd = -1;
    }
    return *this;
}

FolderLock::~FolderLock() {
    if (m_fd >= 0) ::close(m_fd); // releases the lock
}

void remove_leftovers(const std::string& folder) {
    const fs::path path(folder);
    const FolderLayout layout = folder_layout(folder);
    if (layout == FolderLayout::foreign) return;
    const std::string live = layout == FolderLayout::generations ? stub_generation(path) : std::string();
    std::error_code ec;
    std::vector<fs::path> garbage;
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const bool ours = name == bulk_folder_name || name == std::string(stub_file_name) + ".tmp" ||
                          (name.starts_with(generation_prefix) && name != live);
        // A plain index replaced by a generation loses its version file first; its tables follow.
        const bool replaced_table = layout != FolderLayout::plain && is_glass_file(name);
        const bool inert_stub = layout != FolderLayout::generations && name == stub_file_name;
        if (ours || replaced_table || inert_stub) garbage.push_back(it->path());
    }
    for (const auto& entry : garbage) remove_entry(entry);
    // Earlier versions built beside the folder; those copies never held the only index.
    fs::path absolute = fs::absolute(path, ec).lexically_normal();
    if (!absolute.has_filename()) absolute = absolute.parent_path();
    if (absolute.has_parent_path() && absolute != absolute.root_path())
        for (const char* suffix : {".bulk", ".compacting"})
            if (fs::path beside = absolute.parent_path() / ("." + absolute.filename().string() + suffix);
                fs::is_directory(beside, ec))
                remove_entry(beside);
}

std::string next_generation(const std::string& folder) {
    unsigned long highest = 0;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (is_generation_name(name)) highest = std::max(highest, std::stoul(name.substr(generation_prefix.size())));
    }
    char name[32];
    std::snprintf(name, sizeof name, "gen-%06lu", highest + 1);
    return (fs::path(folder) / name).string();
}

void publish_generation(const std::string& folder, const std::string& generation) {
    const fs::path path(folder);
    const std::string name = fs::path(generation).filename().string();
    const FolderLayout before = folder_layout(folder);
    const std::string previous = before == FolderLayout::generations ? stub_generation(path) : std::string();
    sync_path(generation, true);
    replace_file(path, stub_file_name, "auto " + name + "\n");
    fault_point("swap-stub-written");
    if (before == FolderLayout::plain) {
        // Xapian opens a folder's own tables before its stub: removing the version file is
        // what makes the stub live.
        std::error_code ec;
        fs::remove(path / "iamglass", ec);
        if (ec) throw IndexError(folder, "cannot replace the index: " + ec.message());
        sync_path(path, true);
    }
    fault_point("swap-published");
    // The old generation's version file first: what is left while the rest goes is plainly
    // not a database.
    const bool old_generation = !previous.empty() && previous != name;
    std::error_code ec;
    if (old_generation) fs::remove(path / previous / "iamglass", ec);
    fault_point("swap-removing");
    if (old_generation) remove_entry(path / previous);
    if (before == FolderLayout::plain) remove_leftovers(folder);
    fault_point("swap-done");
}

bool pause_before_retry(int retry) {
    if (retry > max_retries) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(1 << std::min(retry - 1, 6), 50)));
    return true;
}

} // namespace sova::detail
