// Writing gzip files for the indexer tests, with zlib as the reader uses it.
#pragma once

#include <zlib.h>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sova::test {

/// Writes `content` gzip-compressed to `path`.
inline void write_gzip(const std::string& path, std::string_view content) {
    gzFile file = gzopen(path.c_str(), "wb");
    if (!file) throw std::runtime_error("gzopen failed: " + path);
    const int written = content.empty() ? 0 : gzwrite(file, content.data(), static_cast<unsigned>(content.size()));
    const int closed = gzclose(file);
    if (written != static_cast<int>(content.size()) || closed != Z_OK)
        throw std::runtime_error("gzwrite failed: " + path);
}

/// Writes `content` gzip-compressed to `path`, then cuts the file to `keep_fraction` of its
/// compressed size: a download or copy that stopped half-way.
inline void write_truncated_gzip(const std::string& path, std::string_view content, double keep_fraction) {
    write_gzip(path, content);
    std::string bytes;
    {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    bytes.resize(static_cast<std::size_t>(static_cast<double>(bytes.size()) * keep_fraction));
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot truncate " + path);
}

} // namespace sova::test
