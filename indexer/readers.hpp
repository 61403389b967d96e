// Input formats: which files to read, and how a JSON line or a text file becomes an Article.
#pragma once

#include <sova/article.hpp>

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sova::detail {

enum class InputFormat { json_lines, text, unknown };

/// One file to read.
struct InputFile {
    std::string path;    ///< As given or found ("-" for stdin).
    std::string id_base; ///< For text files: the id is the path relative to this folder.
    InputFormat format = InputFormat::json_lines;
};

/// The format a file name implies, or false when the name says nothing (ext unknown).
bool format_from_name(const std::filesystem::path& path, InputFormat& format);

/// Expands the paths given by a user into the files to read, in a stable order.
/// Folders are walked recursively (hidden entries and symlinked folders are not followed;
/// files of unknown type are passed over; a file named explicitly is always read, its format
/// sniffed when the name does not tell). Problems (a missing path, an unreadable folder) are
/// appended to `errors` and do not stop the walk.
struct InputProblem {
    std::string path;
    std::string reason;
};
/// `ignored_files`, when given, receives the number of files in folders passed over for their type.
std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths, std::vector<InputProblem>& errors,
                                      std::size_t* ignored_files = nullptr);

/// A record a reader rejects; what() is the reason, without file or line.
class RecordError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Parses one JSON Lines record. Throws RecordError with a precise reason when the
/// line is not a JSON object or a field has the wrong type. Non-fatal remarks (an optional
/// field of the wrong type, ignored) are appended to `warnings`.
Article parse_json_article(std::string_view line, std::vector<std::string>& warnings);

/// Makes an article of a text or Markdown file's content: the first non-blank line is the
/// title (Markdown heading marks removed), the rest the text.
Article text_article(std::string_view content, std::string id);

} // namespace sova::detail
