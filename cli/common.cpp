#include "cli/common.hpp"

#include "tokenizers/utf8.hpp"

#include <sova/error.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace sova::cli {

unsigned reading_deadline(double time_limit_seconds) {
    return std::max(max_reading_seconds, static_cast<unsigned>(std::ceil(2 * time_limit_seconds)));
}

void emit(const std::string& text) {
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
        if (errno == EPIPE) std::_Exit(exit_ok);
        throw sova::Error(std::string("cannot write the output: ") + std::strerror(errno));
    }
}

std::string flag_for(std::string_view option) {
    if (option == "langs") return "--lang";
    if (option == "max_article_bytes") return "--max-article-size";
    if (option == "path") return "--index";
    std::string flag = "--";
    for (char ch : option) flag += ch == '_' ? '-' : ch;
    return flag;
}

void diagnose(const char* kind, std::string_view message) {
    std::cerr << "sova: " << kind << sova::detail::escape_controls(message) << '\n';
}

void IndexOption::add_to(CLI::App& command, const std::string& description) {
    command.add_option("--index,-i", m_path, description)->envname("SOVA_INDEX");
}

const std::string& IndexOption::path() const {
    if (m_path.empty())
        throw sova::Error("no index given: use --index DIR (-i DIR) or set the environment variable SOVA_INDEX");
    return m_path;
}

} // namespace sova::cli
