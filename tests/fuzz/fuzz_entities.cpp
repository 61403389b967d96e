// Fuzzes entity extraction: any bytes as a title and a body, in one of a few languages, with
// the project's gazetteer and a small aliases table, must give entities with a key, a type, a
// name, a salience no less than their mentions, and mentions within the text's words.
#include "indexer/entities.hpp"
#include "indexer/gazetteer.hpp"
#include "tokenizers/utf8.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

using namespace sova::detail;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static constexpr std::string_view langs[] = {"", "en", "ru", "uk", "de", "fr", "pl", "xx"};
    static std::unique_ptr<Gazetteer> gazetteer = [] {
        std::string path = Gazetteer::default_path();
        if (path.empty()) { // without it the place rules would go unfuzzed, silently
            std::fputs("fuzz_entities: no gazetteer (build sova_gazetteer_index or set SOVA_GAZETTEER)\n", stderr);
            std::abort();
        }
        return std::make_unique<Gazetteer>(path);
    }();
    static AliasTable aliases = [] {
        AliasTable table;
        table.add("Deutsche Bahn", "org", {"Дойче Бан", "DB"});
        table.add("Olena Marchuk", "person", {"Олена Марчук"});
        return table;
    }();
    if (size == 0) return 0;
    std::string_view lang = langs[data[0] % std::size(langs)];
    std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    std::string repaired;
    std::size_t replaced = 0;
    input = repair_utf8(input, repaired, replaced);
    std::size_t newline = input.find('\n');
    std::string_view title = newline == std::string_view::npos ? std::string_view{} : input.substr(0, newline);
    std::string_view text = newline == std::string_view::npos ? input : input.substr(newline + 1);

    Analyzer& analyzer = thread_analyzer();
    std::vector<Word> title_words;
    std::vector<Word> body_words;
    analyzer.words(title, title_words, 1);
    analyzer.words(text, body_words, static_cast<std::uint32_t>(title_words.size()) + 101);
    EntityExtractor extractor(gazetteer.get(), &aliases);
    auto entities = extractor.extract(title, title_words, text, body_words, lang);
    std::size_t words = title_words.size() + body_words.size();
    for (const auto& found : entities) {
        const auto& e = found.entity;
        if (e.key.empty() || e.key.find(':') == std::string::npos || e.type.empty() || e.name.empty()) std::abort();
        if (e.mentions == 0 || e.mentions > words || e.salience < e.mentions) std::abort();
        if (found.name_keys.empty()) std::abort();
    }
    return 0;
}
