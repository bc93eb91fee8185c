// bindings/python/module.cc: the extension module aikg._aikg, re-exported by the aikg package.
//
// Each area registers its classes and functions; classes come before the methods that take or
// return them, so signatures (and the generated stubs) name Python types.

#include "aikg_py.h"

PYBIND11_MODULE(_aikg, m) {
  m.doc() = "The C++ core of aikg; import the aikg package instead.";
  m.attr("__version__") = AIKG_VERSION;
  aikg::python::RegisterTime(m);
  aikg::python::RegisterModel(m);
  aikg::python::RegisterView(m);
  aikg::python::RegisterGraph(m);
  aikg::python::RegisterSearch(m);
  aikg::python::RegisterPaths(m);
  aikg::python::RegisterTraversal(m);
  aikg::python::RegisterAlgorithms(m);
  aikg::python::RegisterQuery(m);
  aikg::python::RegisterExport(m);
  aikg::python::RegisterInterchange(m);
  aikg::python::RegisterTimeline(m);
  aikg::python::RegisterImport(m);
}
