#include "cli/common.hpp"

#include "tokenizers/utf8.hpp"

#include <sova/entity.hpp>
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

void ArchiveOption::add_to(CLI::App& command) {
    command
        .add_option("--index,-i", m_locations,
                    "Index folder; repeat it to search shards as one archive: folders, Xapian stub files, "
                    "tcp://HOST:PORT (xapian-tcpsrv)")
        ->envname("SOVA_INDEX");
    command.add_flag("--allow-partial", m_options.allow_partial,
                     "When a shard cannot be reached or stops answering, search the others and say which is missing");
    command
        .add_option("--connect-timeout", m_options.connect_timeout_seconds,
                    "Seconds to wait for a remote shard to accept the connection")
        ->check(CLI::PositiveNumber)
        ->default_str("10");
    command
        .add_option("--remote-timeout", m_options.timeout_seconds,
                    "Seconds to wait for a remote shard's answer to any one request")
        ->check(CLI::PositiveNumber)
        ->default_str("30");
}

const std::vector<std::string>& ArchiveOption::locations() const {
    if (m_locations.empty() || (m_locations.size() == 1 && m_locations.front().empty()))
        throw sova::Error("no index given: use --index DIR (-i DIR) or set the environment variable SOVA_INDEX");
    return m_locations;
}

std::string ArchiveOption::name() const {
    std::string joined;
    for (const auto& location : locations()) joined += (joined.empty() ? "" : ", ") + location;
    return joined;
}

void warn_missing(const std::vector<std::string>& missing) {
    for (const auto& shard : missing)
        diagnose("warning: ", shard + ": the shard did not answer; these results come from the other shards");
}

void warn_without_gazetteer() {
    sova::GazetteerLocation gazetteer = sova::locate_gazetteer();
    // None found, and none chosen by an empty $SOVA_GAZETTEER.
    if (!gazetteer.path.empty() || gazetteer.searched.empty()) return;
    std::string looked;
    for (const auto& path : gazetteer.searched) looked += (looked.empty() ? "" : ", ") + path;
    diagnose("warning: ", "no gazetteer of places found (looked for " + looked +
                              "): places are not recognised by name; set $SOVA_GAZETTEER to Sova's places.idx");
}

} // namespace sova::cli
