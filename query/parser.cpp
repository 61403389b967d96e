#include "query/parser.hpp"

#include "query/filters.hpp"

#include <sova/error.hpp>

#include <array>

namespace sova::detail {

namespace {

enum class Tok { word, phrase, lparen, rparen, op_or, op_and, op_not, plus, minus, end };

struct Token {
    Tok type = Tok::end;
    std::string text;
    std::size_t offset = 0; // byte offset in the query
    bool adjacent = false;  // no space between the previous token and this one
    bool terminated = true; // phrases: closing quote found
};

bool is_space(char ch) {
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

constexpr std::array filter_fields = {"lang", "date", "after", "before", "since", "until", "source", "site"};

bool is_filter_field(std::string_view name) {
    for (std::string_view f : filter_fields)
        if (f == name) return true;
    return false;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& ch : out)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return out;
}

std::vector<Token> lex(std::string_view q) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    bool adjacent = false;
    while (i < q.size()) {
        char ch = q[i];
        if (is_space(ch)) {
            ++i;
            adjacent = false;
            continue;
        }
        if (ch == '(' && adjacent && !tokens.empty() && tokens.back().type == Tok::word && i + 1 < q.size() &&
            q[i + 1] == ')') {
            i += 2; // "glob()", "ioctl() operations": a function's name, not an empty group
            continue;
        }
        Token t;
        t.offset = i;
        t.adjacent = adjacent;
        if (ch == '(' || ch == ')') {
            t.type = ch == '(' ? Tok::lparen : Tok::rparen;
            ++i;
        } else if (ch == '"') {
            std::size_t close = q.find('"', i + 1);
            t.type = Tok::phrase;
            t.terminated = close != std::string_view::npos;
            std::size_t stop = t.terminated ? close : q.size();
            t.text = q.substr(i + 1, stop - i - 1);
            i = t.terminated ? close + 1 : q.size();
        } else if ((ch == '+' || ch == '-') && (i == 0 || is_space(q[i - 1]) || q[i - 1] == '(') && i + 1 < q.size() &&
                   !is_space(q[i + 1]) && q[i + 1] != ')') {
            t.type = ch == '+' ? Tok::plus : Tok::minus;
            ++i;
        } else {
            std::size_t start = i;
            while (i < q.size() && !is_space(q[i]) && q[i] != '(' && q[i] != ')' && q[i] != '"') ++i;
            t.text = q.substr(start, i - start);
            t.type = t.text == "OR"    ? Tok::op_or
                     : t.text == "AND" ? Tok::op_and
                     : t.text == "NOT" ? Tok::op_not
                                       : Tok::word;
        }
        tokens.push_back(std::move(t));
        adjacent = true;
    }
    Token end;
    end.offset = q.size();
    tokens.push_back(end);
    return tokens;
}

class Parser {
public:
    Parser(std::string_view query, bool lenient, const ParseLimits& limits)
        : m_query(query), m_tokens(lex(query)), m_lenient(lenient), m_limits(limits) {}

    NodePtr parse() {
        NodePtr root = list(0, nullptr);
        while (peek().type == Tok::rparen) { // a stray ')' at the top level
            if (!m_lenient) fail(peek().offset, "unexpected ')' with no '(' before it");
            ++m_at;
            NodePtr rest = list(0, nullptr);
            for (auto& child : rest->children) root->children.push_back(std::move(child));
        }
        return root;
    }

private:
    // The last token is always `end`; it is never consumed, so reading stays in bounds.
    const Token& peek() const { return m_tokens[m_at]; }
    const Token& take() {
        const Token& t = m_tokens[m_at];
        if (t.type != Tok::end) ++m_at;
        return t;
    }

    std::size_t column(std::size_t offset) const {
        std::size_t col = 1;
        for (std::size_t i = 0; i < offset && i < m_query.size(); ++i)
            if ((static_cast<unsigned char>(m_query[i]) & 0xC0) != 0x80) ++col;
        return col;
    }

    [[noreturn]] void fail(std::size_t offset, const std::string& reason) const {
        throw QueryError(column(offset), reason);
    }

    NodePtr make(NodeKind kind, std::size_t offset) const {
        auto node = std::make_unique<Node>();
        node->kind = kind;
        node->column = column(offset);
        return node;
    }

    NodePtr list(std::size_t depth, const Token* open) {
        NodePtr node = make(NodeKind::list, open ? open->offset : 0);
        while (peek().type != Tok::end && peek().type != Tok::rparen) {
            if (NodePtr child = disjunction(depth)) node->children.push_back(std::move(child));
        }
        return node;
    }

    NodePtr disjunction(std::size_t depth) {
        NodePtr left = conjunction(depth);
        if (peek().type != Tok::op_or) return left;
        NodePtr any = make(NodeKind::any, peek().offset);
        if (left) any->children.push_back(std::move(left));
        while (peek().type == Tok::op_or) {
            const Token& op = take();
            if (any->children.empty() && !m_lenient) fail(op.offset, "'OR' needs a term before it");
            if ((peek().type == Tok::end || peek().type == Tok::rparen || peek().type == Tok::op_or) && !m_lenient)
                fail(op.offset, "'OR' needs a term after it");
            if (NodePtr right = conjunction(depth)) any->children.push_back(std::move(right));
        }
        for (auto& child : any->children)
            if (child->occur == Occur::must_not) {
                if (!m_lenient) throw QueryError(child->column, "an excluded term cannot be one side of 'OR'");
                child->occur = Occur::should;
            }
        if (any->children.size() == 1) return std::move(any->children.front());
        if (any->children.empty()) return nullptr;
        return any;
    }

    NodePtr conjunction(std::size_t depth) {
        NodePtr left = unary(depth);
        if (peek().type != Tok::op_and) return left;
        NodePtr all = make(NodeKind::all, peek().offset);
        if (left) all->children.push_back(std::move(left));
        while (peek().type == Tok::op_and) {
            const Token& op = take();
            if (all->children.empty() && !m_lenient) fail(op.offset, "'AND' needs a term before it");
            if ((peek().type == Tok::end || peek().type == Tok::rparen || peek().type == Tok::op_or ||
                 peek().type == Tok::op_and) &&
                !m_lenient)
                fail(op.offset, "'AND' needs a term after it");
            if (NodePtr right = unary(depth)) all->children.push_back(std::move(right));
        }
        if (all->children.size() == 1) return std::move(all->children.front());
        if (all->children.empty()) return nullptr;
        return all;
    }

    NodePtr unary(std::size_t depth) {
        const Token& t = peek();
        Occur occur = Occur::should;
        if (t.type == Tok::op_not || t.type == Tok::minus || t.type == Tok::plus) {
            occur = t.type == Tok::plus ? Occur::must : Occur::must_not;
            const Token& op = take();
            Tok next = peek().type;
            if (next == Tok::end || next == Tok::rparen || next == Tok::op_or || next == Tok::op_and) {
                if (!m_lenient)
                    fail(op.offset, std::string("'") +
                                        (op.type == Tok::op_not ? "NOT"
                                         : op.type == Tok::plus ? "+"
                                                                : "-") +
                                        "' needs a term after it");
                return nullptr;
            }
            if (next == Tok::op_not || next == Tok::plus || next == Tok::minus) {
                if (!m_lenient) fail(peek().offset, "two operators in a row");
            }
        }
        NodePtr node = primary(depth);
        if (node && node->kind == NodeKind::like && occur == Occur::must_not) {
            if (!m_lenient) fail(t.offset, "'like:' cannot be excluded; exclude words or filters instead");
            occur = Occur::should;
        }
        if (node && occur != Occur::should) node->occur = occur;
        return node;
    }

    NodePtr primary(std::size_t depth) {
        const Token& t = take();
        switch (t.type) {
        case Tok::lparen: {
            if (depth + 1 > m_limits.max_depth)
                fail(t.offset, "parentheses nest deeper than " + std::to_string(m_limits.max_depth) + " levels");
            NodePtr group = list(depth + 1, &t);
            if (peek().type == Tok::rparen)
                take();
            else if (!m_lenient)
                fail(t.offset, "missing ')' to close this '('");
            if (group->children.empty()) {
                if (!m_lenient) fail(t.offset, "empty parentheses");
                return nullptr;
            }
            return group;
        }
        case Tok::phrase: {
            if (!t.terminated && !m_lenient) fail(t.offset, "missing closing '\"' for the phrase that starts here");
            NodePtr node = make(NodeKind::phrase, t.offset);
            node->text = t.text;
            return node;
        }
        case Tok::word:
            return word(t, depth);
        case Tok::op_or:
        case Tok::op_and:
        case Tok::op_not: {
            if (!m_lenient) fail(t.offset, "'" + t.text + "' needs a term before it");
            NodePtr node = make(NodeKind::word, t.offset);
            node->text = t.text;
            return node;
        }
        case Tok::rparen:
            if (!m_lenient) fail(t.offset, "unexpected ')' with no '(' before it");
            return nullptr;
        case Tok::plus:
        case Tok::minus:
        case Tok::end:
            break;
        }
        return nullptr;
    }

    NodePtr word(const Token& t, std::size_t depth) {
        std::size_t colon = t.text.find(':');
        if (colon != std::string::npos && colon > 0) {
            std::string field = lower_ascii(std::string_view(t.text).substr(0, colon));
            std::string value = t.text.substr(colon + 1);
            if (field == "title" || is_filter_field(field)) return fielded(t, field, value, depth);
            if (field == "entity") return entity(t, value);
            if (field == "like") return like(t, value);
        }
        NodePtr node = make(NodeKind::word, t.offset);
        node->text = t.text;
        if (node->text.size() > 1 && node->text.back() == '*') {
            node->kind = NodeKind::wildcard;
            node->text.pop_back();
        }
        return node;
    }

    // entity:Kyiv, entity:"Olena Marchuk": the entity the name names, in any script or spelling.
    NodePtr entity(const Token& t, const std::string& value) {
        std::string text = value;
        if (text.empty() && peek().adjacent && peek().type == Tok::phrase) text = take().text;
        if (text.find_first_not_of(' ') == std::string::npos) {
            if (!m_lenient) fail(t.offset, "'entity:' needs a name after it, e.g. entity:\"Olena Marchuk\"");
            return nullptr;
        }
        NodePtr node = make(NodeKind::phrase, t.offset);
        node->field = "entity";
        node->text = text;
        return node;
    }

    // like:ID, like:"id with spaces": articles like that one (query/more_like_this.hpp).
    NodePtr like(const Token& t, const std::string& value) {
        std::string id = value;
        if (id.empty() && peek().adjacent && peek().type == Tok::phrase) id = take().text;
        if (id.empty()) {
            if (!m_lenient) fail(t.offset, "'like:' needs an article id after it, e.g. like:en-0003");
            return nullptr;
        }
        NodePtr node = make(NodeKind::like, t.offset);
        node->text = id;
        return node;
    }

    NodePtr fielded(const Token& t, const std::string& field, const std::string& value, std::size_t depth) {
        std::size_t value_offset = t.offset + field.size() + 1;
        if (field == "title") {
            NodePtr node;
            if (!value.empty()) {
                Token inner = t;
                inner.text = value;
                inner.offset = value_offset;
                node = word(inner, depth);
            } else if (peek().adjacent && (peek().type == Tok::phrase || peek().type == Tok::lparen)) {
                node = primary(depth);
            } else {
                if (!m_lenient) fail(t.offset, "'title:' needs a word, a phrase or a group after it");
                return nullptr;
            }
            if (node) mark_title(*node);
            return node;
        }
        std::string text = value;
        if (text.empty() && peek().adjacent && peek().type == Tok::phrase) {
            const Token& phrase = take();
            text = phrase.text;
            value_offset = phrase.offset + 1;
        }
        if (text.empty()) {
            if (!m_lenient) fail(t.offset, "'" + field + ":' needs a value after it");
            return nullptr;
        }
        NodePtr node = make(NodeKind::filter, t.offset);
        node->field = field == "site" ? "source" : field;
        node->text = text;
        try {
            validate_filter(*node, value_offset);
        } catch (const QueryError&) {
            if (!m_lenient) throw;
            node->kind = NodeKind::word; // lenient: "after:yesterday" is just words
            node->field.clear();
            node->text = t.text.empty() ? text : t.text + (value.empty() ? " " + text : "");
        }
        return node;
    }

    void mark_title(Node& node) {
        if (node.kind == NodeKind::filter) return; // title:(war lang:uk) keeps its language filter
        node.field = "title";
        for (auto& child : node.children) mark_title(*child);
    }

    // Parses the filter's value into its typed form (Node::filter); throws QueryError at the
    // bad part of the value.
    void validate_filter(Node& node, std::size_t offset) {
        std::string error;
        std::size_t error_at = 0;
        if (!parse_filter(node.field, node.text, node.filter, error, error_at)) fail(offset + error_at, error);
    }

    std::string_view m_query;
    std::vector<Token> m_tokens;
    std::size_t m_at = 0;
    bool m_lenient;
    ParseLimits m_limits;
};

void describe_into(const Node& node, std::string& out) {
    if (node.occur == Occur::must) out += '+';
    if (node.occur == Occur::must_not) out += '-';
    if (!node.field.empty() && node.kind != NodeKind::filter) out += node.field + ":";
    switch (node.kind) {
    case NodeKind::word:
        out += "word:" + node.text;
        return;
    case NodeKind::phrase:
        out += "phrase:\"" + node.text + "\"";
        return;
    case NodeKind::wildcard:
        out += "wildcard:" + node.text + "*";
        return;
    case NodeKind::filter:
        out += "filter:" + node.field + "=" + node.text;
        return;
    case NodeKind::like:
        out += "like:" + node.text;
        return;
    case NodeKind::list:
        out += "(list";
        break;
    case NodeKind::any:
        out += "(any";
        break;
    case NodeKind::all:
        out += "(all";
        break;
    }
    for (const auto& child : node.children) {
        out += ' ';
        describe_into(*child, out);
    }
    out += ')';
}

} // namespace

std::string describe(const Node& node) {
    std::string out;
    describe_into(node, out);
    return out;
}

namespace {
std::size_t count_terms(const Node& node) {
    std::size_t n = node.kind == NodeKind::word || node.kind == NodeKind::phrase || node.kind == NodeKind::wildcard ||
                    node.kind == NodeKind::like;
    for (const auto& child : node.children) n += count_terms(*child);
    return n;
}
} // namespace

NodePtr parse_query(std::string_view query, bool lenient, const ParseLimits& limits) {
    if (query.size() > limits.max_bytes)
        throw QueryError(1, "query is " + std::to_string(query.size()) + " bytes long; the limit is " +
                                std::to_string(limits.max_bytes));
    NodePtr root = Parser(query, lenient, limits).parse();
    if (std::size_t terms = count_terms(*root); terms > limits.max_terms)
        throw QueryError(1, "query has " + std::to_string(terms) + " words and phrases; the limit is " +
                                std::to_string(limits.max_terms));
    return root;
}

bool is_query_field(std::string_view name) {
    const std::string field = lower_ascii(name);
    return field == "title" || field == "entity" || field == "like" || is_filter_field(field);
}

} // namespace sova::detail
