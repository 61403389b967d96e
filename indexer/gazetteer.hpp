// Names of entities known before any article is read: the gazetteer of places built from
// Debian's CLDR, iso-codes and GeoNames data (tools/gazetteer/), and a user's aliases file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sova::detail {

/// One entity a name can refer to.
struct NameEntry {
    std::string key;     ///< Canonical entity key: "place:kyiv.ua", "org:nato" …
    std::string type;    ///< "person", "org", "place" or "other".
    std::string name;    ///< Canonical name.
    std::string kind;    ///< Places: "country", "region" or "city"; otherwise "".
    std::string country; ///< Places: ISO 3166-1 alpha-2 of the country, if known.
    std::uint64_t population = 0;
    std::vector<std::string> name_keys;    ///< Name keys of all its names (schema::entity_name_key).
    std::vector<std::string> single_bases; ///< name_base() of its one-word names (aliases file).
    bool user = false;                     ///< From the user's aliases file (wins over the gazetteer).
};

/// The compiled gazetteer: a sorted text file read through mmap and binary search, so opening
/// it costs nothing however large it is. Format (one record per line, lines sorted bytewise):
///   #sova-gazetteer 1
///   K<TAB><name key><TAB><record>,<record>…
///   R<TAB><record, 8 digits><TAB><key><TAB><kind><TAB><country><TAB><population><TAB><name><TAB><name key>|…
/// Not thread-safe (entries are parsed lazily and cached); open one per thread.
class Gazetteer {
public:
    /// Maps the file at `path`. Throws sova::IndexError when it is missing or not a gazetteer.
    explicit Gazetteer(const std::string& path);
    ~Gazetteer();
    Gazetteer(const Gazetteer&) = delete;
    Gazetteer& operator=(const Gazetteer&) = delete;

    /// Appends the entries `name_key` names.
    void find(std::string_view name_key, std::vector<const NameEntry*>& out);

    /// The default gazetteer (sova::locate_gazetteer()), "" when there is none.
    static std::string default_path();

private:
    std::string_view line_at(std::string_view key) const;
    const NameEntry* record(std::uint32_t number);

    std::string m_path;
    const char* m_data = nullptr;
    std::size_t m_size = 0;
    std::unordered_map<std::uint32_t, std::unique_ptr<NameEntry>> m_records;
    std::unordered_map<std::string, std::vector<std::uint32_t>> m_found; // name key -> records (a cache)
};

/// A user's aliases file (docs/ENTITIES.md): UTF-8 TSV lines `name<TAB>type<TAB>alias<TAB>…`,
/// `#` comments and blank lines ignored.
class AliasTable {
public:
    /// Reads `path`. Throws sova::InputError (file, line, reason) for a malformed line.
    static AliasTable load(const std::string& path);

    /// Adds one entity with its names (the canonical name is one of them).
    void add(std::string name, std::string type, const std::vector<std::string>& aliases);

    void find(std::string_view name_key, std::vector<const NameEntry*>& out) const;
    bool empty() const noexcept { return m_entries.empty(); }

private:
    std::vector<std::unique_ptr<NameEntry>> m_entries;
    std::unordered_map<std::string, std::vector<const NameEntry*>> m_by_name;
};

/// Name keys of a name written as `text` (analysed with the shared analyser): its exact terms
/// ("t:…"), its stems in `lang` ("s:<lang>:…", when `lang` has a stemmer) and the sound keys of
/// its base forms ("k:…", Latin, Cyrillic and Greek names), at most one of each.
std::vector<std::string> name_keys_of(std::string_view text, std::string_view lang, bool with_sound_keys);

/// The fields of a TSV line (or any `separator`-joined list), empty ones included.
std::vector<std::string_view> split_fields(std::string_view line, char separator);

/// The base form of a folded name word, romanised, for telling whether two words are one name:
/// possessive and Cyrillic case endings removed, final vowels dropped: Марчука, Марчукові,
/// marchuk's -> "marchuk"; march -> "march".
std::string name_base(std::string_view term);

/// A readable ASCII slug of a name: "São Paulo" -> "sao-paulo", "Київ" -> "kyiv".
std::string slug(std::string_view name);

} // namespace sova::detail
