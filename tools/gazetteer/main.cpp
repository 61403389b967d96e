// sova_gazetteer_extract: writes Sova's place-name gazetteer (places.tsv) from the CLDR,
// iso-codes and GeoNames data Debian installs. Exit codes: 0 written, 2 error (bad usage, a
// source missing or malformed, the output not writable).
#include "tools/gazetteer/extract.hpp"

#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr int exit_ok = 0;
constexpr int exit_error = 2;

constexpr std::string_view usage =
    "usage: sova_gazetteer_extract [--cldr DIR] [--iso-codes DIR] [--locale-dir DIR] [--verbose] --out FILE\n"
    "  --cldr DIR        CLDR's common/ folder    (default /usr/share/unicode/cldr/common)\n"
    "  --iso-codes DIR   iso-codes' data folder   (default /usr/share/iso-codes)\n"
    "  --locale-dir DIR  gettext's locale folder  (default /usr/share/locale)\n"
    "  --out FILE        the TSV to write (replaced only when complete)\n"
    "  --verbose         also list the CLDR time zones whose exemplar city matched no GeoNames city\n";

struct UsageError {
    std::string message;
};

struct Settings {
    sova::gazetteer::SourcePaths paths = sova::gazetteer::SourcePaths::debian();
    fs::path out;
    bool help = false;
    bool verbose = false;
};

// Raw flags become settings here, and only here: "--opt VALUE" and "--opt=VALUE".
Settings parse_args(int argc, char** argv) {
    Settings settings;
    std::map<std::string_view, fs::path*> options{{"--cldr", &settings.paths.cldr_dir},
                                                  {"--iso-codes", &settings.paths.iso_codes_dir},
                                                  {"--locale-dir", &settings.paths.locale_dir},
                                                  {"--out", &settings.out}};
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "-h" || arg == "--help") {
            settings.help = true;
            return settings;
        }
        if (arg == "--verbose") {
            settings.verbose = true;
            continue;
        }
        std::string_view name = arg.substr(0, arg.find('='));
        auto option = options.find(name);
        if (option == options.end()) throw UsageError{"unknown argument '" + std::string(arg) + "'"};
        std::string_view value;
        if (name.size() < arg.size())
            value = arg.substr(name.size() + 1);
        else if (i + 1 < argc)
            value = argv[++i];
        else
            throw UsageError{std::string(name) + " needs a value"};
        if (value.empty()) throw UsageError{std::string(name) + " needs a non-empty value"};
        *option->second = fs::path(value);
    }
    if (settings.out.empty()) throw UsageError{"--out FILE is required"};
    return settings;
}

// Writes beside the target and renames, so a failed run never leaves half a gazetteer behind,
// and two runs at once (two build targets sharing the rule) never write into one file.
void write_atomically(const fs::path& out, const std::vector<sova::gazetteer::Place>& places,
                      const std::vector<std::string>& header) {
    std::error_code ec;
    if (out.has_parent_path()) fs::create_directories(out.parent_path(), ec);
    if (ec) throw sova::Error(out.parent_path().string() + ": cannot create the folder: " + ec.message());
    fs::path temporary = out;
    temporary += ".tmp." + std::to_string(getpid());
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        if (!file) throw sova::Error(temporary.string() + ": cannot create the file");
        sova::gazetteer::write_tsv(file, places, header);
        file.close();
        if (!file) {
            fs::remove(temporary, ec);
            throw sova::Error(temporary.string() + ": cannot write the file (disk full?)");
        }
    }
    fs::rename(temporary, out, ec);
    if (ec) {
        fs::remove(temporary, ec);
        throw sova::Error(out.string() + ": cannot replace the file: " + ec.message());
    }
}

} // namespace

int main(int argc, char** argv) {
    namespace gz = sova::gazetteer;
    try {
        Settings settings = parse_args(argc, argv);
        if (settings.help) {
            std::cout << usage;
            return exit_ok;
        }
        auto start = std::chrono::steady_clock::now();
        gz::Sources sources = gz::read_sources(settings.paths);
        gz::MergeReport report;
        std::vector<gz::Place> places = gz::merge(sources, &report);
        write_atomically(settings.out, places, gz::tsv_header(sources));
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

        std::size_t per_kind[3] = {0, 0, 0};
        for (const gz::Place& place : places) ++per_kind[static_cast<int>(place.kind)];
        std::printf("%s: %zu places (%zu countries, %zu regions, %zu cities) in %.2f s; %zu of %zu CLDR exemplar "
                    "cities matched a GeoNames city; names dropped: %zu unwritable, %zu in the wrong script, %zu "
                    "homonym translations\n",
                    settings.out.string().c_str(), places.size(), per_kind[0], per_kind[1], per_kind[2], seconds,
                    report.zones_matched, report.zones_matched + report.zones_unmatched.size(), report.names_unwritable,
                    report.names_wrong_script, report.homonym_translations_dropped);
        for (const std::string& place : report.places_dropped)
            std::printf("dropped (no name in a script of its language): %s\n", place.c_str());
        if (settings.verbose)
            for (const std::string& zone : report.zones_unmatched) std::printf("unmatched zone: %s\n", zone.c_str());
        return exit_ok;
    } catch (const UsageError& error) {
        std::cerr << "sova_gazetteer_extract: " << error.message << "\n" << usage;
        return exit_error;
    } catch (const std::exception& error) {
        std::cerr << "sova_gazetteer_extract: " << error.what() << '\n';
        return exit_error;
    }
}
