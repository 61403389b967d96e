// The parsed form of a query: a small tree that knows nothing of Xapian.
#pragma once

#include "query/filters.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace sova::detail {

/// How a clause takes part in its list: ranked, required (+), or excluded (-, NOT).
enum class Occur { should, must, must_not };

enum class NodeKind {
    word,     ///< text: one word as typed (may analyse into several, then it is a phrase)
    phrase,   ///< text: the words between quotes
    wildcard, ///< text: the prefix before '*'
    filter,   ///< field + text: a boolean condition (lang:, date:, after:, before:, source:)
    like,     ///< text: the id of an article; matches articles like it (like:ID), never the article itself
    list,     ///< children: clauses side by side (top level, or a parenthesised group)
    any,      ///< children: a OR b OR ...
    all,      ///< children: a AND b AND ...
};

struct Node {
    NodeKind kind = NodeKind::word;
    Occur occur = Occur::should;
    std::string field; ///< "title" for title:… words, phrases and groups; the filter's name
    std::string text;
    Filter filter;          ///< kind filter: the value of `text`, parsed
    std::size_t column = 1; ///< 1-based character column in the query, for messages
    std::vector<std::unique_ptr<Node>> children;
};

using NodePtr = std::unique_ptr<Node>;

/// A compact, stable rendering of the tree for tests: `(list +word:kyiv -phrase:"a b")`.
std::string describe(const Node& node);

} // namespace sova::detail
