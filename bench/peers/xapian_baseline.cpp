// sova_peer_xapian: searches an index that Xapian's scriptindex built with peers/articles.script,
// in process, the way a small Xapian application would: QueryParser with the script's stemmer
// (the stemmed terms carry Xapian's usual Z prefix, no field prefixes), every word required,
// BM25Weight, the top hits' id and title read from the document data.
//
//   sova_peer_xapian search --index DIR (--batch FILE | --query TEXT) [--limit 10] [--stemmer english]
//   sova_peer_xapian count --index DIR
#include <iostream>
#include <string>
#include <string_view>

#include <xapian.h>

#include "bench/peers/peer_common.hpp"

namespace {

constexpr const char* usage =
    "usage: sova_peer_xapian search --index DIR (--batch FILE | --query TEXT) [--limit N] [--stemmer LANG]\n"
    "       sova_peer_xapian count --index DIR\n";

// scriptindex stores the `field` actions as "name=value" lines in the document data; a value
// with line breaks spans several lines, so only a line that starts the data or follows the
// previous field is trusted: id and title come before the text.
std::string stored_field(const std::string& data, std::string_view name) {
    std::string key = std::string(name) + "=";
    std::size_t at = data.starts_with(key) ? 0 : data.find("\n" + key);
    if (at == std::string::npos) return {};
    if (at != 0) ++at;
    std::size_t begin = at + key.size();
    std::size_t end = data.find('\n', begin);
    return data.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

int run(int argc, char** argv) {
    using namespace sova::peers;
    CommandLine line = CommandLine::parse(argc, argv);
    Xapian::Database db(line.require("index"));
    if (line.mode == "count") {
        std::cout << db.get_doccount() << "\n";
        return 0;
    }
    if (line.mode != "search") throw UsageError("unknown mode '" + line.mode + "'");

    auto limit = static_cast<Xapian::doccount>(line.count("limit", 10));
    auto queries = queries_of(line);
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_stemmer(Xapian::Stem(line.get("stemmer", "english")));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_AND);
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BM25Weight());

    run_queries(queries, [&](const std::string& text) {
        std::vector<Hit> hits;
        Xapian::Query query;
        try {
            query = parser.parse_query(text, Xapian::QueryParser::FLAG_DEFAULT);
        } catch (const Xapian::QueryParserError& e) {
            std::cerr << "sova_peer_xapian: bad query '" << text << "': " << e.get_msg() << "\n";
            return hits;
        }
        enquire.set_query(query);
        Xapian::MSet mset = enquire.get_mset(0, limit);
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            std::string data = it.get_document().get_data();
            hits.push_back({stored_field(data, "id"), stored_field(data, "title")});
        }
        return hits;
    });
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    return sova::peers::guarded_main("sova_peer_xapian", usage, [&] {
        try {
            return run(argc, argv);
        } catch (const Xapian::Error& e) {
            throw std::runtime_error(e.get_description());
        }
    });
}
