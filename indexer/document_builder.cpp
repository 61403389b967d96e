#include "indexer/document_builder.hpp"

#include "indexer/lead.hpp"
#include "schema/date.hpp"
#include "schema/document_data.hpp"
#include "schema/schema.hpp"
#include "tokenizers/analyzer.hpp"
#include "tokenizers/utf8.hpp"

#include <sova/error.hpp>

#include <span>

namespace sova::detail {

namespace {

std::string join(std::string_view a, std::string_view b) {
    std::string s;
    s.reserve(a.size() + b.size());
    s.append(a).append(b);
    return s;
}

bool blank(std::string_view s) {
    for (char ch : s)
        if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') return false;
    return true;
}

// The entities' XE terms (wdf: salience) and XA terms (how much the article is about each);
// returns the most salient, to store.
std::vector<Entity> add_entity_terms(Xapian::Document& doc, const std::vector<ArticleEntity>& entities) {
    std::vector<Entity> stored;
    for (const ArticleEntity& found : entities) {
        std::string term = join(schema::entity_prefix, found.entity.key);
        if (term.size() > schema::max_id_term_bytes) continue;
        doc.add_term(term, found.entity.salience);
        if (std::string band = schema::aboutness_term(found.entity.salience, found.entity.key); !band.empty())
            doc.add_term(band, 0);
        if (stored.size() < schema::max_stored_entities) stored.push_back(found.entity);
    }
    return stored;
}

} // namespace

Xapian::Document build_document(Article& article, BuildReport& report, const BuildOptions& options) {
    for (std::string* field :
         {&article.id, &article.title, &article.text, &article.url, &article.date, &article.lang, &article.source})
        report.invalid_utf8 += repair_utf8_in_place(*field);

    if (blank(article.text) && blank(article.title))
        throw InputError("", 0, "article has no text (\"text\" and \"title\" are missing or empty)");
    if (article.id.empty()) article.id = schema::content_hash(join(article.title, "\n" + article.text));

    Analyzer& analyzer = thread_analyzer();
    std::vector<Word> title_words;
    std::vector<Word> body_words;
    analyzer.words(article.title, title_words, 1);
    std::uint32_t body_start = static_cast<std::uint32_t>(title_words.size()) + schema::title_body_gap + 1;
    analyzer.words(article.text, body_words, body_start);

    bool lang_detected = false;
    if (!article.lang.empty()) {
        std::string code = normalise_language_code(article.lang);
        if (code.empty())
            report.warnings.push_back("unrecognised language code \"" + article.lang + "\", detecting instead");
        article.lang = code;
    }
    if (article.lang.empty()) {
        article.lang = analyzer.detect_language(article.text, body_words);
        if (article.lang.empty()) article.lang = analyzer.detect_language(article.title, title_words);
        lang_detected = true;
    }

    Xapian::Document doc;
    const std::string& lang = article.lang;
    auto add_key = [&](const Word& word, bool in_lead) {
        if (!options.cross_script_keys || !word.capitalised) return;
        const std::string& key = analyzer.cross_script_key(word);
        if (key.empty()) return;
        doc.add_term(join(schema::cross_script_prefix, key));
        if (in_lead) doc.add_term(join(schema::lead_key_prefix, key), 0);
    };
    for (const Word& word : title_words) {
        doc.add_posting(word.term, word.position);
        doc.add_posting(join(schema::title_prefix, word.term), word.position);
        for (std::string_view stem : analyzer.stems(lang, word)) {
            doc.add_term(join(schema::stem_prefix, stem));
            doc.add_term(join(schema::title_stem_prefix, stem));
        }
        add_key(word, false);
    }
    // The lead: which words the article opens with, for the lead bonus (XL terms of no weight),
    // from the same stems and keys as the body's.
    const std::span<const Word> lead = lead_of(article.text, body_words, schema::lead_words);
    const std::size_t lead_first =
        lead.empty() ? body_words.size() : static_cast<std::size_t>(lead.data() - body_words.data());
    const std::size_t lead_end = lead_first + lead.size();
    for (std::size_t i = 0; i < body_words.size(); ++i) {
        const Word& word = body_words[i];
        const bool in_lead = i >= lead_first && i < lead_end;
        doc.add_posting(word.term, word.position);
        if (in_lead) doc.add_term(join(schema::lead_prefix, word.term), 0);
        for (std::string_view stem : analyzer.stems(lang, word)) {
            doc.add_term(join(schema::stem_prefix, stem));
            if (in_lead) doc.add_term(join(schema::lead_prefix, stem), 0);
        }
        add_key(word, in_lead);
    }

    doc.add_boolean_term(schema::id_term(article.id));
    if (!lang.empty()) doc.add_boolean_term(join(schema::lang_prefix, lang));
    if (!article.date.empty()) {
        if (auto date = schema::parse_date(article.date)) {
            article.date = date->iso();
            std::string key = date->key();
            doc.add_value(schema::date_slot, key);
            doc.add_value(schema::month_slot, key.substr(0, 6));
            doc.add_boolean_term(join(schema::year_prefix, key.substr(0, 4)));
            if (date->month) doc.add_boolean_term(join(schema::month_prefix, key.substr(0, 6)));
            if (date->day) doc.add_boolean_term(join(schema::day_prefix, key));
        } else {
            report.warnings.push_back("unrecognised date \"" + article.date +
                                      "\" ignored (expected ISO 8601, e.g. 2023-08-15)");
            article.date.clear();
        }
    }
    doc.add_value(schema::order_slot, schema::order_value(doc.get_value(schema::date_slot), article.id));
    doc.add_value(schema::oldest_slot, schema::oldest_order_value(doc.get_value(schema::date_slot), article.id));
    if (!lang.empty()) doc.add_value(schema::lang_slot, lang);
    if (std::string source = schema::source_value(article.source); !source.empty() && source.size() < 200)
        doc.add_value(schema::source_slot, source);
    if (std::string host = schema::url_host(article.url); !host.empty() && host.size() < 200)
        doc.add_boolean_term(join(schema::host_prefix, host));
    if (std::string key = schema::source_key(article.source); !key.empty() && key.size() < 200)
        doc.add_boolean_term(join(schema::source_prefix, key));

    std::vector<Entity> stored_entities;
    if (options.entities) {
        report.entities = options.entities->extract(article.title, title_words, article.text, body_words, lang);
        stored_entities = add_entity_terms(doc, report.entities);
    }
    doc.set_data(schema::encode_document_data(article, lang_detected, stored_entities));
    report.id = article.id;
    return doc;
}

} // namespace sova::detail
