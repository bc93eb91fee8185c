// bindings/python/model_py.cc: what a graph holds, as Python objects: Entity, Statement,
// Source and their values (Quantity, Text, Alias, Citation), and the Schema.
//
// Entity, Statement and Source are handles (the shared graph and an index): they are cheap,
// compare equal when they name the same thing of the same graph, and read the graph on access.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "aikg_py.h"
// After Python.h (which pybind11 includes): PyMemberDef and T_PYSSIZET, for Python 3.9 and on.
#include <structmember.h>

namespace aikg::python {
namespace {

std::optional<std::string> NonEmpty(std::string_view text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(std::string(text));
}

std::string QuoteText(std::string_view text) { return py::repr(py::str(std::string(text))); }

QuantityValue CopyQuantity(const Quantity& quantity) {
  return {quantity.amount, std::string(quantity.unit), quantity.bound, quantity.lower, quantity.upper};
}

// "chip/h100", "≥ 97 million users", "'Vers l’ère des agents'", "2025-01-20", "true".
std::string ValueText(const Statement& statement) {
  if (std::optional<Entity> object = statement.object()) return std::string(object->id());
  if (std::optional<Quantity> q = statement.quantity()) return FormatQuantity(*q);
  if (std::optional<Text> text = statement.text()) return QuoteText(text->text);
  if (std::optional<TimePoint> date = statement.date()) return date->ToString();
  if (std::optional<bool> boolean = statement.boolean()) return *boolean ? "true" : "false";
  return "?";
}

std::string StatementRepr(const Statement& statement) {
  std::string text = "<Statement " + std::string(statement.id()) + ": " + std::string(statement.subject().id()) + " " +
                     std::string(statement.predicate_name()) + " " + ValueText(statement);
  if (statement.valid().is_set()) text += " [" + statement.valid().ToString() + "]";
  return text + " " + std::string(ModalityName(statement.modality())) + ">";
}

py::dict SchemaTypes(const Schema& schema) {
  py::dict types;
  for (const EntityType& type : schema.types()) {
    py::dict attributes;
    for (const AttributeDecl& attribute : type.attributes) {
      attributes[py::str(attribute.name)] = std::string(AttributeKindName(attribute.kind));
    }
    py::dict entry;
    entry["parent"] = type.parent ? py::object(py::str(schema.type(*type.parent).name)) : py::object(py::none());
    entry["description"] = type.description;
    entry["attributes"] = attributes;
    types[py::str(type.name)] = entry;
  }
  return types;
}

py::dict SchemaPredicates(const Schema& schema) {
  py::dict predicates;
  auto type_names = [&schema](const std::vector<TypeId>& ids) {
    py::list names;
    for (TypeId id : ids) names.append(schema.type(id).name);
    return names;
  };
  for (const Predicate& predicate : schema.predicates()) {
    py::list units;
    for (UnitId unit : predicate.units) units.append(schema.unit(unit).name);
    py::dict entry;
    entry["description"] = predicate.description;
    entry["domain"] = type_names(predicate.domain);
    entry["range_kind"] = std::string(RangeKindName(predicate.range_kind));
    entry["range"] = type_names(predicate.range);
    entry["units"] = units;
    entry["symmetric"] = predicate.symmetric;
    predicates[py::str(predicate.name)] = entry;
  }
  return predicates;
}

// A property read under the graph's read lock: `read(ref.get())`.
template <typename Ref, typename Read>
auto Locked(Read read) {
  return [read](const Ref& ref) {
    ReadLock lock(*ref.owner);
    return read(ref.get());
  };
}

// `__eq__` of a handle: the same thing of the same graph.
template <typename Ref>
auto SameHandle() {
  return EqualTo<Ref>([](const Ref& a, const Ref& b) { return a.owner == b.owner && a.index == b.index; });
}

// ---- Entity: a plain CPython type (aikg_py.h says why) ---------------------------------------

struct EntityObject {
  PyObject_HEAD
  PyObject* weak_references;  // null until weakref.ref(entity), as pybind11's classes allow
  EntityRef ref;
};

// Made once by RegisterModel; the module holds it for the life of the process.
PyTypeObject* entity_type = nullptr;

constexpr const char* kEntityDoc = R"doc(
A typed node of the graph: a company, a chip, a country...

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> alibaba = g.entity("Alibaba")   # by id, name or alias
>>> alibaba
<Entity org/alibaba 'Alibaba Group' Company>
>>> alibaba.attributes["employees"], str(alibaba.attributes["founded"])
(204891, '1999')
>>> [str(alias) for alias in alibaba.aliases]
['阿里巴巴', 'Alibaba']
>>> alibaba.is_a("Organization")
True
)doc";

void EntityDealloc(PyObject* self) {
  auto* entity = reinterpret_cast<EntityObject*>(self);
  if (entity->weak_references != nullptr) PyObject_ClearWeakRefs(self);
  PyTypeObject* type = Py_TYPE(self);
  std::destroy_at(&entity->ref);  // may free the graph (its destructor takes the GIL, held here)
  type->tp_free(self);
  Py_DECREF(type);  // an object of a heap type holds a reference to its type
}

#if PY_VERSION_HEX < 0x030A0000
// Before Python 3.10 (Py_TPFLAGS_DISALLOW_INSTANTIATION) a type without `tp_new` takes object's.
PyObject* EntityNew(PyTypeObject*, PyObject*, PyObject*) {
  PyErr_SetString(PyExc_TypeError, "cannot create 'aikg._aikg.Entity' instances");
  return nullptr;
}
#endif

py::handle MakeEntityType(py::module_& m) {
  static PyMemberDef members[] = {
      {"__weaklistoffset__", T_PYSSIZET, static_cast<Py_ssize_t>(offsetof(EntityObject, weak_references)), READONLY,
       nullptr},
      {nullptr, 0, 0, 0, nullptr}};
  static PyType_Slot slots[] = {{Py_tp_dealloc, reinterpret_cast<void*>(&EntityDealloc)},
#if PY_VERSION_HEX < 0x030A0000
                                {Py_tp_new, reinterpret_cast<void*>(&EntityNew)},
#endif
                                {Py_tp_doc, const_cast<char*>(kEntityDoc)},
                                {Py_tp_members, members},
                                {0, nullptr}};
#if PY_VERSION_HEX >= 0x030A0000
  constexpr unsigned int kFlags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION;
#else
  constexpr unsigned int kFlags = Py_TPFLAGS_DEFAULT;
#endif
  static PyType_Spec spec = {"aikg._aikg.Entity", static_cast<int>(sizeof(EntityObject)), 0, kFlags, slots};
  py::object type = py::reinterpret_steal<py::object>(PyType_FromSpec(&spec));
  if (!type) throw py::error_already_set();
  m.add_object("Entity", type);
  entity_type = reinterpret_cast<PyTypeObject*>(type.release().ptr());  // and this reference, forever
  return reinterpret_cast<PyObject*>(entity_type);
}

// A read-only property of a type pybind11 did not make, as `def_property_readonly` adds one.
template <typename Get>
void AddProperty(py::handle type, const char* name, Get get, const char* doc) {
  py::cpp_function getter(std::move(get), py::is_method(type));
  py::handle property(reinterpret_cast<PyObject*>(&PyProperty_Type));
  py::setattr(type, name, property(getter, py::none(), py::none(), doc));
}

// A read-only `str` property of Entity read by `text(entity)`, for the attributes read once per
// entity in a loop (id, name, type). Its getter is a plain CPython function rather than a
// pybind11 one, whose dispatcher (about 0.05 µs) cost more than the read; its docstring is the
// signature pybind11 would write, so help() and the stubs read it the same.
template <std::string_view (Entity::*text)() const>
void AddTextProperty(py::handle type, const char* name, const char* doc) {
  static PyMethodDef getter_definition = {
      name,
      [](PyObject*, PyObject* self) -> PyObject* {
        const EntityRef* ref = EntityRefOf(self);
        if (ref == nullptr) {
          PyErr_SetString(PyExc_TypeError, "an Entity property read from another object");
          return nullptr;
        }
        try {
          ReadLock lock(*ref->owner);
          std::string_view read = (ref->get().*text)();
          return PyUnicode_DecodeUTF8(read.data(), static_cast<Py_ssize_t>(read.size()), nullptr);
        } catch (...) {
          py::detail::try_translate_exceptions();
          return nullptr;
        }
      },
      METH_O, "(self: Entity) -> str\n"};
  py::object getter = py::reinterpret_steal<py::object>(PyCFunction_New(&getter_definition, nullptr));
  if (!getter) throw py::error_already_set();
  py::handle property(reinterpret_cast<PyObject*>(&PyProperty_Type));
  py::setattr(type, name, property(getter, py::none(), py::none(), doc));
}

// A method of a type pybind11 did not make, as `def` adds one.
template <typename Function, typename... Extra>
void AddMethod(py::handle type, const char* name, Function function, const Extra&... extra) {
  py::cpp_function method(std::move(function), py::name(name), py::is_method(type),
                          py::sibling(py::getattr(type, name, py::none())), extra...);
  py::setattr(type, name, method);
}

}  // namespace

PyObject* NewEntityObject(const GraphPtr& owner, EntityIndex index) {
  PyObject* object = entity_type->tp_alloc(entity_type, 0);  // zeroed, and holding the type
  if (object == nullptr) return nullptr;
  new (&reinterpret_cast<EntityObject*>(object)->ref) EntityRef{owner, index};
  return object;
}

const EntityRef* EntityRefOf(PyObject* object) {
  return Py_TYPE(object) == entity_type ? &reinterpret_cast<EntityObject*>(object)->ref : nullptr;
}

py::object AttributeToPython(const AttributeValue& value) {
  return std::visit(
      [](const auto& v) -> py::object {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string_view>) {
          return py::str(v.data(), v.size());
        } else {
          return py::cast(v);
        }
      },
      value);
}

py::object StatementValueToPython(const GraphPtr& owner, const Statement& statement) {
  if (std::optional<Entity> object = statement.object()) return py::cast(EntityRef{owner, object->index()});
  if (std::optional<Quantity> quantity = statement.quantity()) return py::cast(CopyQuantity(*quantity));
  if (std::optional<Text> text = statement.text()) {
    return py::cast(TextValue{std::string(text->text), std::string(text->lang)});
  }
  if (std::optional<TimePoint> date = statement.date()) return py::cast(*date);
  if (std::optional<bool> boolean = statement.boolean()) return py::bool_(*boolean);
  return py::none();
}

HopValue MakeHop(const GraphPtr& owner, const Hop& hop) {
  return {StatementRef{owner, hop.statement}, EntityRef{owner, hop.neighbor}, hop.forward};
}

void RegisterModel(py::module_& m) {
  py::class_<QuantityValue>(m, "Quantity", R"doc(
A measured value: an amount in a unit of the schema, how exact it is, and an optional range.

``bound`` is ``'exact'``, ``'at_least'`` ("passed 97 million"), ``'at_most'`` or ``'about'``.
``float(q)`` is the amount. ``str(q)`` is the quantity as people read it: the bound's sign,
the amount with a scale word and every digit it has, the unit (``percent`` as ``%``) and the
range: "≥ 97 million users", "34.712 billion USD", "12,000 users", "-3.5 %",
"≈ 250 billion CNY (240–260 billion)".

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> users = g.statement("st/5").value
>>> users
<Quantity ≥ 97 million users>
>>> str(users)
'≥ 97 million users'
>>> users.amount, users.unit, users.bound
(97000000.0, 'users', 'at_least')
>>> users == aikg.Quantity(97000000, "users", bound="at_least")
True
)doc")
      .def(py::init([](double amount, std::string unit, const std::string& bound, std::optional<double> lower,
                       std::optional<double> upper) {
             std::optional<Bound> parsed = ParseBound(bound);
             if (!parsed) ThrowValidationError("unknown bound '" + bound + "'");
             return QuantityValue{amount, std::move(unit), *parsed, lower, upper};
           }),
           py::arg("amount"), py::arg("unit"), py::kw_only(), py::arg("bound") = "exact",
           py::arg("lower") = py::none(), py::arg("upper") = py::none())
      .def_readonly("amount", &QuantityValue::amount, "The amount, a plain number (34.7 billion is 34700000000).")
      .def_readonly("unit", &QuantityValue::unit, "The unit's name in the schema ('USD', 'percent', 'users').")
      .def_property_readonly(
          "bound", [](const QuantityValue& q) { return std::string(BoundName(q.bound)); },
          "'exact', 'at_least', 'at_most' or 'about'.")
      .def_readonly("lower", &QuantityValue::lower, "The lower end of the range, or None.")
      .def_readonly("upper", &QuantityValue::upper, "The upper end of the range, or None.")
      .def("__float__", [](const QuantityValue& q) { return q.amount; })
      .def("__str__", &QuantityValue::ToString)
      .def("__repr__", [](const QuantityValue& q) { return "<Quantity " + q.ToString() + ">"; })
      .def(
          "__eq__", EqualTo<QuantityValue>([](const QuantityValue& a, const QuantityValue& b) {
            return a.amount == b.amount && a.unit == b.unit && a.bound == b.bound && a.lower == b.lower &&
                   a.upper == b.upper;
          }), py::arg("other"))
      .def("__hash__", [](const QuantityValue& q) { return py::hash(py::make_tuple(q.amount, q.unit)); });

  py::class_<TextValue>(m, "Text", R"doc(
A text value with its language (a BCP 47 tag, or None). ``str(t)`` is the text.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> slogan = g.statement("st/8").value
>>> slogan.lang, str(slogan)
('fr', 'Vers l’ère des agents 🚀')
)doc")
      .def(py::init([](std::string text, std::optional<std::string> lang) {
             return TextValue{std::move(text), lang.value_or("")};
           }),
           py::arg("text"), py::arg("lang") = py::none())
      .def_readonly("text", &TextValue::text, "The text.")
      .def_property_readonly(
          "lang", [](const TextValue& t) { return NonEmpty(t.lang); }, "Its language, or None.")
      .def("__str__", [](const TextValue& t) { return t.text; })
      .def("__repr__",
           [](const TextValue& t) {
             return "Text(" + QuoteText(t.text) + (t.lang.empty() ? "" : ", lang=" + QuoteText(t.lang)) + ")";
           })
      .def(
          "__eq__",
          EqualTo<TextValue>(
              [](const TextValue& a, const TextValue& b) { return a.text == b.text && a.lang == b.lang; }),
          py::arg("other"))
      .def("__hash__", [](const TextValue& t) { return py::hash(py::str(t.text)); });

  py::class_<AliasValue>(m, "Alias", "Another name of an entity, with its language (or None). ``str(a)`` is the name.")
      .def_readonly("name", &AliasValue::name, "The name.")
      .def_property_readonly(
          "lang", [](const AliasValue& a) { return NonEmpty(a.lang); }, "Its language, or None.")
      .def("__str__", [](const AliasValue& a) { return a.name; })
      .def("__repr__",
           [](const AliasValue& a) {
             return "Alias(" + QuoteText(a.name) + (a.lang.empty() ? "" : ", lang=" + QuoteText(a.lang)) + ")";
           })
      .def(
          "__eq__",
          EqualTo<AliasValue>(
              [](const AliasValue& a, const AliasValue& b) { return a.name == b.name && a.lang == b.lang; }),
          py::arg("other"))
      .def("__hash__", [](const AliasValue& a) { return py::hash(py::make_tuple(a.name, a.lang)); });

  py::class_<SourceRef>(m, "Source", R"doc(
Where claims were read: a newsletter, a news article, a post... possibly relayed ``via``
another source. Optional texts are None when not given.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> wire = g.source("src/wire")
>>> wire.kind, wire.publisher, str(wire.published), wire.via.id
('news_wire', 'Wire', '2025-09-04T15:20', 'src/letter')
)doc")
      .def_property_readonly(
          "id", Locked<SourceRef>([](const Source& source) { return std::string(source.id()); }), "Its id.")
      .def_property_readonly(
          "kind", Locked<SourceRef>([](const Source& source) { return std::string(SourceKindName(source.kind())); }),
          "'newsletter', 'news_wire', 'news_article', 'social_media_post', 'company_announcement', "
          "'regulator', 'report', 'research_paper' or 'other'.")
      .def_property_readonly(
          "publisher", Locked<SourceRef>([](const Source& source) { return NonEmpty(source.publisher()); }),
          "Who published it, or None.")
      .def_property_readonly(
          "author", Locked<SourceRef>([](const Source& source) { return NonEmpty(source.author()); }),
          "Who wrote it, or None.")
      .def_property_readonly(
          "title", Locked<SourceRef>([](const Source& source) { return NonEmpty(source.title()); }),
          "Its title, or None.")
      .def_property_readonly(
          "language", Locked<SourceRef>([](const Source& source) { return NonEmpty(source.language()); }),
          "Its language (BCP 47), or None.")
      .def_property_readonly(
          "published",
          [](const SourceRef& s) -> std::optional<TimePoint> {
            ReadLock lock(*s.owner);
            TimePoint published = s.get().published();
            return published.is_set() ? std::optional<TimePoint>(published) : std::nullopt;
          },
          "When it was published (a TimePoint), or None.")
      .def_property_readonly(
          "url", Locked<SourceRef>([](const Source& source) { return NonEmpty(source.url()); }), "Its URL, or None.")
      .def_property_readonly(
          "via",
          [](const SourceRef& s) -> std::optional<SourceRef> {
            ReadLock lock(*s.owner);
            std::optional<Source> via = s.get().via();
            return via ? std::optional<SourceRef>(SourceRef{s.owner, via->index()}) : std::nullopt;
          },
          "The source that relayed this one, or None.")
      .def("__repr__",
           [](const SourceRef& s) {
             ReadLock lock(*s.owner);
             Source source = s.get();
             std::string text = "<Source " + std::string(source.id()) + " ";
             text += SourceKindName(source.kind());
             if (!source.publisher().empty()) text += " " + QuoteText(source.publisher());
             if (source.published().is_set()) text += " " + source.published().ToString();
             return text + ">";
           })
      .def("__eq__", SameHandle<SourceRef>(), py::arg("other"))
      .def("__hash__", [](const SourceRef& s) { return py::hash(py::make_tuple("source", s.index)); });

  py::class_<CitationValue>(m, "Citation", "Where a statement was read: a source and a place in it (or None).")
      .def_readonly("source", &CitationValue::source, "The source.")
      .def_property_readonly(
          "locator", [](const CitationValue& c) { return NonEmpty(c.locator); },
          "Where in the source (section, paragraph), or None.")
      .def("__repr__", [](const CitationValue& c) {
        ReadLock lock(*c.source.owner);
        std::string text = "Citation(" + QuoteText(c.source.get().id());
        if (!c.locator.empty()) text += ", " + QuoteText(c.locator);
        return text + ")";
      });

  py::handle entity = MakeEntityType(m);
  AddTextProperty<&Entity::id>(entity, "id", "Its id.");
  AddTextProperty<&Entity::name>(entity, "name", "Its name.");
  AddTextProperty<&Entity::type_name>(entity, "type", "Its type in the schema ('Company').");
  AddProperty(
      entity, "description", Locked<EntityRef>([](const Entity& entity) { return NonEmpty(entity.description()); }),
      "Its description, or None.");
  AddProperty(
      entity, "aliases",
      [](const EntityRef& e) {
        ReadLock lock(*e.owner);
        std::vector<AliasValue> aliases;
        for (const Alias& alias : e.get().aliases()) aliases.push_back({std::string(alias.name), std::string(alias.lang)});
        return aliases;
      },
      "Its other names, in any language or script.");
  AddProperty(
      entity, "attributes",
      [](const EntityRef& e) {
        ReadLock lock(*e.owner);
        using Value = py::typing::Union<py::str, py::float_, py::int_, py::bool_, TimePoint>;
        py::typing::Dict<py::str, Value> attributes;
        for (const Attribute& attribute : e.get().attributes()) {
          attributes[py::str(attribute.name.data(), attribute.name.size())] = AttributeToPython(attribute.value);
        }
        return attributes;
      },
      "Its attributes by name: str, float, int, bool or TimePoint, as the schema declares.");
  AddMethod(
      entity, "is_a",
      [](const EntityRef& e, const std::string& type) {
        ReadLock lock(*e.owner);
        const Schema& schema = *e.owner->graph().schema();
        std::optional<TypeId> ancestor = schema.FindType(type);
        if (!ancestor) ThrowValidationError("unknown entity type '" + type + "'");
        return schema.IsA(e.get().type(), *ancestor);
      },
      py::arg("type"), "True when the entity's type is `type` or one of its subtypes.");
  AddMethod(entity, "__repr__", [](const EntityRef& e) {
    ReadLock lock(*e.owner);
    Entity entity = e.get();
    return "<Entity " + std::string(entity.id()) + " " + QuoteText(entity.name()) + " " +
           std::string(entity.type_name()) + ">";
  });
  AddMethod(entity, "_repr_html_", ReprHtml("entity_html"));
  AddMethod(
      entity, "__eq__",
      [](const EntityRef& a, const py::object& b) {
        const EntityRef* other = EntityRefOf(b.ptr());
        return other != nullptr && a.owner == other->owner && a.index == other->index;
      },
      py::arg("other"));
  AddMethod(entity, "__hash__", [](const EntityRef& e) { return py::hash(py::make_tuple("entity", e.index)); });

  py::class_<StatementRef>(m, "Statement", R"doc(
One claim about a subject entity: a relation to another entity (an edge of the graph) or a
value (a Quantity, a Text, a TimePoint or a bool), with when it holds, how it is asserted and
where it was read.

Examples
--------
>>> g = aikg.datasets.load("tiny")
>>> s = g.statement("st/6")
>>> s
<Statement st/6: org/deepseek develops model/r1 [early 2025] reported>
>>> s.subject.name, s.predicate, s.value.name, s.kind
('DeepSeek', 'develops', 'DeepSeek-R1', 'entity')
>>> [(c.source.id, c.locator) for c in s.citations]
[('src/wire', 'post'), ('src/letter', 'Focus')]
>>> s.valid.first_day, s.valid.last_day
(datetime.date(2025, 1, 1), datetime.date(2025, 4, 30))
)doc")
      .def_property_readonly(
          "id", Locked<StatementRef>([](const Statement& statement) { return std::string(statement.id()); }), "Its id.")
      .def_property_readonly(
          "subject",
          [](const StatementRef& s) { ReadLock lock(*s.owner); return EntityRef{s.owner, s.get().subject().index()}; },
          "The entity it is about.")
      .def_property_readonly(
          "predicate",
          Locked<StatementRef>([](const Statement& statement) { return std::string(statement.predicate_name()); }),
          "Its predicate ('develops', 'revenue').")
      .def_property_readonly(
          "kind",
          Locked<StatementRef>([](const Statement& statement) { return std::string(RangeKindName(statement.kind())); }),
          "What it carries: 'entity' (an edge), 'quantity', 'text', 'date' or 'boolean'.")
      .def_property_readonly(
          "is_edge", Locked<StatementRef>([](const Statement& statement) { return statement.object().has_value(); }),
          "True when it links two entities.")
      .def_property_readonly(
          "object",
          [](const StatementRef& s) -> std::optional<EntityRef> {
            ReadLock lock(*s.owner);
            std::optional<Entity> object = s.get().object();
            return object ? std::optional<EntityRef>(EntityRef{s.owner, object->index()}) : std::nullopt;
          },
          "The object entity of an edge, else None.")
      .def_property_readonly(
          "value",
          [](const StatementRef& s) {
            ReadLock lock(*s.owner);
            using Value = py::typing::Union<EntityRef, QuantityValue, TextValue, TimePoint, bool>;
            return py::reinterpret_steal<Value>(StatementValueToPython(s.owner, s.get()).release());
          },
          "The object entity, or the value: a Quantity, a Text, a TimePoint or a bool.")
      .def_property_readonly(
          "valid",
          [](const StatementRef& s) -> std::optional<ValidTime> {
            ReadLock lock(*s.owner);
            ValidTime valid = s.get().valid();
            return valid.is_set() ? std::optional<ValidTime>(valid) : std::nullopt;
          },
          "When it holds (a ValidTime), or None when not bound to a time.")
      .def_property_readonly(
          "valid_start",
          [](const StatementRef& s) -> std::optional<PyDate> {
            ReadLock lock(*s.owner);
            std::optional<absl::CivilDay> day = s.get().valid().start_day();
            if (!day) return std::nullopt;
            return DayToPython(*day);
          },
          "The first day it may hold on (datetime.date), as in frames and exports; None when undated "
          "or open at the start.")
      .def_property_readonly(
          "valid_end",
          [](const StatementRef& s) -> std::optional<PyDate> {
            ReadLock lock(*s.owner);
            std::optional<absl::CivilDay> day = s.get().valid().end_day();
            if (!day) return std::nullopt;
            return DayToPython(*day);
          },
          "The last day it may hold on (datetime.date); None when undated or open at the end.")
      .def_property_readonly(
          "valid_precision",
          [](const StatementRef& s) -> std::optional<std::string> {
            ReadLock lock(*s.owner);
            ValidTime valid = s.get().valid();
            if (!valid.is_set()) return std::nullopt;
            return std::string(PrecisionName(valid.precision()));
          },
          "How finely its valid time is known: 'day', 'month', 'quarter', 'year', ...; None when undated.")
      .def_property_readonly(
          "period",
          [](const StatementRef& s) -> std::optional<TimePoint> {
            ReadLock lock(*s.owner);
            TimePoint period = s.get().period();
            return period.is_set() ? std::optional<TimePoint>(period) : std::nullopt;
          },
          "The reporting period a figure covers (a TimePoint), or None.")
      .def_property_readonly(
          "modality",
          Locked<StatementRef>(
              [](const Statement& statement) { return std::string(ModalityName(statement.modality())); }),
          "'reported', 'claim', 'forecast', 'plan' or 'opinion'.")
      .def_property_readonly(
          "citations",
          [](const StatementRef& s) {
            ReadLock lock(*s.owner);
            std::vector<CitationValue> citations;
            for (const Citation& c : s.get().citations()) {
              citations.push_back({SourceRef{s.owner, c.source}, std::string(c.locator)});
            }
            return citations;
          },
          "Where it was read: a Citation (source and locator) per source.")
      .def_property_readonly(
          "sources",
          [](const StatementRef& s) {
            ReadLock lock(*s.owner);
            std::vector<SourceRef> sources;
            for (const Citation& c : s.get().citations()) sources.push_back({s.owner, c.source});
            return sources;
          },
          "The sources it was read in.")
      .def_property_readonly(
          "confidence", Locked<StatementRef>([](const Statement& statement) { return statement.confidence(); }),
          "A confidence in [0, 1], or None.")
      .def_property_readonly(
          "qualifiers",
          [](const StatementRef& s) {
            ReadLock lock(*s.owner);
            py::typing::Dict<py::str, py::str> qualifiers;
            for (const Qualifier& q : s.get().qualifiers()) {
              qualifiers[py::str(q.key.data(), q.key.size())] = py::str(q.value.data(), q.value.size());
            }
            return qualifiers;
          },
          "Free qualifiers, key to text ({'comparison': 'year over year'}).")
      .def("__repr__",
           [](const StatementRef& s) {
             ReadLock lock(*s.owner);
             return StatementRepr(s.get());
           })
      .def("_repr_html_", ReprHtml("statement_html"))
      .def("__eq__", SameHandle<StatementRef>(), py::arg("other"))
      .def("__hash__", [](const StatementRef& s) { return py::hash(py::make_tuple("statement", s.index)); });

  py::class_<SchemaHandle>(m, "Schema", R"doc(
The ontology a graph is typed by: entity types (with single inheritance), units and predicates.

Examples
--------
>>> schema = aikg.datasets.load("tiny").schema
>>> schema.name, schema.entity_types["Company"]["parent"]
('tiny', 'Organization')
>>> schema.predicates["revenue"]["units"]
['USD', 'CNY']
>>> schema.is_a("Company", "Organization")
True
)doc")
      .def_property_readonly(
          "name", [](const SchemaHandle& s) { return s.schema->name(); }, "Its name.")
      .def_property_readonly(
          "version", [](const SchemaHandle& s) { return s.schema->version(); }, "Its version.")
      .def_property_readonly(
          "description", [](const SchemaHandle& s) { return s.schema->description(); }, "Its description.")
      .def_property_readonly(
          "path",
          [](const SchemaHandle& s) { return NonEmpty(s.schema->path().string()); },
          "The file it was loaded from, or None.")
      .def_property_readonly(
          "entity_types",
          [](const SchemaHandle& s) {
            return py::typing::Dict<py::str, py::typing::Dict<py::str, py::object>>(SchemaTypes(*s.schema));
          },
          "Entity types by name: their parent (or None), description and declared attributes (name → kind).")
      .def_property_readonly(
          "predicates",
          [](const SchemaHandle& s) {
            return py::typing::Dict<py::str, py::typing::Dict<py::str, py::object>>(SchemaPredicates(*s.schema));
          },
          "Predicates by name: description, domain, range_kind ('entity', 'quantity', ...), range, "
          "units and symmetric.")
      .def_property_readonly(
          "units",
          [](const SchemaHandle& s) {
            py::typing::Dict<py::str, py::typing::Dict<py::str, py::str>> units;
            for (const Unit& unit : s.schema->units()) {
              py::dict entry;
              entry["dimension"] = unit.dimension;
              entry["description"] = unit.description;
              units[py::str(unit.name)] = entry;
            }
            return units;
          },
          "Units by name: the dimension they measure ('currency', 'ratio', 'count') and description.")
      .def(
          "is_a",
          [](const SchemaHandle& s, const std::string& type, const std::string& ancestor) {
            std::optional<TypeId> a = s.schema->FindType(type), b = s.schema->FindType(ancestor);
            if (!a) ThrowValidationError("unknown entity type '" + type + "'");
            if (!b) ThrowValidationError("unknown entity type '" + ancestor + "'");
            return s.schema->IsA(*a, *b);
          },
          py::arg("type"), py::arg("ancestor"), "True when `type` is `ancestor` or one of its subtypes.")
      .def("__repr__", [](const SchemaHandle& s) {
        return "<Schema " + QuoteText(s.schema->name()) + " " + s.schema->version() + ">";
      });
}

}  // namespace aikg::python
