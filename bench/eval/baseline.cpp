#include "bench/eval/baseline.hpp"

#include "bench/eval/program.hpp"

#include <sova/error.hpp>

#include <simdjson.h>

#include <cstdint>
#include <fstream>
#include <string_view>

namespace sova::eval {

std::vector<Article> read_articles(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw sova::InputError(path, 0, "cannot read the file");
    std::vector<Article> articles;
    simdjson::dom::parser parser;
    std::uint64_t line_number = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        simdjson::dom::element doc;
        if (auto error = parser.parse(line).get(doc))
            throw sova::InputError(path, line_number, std::string("invalid JSON: ") + simdjson::error_message(error));
        auto field = [&](const char* key) {
            std::string_view v;
            if (!doc[key].get_string().get(v)) return std::string(v);
            std::uint64_t n = 0;
            return doc[key].get_uint64().get(n) ? std::string() : std::to_string(n);
        };
        Article article{field("id"), field("title"), field("text"), field("lang")};
        if (article.id.empty()) throw sova::InputError(path, line_number, "article without an id (qrels need one)");
        articles.push_back(std::move(article));
    }
    return articles;
}

Xapian::Stem xapian_stemmer(const std::string& lang) {
    if (lang.empty()) return {};
    try {
        return Xapian::Stem(lang);
    } catch (const Xapian::InvalidArgumentError&) {
        return {}; // no stemming
    }
}

void build_xapian_index(const std::vector<Article>& articles, const std::string& path) {
    remove_old_index(path);
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    Xapian::TermGenerator generator;
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    std::map<std::string, Xapian::Stem> stemmers;
    for (const Article& article : articles) {
        auto it = stemmers.find(article.lang);
        if (it == stemmers.end()) it = stemmers.emplace(article.lang, xapian_stemmer(article.lang)).first;
        Xapian::Document doc;
        generator.set_document(doc);
        generator.set_stemmer(it->second);
        generator.index_text(article.title, 2, "S");
        generator.index_text(article.title, 2);
        generator.increase_termpos();
        generator.index_text(article.text);
        const std::string id_term = "Q" + article.id;
        doc.add_boolean_term(id_term);
        doc.set_data(article.id);
        db.replace_document(id_term, doc);
    }
    db.commit();
}

std::vector<ScoredDoc> XapianBaseline::rank(const Topic& topic, unsigned depth) {
    auto it = m_stemmers.find(topic.lang);
    if (it == m_stemmers.end()) it = m_stemmers.emplace(topic.lang, xapian_stemmer(topic.lang)).first;
    Xapian::QueryParser parser;
    parser.set_database(m_db);
    parser.set_stemmer(it->second);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_OR);
    parser.add_prefix("title", "S");
    Xapian::Enquire enquire(m_db); // BM25Weight with its default parameters
    enquire.set_query(parser.parse_query(topic.query, Xapian::QueryParser::FLAG_DEFAULT));
    Xapian::MSet mset = enquire.get_mset(0, depth);
    std::vector<ScoredDoc> docs;
    for (auto m = mset.begin(); m != mset.end(); ++m) docs.push_back({m.get_document().get_data(), m.get_weight()});
    return docs;
}

} // namespace sova::eval
