// Constructors of the public exceptions and the version string: the base every library links.
#include <sova/error.hpp>
#include <sova/version.hpp>

namespace sova {

namespace {
std::string locate(const std::string& file, std::uint64_t line, const std::string& reason) {
    std::string where = file.empty() ? std::string() : file;
    if (line > 0) where += (where.empty() ? "line " : ":") + std::to_string(line);
    return where.empty() ? reason : where + ": " + reason;
}
} // namespace

InputError::InputError(std::string file, std::uint64_t line, const std::string& reason)
    : Error(locate(file, line, reason)), m_file(std::move(file)), m_line(line), m_reason(reason) {}

QueryError::QueryError(std::size_t column, const std::string& reason)
    : Error("query, column " + std::to_string(column) + ": " + reason), m_column(column), m_reason(reason) {}

OptionError::OptionError(std::string option, const std::string& reason)
    : Error(option + ": " + reason), m_option(std::move(option)), m_reason(reason) {}

IndexError::IndexError(std::string path, const std::string& reason)
    : Error(path + ": " + reason), m_path(std::move(path)) {}

const char* version() noexcept {
    return SOVA_VERSION;
}

} // namespace sova
