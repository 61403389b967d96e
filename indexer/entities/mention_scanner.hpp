// Stage 1 of entity recognition: scanning a field's words for mentions, one rule a method.
#pragma once

#include "indexer/entities/mention.hpp"
#include "indexer/entities/name_lookup.hpp"
#include "tokenizers/analyzer.hpp"
#include "tokenizers/vocabulary.hpp"

#include <string_view>
#include <vector>

namespace sova::detail {

/// Finds the mentions of an article's fields: runs of capitalised words, acronyms, Cyrillic
/// organisation names, each typed by the words around it (docs/ENTITIES.md, "Where names come
/// from").
class MentionScanner {
public:
    MentionScanner(const NameLookup& names, Vocabulary& vocabulary, Analyzer& analyzer, std::string_view lang);

    /// Appends to `out` the mentions of the field `text`, analysed into `words`.
    void scan(std::string_view text, const std::vector<Word>& words, bool is_title, std::vector<Mention>& out);

private:
    // The mention that starts at word i, if any; returns the word after it.
    std::size_t scan_at(std::size_t i);

    // Rules, in the order they are asked.
    bool ordinary_sentence_opener(std::size_t i);
    std::size_t run_end(std::size_t i) const;
    std::size_t cyrillic_organisation(std::size_t i, std::size_t end);
    std::size_t complement(std::size_t from) const;
    void lone_word(std::size_t i, bool person_cue);
    void several_words(std::size_t i, std::size_t end, bool person_cue);
    bool places_side_by_side(std::size_t i, std::size_t end);
    std::size_t leading_place_end(std::size_t i, std::size_t end, std::vector<const NameEntry*>& entries) const;

    // What the rules read.
    const Word& word(std::size_t i) const { return (*m_words)[i]; }
    bool name_word(std::size_t i) const;
    bool is_acronym(std::size_t i) const;
    bool is_all_caps(std::size_t i) const;
    bool connector(std::size_t i) const;
    bool adjacent_words(std::size_t i) const; // words i and i + 1 are one name
    bool preceded_by_person_cue(std::size_t i) const;
    bool has_organisation_cue(std::size_t i, std::size_t end) const;
    bool next_to_speech_verb(std::size_t i, std::size_t end) const;
    bool shouted(std::size_t i) const;
    bool heading(std::size_t i) const;
    bool at_line_edge(std::size_t at, int step) const;

    void add(std::size_t first, std::size_t last, MentionKind kind, std::vector<const NameEntry*> entries);

    const NameLookup& m_names;
    Vocabulary& m_vocabulary;
    Analyzer& m_analyzer;
    std::string_view m_lang;
    bool m_capitals_mark_names;
    // The field being scanned.
    std::string_view m_text;
    const std::vector<Word>* m_words = nullptr;
    bool m_title = false;
    std::vector<Mention>* m_out = nullptr;
};

} // namespace sova::detail
