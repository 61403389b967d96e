// The analyser and entity recognition, as Python sees them: sova.analyze, sova.detect_language,
// sova.find_entities.
#include "python/module.hpp"

#include <sova/analysis.hpp>
#include <sova/entity.hpp>

#include <optional>

namespace sova::python {

namespace {

// sova::Analysis with its tokens as one Python list, made once, and their offsets as Python
// string indices.
struct PyAnalysis {
    std::string lang;
    bool lang_detected = false;
    py::list tokens;
};

PyAnalysis to_python(sova::Analysis&& analysis, std::string_view text) {
    PyAnalysis out{std::move(analysis.lang), analysis.lang_detected, py::list()};
    CodePointOffsets offsets(text);
    for (sova::Token& token : analysis.tokens) {
        token.begin = offsets(token.begin);
        token.end = offsets(token.end);
        out.tokens.append(py::cast(std::move(token)));
    }
    return out;
}

PyAnalysis analyze(const std::string& text, const std::optional<std::string>& lang) {
    sova::Analysis analysis;
    {
        py::gil_scoped_release release; // each thread has its own analyser
        analysis = sova::analyze(text, lang.value_or(""));
    }
    return to_python(std::move(analysis), text);
}

std::string token_repr(const sova::Token& token) {
    std::string out = "Token(position=" + std::to_string(token.position) + ", surface=" + repr_str(token.surface) +
                      ", term=" + repr_str(token.term);
    if (!token.stem.empty()) out += ", stem=" + repr_str(token.stem);
    if (!token.key.empty()) out += ", key=" + repr_str(token.key);
    return out + ")";
}

void bind_token(py::module_& m) {
    py::class_<sova::Token>(m, "Token", "One word of analysed text (sova.analyze).")
        .def_readonly("position", &sova::Token::position, "1-based word position.")
        .def_readonly("begin", &sova::Token::begin, "Index of the word's first character in the text.")
        .def_readonly("end", &sova::Token::end, "Index one past the word's last character: text[begin:end].")
        .def_readonly("surface", &sova::Token::surface, "The word as written.")
        .def_readonly("term", &sova::Token::term, "Folded form: the exact-match term.")
        .def_readonly("stem", &sova::Token::stem, "Preferred stem in the text's language; '' if none.")
        .def_readonly("stems", &sova::Token::stems, "All stems (a dictionary may know several readings).")
        .def_readonly("script", &sova::Token::script, "ISO 15924 script code ('Latn', 'Cyrl'; 'Zyyy' for numbers).")
        .def_readonly("key", &sova::Token::key, "Cross-script key of a capitalised word, else ''.")
        .def_readonly("capitalised", &sova::Token::capitalised, "Starts with an upper-case letter.")
        .def_readonly("entity_candidate", &sova::Token::entity_candidate,
                      "Capitalised but not the first word of a sentence: likely a name.")
        .def("__repr__", &token_repr);
}

} // namespace

void bind_analysis(py::module_& m) {
    py::class_<sova::Entity>(m, "Entity", "A person, organisation, place or other name of an article.")
        .def_readonly("key", &sova::Entity::key, "Canonical key, the same in every script ('place:kyiv.ua').")
        .def_readonly("type", &sova::Entity::type, "'person', 'org', 'place' or 'other'.")
        .def_readonly("name", &sova::Entity::name, "A readable name.")
        .def_readonly("mentions", &sova::Entity::mentions, "Times the article mentions it.")
        .def_readonly("salience", &sova::Entity::salience, "Mentions, plus 3 in the title and 2 in the lead.")
        .def("__repr__", [](const sova::Entity& e) {
            return "Entity(key=" + repr_str(e.key) + ", type=" + repr_str(e.type) + ", name=" + repr_str(e.name) +
                   ", mentions=" + std::to_string(e.mentions) + ", salience=" + std::to_string(e.salience) + ")";
        });
    bind_token(m);
    py::class_<PyAnalysis>(m, "Analysis", "The result of sova.analyze.")
        .def_readonly("lang", &PyAnalysis::lang, "Language used for stemming (given or detected; '' if unknown).")
        .def_readonly("lang_detected", &PyAnalysis::lang_detected, "True when lang was detected, not given.")
        .def_readonly("tokens", &PyAnalysis::tokens, "The words, a list of Token.")
        .def("__repr__", [](const PyAnalysis& a) {
            return "Analysis(lang=" + repr_str(a.lang) + ", lang_detected=" + (a.lang_detected ? "True" : "False") +
                   ", tokens=" + std::to_string(a.tokens.size()) + ")";
        });
    m.def("analyze", &analyze, py::arg("text"), py::arg("lang") = py::none(),
          "Analyses text exactly as the indexer does: tokens with positions, folded forms, stems and "
          "cross-script keys. lang: ISO 639-1 code, or None to detect it.");
    m.def(
        "detect_language", [](const std::string& text) { return sova::detect_language(text); }, py::arg("text"),
        py::call_guard<py::gil_scoped_release>(), "The language of text (ISO 639-1), or '' when it cannot tell.");
    m.def(
        "find_entities",
        [](const std::string& title, const std::string& text, const std::optional<std::string>& lang) {
            return sova::find_entities(title, text, lang.value_or(""));
        },
        py::arg("title"), py::arg("text"), py::arg("lang") = py::none(), py::call_guard<py::gil_scoped_release>(),
        "The entities the indexer would store for an article with this title and text, most salient first.");
}

} // namespace sova::python
