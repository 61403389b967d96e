// Text typed on the wrong keyboard layout, read as the keys meant: QWERTY keys as the Russian
// or Ukrainian ЙЦУКЕН letters on them, and Cyrillic letters as the QWERTY keys they sit on.
#pragma once

#include <string>
#include <string_view>

namespace sova::detail {

/// The Cyrillic layouts a QWERTY key can be read on. They differ on four keys: `s` (ы / і),
/// `'` (э / є), `]` (ъ / ї) and `` ` `` (ё / the apostrophe, with ґ on `\`).
enum class CyrillicLayout { russian, ukrainian };

/// `text` as typed on `layout` with the same keys: `Rb]d` → `Київ` (Ukrainian), `ghbdtn` →
/// `привет`. Shifted keys count (`{` → `Х`, `:` → `Ж`, `"` → `Э`/`Є`, `<` → `Б`, `@` → `"`);
/// characters that are on no mapped key are kept.
std::string qwerty_as_cyrillic(std::string_view text, CyrillicLayout layout);

/// `text` typed on a Russian or Ukrainian layout, read as the QWERTY keys: `руддщ` → `hello`,
/// `Ї` → `}`. Characters on no mapped key are kept.
std::string cyrillic_as_qwerty(std::string_view text);

/// Whether `text` has a letter of the Latin alphabet (a–z, A–Z) and no Cyrillic letter:
/// the text a Cyrillic layout reading can change.
bool has_qwerty_letters(std::string_view text);
/// Whether `text` has a Cyrillic letter and no Latin one.
bool has_cyrillic_letters(std::string_view text);

} // namespace sova::detail
