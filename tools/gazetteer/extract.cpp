#include "tools/gazetteer/extract.hpp"

#include <geonames.h>
#include <simdjson.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <system_error>
#include <utility>

#ifndef SOVA_ISO_CODES_VERSION
#define SOVA_ISO_CODES_VERSION "unknown"
#endif
#ifndef SOVA_GEONAMES_VERSION
#define SOVA_GEONAMES_VERSION "unknown"
#endif

namespace fs = std::filesystem;

namespace sova::gazetteer {

SourceError::SourceError(std::string file, const std::string& reason)
    : sova::Error(file + ": " + reason), m_file(std::move(file)), m_reason(reason) {}

namespace {

// Sova's analysers. Norwegian is "no" in Sova and CLDR's full file, "nb" in gettext and CLDR's
// alias file; Serbian's base files are Cyrillic (sr@latin .mo files add the Latin spellings).
constexpr Language language_table[] = {
    {"en", {"en", ""}, latin},    {"de", {"de", ""}, latin},
    {"fr", {"fr", ""}, latin},    {"es", {"es", ""}, latin},
    {"it", {"it", ""}, latin},    {"pt", {"pt", ""}, latin},
    {"nl", {"nl", ""}, latin},    {"sv", {"sv", ""}, latin},
    {"da", {"da", ""}, latin},    {"no", {"no", "nb"}, latin},
    {"fi", {"fi", ""}, latin},    {"hu", {"hu", ""}, latin},
    {"ro", {"ro", ""}, latin},    {"tr", {"tr", ""}, latin},
    {"pl", {"pl", ""}, latin},    {"cs", {"cs", ""}, latin},
    {"id", {"id", ""}, latin},    {"ca", {"ca", ""}, latin},
    {"eu", {"eu", ""}, latin},    {"ga", {"ga", ""}, latin},
    {"lt", {"lt", ""}, latin},    {"ru", {"ru", ""}, cyrillic},
    {"uk", {"uk", ""}, cyrillic}, {"be", {"be", ""}, cyrillic},
    {"bg", {"bg", ""}, cyrillic}, {"sr", {"sr", ""}, cyrillic | latin},
    {"el", {"el", ""}, greek},
};

unsigned scripts_of(std::string_view code) {
    for (const Language& language : language_table)
        if (language.code == code) return language.scripts;
    return 0;
}

// The next code point of UTF-8 text, or -1 (and one byte consumed) when the bytes are not UTF-8.
std::int32_t next_code_point(std::string_view s, std::size_t& i) {
    auto byte = [&](std::size_t at) { return static_cast<unsigned char>(s[at]); };
    unsigned char lead = byte(i);
    int extra = lead < 0x80 ? 0 : (lead >> 5) == 0x6 ? 1 : (lead >> 4) == 0xE ? 2 : (lead >> 3) == 0x1E ? 3 : -1;
    if (extra < 0 || s.size() - i <= static_cast<std::size_t>(extra)) {
        ++i;
        return -1;
    }
    std::int32_t cp = extra == 0 ? lead : lead & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
        unsigned char next = byte(i + static_cast<std::size_t>(k));
        if ((next & 0xC0) != 0x80) {
            ++i;
            return -1;
        }
        cp = (cp << 6) | (next & 0x3F);
    }
    constexpr std::int32_t smallest[] = {0, 0x80, 0x800, 0x10000};
    if (cp < smallest[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return -1;
    }
    i += static_cast<std::size_t>(extra) + 1;
    return cp;
}

std::string_view trim(std::string_view s) {
    auto space = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& ch : out)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return out;
}

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw SourceError(file.string(), std::string("cannot open: ") + std::strerror(errno));
    std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) throw SourceError(file.string(), "cannot read");
    return content;
}

bool is_file(const fs::path& path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

// A missing required source names the file and the package that brings it.
void require_file(const fs::path& path, std::string_view package) {
    if (!is_file(path))
        throw SourceError(path.string(), "missing; it comes with the Debian package " + std::string(package) +
                                             " (scripts/install-deps.sh installs it)");
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// ---------------------------------------------------------------------------------------------
// XML: just enough for CLDR (elements, attributes, text, comments, a DOCTYPE without entities).

struct XmlElement {
    std::string_view name;
    std::vector<std::pair<std::string_view, std::string>> attributes;

    const std::string* attribute(std::string_view key) const {
        for (const auto& [k, v] : attributes)
            if (k == key) return &v;
        return nullptr;
    }
};

bool xml_space(char ch) {
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

// Calls leaf(path, text) for each element without child elements (path.back() is it, text its
// decoded content). Throws SourceError with the byte offset on malformed input.
template <class Leaf> void visit_xml_leaves(std::string_view xml, const std::string& file, Leaf&& leaf) {
    std::vector<XmlElement> path;
    std::vector<bool> has_children;
    std::string text;
    auto fail = [&](std::size_t at, const std::string& why) {
        throw SourceError(file, "malformed XML at byte " + std::to_string(at) + ": " + why);
    };
    auto skip_to = [&](std::size_t from, std::string_view end, const char* what) {
        std::size_t found = xml.find(end, from);
        if (found == std::string_view::npos) fail(from, std::string("unterminated ") + what);
        return found + end.size();
    };
    std::size_t at = 0;
    while (at < xml.size()) {
        std::size_t lt = std::min(xml.find('<', at), xml.size());
        if (!path.empty() && !has_children.back()) text += decode_xml_entities(xml.substr(at, lt - at));
        if (lt == xml.size()) break;
        std::string_view rest = xml.substr(lt);
        if (rest.starts_with("<!--")) {
            at = skip_to(lt + 4, "-->", "comment");
        } else if (rest.starts_with("<![CDATA[")) {
            std::size_t end = skip_to(lt + 9, "]]>", "CDATA section");
            if (!path.empty() && !has_children.back()) text += xml.substr(lt + 9, end - 3 - (lt + 9));
            at = end;
        } else if (rest.starts_with("<?")) {
            at = skip_to(lt + 2, "?>", "processing instruction");
        } else if (rest.starts_with("<!")) { // <!DOCTYPE ...>, perhaps with an internal subset [...]
            std::size_t gt = xml.find('>', lt), open = xml.find('[', lt);
            at = open < gt ? skip_to(open, "]>", "DOCTYPE") : skip_to(lt, ">", "DOCTYPE");
        } else if (rest.starts_with("</")) {
            std::size_t gt = xml.find('>', lt);
            if (gt == std::string_view::npos) fail(lt, "unterminated end tag");
            std::string_view name = trim(xml.substr(lt + 2, gt - lt - 2));
            if (path.empty() || path.back().name != name)
                fail(lt, "</" + std::string(name) + "> does not close " +
                             (path.empty() ? std::string("any element") : "<" + std::string(path.back().name) + ">"));
            if (!has_children.back()) leaf(std::as_const(path), std::as_const(text));
            path.pop_back();
            has_children.pop_back();
            text.clear();
            at = gt + 1;
        } else {
            std::size_t i = lt + 1;
            while (i < xml.size() && !xml_space(xml[i]) && xml[i] != '>' && xml[i] != '/') ++i;
            XmlElement element{xml.substr(lt + 1, i - lt - 1), {}};
            if (element.name.empty()) fail(lt, "'<' that starts no tag");
            bool self_closing = false;
            for (;;) {
                while (i < xml.size() && xml_space(xml[i])) ++i;
                if (i >= xml.size()) fail(lt, "unterminated tag <" + std::string(element.name) + ">");
                if (xml[i] == '>') {
                    ++i;
                    break;
                }
                if (xml.substr(i, 2) == "/>") {
                    i += 2;
                    self_closing = true;
                    break;
                }
                std::size_t name_start = i;
                while (i < xml.size() && !xml_space(xml[i]) && xml[i] != '=' && xml[i] != '>' && xml[i] != '/') ++i;
                std::string_view key = xml.substr(name_start, i - name_start);
                while (i < xml.size() && xml_space(xml[i])) ++i;
                if (key.empty() || i >= xml.size() || xml[i] != '=') fail(i, "attribute without a value");
                ++i;
                while (i < xml.size() && xml_space(xml[i])) ++i;
                if (i >= xml.size() || (xml[i] != '"' && xml[i] != '\'')) fail(i, "attribute value without quotes");
                std::size_t close = xml.find(xml[i], i + 1);
                if (close == std::string_view::npos) fail(i, "unterminated attribute value");
                element.attributes.emplace_back(key, decode_xml_entities(xml.substr(i + 1, close - i - 1)));
                i = close + 1;
            }
            if (!path.empty()) has_children.back() = true;
            text.clear();
            path.push_back(std::move(element));
            has_children.push_back(false);
            if (self_closing) {
                leaf(std::as_const(path), std::as_const(text));
                path.pop_back();
                has_children.pop_back();
            }
            at = i;
        }
    }
    if (!path.empty()) fail(xml.size(), "<" + std::string(path.back().name) + "> is not closed");
}

bool parent_is(const std::vector<XmlElement>& path, std::string_view name) {
    return path.size() >= 2 && path[path.size() - 2].name == name;
}

// The plain name goes first; alt="short" and alt="variant" ones follow as aliases; other alts
// ("menu", "secondary"...) are forms for other purposes and are left out.
void add_cldr_name(CldrNames& names, const std::string& code, const std::string* alt, const std::string& text) {
    if (alt && *alt != "short" && *alt != "variant") return;
    std::vector<std::string>& list = names[code];
    if (alt)
        list.push_back(text);
    else
        list.insert(list.begin(), text);
}

void append_names(CldrNames& into, const CldrNames& from) {
    for (const auto& [code, names] : from) {
        std::vector<std::string>& list = into[code];
        list.insert(list.end(), names.begin(), names.end());
    }
}

// ---------------------------------------------------------------------------------------------
// .mo files

std::uint32_t load_u32(std::string_view bytes, std::size_t at, bool swap) {
    unsigned char b[4];
    std::memcpy(b, bytes.data() + at, 4);
    if (swap)
        return std::uint32_t{b[3]} | std::uint32_t{b[2]} << 8 | std::uint32_t{b[1]} << 16 | std::uint32_t{b[0]} << 24;
    return std::uint32_t{b[0]} | std::uint32_t{b[1]} << 8 | std::uint32_t{b[2]} << 16 | std::uint32_t{b[3]} << 24;
}

// ---------------------------------------------------------------------------------------------
// simdjson helpers

std::string json_string(simdjson::dom::object object, std::string_view key) {
    std::string_view value;
    if (object[key].get_string().get(value) != simdjson::SUCCESS) return {};
    return std::string(value);
}

simdjson::dom::array iso_list(simdjson::dom::parser& parser, const fs::path& file, const char* key) {
    simdjson::padded_string json;
    if (auto error = simdjson::padded_string::load(file.string()).get(json); error != simdjson::SUCCESS)
        throw SourceError(file.string(), std::string("cannot read: ") + simdjson::error_message(error));
    simdjson::dom::element root;
    if (auto error = parser.parse(json).get(root); error != simdjson::SUCCESS)
        throw SourceError(file.string(), std::string("invalid JSON: ") + simdjson::error_message(error));
    simdjson::dom::array list;
    if (root[key].get_array().get(list) != simdjson::SUCCESS)
        throw SourceError(file.string(), std::string("expected an object with a \"") + key + "\" array");
    return list;
}

simdjson::dom::object iso_entry(simdjson::dom::element entry, const fs::path& file) {
    simdjson::dom::object object;
    if (entry.get_object().get(object) != simdjson::SUCCESS)
        throw SourceError(file.string(), "an entry of the list is not an object");
    return object;
}

// ---------------------------------------------------------------------------------------------
// libgeonames

struct CityDeleter {
    void operator()(GeonamesCity* city) const { geonames_city_free(city); }
};

std::string variant_string(GVariant* tuple, std::size_t index) {
    GVariant* child = g_variant_get_child_value(tuple, index);
    std::string value = g_variant_get_string(child, nullptr);
    g_variant_unref(child);
    return value;
}

} // namespace

std::span<const Language> languages() {
    return language_table;
}

// ---------------------------------------------------------------------------------------------

MoCatalog parse_mo(std::string_view bytes, const std::string& file) {
    constexpr std::size_t header_size = 28;
    if (bytes.size() < header_size) throw SourceError(file, "too short for a gettext .mo file");
    bool swap;
    if (load_u32(bytes, 0, false) == 0x950412de)
        swap = false;
    else if (load_u32(bytes, 0, true) == 0x950412de)
        swap = true;
    else
        throw SourceError(file, "not a gettext .mo file (wrong magic number)");
    std::uint32_t revision = load_u32(bytes, 4, swap);
    if ((revision >> 16) > 1) throw SourceError(file, "unsupported .mo revision " + std::to_string(revision >> 16));
    std::uint64_t count = load_u32(bytes, 8, swap);
    std::uint64_t originals = load_u32(bytes, 12, swap);
    std::uint64_t translations = load_u32(bytes, 16, swap);
    if (originals + count * 8 > bytes.size() || translations + count * 8 > bytes.size())
        throw SourceError(file, "string tables run past the end of the file");

    auto string_at = [&](std::uint64_t table, std::uint64_t i) {
        std::uint64_t length = load_u32(bytes, table + i * 8, swap);
        std::uint64_t offset = load_u32(bytes, table + i * 8 + 4, swap);
        if (offset + length > bytes.size())
            throw SourceError(file, "string " + std::to_string(i) + " runs past the end of the file");
        std::string_view s = bytes.substr(offset, length);
        return s.substr(0, s.find('\0')); // plural entries: the singular form
    };
    MoCatalog catalog;
    catalog.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) {
        std::string_view id = string_at(originals, i);
        std::string_view str = string_at(translations, i);
        if (id.empty() || str.empty()) continue;
        catalog.emplace(std::string(id), std::string(str));
    }
    return catalog;
}

MoCatalog read_mo(const fs::path& file) {
    return parse_mo(read_file(file), file.string());
}

std::string decode_xml_entities(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::size_t amp = text.find('&', i);
        if (amp == std::string_view::npos) amp = text.size();
        out += text.substr(i, amp - i);
        if (amp == text.size()) break;
        std::size_t semi = text.find(';', amp);
        std::string_view entity =
            semi == std::string_view::npos ? std::string_view() : text.substr(amp + 1, semi - amp - 1);
        std::string_view plain;
        if (entity == "amp")
            plain = "&";
        else if (entity == "lt")
            plain = "<";
        else if (entity == "gt")
            plain = ">";
        else if (entity == "quot")
            plain = "\"";
        else if (entity == "apos")
            plain = "'";
        if (!plain.empty()) {
            out += plain;
            i = semi + 1;
            continue;
        }
        if (entity.size() >= 2 && entity[0] == '#') {
            bool hex = entity[1] == 'x' || entity[1] == 'X';
            std::string_view digits = entity.substr(hex ? 2 : 1);
            std::uint32_t cp = 0;
            bool ok = !digits.empty() && digits.size() <= 8;
            for (char ch : digits) {
                int digit = ch >= '0' && ch <= '9'          ? ch - '0'
                            : hex && ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                            : hex && ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                                            : -1;
                if (digit < 0)
                    ok = false;
                else
                    cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit);
            }
            if (ok && cp > 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF)) {
                append_utf8(out, cp);
                i = semi + 1;
                continue;
            }
        }
        out += '&'; // not an entity we know: kept as written
        i = amp + 1;
    }
    return out;
}

CldrMain parse_cldr_main(std::string_view xml, const std::string& file) {
    CldrMain main;
    visit_xml_leaves(xml, file, [&](const std::vector<XmlElement>& path, const std::string& text) {
        const XmlElement& leaf = path.back();
        if (leaf.name == "territory" && parent_is(path, "territories")) {
            if (const std::string* type = leaf.attribute("type"))
                add_cldr_name(main.territories, *type, leaf.attribute("alt"), text);
        } else if (leaf.name == "exemplarCity" && parent_is(path, "zone")) {
            if (const std::string* zone = path[path.size() - 2].attribute("type"))
                add_cldr_name(main.exemplar_cities, *zone, leaf.attribute("alt"), text);
        }
    });
    return main;
}

CldrMain read_cldr_main(const fs::path& file) {
    return parse_cldr_main(read_file(file), file.string());
}

CldrNames read_cldr_subdivisions(const fs::path& file) {
    CldrNames names;
    visit_xml_leaves(read_file(file), file.string(), [&](const std::vector<XmlElement>& path, const std::string& text) {
        const XmlElement& leaf = path.back();
        if (leaf.name == "subdivision" && parent_is(path, "subdivisions"))
            if (const std::string* type = leaf.attribute("type"))
                add_cldr_name(names, *type, leaf.attribute("alt"), text);
    });
    return names;
}

std::map<std::string, std::vector<std::string>, std::less<>> read_cldr_zone_aliases(const fs::path& file) {
    std::map<std::string, std::vector<std::string>, std::less<>> aliases;
    visit_xml_leaves(read_file(file), file.string(), [&](const std::vector<XmlElement>& path, const std::string&) {
        const XmlElement& leaf = path.back();
        const std::string* alias = leaf.attribute("alias");
        if (leaf.name != "type" || !alias || !parent_is(path, "key")) return;
        std::vector<std::string> ids;
        for (std::size_t at = 0; at < alias->size();) {
            std::size_t end = std::min(alias->find(' ', at), alias->size());
            if (end > at) ids.push_back(alias->substr(at, end - at));
            at = end + 1;
        }
        for (const std::string& id : ids) aliases[id] = ids;
    });
    return aliases;
}

std::string read_cldr_version(const fs::path& ldml_dtd) {
    if (!is_file(ldml_dtd)) return {};
    std::string dtd = read_file(ldml_dtd);
    constexpr std::string_view marker = "cldrVersion CDATA #FIXED \"";
    std::size_t at = dtd.find(marker);
    if (at == std::string::npos) return {};
    at += marker.size();
    std::size_t end = dtd.find('"', at);
    return end == std::string::npos ? std::string() : dtd.substr(at, end - at);
}

std::vector<IsoCountry> read_iso_3166_1(const fs::path& file) {
    simdjson::dom::parser parser;
    std::vector<IsoCountry> countries;
    for (simdjson::dom::element entry : iso_list(parser, file, "3166-1")) {
        simdjson::dom::object object = iso_entry(entry, file);
        IsoCountry country{json_string(object, "alpha_2"), json_string(object, "name"),
                           json_string(object, "common_name"), json_string(object, "official_name")};
        if (country.alpha_2.size() != 2 || country.name.empty())
            throw SourceError(file.string(), "a country without a two-letter \"alpha_2\" or a \"name\"");
        countries.push_back(std::move(country));
    }
    return countries;
}

std::vector<IsoSubdivision> read_iso_3166_2(const fs::path& file) {
    simdjson::dom::parser parser;
    std::vector<IsoSubdivision> subdivisions;
    for (simdjson::dom::element entry : iso_list(parser, file, "3166-2")) {
        simdjson::dom::object object = iso_entry(entry, file);
        IsoSubdivision subdivision{json_string(object, "code"), json_string(object, "name")};
        if (subdivision.code.size() < 4 || subdivision.code[2] != '-' || subdivision.name.empty())
            throw SourceError(file.string(), "a subdivision without a \"code\" like \"US-GA\" or a \"name\"");
        subdivisions.push_back(std::move(subdivision));
    }
    return subdivisions;
}

std::vector<City> read_geonames_cities() {
    int count = geonames_get_n_cities();
    if (count <= 0) throw SourceError("libgeonames", "the library lists no cities (is libgeonames-common installed?)");
    std::vector<City> cities;
    cities.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        std::unique_ptr<GeonamesCity, CityDeleter> city(geonames_get_city(i));
        if (!city) continue;
        City entry;
        // A GeonamesCity is a GVariant; libgeonames 0.3 lays it out as (id, name, admin1, state,
        // country code, country, time zone, population, latitude, longitude). The id is only
        // there, and the name getter translates into the current locale's language, so both
        // are read from the tuple when it has that layout.
        if (std::string_view(g_variant_get_type_string(city.get())) == "(sssssssudd)") {
            entry.id = variant_string(city.get(), 0);
            entry.name = variant_string(city.get(), 1);
        } else {
            entry.name = geonames_city_get_name(city.get());
        }
        if (const char* code = geonames_city_get_country_code(city.get())) entry.country = code;
        if (const char* zone = geonames_city_get_timezone(city.get())) entry.timezone = zone;
        entry.population = geonames_city_get_population(city.get());
        cities.push_back(std::move(entry));
    }
    return cities;
}

SourcePaths SourcePaths::debian() {
    return {"/usr/share/unicode/cldr/common", "/usr/share/iso-codes", "/usr/share/locale"};
}

namespace {

// Locale folders of a language: "de", "de_AT" and "sr@latin" are German, German and Serbian;
// "ca@valencia" and "en@shaw" (a script of its own) are passed over.
bool locale_folder_of(std::string_view folder, std::string_view base) {
    if (!folder.starts_with(base)) return false;
    std::string_view rest = folder.substr(base.size());
    if (rest.empty() || rest == "@latin") return true;
    if (rest.size() != 3 || rest[0] != '_') return false;
    return std::all_of(rest.begin() + 1, rest.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
}

} // namespace

Sources read_sources(const SourcePaths& paths) {
    const fs::path main_dir = paths.cldr_dir / "main";
    const fs::path subdivisions_dir = paths.cldr_dir / "subdivisions";
    const fs::path zones_file = paths.cldr_dir / "bcp47" / "timezone.xml";
    const fs::path iso_1_file = paths.iso_codes_dir / "json" / "iso_3166-1.json";
    const fs::path iso_2_file = paths.iso_codes_dir / "json" / "iso_3166-2.json";
    require_file(main_dir / "en.xml", "unicode-cldr-core");
    require_file(subdivisions_dir / "en.xml", "unicode-cldr-core");
    require_file(zones_file, "unicode-cldr-core");
    require_file(iso_1_file, "iso-codes");
    require_file(iso_2_file, "iso-codes");

    std::vector<std::string> locale_folders;
    std::error_code ec;
    for (fs::directory_iterator it(paths.locale_dir, ec), end; !ec && it != end; it.increment(ec))
        locale_folders.push_back(it->path().filename().string());
    if (ec) throw SourceError(paths.locale_dir.string(), "cannot list the locale folder: " + ec.message());
    std::sort(locale_folders.begin(), locale_folders.end());

    Sources sources;
    bool any_iso_translation = false;
    for (const Language& language : languages()) {
        LanguageSources& lang = sources.languages.emplace_back();
        lang.code = language.code;
        bool has_main = false;
        for (std::string_view base : language.file_names) {
            if (base.empty()) continue;
            std::string file_name = std::string(base) + ".xml";
            if (is_file(main_dir / file_name)) {
                CldrMain main = read_cldr_main(main_dir / file_name);
                append_names(lang.cldr.territories, main.territories);
                append_names(lang.cldr.exemplar_cities, main.exemplar_cities);
                has_main = true;
            }
            if (is_file(subdivisions_dir / file_name))
                append_names(lang.cldr_subdivisions, read_cldr_subdivisions(subdivisions_dir / file_name));
            for (const std::string& folder : locale_folders) {
                if (!locale_folder_of(folder, base)) continue;
                const fs::path messages = paths.locale_dir / folder / "LC_MESSAGES";
                if (is_file(messages / "iso_3166-1.mo")) {
                    lang.iso_3166_1.push_back(read_mo(messages / "iso_3166-1.mo"));
                    any_iso_translation = true;
                }
                if (is_file(messages / "iso_3166-2.mo")) lang.iso_3166_2.push_back(read_mo(messages / "iso_3166-2.mo"));
                if (is_file(messages / "geonames.mo")) lang.geonames.push_back(read_mo(messages / "geonames.mo"));
            }
        }
        if (!has_main)
            throw SourceError((main_dir / (std::string(language.code) + ".xml")).string(),
                              "missing: no CLDR main file for language " + std::string(language.code) +
                                  " (it comes with the Debian package unicode-cldr-core)");
    }
    if (!any_iso_translation)
        throw SourceError(paths.locale_dir.string(), "no <lang>/LC_MESSAGES/iso_3166-1.mo under it; is this the locale "
                                                     "folder, and is the Debian package iso-codes installed?");

    sources.zone_aliases = read_cldr_zone_aliases(zones_file);
    sources.countries = read_iso_3166_1(iso_1_file);
    sources.subdivisions = read_iso_3166_2(iso_2_file);
    sources.cities = read_geonames_cities();
    if (is_file(main_dir / "root.xml"))
        sources.root_exemplar_cities = read_cldr_main(main_dir / "root.xml").exemplar_cities;
    sources.cldr_version = read_cldr_version(paths.cldr_dir / "dtd" / "ldml.dtd");
    return sources;
}

// ---------------------------------------------------------------------------------------------
// Merging

std::string_view kind_name(PlaceKind kind) {
    switch (kind) {
    case PlaceKind::country:
        return "country";
    case PlaceKind::region:
        return "region";
    case PlaceKind::city:
        return "city";
    }
    return "?";
}

bool valid_name(std::string_view name) {
    if (name.size() > 60 || name.find_first_of("\t|\r\n") != std::string_view::npos) return false;
    std::size_t characters = 0; // a one-letter "name" is a translator's slip (da "v" for Ha'il)
    for (std::size_t i = 0; i < name.size() && characters < 2;) characters += next_code_point(name, i) >= 0;
    return characters >= 2;
}

bool script_fits(std::string_view name, unsigned scripts) {
    unsigned seen = 0;
    for (std::size_t i = 0; i < name.size();) {
        std::int32_t cp = next_code_point(name, i);
        if (cp < 0) return false;
        UErrorCode status = U_ZERO_ERROR;
        UScriptCode script = uscript_getScript(cp, &status);
        if (U_FAILURE(status)) return false;
        switch (script) {
        case USCRIPT_COMMON:
        case USCRIPT_INHERITED:
            break;
        case USCRIPT_LATIN:
            seen |= latin;
            break;
        case USCRIPT_CYRILLIC:
            seen |= cyrillic;
            break;
        case USCRIPT_GREEK:
            seen |= greek;
            break;
        default:
            return false; // Devanagari, Bengali, Han... in a language written otherwise
        }
    }
    bool one_script = (seen & (seen - 1)) == 0;
    return one_script && (seen & ~scripts) == 0;
}

std::string match_key(std::string_view name) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    icu::UnicodeString text =
        icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<std::int32_t>(name.size())));
    icu::UnicodeString decomposed = U_SUCCESS(status) ? nfd->normalize(text, status) : text;
    if (U_FAILURE(status)) decomposed = text;
    icu::UnicodeString key;
    for (std::int32_t i = 0; i < decomposed.length();) {
        UChar32 cp = decomposed.char32At(i);
        i += U16_LENGTH(cp);
        if (u_charType(cp) == U_NON_SPACING_MARK) continue;
        if (cp == '.' || cp == '\'' || cp == 0x2019 || cp == 0x02BC || cp == 0x02BB) continue;
        if (cp == '-' || cp == '_' || u_isUWhiteSpace(cp)) {
            if (!key.isEmpty() && key.char32At(key.length() - 1) != ' ') key.append(UChar32{' '});
            continue;
        }
        key.append(u_foldCase(cp, U_FOLD_CASE_DEFAULT));
    }
    std::string out;
    key.toUTF8String(out);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::vector<std::string> iso_name_parts(std::string_view name) {
    std::vector<std::string> parts;
    std::size_t open = name.find(" [");
    if (open != std::string_view::npos && name.ends_with(']')) {
        parts.emplace_back(trim(name.substr(0, open)));
        parts.emplace_back(trim(name.substr(open + 2, name.size() - open - 3)));
    } else {
        parts.emplace_back(trim(name));
    }
    return parts;
}

namespace {

// CLDR territory codes that name no place (the world, organisations, a currency zone, pseudo
// locales, "unknown") or a grouping nobody writes about ("Outlying Oceania").
constexpr std::string_view not_places[] = {"001", "EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"};

// "Europe/Kiev" -> "Kiev", "America/Port_of_Spain" -> "Port of Spain".
std::string zone_city(std::string_view zone) {
    std::string city(zone.substr(zone.rfind('/') + 1));
    std::replace(city.begin(), city.end(), '_', ' ');
    return city;
}

std::string slug(std::string_view text) {
    std::string out;
    for (char ch : text) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        bool keep = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
        if (keep)
            out += ch;
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "place" : out;
}

const std::vector<std::string>* find_names(const CldrNames& names, std::string_view code) {
    auto it = names.find(code);
    return it == names.end() ? nullptr : &it->second;
}

const std::string* translate(const MoCatalog& catalog, const std::string& msgid) {
    if (msgid.empty()) return nullptr;
    auto it = catalog.find(msgid);
    return it == catalog.end() ? nullptr : &it->second;
}

class Builder {
public:
    explicit Builder(MergeReport& report) : m_report(report) {}

    Place& add(std::string id, PlaceKind kind, std::string country, std::uint64_t population, std::string_view name) {
        std::string unique = id;
        for (int n = 2; m_index.count(unique); ++n) unique = id + "-" + std::to_string(n);
        m_index.emplace(unique, m_places.size());
        Place& place = m_places.emplace_back();
        place.id = std::move(unique);
        place.kind = kind;
        place.country = std::move(country);
        place.population = population;
        place.name = std::string(trim(name));
        return place;
    }

    void name(Place& place, std::string_view lang, std::string_view given) {
        std::string_view text = trim(given);
        if (text.empty()) return;
        std::string unstressed; // iso-codes marks Russian stress now and then: "Респу́блика"
        if ((scripts_of(lang) & cyrillic) && text.find("\u0301") != std::string_view::npos) {
            for (std::size_t at = 0; at < text.size();) {
                std::size_t mark = std::min(text.find("\u0301", at), text.size());
                unstressed += text.substr(at, mark - at);
                at = mark + 2;
            }
            text = unstressed;
        }
        if (!valid_name(text)) {
            ++m_report.names_unwritable;
            return;
        }
        if (!script_fits(text, scripts_of(lang))) {
            ++m_report.names_wrong_script;
            return;
        }
        place.aliases.push_back({std::string(lang), std::string(text)});
    }

    void names(Place& place, std::string_view lang, const std::vector<std::string>* texts) {
        if (texts)
            for (const std::string& text : *texts) name(place, lang, text);
    }

    void iso_names(Place& place, std::string_view lang, std::string_view text) {
        for (const std::string& part : iso_name_parts(text)) name(place, lang, part);
    }

    std::vector<Place>& places() { return m_places; }

private:
    MergeReport& m_report;
    std::vector<Place> m_places;
    std::unordered_map<std::string, std::size_t> m_index;
};

const LanguageSources& english(const Sources& sources) {
    for (const LanguageSources& lang : sources.languages)
        if (lang.code == "en") return lang;
    throw SourceError("CLDR main/en.xml", "the English names were not read");
}

void add_countries(const Sources& sources, Builder& builder) {
    const LanguageSources& en = english(sources);
    std::set<std::string, std::less<>> iso_codes;
    auto add_names = [&](Place& place, const std::string& code, const IsoCountry* iso) {
        for (const LanguageSources& lang : sources.languages) {
            builder.names(place, lang.code, find_names(lang.cldr.territories, code));
            if (code.size() == 2) // GeoNames keys countries by alpha-2; numeric keys are its city ids
                for (const MoCatalog& catalog : lang.geonames)
                    if (const std::string* name = translate(catalog, code)) builder.name(place, lang.code, *name);
            if (!iso) continue;
            if (lang.code == "en")
                for (const std::string* name : {&iso->name, &iso->common_name, &iso->official_name})
                    builder.iso_names(place, "en", *name);
            for (const MoCatalog& catalog : lang.iso_3166_1)
                for (const std::string* msgid : {&iso->name, &iso->common_name, &iso->official_name})
                    if (const std::string* name = translate(catalog, *msgid))
                        builder.iso_names(place, lang.code, *name);
        }
    };
    for (const IsoCountry& iso : sources.countries) {
        iso_codes.insert(iso.alpha_2);
        const std::vector<std::string>* cldr = find_names(en.cldr.territories, iso.alpha_2);
        std::string_view name = cldr && !cldr->empty()     ? std::string_view(cldr->front())
                                : !iso.common_name.empty() ? std::string_view(iso.common_name)
                                                           : std::string_view(iso.name);
        Place& place = builder.add("c:" + iso.alpha_2, PlaceKind::country, iso.alpha_2, 0, name);
        add_names(place, iso.alpha_2, &iso);
    }
    // CLDR territories ISO 3166-1 leaves out: continents and their parts (numeric codes) become
    // regions; Kosovo (XK) and the exceptionally reserved AC, CP, DG, EA, IC, TA stay countries.
    for (const auto& [code, names] : en.cldr.territories) {
        if (iso_codes.count(code) || names.empty()) continue;
        if (std::find(std::begin(not_places), std::end(not_places), code) != std::end(not_places)) continue;
        bool numeric =
            code.size() == 3 && std::all_of(code.begin(), code.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
        Place& place = numeric ? builder.add("r:" + code, PlaceKind::region, "", 0, names.front())
                               : builder.add("c:" + code, PlaceKind::country, code, 0, names.front());
        add_names(place, code, nullptr);
    }
}

void add_subdivisions(const Sources& sources, Builder& builder, MergeReport& report) {
    const LanguageSources& en = english(sources);
    // iso-codes translations are keyed by the English name alone, so a translator who met
    // "Georgia" once gave the US state the country's name (uk: Грузія). Such a translation is
    // dropped when CLDR names the region itself in that language.
    std::set<std::string, std::less<>> english_country_names;
    std::map<std::string, std::set<std::string, std::less<>>, std::less<>> country_names; // by language
    for (const Place& place : builder.places()) {
        if (place.kind != PlaceKind::country) continue;
        for (const Alias& alias : place.aliases) {
            country_names[alias.lang].insert(alias.name);
            if (alias.lang == "en") english_country_names.insert(alias.name);
        }
    }
    for (const IsoSubdivision& iso : sources.subdivisions) {
        std::string key = lower_ascii(iso.code.substr(0, 2) + iso.code.substr(3));
        const std::vector<std::string>* cldr = find_names(en.cldr_subdivisions, key);
        std::vector<std::string> iso_parts = iso_name_parts(iso.name);
        std::string_view name =
            cldr && !cldr->empty() ? std::string_view(cldr->front()) : std::string_view(iso_parts.front());
        Place& place = builder.add("r:" + iso.code, PlaceKind::region, iso.code.substr(0, 2), 0, name);
        bool homonym = english_country_names.count(iso.name) > 0;
        for (const LanguageSources& lang : sources.languages) {
            const std::vector<std::string>* own = find_names(lang.cldr_subdivisions, key);
            builder.names(place, lang.code, own);
            if (lang.code == "en") builder.iso_names(place, "en", iso.name);
            for (const MoCatalog& catalog : lang.iso_3166_2) {
                const std::string* translation = translate(catalog, iso.name);
                if (!translation) continue;
                if (homonym && own && !own->empty() && country_names[lang.code].count(*translation)) {
                    ++report.homonym_translations_dropped;
                    continue;
                }
                builder.iso_names(place, lang.code, *translation);
            }
        }
    }
}

void add_cities(const Sources& sources, Builder& builder, MergeReport& report) {
    const LanguageSources& en = english(sources);
    const std::size_t first = builder.places().size();
    for (const City& city : sources.cities) {
        std::string id = city.id.empty() ? slug(city.name + " " + city.country) : city.id;
        Place& place = builder.add("g:" + id, PlaceKind::city, city.country, city.population, city.name);
        builder.name(place, "en", city.name);
        if (!city.id.empty())
            for (const LanguageSources& lang : sources.languages)
                for (const MoCatalog& catalog : lang.geonames)
                    if (const std::string* name = translate(catalog, city.id)) builder.name(place, lang.code, *name);
    }
    // No more places are added: pointers into the list stay valid from here on.
    std::unordered_map<std::string_view, Place*> countries;
    for (Place& place : builder.places())
        if (place.kind == PlaceKind::country) countries.emplace(place.country, &place);
    std::unordered_map<std::string_view, std::vector<Place*>> by_zone;
    for (std::size_t i = 0; i < sources.cities.size(); ++i) {
        Place& place = builder.places()[first + i];
        by_zone[sources.cities[i].timezone].push_back(&place);
        if (auto country = countries.find(place.country); country != countries.end())
            country->second->population += place.population;
    }

    // CLDR's exemplar city of each time zone goes to the most populous GeoNames city of that
    // zone with the same English name: en.xml's (else root.xml's, which en inherits) or the zone
    // id's own city, accents and punctuation aside ("Bogota" is "Bogotá"). Only English names
    // are compared: in other languages CLDR often names the island or the state of the zone
    // (de "Färöer", sv "Torshamn"). The zone id's city becomes an English alias as well: it
    // keeps old spellings that CLDR has replaced ("Kiev" of Europe/Kiev, "Calcutta").
    std::set<std::string, std::less<>> zones;
    for (const LanguageSources& lang : sources.languages)
        for (const auto& [zone, names] : lang.cldr.exemplar_cities)
            if (!zone.starts_with("Etc/")) zones.insert(zone);
    std::unordered_map<const Place*, std::vector<std::string>> keys_of; // of the English names
    auto english_keys = [&](const Place& place) -> const std::vector<std::string>& {
        auto [it, added] = keys_of.try_emplace(&place);
        if (added)
            for (const Alias& alias : place.aliases)
                if (alias.lang == "en") it->second.push_back(match_key(alias.name));
        return it->second;
    };
    for (const std::string& zone : zones) {
        std::vector<std::string> ids{zone};
        if (auto it = sources.zone_aliases.find(zone); it != sources.zone_aliases.end()) ids = it->second;
        if (std::find(ids.begin(), ids.end(), zone) == ids.end()) ids.push_back(zone);

        const std::vector<std::string>* english_names = find_names(en.cldr.exemplar_cities, zone);
        if (!english_names) english_names = find_names(sources.root_exemplar_cities, zone);
        std::set<std::string, std::less<>> wanted;
        if (english_names)
            for (const std::string& name : *english_names) wanted.insert(match_key(name));
        for (const std::string& id : ids) wanted.insert(match_key(zone_city(id)));

        Place* best = nullptr;
        for (const std::string& id : ids) {
            auto it = by_zone.find(id);
            if (it == by_zone.end()) continue;
            for (Place* candidate : it->second) {
                if (best && candidate->population <= best->population) continue;
                const std::vector<std::string>& keys = english_keys(*candidate);
                if (std::any_of(keys.begin(), keys.end(),
                                [&](const std::string& key) { return wanted.count(key) > 0; }))
                    best = candidate;
            }
        }
        if (!best) {
            report.zones_unmatched.push_back(zone);
            continue;
        }
        ++report.zones_matched;
        builder.names(*best, "en", english_names);
        builder.name(*best, "en", zone_city(zone));
        for (const LanguageSources& lang : sources.languages)
            if (lang.code != "en") builder.names(*best, lang.code, find_names(lang.cldr.exemplar_cities, zone));
    }
}

} // namespace

std::vector<Place> merge(const Sources& sources, MergeReport* report) {
    MergeReport local;
    MergeReport& notes = report ? *report : local;
    notes = {};
    Builder builder(notes);
    add_countries(sources, builder);
    add_subdivisions(sources, builder, notes);
    add_cities(sources, builder, notes);

    std::vector<Place> places;
    places.reserve(builder.places().size());
    for (Place& place : builder.places()) {
        if (place.aliases.empty()) { // a name in no script of its language ("Зуунмод" as English)
            notes.places_dropped.push_back(place.id + " " + place.name);
            continue;
        }
        std::sort(place.aliases.begin(), place.aliases.end());
        place.aliases.erase(std::unique(place.aliases.begin(), place.aliases.end()), place.aliases.end());
        if (!valid_name(place.name)) { // the canonical name falls back to a writable English one
            auto en =
                std::find_if(place.aliases.begin(), place.aliases.end(), [](const Alias& a) { return a.lang == "en"; });
            place.name = en != place.aliases.end() ? en->name : place.aliases.front().name;
        }
        places.push_back(std::move(place));
    }
    std::sort(places.begin(), places.end(), [](const Place& a, const Place& b) { return a.id < b.id; });
    return places;
}

void write_tsv(std::ostream& out, const std::vector<Place>& places, const std::vector<std::string>& header) {
    for (const std::string& line : header) out << "# " << line << '\n';
    std::string line;
    for (const Place& place : places) {
        line.clear();
        line += place.id;
        line += '\t';
        line += kind_name(place.kind);
        line += '\t';
        line += place.country;
        line += '\t';
        line += std::to_string(place.population);
        line += '\t';
        line += place.name;
        line += '\t';
        for (std::size_t i = 0; i < place.aliases.size(); ++i) {
            if (i) line += '|';
            line += place.aliases[i].lang;
            line += '=';
            line += place.aliases[i].name;
        }
        line += '\n';
        out << line;
    }
}

std::vector<std::string> tsv_header(const Sources& sources) {
    std::string languages_line = "languages:";
    for (const Language& language : languages()) {
        languages_line += ' ';
        languages_line += language.code;
    }
    return {
        "Sova gazetteer: places and their names in Sova's languages, made by sova_gazetteer_extract.",
        "Columns: id, kind, country, population, name, aliases (lang=name joined by '|'); see "
        "data/gazetteer/README.md.",
        languages_line,
        "Sources: Unicode CLDR " +
            (sources.cldr_version.empty() ? std::string("(version unknown)") : sources.cldr_version) +
            " (Unicode License); iso-codes " SOVA_ISO_CODES_VERSION " (LGPL-2.1+);",
        "GeoNames cities (geonames.org, CC-BY-4.0) from libgeonames " SOVA_GEONAMES_VERSION ".",
    };
}

} // namespace sova::gazetteer
