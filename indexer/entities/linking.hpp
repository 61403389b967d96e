// Stage 4 of entity recognition, continued: each mention linked to the entity it names, and
// noted for that entity.
#pragma once

#include "indexer/entities/aggregation.hpp"
#include "indexer/entities/mention.hpp"
#include "indexer/entities/person_linking.hpp"
#include "indexer/entities/place_settling.hpp"

#include <string>
#include <vector>

namespace sova::detail {

/// Links mentions to entities: a listed name to its settled entry (or to a person named in
/// full, Helen Jordan … Jordan said), a lone word to a person named in full, a person, a name
/// or an organisation to the key of its words' sounds.
class MentionLinker {
public:
    MentionLinker(const PlaceContext& places, const PersonIndex& people, EntityAggregator& entities);

    /// Notes the entity `m` names, if any.
    void link(const Mention& m);

private:
    void link_listed(const Mention& m);
    bool link_listed_person(const Mention& m);
    void link_lone(const Mention& m, const std::vector<std::string>& parts);
    void link_name(const Mention& m, const std::vector<std::string>& parts, const std::string& type);
    void link_organisation(const Mention& m, const std::vector<std::string>& parts);

    const PlaceContext& m_places;
    const PersonIndex& m_people;
    EntityAggregator& m_entities;
};

} // namespace sova::detail
