// Stage 4 of entity recognition: gathering the mentions of each entity into one ArticleEntity
// with its mentions, salience, name keys and the name the article gives it.
#pragma once

#include "indexer/entities.hpp"
#include "indexer/entities/mention.hpp"

#include <map>
#include <string>
#include <vector>

namespace sova::detail {

/// Whether a title is written in title case (English headlines capitalise every word): at
/// least three words that are not function words, 60 % of them capitalised.
bool in_title_case(const std::vector<Word>& title_words);

/// The entities of one article, as their mentions are noted (body mentions before the title's).
class EntityAggregator {
public:
    /// `title_case`: the title is in title case, so it names only what the body names.
    explicit EntityAggregator(bool title_case);

    /// Counts mention `m` for the entity `key` of type `type`, named `canonical` when the
    /// gazetteer or the aliases file names it (else `canonical` is `m`'s surface); adds the name
    /// keys it can be found by.
    void note(const std::string& key, const std::string& type, const std::string& canonical, const Mention& m,
              std::vector<std::string> name_keys);

    /// The entities, most salient first (ties by key), each named as the article writes it most
    /// often unless a list names it.
    std::vector<ArticleEntity> finish();

private:
    struct Aggregate {
        bool fixed_name = false; // the gazetteer's or the aliases file's name
        Entity entity;
        std::vector<std::string> name_keys;
        std::map<std::string, unsigned> surfaces;
    };

    bool m_title_case;
    std::map<std::string, Aggregate> m_by_key;
};

} // namespace sova::detail
