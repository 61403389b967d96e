#include "query/match_set.hpp"

#include <algorithm>
#include <bit>
#include <iterator>
#include <utility>

namespace sova::detail {

namespace {

using Q = Xapian::Query;
using DocIds = std::vector<Xapian::docid>;

// A set of docids, or every article (match-all, kept symbolic until something needs its ids).
struct Set {
    bool all = false;
    DocIds ids;
};

class Evaluator {
public:
    Evaluator(const Xapian::Database& db, std::uint64_t budget)
        : m_db(db), m_budget(budget), m_last(db.get_lastdocid()) {}

    // nullopt: not a query this evaluates, or over the budget.
    std::optional<Set> eval(const Q& query) {
        switch (query.get_type()) {
        case Q::LEAF_TERM:
            return postings(*query.get_terms_begin());
        case Q::LEAF_MATCH_ALL:
            return Set{true, {}};
        case Q::LEAF_MATCH_NOTHING:
            return Set{};
        case Q::OP_SCALE_WEIGHT:
        case Q::OP_AND_MAYBE: // the right side only adds weight
            return eval(query.get_subquery(0));
        case Q::OP_OR:
        case Q::OP_SYNONYM:
        case Q::OP_MAX: {
            std::vector<Set> parts;
            if (!union_parts(query, parts)) return std::nullopt;
            return unite(std::move(parts));
        }
        case Q::OP_AND:
        case Q::OP_FILTER:
            return intersection(query);
        case Q::OP_AND_NOT:
            return without(query);
        default:
            return std::nullopt;
        }
    }

    // The ids of a set: every article's read from the all-documents posting list.
    std::optional<DocIds> ids(Set set) {
        if (!set.all) return std::move(set.ids);
        std::optional<Set> every = postings("");
        if (!every) return std::nullopt;
        return std::move(every->ids);
    }

private:
    std::optional<Set> postings(const std::string& term) {
        const Xapian::doccount frequency = term.empty() ? m_db.get_doccount() : m_db.get_termfreq(term);
        if (frequency > m_budget - std::min(m_budget, m_read)) return std::nullopt;
        m_read += frequency;
        Set set;
        set.ids.reserve(frequency);
        for (auto it = m_db.postlist_begin(term); it != m_db.postlist_end(term); ++it) set.ids.push_back(*it);
        return set;
    }

    std::optional<Set> intersection(const Q& query) {
        std::optional<Set> out;
        for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
            std::optional<Set> part = eval(query.get_subquery(i));
            if (!part) return std::nullopt;
            out = out ? intersect(std::move(*out), std::move(*part)) : std::move(part);
        }
        return out ? out : Set{};
    }

    std::optional<Set> without(const Q& query) {
        std::optional<Set> left = eval(query.get_subquery(0));
        if (!left) return std::nullopt;
        for (std::size_t i = 1; i < query.get_num_subqueries(); ++i) {
            std::optional<Set> right = eval(query.get_subquery(i));
            if (!right) return std::nullopt;
            if (right->all) return Set{};
            if (left->all) {
                std::optional<DocIds> every = ids(std::move(*left));
                if (!every) return std::nullopt;
                left = Set{false, std::move(*every)};
            }
            DocIds rest;
            std::set_difference(left->ids.begin(), left->ids.end(), right->ids.begin(), right->ids.end(),
                                std::back_inserter(rest));
            left->ids = std::move(rest);
        }
        return left;
    }

    // The sets whose union a query is: the parts of nested ORs (also under weight factors)
    // gathered to be merged once. False: a part this does not evaluate.
    bool union_parts(const Q& query, std::vector<Set>& parts) {
        const Q::op op = query.get_type();
        if (op == Q::OP_OR || op == Q::OP_SYNONYM || op == Q::OP_MAX) {
            for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
                if (!union_parts(query.get_subquery(i), parts)) return false;
            return true;
        }
        if (op == Q::OP_SCALE_WEIGHT) return union_parts(query.get_subquery(0), parts);
        std::optional<Set> part = eval(query);
        if (!part) return false;
        parts.push_back(std::move(*part));
        return true;
    }

    // The union of sets: sorted once when they are sparse, through a bitmap of every docid when
    // they hold more than a docid in 16 of the archive.
    Set unite(std::vector<Set> parts) {
        std::size_t total = 0;
        for (const Set& part : parts) {
            if (part.all) return Set{true, {}};
            total += part.ids.size();
        }
        if (parts.size() == 1) return std::move(parts.front());
        Set out;
        if (total * 16 < m_last) {
            out.ids.reserve(total);
            for (const Set& part : parts) out.ids.insert(out.ids.end(), part.ids.begin(), part.ids.end());
            std::sort(out.ids.begin(), out.ids.end());
            out.ids.erase(std::unique(out.ids.begin(), out.ids.end()), out.ids.end());
            return out;
        }
        constexpr unsigned bits = 64;
        Xapian::docid largest = 0; // get_lastdocid() at most, each part ascending
        for (const Set& part : parts)
            if (!part.ids.empty()) largest = std::max(largest, part.ids.back());
        std::vector<std::uint64_t> bitmap(largest / bits + 1);
        for (const Set& part : parts)
            for (Xapian::docid did : part.ids) bitmap[did / bits] |= std::uint64_t{1} << (did % bits);
        out.ids.reserve(total);
        for (std::size_t word = 0; word < bitmap.size(); ++word)
            for (std::uint64_t set = bitmap[word]; set != 0; set &= set - 1)
                out.ids.push_back(static_cast<Xapian::docid>(word * bits + std::countr_zero(set)));
        return out;
    }

    Set intersect(Set a, Set b) {
        if (a.all) return b;
        if (b.all) return a;
        Set out;
        std::set_intersection(a.ids.begin(), a.ids.end(), b.ids.begin(), b.ids.end(), std::back_inserter(out.ids));
        return out;
    }

    const Xapian::Database& m_db;
    std::uint64_t m_budget;
    std::uint64_t m_read = 0;
    Xapian::docid m_last; // the archive's last docid
};

} // namespace

std::optional<std::vector<Xapian::docid>> match_set(const Xapian::Database& db, const Xapian::Query& query,
                                                    std::uint64_t budget) {
    Evaluator evaluator(db, budget);
    std::optional<Set> set = evaluator.eval(query);
    if (!set) return std::nullopt;
    return evaluator.ids(std::move(*set));
}

bool holds_operator(const Xapian::Query& query, Xapian::Query::op op) {
    if (query.get_type() == op) return true;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
        if (holds_operator(query.get_subquery(i), op)) return true;
    return false;
}

} // namespace sova::detail
