// The exceptions Sova throws: one small hierarchy, each carrying the context a user needs.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace sova {

/// Base of every exception Sova throws. what() is a complete, user-facing message.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Bad input data: a file, a line of it, or an article. line() is 1-based, 0 when unknown.
class InputError : public Error {
public:
    InputError(std::string file, std::uint64_t line, const std::string& reason);
    const std::string& file() const noexcept { return m_file; }
    std::uint64_t line() const noexcept { return m_line; }
    const std::string& reason() const noexcept { return m_reason; }

private:
    std::string m_file;
    std::uint64_t m_line;
    std::string m_reason;
};

/// A query that cannot be parsed. column() is 1-based, counted in characters.
class QueryError : public Error {
public:
    QueryError(std::size_t column, const std::string& reason);
    std::size_t column() const noexcept { return m_column; }
    const std::string& reason() const noexcept { return m_reason; }

private:
    std::size_t m_column;
    std::string m_reason;
};

/// A bad value in an options struct (SearchOptions, EntityListOptions, IndexingOptions...).
/// option() is the field's name ("since", "langs"), so that a program can name its own flag
/// for it; what() is "since: 'yesterday' is not a date ...".
class OptionError : public Error {
public:
    OptionError(std::string option, const std::string& reason);
    const std::string& option() const noexcept { return m_option; }
    const std::string& reason() const noexcept { return m_reason; }

private:
    std::string m_option;
    std::string m_reason;
};

/// The index itself cannot be created, opened, read or written (missing, locked, corrupt...).
class IndexError : public Error {
public:
    IndexError(std::string path, const std::string& reason);
    const std::string& path() const noexcept { return m_path; }

private:
    std::string m_path;
};

} // namespace sova
