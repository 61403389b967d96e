// The Python module `sova`: Sova's library (include/sova/) for Python programs (docs/PYTHON.md).
#include "python/module.hpp"

#include <sova/error.hpp>
#include <sova/version.hpp>

#include <exception>
#include <initializer_list>
#include <utility>

namespace sova::python {

namespace {

// The module's exception classes. The module's attributes own them; these are borrowed.
struct ErrorTypes {
    py::handle error, input, query, option, index;
};

ErrorTypes& error_types() {
    static ErrorTypes types;
    return types;
}

// A message as a str. A message can quote input, so bytes that are not UTF-8 are replaced, not
// allowed to turn the error into a UnicodeDecodeError.
py::str message_text(std::string_view text) {
    return py::reinterpret_steal<py::str>(
        PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace"));
}

struct Attribute {
    const char* name;
    py::object value;
};

// Sets `type(what)`, with the C++ exception's context as attributes, as the Python error.
void raise(py::handle type, const std::exception& e, std::initializer_list<Attribute> context) {
    py::object error = type(message_text(e.what()));
    for (const Attribute& attribute : context) error.attr(attribute.name) = attribute.value;
    PyErr_SetObject(type.ptr(), error.ptr());
}

// Each sova::Error as the Python class of the same name; other exceptions go on to pybind11's
// own translators.
void translate(std::exception_ptr thrown) {
    const ErrorTypes& types = error_types();
    try {
        std::rethrow_exception(std::move(thrown));
    } catch (const sova::QueryError& e) {
        raise(types.query, e, {{"column", py::int_(e.column())}, {"reason", message_text(e.reason())}});
    } catch (const sova::InputError& e) {
        raise(types.input, e,
              {{"file", message_text(e.file())}, {"line", py::int_(e.line())}, {"reason", message_text(e.reason())}});
    } catch (const sova::OptionError& e) {
        raise(types.option, e, {{"option", message_text(e.option())}, {"reason", message_text(e.reason())}});
    } catch (const sova::IndexError& e) {
        raise(types.index, e, {{"path", message_text(e.path())}});
    } catch (const sova::Error& e) {
        raise(types.error, e, {});
    }
}

// A new exception class `sova.NAME`, its context attributes defaulting to `defaults` so that
// one raised from Python code has them too.
py::handle add_error_class(py::module_& m, const char* name, py::handle base, const char* doc,
                           std::initializer_list<Attribute> defaults) {
    py::exception<sova::Error> type(m, name, base);
    type.attr("__doc__") = doc;
    for (const Attribute& attribute : defaults) type.attr(attribute.name) = attribute.value;
    return type;
}

std::string type_name(const py::handle& value) {
    return py::str(py::type::of(value).attr("__name__")).cast<std::string>();
}

} // namespace

void bind_errors(py::module_& m) {
    ErrorTypes& types = error_types();
    types.error = add_error_class(m, "Error", PyExc_Exception,
                                  "Base of every error Sova raises; str(error) is a complete message.", {});
    types.input = add_error_class(m, "InputError", types.error,
                                  "Bad input data. file: where it was read ('' for an added article); "
                                  "line: 1-based, 0 when unknown; reason: the message without the place.",
                                  {{"file", py::str("")}, {"line", py::int_(0)}, {"reason", py::str("")}});
    types.query = add_error_class(m, "QueryError", types.error,
                                  "A query that cannot be parsed. column: 1-based, in characters; "
                                  "reason: the message without the column.",
                                  {{"column", py::int_(0)}, {"reason", py::str("")}});
    types.option = add_error_class(m, "OptionError", types.error,
                                   "A bad option value. option: the library's name of the option "
                                   "('since', 'langs', 'path'...); reason: the message without it.",
                                   {{"option", py::str("")}, {"reason", py::str("")}});
    types.index = add_error_class(m, "IndexError", types.error,
                                  "The index cannot be created, opened, read or written (missing, locked, "
                                  "corrupt...). path: the index. Not the builtin IndexError.",
                                  {{"path", py::str("")}});
    py::register_exception_translator(&translate);
}

std::size_t CodePointOffsets::operator()(std::size_t byte_offset) {
    if (byte_offset < m_byte) m_byte = m_code_points = 0;
    for (; m_byte < byte_offset && m_byte < m_text.size(); ++m_byte)
        if ((static_cast<unsigned char>(m_text[m_byte]) & 0xC0U) != 0x80U) ++m_code_points; // not a continuation byte
    return m_code_points;
}

std::string date_option(const py::object& value) {
    if (value.is_none()) return {};
    if (py::isinstance<py::str>(value)) return value.cast<std::string>();
    py::module_ datetime = py::module_::import("datetime");
    if (py::isinstance(value, datetime.attr("datetime")))
        return value.attr("date")().attr("isoformat")().cast<std::string>();
    if (py::isinstance(value, datetime.attr("date"))) return value.attr("isoformat")().cast<std::string>();
    throw py::type_error("a date is a str ('2023-08-15', '2023-08', '2023') or a datetime.date, not " +
                         type_name(value));
}

std::vector<std::string> lang_option(const py::object& value) {
    if (value.is_none()) return {};
    if (py::isinstance<py::str>(value)) return {value.cast<std::string>()};
    std::vector<std::string> codes;
    bool all_str = py::isinstance<py::iterable>(value);
    if (all_str)
        for (const py::handle code : value) {
            all_str = py::isinstance<py::str>(code);
            if (!all_str) break;
            codes.push_back(code.cast<std::string>());
        }
    if (!all_str) throw py::type_error("languages are a str ('uk', 'uk,ru') or a list of str, not " + type_name(value));
    return codes;
}

std::string repr_str(std::string_view text) {
    return py::repr(py::str(text.data(), text.size())).cast<std::string>();
}

} // namespace sova::python

PYBIND11_MODULE(sova, m) {
    using namespace sova::python;
    m.doc() = "Sova: full-text search for multilingual article archives (docs/PYTHON.md).";
    m.attr("__version__") = sova::version();
    bind_errors(m);
    bind_analysis(m);
    bind_index(m);
    bind_search(m);
    // `from sova import *` leaves out sova.IndexError, which would hide the builtin IndexError.
    py::list all;
    for (const auto& [name, value] : m.attr("__dict__").cast<py::dict>()) {
        auto text = name.cast<std::string>();
        if (!text.starts_with("_") && text != "IndexError") all.append(name);
    }
    m.attr("__all__") = all;
}
