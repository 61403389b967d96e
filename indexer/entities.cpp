#include "indexer/entities.hpp"

#include "indexer/entities/aggregation.hpp"
#include "indexer/entities/linking.hpp"
#include "indexer/entities/mention.hpp"
#include "indexer/entities/mention_scanner.hpp"
#include "indexer/entities/name_lookup.hpp"
#include "indexer/entities/person_linking.hpp"
#include "indexer/entities/place_settling.hpp"
#include "schema/schema.hpp"
#include "tokenizers/language.hpp"
#include "tokenizers/language_words.hpp"
#include "tokenizers/utf8.hpp"

#include <algorithm>
#include <memory>

namespace sova::detail {

EntityExtractor::EntityExtractor(Gazetteer* gazetteer, const AliasTable* aliases)
    : m_gazetteer(gazetteer), m_aliases(aliases) {}

// The stages: scan each field for mentions (the title's, then the body's), settle places from
// the places named without doubt, decide which names are people, then link each mention to its
// entity and gather the entities.
std::vector<ArticleEntity> EntityExtractor::extract(std::string_view title, const std::vector<Word>& title_words,
                                                    std::string_view text, const std::vector<Word>& body_words,
                                                    std::string_view lang) {
    Analyzer& analyzer = thread_analyzer();
    NameLookup names(m_gazetteer, m_aliases, analyzer, lang);
    MentionScanner scanner(names, m_vocabulary, analyzer, lang);
    std::vector<Mention> mentions;
    scanner.scan(title, title_words, true, mentions);
    scanner.scan(text, body_words, false, mentions);

    PlaceContext places(mentions, !capitalises_nouns(lang));
    decide_names(mentions);
    // The body's mentions first: a title in title case names only what the body names.
    std::stable_partition(mentions.begin(), mentions.end(), [](const Mention& m) { return !m.title; });
    PersonIndex people(mentions);

    EntityAggregator entities(in_title_case(title_words));
    MentionLinker linker(places, people, entities);
    for (const Mention& m : mentions) linker.link(m);
    return entities.finish();
}

} // namespace sova::detail

namespace sova {

namespace {
// The installed gazetteer, or none when it is not installed.
std::unique_ptr<detail::Gazetteer> default_gazetteer() {
    std::string path = detail::Gazetteer::default_path();
    if (path.empty()) return nullptr;
    return std::make_unique<detail::Gazetteer>(path);
}
} // namespace

std::vector<Entity> find_entities(std::string_view title, std::string_view text, std::string_view lang) {
    using namespace detail;
    thread_local std::unique_ptr<Gazetteer> gazetteer = default_gazetteer();
    thread_local EntityExtractor extractor(gazetteer.get(), nullptr);
    std::string repaired_title, repaired_text;
    std::size_t replaced = 0;
    title = repair_utf8(title, repaired_title, replaced);
    text = repair_utf8(text, repaired_text, replaced);
    Analyzer& analyzer = thread_analyzer();
    std::vector<Word> title_words;
    std::vector<Word> body_words;
    analyzer.words(title, title_words, 1);
    analyzer.words(text, body_words, static_cast<std::uint32_t>(title_words.size()) + schema::title_body_gap + 1);
    std::string language = normalise_language_code(lang);
    if (language.empty()) language = analyzer.detect_language(text, body_words);
    std::vector<Entity> out;
    for (auto& found : extractor.extract(title, title_words, text, body_words, language))
        out.push_back(std::move(found.entity));
    return out;
}

} // namespace sova
