// Name forms for entities: the base form of an inflected name word, for its sound key.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace sova::detail {

class Analyzer;
struct Word;

/// `lower` (a case-folded Cyrillic word) without an oblique-case ending that carries a
/// consonant, so that the sound keys of Марчуком, Марчукові and Марчук agree: -ами -ями -ого
/// -его -ому -ему -ові -еві -єві -ом -ем -ём -єм -ам -ям -ах -ях, and -им/-ым after -ськ/-цьк/
/// -ск/-цк (Зеленським). At least four letters stay (Артём, Абрам keep theirs). Endings made only of vowels need no
/// removal: sound keys drop vowels. Other words come back unchanged.
std::string_view strip_name_ending(std::string_view lower) noexcept;

/// The three kinds of name key, defined here only: "t:<exact terms>", "s:<lang>:<stems>",
/// "k:<sound keys>", words separated by spaces (schema::entity_name_key files entities under them).
inline constexpr std::string_view exact_name_key_prefix = "t:";
inline constexpr std::string_view stem_name_key_prefix = "s:";
inline constexpr std::string_view sound_name_key_prefix = "k:";

/// "t:<terms>": the name key of words already joined by spaces.
std::string exact_name_key(std::string_view terms);

/// "s:<lang>:<stems>": the name key of words' stems in one language, joined by spaces.
std::string stem_name_key(std::string_view lang, std::string_view stems);

/// "k:<sounds>": the name key of sound keys joined by spaces.
std::string sound_name_key(std::string_view sounds);

/// Name keys of a run of words (the forms schema::entity_name_key files entities under), shared
/// by the gazetteer compiler, the indexer and the query side so that they always agree:
/// "t:<exact terms>".
std::string term_name_key(std::span<const Word> words);

/// The words' stems in `lang`, each word's term where it has none, separated by spaces: the
/// body of "s:<lang>:<stems>" (and, since Snowball may stem an inflected form to the name
/// itself, Киеве -> киев, of "t:<stems>").
std::string stemmed_words(Analyzer& analyzer, std::string_view lang, std::span<const Word> words);

/// "k:<sound keys>" of the words' base forms (Analyzer::name_key); "" when a word has none.
std::string sound_name_key(Analyzer& analyzer, std::string_view lang, std::span<const Word> words);

/// Code points in a UTF-8 string.
std::size_t code_points(std::string_view utf8) noexcept;

} // namespace sova::detail
