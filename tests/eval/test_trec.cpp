// bench/eval/trec: metrics on hand-computed rankings, averaging per kind, and the parsers of
// topics, qrels and run files (their orderings and their error messages).
#include "bench/eval/trec.hpp"

#include <sova/error.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace sova::eval;

// 1 / log2(rank + 1) for ranks 1..4.
const double d1 = 1.0, d2 = 1 / std::log2(3.0), d3 = 0.5, d4 = 1 / std::log2(5.0);

const std::map<std::string, int> judgments{{"a", 2}, {"b", 1}, {"c", 0}, {"d", 1}};

std::string message_of(const std::function<void()>& parse) {
    try {
        parse();
    } catch (const sova::InputError& e) {
        return e.what();
    }
    return "(no error)";
}

struct ErrorRow {
    const char* input;
    const char* message; // what() for a stream named "f"
};

} // namespace

TEST_CASE("trec: nDCG@10 uses gains 2^g - 1, 1/log2(rank + 1) and the query's own ideal ranking") {
    SUBCASE("graded, with an unjudged document (gain 0) and a judged non-relevant one") {
        // gains: c 0, a 3, x 0 (unjudged), b 1; ideal: a, b, d = 3, 1, 1.
        double dcg = 3 * d2 + 1 * d4;
        double ideal = 3 * d1 + 1 * d2 + 1 * d3;
        CHECK(ndcg_at({"c", "a", "x", "b"}, judgments, 10) == doctest::Approx(dcg / ideal));
        CHECK(ndcg_at({"c", "a", "x", "b"}, judgments, 10) == doctest::Approx(0.5624559));
    }
    SUBCASE("the ideal ranking scores 1, whatever the order of equal grades") {
        CHECK(ndcg_at({"a", "b", "d"}, judgments, 10) == doctest::Approx(1.0));
        CHECK(ndcg_at({"a", "d", "b", "c"}, judgments, 10) == doctest::Approx(1.0));
    }
    SUBCASE("a grade-2 document is worth three grade-1 documents") {
        const std::map<std::string, int> one_of_each{{"hi", 2}, {"lo", 1}};
        CHECK(ndcg_at({"lo"}, one_of_each, 10) == doctest::Approx(1 / (3 + d2)));
        CHECK(ndcg_at({"hi"}, one_of_each, 10) == doctest::Approx(3 / (3 + d2)));
    }
    SUBCASE("documents below the cutoff count for nothing; the ideal is cut too") {
        std::vector<std::string> ranking(10, "");
        for (std::size_t i = 0; i < ranking.size(); ++i) ranking[i] = "n" + std::to_string(i);
        ranking.push_back("a");
        CHECK(ndcg_at(ranking, judgments, 10) == 0.0);
        CHECK(ndcg_at({"b"}, judgments, 1) == doctest::Approx(1.0 / 3)); // ideal@1 is a alone
    }
    SUBCASE("no positive grade, or nothing retrieved: 0") {
        CHECK(ndcg_at({"c"}, {{"c", 0}}, 10) == 0.0);
        CHECK(ndcg_at({}, judgments, 10) == 0.0);
        CHECK(ndcg_at({"c"}, {{"c", -1}}, 10) == 0.0); // trec_eval's "unjudged in the pool"
    }
}

TEST_CASE("trec: reciprocal rank within 10 and P@5 count grade >= 1 as relevant") {
    CHECK(reciprocal_rank_at({"a"}, judgments, 10) == 1.0);
    CHECK(reciprocal_rank_at({"c", "x", "b", "a"}, judgments, 10) == doctest::Approx(1.0 / 3));
    CHECK(reciprocal_rank_at({"c", "x"}, judgments, 10) == 0.0);
    std::vector<std::string> late(10, "x");
    late.push_back("a");
    CHECK(reciprocal_rank_at(late, judgments, 10) == 0.0);
    CHECK(reciprocal_rank_at(late, judgments, 11) == doctest::Approx(1.0 / 11));

    CHECK(precision_at({"a", "c", "b"}, judgments, 5) == doctest::Approx(0.4)); // fewer than 5 retrieved
    CHECK(precision_at({"c", "x", "y", "z", "w", "a", "b"}, judgments, 5) == 0.0);
    CHECK(precision_at({"a", "b", "d", "c", "x"}, judgments, 5) == doctest::Approx(0.6));

    Metrics m = score_ranking({"c", "a", "x", "b"}, judgments);
    CHECK(m.ndcg10 == doctest::Approx(0.5624559));
    CHECK(m.mrr10 == doctest::Approx(0.5));
    CHECK(m.p5 == doctest::Approx(0.4));
}

TEST_CASE("trec: evaluate averages per kind and overall, skipping topics without relevant documents") {
    std::vector<Topic> topics{
        {"q1", "entity", "en", "Kyiv"},   {"q2", "entity", "ru", "Киев"},     {"q3", "plain", "en", "rain"},
        {"q4", "plain", "en", "no rels"}, {"q5", "ambiguous", "en", "Paris"}, {"q6", "plain", "en", "not run"},
    };
    Qrels qrels{
        {"q1", {{"a", 2}}},
        {"q2", {{"b", 1}, {"z", 0}}},
        {"q3", {{"r", 1}, {"s", 2}}},
        {"q4", {{"n", 0}}}, // judged, nothing relevant: skipped
        // q5: not judged at all: skipped
        {"q6", {{"m", 1}}}, // relevant, but missing from the run: scores 0
        {"q9", {{"a", 1}}}, // not a topic: ignored
    };
    Run run;
    run.tag = "t";
    run.rankings["q1"] = {{"a", 3}};
    run.rankings["q2"] = {{"x", 2}, {"b", 1}};
    run.rankings["q3"] = {{"s", 2}, {"x", 1}, {"r", 0}};
    run.rankings["q4"] = {{"n", 1}};
    run.rankings["q9"] = {{"a", 1}};

    Evaluation e = evaluate(topics, qrels, run);
    CHECK(e.skipped == std::vector<std::string>{"q4", "q5"});
    REQUIRE(e.queries.size() == 4);
    CHECK(e.queries[0].qid == "q1");
    CHECK(e.queries[3].qid == "q6");
    CHECK(e.queries[3].retrieved == 0);

    const double q2_ndcg = d2;                                    // b at rank 2, ideal: b at rank 1
    const double q3_ndcg = (3 * d1 + 1 * d3) / (3 * d1 + 1 * d2); // s, x, r against s, r
    CHECK(e.queries[1].metrics.ndcg10 == doctest::Approx(q2_ndcg));
    CHECK(e.queries[2].metrics.ndcg10 == doctest::Approx(q3_ndcg));

    REQUIRE(e.by_kind.count("entity") == 1);
    REQUIRE(e.by_kind.count("plain") == 1);
    CHECK(e.by_kind.count("ambiguous") == 0); // its one topic was skipped
    const Mean& entity = e.by_kind.at("entity");
    CHECK(entity.queries == 2);
    CHECK(entity.metrics.ndcg10 == doctest::Approx((1 + q2_ndcg) / 2));
    CHECK(entity.metrics.mrr10 == doctest::Approx((1 + 0.5) / 2));
    CHECK(entity.metrics.p5 == doctest::Approx(0.2));
    const Mean& plain = e.by_kind.at("plain");
    CHECK(plain.queries == 2);
    CHECK(plain.metrics.ndcg10 == doctest::Approx(q3_ndcg / 2));
    CHECK(plain.metrics.mrr10 == doctest::Approx(0.5));
    CHECK(plain.metrics.p5 == doctest::Approx(0.4 / 2));
    CHECK(e.all.queries == 4);
    CHECK(e.all.metrics.ndcg10 == doctest::Approx((1 + q2_ndcg + q3_ndcg + 0) / 4));
    CHECK(e.all.metrics.mrr10 == doctest::Approx((1 + 0.5 + 1 + 0) / 4));
    CHECK(e.all.metrics.p5 == doctest::Approx((0.2 + 0.2 + 0.4 + 0) / 4));

    Evaluation nothing = evaluate({{"q4", "plain", "en", "x"}}, qrels, run);
    CHECK(nothing.all.queries == 0);
    CHECK(nothing.all.metrics.ndcg10 == 0.0);
    CHECK(nothing.by_kind.empty());
}

TEST_CASE("trec: topics") {
    std::istringstream in("# qid kind lang query\n"
                          "e1\tentity\tuk\tВолодимир Зеленський\n"
                          "\n"
                          "p1\tplain\ten\tcheap flights to Lisbon\r\n");
    std::vector<Topic> topics = parse_topics(in, "queries.tsv", {"entity", "plain"});
    REQUIRE(topics.size() == 2);
    CHECK(topics[0].qid == "e1");
    CHECK(topics[0].kind == "entity");
    CHECK(topics[0].lang == "uk");
    CHECK(topics[0].query == "Володимир Зеленський");
    CHECK(topics[1].query == "cheap flights to Lisbon");

    const ErrorRow rows[] = {
        {"q1 entity en Kyiv\n", "f:1: expected 4 tab-separated fields (qid, kind, lang, query), found 1"},
        {"# c\nq1\tentity\ten\n", "f:2: expected 4 tab-separated fields (qid, kind, lang, query), found 3"},
        {"q1\tentity\ten\tKyiv\textra\n", "f:1: expected 4 tab-separated fields (qid, kind, lang, query), found 5"},
        {"q1\tentity\ten\t \n", "f:1: empty query"},
        {"\tentity\ten\tKyiv\n", "f:1: empty qid"},
        {"q1\tperson\ten\tKyiv\n", "f:1: unknown kind 'person' (expected one of entity, plain)"},
        {"q1\tentity\ten\tKyiv\nq1\tplain\ten\tKyiv\n", "f:2: qid 'q1' repeated (first on line 1)"},
    };
    for (const auto& row : rows) {
        SUBCASE(row.message) {
            std::istringstream bad(row.input);
            CHECK(message_of([&] { parse_topics(bad, "f", {"entity", "plain"}); }) == row.message);
        }
    }
}

TEST_CASE("trec: qrels") {
    std::istringstream in("q1 0 d1 2\nq1 0 d2 0\n\nq2\t0\td1\t1\r\nq3 Q0 d9 -1\n");
    Qrels qrels = parse_qrels(in, "qrels.txt");
    CHECK(qrels.size() == 3);
    CHECK(qrels["q1"] == std::map<std::string, int>{{"d1", 2}, {"d2", 0}});
    CHECK(qrels["q2"] == std::map<std::string, int>{{"d1", 1}});
    CHECK(qrels["q3"] == std::map<std::string, int>{{"d9", -1}});
    CHECK(grade_of(qrels["q1"], "d1") == 2);
    CHECK(grade_of(qrels["q1"], "nope") == 0);

    const ErrorRow rows[] = {
        {"q1 0 d1\n", "f:1: expected 4 fields (qid iteration docid grade), found 3"},
        {"q1 0 d1 2\nq1 0 d2 1 x\n", "f:2: expected 4 fields (qid iteration docid grade), found 5"},
        {"q1 0 d1 high\n", "f:1: grade 'high' is not an integer"},
        {"q1 0 d1 1.5\n", "f:1: grade '1.5' is not an integer"},
        {"q1 0 d1 2\nq2 0 d1 1\nq1 0 d1 0\n", "f:3: qid q1 judges docid d1 twice (first on line 1)"},
        {"# judged by hand\n", "f:1: comment lines are not allowed in qrels (trec_eval rejects them)"},
    };
    for (const auto& row : rows) {
        SUBCASE(row.message) {
            std::istringstream bad(row.input);
            CHECK(message_of([&] { parse_qrels(bad, "f"); }) == row.message);
        }
    }
    CHECK(message_of([] { read_qrels("/nonexistent/qrels.txt"); }) == "/nonexistent/qrels.txt: cannot read the file");
}

TEST_CASE("trec: runs are ordered as trec_eval orders them, and written so that they read back the same") {
    SUBCASE("score descending, ties by docid descending; the rank column is ignored") {
        std::istringstream in("q1 Q0 b 1 1.0 t\nq1 Q0 a 2 1.0 t\nq1 Q0 c 3 2.5 t\nq2\tQ0\tz\t1\t-3e-1\tt\n");
        Run run = parse_run(in, "r");
        CHECK(run.tag == "t");
        REQUIRE(run.rankings["q1"].size() == 3);
        CHECK(run.rankings["q1"][0].docid == "c");
        CHECK(run.rankings["q1"][1].docid == "b");
        CHECK(run.rankings["q1"][2].docid == "a");
        CHECK(run.rankings["q2"][0].score == -0.3);
    }
    SUBCASE("round trip, scores exact") {
        Run run;
        run.tag = "sova";
        run.rankings["q10"] = {{"x", 0.1 + 0.2}, {"y", 0.3}, {"w", 0.3}, {"v", -1}};
        run.rankings["q2"] = {{"d", 100}};
        std::ostringstream out;
        write_run(out, run);
        CHECK(out.str() == "q10 Q0 x 1 0.30000000000000004 sova\n"
                           "q10 Q0 y 2 0.3 sova\n"
                           "q10 Q0 w 3 0.3 sova\n"
                           "q10 Q0 v 4 -1 sova\n"
                           "q2 Q0 d 1 100 sova\n");
        std::istringstream in(out.str());
        Run back = parse_run(in, "r");
        CHECK(back.tag == "sova");
        REQUIRE(back.rankings["q10"].size() == 4);
        CHECK(back.rankings["q10"][0].docid == "x");
        CHECK(back.rankings["q10"][0].score == 0.1 + 0.2);
        CHECK(back.rankings["q10"][1].docid == "y"); // a tie: y > w
        CHECK(back.rankings["q10"][2].docid == "w");
    }
    SUBCASE("write_run refuses what would not read back in its order") {
        Run run;
        run.tag = "t";
        run.rankings["q1"] = {{"a", 1}, {"b", 2}};
        std::ostringstream out;
        CHECK_THROWS_AS(write_run(out, run), std::invalid_argument);
        run.rankings["q1"] = {{"a b", 1}};
        CHECK_THROWS_AS(write_run(out, run), std::invalid_argument);
        run.rankings["q1"] = {{"a", 1}};
        run.tag = "";
        CHECK_THROWS_AS(write_run(out, run), std::invalid_argument);
    }

    const ErrorRow rows[] = {
        {"q1 Q0 d1 1 0.5\n", "f:1: expected 6 fields (qid Q0 docid rank score tag), found 5"},
        {"q1 Q0 d1 1 0.5 t\nq1 Q0 d2 first 0.4 t\n", "f:2: rank 'first' is not a non-negative integer"},
        {"q1 Q0 d1 -1 0.5 t\n", "f:1: rank '-1' is not a non-negative integer"},
        {"q1 Q0 d1 1 high t\n", "f:1: score 'high' is not a finite number"},
        {"q1 Q0 d1 1 nan t\n", "f:1: score 'nan' is not a finite number"},
        {"q1 Q0 d1 1 0.5 t\nq2 Q0 d1 1 0.5 t\nq1 Q0 d1 2 0.4 t\n",
         "f:3: qid q1 retrieves docid d1 twice (first on line 1)"},
    };
    for (const auto& row : rows) {
        SUBCASE(row.message) {
            std::istringstream bad(row.input);
            CHECK(message_of([&] { parse_run(bad, "f"); }) == row.message);
        }
    }
}

TEST_CASE("trec: the harness fixture (tests/eval/fixture) is a valid judged collection") {
    const std::filesystem::path dir = std::filesystem::path(__FILE__).parent_path() / "fixture";
    std::vector<Topic> topics =
        read_topics((dir / "queries.tsv").string(), {"entity", "cross-script", "ambiguous", "plain"});
    Qrels qrels = read_qrels((dir / "qrels.txt").string());
    CHECK(topics.size() == 11);
    for (const auto& entry : qrels) {
        const std::string& qid = entry.first; // a named copy: clang 14 cannot capture a binding
        INFO("qid " << qid);
        CHECK(std::any_of(topics.begin(), topics.end(), [&](const Topic& t) { return t.qid == qid; }));
    }
    Evaluation nothing = evaluate(topics, qrels, Run{});
    CHECK(nothing.skipped == std::vector<std::string>{"s1"}); // judged, nothing relevant: shows the skip
    CHECK(nothing.all.queries == 10);
}
