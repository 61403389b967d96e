// Small pieces the evaluation programs share: option errors, counts, fixed-point numbers.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace sova::eval {

/// A bad command line: the program prints the message and its usage, and exits with 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// --help: the program prints its usage and exits with 0.
struct HelpRequested {};

/// What an evaluation program's main() does: runs `body`, and turns --help into the usage
/// (exit 0), a bad command line into its message and the usage, any other error into its
/// message (exit 2).
template <class Body> int program_main(const char* name, const char* usage, Body body) {
    try {
        return body();
    } catch (const HelpRequested&) {
        std::cout << usage;
        return 0;
    } catch (const UsageError& e) {
        std::cerr << name << ": " << e.what() << "\n" << usage;
        return 2;
    } catch (const Xapian::Error& e) {
        std::cerr << name << ": error: " << e.get_description() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << name << ": error: " << e.what() << "\n";
        return 2;
    }
}

/// A command line, option by option: `flag()` is the current one, `value()` takes the next
/// argument as its value.
class Arguments {
public:
    Arguments(int argc, char** argv) : m_args(argv + 1, argv + argc) {}
    /// Moves to the next option; false after the last.
    bool next() { return ++m_at < m_args.size(); }
    const std::string& flag() const { return m_args[m_at]; }
    /// The current option's value; UsageError when the command line ends first.
    const std::string& value() {
        if (m_at + 1 >= m_args.size()) throw UsageError(flag() + " needs a value");
        return m_args[++m_at];
    }

private:
    std::vector<std::string> m_args;
    std::size_t m_at = static_cast<std::size_t>(-1);
};

/// `value` as a count for option `flag`; UsageError unless it is a plain non-negative number.
inline std::size_t parse_count(const std::string& flag, const std::string& value) {
    std::size_t used = 0;
    unsigned long long n = 0;
    try {
        n = std::stoull(value, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != value.size() || value.empty() || value[0] == '-')
        throw UsageError(flag + " expects a non-negative number, not '" + value + "'");
    return static_cast<std::size_t>(n);
}

/// `value` with `decimals` digits after the point.
inline std::string fixed(double value, int decimals) {
    std::array<char, 64> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%.*f", decimals, value);
    return buffer.data();
}

/// Indexes are rebuilt on every run; a folder that holds anything but an index (a Sova index
/// folder, or a plain Xapian database) is left alone.
inline void remove_old_index(const std::string& path) {
    namespace fs = std::filesystem;
    if (!fs::exists(path)) return;
    const bool index = fs::exists(fs::path(path) / "XAPIANDB") || fs::exists(fs::path(path) / "iamglass");
    if (!index && !(fs::is_directory(path) && fs::is_empty(path)))
        throw std::runtime_error(path + " exists and is not a Xapian index; refusing to delete it");
    fs::remove_all(path);
}

} // namespace sova::eval
