// Stage 3 of entity recognition: deciding which names are people, and which lone words name a
// person the article names in full.
#pragma once

#include "indexer/entities/mention.hpp"

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sova::detail {

/// Decides the mentions of kind `name`: a person when its last word recurs alone in the article
/// (journalists name a person in full once, then by surname), otherwise `other`. A name that is
/// not a person but opens with a well-known place (Kyiv Metro) is split: the place is appended
/// to `mentions` as a mention of its own, and the rest stays a name of its own when it still has
/// two words (`dropped` otherwise).
void decide_names(std::vector<Mention>& mentions);

/// The people an article names in full, found again by one of their words: a lone surname (or
/// given name) is the same person when the two words have the same base form (Марчука,
/// Марчукові, Marchuk's are Марчук; March is not).
class PersonIndex {
public:
    /// From the mentions of kind `person` of two or more words with two or more sound keys, in
    /// their order: the first person named with a word wins.
    explicit PersonIndex(const std::vector<Mention>& mentions);

    /// The key of the person named in full whose first or last word has sound key `sound` and
    /// the base form of `term`; null when none.
    const std::string* person_of(const std::string& sound, std::string_view term) const;

private:
    void remember(const std::string& sound, std::string base, const std::string& key);

    // sound key -> (base form, person key), each pair once
    std::unordered_map<std::string, std::vector<std::pair<std::string, std::string>>> m_by_word;
};

} // namespace sova::detail
