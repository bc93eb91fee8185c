// bindings/python/export_py.cc: a view as records, networkx graphs and pandas frames.
//
// The records are built here in one pass over the view; the pure-Python module aikg._interop
// turns them into networkx or pandas objects, importing those packages only when asked.

#include <pybind11/numpy.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <type_traits>
#include <utility>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "aikg_py.h"

namespace aikg::python {
namespace {

constexpr const char* kEntityFields[] = {"id", "type", "name", "description", "aliases"};

// The columns of statements_frame, in order, named once: the keys of StatementRecord and the
// columns of StatementColumns are checked against them, and aikg._interop reads them as
// _aikg._STATEMENT_COLUMNS.
constexpr std::string_view kStatementColumns[] = {
    "id",     "subject", "predicate", "kind",  "object", "value",       "amount",    "unit",          "bound",
    "lower",  "upper",   "text",      "lang",  "date",   "boolean",     "valid",     "valid_start",   "valid_end",
    "valid_precision",   "period",    "modality",        "sources",     "locators",  "confidence",    "qualifiers",
};

// Raises (a programming error) unless `names` are kStatementColumns, in order.
void CheckStatementColumns(const py::list& names, const char* what) {
  size_t i = 0;
  for (py::handle name : names) {
    if (i >= std::size(kStatementColumns) || name.cast<std::string>() != kStatementColumns[i]) break;
    ++i;
  }
  if (i != std::size(kStatementColumns) || static_cast<size_t>(py::len(names)) != i) {
    py::pybind11_fail(std::string(what) + " disagree with kStatementColumns at column " + std::to_string(i));
  }
}

py::object Text(std::string_view text) { return py::str(text.data(), text.size()); }
py::object TextOrNone(std::string_view text) { return text.empty() ? py::object(py::none()) : Text(text); }
py::object TimeOrNone(const TimePoint& point) {
  return point.is_set() ? py::object(py::str(point.ToString())) : py::object(py::none());
}

py::dict EntityRecord(const Entity& entity) {
  py::dict record;
  record["id"] = Text(entity.id());
  record["type"] = Text(entity.type_name());
  record["name"] = Text(entity.name());
  record["description"] = TextOrNone(entity.description());
  py::list aliases;
  for (const Alias& alias : entity.aliases()) aliases.append(Text(alias.name));
  record["aliases"] = aliases;
  for (const Attribute& attribute : entity.attributes()) {
    std::string key(attribute.name);
    for (const char* field : kEntityFields) {
      if (key == field) key = "attribute:" + key;  // never hide a core field
    }
    const auto* time = std::get_if<TimePoint>(&attribute.value);
    record[py::str(key)] = time != nullptr ? py::object(py::str(time->ToString())) : AttributeToPython(attribute.value);
  }
  return record;
}

}  // namespace

py::dict StatementRecord(const Graph& graph, const Statement& statement) {
  py::dict record;
  record["id"] = Text(statement.id());
  record["subject"] = Text(statement.subject().id());
  record["predicate"] = Text(statement.predicate_name());
  record["kind"] = Text(RangeKindName(statement.kind()));
  std::optional<Entity> object = statement.object();
  record["object"] = object ? Text(object->id()) : py::none();
  // What the statement says, for people: the object's id, or the value ("≥ 97 million users").
  record["value"] = object ? Text(object->id()) : py::str(query::ToText(query::Value{query::ValueOf{statement}}));
  std::optional<Quantity> quantity = statement.quantity();
  record["amount"] = quantity ? py::object(py::float_(quantity->amount)) : py::none();
  record["unit"] = quantity ? Text(quantity->unit) : py::none();
  record["bound"] = quantity ? Text(BoundName(quantity->bound)) : py::none();
  record["lower"] = quantity && quantity->lower ? py::object(py::float_(*quantity->lower)) : py::none();
  record["upper"] = quantity && quantity->upper ? py::object(py::float_(*quantity->upper)) : py::none();
  std::optional<aikg::Text> text = statement.text();
  record["text"] = text ? Text(text->text) : py::none();
  record["lang"] = text ? TextOrNone(text->lang) : py::none();
  std::optional<TimePoint> date = statement.date();
  record["date"] = date ? TimeOrNone(*date) : py::none();
  std::optional<bool> boolean = statement.boolean();
  record["boolean"] = boolean ? py::object(py::bool_(*boolean)) : py::none();
  ValidTime valid = statement.valid();
  record["valid"] = valid.is_set() ? py::object(py::str(valid.ToString())) : py::none();
  std::optional<absl::CivilDay> start = valid.start_day(), end = valid.end_day();
  record["valid_start"] = start ? py::object(DayToPython(*start)) : py::none();
  record["valid_end"] = end ? py::object(DayToPython(*end)) : py::none();
  record["valid_precision"] = valid.is_set() ? Text(PrecisionName(valid.precision())) : py::none();
  record["period"] = TimeOrNone(statement.period());
  record["modality"] = Text(ModalityName(statement.modality()));
  py::list sources, locators;
  for (const Citation& citation : statement.citations()) {
    sources.append(Text(graph.source(citation.source).id()));
    locators.append(TextOrNone(citation.locator));
  }
  record["sources"] = sources;
  record["locators"] = locators;
  record["confidence"] = statement.confidence() ? py::object(py::float_(*statement.confidence())) : py::none();
  py::dict qualifiers;
  for (const Qualifier& qualifier : statement.qualifiers()) qualifiers[Text(qualifier.key)] = Text(qualifier.value);
  record["qualifiers"] = qualifiers;
  return record;
}

namespace {

using Records = py::typing::List<py::typing::Dict<py::str, py::object>>;

// One str object per distinct text, for the columns whose values repeat (predicates, kinds,
// units, source ids...): a row then costs a reference to it, not a new string.
class SharedStrings {
 public:
  py::handle operator()(std::string_view text) {
    auto found = strings_.find(absl::string_view(text.data(), text.size()));  // Abseil's own type on Debian 12
    if (found == strings_.end()) found = strings_.emplace(std::string(text), Text(text)).first;
    return found->second;
  }

 private:
  absl::flat_hash_map<std::string, py::object> strings_;
};

// A column of Python objects, filled row by row.
class ObjectColumn {
 public:
  explicit ObjectColumn(size_t rows) : list_(rows) {}
  // Takes a new reference to `value`.
  void Set(size_t row, py::handle value) {
    PyList_SET_ITEM(list_.ptr(), static_cast<Py_ssize_t>(row), value.inc_ref().ptr());
  }
  void Set(size_t row, py::object&& value) {
    PyList_SET_ITEM(list_.ptr(), static_cast<Py_ssize_t>(row), value.release().ptr());
  }
  void SetNone(size_t row) { Set(row, py::handle(Py_None)); }
  py::list Take() { return std::move(list_); }

 private:
  py::list list_;
};

// A column of optional numbers: float64 with NaN for the absent ones, which is what pandas
// makes of floats and Nones; a list of Nones when every row lacks it (pandas keeps those as
// objects).
class NumberColumn {
 public:
  explicit NumberColumn(size_t rows) : values_(rows, std::numeric_limits<double>::quiet_NaN()) {}
  void Set(size_t row, std::optional<double> value) {
    if (!value) return;
    values_[row] = *value;
    any_ = true;
  }
  py::object Take() const {
    if (!any_) {
      ObjectColumn nones(values_.size());
      for (size_t row = 0; row < values_.size(); ++row) nones.SetNone(row);
      return nones.Take();
    }
    return py::array_t<double>(static_cast<py::ssize_t>(values_.size()), values_.data());
  }

 private:
  std::vector<double> values_;
  bool any_ = false;
};

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
  T& back() { return data_[size_ - 1]; }
  void Reserve(size_t capacity) {
    if (capacity <= capacity_) return;
    void* grown = std::realloc(data_, capacity * sizeof(T));
    if (grown == nullptr) throw std::bad_alloc();
    data_ = static_cast<T*>(grown);
    capacity_ = capacity;
  }
  void Add(T value) {
    if (size_ == capacity_) Reserve(std::max<size_t>(64, capacity_ * 2));
    data_[size_++] = value;
  }
  void Append(const T* values, size_t count) {
    if (size_ + count > capacity_) Reserve(std::max({size_ + count, capacity_ * 2, size_t{64}}));
    std::memcpy(data_ + size_, values, count * sizeof(T));
    size_ += count;
  }

  // The bytes as a Python object with the buffer protocol (a NumPy uint8 array that frees the
  // memory when the last reader goes); leaves this buffer empty.
  py::object Take() {
    Reserve(1);  // a block to own, even when empty
    T* data = std::exchange(data_, nullptr);
    py::capsule owner(data, [](void* block) { std::free(block); });
    size_t bytes = std::exchange(size_, 0) * sizeof(T);
    capacity_ = 0;
    return py::array_t<uint8_t>(static_cast<py::ssize_t>(bytes), reinterpret_cast<const uint8_t*>(data), owner);
  }

 private:
  T* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

// A column of optional days as datetime64[s] (NaT when absent), from day numbers (days since
// 1970-01-01): no calendar needed.
class DayColumn {
 public:
  explicit DayColumn(size_t rows) : seconds_(rows, std::numeric_limits<int64_t>::min()) {}
  void Set(size_t row, std::optional<int32_t> day) {
    if (day) seconds_[row] = int64_t{*day} * 86400;
  }
  py::object Take() const {
    py::array array(py::dtype("datetime64[s]"), py::array::ShapeContainer{static_cast<py::ssize_t>(seconds_.size())});
    std::copy(seconds_.begin(), seconds_.end(), static_cast<int64_t*>(array.mutable_data()));
    return array;
  }

 private:
  std::vector<int64_t> seconds_;
};

// A column of optional texts, filled row after row: a list of str (repeated values share one
// object), or, when pandas keeps its strings in Arrow, the buffers of an Arrow large_string
// array, which pandas wraps without making a str per row.
class TextColumn {
 public:
  TextColumn(size_t rows, bool arrow) : arrow_(arrow) {
    if (arrow_) {
      offsets_.Reserve(rows + 1);
      offsets_.Add(0);
      validity_.Reserve(rows / 8 + 1);
    } else {
      list_ = ObjectColumn(rows);
    }
  }

  // In a list, the str `shared()` gives: one that exists already (a handle), or a new one.
  template <typename Shared>
  void Add(std::string_view text, Shared&& shared) {
    if (arrow_) {
      AddBytes(text, true);
    } else {
      list_->Set(row_, shared());
    }
    ++row_;
  }
  void Add(std::string_view text) {
    Add(text, [&] { return Text(text); });
  }
  void AddNone() {
    if (arrow_) {
      AddBytes({}, false);
    } else {
      list_->SetNone(row_);
    }
    ++row_;
    ++nulls_;
  }

  // A list, or (length, null count, validity, offsets, data) for pyarrow.Array.from_buffers; a
  // list of Nones when every row lacks a value (pandas keeps those as objects).
  py::object Take() {
    if (!arrow_) return list_->Take();
    if (nulls_ == row_) {
      ObjectColumn nones(row_);
      for (size_t row = 0; row < row_; ++row) nones.SetNone(row);
      return nones.Take();
    }
    return ArrowBuffers();
  }
  // The Arrow buffers, whatever the values (only for `arrow`).
  py::tuple ArrowBuffers() { return py::make_tuple(row_, nulls_, validity_.Take(), offsets_.Take(), data_.Take()); }
  size_t rows() const { return row_; }

 private:
  void AddBytes(std::string_view text, bool valid) {
    if (row_ % 8 == 0) validity_.Add(0);
    if (valid) validity_.back() |= static_cast<uint8_t>(1u << (row_ % 8));
    data_.Append(text.data(), text.size());
    offsets_.Add(static_cast<int64_t>(data_.size()));
  }

  bool arrow_;
  size_t row_ = 0;
  size_t nulls_ = 0;
  std::optional<ObjectColumn> list_;
  Buffer<uint8_t> validity_;
  Buffer<int64_t> offsets_;
  Buffer<char> data_;
};

// A column whose values are lists of optional texts (sources, locators), filled row after row:
// a list of Python lists, or, with `arrow`, an Arrow large_list<large_string> array as
// (offsets, the items' TextColumn buffers), which pandas keeps as it is (pandas.ArrowDtype): no
// Python list and str per row.
class TextListColumn {
 public:
  TextListColumn(size_t rows, bool arrow) : arrow_(arrow), items_(arrow ? rows : 0, arrow) {
    if (arrow_) {
      offsets_.Reserve(rows + 1);
      offsets_.Add(0);
    } else {
      lists_ = ObjectColumn(rows);
    }
  }

  // The next row, a list of `size` items: the i-th is `text(i)` (an optional text) in Arrow,
  // `object(i)` (a str or None) in a list.
  template <typename Text, typename Object>
  void AddRow(size_t size, Text&& text_of, Object&& object_of) {
    if (arrow_) {
      for (size_t i = 0; i < size; ++i) {
        std::optional<std::string_view> text = text_of(i);
        if (text) {
          items_.Add(*text);
        } else {
          items_.AddNone();
        }
      }
      offsets_.Add(static_cast<int64_t>(items_.rows()));
    } else {
      py::list list(size);
      for (size_t i = 0; i < size; ++i) {
        PyList_SET_ITEM(list.ptr(), static_cast<Py_ssize_t>(i), object_of(i).release().ptr());
      }
      lists_->Set(row_, std::move(list));
    }
    ++row_;
  }

  // A list of lists, or (offsets, (length, null count, validity, offsets, data)).
  py::object Take() {
    if (!arrow_) return lists_->Take();
    return py::make_tuple(offsets_.Take(), items_.ArrowBuffers());
  }

 private:
  bool arrow_;
  size_t row_ = 0;
  std::optional<ObjectColumn> lists_;
  TextColumn items_;
  Buffer<int64_t> offsets_;
};

// The texts of time values and quantities, each made once per distinct value: a frame's rows
// share few of them (at 10^6 statements, 3 718 valid times and 55 191 quantities in 504 575
// rows), and making one is a snprintf or FormatQuantity's dozen small strings. A text is good
// until the next call.
class ValueTexts {
 public:
  std::string_view Of(const ValidTime& valid) {
    return Remembered(times_, std::pair(Bits(valid.from), Bits(valid.to)), [&] { return valid.ToString(); });
  }
  std::string_view Of(const TimePoint& point) { return Of(ValidTime::At(point)); }
  std::string_view Of(const Quantity& quantity) {
    QuantityKey key{Bits(quantity.amount), Bits(quantity.lower.value_or(0)), Bits(quantity.upper.value_or(0)),
                    quantity.lower.has_value(), quantity.upper.has_value(), quantity.bound, quantity.unit};
    return Remembered(quantities_, key, [&] { return FormatQuantity(quantity); });
  }

 private:
  // Past this many texts of a kind, the values hardly repeat: new ones are made and forgotten.
  static constexpr size_t kMaxRemembered = size_t{1} << 16;

  template <typename Map, typename Make>
  std::string_view Remembered(Map& texts, const typename Map::key_type& key, Make&& make) {
    if (auto found = texts.find(key); found != texts.end()) return found->second;
    if (texts.size() >= kMaxRemembered) return scratch_ = make();
    return texts.emplace(key, make()).first->second;
  }

  // TimePoint is a day number and bit fields that fill its other four bytes, every one of which
  // its operator== compares: equal bytes, equal points.
  static_assert(sizeof(TimePoint) == sizeof(uint64_t) && std::is_trivially_copyable_v<TimePoint>);
  static uint64_t Bits(const TimePoint& point) { return std::bit_cast<uint64_t>(point); }
  // Numbers are told apart by their bits, so -0 and 0 (which FormatQuantity writes apart) never mix.
  static uint64_t Bits(double number) { return std::bit_cast<uint64_t>(number); }

  // `unit` views the graph's text, which outlives the frame's build (the read lock is held).
  struct QuantityKey {
    uint64_t amount, lower, upper;
    bool has_lower, has_upper;
    Bound bound;
    std::string_view unit;
    friend bool operator==(const QuantityKey&, const QuantityKey&) = default;
    template <typename H>
    friend H AbslHashValue(H state, const QuantityKey& key) {
      return H::combine(std::move(state), key.amount, key.lower, key.upper, key.has_lower, key.has_upper, key.bound,
                        absl::string_view(key.unit.data(), key.unit.size()));
    }
  };

  absl::flat_hash_map<std::pair<uint64_t, uint64_t>, std::string> times_;
  absl::flat_hash_map<QuantityKey, std::string> quantities_;
  std::string scratch_;
};

// Asks for the ids a frame's rows will copy before the rows come. Rows are visited in order,
// but the ids of their entities and sources lie scattered over megabytes of id buffer, so
// nearly every copy missed the cache (memcpy's loads were a fifth of the frame's time). Each
// row's ids are prefetched in two steps: kFar rows ahead, the lines of their offsets; kNear
// rows ahead, those offsets now in the cache, the lines of their bytes.
class IdPrefetcher {
 public:
  // Without id buffers (Python lists of str, not Arrow texts), does nothing.
  IdPrefetcher(const Graph& graph, const View& view, const SharedGraph::IdBuffer* entity_ids,
               const SharedGraph::IdBuffer* source_ids)
      : graph_(graph), view_(view), entity_ids_(entity_ids), source_ids_(source_ids) {
    if (entity_ids_ == nullptr || source_ids_ == nullptr) return;
    for (int k = 0; k < kFar; ++k) Ahead();
  }

  // Called once per row, before the row is read: moves both steps one row on.
  void Advance() {
    if (entity_ids_ == nullptr || source_ids_ == nullptr) return;
    Ahead();
    const Ids& near = ring_[(taken_ - 1 - kFar + kNear) % kFar];  // row taken_ - 1 - kFar is read now
    if (near.statement == kNoStatement) return;
    entity_ids_->PrefetchBytes(near.subject);
    if (near.object != kNoIndex) entity_ids_->PrefetchBytes(near.object);
    for (int c = 0; c < near.sources; ++c) source_ids_->PrefetchBytes(near.source[c]);
  }

 private:
  static constexpr int kFar = 16, kNear = 8, kMaxSources = 4;
  static constexpr StatementIndex kNoStatement = ~StatementIndex{0};
  static constexpr uint32_t kNoIndex = ~uint32_t{0};

  struct Ids {
    StatementIndex statement = kNoStatement;
    EntityIndex subject = 0, object = kNoIndex;
    int sources = 0;
    SourceIndex source[kMaxSources];
  };

  // Finds the next row kFar ahead, notes its ids and asks for their offsets.
  void Ahead() {
    Ids& ids = ring_[taken_++ % kFar];
    ids = Ids();
    while (next_ < view_.statements().size() && !view_.ContainsStatement(next_)) ++next_;
    if (next_ >= view_.statements().size()) return;
    Statement statement = graph_.statement(next_++);
    ids.statement = statement.index();
    ids.subject = statement.subject().index();
    entity_ids_->PrefetchOffsets(ids.subject);
    if (std::optional<Entity> object = statement.object()) {
      ids.object = object->index();
      entity_ids_->PrefetchOffsets(ids.object);
    }
    for (Citation citation : statement.citations()) {
      if (ids.sources == kMaxSources) break;
      ids.source[ids.sources++] = citation.source;
      source_ids_->PrefetchOffsets(citation.source);
    }
  }

  const Graph& graph_;
  const View& view_;
  const SharedGraph::IdBuffer* entity_ids_;
  const SharedGraph::IdBuffer* source_ids_;
  Ids ring_[kFar];
  size_t taken_ = 0;          // rows noted so far
  StatementIndex next_ = 0;   // where the search for the next row goes on
};

// The columns of statements_frame (aikg._interop.STATEMENT_COLUMNS, the keys of
// StatementRecord), built in one pass without a dict per row; texts as Arrow buffers when
// `arrow_texts`.
py::list StatementColumns(const SharedGraph& owner, const View& view, bool arrow_texts) {
  const Graph& graph = owner.graph();
  size_t rows = view.statement_count();
  auto texts = [&] { return TextColumn(rows, arrow_texts); };
  TextColumn id = texts(), subject = texts(), predicate = texts(), kind = texts(), object = texts(), value = texts(),
             unit = texts(), bound = texts(), text = texts(), lang = texts(), date = texts(), valid = texts(),
             valid_precision = texts(), period = texts(), modality = texts();
  ObjectColumn boolean(rows), qualifiers(rows);
  TextListColumn sources(rows, arrow_texts), locators(rows, arrow_texts);
  NumberColumn amount(rows), lower(rows), upper(rows), confidence(rows);
  DayColumn valid_start(rows), valid_end(rows);
  SharedStrings shared;
  auto shared_text = [&](TextColumn& column, std::string_view text) {
    column.Add(text, [&] { return shared(text); });
  };
  // Arrow copies the ids' bytes (from one buffer); lists take the graph's shared str objects.
  const SharedGraph::IdBuffer* entity_ids = arrow_texts ? &owner.EntityIds() : nullptr;
  auto entity_id = [&](TextColumn& column, EntityIndex entity) {
    column.Add(entity_ids != nullptr ? (*entity_ids)[entity] : std::string_view(),
               [&] { return owner.EntityIdString(entity); });
  };
  auto optional_text = [&](TextColumn& column, std::string_view text) {
    if (text.empty()) {
      column.AddNone();
    } else {
      column.Add(text);
    }
  };
  ValueTexts value_texts;
  auto optional_time = [&](TextColumn& column, const TimePoint& point) {
    if (point.is_set()) {
      column.Add(value_texts.Of(point));
    } else {
      column.AddNone();
    }
  };
  std::vector<py::object> source_ids(graph.source_count());
  std::vector<Citation> cited;  // of the row at hand
  std::optional<SharedGraph::IdBuffer> source_id_texts;
  if (arrow_texts) {
    source_id_texts.emplace(static_cast<uint32_t>(graph.source_count()),
                            [&](SourceIndex source) { return graph.source(source).id(); });
  }
  IdPrefetcher prefetcher(graph, view, entity_ids, source_id_texts ? &*source_id_texts : nullptr);

  size_t row = 0;
  for (StatementIndex i = 0; i < view.statements().size(); ++i) {
    if (!view.ContainsStatement(i)) continue;
    prefetcher.Advance();
    Statement statement = graph.statement(i);
    id.Add(statement.id());
    entity_id(subject, statement.subject().index());
    shared_text(predicate, statement.predicate_name());
    shared_text(kind, RangeKindName(statement.kind()));
    std::optional<Quantity> quantity = statement.quantity();
    std::optional<aikg::Text> statement_text = statement.text();
    std::optional<TimePoint> statement_date = statement.date();
    std::optional<bool> statement_boolean = statement.boolean();
    if (std::optional<Entity> target = statement.object()) {
      entity_id(object, target->index());
      entity_id(value, target->index());
    } else {
      object.AddNone();
      // query::ToText of the value (what StatementRecord writes), its texts made once per
      // distinct value.
      if (quantity) {
        value.Add(value_texts.Of(*quantity));
      } else if (statement_text) {
        value.Add(statement_text->text);
      } else if (statement_date) {
        value.Add(value_texts.Of(*statement_date));
      } else if (statement_boolean) {
        value.Add(*statement_boolean ? "true" : "false");
      } else {
        value.Add("");
      }
    }
    if (quantity) {
      amount.Set(row, quantity->amount);
      shared_text(unit, quantity->unit);
      shared_text(bound, BoundName(quantity->bound));
      lower.Set(row, quantity->lower);
      upper.Set(row, quantity->upper);
    } else {
      unit.AddNone();
      bound.AddNone();
    }
    if (statement_text) {
      text.Add(statement_text->text);
      optional_text(lang, statement_text->lang);
    } else {
      text.AddNone();
      lang.AddNone();
    }
    optional_time(date, statement_date.value_or(TimePoint()));
    boolean.Set(row, statement_boolean ? py::handle(*statement_boolean ? Py_True : Py_False) : py::handle(Py_None));
    ValidTime valid_time = statement.valid();
    if (valid_time.is_set()) {
      valid.Add(value_texts.Of(valid_time));
      shared_text(valid_precision, PrecisionName(valid_time.precision()));
    } else {
      valid.AddNone();
      valid_precision.AddNone();
    }
    valid_start.Set(row, valid_time.start_day_number());
    valid_end.Set(row, valid_time.end_day_number());
    optional_time(period, statement.period());
    shared_text(modality, ModalityName(statement.modality()));
    CitationList citations = statement.citations();
    cited.clear();
    for (size_t c = 0; c < citations.size(); ++c) cited.push_back(citations[c]);
    sources.AddRow(
        cited.size(), [&](size_t c) { return std::optional<std::string_view>((*source_id_texts)[cited[c].source]); },
        [&](size_t c) {
          py::object& source_id = source_ids[cited[c].source];
          if (!source_id) source_id = Text(graph.source(cited[c].source).id());
          return source_id;
        });
    locators.AddRow(
        cited.size(),
        [&](size_t c) {
          std::string_view locator = cited[c].locator;
          return locator.empty() ? std::nullopt : std::optional<std::string_view>(locator);
        },
        [&](size_t c) { return TextOrNone(cited[c].locator); });
    confidence.Set(row, statement.confidence());
    // A dict per row, as the records have (mutable, so never shared); an empty one is cheap.
    auto qualified = py::reinterpret_steal<py::dict>(PyDict_New());
    if (!qualified) throw py::error_already_set();
    for (const Qualifier& qualifier : statement.qualifiers()) {
      if (PyDict_SetItem(qualified.ptr(), shared(qualifier.key).ptr(), Text(qualifier.value).ptr()) != 0) {
        throw py::error_already_set();
      }
    }
    qualifiers.Set(row, std::move(qualified));
    ++row;
  }

  py::list names, columns;
  auto add = [&](const char* name, py::object column) {
    names.append(name);
    columns.append(py::make_tuple(name, std::move(column)));
  };
  add("id", id.Take());
  add("subject", subject.Take());
  add("predicate", predicate.Take());
  add("kind", kind.Take());
  add("object", object.Take());
  add("value", value.Take());
  add("amount", amount.Take());
  add("unit", unit.Take());
  add("bound", bound.Take());
  add("lower", lower.Take());
  add("upper", upper.Take());
  add("text", text.Take());
  add("lang", lang.Take());
  add("date", date.Take());
  add("boolean", boolean.Take());
  add("valid", valid.Take());
  add("valid_start", valid_start.Take());
  add("valid_end", valid_end.Take());
  add("valid_precision", valid_precision.Take());
  add("period", period.Take());
  add("modality", modality.Take());
  add("sources", sources.Take());
  add("locators", locators.Take());
  add("confidence", confidence.Take());
  add("qualifiers", qualifiers.Take());
  CheckStatementColumns(names, "the frame's columns");
  return columns;
}

}  // namespace

py::object CallHelper(const char* module_name, const char* name, py::args args, py::kwargs kwargs) {
  py::module_ helpers = py::module_::import((std::string("aikg.") + module_name).c_str());
  return helpers.attr(name)(*args, **kwargs);
}

void RegisterExport(py::module_& m) {
  py::list statement_columns;
  for (std::string_view name : kStatementColumns) statement_columns.append(py::str(name.data(), name.size()));
  m.attr("_STATEMENT_COLUMNS") = py::tuple(statement_columns);
  ViewClass view_class = GetViewClass(m);
  view_class
      .def(
          "_entity_records",
          [](const ViewHandle& self) {
            ReadLock lock(*self.owner());
            std::shared_ptr<const View> view = self.ResolveOrThrow();
            Records records;
            for (EntityIndex i = 0; i < view->entities().size(); ++i) {
              if (view->Contains(i)) records.append(EntityRecord(self.graph().entity(i)));
            }
            return records;
          },
          "The entities of the view as dicts of plain values (times as text), attributes flattened.")
      .def(
          "_statement_records",
          [](const ViewHandle& self) {
            ReadLock lock(*self.owner());
            std::shared_ptr<const View> view = self.ResolveOrThrow();
            Records records;
            for (StatementIndex i = 0; i < view->statements().size(); ++i) {
              if (view->ContainsStatement(i)) records.append(StatementRecord(self.graph(), self.graph().statement(i)));
            }
            if (!records.empty()) CheckStatementColumns(py::list(py::object(records[0])), "the records' keys");
            return records;
          },
          "The statements of the view as dicts of plain values, the columns of ``statements_frame``.")
      .def(
          "_statement_columns",
          [](const ViewHandle& self, bool arrow_texts) {
            ReadLock lock(*self.owner());
            std::shared_ptr<const View> view = self.ResolveOrThrow();
            return StatementColumns(*self.owner(), *view, arrow_texts);
          },
          py::kw_only(), py::arg("arrow_texts") = false,
          "The columns of ``statements_frame`` as (name, column) pairs, in order: a column is a list, a NumPy "
          "array, or with ``arrow_texts`` (length, null count, validity, offsets, data) of an Arrow large_string "
          "array, the last three objects with the buffer protocol (uint8 NumPy arrays, not copied), and for ``sources`` and ``locators`` (offsets, such buffers of the items) of an "
          "Arrow large_list<large_string> array.")
      .def(
          "to_networkx",
          [](py::object self, bool values) {
            return CallHelper("_interop", "to_networkx", py::make_tuple(self), py::dict(py::arg("values") = values));
          },
          py::kw_only(), py::arg("values") = true, R"doc(
The view as a networkx.MultiDiGraph (networkx is imported on first use): the node-link export
read by ``networkx.node_link_graph``, so both have one attribute layout (docs/export.md).

Nodes are entity ids, with the entity's ``type``, ``name``, ``description``, ``aliases`` (list
of ``{"name", "lang"}``), ``attributes`` (dict) and ``values`` (its value statements). Edges are
the entity-to-entity statements, keyed by statement id, so parallel statements stay separate
edges; each carries the statement's fields (``predicate``, ``modality``, ``valid``,
``valid_start``, ``valid_end``, ``valid_precision``, ``period``, ``sources``, ``locators``,
``confidence``, ``qualifiers``, ``order``), those not given left out. ``graph.graph`` holds the
schema's name and version and the sources.

Parameters
----------
values : bool
    Also attach each entity's value statements to its node, as a list of statement dicts
    under ``"values"``.

Examples
--------
>>> nxg = aikg.datasets.load("tiny").to_networkx()
>>> sorted(nxg["org/nvidia"]["chip/h100"])
['st/1', 'st/12']
>>> nxg.edges["org/nvidia", "chip/h100", "st/12"]["modality"], nxg.nodes["org/alibaba"]["attributes"]["ticker"]
('claim', 'BABA')
)doc")
      .def(
          "statements_frame",
          [](py::object self) { return CallHelper("_interop", "statements_frame", py::make_tuple(self)); }, R"doc(
The statements of the view as a pandas.DataFrame, one row per statement (edges and values).
``value`` is what each says as people read it (the object's id, "≥ 97 million users"); the
columns after it hold the value's parts for analysis.

Columns: ``id``, ``subject``, ``predicate``, ``kind``, ``object`` (edges), ``value``; ``amount``,
``unit``, ``bound``, ``lower``, ``upper``, ``text``, ``lang``, ``date``, ``boolean`` (values);
``valid`` (the valid time as written), ``valid_start``, ``valid_end`` (its first and last
possible day, datetime64), ``valid_precision``, ``period``, ``modality``, ``sources`` and ``locators`` (lists),
``confidence``, ``qualifiers`` (dict).

Where pandas keeps its strings in Arrow (pandas 3 with pyarrow), ``sources`` and ``locators``
are Arrow lists of texts (``pandas.ArrowDtype(pyarrow.large_list(pyarrow.large_string()))``)
rather than objects: a row still reads as a list of str (None for a source cited without a
locator), but ``map`` and ``apply`` hand their function NumPy arrays.

Examples
--------
>>> df = aikg.datasets.load("tiny").statements_frame()
>>> df.loc[df.id == "st/5", ["subject", "amount", "unit", "bound"]].values.tolist()
[['model/r1', 97000000.0, 'users', 'at_least']]
)doc")
      .def(
          "draw",
          [](py::object self, const std::string& engine, int max_entities) {
            return CallHelper("_plots", "draw", py::make_tuple(self),
                              py::dict(py::arg("engine") = engine, py::arg("max_entities") = max_entities));
          },
          py::kw_only(), py::arg("engine") = "auto", py::arg("max_entities") = 200, R"doc(
A drawing of the view's entities and edge statements that shows inline in a notebook, offline.

Parameters
----------
engine : {"auto", "dot", "builtin"}
    "dot" lays the graph out with Graphviz ``dot`` (which must be on PATH); "builtin" draws a
    circular layout itself, with no dependency; "auto" uses dot when it is there.
max_entities : int
    Refuses (ValidationError) views with more entities: draw a smaller view (``ego``, ``view``).

Returns
-------
aikg.Drawing
    Has ``svg`` (the SVG text), ``_repr_svg_`` and ``_repr_html_``.

Examples
--------
>>> d = aikg.datasets.load("tiny").ego("org/nvidia").draw(engine="builtin")
>>> "Nvidia" in d.svg
True
)doc")
      .def(
          "entities_frame",
          [](py::object self) { return CallHelper("_interop", "entities_frame", py::make_tuple(self)); }, R"doc(
The entities of the view as a pandas.DataFrame: ``id``, ``type``, ``name``, ``description``,
``aliases`` (list of names), then one column per attribute (times as text).

Examples
--------
>>> df = aikg.datasets.load("tiny").entities_frame()
>>> df.set_index("id").loc["org/alibaba", "employees"]
np.float64(204891.0)
)doc");
}

}  // namespace aikg::python
