#include "indexer/entities/name_lookup.hpp"

#include "tokenizers/names.hpp"

#include <algorithm>
#include <string>

namespace sova::detail {

NameLookup::NameLookup(Gazetteer* gazetteer, const AliasTable* aliases, Analyzer& analyzer, std::string_view lang)
    : m_gazetteer(gazetteer), m_aliases(aliases), m_analyzer(analyzer), m_lang(lang) {}

std::vector<const NameEntry*> NameLookup::find(std::span<const Word> run) const {
    std::vector<const NameEntry*> out;
    if (m_aliases) {
        find_alias(run, out);
        if (!out.empty()) return out;
    }
    if (m_gazetteer) find_place(run, out);
    return out;
}

std::vector<const NameEntry*> NameLookup::find(const std::vector<Word>& words, std::size_t first,
                                               std::size_t last) const {
    return find(std::span<const Word>(words.data() + first, last - first));
}

void NameLookup::find_alias(std::span<const Word> run, std::vector<const NameEntry*>& out) const {
    m_aliases->find(term_name_key(run), out);
    if (!out.empty()) return;
    m_aliases->find(sound_name_key(m_analyzer, m_lang, run), out);
    // One word by sound alone is too loose ("March" is not "Marchuk"): its base form must be
    // one of the entity's single-word names.
    if (run.size() == 1) {
        std::string base = name_base(run.front().term);
        std::erase_if(out, [&](const NameEntry* e) {
            return std::find(e->single_bases.begin(), e->single_bases.end(), base) == e->single_bases.end();
        });
    }
}

void NameLookup::find_place(std::span<const Word> run, std::vector<const NameEntry*>& out) const {
    std::string stems = stemmed_words(m_analyzer, m_lang, run);
    std::string lang(m_lang);
    m_gazetteer->find(term_name_key(run), out);
    if (out.empty() && !m_lang.empty()) m_gazetteer->find(stem_name_key(lang, stems), out);
    if (out.empty() && !m_lang.empty() && run.size() == 1) {
        // Every dictionary reading: "Львові" is львові, львов and львів.
        std::vector<std::string> readings;
        for (std::string_view reading : m_analyzer.stems(m_lang, run.front())) readings.emplace_back(reading);
        for (std::size_t r = 1; r < readings.size() && out.empty(); ++r) {
            m_gazetteer->find(stem_name_key(lang, readings[r]), out);
            if (out.empty()) m_gazetteer->find(exact_name_key(readings[r]), out);
        }
    }
    // Snowball cuts some names inconsistently (Киев -> ки, Киеве -> киев): an inflected form's
    // stem may be the name itself.
    if (out.empty() && !m_lang.empty()) m_gazetteer->find(exact_name_key(stems), out);
}

} // namespace sova::detail
