// The gazetteer extractor: reads place names from Unicode CLDR, iso-codes and libgeonames (as
// Debian installs them) and merges them into one record per place, with names in Sova's languages.
#pragma once

#include <sova/error.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sova::gazetteer {

/// A source file that is missing, unreadable or not in the expected format.
/// what() is "<file>: <reason>".
class SourceError : public sova::Error {
public:
    SourceError(std::string file, const std::string& reason);
    const std::string& file() const noexcept { return m_file; }
    const std::string& reason() const noexcept { return m_reason; }

private:
    std::string m_file;
    std::string m_reason;
};

/// Writing systems a language's place names may use (a bit set).
enum Script : unsigned { latin = 1, cyrillic = 2, greek = 4 };

/// One language Sova analyses and the names its data files go by in the sources.
struct Language {
    std::string_view code; ///< Written before '=' in the aliases, e.g. "no".
    std::array<std::string_view, 2>
        file_names;   ///< CLDR file and locale folder base names, e.g. {"no", "nb"}; "" = none.
    unsigned scripts; ///< Script bits: a name in another script is mislabelled, and dropped.
};

/// The languages whose names are kept, in output order of the table (the one place they are listed).
std::span<const Language> languages();

// ---------------------------------------------------------------------------------------------
// Readers of the three sources. Each throws SourceError naming the file and the reason.

/// A gettext catalogue: msgid -> msgstr (the first form of plural entries; the header entry,
/// msgid "", is left out; entries with an empty msgstr are untranslated and left out too).
using MoCatalog = std::unordered_map<std::string, std::string>;

/// Parses the bytes of a GNU .mo file (either byte order). `file` names it in errors.
MoCatalog parse_mo(std::string_view bytes, const std::string& file);
/// Reads and parses a .mo file.
MoCatalog read_mo(const std::filesystem::path& file);

/// Names by CLDR code, the plain name first, then the alt="short" and alt="variant" ones.
using CldrNames = std::map<std::string, std::vector<std::string>, std::less<>>;

/// What a CLDR main/<locale>.xml says about places.
struct CldrMain {
    CldrNames territories;     ///< By territory code: "IR", "150".
    CldrNames exemplar_cities; ///< By time zone id as CLDR spells it: "Europe/Kiev".
};

/// Decodes the five predefined XML entities and numeric character references; an unknown
/// entity is kept as written.
std::string decode_xml_entities(std::string_view text);

/// Parses the text of a CLDR main/<locale>.xml. `file` names it in errors.
CldrMain parse_cldr_main(std::string_view xml, const std::string& file);
/// Reads main/<locale>.xml.
CldrMain read_cldr_main(const std::filesystem::path& file);
/// Reads subdivisions/<locale>.xml: names by CLDR subdivision code ("usga").
CldrNames read_cldr_subdivisions(const std::filesystem::path& file);
/// Reads bcp47/timezone.xml: every time zone id -> all ids of the same zone (itself included),
/// so "Asia/Kolkata" (GeoNames) finds "Asia/Calcutta" (CLDR).
std::map<std::string, std::vector<std::string>, std::less<>> read_cldr_zone_aliases(const std::filesystem::path& file);
/// The CLDR version stated in dtd/ldml.dtd ("41"), or "" when the file does not say.
std::string read_cldr_version(const std::filesystem::path& ldml_dtd);

/// An ISO 3166-1 country; common_name and official_name are often empty.
struct IsoCountry {
    std::string alpha_2;
    std::string name;
    std::string common_name;
    std::string official_name;
};
/// Reads iso-codes' json/iso_3166-1.json.
std::vector<IsoCountry> read_iso_3166_1(const std::filesystem::path& file);

/// An ISO 3166-2 subdivision.
struct IsoSubdivision {
    std::string code; ///< "US-GA"
    std::string name; ///< "Georgia"; some are "Name [Other name]".
};
/// Reads iso-codes' json/iso_3166-2.json.
std::vector<IsoSubdivision> read_iso_3166_2(const std::filesystem::path& file);

/// A city compiled into libgeonames (population 15,000 and more).
struct City {
    std::string id;       ///< The GeoNames id ("703448"); "" if the library hides it (merge() then makes a slug).
    std::string name;     ///< English (GeoNames' ASCII-ish name), e.g. "Kyiv".
    std::string country;  ///< ISO 3166-1 alpha-2.
    std::string timezone; ///< IANA id as GeoNames spells it, e.g. "Europe/Kiev".
    std::uint64_t population = 0;
};
/// Every city of the linked libgeonames, in its order. Throws SourceError when it has none.
std::vector<City> read_geonames_cities();

/// Where the sources are; debian() gives the paths the Debian packages install.
struct SourcePaths {
    std::filesystem::path cldr_dir;      ///< .../cldr/common: main/, subdivisions/, bcp47/
    std::filesystem::path iso_codes_dir; ///< .../iso-codes: json/
    std::filesystem::path locale_dir;    ///< .../locale: <lang>/LC_MESSAGES/*.mo
    static SourcePaths debian();
};

/// Everything read for one language.
struct LanguageSources {
    std::string code;
    CldrMain cldr;                     ///< main/<lang>.xml (merged when the language has two files).
    CldrNames cldr_subdivisions;       ///< subdivisions/<lang>.xml; empty when CLDR has none.
    std::vector<MoCatalog> iso_3166_1; ///< One per locale folder of the language (de, de_AT, ...).
    std::vector<MoCatalog> iso_3166_2;
    std::vector<MoCatalog> geonames; ///< Keys: GeoNames id, country code, "CC.admin1".
};

/// All the sources, read.
struct Sources {
    std::vector<LanguageSources> languages; ///< In languages() order; "en" is among them.
    std::map<std::string, std::vector<std::string>, std::less<>> zone_aliases;
    std::vector<IsoCountry> countries;
    std::vector<IsoSubdivision> subdivisions;
    std::vector<City> cities;
    CldrNames root_exemplar_cities; ///< main/root.xml: the English exemplar city where en.xml has none.
    std::string cldr_version;
};

/// Reads every source under `paths`. A missing required file (a CLDR main file of a language,
/// subdivisions/en.xml, bcp47/timezone.xml, the ISO JSON files, the locale folder) is a
/// SourceError; a language without a .mo file or a subdivisions file just has fewer names.
Sources read_sources(const SourcePaths& paths);

// ---------------------------------------------------------------------------------------------
// The merged gazetteer.

enum class PlaceKind { country, region, city };
/// "country", "region", "city".
std::string_view kind_name(PlaceKind kind);

/// One name of a place in one language.
struct Alias {
    std::string lang;
    std::string name;
    friend auto operator<=>(const Alias&, const Alias&) = default;
};

/// One place: all its names in all languages.
struct Place {
    std::string id; ///< "c:IR", "r:US-GA", "r:150", "g:703448"
    PlaceKind kind = PlaceKind::city;
    std::string country; ///< ISO alpha-2 of the containing country; "" for continents.
    std::uint64_t population = 0;
    std::string name;           ///< Canonical English name.
    std::vector<Alias> aliases; ///< Sorted, unique, the English names included.
};

/// What merge() noticed on the way: for the build log and the README, not errors.
struct MergeReport {
    std::size_t names_unwritable = 0;             ///< Too long, or with a TAB, '|' or line break.
    std::size_t names_wrong_script = 0;           ///< In a script the language is not written in, or mixed.
    std::size_t homonym_translations_dropped = 0; ///< iso-codes translated a region as the country of its name.
    std::size_t zones_matched = 0;                ///< CLDR exemplar cities attached to a GeoNames city.
    std::vector<std::string> zones_unmatched;     ///< CLDR zones whose exemplar city GeoNames lacks.
    std::vector<std::string> places_dropped;      ///< "id name" of places left without a usable name.
};

/// True when a name can be written: two characters or more, at most 60 bytes, no TAB, '|', CR or LF.
bool valid_name(std::string_view name);

/// True when `name` is valid UTF-8 whose letters all belong to one script among `scripts`
/// (Script bits); digits, punctuation and combining marks go with any script. "Чехiя" (a Latin
/// i among Cyrillic letters) and "Кабул" labelled Romanian are not.
bool script_fits(std::string_view name, unsigned scripts);

/// The key exemplar cities are matched on: case, accents, apostrophes and full stops ignored,
/// hyphens and underscores read as spaces ("St. John’s" = "St Johns", "Bogotá" = "Bogota").
std::string match_key(std::string_view name);

/// Splits an ISO name "A Coruña [La Coruña]" into {"A Coruña", "La Coruña"}; other names
/// come back alone. Parts are trimmed.
std::vector<std::string> iso_name_parts(std::string_view name);

/// Merges the sources into one record per place, sorted by id; see data/gazetteer/README.md for
/// the rules. A country's population is the sum of its GeoNames cities' (a lower bound that
/// ranks it above its own cities of the same name); regions have 0.
std::vector<Place> merge(const Sources& sources, MergeReport* report = nullptr);

/// Writes the places as TSV: `#` comment lines from `header` (one per line given), then
/// "id TAB kind TAB country TAB population TAB name TAB aliases" lines, aliases as
/// "lang=name" joined by '|'.
void write_tsv(std::ostream& out, const std::vector<Place>& places, const std::vector<std::string>& header);

/// The comment header write_tsv() is given by the program: format, sources, versions, licences.
std::vector<std::string> tsv_header(const Sources& sources);

} // namespace sova::gazetteer
