// sova_gazetteer_compile: turns the extracted places.tsv into places.idx, the gazetteer the
// indexer reads (format in indexer/gazetteer.hpp): every name of every place analysed by Sova's
// own analyser into name keys (exact terms, and stems in the name's language), so that
// "Києві" in an article finds the record whose Ukrainian name is "Київ".
//
//   sova_gazetteer_compile --in places.tsv --out places.idx
#include "indexer/gazetteer.hpp"

#include <sova/error.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& ch : out)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return out;
}

int run(const std::string& in_path, const std::string& out_path) {
    using sova::detail::name_keys_of;
    using sova::detail::slug;
    auto started = std::chrono::steady_clock::now();
    std::ifstream in(in_path, std::ios::binary);
    if (!in) {
        std::cerr << "sova_gazetteer_compile: cannot read " << in_path << "\n";
        return 2;
    }
    std::vector<std::string> records; // "R" lines without the number
    std::map<std::string, std::vector<std::uint32_t>> by_name;
    std::set<std::string> entity_keys;
    std::string line;
    std::uint64_t line_number = 0;
    std::size_t names = 0;
    while (std::getline(in, line)) {
        ++line_number;
        if (line.empty() || line[0] == '#') continue;
        auto f = sova::detail::split_fields(line, '\t');
        if (f.size() != 6) {
            std::cerr << in_path << ":" << line_number << ": expected 6 fields, found " << f.size() << "\n";
            return 2;
        }
        std::string_view id = f[0], kind = f[1], country = f[2], population = f[3], name = f[4];
        // Entity key: readable and stable. Countries and continents by name; regions and
        // cities by name and country (the ISO code or GeoNames id settles homonyms).
        std::string key = "place:" + slug(name);
        if (kind == "region" && id.starts_with("r:") && !country.empty())
            key += "." + lower_ascii(id.substr(2));
        else if (kind == "city" && !country.empty())
            key += "." + lower_ascii(country);
        if (!entity_keys.insert(key).second) {
            key += "." + std::string(id.substr(id.find(':') + 1));
            entity_keys.insert(key);
        }
        auto number = static_cast<std::uint32_t>(records.size());
        std::set<std::string> keys;
        for (std::string_view alias : sova::detail::split_fields(f[5], '|')) {
            std::size_t eq = alias.find('=');
            if (eq == std::string_view::npos) continue;
            std::string lang(alias.substr(0, eq));
            std::string text(alias.substr(eq + 1));
            for (std::string& k : name_keys_of(text, lang, false)) keys.insert(std::move(k));
            ++names;
        }
        for (std::string& k : name_keys_of(name, "en", false)) keys.insert(std::move(k));
        std::string joined;
        for (const std::string& k : keys) {
            if (k.find_first_of("\t\n|,") != std::string::npos) continue;
            by_name[k].push_back(number);
            if (!joined.empty()) joined += '|';
            joined += k;
        }
        records.push_back(key + "\t" + std::string(kind) + "\t" + std::string(country) + "\t" +
                          std::string(population) + "\t" + std::string(name) + "\t" + joined);
    }
    std::vector<std::string> lines;
    lines.reserve(records.size() + by_name.size());
    char digits[32];
    for (std::size_t i = 0; i < records.size(); ++i) {
        std::snprintf(digits, sizeof digits, "%08zu", i);
        lines.push_back("R\t" + std::string(digits) + "\t" + records[i]);
    }
    for (const auto& [k, numbers] : by_name) {
        std::string list;
        for (std::uint32_t n : numbers) {
            if (!list.empty()) list += ',';
            list += std::to_string(n);
        }
        lines.push_back("K\t" + k + "\t" + list);
    }
    std::sort(lines.begin(), lines.end());
    std::string tmp = out_path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << "#sova-gazetteer 1\n";
        for (const auto& l : lines) out << l << '\n';
        if (!out) {
            std::cerr << "sova_gazetteer_compile: cannot write " << tmp << "\n";
            return 2;
        }
    }
    if (std::rename(tmp.c_str(), out_path.c_str()) != 0) {
        std::cerr << "sova_gazetteer_compile: cannot rename " << tmp << " to " << out_path << "\n";
        return 2;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << out_path << ": " << records.size() << " places, " << names << " names, " << by_name.size()
              << " name keys in " << seconds << " s\n";
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    std::string in_path;
    std::string out_path;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string_view flag = argv[i];
        if (flag == "--in")
            in_path = argv[i + 1];
        else if (flag == "--out")
            out_path = argv[i + 1];
    }
    if (in_path.empty() || out_path.empty()) {
        std::cerr << "usage: sova_gazetteer_compile --in places.tsv --out places.idx\n";
        return 2;
    }
    try {
        return run(in_path, out_path);
    } catch (const std::exception& e) {
        std::cerr << "sova_gazetteer_compile: " << e.what() << "\n";
        return 2;
    }
}
