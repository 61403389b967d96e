// Article -> Xapian::Document, following the schema in schema/schema.hpp.
#pragma once

#include "indexer/entities.hpp"

#include <sova/article.hpp>

#include <xapian.h>

#include <cstddef>
#include <string>
#include <vector>

namespace sova::detail {

/// What building a document found out, beyond the document itself.
struct BuildReport {
    std::string id;                      ///< The article's id (derived when it had none).
    std::size_t invalid_utf8 = 0;        ///< Sequences replaced with U+FFFD.
    std::vector<std::string> warnings;   ///< Problems that lost nothing (bad date, bad language code).
    std::vector<ArticleEntity> entities; ///< Entities found (when BuildOptions::entities is set), most salient first.
};

/// What to write besides the schema's fixed terms.
struct BuildOptions {
    bool cross_script_keys = true;       ///< XK<key> for capitalised Latin, Cyrillic and Greek words
    EntityExtractor* entities = nullptr; ///< XE<key> terms and stored entities; none when null
};

/// Analyses `article` (in place: UTF-8 repaired, id derived, date and lang normalised) and
/// returns its document. Throws sova::InputError when it has neither title nor text.
Xapian::Document build_document(Article& article, BuildReport& report, const BuildOptions& options = {});

} // namespace sova::detail
