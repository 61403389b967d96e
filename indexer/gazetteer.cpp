#include "indexer/gazetteer.hpp"

#include "schema/schema.hpp"
#include "tokenizers/analyzer.hpp"
#include "tokenizers/cross_script.hpp"
#include "tokenizers/names.hpp"
#include "tokenizers/utf8.hpp"

#include <sova/entity.hpp>
#include <sova/error.hpp>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unordered_set>

namespace sova::detail {

namespace {

constexpr std::string_view header = "#sova-gazetteer 1\n";

bool valid_type(std::string_view type) {
    return type == "person" || type == "org" || type == "place" || type == "other";
}

} // namespace

// ---------------------------------------------------------------------------------------------

std::vector<std::string_view> split_fields(std::string_view line, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        std::size_t at = line.find(separator, start);
        parts.push_back(line.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (at == std::string_view::npos) return parts;
        start = at + 1;
    }
}

std::string name_base(std::string_view term) {
    for (std::string_view possessive : {"'s", "'"})
        if (term.size() > possessive.size() + 2 && term.ends_with(possessive)) term.remove_suffix(possessive.size());
    std::string r = romanise_letters(strip_name_ending(term));
    while (r.size() > 3 && std::string_view("aeiouy").find(r.back()) != std::string_view::npos) r.pop_back();
    return r;
}

std::string slug(std::string_view name) {
    std::string ascii = romanise_ascii(name);
    std::string out;
    for (char ch : ascii) {
        bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
        if (alnum)
            out += ch;
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

std::vector<std::string> name_keys_of(std::string_view text, std::string_view lang, bool with_sound_keys) {
    Analyzer& analyzer = thread_analyzer();
    std::vector<Word> words;
    analyzer.words(text, words);
    std::vector<std::string> keys;
    if (words.empty()) return keys;
    keys.push_back(term_name_key(words));
    bool any_stem = !lang.empty() && std::any_of(words.begin(), words.end(),
                                                 [&](const Word& w) { return !analyzer.stem(lang, w).empty(); });
    if (any_stem) keys.push_back(stem_name_key(lang, stemmed_words(analyzer, lang, words)));
    if (with_sound_keys)
        if (std::string sound = sound_name_key(analyzer, lang, words); !sound.empty()) keys.push_back(std::move(sound));
    return keys;
}

// ---------------------------------------------------------------------------------------------

Gazetteer::Gazetteer(const std::string& path) : m_path(path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw IndexError(path, std::string("cannot open the gazetteer: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(header.size())) {
        ::close(fd);
        throw IndexError(path, "not a Sova gazetteer (too short)");
    }
    void* data = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (data == MAP_FAILED) throw IndexError(path, std::string("cannot map the gazetteer: ") + std::strerror(errno));
    m_data = static_cast<const char*>(data);
    m_size = static_cast<std::size_t>(st.st_size);
    if (std::string_view(m_data, m_size).substr(0, header.size()) != header) {
        ::munmap(const_cast<char*>(m_data), m_size);
        throw IndexError(path, "not a Sova gazetteer (bad header)");
    }
}

Gazetteer::~Gazetteer() {
    if (m_data) ::munmap(const_cast<char*>(m_data), m_size);
}

std::string Gazetteer::default_path() {
    return locate_gazetteer().path;
}

// The line whose first field (after the one-letter kind and a TAB) is `key`, "" when none.
// Lines are sorted bytewise and TAB sorts before every character of a key, so the first line
// not below "<key><TAB>" is the one, if any.
std::string_view Gazetteer::line_at(std::string_view key) const {
    std::string_view all(m_data, m_size);
    std::string target(key);
    target += '\t';
    std::size_t low = header.size();
    std::size_t high = m_size;
    // Invariant: every line starting before `low` is below target; lines starting at or after
    // `high` are not.
    auto line_start = [&](std::size_t at) {
        // First line start at or after `at`.
        if (at <= header.size()) return header.size();
        std::size_t nl = all.find('\n', at - 1);
        return nl == std::string_view::npos ? m_size : nl + 1;
    };
    while (low < high) {
        std::size_t mid = line_start(low + (high - low) / 2);
        if (mid >= high) {
            // No line starts in the upper half: scan linearly from low.
            break;
        }
        std::string_view line = all.substr(mid, target.size());
        if (line < target)
            low = all.find('\n', mid) == std::string_view::npos ? m_size : all.find('\n', mid) + 1;
        else
            high = mid;
    }
    for (std::size_t at = low; at < m_size;) {
        std::size_t nl = all.find('\n', at);
        std::string_view line = all.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at);
        if (line.substr(0, target.size()) == target) return line.substr(target.size());
        if (line.substr(0, target.size()) > target) return {};
        if (nl == std::string_view::npos) break;
        at = nl + 1;
    }
    return {};
}

const NameEntry* Gazetteer::record(std::uint32_t number) {
    if (auto it = m_records.find(number); it != m_records.end()) return it->second.get();
    char digits[16];
    std::snprintf(digits, sizeof digits, "R\t%08u", number);
    std::string_view rest = line_at(digits);
    if (rest.empty()) return nullptr;
    auto fields = split_fields(rest, '\t');
    if (fields.size() < 6) return nullptr;
    auto entry = std::make_unique<NameEntry>();
    entry->key.assign(fields[0]);
    entry->type = "place";
    entry->kind.assign(fields[1]);
    entry->country.assign(fields[2]);
    std::from_chars(fields[3].data(), fields[3].data() + fields[3].size(), entry->population);
    entry->name.assign(fields[4]);
    for (std::string_view name_key : split_fields(fields[5], '|'))
        if (!name_key.empty()) entry->name_keys.emplace_back(name_key);
    return m_records.emplace(number, std::move(entry)).first->second.get();
}

void Gazetteer::find(std::string_view name_key, std::vector<const NameEntry*>& out) {
    if (name_key.empty() || name_key.find('\n') != std::string_view::npos) return;
    constexpr std::size_t cache_limit = 200000;
    std::string key = "K\t";
    key.append(name_key);
    auto cached = m_found.find(key);
    if (cached == m_found.end()) {
        if (m_found.size() >= cache_limit) m_found.clear();
        std::vector<std::uint32_t> numbers;
        for (std::string_view item : split_fields(line_at(key), ',')) {
            std::uint32_t number = 0;
            if (!item.empty() && std::from_chars(item.data(), item.data() + item.size(), number).ec == std::errc())
                numbers.push_back(number);
        }
        cached = m_found.emplace(std::move(key), std::move(numbers)).first;
    }
    for (std::uint32_t number : cached->second)
        if (const NameEntry* entry = record(number)) out.push_back(entry);
}

// ---------------------------------------------------------------------------------------------

void AliasTable::add(std::string name, std::string type, const std::vector<std::string>& aliases) {
    auto entry = std::make_unique<NameEntry>();
    std::string base = slug(name);
    if (base.empty()) base = schema::content_hash(name).substr(0, 12);
    entry->key = type + ":" + base;
    entry->type = std::move(type);
    entry->name = std::move(name);
    entry->user = true;
    std::vector<std::string> names{entry->name};
    names.insert(names.end(), aliases.begin(), aliases.end());
    std::unordered_set<std::string> seen;
    auto add_key = [&](std::string key) {
        if (seen.insert(key).second) entry->name_keys.push_back(std::move(key));
    };
    auto add_base = [&](std::string word_base) {
        auto& bases = entry->single_bases;
        if (!word_base.empty() && std::find(bases.begin(), bases.end(), word_base) == bases.end())
            bases.push_back(std::move(word_base));
    };
    Analyzer& analyzer = thread_analyzer();
    std::vector<Word> words;
    for (const std::string& alias : names) {
        for (std::string& key : name_keys_of(alias, "", true)) add_key(std::move(key));
        words.clear();
        analyzer.words(alias, words);
        if (words.size() == 1) add_base(name_base(words.front().term));
        // A person is also named by surname alone (Scholz for Olaf Scholz).
        if (words.size() > 1 && entry->type == "person") {
            if (std::string sound = analyzer.name_key("", words.back()); !sound.empty()) add_key(sound_name_key(sound));
            add_base(name_base(words.back().term));
        }
    }
    for (const std::string& key : entry->name_keys) m_by_name[key].push_back(entry.get());
    m_entries.push_back(std::move(entry));
}

void AliasTable::find(std::string_view name_key, std::vector<const NameEntry*>& out) const {
    if (auto it = m_by_name.find(std::string(name_key)); it != m_by_name.end())
        out.insert(out.end(), it->second.begin(), it->second.end());
}

AliasTable AliasTable::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, std::string("cannot read the aliases file: ") + std::strerror(errno));
    AliasTable table;
    std::string line;
    std::uint64_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::string repaired;
        std::size_t replaced = 0;
        std::string_view text = repair_utf8(line, repaired, replaced);
        if (replaced > 0) throw InputError(path, number, "invalid UTF-8");
        std::size_t first = text.find_first_not_of(" \t");
        if (first == std::string_view::npos || text[first] == '#') continue;
        auto fields = split_fields(text, '\t');
        if (fields.size() < 2)
            throw InputError(path, number,
                             "expected: name<TAB>type<TAB>alias<TAB>… (type: person, org, place or other)");
        std::string name(fields[0]);
        std::string type(fields[1]);
        if (name.find_first_not_of(' ') == std::string::npos) throw InputError(path, number, "empty name");
        if (type == "organisation" || type == "organization") type = "org";
        if (!valid_type(type))
            throw InputError(path, number, "unknown type \"" + type + "\" (expected person, org, place or other)");
        std::vector<std::string> aliases;
        for (std::size_t i = 2; i < fields.size(); ++i)
            if (fields[i].find_first_not_of(' ') != std::string_view::npos) aliases.emplace_back(fields[i]);
        table.add(std::move(name), std::move(type), aliases);
    }
    return table;
}

} // namespace sova::detail
