// Entity extraction: the people, organisations and places an article mentions, each reduced to
// one canonical key whatever its script, spelling or case ending (docs/ENTITIES.md). The stages
// are in indexer/entities/: mention scanning, place settling, person linking, aggregation.
#pragma once

#include "indexer/gazetteer.hpp"
#include "tokenizers/analyzer.hpp"
#include "tokenizers/vocabulary.hpp"

#include <sova/entity.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace sova::detail {

/// One entity of an article, with what the index needs to find it by name later.
struct ArticleEntity {
    Entity entity;
    std::vector<std::string> name_keys; ///< Name keys (schema::entity_name_key) it was or can be written as.
};

/// Recognises entities in analysed text. Not thread-safe: one per thread (as the analyser).
class EntityExtractor {
public:
    /// Either source may be null.
    EntityExtractor(Gazetteer* gazetteer, const AliasTable* aliases);

    /// The entities of an article whose title and body were analysed into `title_words` and
    /// `body_words` (positions as the document builder numbers them), in language `lang`;
    /// most salient first.
    std::vector<ArticleEntity> extract(std::string_view title, const std::vector<Word>& title_words,
                                       std::string_view text, const std::vector<Word>& body_words,
                                       std::string_view lang);

private:
    Gazetteer* m_gazetteer;
    const AliasTable* m_aliases;
    Vocabulary m_vocabulary;
};

} // namespace sova::detail
