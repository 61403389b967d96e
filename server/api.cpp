#include "server/api.hpp"

#include "output/format.hpp"
#include "schema/json.hpp"
#include "tokenizers/utf8.hpp"

#include <sova/analysis.hpp>
#include <sova/error.hpp>

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <utility>

namespace sova::server {

namespace {

// A parameter the request got wrong: answered 400, naming it.
class BadParameter : public std::runtime_error {
public:
    BadParameter(std::string parameter, const std::string& message)
        : std::runtime_error(message), m_parameter(std::move(parameter)) {}
    const std::string& parameter() const { return m_parameter; }

private:
    std::string m_parameter;
};

// Reads a request's parameters, refusing those an endpoint does not take (a typo such as
// `qq=` would otherwise be ignored and the answer taken for the right one). Names and values
// are read as UTF-8, invalid sequences replaced with U+FFFD: they are echoed in JSON.
class ParamReader {
public:
    ParamReader(const Params& params, std::initializer_list<std::string_view> known, std::size_t max_params) {
        if (params.size() > max_params)
            throw BadParameter({}, "too many parameters (" + std::to_string(params.size()) + "; at most " +
                                       std::to_string(max_params) + ")");
        for (const auto& [name, value] : params)
            if (std::find(known.begin(), known.end(), name) == known.end()) {
                std::string unknown = name;
                detail::repair_utf8_in_place(unknown);
                std::string names;
                for (std::string_view k : known) names += (names.empty() ? "" : ", ") + std::string(k);
                std::string message = "unknown parameter '" + unknown + "'; this endpoint takes ";
                message += names;
                throw BadParameter(unknown, message);
            }
        for (const auto& [name, value] : params) {
            std::string repaired_name = name;
            std::string repaired_value = value;
            detail::repair_utf8_in_place(repaired_name);
            detail::repair_utf8_in_place(repaired_value);
            m_params.emplace(std::move(repaired_name), std::move(repaired_value));
        }
    }

    // The value of a parameter given once; "" when absent.
    std::string text(const std::string& name) const {
        if (m_params.count(name) > 1) throw BadParameter(name, "'" + name + "' is given more than once");
        auto it = m_params.find(name);
        return it == m_params.end() ? std::string() : it->second;
    }

    std::size_t number(const std::string& name, std::size_t fallback, std::size_t most) const {
        const std::string value = text(name);
        if (value.empty()) return fallback;
        std::size_t n = 0;
        auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (error != std::errc() || end != value.data() + value.size() || n > most)
            throw BadParameter(name, "'" + name + "' must be a whole number from 0 to " + std::to_string(most));
        return n;
    }

    bool flag(const std::string& name, bool fallback) const {
        if (m_params.find(name) == m_params.end()) return fallback;
        const std::string value = text(name);
        if (value.empty() || value == "1" || value == "true" || value == "yes" || value == "on") return true;
        if (value == "0" || value == "false" || value == "no" || value == "off") return false;
        throw BadParameter(name, "'" + name + "' must be true or false (1 or 0)");
    }

    // Every value of a repeatable, comma-separated parameter (`lang=uk,ru&lang=de`).
    std::vector<std::string> list(const std::string& name) const {
        std::vector<std::string> out;
        auto [begin, end] = m_params.equal_range(name);
        for (auto it = begin; it != end; ++it) {
            std::string_view value = it->second;
            while (!value.empty()) {
                const std::size_t comma = value.find(',');
                std::string_view item = value.substr(0, comma);
                if (!item.empty()) out.emplace_back(item);
                value.remove_prefix(comma == std::string_view::npos ? value.size() : comma + 1);
            }
        }
        return out;
    }

private:
    Params m_params;
};

// The parameter of a field of the library's options (OptionError::option()).
std::string parameter_for(const std::string& option) {
    if (option == "langs") return "lang";
    if (option == "limit") return "n";
    return option;
}

constexpr std::size_t max_text_bytes = std::size_t{64} << 10; // /api/analyze

} // namespace

Reply error_reply(int status, std::string_view message, std::string_view parameter, std::size_t column) {
    Reply reply{status, {}};
    schema::JsonObject json(reply.body);
    json.field("error", message);
    if (!parameter.empty()) json.field("parameter", parameter);
    if (column > 0) json.field("column", static_cast<unsigned long long>(column));
    json.close();
    reply.body += '\n';
    return reply;
}

namespace {
// The options, once the archive they name has opened.
ApiOptions checked(ApiOptions options) {
    Searcher::open(options.locations, options.open);
    return options;
}
} // namespace

Api::Api(ApiOptions options)
    : m_options(checked(std::move(options))),
      m_workers(m_options.locations, m_options.open, std::max(1U, m_options.threads), m_options.queue) {}

template <typename Work> Reply Api::answer(Work&& work) {
    try {
        Reply reply;
        m_workers.run([&](Searcher& searcher) { reply = work(searcher); });
        return reply;
    } catch (const BadParameter& e) {
        return error_reply(400, e.what(), e.parameter());
    } catch (const QueryError& e) {
        return error_reply(400, e.what(), "q", e.column());
    } catch (const OptionError& e) {
        return error_reply(400, e.what(), parameter_for(e.option()));
    } catch (const Busy& e) {
        return error_reply(503, e.what());
    } catch (const IndexError& e) {
        return error_reply(503, e.what());
    } catch (const Error& e) {
        return error_reply(500, e.what());
    }
}

Reply Api::search(const Params& params) {
    SearchOptions options;
    std::string query;
    try {
        ParamReader read(params,
                         {"q", "n", "offset", "lang", "since", "until", "all", "lenient", "facet", "sort",
                          "cross_script", "entities", "snippets", "correct"},
                         m_options.max_params);
        query = read.text("q");
        if (query.find_first_not_of(" \t\r\n") == std::string::npos)
            return error_reply(400, "no query: give one as q=…", "q");
        options.limit = read.number("n", options.limit, m_options.max_hits);
        options.offset = read.number("offset", 0, m_options.max_offset);
        options.langs = read.list("lang");
        options.since = read.text("since");
        options.until = read.text("until");
        options.require_all = read.flag("all", false);
        options.lenient = read.flag("lenient", false);
        options.cross_script = read.flag("cross_script", true);
        options.entities = read.flag("entities", true);
        options.snippets = read.flag("snippets", true);
        options.correct = read.flag("correct", true);
        for (const std::string& facet : read.list("facet")) options.facets.push_back(parse_facet(facet));
        if (std::string sort = read.text("sort"); !sort.empty()) options.sort = parse_sort(sort);
        options.time_limit_seconds = m_options.time_limit_seconds;
    } catch (const BadParameter& e) {
        return error_reply(400, e.what(), e.parameter());
    } catch (const OptionError& e) { // a facet or sort name
        return error_reply(400, e.what(), parameter_for(e.option()));
    }
    return answer([&](Searcher& searcher) {
        return Reply{200, output::format_search_response(query, searcher.search(query, options), options)};
    });
}

Reply Api::article(const Params& params) {
    std::string id;
    try {
        id = ParamReader(params, {"id"}, m_options.max_params).text("id");
    } catch (const BadParameter& e) {
        return error_reply(400, e.what(), e.parameter());
    }
    if (id.empty()) return error_reply(400, "no article id: give one as id=…", "id");
    return answer([&](Searcher& searcher) {
        std::optional<StoredArticle> found = searcher.article(id);
        if (!found) return error_reply(404, "no article has the id '" + id + "'", "id");
        return Reply{200, output::format_article_json(*found)};
    });
}

Reply Api::entities(const Params& params) {
    EntityListOptions options;
    try {
        ParamReader read(params, {"type", "lang", "since", "until", "n"}, m_options.max_params);
        options.type = read.text("type");
        if (!options.type.empty() && options.type != "person" && options.type != "org" && options.type != "place" &&
            options.type != "other")
            throw BadParameter("type", "'type' can be: person, org, place, other");
        options.langs = read.list("lang");
        options.since = read.text("since");
        options.until = read.text("until");
        options.limit = read.number("n", options.limit, 1000);
    } catch (const BadParameter& e) {
        return error_reply(400, e.what(), e.parameter());
    }
    return answer([&](Searcher& searcher) {
        std::vector<EntityCount> counts = searcher.entities(options);
        return Reply{200, output::format_entities_response(counts, searcher.missing())};
    });
}

Reply Api::analyze(const Params& params) {
    std::string text;
    std::string lang;
    try {
        ParamReader read(params, {"text", "lang"}, m_options.max_params);
        text = read.text("text");
        lang = read.text("lang");
    } catch (const BadParameter& e) {
        return error_reply(400, e.what(), e.parameter());
    }
    if (text.size() > max_text_bytes) return error_reply(413, "the text is longer than 64 KiB", "text");
    return answer([&](Searcher&) {
        Analysis analysis = sova::analyze(text, lang);
        std::vector<Entity> entities = find_entities({}, text, analysis.lang);
        return Reply{200, output::format_analysis_json(analysis, entities)};
    });
}

Reply Api::health() {
    return answer([](Searcher& searcher) {
        Reply reply{200, {}};
        schema::JsonObject json(reply.body);
        json.field("status", "ok");
        json.field("articles", static_cast<unsigned long long>(searcher.document_count()));
        json.close();
        reply.body += '\n';
        return reply;
    });
}

} // namespace sova::server
