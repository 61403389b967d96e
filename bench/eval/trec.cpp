#include "bench/eval/trec.hpp"

#include <sova/error.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <utility>

namespace sova::eval {

namespace {

std::vector<std::string_view> split_whitespace(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t at = 0;
    while (true) {
        at = line.find_first_not_of(" \t", at);
        if (at == std::string_view::npos) break;
        std::size_t end = line.find_first_of(" \t", at);
        fields.push_back(line.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
        if (end == std::string_view::npos) break;
        at = end;
    }
    return fields;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
    std::vector<std::string_view> fields;
    while (true) {
        std::size_t tab = line.find('\t');
        fields.push_back(line.substr(0, tab));
        if (tab == std::string_view::npos) break;
        line.remove_prefix(tab + 1);
    }
    return fields;
}

bool is_blank(std::string_view line) {
    return line.find_first_not_of(" \t") == std::string_view::npos;
}

template <typename Number> bool parse_number(std::string_view text, Number& value) {
    const char* end = text.data() + text.size();
    auto [ptr, error] = std::from_chars(text.data(), end, value);
    return error == std::errc() && ptr == end;
}

// Every line of `in`, without its line break ("\r\n" too), with its 1-based number.
void for_each_line(std::istream& in, const std::function<void(std::string_view, std::uint64_t)>& visit) {
    std::uint64_t number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        visit(line, number);
    }
}

std::ifstream open_input(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, "cannot read the file");
    return in;
}

std::string in_quotes(std::string_view text) {
    return "'" + std::string(text) + "'";
}

} // namespace

std::vector<Topic> parse_topics(std::istream& in, const std::string& name, const std::vector<std::string>& kinds) {
    std::vector<Topic> topics;
    std::map<std::string, std::uint64_t> seen; // qid -> line
    for_each_line(in, [&](std::string_view line, std::uint64_t number) {
        if (is_blank(line) || line.front() == '#') return;
        std::vector<std::string_view> fields = split_tabs(line);
        if (fields.size() != 4)
            throw InputError(name, number,
                             "expected 4 tab-separated fields (qid, kind, lang, query), found " +
                                 std::to_string(fields.size()));
        static const char* const field_names[] = {"qid", "kind", "lang", "query"};
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (is_blank(fields[i])) throw InputError(name, number, std::string("empty ") + field_names[i]);
        Topic topic{std::string(fields[0]), std::string(fields[1]), std::string(fields[2]), std::string(fields[3])};
        if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), topic.kind) == kinds.end()) {
            std::string known;
            for (const auto& kind : kinds) known += (known.empty() ? "" : ", ") + kind;
            throw InputError(name, number,
                             "unknown kind " + in_quotes(topic.kind) + " (expected one of " + known + ")");
        }
        if (auto [it, added] = seen.emplace(topic.qid, number); !added)
            throw InputError(name, number,
                             "qid " + in_quotes(topic.qid) + " repeated (first on line " + std::to_string(it->second) +
                                 ")");
        topics.push_back(std::move(topic));
    });
    return topics;
}

std::vector<Topic> read_topics(const std::string& path, const std::vector<std::string>& kinds) {
    std::ifstream in = open_input(path);
    return parse_topics(in, path, kinds);
}

Qrels parse_qrels(std::istream& in, const std::string& name) {
    Qrels qrels;
    std::map<std::pair<std::string, std::string>, std::uint64_t> seen; // (qid, docid) -> line
    for_each_line(in, [&](std::string_view line, std::uint64_t number) {
        if (is_blank(line)) return;
        if (line.front() == '#')
            throw InputError(name, number, "comment lines are not allowed in qrels (trec_eval rejects them)");
        std::vector<std::string_view> fields = split_whitespace(line);
        if (fields.size() != 4)
            throw InputError(name, number,
                             "expected 4 fields (qid iteration docid grade), found " + std::to_string(fields.size()));
        int grade = 0;
        if (!parse_number(fields[3], grade))
            throw InputError(name, number, "grade " + in_quotes(fields[3]) + " is not an integer");
        std::string qid(fields[0]), docid(fields[2]);
        if (auto [it, added] = seen.emplace(std::pair(qid, docid), number); !added)
            throw InputError(name, number,
                             "qid " + qid + " judges docid " + docid + " twice (first on line " +
                                 std::to_string(it->second) + ")");
        qrels[qid][docid] = grade;
    });
    return qrels;
}

Qrels read_qrels(const std::string& path) {
    std::ifstream in = open_input(path);
    return parse_qrels(in, path);
}

Run parse_run(std::istream& in, const std::string& name) {
    Run run;
    std::map<std::pair<std::string, std::string>, std::uint64_t> seen; // (qid, docid) -> line
    for_each_line(in, [&](std::string_view line, std::uint64_t number) {
        if (is_blank(line)) return;
        std::vector<std::string_view> fields = split_whitespace(line);
        if (fields.size() != 6)
            throw InputError(name, number,
                             "expected 6 fields (qid Q0 docid rank score tag), found " + std::to_string(fields.size()));
        long long rank = 0;
        if (!parse_number(fields[3], rank) || rank < 0)
            throw InputError(name, number, "rank " + in_quotes(fields[3]) + " is not a non-negative integer");
        double score = 0;
        if (!parse_number(fields[4], score) || !std::isfinite(score))
            throw InputError(name, number, "score " + in_quotes(fields[4]) + " is not a finite number");
        std::string qid(fields[0]), docid(fields[2]);
        if (auto [it, added] = seen.emplace(std::pair(qid, docid), number); !added)
            throw InputError(name, number,
                             "qid " + qid + " retrieves docid " + docid + " twice (first on line " +
                                 std::to_string(it->second) + ")");
        if (run.tag.empty()) run.tag = fields[5];
        run.rankings[qid].push_back({std::move(docid), score});
    });
    for (auto& [qid, docs] : run.rankings)
        std::sort(docs.begin(), docs.end(), [](const ScoredDoc& a, const ScoredDoc& b) {
            return a.score != b.score ? a.score > b.score : a.docid > b.docid;
        });
    return run;
}

Run read_run(const std::string& path) {
    std::ifstream in = open_input(path);
    return parse_run(in, path);
}

void write_run(std::ostream& out, const Run& run) {
    auto check_field = [](std::string_view what, std::string_view value) {
        if (value.empty() || value.find_first_of(" \t\r\n") != std::string_view::npos)
            throw std::invalid_argument("run " + std::string(what) + " " + in_quotes(value) +
                                        " is empty or holds whitespace");
    };
    check_field("tag", run.tag);
    std::array<char, 64> score{};
    for (const auto& [qid, docs] : run.rankings) {
        check_field("qid", qid);
        for (std::size_t i = 0; i < docs.size(); ++i) {
            check_field("docid", docs[i].docid);
            if (i > 0 && docs[i].score > docs[i - 1].score)
                throw std::invalid_argument("run for qid " + qid + ": the score of rank " + std::to_string(i + 1) +
                                            " is higher than that of rank " + std::to_string(i));
            auto [end, error] = std::to_chars(score.data(), score.data() + score.size(), docs[i].score);
            if (error != std::errc()) throw std::invalid_argument("unprintable score");
            out << qid << " Q0 " << docs[i].docid << ' ' << (i + 1) << ' '
                << std::string_view(score.data(), static_cast<std::size_t>(end - score.data())) << ' ' << run.tag
                << '\n';
        }
    }
}

void write_run(const std::string& path, const Run& run) {
    const std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        write_run(out, run);
        out.close();
        if (!out) throw std::runtime_error("cannot write " + temporary);
    }
    std::filesystem::rename(temporary, path);
}

int grade_of(const std::map<std::string, int>& judgments, const std::string& docid) {
    auto it = judgments.find(docid);
    return it == judgments.end() ? 0 : it->second;
}

namespace {

double gain(int grade) {
    return grade > 0 ? std::exp2(grade) - 1 : 0;
}
double discount(std::size_t index) {
    return 1 / std::log2(static_cast<double>(index) + 2);
} // rank index + 1

} // namespace

double ndcg_at(const std::vector<std::string>& ranking, const std::map<std::string, int>& judgments,
               std::size_t depth) {
    std::vector<int> ideal;
    for (const auto& [docid, grade] : judgments)
        if (grade > 0) ideal.push_back(grade);
    std::sort(ideal.begin(), ideal.end(), std::greater<>());
    double ideal_dcg = 0;
    for (std::size_t i = 0; i < ideal.size() && i < depth; ++i) ideal_dcg += gain(ideal[i]) * discount(i);
    if (ideal_dcg == 0) return 0;
    double dcg = 0;
    for (std::size_t i = 0; i < ranking.size() && i < depth; ++i)
        dcg += gain(grade_of(judgments, ranking[i])) * discount(i);
    return dcg / ideal_dcg;
}

double reciprocal_rank_at(const std::vector<std::string>& ranking, const std::map<std::string, int>& judgments,
                          std::size_t depth) {
    for (std::size_t i = 0; i < ranking.size() && i < depth; ++i)
        if (grade_of(judgments, ranking[i]) >= relevant_grade) return 1 / static_cast<double>(i + 1);
    return 0;
}

double precision_at(const std::vector<std::string>& ranking, const std::map<std::string, int>& judgments,
                    std::size_t depth) {
    if (depth == 0) return 0;
    std::size_t relevant = 0;
    for (std::size_t i = 0; i < ranking.size() && i < depth; ++i)
        relevant += grade_of(judgments, ranking[i]) >= relevant_grade;
    return static_cast<double>(relevant) / static_cast<double>(depth);
}

Metrics score_ranking(const std::vector<std::string>& ranking, const std::map<std::string, int>& judgments) {
    return {ndcg_at(ranking, judgments, ndcg_depth), reciprocal_rank_at(ranking, judgments, mrr_depth),
            precision_at(ranking, judgments, precision_depth)};
}

namespace {

struct Sum {
    std::size_t queries = 0;
    Metrics total;

    void add(const Metrics& m) {
        ++queries;
        total.ndcg10 += m.ndcg10;
        total.mrr10 += m.mrr10;
        total.p5 += m.p5;
    }
    Mean mean() const {
        if (queries == 0) return {};
        const auto n = static_cast<double>(queries);
        return {queries, {total.ndcg10 / n, total.mrr10 / n, total.p5 / n}};
    }
};

} // namespace

Evaluation evaluate(const std::vector<Topic>& topics, const Qrels& qrels, const Run& run) {
    static const std::map<std::string, int> no_judgments;
    static const std::vector<ScoredDoc> nothing;
    Evaluation evaluation;
    std::map<std::string, Sum> by_kind;
    Sum all;
    for (const Topic& topic : topics) {
        auto judged = qrels.find(topic.qid);
        const auto& judgments = judged == qrels.end() ? no_judgments : judged->second;
        bool any_relevant = std::any_of(judgments.begin(), judgments.end(),
                                        [](const auto& judgment) { return judgment.second >= relevant_grade; });
        if (!any_relevant) {
            evaluation.skipped.push_back(topic.qid);
            continue;
        }
        auto found = run.rankings.find(topic.qid);
        const auto& docs = found == run.rankings.end() ? nothing : found->second;
        std::vector<std::string> ranking;
        ranking.reserve(docs.size());
        for (const auto& doc : docs) ranking.push_back(doc.docid);
        QueryResult result{topic.qid, topic.kind, score_ranking(ranking, judgments), docs.size()};
        by_kind[topic.kind].add(result.metrics);
        all.add(result.metrics);
        evaluation.queries.push_back(std::move(result));
    }
    for (const auto& [kind, sum] : by_kind) evaluation.by_kind[kind] = sum.mean();
    evaluation.all = all.mean();
    return evaluation;
}

} // namespace sova::eval
