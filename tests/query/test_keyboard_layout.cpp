// Text typed on the wrong keyboard layout, read as the keys meant.
#include "query/keyboard_layout.hpp"

#include <doctest/doctest.h>

#include <string>

using sova::detail::cyrillic_as_qwerty;
using sova::detail::CyrillicLayout;
using sova::detail::has_cyrillic_letters;
using sova::detail::has_qwerty_letters;
using sova::detail::qwerty_as_cyrillic;

TEST_CASE("QWERTY keys read on a Cyrillic layout") {
    const struct {
        const char* typed;
        CyrillicLayout layout;
        const char* meant;
    } rows[] = {
        {"ghbdtn", CyrillicLayout::russian, "привет"},
        {"Rb]d", CyrillicLayout::ukrainian, "Київ"},
        {"Rb]d", CyrillicLayout::russian, "Киъв"},
        {"k.,jdm", CyrillicLayout::russian, "любовь"},        // `.` and `,` are letters there
        {"{jkjl", CyrillicLayout::russian, "Холод"},          // shifted `[`
        {":ehyfk", CyrillicLayout::russian, "Журнал"},        // shifted `;`
        {"<elfgtinf", CyrillicLayout::russian, "Будапешта"},  // shifted `,`
        {"\"dhjcj.p", CyrillicLayout::ukrainian, "Євросоюз"}, // shifted `'` on the Ukrainian layout
        {"\"nj", CyrillicLayout::russian, "Это"},
        {"gsdysx", CyrillicLayout::ukrainian, "північ"},
        {"gsdysx", CyrillicLayout::russian, "пывныч"},
        {"v`zcj", CyrillicLayout::ukrainian, "м'ясо"}, // the apostrophe's key
        {"\\fyjr", CyrillicLayout::ukrainian, "ґанок"},
        {"`krf", CyrillicLayout::russian, "ёлка"},
        {"ghbdtn vbh", CyrillicLayout::russian, "привет мир"},
        {"@ghbdtn@", CyrillicLayout::russian, "\"привет\""}, // the quote is on `2`
        {"2023 lang", CyrillicLayout::russian, "2023 дфтп"},
        {"Київ", CyrillicLayout::ukrainian, "Київ"}, // no QWERTY key: kept
    };
    for (const auto& row : rows) {
        CAPTURE(row.typed);
        CHECK(qwerty_as_cyrillic(row.typed, row.layout) == row.meant);
    }
}

TEST_CASE("Cyrillic letters read as QWERTY keys") {
    const struct {
        const char* typed;
        const char* meant;
    } rows[] = {
        {"руддщ", "hello"},  {"Руддщ цщкдв", "Hello world"}, {"Ершы", "This"},
        {"ершіЖ", "this:"},  // і is on `s` (Ukrainian), Ж on shifted `;`
        {"хєїъэ", "[']]'"},  // є and э on `'`, ї and ъ on `]`
        {"ХЄЇБЮ", "{\"}<>"}, // shifted
        {"ёґ", "`\\"},       {"пщщпдуюсщь", "google.com"},   {"сщь.", "com/"}, // `.` is on `/` there
        {"2023", "2023"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.typed);
        CHECK(cyrillic_as_qwerty(row.typed) == row.meant);
    }
}

TEST_CASE("Which readings a text has") {
    CHECK(has_qwerty_letters("Rb]d"));
    CHECK(has_qwerty_letters("2023x"));
    CHECK_FALSE(has_qwerty_letters("2023"));
    CHECK_FALSE(has_qwerty_letters("Kиїв")); // mixed scripts: typed on neither layout alone
    CHECK(has_cyrillic_letters("руддщ"));
    CHECK_FALSE(has_cyrillic_letters("Kиїв"));
    CHECK_FALSE(has_cyrillic_letters("\xD0")); // a stray byte
}
