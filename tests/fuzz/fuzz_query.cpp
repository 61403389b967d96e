// Fuzzes the query parser and compiler: any bytes parse (strictly and leniently) to an AST or a
// sova::QueryError, and every AST compiles to a Xapian query or a QueryError. Each compiled
// query's matches read from posting lists (match_set) must equal Xapian's matcher's, over a
// small in-memory index of the query's own terms.
#include "query/compiler.hpp"
#include "query/match_set.hpp"
#include "query/parser.hpp"

#include <sova/error.hpp>

#include <xapian.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {
// Stems in two languages per script, and an index of 1,000 articles (so coordination runs).
struct Statistics : sova::detail::IndexStatistics {
    std::vector<std::string> stem_languages(sova::detail::Script script) const override {
        if (script == sova::detail::Script::latin) return {"en", "fr"};
        if (script == sova::detail::Script::cyrillic) return {"ru", "uk"};
        return {};
    }
    double documents() const override { return 1000; }
    double document_frequency(const std::string& term) const override { return 1 + term.size() % 7; }
};
// 24 articles holding the query's terms in a fixed pattern (article i holds term j when
// (i + 1) * (j + 3) % 5 < 2), the fifth deleted: docids with a gap.
Xapian::Database index_of(const Xapian::Query& query) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    std::vector<std::string> terms(query.get_terms_begin(), query.get_terms_end());
    for (unsigned i = 0; i < 24; ++i) {
        Xapian::Document doc;
        for (unsigned j = 0; j < terms.size(); ++j)
            if ((i + 1) * (j + 3) % 5 < 2) doc.add_term(terms[j]);
        db.add_document(doc);
    }
    db.delete_document(5);
    return db;
}

std::vector<Xapian::docid> matched(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount() + 1);
    std::vector<Xapian::docid> ids(mset.begin(), mset.end());
    std::sort(ids.begin(), ids.end());
    return ids;
}

// The query and its matching part: the matcher's matches, when match_set evaluates them. (That
// both have the same matches holds in a real index, where an article with a word's lead term
// has the word; not in this one.)
void check_match_set(const sova::detail::CompiledQuery& compiled) {
    const Xapian::Database db = index_of(compiled.query);
    for (const Xapian::Query* query : {&compiled.query, &compiled.matching}) {
        if (query->empty() && query == &compiled.matching) continue;
        const auto set = sova::detail::match_set(db, *query, 100000);
        if (set && *set != matched(db, *query)) std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view query(reinterpret_cast<const char*>(data), size);
    for (bool lenient : {false, true}) {
        try {
            sova::detail::NodePtr root = sova::detail::parse_query(query, lenient);
            (void)sova::detail::describe(*root);
            auto compiled = sova::detail::compile_query(*root, sova::detail::thread_analyzer(), Statistics{});
            (void)compiled.query.get_description();
            check_match_set(compiled);
        } catch (const sova::QueryError&) {
        }
    }
    return 0;
}
