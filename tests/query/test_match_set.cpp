// match_set: the articles a query matches, read from posting lists, must be exactly those
// Xapian's matcher finds, on one database and on shards searched as one.
#include "query/match_set.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using Q = Xapian::Query;

// Article i holds "all", "mod2-(i%2)", "mod3-(i%3)", "mod5-(i%5)" and, below 7, "low".
void fill(Xapian::WritableDatabase& db, int from, int to) {
    for (int i = from; i < to; ++i) {
        Xapian::Document doc;
        for (const std::string& term : {std::string("all"), "mod2-" + std::to_string(i % 2),
                                        "mod3-" + std::to_string(i % 3), "mod5-" + std::to_string(i % 5)})
            doc.add_term(term);
        if (i < 7) doc.add_posting("low", 1);
        doc.add_value(0, std::to_string(i % 4));
        db.add_document(doc);
    }
}

std::vector<Xapian::docid> matcher(const Xapian::Database& db, const Q& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount() + 1);
    std::vector<Xapian::docid> ids;
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(*it);
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::vector<Q> supported() {
    const Q two("mod2-0"), three("mod3-1"), five("mod5-4"), low("low"), none("absent");
    return {
        two,
        none,
        Q::MatchAll,
        Q(),
        Q(Q::OP_OR, two, three),
        Q(Q::OP_SYNONYM, three, five),
        Q(Q::OP_MAX, low, five),
        Q(Q::OP_AND, two, three),
        Q(Q::OP_FILTER, Q(Q::OP_OR, three, five), two),
        Q(Q::OP_AND_NOT, two, three),
        Q(Q::OP_AND_NOT, Q::MatchAll, Q(Q::OP_OR, three, low)),
        Q(Q::OP_AND_MAYBE, five, two),
        Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_OR, low, five), 0.0),
        Q(Q::OP_OR, Q(Q::OP_SCALE_WEIGHT, two, 0.25), Q(Q::OP_AND, three, Q::MatchAll)),
        Q(Q::OP_FILTER, Q::MatchAll, Q(Q::OP_AND, Q(Q::OP_OR, two, low), Q(Q::OP_OR, three, five))),
        Q(Q::OP_AND_NOT, Q(Q::OP_OR, two, three), Q(Q::OP_OR, none, five)),
        Q(Q::OP_AND, two, none),
        Q(Q::OP_OR, none, Q()),
        Q(Q::OP_AND_NOT, two, Q::MatchAll),
        Q(Q::OP_OR, low, Q(Q::OP_SCALE_WEIGHT, none, 2.0)), // few: merged by sorting
        Q(Q::OP_OR, Q(Q::OP_OR, low, Q(Q::OP_SYNONYM, five, two)), Q(Q::OP_SCALE_WEIGHT, three, 0.5)), // by a bitmap
    };
}

} // namespace

TEST_CASE("match_set: the matcher's matches, on one database and on shards") {
    sova::test::TempDir dir;
    {
        Xapian::WritableDatabase whole(dir / "whole", Xapian::DB_CREATE);
        fill(whole, 0, 200);
        whole.delete_document(3); // a gap in the docids
        whole.commit();
        Xapian::WritableDatabase first(dir / "first", Xapian::DB_CREATE);
        fill(first, 0, 120);
        first.commit();
        Xapian::WritableDatabase second(dir / "second", Xapian::DB_CREATE);
        fill(second, 120, 200);
        second.commit();
    }
    Xapian::Database shards(dir / "first");
    shards.add_database(Xapian::Database(dir / "second"));
    Xapian::Database whole(dir / "whole");
    for (const Xapian::Database* db : {&whole, &shards}) {
        for (const Q& query : supported()) {
            INFO(query.get_description() << (db == &shards ? " over shards" : ""));
            const auto set = sova::detail::match_set(*db, query, 1000000);
            REQUIRE(set.has_value());
            CHECK(*set == matcher(*db, query));
        }
    }
}

TEST_CASE("match_set: what only the matcher decides, and the budget") {
    sova::test::TempDir dir;
    {
        Xapian::WritableDatabase db(dir / "db", Xapian::DB_CREATE);
        fill(db, 0, 30);
        db.commit();
    }
    const Xapian::Database db(dir / "db");
    const Q two("mod2-0"), low("low");
    Xapian::FixedWeightPostingSource source(1.0);
    for (const Q& query : {Q(Q::OP_PHRASE, two, low), Q(Q::OP_NEAR, two, low), Q(Q::OP_VALUE_RANGE, 0, "1", "2"),
                           Q(Q::OP_VALUE_GE, 0, "2"), Q(&source), Q(Q::OP_WILDCARD, "mod"),
                           Q(Q::OP_OR, two, Q(Q::OP_ELITE_SET, two, low)), Q(Q::OP_XOR, two, low)}) {
        INFO(query.get_description());
        CHECK_FALSE(sova::detail::match_set(db, query, 1000000).has_value());
    }
    // "mod2-0" is in 15 articles, "low" in 7: 22 postings.
    CHECK(sova::detail::match_set(db, Q(Q::OP_OR, two, low), 22).has_value());
    CHECK_FALSE(sova::detail::match_set(db, Q(Q::OP_OR, two, low), 21).has_value());
    // Every article, when its ids are needed, reads the all-documents list.
    CHECK_FALSE(sova::detail::match_set(db, Q(Q::OP_AND_NOT, Q::MatchAll, low), 29).has_value());
    CHECK(sova::detail::match_set(db, Q(Q::OP_AND_NOT, Q::MatchAll, low), 37)->size() == 23);
}
