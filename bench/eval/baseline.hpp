// What the evaluations share: a judged collection's articles, and the plain-Xapian baseline
// a Xapian user writes after the documentation's examples (TermGenerator + QueryParser,
// Snowball stemmer of the language, default BM25).
#pragma once

#include "bench/eval/trec.hpp"

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

namespace sova::eval {

/// The fields of an article the baseline indexes.
struct Article {
    std::string id, title, text, lang;
};

/// Reads articles.jsonl as Sova reads it (a numeric id is its digits). Throws sova::InputError
/// ("file:line: reason") for invalid JSON or an article without an id.
std::vector<Article> read_articles(const std::string& path);

/// Xapian's Snowball stemmer for an ISO 639-1 code, or none. Xapian 1.4 has no Ukrainian
/// stemmer; the Russian one is not used in its place (a Xapian user would not know to, and it
/// mangles Ukrainian endings), so Ukrainian is unstemmed.
Xapian::Stem xapian_stemmer(const std::string& lang);

/// Builds the baseline index at `path` (replaced): the title under S and unprefixed, both with
/// weight 2 (as Sova weights titles), the body unprefixed, a Q<id> term, the id as data.
void build_xapian_index(const std::vector<Article>& articles, const std::string& path);

/// The baseline's searcher: the query language's stemmer, STEM_SOME, default OR, the database
/// (for wildcards; no stopper, so no word is dropped), `title:` mapped to S, FLAG_DEFAULT,
/// Enquire with its default BM25Weight.
class XapianBaseline {
public:
    explicit XapianBaseline(const std::string& path) : m_db(path) {}
    /// The ids of the best `depth` articles; throws Xapian::QueryParserError.
    std::vector<ScoredDoc> rank(const Topic& topic, unsigned depth);

private:
    Xapian::Database m_db;
    std::map<std::string, Xapian::Stem> m_stemmers;
};

} // namespace sova::eval
