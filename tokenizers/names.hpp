// Name forms for entities: the base form of an inflected name word, for its sound key.
#pragma once

#include <cstddef>
#include <string_view>

namespace sova::detail {

/// `lower` (a case-folded Cyrillic word) without an oblique-case ending that carries a
/// consonant, so that the sound keys of Марчуком, Марчукові and Марчук agree: -ами -ями -ого
/// -его -ому -ему -ові -еві -єві -ом -ем -ём -єм -ам -ям -ах -ях, and -им/-ым after -ськ/-цьк/
/// -ск/-цк (Зеленським). At least four letters stay (Артём, Абрам keep theirs). Endings made only of vowels need no
/// removal: sound keys drop vowels. Other words come back unchanged.
std::string_view strip_name_ending(std::string_view lower) noexcept;

/// Code points in a UTF-8 string.
std::size_t code_points(std::string_view utf8) noexcept;

} // namespace sova::detail
