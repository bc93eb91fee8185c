// bindings/python/statement_columns.cc: the columns of statements_frame.
//
// A frame has up to millions of rows and 25 columns, so it is built a column at a time, as Arrow
// builds tables. One pass over the view's statements reads each record once and notes, for
// each text column, a 4-byte code per row: the number of the row's text in a TextTable (the
// entity ids, or the texts this frame has made: predicates, valid times, quantities...). Each
// column's buffers are then written from its codes in a tight loop of its own. Most texts
// repeat (at 10^6 statements, 3 718 distinct valid times in 504 575 rows, a few dozen
// predicates), so each distinct text is made once, and a row costs a code per column.
// Quantities are the exception: their texts are made a row at a time (FrameTexts::Of).
//
// Where pandas keeps its strings in Arrow (pandas 3 with pyarrow), texts go out as the buffers
// of Arrow large_string arrays (in memory from Arrow's pool), which pandas wraps as they are;
// otherwise as lists of str, one str per distinct text.

#include <pybind11/numpy.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "aikg_py.h"

namespace aikg::python {
namespace {

// A growing array of trivially copyable values, handed to Python without a copy. It grows with
// realloc, which moves a large block by remapping its pages rather than copying its bytes (a
// column's text runs to tens of megabytes).
template <typename T>
class Buffer {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  Buffer() = default;
  Buffer(Buffer&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        capacity_(std::exchange(other.capacity_, 0)) {}
  Buffer& operator=(Buffer&& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
    return *this;
  }
  ~Buffer() { std::free(data_); }

  size_t size() const { return size_; }
  const T* data() const { return data_; }
  void Reserve(size_t capacity) {
    if (capacity <= capacity_) return;
    void* grown = std::realloc(data_, capacity * sizeof(T));
    if (grown == nullptr) throw std::bad_alloc();
    data_ = static_cast<T*>(grown);
    capacity_ = capacity;
  }
  void Add(T value) {
    if (size_ == capacity_) [[unlikely]] Grow(1);
    data_[size_++] = value;
  }
  // `count` more values, not set: the caller writes them through the pointer.
  T* Extend(size_t count) {
    if (size_ + count > capacity_) Grow(count);
    return data_ + std::exchange(size_, size_ + count);
  }

  // The values as a NumPy array of `dtype` (T itself, or its bytes as uint8), which frees the
  // memory when the last reader goes; leaves this buffer empty.
  py::array Take(py::dtype dtype = py::dtype::of<T>()) {
    Reserve(1);  // a block to own, even when empty
    T* data = std::exchange(data_, nullptr);
    py::capsule owner(data, [](void* block) { std::free(block); });
    py::ssize_t item = dtype.itemsize();
    auto items = static_cast<py::ssize_t>(std::exchange(size_, 0) * sizeof(T)) / item;
    capacity_ = 0;
    return py::array(std::move(dtype), {items}, {item}, data, owner);
  }

 private:
  // Out of line, so that Add stays small enough to inline in the frame's row loop.
  [[gnu::noinline]] void Grow(size_t count) { Reserve(std::max({size_ + count, capacity_ * 2, size_t{64}})); }

  T* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

// A column of Python objects, filled row by row: a NumPy object array, which pandas takes as
// it is (a list, it converts first).
class ObjectColumn {
 public:
  explicit ObjectColumn(size_t rows)
      : array_(py::module_::import("numpy").attr("full")(rows, py::none(), py::arg("dtype") = "O")),
        objects_(static_cast<PyObject**>(array_.mutable_data())) {}
  // Takes a new reference to `value`, in place of the None the row had.
  void Set(size_t row, py::handle value) { Py_SETREF(objects_[row], value.inc_ref().ptr()); }
  void Set(size_t row, py::object&& value) { Py_SETREF(objects_[row], value.release().ptr()); }
  py::array Take() { return std::move(array_); }

 private:
  py::array array_;
  PyObject** objects_;
};

// An object array of `rows` Nones: what pandas keeps for a column that no row has.
py::array Nones(size_t rows) { return ObjectColumn(rows).Take(); }

// A column of optional booleans: a bool array when every row has one, else objects (True,
// False, None), as pandas makes them from a list.
class BooleanColumn {
 public:
  explicit BooleanColumn(size_t rows) { values_.Reserve(rows); }
  void Add(std::optional<bool> value) { values_.Add(value ? static_cast<int8_t>(*value) : kNone); }
  py::array Take() {
    const int8_t* values = values_.data();
    size_t rows = values_.size();
    if (std::find(values, values + rows, kNone) == values + rows) return values_.Take(py::dtype::of<bool>());
    ObjectColumn objects(rows);
    for (size_t row = 0; row < rows; ++row) {
      objects.Set(row, py::handle(values[row] == kNone ? Py_None : values[row] != 0 ? Py_True : Py_False));
    }
    return objects.Take();
  }

 private:
  static constexpr int8_t kNone = -1;
  Buffer<int8_t> values_;  // 1, 0 or kNone
};

// A column of optional numbers: float64 with NaN for the absent ones, which is what pandas
// makes of floats and Nones; Nones (objects) when every row lacks it.
class NumberColumn {
 public:
  explicit NumberColumn(size_t rows) { values_.Reserve(rows); }
  void Add(std::optional<double> value) {
    values_.Add(value.value_or(std::numeric_limits<double>::quiet_NaN()));
    any_ |= value.has_value();
  }
  py::object Take() { return any_ ? py::object(values_.Take()) : py::object(Nones(values_.size())); }

 private:
  Buffer<double> values_;
  bool any_ = false;
};

// A column of optional days as datetime64[s] (NaT when absent), from day numbers (days since
// 1970-01-01): no calendar needed.
class DayColumn {
 public:
  explicit DayColumn(size_t rows) { seconds_.Reserve(rows); }
  void Add(std::optional<int32_t> day) { seconds_.Add(day ? int64_t{*day} * 86400 : kNotATime); }
  py::object Take() { return seconds_.Take(py::dtype("datetime64[s]")); }

 private:
  static constexpr int64_t kNotATime = std::numeric_limits<int64_t>::min();  // NumPy's NaT
  Buffer<int64_t> seconds_;
};

// One str per text of a table, made when first asked for: a list column's rows then share it.
class TextObjects {
 public:
  explicit TextObjects(const TextTable& table) : table_(table), made_(table.size()) {}
  py::handle operator()(uint32_t code) {
    py::object& made = made_[code];
    if (!made) made = py::str(table_[code].data(), table_[code].size());
    return made;
  }

 private:
  const TextTable& table_;
  std::vector<py::object> made_;
};

// A block of memory from Arrow's memory pool (pyarrow.allocate_buffer), for an Arrow column's
// buffers: the pool pandas' own Arrow columns come from, which keeps the pages a dropped frame
// gave back for the next one, where fresh memory from malloc costs a page fault per 4 KiB (a
// fifth of the frame's time when it did).
struct ArrowBlock {
  py::object owner;  // the pyarrow.Buffer
  char* data;

  explicit ArrowBlock(size_t bytes)
      : owner(py::module_::import("pyarrow").attr("allocate_buffer")(std::max<size_t>(bytes, 1))),
        data(static_cast<char*>(py::buffer(owner).request(/*writable=*/true).ptr)) {}
};

// A column of optional texts from a table, noted as a code per row (the text's number in the
// table, or kNoText) and written out once every row is noted. A column may draw on a second
// table (`value`: entity ids and the frame's texts), its codes marked with InSecond.
class CodedTextColumn {
 public:
  static constexpr uint32_t kNoText = ~uint32_t{0};
  static uint32_t InSecond(uint32_t code) { return code | kSecondTable; }

  CodedTextColumn(const TextTable& table, size_t rows, const TextTable* second = nullptr)
      : tables_{&table, second != nullptr ? second : &table} {
    codes_.Reserve(rows);
  }
  void Add(uint32_t code) { codes_.Add(code); }
  void AddNone() { codes_.Add(kNoText); }
  size_t rows() const { return codes_.size(); }

  // The Arrow buffers (only `arrow`), or a list of str and None; Nones (objects) when no row has
  // a text.
  py::object Take(bool arrow) const {
    const uint32_t* codes = codes_.data();
    if (std::count(codes, codes + rows(), kNoText) == static_cast<std::ptrdiff_t>(rows())) return Nones(rows());
    if (arrow) return ArrowBuffers();
    return List();
  }

  // The texts as a list of str and None.
  py::list List() const {
    const uint32_t* codes = codes_.data();
    py::list list(rows());
    TextObjects objects[2] = {TextObjects(*tables_[0]), TextObjects(*tables_[1])};
    for (size_t row = 0; row < rows(); ++row) {
      uint32_t code = codes[row];
      py::handle text = code == kNoText ? py::handle(Py_None) : objects[code >> 31](code & ~kSecondTable);
      PyList_SET_ITEM(list.ptr(), static_cast<Py_ssize_t>(row), text.inc_ref().ptr());
    }
    return list;
  }

  // The buffers of an Arrow large_string array for pyarrow.Array.from_buffers: (length, null
  // count, validity, offsets, data). Two passes over the codes: the offsets and validity, which
  // give the data's size, then the bytes, each text copied as a block (the table is padded, the
  // data given room to spare).
  py::tuple ArrowBuffers() const {
    size_t rows = codes_.size(), nulls = 0;
    const uint32_t* codes = codes_.data();
    ArrowBlock validity((rows + 7) / 8), offsets((rows + 1) * sizeof(int64_t));
    auto* valid = reinterpret_cast<uint8_t*>(validity.data);
    std::memset(valid, 0, (rows + 7) / 8);
    auto* offset = reinterpret_cast<int64_t*>(offsets.data);
    offset[0] = 0;
    int64_t end = 0;
    for (size_t row = 0; row < rows; ++row) {
      uint32_t code = codes[row];
      if (code == kNoText) {
        ++nulls;
      } else {
        end += static_cast<int64_t>(tables_[code >> 31]->length(code & ~kSecondTable));
        valid[row / 8] |= static_cast<uint8_t>(1u << (row % 8));
      }
      offset[row + 1] = end;
    }
    ArrowBlock data(static_cast<size_t>(end) + TextTable::kPadding);
    char* bytes = data.data;
    for (size_t row = 0; row < rows; ++row) {
      uint32_t code = codes[row];
      if (code == kNoText) continue;
      const TextTable& table = *tables_[code >> 31];
      code &= ~kSecondTable;
      CopyText(bytes + offset[row], table.data() + table.offset(code), table.length(code));
    }
    return py::make_tuple(rows, nulls, validity.owner, offsets.owner, data.owner);
  }

 private:
  static constexpr uint32_t kSecondTable = uint32_t{1} << 31;

  const TextTable* tables_[2];
  Buffer<uint32_t> codes_;
};

// A column whose values are lists of optional texts (sources, locators), noted as codes as
// CodedTextColumn notes them: a list of Python lists, or, with `arrow`, an Arrow
// large_list<large_string> array as (offsets, the items' Arrow buffers), which pandas keeps as
// it is (pandas.ArrowDtype): no Python list and str per row.
class TextListColumn {
 public:
  TextListColumn(const TextTable& table, size_t rows) : items_(table, rows) {
    ends_.Reserve(rows + 1);
    ends_.Add(0);
  }
  void AddItem(uint32_t code) { items_.Add(code); }
  void EndRow() { ends_.Add(static_cast<int64_t>(items_.rows())); }

  py::object Take(bool arrow) {
    if (arrow) {
      py::tuple items = items_.ArrowBuffers();
      return py::make_tuple(ends_.Take(py::dtype::of<uint8_t>()), std::move(items));
    }
    py::list items = items_.List();
    size_t rows = ends_.size() - 1;
    py::list lists(rows);
    const int64_t* end = ends_.data();
    for (size_t row = 0; row < rows; ++row) {
      py::list list(end[row + 1] - end[row]);
      for (int64_t item = end[row]; item < end[row + 1]; ++item) {
        PyList_SET_ITEM(list.ptr(), item - end[row], py::handle(PyList_GET_ITEM(items.ptr(), item)).inc_ref().ptr());
      }
      PyList_SET_ITEM(lists.ptr(), static_cast<Py_ssize_t>(row), list.release().ptr());
    }
    return lists;
  }

 private:
  CodedTextColumn items_;
  Buffer<int64_t> ends_;  // where each row's items end, after a 0
};

// What a key stands for in a frame, made once per distinct key: past kMaxRemembered keys the
// values hardly repeat, so new ones are made each time and not remembered.
template <typename Key, typename Value>
class Memo {
 public:
  template <typename Make>
  const Value& operator()(const Key& key, Make&& make) {
    if (auto found = values_.find(key); found != values_.end()) return found->second;
    if (values_.size() >= kMaxRemembered) return scratch_ = make();
    return values_.emplace(key, make()).first->second;
  }

 private:
  static constexpr size_t kMaxRemembered = size_t{1} << 16;
  absl::flat_hash_map<Key, Value> values_;
  Value scratch_;
};

// TimePoint is a day number and bit fields that fill its other four bytes, every one of which
// its operator== compares: equal bytes, equal points.
static_assert(sizeof(TimePoint) == sizeof(uint64_t) && std::is_trivially_copyable_v<TimePoint>);
uint64_t Bits(const TimePoint& point) { return std::bit_cast<uint64_t>(point); }

// A text of the graph by where it is: the graph keeps each unit, language and locator once, so
// equal places mean equal texts (and equal texts in two places only cost a second entry).
struct Place {
  const char* data;
  size_t size;
  explicit Place(std::string_view text) : data(text.data()), size(text.size()) {}
  friend bool operator==(const Place&, const Place&) = default;
  template <typename H>
  friend H AbslHashValue(H state, const Place& place) {
    return H::combine(std::move(state), place.data, place.size);
  }
};

// The texts of a frame other than the entity ids, each distinct one made and stored once, and
// the codes of those a row names, found by what they stand for.
class FrameTexts {
 public:
  static constexpr uint32_t kNoText = CodedTextColumn::kNoText;

  // A predicate's name and kind.
  struct PredicateCodes {
    uint32_t name = kNoText, kind = kNoText;
  };
  // A time as written (a valid time, or a date or period as a point), and for a valid time its
  // precision's name and its first and last possible days.
  struct TimeCodes {
    uint32_t text = kNoText, precision = kNoText;
    std::optional<int32_t> start, end;
  };
  // A quantity as people read it, its unit and its bound's name. The text is made for each row:
  // quantities repeat less than times (55 191 distinct in 184 954 rows at 10^6 statements), and
  // a map of the distinct ones cost more in cache misses than FormatQuantity does.
  struct QuantityCodes {
    uint32_t text = kNoText, unit = kNoText, bound = kNoText;
  };

  explicit FrameTexts(const Graph& graph)
      : graph_(graph), predicates_(graph.schema() != nullptr ? graph.schema()->predicates().size() : 0) {}
  const TextTable& table() const { return table_; }

  uint32_t Add(std::string_view text) { return table_.Add(text); }

  const PredicateCodes& Of(const Statement& statement) {
    PredicateCodes& codes = predicates_[statement.predicate()];
    if (codes.name == kNoText) codes = {Add(statement.predicate_name()), Add(RangeKindName(statement.kind()))};
    return codes;
  }
  const TimeCodes& Of(const ValidTime& valid) {
    return times_(std::pair(Bits(valid.from), Bits(valid.to)), [&] {
      return TimeCodes{Add(valid.ToString()), NameOf(PrecisionName(valid.precision())), valid.start_day_number(),
                       valid.end_day_number()};
    });
  }
  uint32_t Of(const TimePoint& point) { return Of(ValidTime::At(point)).text; }
  QuantityCodes Of(const Quantity& quantity) {
    return QuantityCodes{Add(FormatQuantity(quantity)), PlaceOf(quantity.unit), NameOf(BoundName(quantity.bound))};
  }
  uint32_t ModalityOf(Modality modality) {
    auto value = static_cast<size_t>(modality);
    if (value >= modalities_.size()) modalities_.resize(value + 1, kNoText);
    if (modalities_[value] == kNoText) modalities_[value] = NameOf(ModalityName(modality));
    return modalities_[value];
  }
  // Languages and locators.
  uint32_t PlaceOf(std::string_view text) {
    return places_(Place(text), [&] { return Add(text); });
  }
  // A source's id.
  uint32_t SourceIdOf(SourceIndex source) {
    if (source_ids_.empty()) source_ids_.assign(graph_.source_count(), kNoText);
    if (source_ids_[source] == kNoText) source_ids_[source] = Add(graph_.source(source).id());
    return source_ids_[source];
  }

 private:
  // The names of enumerators (kinds, bounds, precisions, modalities): static texts.
  uint32_t NameOf(std::string_view name) { return PlaceOf(name); }

  const Graph& graph_;
  TextTable table_;
  std::vector<PredicateCodes> predicates_;  // by predicate id
  Memo<std::pair<uint64_t, uint64_t>, TimeCodes> times_;
  Memo<Place, uint32_t> places_;
  std::vector<uint32_t> source_ids_;   // by source index, kNoText until asked for
  std::vector<uint32_t> modalities_;  // by value, the same
};

// A column of texts that do not repeat (statement ids), copied in as rows come: Arrow buffers,
// or a list of str.
class UniqueTextColumn {
 public:
  UniqueTextColumn(size_t rows, bool arrow) : arrow_(arrow) {
    if (arrow_) {
      offsets_.Reserve(rows + 1);
      offsets_.Add(0);
    } else {
      list_.emplace(rows);
    }
  }
  void Add(std::string_view text) {
    if (arrow_) {
      std::memcpy(data_.Extend(text.size()), text.data(), text.size());
      offsets_.Add(static_cast<int64_t>(data_.size()));
    } else {
      list_->Set(row_, py::str(text.data(), text.size()));
    }
    ++row_;
  }
  py::object Take() {
    if (!arrow_) return list_->Take();
    return py::make_tuple(row_, 0, py::none(), offsets_.Take(py::dtype::of<uint8_t>()),
                          data_.Take(py::dtype::of<uint8_t>()));
  }

 private:
  bool arrow_;
  size_t row_ = 0;
  std::optional<ObjectColumn> list_;  // without `arrow`
  Buffer<int64_t> offsets_;
  Buffer<char> data_;
};

}  // namespace

py::list StatementColumns(const SharedGraph& owner, const View& view, bool arrow_texts) {
  const Graph& graph = owner.graph();
  size_t rows = view.statement_count();
  FrameTexts texts(graph);
  const TextTable& entity_ids = owner.EntityIds();
  UniqueTextColumn id(rows, arrow_texts);
  CodedTextColumn subject(entity_ids, rows), object(entity_ids, rows);
  // `value`: an entity's id, or a text made here.
  CodedTextColumn value(texts.table(), rows, &entity_ids);
  auto made = [&] { return CodedTextColumn(texts.table(), rows); };
  CodedTextColumn predicate = made(), kind = made(), unit = made(), bound = made(), text = made(), lang = made(),
                  date = made(), valid = made(), valid_precision = made(), period = made(), modality = made();
  BooleanColumn boolean(rows);
  ObjectColumn qualifiers(rows);
  TextListColumn sources(texts.table(), rows), locators(texts.table(), rows);
  NumberColumn amount(rows), lower(rows), upper(rows), confidence(rows);
  DayColumn valid_start(rows), valid_end(rows);
  absl::flat_hash_map<Place, py::object> qualifier_keys;

  size_t row = 0;
  for (StatementIndex i = 0; i < view.statements().size(); ++i) {
    if (!view.ContainsStatement(i)) continue;
    Statement statement = graph.statement(i);
    id.Add(statement.id());
    subject.Add(statement.subject().index());
    const FrameTexts::PredicateCodes& predicate_codes = texts.Of(statement);
    predicate.Add(predicate_codes.name);
    kind.Add(predicate_codes.kind);
    std::optional<Entity> target = statement.object();
    std::optional<Quantity> quantity = statement.quantity();
    std::optional<aikg::Text> statement_text = statement.text();
    std::optional<TimePoint> statement_date = statement.date();
    std::optional<bool> statement_boolean = statement.boolean();
    // Texts that two columns share (`value` and `text`, `value` and `date`), made once.
    uint32_t text_code = statement_text ? texts.Add(statement_text->text) : FrameTexts::kNoText;
    uint32_t date_code = statement_date ? texts.Of(*statement_date) : FrameTexts::kNoText;
    std::optional<FrameTexts::QuantityCodes> quantity_codes;
    if (quantity) quantity_codes = texts.Of(*quantity);
    // `value`: query::ToText of the value (what StatementRecord writes).
    if (target) {
      object.Add(target->index());
      value.Add(CodedTextColumn::InSecond(target->index()));
    } else {
      object.AddNone();
      if (quantity) {
        value.Add(quantity_codes->text);
      } else if (statement_text) {
        value.Add(text_code);
      } else if (statement_date) {
        value.Add(date_code);
      } else if (statement_boolean) {
        value.Add(texts.PlaceOf(*statement_boolean ? "true" : "false"));
      } else {
        value.Add(texts.PlaceOf(""));
      }
    }
    if (quantity) {
      amount.Add(quantity->amount);
      unit.Add(quantity_codes->unit);
      bound.Add(quantity_codes->bound);
      lower.Add(quantity->lower);
      upper.Add(quantity->upper);
    } else {
      amount.Add(std::nullopt);
      unit.AddNone();
      bound.AddNone();
      lower.Add(std::nullopt);
      upper.Add(std::nullopt);
    }
    if (statement_text) {
      text.Add(text_code);
      if (statement_text->lang.empty()) {
        lang.AddNone();
      } else {
        lang.Add(texts.PlaceOf(statement_text->lang));
      }
    } else {
      text.AddNone();
      lang.AddNone();
    }
    if (statement_date && statement_date->is_set()) {
      date.Add(date_code);
    } else {
      date.AddNone();
    }
    boolean.Add(statement_boolean);
    ValidTime valid_time = statement.valid();
    if (valid_time.is_set()) {
      const FrameTexts::TimeCodes& time_codes = texts.Of(valid_time);
      valid.Add(time_codes.text);
      valid_precision.Add(time_codes.precision);
      valid_start.Add(time_codes.start);
      valid_end.Add(time_codes.end);
    } else {
      valid.AddNone();
      valid_precision.AddNone();
      valid_start.Add(std::nullopt);
      valid_end.Add(std::nullopt);
    }
    if (TimePoint statement_period = statement.period(); statement_period.is_set()) {
      period.Add(texts.Of(statement_period));
    } else {
      period.AddNone();
    }
    modality.Add(texts.ModalityOf(statement.modality()));
    for (Citation citation : statement.citations()) {
      sources.AddItem(texts.SourceIdOf(citation.source));
      if (citation.locator.empty()) {
        locators.AddItem(FrameTexts::kNoText);
      } else {
        locators.AddItem(texts.PlaceOf(citation.locator));
      }
    }
    sources.EndRow();
    locators.EndRow();
    confidence.Add(statement.confidence());
    // A dict per row, as the records have (mutable, so never shared); an empty one is cheap.
    auto qualified = py::reinterpret_steal<py::dict>(PyDict_New());
    if (!qualified) throw py::error_already_set();
    for (const Qualifier& qualifier : statement.qualifiers()) {
      py::object& key = qualifier_keys[Place(qualifier.key)];
      if (!key) key = py::str(qualifier.key.data(), qualifier.key.size());
      py::str qualifier_value(qualifier.value.data(), qualifier.value.size());
      if (PyDict_SetItem(qualified.ptr(), key.ptr(), qualifier_value.ptr()) != 0) throw py::error_already_set();
    }
    qualifiers.Set(row, std::move(qualified));
    ++row;
  }

  py::list columns;
  auto add = [&](const char* name, py::object column) { columns.append(py::make_tuple(name, std::move(column))); };
  add("id", id.Take());
  add("subject", subject.Take(arrow_texts));
  add("predicate", predicate.Take(arrow_texts));
  add("kind", kind.Take(arrow_texts));
  add("object", object.Take(arrow_texts));
  add("value", value.Take(arrow_texts));
  add("amount", amount.Take());
  add("unit", unit.Take(arrow_texts));
  add("bound", bound.Take(arrow_texts));
  add("lower", lower.Take());
  add("upper", upper.Take());
  add("text", text.Take(arrow_texts));
  add("lang", lang.Take(arrow_texts));
  add("date", date.Take(arrow_texts));
  add("boolean", boolean.Take());
  add("valid", valid.Take(arrow_texts));
  add("valid_start", valid_start.Take());
  add("valid_end", valid_end.Take());
  add("valid_precision", valid_precision.Take(arrow_texts));
  add("period", period.Take(arrow_texts));
  add("modality", modality.Take(arrow_texts));
  add("sources", sources.Take(arrow_texts));
  add("locators", locators.Take(arrow_texts));
  add("confidence", confidence.Take());
  add("qualifiers", qualifiers.Take());
  return columns;
}

}  // namespace aikg::python
