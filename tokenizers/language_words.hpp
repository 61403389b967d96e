// Words of each language that the entity recogniser reads around names: titles and roles that
// introduce a person, words that make a name an organisation's, verbs of saying, prepositions
// that put a place after them; and the languages that capitalise every noun. Every entry is
// written as the analyser folds a word (Word::term: NFKC case folding, Latin diacritics
// removed; tokenizers/fold.hpp), so that it compares with the terms of analysed text; every
// list is sorted bytewise without duplicates.
#pragma once

#include <span>
#include <string_view>

namespace sova::detail {

/// The recogniser's words of one language.
struct LanguageWords {
    std::string_view code;          ///< ISO 639-1.
    bool capitalises_nouns = false; ///< Every noun is capitalised: capitals alone do not mark a name.
    /// Stems of titles and roles before a person's name (president, міністр); a word is a cue
    /// when it is a stem followed by one of cue_endings().
    std::span<const std::string_view> person_cues;
    /// Stems of words that make a name an organisation's (agency, міністерств), as person_cues.
    std::span<const std::string_view> organisation_cues;
    std::span<const std::string_view> speech_verbs;       ///< Verbs of saying next to a person's name.
    std::span<const std::string_view> place_prepositions; ///< Words that put a place after them.
};

/// The languages that have recogniser words, sorted by code.
std::span<const LanguageWords> language_words() noexcept;

/// Case endings a cue stem may carry (міністра, министру, президентом; ministers, minister's).
std::span<const std::string_view> cue_endings() noexcept;

/// Lower-case particles inside names, whatever the article's language (Rio de Janeiro,
/// Ministry of Energy, bin, van der).
std::span<const std::string_view> name_connectors() noexcept;

/// Endings of Cyrillic adjectives (Національне, Верховна, Государственная).
std::span<const std::string_view> cyrillic_adjective_endings() noexcept;

/// Whether `term` (a folded word) introduces a person's name in some language: President,
/// міністр, мэр … in any case form.
bool is_person_cue(std::string_view term);

/// Whether `term` marks an organisation's name in some language: Agency, Council,
/// міністерство, банк … in any case form.
bool is_organisation_cue(std::string_view term);

/// Whether `term` is a verb of saying of some language: said, заявив, сообщила.
bool is_speech_verb(std::string_view term);

/// Whether `term` puts a place after it in some language: in, у, из.
bool is_place_preposition(std::string_view term);

/// Whether `term` is one of name_connectors().
bool is_name_connector(std::string_view term);

/// Whether `term` ends like a Cyrillic adjective.
bool has_cyrillic_adjective_ending(std::string_view term);

/// Whether language `lang` capitalises every noun (German).
bool capitalises_nouns(std::string_view lang);

} // namespace sova::detail
