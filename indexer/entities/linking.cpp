#include "indexer/entities/linking.hpp"

#include "tokenizers/names.hpp"

#include <algorithm>

namespace sova::detail {

namespace {

constexpr std::string_view organisation_prefix = "org:";

// The name key of a mention's exact words.
std::string term_key(const Mention& m) {
    return exact_name_key(join(m.terms, ' '));
}

} // namespace

MentionLinker::MentionLinker(const PlaceContext& places, const PersonIndex& people, EntityAggregator& entities)
    : m_places(places), m_people(people), m_entities(entities) {}

void MentionLinker::link(const Mention& m) {
    if (!m.entries.empty()) {
        link_listed(m);
        return;
    }
    auto parts = m.sound_parts();
    if (m.kind == MentionKind::lone || (m.kind == MentionKind::person && m.words() == 1)) {
        link_lone(m, parts);
        return;
    }
    if (parts.empty()) return;
    if (m.kind == MentionKind::person)
        link_name(m, parts, "person");
    else if (m.kind == MentionKind::other)
        link_name(m, parts, "other");
    else if (m.kind == MentionKind::organisation)
        link_organisation(m, parts);
}

// A name of the gazetteer or the aliases file: the entry the article's places settle on; a lone
// word only when it is accepted as a place.
void MentionLinker::link_listed(const Mention& m) {
    if (link_listed_person(m)) return;
    const NameEntry* e = m_places.resolve(m.entries);
    if (m.words() == 1 && !m_places.accept_single(*e, m)) return;
    std::vector<std::string> keys = e->name_keys;
    keys.push_back(term_key(m));
    m_entities.note(e->key, e->type, e->name, m, std::move(keys));
}

// A lone listed word that is also the name of a person named in full here is that person (Helen
// Jordan … Jordan said), unless it follows "in", "у" …; a country's name only as the subject
// opening a sentence of the body ("Jordan flew home", not "Jordan's water crisis" or a
// headline). Notes the person and returns true, or returns false.
bool MentionLinker::link_listed_person(const Mention& m) {
    bool country =
        std::any_of(m.entries.begin(), m.entries.end(), [](const NameEntry* e) { return e->kind == "country"; });
    bool subject = m.sentence_start && !m.title && !m.terms.front().ends_with("'s");
    if (m.words() != 1 || m.sounds.front().empty() || m.entries.front()->user || (country && !subject) ||
        m.after_preposition)
        return false;
    const std::string* person = m_people.person_of(m.sounds.front(), m.terms.front());
    if (!person) return false;
    m_entities.note(*person, "person", m.surface, m, {sound_name_key(m.sounds.front())});
    return true;
}

// A lone word: the person named in full it recalls; a lone word after a title or role is a
// person of its own.
void MentionLinker::link_lone(const Mention& m, const std::vector<std::string>& parts) {
    if (parts.size() != 1) return;
    if (const std::string* person = m_people.person_of(parts.front(), m.terms.front()))
        m_entities.note(*person, "person", m.surface, m, {sound_name_key(parts.front())});
    else if (m.kind == MentionKind::person)
        m_entities.note("name:" + parts.front(), "person", m.surface, m, {sound_name_key(parts.front()), term_key(m)});
}

// A name of two or more words with sounds: a person or another named thing, by its sounds.
void MentionLinker::link_name(const Mention& m, const std::vector<std::string>& parts, const std::string& type) {
    if (parts.size() < 2) return;
    std::vector<std::string> keys{sound_name_key(join(parts, ' ')), sound_name_key(parts.back()), term_key(m)};
    m_entities.note("name:" + join(parts, '_'), type, m.surface, m, std::move(keys));
}

// An organisation: an acronym by its letters (not a Roman numeral), otherwise by its sounds.
void MentionLinker::link_organisation(const Mention& m, const std::vector<std::string>& parts) {
    std::string key(organisation_prefix);
    if (m.words() == 1 && acronym(m.surface)) {
        if (m.surface.find_first_not_of("IVXLCDM") == std::string::npos) return; // a Roman numeral
        key += slug(m.surface);
    } else
        key += join(parts, '_');
    if (key.size() <= organisation_prefix.size()) return; // nothing after the prefix
    m_entities.note(key, "org", m.surface, m, {sound_name_key(join(parts, ' ')), term_key(m)});
}

} // namespace sova::detail
