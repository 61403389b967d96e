// A scratch folder for one test, removed afterwards.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace sova::test {

class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    /// path() / name, as a string.
    std::string operator/(std::string_view name) const { return (m_path / name).string(); }
    /// Writes `content` to path()/name (creating folders) and returns the full path.
    std::string write(std::string_view name, std::string_view content) const;

private:
    std::filesystem::path m_path;
};

} // namespace sova::test
