// Writing an index from Python: sova.IndexWriter and sova.index_paths.
#include "python/module.hpp"

#include <sova/index.hpp>

#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <optional>

namespace sova::python {

namespace {

// A problem index_paths() met. The library reports them through a callback, possibly from its
// worker threads; they are collected and handed back with the counters instead, so that no
// Python code runs (and no Python exception is raised) inside the library's threads.
struct PyProblem {
    std::string severity; // "warning" or "error"
    std::string file;
    std::uint64_t line = 0;
    std::string reason;
    std::string message; // file:line: reason
    std::string option;
};

struct PyIndexingStats : sova::IndexingStats {
    std::vector<PyProblem> problems;
};

// The IndexWriter of a Python object. Python threads may share the object, so each call holds
// the mutex (the writer is not thread-safe), taken with the GIL released.
class PyWriter {
public:
    PyWriter(const std::filesystem::path& path, const sova::WriterOptions& options) : m_path(path.string()) {
        py::gil_scoped_release release;
        m_writer.emplace(sova::IndexWriter::create_or_open(m_path, options));
    }

    sova::AddResult add(const sova::Article& article) {
        return unlocked(m_mutex, [&] { return writer().add(article); });
    }
    void commit() {
        unlocked(m_mutex, [&] { writer().commit(); });
    }
    // Commits (the writer's destructor does) and releases the index's write lock.
    void close() {
        unlocked(m_mutex, [&] { m_writer.reset(); });
    }
    std::uint64_t document_count() {
        return unlocked(m_mutex, [&] { return writer().document_count(); });
    }
    PyIndexingStats index_paths(const std::vector<std::filesystem::path>& paths, sova::IndexingOptions options);

    const std::string& path() const { return m_path; }
    bool closed() const { return !m_writer; }

private:
    sova::IndexWriter& writer() {
        if (!m_writer) throw sova::Error("the IndexWriter of " + m_path + " is closed");
        return *m_writer;
    }

    std::mutex m_mutex;
    std::optional<sova::IndexWriter> m_writer;
    std::string m_path;
};

PyIndexingStats PyWriter::index_paths(const std::vector<std::filesystem::path>& paths, sova::IndexingOptions options) {
    std::vector<std::string> names;
    names.reserve(paths.size());
    for (const auto& path : paths) names.push_back(path.string());
    PyIndexingStats out;
    std::mutex problems_mutex;
    options.on_problem = [&](const sova::Problem& problem) {
        std::lock_guard lock(problems_mutex);
        const sova::InputError& e = problem.error;
        out.problems.push_back({problem.severity == sova::Problem::Severity::warning ? "warning" : "error", e.file(),
                                e.line(), e.reason(), e.what(), problem.option});
    };
    static_cast<sova::IndexingStats&>(out) =
        unlocked(m_mutex, [&] { return sova::index_paths(writer(), names, options); });
    return out;
}

// The `fields` argument (a dict) as the JSON object Article::extra_json holds: json.dumps writes valid JSON.
std::string fields_json(const std::optional<py::dict>& fields) {
    if (!fields || fields->empty()) return {};
    return py::module_::import("json").attr("dumps")(*fields, py::arg("ensure_ascii") = false).cast<std::string>();
}

sova::Article make_article(std::string id, std::string title, std::string text, std::string url, const py::object& date,
                           std::string lang, std::string source, const std::optional<py::dict>& fields) {
    return {std::move(id),     std::move(title), std::move(text),   std::move(url),
            date_option(date), std::move(lang),  std::move(source), fields_json(fields)};
}

sova::IndexingOptions indexing_options(unsigned threads, bool strict, std::size_t max_article_bytes,
                                       std::size_t memory) {
    sova::IndexingOptions options;
    options.threads = threads;
    options.strict = strict;
    options.max_article_bytes = max_article_bytes;
    options.memory_budget = memory;
    return options;
}

void bind_results(py::module_& m) {
    py::class_<sova::AddResult>(m, "AddResult", "What IndexWriter.add did.")
        .def_readonly("id", &sova::AddResult::id, "The article's id (derived from the content when it had none).")
        .def_property_readonly(
            "outcome",
            [](const sova::AddResult& r) { return r.outcome == sova::AddOutcome::replaced ? "replaced" : "added"; },
            "'added', or 'replaced' when an article with this id was in the index.")
        .def_readonly("warnings", &sova::AddResult::warnings, "Problems that lost nothing (an unreadable date).")
        .def("__repr__", [](const sova::AddResult& r) {
            return "AddResult(id=" + repr_str(r.id) +
                   (r.outcome == sova::AddOutcome::replaced ? ", outcome='replaced'" : ", outcome='added'") +
                   (r.warnings.empty() ? "" : ", warnings=" + std::to_string(r.warnings.size())) + ")";
        });
    py::class_<PyProblem>(m, "Problem", "A problem met while indexing files (IndexingStats.problems).")
        .def_readonly("severity", &PyProblem::severity, "'warning' (nothing lost) or 'error' (skipped).")
        .def_readonly("file", &PyProblem::file)
        .def_readonly("line", &PyProblem::line, "1-based; 0 when the problem is the whole file.")
        .def_readonly("reason", &PyProblem::reason)
        .def_readonly("option", &PyProblem::option, "The option whose limit decided it ('max_article_bytes'), or ''.")
        .def("__str__", [](const PyProblem& p) { return p.message; })
        .def("__repr__", [](const PyProblem& p) { return "Problem(" + p.severity + ": " + repr_str(p.message) + ")"; });
}

void bind_stats(py::module_& m) {
    py::class_<PyIndexingStats>(m, "IndexingStats", "Counters of one index_paths run.")
        .def_readonly("files", &PyIndexingStats::files)
        .def_readonly("ignored", &PyIndexingStats::ignored, "Files in folders passed over for their type.")
        .def_readonly("added", &PyIndexingStats::added)
        .def_readonly("replaced", &PyIndexingStats::replaced)
        .def_readonly("skipped", &PyIndexingStats::skipped, "Articles or files that could not be indexed.")
        .def_readonly("warnings", &PyIndexingStats::warnings)
        .def_readonly("invalid_utf8", &PyIndexingStats::invalid_utf8)
        .def_readonly("bytes", &PyIndexingStats::bytes)
        .def_readonly("seconds", &PyIndexingStats::seconds)
        .def_readonly("shards", &PyIndexingStats::shards)
        .def_readonly("problems", &PyIndexingStats::problems, "Every warning and error, a list of Problem.")
        .def("__repr__", [](const PyIndexingStats& s) {
            return "IndexingStats(files=" + std::to_string(s.files) + ", added=" + std::to_string(s.added) +
                   ", replaced=" + std::to_string(s.replaced) + ", skipped=" + std::to_string(s.skipped) + ")";
        });
}

void bind_writer(py::module_& m) {
    const sova::WriterOptions defaults;
    const sova::IndexingOptions indexing;
    py::class_<PyWriter>(m, "IndexWriter",
                         "The single writer of an index; a context manager that commits and closes on exit.")
        .def(py::init([](const std::filesystem::path& path, bool entities, bool cross_script_keys,
                         const std::optional<std::filesystem::path>& entities_file, std::size_t batch_bytes,
                         std::size_t batch_articles, bool durable) {
                 sova::WriterOptions options{.batch_bytes = batch_bytes,
                                             .batch_articles = batch_articles,
                                             .cross_script_keys = cross_script_keys,
                                             .entities = entities,
                                             .entities_file = entities_file ? entities_file->string() : "",
                                             .durable = durable};
                 return std::make_unique<PyWriter>(path, options);
             }),
             py::arg("path"), py::kw_only(), py::arg("entities") = defaults.entities,
             py::arg("cross_script_keys") = defaults.cross_script_keys, py::arg("entities_file") = py::none(),
             py::arg("batch_bytes") = defaults.batch_bytes, py::arg("batch_articles") = defaults.batch_articles,
             py::arg("durable") = defaults.durable)
        .def(
            "add",
            [](PyWriter& w, std::string id, std::string title, std::string text, std::string url,
               const py::object& date, std::string lang, std::string source, const std::optional<py::dict>& fields) {
                return w.add(make_article(std::move(id), std::move(title), std::move(text), std::move(url), date,
                                          std::move(lang), std::move(source), fields));
            },
            py::kw_only(), py::arg("id") = "", py::arg("title") = "", py::arg("text") = "", py::arg("url") = "",
            py::arg("date") = py::none(), py::arg("lang") = "", py::arg("source") = "", py::arg("fields") = py::none(),
            "Analyses and adds an article, replacing any with the same id; returns an AddResult.")
        .def("commit", &PyWriter::commit, "Makes everything added so far durable and visible to searchers.")
        .def("close", &PyWriter::close, "Commits and releases the index's write lock; the writer is then unusable.")
        .def(
            "index_paths",
            [](PyWriter& w, const std::vector<std::filesystem::path>& paths, unsigned threads, bool strict,
               std::size_t max_article_bytes, std::size_t memory) {
                return w.index_paths(paths, indexing_options(threads, strict, max_article_bytes, memory));
            },
            py::arg("paths"), py::kw_only(), py::arg("threads") = 0U, py::arg("strict") = false,
            py::arg("max_article_bytes") = indexing.max_article_bytes, py::arg("memory") = indexing.memory_budget,
            "Indexes JSON Lines, text and Markdown files and folders, then commits; returns IndexingStats.")
        .def_property_readonly("document_count", &PyWriter::document_count, "Articles, including uncommitted ones.")
        .def_property_readonly("path", &PyWriter::path)
        .def_property_readonly("closed", &PyWriter::closed)
        .def(
            "__enter__", [](PyWriter& w) -> PyWriter& { return w; }, py::return_value_policy::reference)
        .def("__exit__", [](PyWriter& w, const py::args&) { w.close(); })
        .def("__repr__",
             [](const PyWriter& w) { return "IndexWriter(" + repr_str(w.path()) + (w.closed() ? ", closed)" : ")"); });
}

} // namespace

void bind_index(py::module_& m) {
    bind_results(m);
    bind_stats(m);
    bind_writer(m);
    m.def(
        "index_paths",
        [](const py::object& writer, const py::object& paths, const py::kwargs& options) {
            return writer.attr("index_paths")(paths, **options);
        },
        py::arg("writer"), py::arg("paths"), "index_paths(writer, paths, **options): writer.index_paths(paths, ...).");
}

} // namespace sova::python
