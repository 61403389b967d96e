// Searching from Python: sova.Searcher and the results it returns.
#include "python/module.hpp"

#include <sova/search.hpp>

#include <cstdio>
#include <optional>

namespace sova::python {

namespace {

std::string fixed(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", value);
    return buffer;
}

// sova::SearchResults with its lists made into Python lists once (an attribute bound to a
// std::vector would copy the whole vector at every access), and each hit's highlights as
// indices into its snippet.
struct PyResults {
    std::uint64_t total = 0;
    bool total_exact = false;
    py::list hits;
    py::list entities;
    py::list facets;
    py::list facet_counts;
    bool facet_counts_exact = true;
    py::list missing;
    std::string description;
    py::object corrected = py::none();  // the query searched instead of the one typed
    py::object suggestion = py::none(); // a correction only suggested
    py::object reason = py::none();     // "spelling" or "layout"
};

PyResults to_python(sova::SearchResults&& results) {
    PyResults out{results.total,
                  results.total_exact,
                  py::list(),
                  py::cast(std::move(results.entities)),
                  py::cast(std::move(results.facets)),
                  py::cast(std::move(results.facet_counts)),
                  results.facet_counts_exact,
                  py::cast(std::move(results.missing)),
                  std::move(results.description)};
    if (results.correction) {
        (results.correction->applied ? out.corrected : out.suggestion) = py::str(results.correction->query);
        out.reason = py::str(results.correction->reason);
    }
    for (sova::Hit& hit : results.hits) {
        CodePointOffsets offsets(hit.snippet);
        for (sova::Highlight& highlight : hit.highlights) {
            highlight.begin = offsets(highlight.begin);
            highlight.end = offsets(highlight.end);
        }
        out.hits.append(py::cast(std::move(hit)));
    }
    return out;
}

// The Searcher of a Python object. Python threads may share the object, and a Searcher must not
// be used by two threads at once, so each call holds the mutex, taken with the GIL released.
class PySearcher {
public:
    PySearcher(const std::vector<std::string>& locations, const sova::OpenOptions& options) {
        for (const auto& location : locations) m_name += (m_name.empty() ? "" : ", ") + location;
        py::gil_scoped_release release; // a remote shard can take a while to answer
        m_searcher.emplace(sova::Searcher::open(locations, options));
    }

    sova::SearchResults search(const std::string& query, const sova::SearchOptions& options) {
        return unlocked(m_mutex, [&] { return searcher().search(query, options); });
    }
    std::vector<sova::EntityCount> entities(const sova::EntityListOptions& options) {
        return unlocked(m_mutex, [&] { return searcher().entities(options); });
    }
    std::uint64_t document_count() {
        return unlocked(m_mutex, [&] { return searcher().document_count(); });
    }
    std::vector<std::string> missing() {
        return unlocked(m_mutex, [&] { return searcher().missing(); });
    }
    std::optional<sova::StoredArticle> article(const std::string& id) {
        return unlocked(m_mutex, [&] { return searcher().article(id); });
    }
    void reopen() {
        unlocked(m_mutex, [&] { searcher().reopen(); });
    }
    void close() {
        unlocked(m_mutex, [&] { m_searcher.reset(); });
    }

    const std::string& name() const { return m_name; }
    bool closed() const { return !m_searcher; }

private:
    sova::Searcher& searcher() {
        if (!m_searcher) throw sova::Error("the Searcher of " + m_name + " is closed");
        return *m_searcher;
    }

    std::mutex m_mutex;
    std::optional<sova::Searcher> m_searcher;
    std::string m_name;
};

// One location (a str or os.PathLike) or an iterable of them: shards searched as one.
std::vector<std::string> locations(const py::object& where) {
    py::module_ os = py::module_::import("os");
    auto one = [&os](const py::handle& location) { return os.attr("fspath")(location).cast<std::string>(); };
    if (py::isinstance<py::str>(where) || py::isinstance(where, os.attr("PathLike"))) return {one(where)};
    std::vector<std::string> out;
    for (const py::handle location : where) out.push_back(one(location));
    return out;
}

// An article's further input fields (a JSON object, Hit::fields) as a dict.
py::dict fields_dict(const std::string& json) {
    if (json.empty()) return {};
    return py::module_::import("json").attr("loads")(json).cast<py::dict>();
}

// A stored article as a dict of its fields (Searcher.article).
py::dict article_dict(const sova::StoredArticle& stored) {
    const sova::Article& a = stored.article;
    py::dict out;
    out["id"] = a.id;
    out["title"] = a.title;
    out["url"] = a.url;
    out["date"] = a.date;
    out["lang"] = a.lang;
    out["lang_detected"] = stored.lang_detected;
    out["source"] = a.source;
    out["text"] = a.text;
    out["entities"] = stored.entities;
    out["fields"] = fields_dict(a.extra_json);
    return out;
}

// The keyword arguments of Searcher.search that are not SearchOptions fields of the same type.
struct SearchFilters {
    py::object lang, since, until;
};

sova::SearchOptions search_options(sova::SearchOptions options, const SearchFilters& filters) {
    options.langs = lang_option(filters.lang);
    options.since = date_option(filters.since);
    options.until = date_option(filters.until);
    return options;
}

void bind_query_entities(py::module_& m) {
    py::class_<sova::QueryEntity>(m, "QueryEntity", "An entity the query names, as the searcher linked it.")
        .def_readonly("text", &sova::QueryEntity::text, "The query words that name it.")
        .def_readonly("key", &sova::QueryEntity::key)
        .def_readonly("type", &sova::QueryEntity::type)
        .def_readonly("name", &sova::QueryEntity::name, "Its name in the index.")
        .def_readonly("share", &sova::QueryEntity::share, "Its part of the entity boost (below 1: ambiguous).")
        .def_readonly("reason", &sova::QueryEntity::reason, "'unique', 'context', 'prior' or 'forced'.")
        .def("__repr__", [](const sova::QueryEntity& e) {
            return "QueryEntity(text=" + repr_str(e.text) + ", key=" + repr_str(e.key) + ", type=" + repr_str(e.type) +
                   ", name=" + repr_str(e.name) + ", share=" + fixed(e.share) + ", reason=" + repr_str(e.reason) + ")";
        });
    py::class_<sova::FacetCount>(m, "FacetCount",
                                 "How many matches have one language, source, year or month; key '' counts "
                                 "those without one.")
        .def_property_readonly("facet",
                               [](const sova::FacetCount& c) { return std::string(sova::facet_name(c.facet)); })
        .def_readonly("key", &sova::FacetCount::key)
        .def_readonly("articles", &sova::FacetCount::articles)
        .def("__repr__", [](const sova::FacetCount& c) {
            return "FacetCount(facet=" + repr_str(std::string(sova::facet_name(c.facet))) + ", key=" + repr_str(c.key) +
                   ", articles=" + std::to_string(c.articles) + ")";
        });
    py::class_<sova::EntityCount>(m, "EntityCount", "An entity and the number of articles holding it.")
        .def_readonly("entity", &sova::EntityCount::entity)
        .def_property_readonly("key", [](const sova::EntityCount& c) { return c.entity.key; })
        .def_property_readonly("type", [](const sova::EntityCount& c) { return c.entity.type; })
        .def_property_readonly("name", [](const sova::EntityCount& c) { return c.entity.name; })
        .def_readonly("articles", &sova::EntityCount::articles)
        .def("__repr__", [](const sova::EntityCount& c) {
            return "EntityCount(key=" + repr_str(c.entity.key) + ", type=" + repr_str(c.entity.type) +
                   ", name=" + repr_str(c.entity.name) + ", articles=" + std::to_string(c.articles) + ")";
        });
}

void bind_hit(py::module_& m) {
    py::class_<sova::Hit>(m, "Hit", "One ranked hit: the fields of `sova search --json`.")
        .def_readonly("rank", &sova::Hit::rank, "1-based, counting the offset.")
        .def_readonly("id", &sova::Hit::id)
        .def_readonly("title", &sova::Hit::title)
        .def_readonly("url", &sova::Hit::url)
        .def_readonly("date", &sova::Hit::date)
        .def_readonly("lang", &sova::Hit::lang)
        .def_readonly("source", &sova::Hit::source)
        .def_readonly("score", &sova::Hit::score, "The ranking weight.")
        .def_readonly("weight", &sova::Hit::weight, "The ranking weight (the same as score; TREC runs).")
        .def_readonly("matched", &sova::Hit::matched, "Top-level query clauses the article matches.")
        .def_readonly("clauses", &sova::Hit::clauses, "Top-level query clauses in the query.")
        .def_readonly("snippet", &sova::Hit::snippet, "A passage around the matched words.")
        .def_property_readonly(
            "highlights",
            [](const sova::Hit& hit) {
                py::list out;
                for (const sova::Highlight& h : hit.highlights) out.append(py::make_tuple(h.begin, h.end));
                return out;
            },
            "Matched words in the snippet, (begin, end) pairs of indices: snippet[begin:end].")
        .def_readonly("entities", &sova::Hit::entities, "The article's entities, most salient first (at most 20).")
        .def_readonly("entity_score", &sova::Hit::entity_score, "The part of score that linked entities added.")
        .def_property_readonly(
            "fields", [](const sova::Hit& hit) { return fields_dict(hit.fields); },
            "The article's further input fields (author, tags …) as a dict.")
        .def("__repr__", [](const sova::Hit& hit) {
            return "Hit(rank=" + std::to_string(hit.rank) + ", id=" + repr_str(hit.id) + ", score=" + fixed(hit.score) +
                   ", title=" + repr_str(hit.title) + ")";
        });
}

void bind_results(py::module_& m) {
    py::class_<PyResults>(m, "SearchResults", "The answer to one search; iterating it gives the hits.")
        .def_readonly("total", &PyResults::total, "Number of matching articles (estimated unless total_exact).")
        .def_readonly("total_exact", &PyResults::total_exact)
        .def_readonly("hits", &PyResults::hits, "A list of Hit, best first.")
        .def_readonly("entities", &PyResults::entities, "The entities the query names, a list of QueryEntity.")
        .def_readonly("facets", &PyResults::facets, "With 'entity' among facets: EntityCount of the best matches.")
        .def_readonly("facet_counts", &PyResults::facet_counts,
                      "FacetCount of the languages, sources, years and months among facets, in the order asked.")
        .def_readonly("facet_counts_exact", &PyResults::facet_counts_exact,
                      "Whether facet_counts counted every match (up to 100,000 are).")
        .def_readonly("missing", &PyResults::missing, "Shards that did not answer (allow_partial).")
        .def_readonly("description", &PyResults::description, "The compiled Xapian query, for debugging.")
        .def_readonly("corrected", &PyResults::corrected,
                      "The corrected query searched instead of the one typed (the hits are its), or None.")
        .def_readonly("suggestion", &PyResults::suggestion, "A correction only suggested, or None.")
        .def_readonly("reason", &PyResults::reason, "Why the query was corrected: 'spelling' or 'layout', or None.")
        .def("__len__", [](const PyResults& r) { return r.hits.size(); })
        .def("__iter__", [](const PyResults& r) { return r.hits.attr("__iter__")(); })
        .def("__repr__", [](const PyResults& r) {
            return "SearchResults(total=" + std::to_string(r.total) + (r.total_exact ? "" : " (estimated)") +
                   ", hits=" + std::to_string(r.hits.size()) + ")";
        });
}

// facets=: None or False (none), True (entities, as before facets had names), a name or a list of names.
std::vector<sova::Facet> facet_list(const py::object& facets) {
    std::vector<sova::Facet> out;
    if (facets.is_none()) return out;
    if (py::isinstance<py::bool_>(facets)) {
        if (facets.cast<bool>()) out.push_back(sova::Facet::entity);
        return out;
    }
    if (py::isinstance<py::str>(facets)) return {sova::parse_facet(facets.cast<std::string>())};
    for (const py::handle item : facets) {
        if (!py::isinstance<py::str>(item)) throw sova::OptionError("facet", "facets are names (str)");
        out.push_back(sova::parse_facet(item.cast<std::string>()));
    }
    return out;
}

void bind_search_method(py::class_<PySearcher>& searcher) {
    const sova::SearchOptions defaults;
    searcher.def(
        "search",
        [](PySearcher& s, const std::string& query, std::size_t n, std::size_t offset, const py::object& lang,
           const py::object& since, const py::object& until, bool all, bool lenient, bool cross_script, bool entities,
           bool snippets, std::size_t snippet_bytes, bool count_matched, bool entity_scores, double entity_weight,
           double time_limit, const py::object& facets, const std::string& sort, bool correct) {
            sova::SearchOptions options;
            options.limit = n;
            options.offset = offset;
            options.require_all = all;
            options.lenient = lenient;
            options.cross_script = cross_script;
            options.entities = entities;
            options.snippets = snippets;
            options.snippet_bytes = snippet_bytes;
            options.count_matched = count_matched;
            options.entity_scores = entity_scores;
            options.entity_weight = entity_weight;
            options.time_limit_seconds = time_limit;
            options.facets = facet_list(facets);
            options.sort = sova::parse_sort(sort);
            options.correct = correct;
            return to_python(s.search(query, search_options(options, {lang, since, until})));
        },
        py::arg("query"), py::arg("n") = defaults.limit, py::kw_only(), py::arg("offset") = defaults.offset,
        py::arg("lang") = py::none(), py::arg("since") = py::none(), py::arg("until") = py::none(),
        py::arg("all") = defaults.require_all, py::arg("lenient") = defaults.lenient,
        py::arg("cross_script") = defaults.cross_script, py::arg("entities") = defaults.entities,
        py::arg("snippets") = defaults.snippets, py::arg("snippet_bytes") = defaults.snippet_bytes,
        py::arg("count_matched") = defaults.count_matched, py::arg("entity_scores") = defaults.entity_scores,
        py::arg("entity_weight") = defaults.entity_weight, py::arg("time_limit") = defaults.time_limit_seconds,
        py::arg("facets") = py::none(), py::arg("sort") = std::string(sova::sort_name(defaults.sort)),
        py::arg("correct") = defaults.correct,
        "Runs a query (docs/QUERY.md) and returns SearchResults. lang: a code or a list of codes; since, "
        "until: ISO dates (str) or datetime.date; facets: names among 'lang', 'source', 'year', 'month', "
        "'entity' (a str or a list; True: 'entity'); sort: 'relevance', 'newest' or 'oldest'. Raises "
        "QueryError for bad syntax, OptionError for a bad option.");
}

void bind_searcher(py::module_& m) {
    py::class_<PySearcher> searcher(m, "Searcher",
                                    "A read-only view of an index, or of shards searched as one. Safe to share "
                                    "between threads (calls take turns); a Searcher per thread runs them at once.");
    const sova::OpenOptions open_defaults;
    searcher.def(py::init([](const py::object& where, bool allow_partial, double connect_timeout, double timeout) {
                     return std::make_unique<PySearcher>(locations(where),
                                                         sova::OpenOptions{allow_partial, connect_timeout, timeout});
                 }),
                 py::arg("path"), py::kw_only(), py::arg("allow_partial") = open_defaults.allow_partial,
                 py::arg("connect_timeout") = open_defaults.connect_timeout_seconds,
                 py::arg("timeout") = open_defaults.timeout_seconds,
                 "Opens the index at path, or the shards of a list of locations (folders, Xapian stub files, "
                 "tcp://HOST:PORT). Raises IndexError when there is no readable index.");
    bind_search_method(searcher);
    searcher
        .def(
            "entities",
            [](PySearcher& s, const std::optional<std::string>& type, const py::object& lang, const py::object& since,
               const py::object& until, std::size_t n) {
                sova::EntityListOptions options{type.value_or(""), lang_option(lang), date_option(since),
                                                date_option(until), n};
                return s.entities(options);
            },
            py::kw_only(), py::arg("type") = py::none(), py::arg("lang") = py::none(), py::arg("since") = py::none(),
            py::arg("until") = py::none(), py::arg("n") = sova::EntityListOptions{}.limit,
            "The index's entities (of the articles the options select), most articles first: a list of EntityCount.")
        .def(
            "article",
            [](PySearcher& s, const std::string& id) -> py::object {
                std::optional<sova::StoredArticle> found = s.article(id);
                return found ? py::object(article_dict(*found)) : py::object(py::none());
            },
            py::arg("id"),
            "The stored article with this id as a dict (id, title, url, date, lang, lang_detected, source, text, "
            "entities, fields), or None when the index has none.")
        .def_property_readonly("document_count", &PySearcher::document_count, "Number of articles in the index.")
        .def_property_readonly("missing", &PySearcher::missing, "Shards that did not answer (allow_partial).")
        .def("reopen", &PySearcher::reopen, "Sees changes committed since the Searcher was opened or last reopened.")
        .def("close", &PySearcher::close, "Closes the index; the Searcher is then unusable.")
        .def_property_readonly("closed", &PySearcher::closed)
        .def(
            "__enter__", [](PySearcher& s) -> PySearcher& { return s; }, py::return_value_policy::reference)
        .def("__exit__", [](PySearcher& s, const py::args&) { s.close(); })
        .def("__repr__",
             [](const PySearcher& s) { return "Searcher(" + repr_str(s.name()) + (s.closed() ? ", closed)" : ")"); });
}

} // namespace

void bind_search(py::module_& m) {
    bind_query_entities(m);
    bind_hit(m);
    bind_results(m);
    bind_searcher(m);
}

} // namespace sova::python
