// What the binding files of the Python module share: the binders and the conversions they all use.
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/stl.h> // in every file of the module, so that all agree on how a std::vector converts

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sova::python {

namespace py = pybind11;

void bind_errors(py::module_& m);
void bind_analysis(py::module_& m);
void bind_index(py::module_& m);
void bind_search(py::module_& m);

/// Runs `work` with the GIL released and `mutex` held. The GIL goes first: a thread that held
/// the mutex while waiting for the GIL would deadlock with one holding the GIL while waiting
/// for the mutex. Exceptions pass through; the GIL is taken back before they reach Python.
template <class Work> decltype(auto) unlocked(std::mutex& mutex, Work&& work) {
    py::gil_scoped_release release;
    std::lock_guard lock(mutex);
    return std::forward<Work>(work)();
}

/// Byte offsets into UTF-8 text as Python string indices (code points), so that
/// `text[begin:end]` is the word the library meant. Offsets asked in rising order cost one
/// pass over the text; a smaller one starts again from the beginning.
class CodePointOffsets {
public:
    explicit CodePointOffsets(std::string_view text) : m_text(text) {}
    std::size_t operator()(std::size_t byte_offset);

private:
    std::string_view m_text;
    std::size_t m_byte = 0;
    std::size_t m_code_points = 0;
};

/// A date option: None (""), a str as it is, or a datetime.date (or datetime) as its ISO date.
std::string date_option(const py::object& value);

/// A language option: None (empty), one code as a str, or an iterable of codes.
std::vector<std::string> lang_option(const py::object& value);

/// `repr()` of a str, for the __repr__ of the module's objects.
std::string repr_str(std::string_view text);

} // namespace sova::python
