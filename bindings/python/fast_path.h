// bindings/python/fast_path.h: methods that answer their common call without pybind11's
// dispatcher.
//
// pybind11 spends about 0.15 µs per call converting and matching arguments (more when one comes
// by keyword), which is more than the answer costs for a lookup called once per entity in a loop
// (View.neighbor_ids). `AddFastPath` keeps the method pybind11 made, with its signature,
// docstring, argument conversion and errors, and puts a plain CPython vectorcall method in front
// of it: `fast(self, args, nargs, kwnames)` answers the calls it recognises and returns a null
// object for every other, which goes to pybind11's method unchanged. Stubs and help() read the
// docstring pybind11 wrote, signature line included.
//
// Example:
//   py::object NeighborIdsFast(py::handle self, PyObject* const* args, Py_ssize_t nargs,
//                              PyObject* kwnames) { ... return py::object(); /* not handled */ }
//   view_class.def("neighbor_ids", ...);                  // the general method, as usual
//   AddFastPath<NeighborIdsFast>(view_class, "neighbor_ids");

#ifndef AIKG_BINDINGS_PYTHON_FAST_PATH_H_
#define AIKG_BINDINGS_PYTHON_FAST_PATH_H_

#include <pybind11/pybind11.h>

#include <algorithm>
#include <memory>
#include <string>

namespace aikg::python {

namespace py = pybind11;

// Answers a call (positional arguments, then the values of the keywords named in `kwnames`, as
// CPython's vectorcall gives them), or returns a null object to leave it to pybind11.
using FastPath = py::object (*)(py::handle self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames);

// The one keyword argument of a call, when it has exactly one named `name`: its value, else null.
// A call with other keywords is not one a fast path recognises.
inline PyObject* OnlyKeyword(PyObject* kwnames, PyObject* const* args, Py_ssize_t nargs, const char* name) {
  if (kwnames == nullptr || PyTuple_GET_SIZE(kwnames) != 1) return nullptr;
  if (PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(kwnames, 0), name) != 0) return nullptr;
  return args[nargs];
}

namespace internal {

template <FastPath fast>
struct FastMethod {
  // pybind11's function for the method (self first), owned for the life of the module.
  static inline PyObject* general = nullptr;
  static inline std::string doc;
  static inline PyMethodDef definition{};

  static PyObject* Call(PyObject* self, PyObject* const* args, Py_ssize_t nargsf, PyObject* kwnames) {
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    try {
      py::object answer = fast(self, args, nargs, kwnames);
      if (answer) return answer.release().ptr();
    } catch (...) {
      py::detail::try_translate_exceptions();  // as pybind11's dispatcher does
      return nullptr;
    }
    Py_ssize_t keywords = kwnames == nullptr ? 0 : PyTuple_GET_SIZE(kwnames);
    constexpr Py_ssize_t kInline = 8;
    PyObject* inline_arguments[kInline];
    std::unique_ptr<PyObject*[]> heap_arguments;
    PyObject** all = inline_arguments;
    if (nargs + keywords + 1 > kInline) {
      heap_arguments.reset(new PyObject*[nargs + keywords + 1]);
      all = heap_arguments.get();
    }
    all[0] = self;
    std::copy(args, args + nargs + keywords, all + 1);
    return PyObject_Vectorcall(general, all, static_cast<size_t>(nargs + 1), kwnames);
  }
};

}  // namespace internal

// Puts `fast` in front of the method `name` that pybind11 bound on `cls` (once per method).
template <FastPath fast, typename Class>
void AddFastPath(Class& cls, const char* name) {
  using Method = internal::FastMethod<fast>;
  py::object bound = cls.attr(name);  // pybind11's instancemethod
  PyObject* function = PyInstanceMethod_Check(bound.ptr()) ? PyInstanceMethod_GET_FUNCTION(bound.ptr()) : bound.ptr();
  Method::general = py::reinterpret_borrow<py::object>(function).release().ptr();
  Method::doc = py::str(bound.attr("__doc__"));
  Method::definition = {name, reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&Method::Call)),
                        METH_FASTCALL | METH_KEYWORDS, Method::doc.c_str()};
  py::object descriptor =
      py::reinterpret_steal<py::object>(PyDescr_NewMethod(reinterpret_cast<PyTypeObject*>(cls.ptr()), &Method::definition));
  if (!descriptor) throw py::error_already_set();
  py::setattr(cls, name, descriptor);
}

}  // namespace aikg::python

#endif  // AIKG_BINDINGS_PYTHON_FAST_PATH_H_
