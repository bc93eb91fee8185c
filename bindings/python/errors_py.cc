// bindings/python/errors_py.cc: the one place where absl::Status becomes a Python exception.
//
// The exception classes live in the pure-Python module aikg._errors (so that ValidationError can
// derive from both aikg.Error and ValueError, and carry typed attributes).

#include <pybind11/gil_safe_call_once.h>

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aikg_py.h"

namespace aikg::python {
namespace {

py::module_& ErrorsModule() {
  PYBIND11_CONSTINIT static py::gil_safe_call_once_and_store<py::module_> storage;
  return storage.call_once_and_store_result([] { return py::module_::import("aikg._errors"); }).get_stored();
}

py::object OrNone(int number) { return number > 0 ? py::object(py::int_(number)) : py::object(py::none()); }
py::object OrNone(const std::string& text) { return text.empty() ? py::object(py::none()) : py::object(py::str(text)); }

// Reads the "line:column: " that query errors start with.
bool ReadPosition(std::string_view message, int& line, int& column) {
  auto number = [&message](int& out) {
    size_t digits = 0;
    while (digits < message.size() && std::isdigit(static_cast<unsigned char>(message[digits]))) ++digits;
    if (digits == 0 || digits > 9) return false;
    out = std::stoi(std::string(message.substr(0, digits)));
    message.remove_prefix(digits);
    return true;
  };
  if (!number(line) || message.empty() || message[0] != ':') return false;
  message.remove_prefix(1);
  return number(column) && message.size() >= 2 && message.substr(0, 2) == ": ";
}

[[noreturn]] void Raise(const py::object& error) {
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error.ptr())), error.ptr());
  throw py::error_already_set();
}

}  // namespace

py::object DiagnosticToPython(const Diagnostic& diagnostic) {
  py::object diagnostic_class = ErrorsModule().attr("Diagnostic");
  return diagnostic_class(diagnostic.file, OrNone(diagnostic.line), OrNone(diagnostic.column),
                          OrNone(diagnostic.json_pointer), diagnostic.message, OrNone(diagnostic.column_name),
                          OrNone(diagnostic.pointer_file));
}

void ThrowKeyError(const std::string& message) {
  PyErr_SetObject(PyExc_KeyError, py::str(message).ptr());
  throw py::error_already_set();
}

void ThrowValidationError(const std::string& message) {
  Raise(ErrorsModule().attr("ValidationError")(message));
}

void ThrowStatus(const absl::Status& status, const std::vector<Diagnostic>* diagnostics) {
  std::string message(status.message());
  switch (status.code()) {
    case absl::StatusCode::kNotFound:
      ThrowKeyError(message);
    case absl::StatusCode::kInvalidArgument: {
      py::list items;
      py::object line = py::none(), column = py::none();
      if (diagnostics != nullptr && !diagnostics->empty()) {
        for (const Diagnostic& diagnostic : *diagnostics) items.append(DiagnosticToPython(diagnostic));
      } else if (int l = 0, c = 0; ReadPosition(message, l, c)) {
        line = py::int_(l);
        column = py::int_(c);
      }
      Raise(ErrorsModule().attr("ValidationError")(message, items, line, column));
    }
    default:
      Raise(ErrorsModule().attr("Error")(message));
  }
}

}  // namespace aikg::python
