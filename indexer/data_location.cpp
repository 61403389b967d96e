// Where Sova's installed data, the gazetteer of places, is found at run time: relative to the
// installed program or library, so that an install prefix can be moved or packaged anywhere.
#include <sova/entity.hpp>
#include <sova/error.hpp>

#include <dlfcn.h>
#include <link.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace sova {

namespace {

namespace fs = std::filesystem;

// The executable or shared object this code was linked into. Its link map names a shared object
// by the path it was loaded from; the main program's is unnamed (glibc's dladdr would give
// argv[0], a bare name when the program was found through $PATH), so the kernel is asked.
fs::path code_file() {
    static const char anchor = 0;
    Dl_info info{};
    link_map* map = nullptr;
    if (dladdr1(&anchor, &info, reinterpret_cast<void**>(&map), RTLD_DL_LINKMAP) != 0 && map != nullptr &&
        map->l_name != nullptr && map->l_name[0] != '\0')
        return fs::absolute(map->l_name);
    std::error_code ec;
    return fs::read_symlink("/proc/self/exe", ec);
}

// Whether `file` lies in the folder `dir` (both made canonical, so links cannot fool it).
bool lies_within(const fs::path& file, const fs::path& dir) {
    std::error_code ec;
    fs::path canonical_file = fs::weakly_canonical(file, ec);
    if (ec) return false;
    fs::path canonical_dir = fs::weakly_canonical(dir, ec);
    if (ec) return false;
    return std::mismatch(canonical_dir.begin(), canonical_dir.end(), canonical_file.begin(), canonical_file.end())
               .first == canonical_dir.end();
}

// Where to look, in order, when $SOVA_GAZETTEER is not set.
std::vector<std::string> candidates() {
    std::vector<std::string> paths;
    auto add = [&](const fs::path& path) {
        std::string normal = path.lexically_normal().string();
        if (std::find(paths.begin(), paths.end(), normal) == paths.end()) paths.push_back(std::move(normal));
    };
    fs::path code = code_file();
    if (!code.empty()) {
        // CMake computes these from GNUInstallDirs: bin/ -> ../share/sova/places.idx, lib/ -> ...
        add(code.parent_path() / SOVA_GAZETTEER_FROM_BINDIR);
        add(code.parent_path() / SOVA_GAZETTEER_FROM_LIBDIR);
        // An installed copy must never read the build tree, which may be gone or rebuilt.
        if (lies_within(code, SOVA_BUILD_DIR)) add(SOVA_GAZETTEER_BUILT);
    }
    add(SOVA_GAZETTEER_INSTALLED);
    add(SOVA_GAZETTEER_PACKAGED);
    return paths;
}

} // namespace

GazetteerLocation locate_gazetteer() {
    GazetteerLocation location;
    if (const char* env = std::getenv("SOVA_GAZETTEER")) {
        std::string named(env);
        std::error_code ec;
        if (!named.empty() && !fs::is_regular_file(named, ec))
            throw Error("$SOVA_GAZETTEER names " + named +
                        ", which is not a file (unset it to use the installed gazetteer of places, or set it "
                        "empty to recognise places without one)");
        location.path = std::move(named);
        return location;
    }
    location.searched = candidates();
    for (const std::string& path : location.searched) {
        std::error_code ec;
        if (fs::is_regular_file(path, ec)) {
            location.path = path;
            break;
        }
    }
    return location;
}

} // namespace sova
