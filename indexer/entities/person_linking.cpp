#include "indexer/entities/person_linking.hpp"

#include "indexer/gazetteer.hpp"

#include <cstddef>

namespace sova::detail {

namespace {

// The words of `m` that name a place it opens with, as a mention of their own; `m` keeps the
// rest.
Mention split_leading_place(Mention& m) {
    const auto leading = static_cast<std::ptrdiff_t>(m.leading_words);
    Mention place = m;
    place.last = m.first + m.leading_words;
    place.kind = MentionKind::place;
    place.entries = std::move(m.leading);
    place.terms.resize(m.leading_words);
    place.sounds.resize(m.leading_words);
    m.first = place.last;
    m.terms.erase(m.terms.begin(), m.terms.begin() + leading);
    m.sounds.erase(m.sounds.begin(), m.sounds.begin() + leading);
    std::size_t cut = 0;
    for (std::size_t k = 0; k < m.leading_words; ++k) cut = m.surface.find(' ', cut) + 1;
    place.surface = m.surface.substr(0, cut == 0 ? std::string::npos : cut - 1);
    m.surface = cut == 0 ? std::string() : m.surface.substr(cut);
    if (m.terms.size() < 2) m.kind = MentionKind::dropped;
    return place;
}

} // namespace

void decide_names(std::vector<Mention>& mentions) {
    std::unordered_map<std::string, unsigned> lone_words;
    for (const Mention& m : mentions)
        if (m.words() == 1 && !m.sounds.front().empty()) ++lone_words[m.sounds.front()];
    std::vector<Mention> split_off;
    for (Mention& m : mentions) {
        if (m.kind != MentionKind::name) continue;
        bool recurs = !m.sounds.back().empty() && lone_words.count(m.sounds.back());
        m.kind = recurs ? MentionKind::person : MentionKind::other;
        if (!recurs && !m.leading.empty()) split_off.push_back(split_leading_place(m));
    }
    for (auto& place : split_off) mentions.push_back(std::move(place));
}

PersonIndex::PersonIndex(const std::vector<Mention>& mentions) {
    for (const Mention& m : mentions) {
        if (m.kind != MentionKind::person || m.words() < 2) continue;
        auto parts = m.sound_parts();
        if (parts.size() < 2) continue;
        std::string key = "name:" + join(parts, '_');
        remember(m.sounds.back(), name_base(m.terms.back()), key);
        remember(m.sounds.front(), name_base(m.terms.front()), key);
    }
}

const std::string* PersonIndex::person_of(const std::string& sound, std::string_view term) const {
    if (sound.empty()) return nullptr;
    auto it = m_by_word.find(sound);
    if (it == m_by_word.end()) return nullptr;
    std::string base = name_base(term);
    for (const auto& entry : it->second)
        if (entry.first == base) return &entry.second;
    return nullptr;
}

void PersonIndex::remember(const std::string& sound, std::string base, const std::string& key) {
    auto& list = m_by_word[sound];
    for (const auto& entry : list)
        if (entry.first == base && entry.second == key) return;
    list.emplace_back(std::move(base), key);
}

} // namespace sova::detail
