// Sova's query language (docs/QUERY.md) parsed into an AST.
#pragma once

#include "query/ast.hpp"

#include <string_view>

namespace sova::detail {

/// Parsing limits, so that hostile queries get a clear error instead of using up the stack.
struct ParseLimits {
    std::size_t max_depth = 64;    ///< nested parentheses
    std::size_t max_bytes = 16384; ///< query length
    std::size_t max_terms = 1000;  ///< words, phrases and wildcards together
};

/// Whether `name` (in any case) names a field of the query language: `title`, `entity`,
/// `like` and the filters (`lang`, `date`, `source` …). `name:value` is then query syntax.
bool is_query_field(std::string_view name);

/// Parses `query`. Throws sova::QueryError (with a 1-based column) on a syntax error, unless
/// `lenient`, in which case stray syntax is read as words and nothing throws but the limits.
/// The root is always a `list` node.
NodePtr parse_query(std::string_view query, bool lenient = false, const ParseLimits& limits = {});

} // namespace sova::detail
