// aikg/graph.h: a typed, sourced, time-aware graph of claims.
//
// Entities are the vertices; statements linking two entities are its edges (parallel edges are
// normal: the same relation read in two sources is two statements); value statements hang off
// their subject. Everything is checked against the graph's schema.
//
// A graph grows by batches that are applied all or nothing: `Apply` (or a JSON load, see
// aikg/json.h) checks the whole batch first and changes nothing if any part of it is wrong.
// Entity, Source and Statement are cheap handles (a pointer and an index) into the graph; they
// stay valid as long as the graph is alive, across later batches.
//
// Example:
//   aikg::Graph graph;
//   absl::Status loaded = aikg::LoadJsonFiles(graph, {"datasets/china-ai-2025-09.json"});
//   std::optional<aikg::Entity> deepseek = graph.FindEntity("org/deepseek");
//   for (aikg::Statement s : graph.StatementsAbout(deepseek->index())) {
//     std::cout << s.predicate_name() << "\n";
//   }
//
// Thread safety: const methods are safe to call from several threads; `Apply` and loads need
// exclusive access.

#ifndef AIKG_GRAPH_H_
#define AIKG_GRAPH_H_

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "aikg/diagnostic.h"
#include "aikg/model.h"
#include "aikg/schema.h"
#include "aikg/time.h"

namespace aikg {

namespace internal {
struct GraphData;
}  // namespace internal

class Graph;

class Entity {
 public:
  EntityIndex index() const { return index_; }
  std::string_view id() const;
  TypeId type() const;
  std::string_view type_name() const;
  std::string_view name() const;
  std::string_view description() const;
  absl::Span<const Alias> aliases() const;
  absl::Span<const Attribute> attributes() const;
  // The attribute `name`, when the entity has it.
  std::optional<AttributeValue> attribute(std::string_view name) const;

  friend bool operator==(const Entity& a, const Entity& b) {
    return a.data_ == b.data_ && a.index_ == b.index_;
  }

 private:
  friend class Graph;
  friend class Statement;
  Entity(const internal::GraphData* data, EntityIndex index) : data_(data), index_(index) {}
  const internal::GraphData* data_;
  EntityIndex index_;
};

class Source {
 public:
  SourceIndex index() const { return index_; }
  std::string_view id() const;
  SourceKind kind() const;
  std::string_view publisher() const;
  std::string_view author() const;
  std::string_view title() const;
  std::string_view language() const;
  TimePoint published() const;
  std::string_view url() const;
  // The source that relayed this one, if any.
  std::optional<Source> via() const;

  friend bool operator==(const Source& a, const Source& b) {
    return a.data_ == b.data_ && a.index_ == b.index_;
  }

 private:
  friend class Graph;
  friend class Statement;
  Source(const internal::GraphData* data, SourceIndex index) : data_(data), index_(index) {}
  const internal::GraphData* data_;
  SourceIndex index_;
};

// Where a statement was read: a source and a place in it.
struct Citation {
  SourceIndex source;
  std::string_view locator;

  friend bool operator==(const Citation&, const Citation&) = default;
};

// A statement's citations, decoded as they are read (the graph keeps each in 8 bytes, its
// locator as a number in a table of the distinct locators). A cheap view, valid as long as the
// graph: iterate it, index it, or copy it into a vector.
class CitationList {
 public:
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Citation;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Citation;

    Iterator() = default;
    Citation operator*() const { return At(data_, position_); }
    Iterator& operator++() {
      ++position_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      ++position_;
      return before;
    }
    friend bool operator==(const Iterator& a, const Iterator& b) { return a.position_ == b.position_; }

   private:
    friend class CitationList;
    Iterator(const internal::GraphData* data, uint32_t position) : data_(data), position_(position) {}
    const internal::GraphData* data_ = nullptr;
    uint32_t position_ = 0;
  };
  using value_type = Citation;
  using size_type = size_t;
  using iterator = Iterator;
  using const_iterator = Iterator;

  CitationList(const internal::GraphData* data, uint32_t begin, uint32_t count)
      : data_(data), begin_(begin), count_(count) {}

  size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  // The i-th citation; i must be below size() (ABSL_DCHECKed).
  Citation operator[](size_t i) const { return At(data_, begin_ + static_cast<uint32_t>(i)); }
  Iterator begin() const { return Iterator(data_, begin_); }
  Iterator end() const { return Iterator(data_, begin_ + count_); }

 private:
  // The citation at `position` of the graph's citation table.
  static Citation At(const internal::GraphData* data, uint32_t position);

  const internal::GraphData* data_;
  uint32_t begin_;
  uint32_t count_;
};

class Statement {
 public:
  StatementIndex index() const { return index_; }
  std::string_view id() const;
  Entity subject() const;
  PredicateId predicate() const;
  std::string_view predicate_name() const;
  // What kind of object or value the statement carries (its predicate's range kind).
  RangeKind kind() const;
  // The object entity of an entity-to-entity statement (an edge), else nullopt.
  std::optional<Entity> object() const;
  // The value, by kind; nullopt when the statement carries another kind. The quantity's unit
  // and the text's strings point into the graph and its schema.
  std::optional<Quantity> quantity() const;
  std::optional<Text> text() const;
  std::optional<TimePoint> date() const;
  std::optional<bool> boolean() const;
  ValidTime valid() const;
  TimePoint period() const;
  Modality modality() const;
  CitationList citations() const;
  std::optional<double> confidence() const;
  absl::Span<const Qualifier> qualifiers() const;

  friend bool operator==(const Statement& a, const Statement& b) {
    return a.data_ == b.data_ && a.index_ == b.index_;
  }

 private:
  friend class Graph;
  Statement(const internal::GraphData* data, StatementIndex index) : data_(data), index_(index) {}
  const internal::GraphData* data_;
  StatementIndex index_;
};

// One container of a graph's storage and the bytes it holds allocated.
struct StorageUse {
  std::string_view component;  // "statements", "statement_ids", "citations", ...
  size_t bytes;
};

class Graph {
 public:
  // An empty graph without a schema: the first load sets it.
  Graph();
  // An empty graph typed by `schema`.
  explicit Graph(std::shared_ptr<const Schema> schema);
  Graph(Graph&&) noexcept;
  Graph& operator=(Graph&&) noexcept;
  ~Graph();

  // Null until a schema is set.
  const Schema* schema() const;
  std::shared_ptr<const Schema> shared_schema() const;

  // Adds sources, then entities, then statements, all or nothing. Ids already in the graph
  // with an identical definition are accepted and merged; a different definition is a clash.
  // Every problem is reported (as diagnostics with file "<changes>" and pointers such as
  // "/statements/3/object"); on error the graph is unchanged. Needs a schema.
  absl::Status Apply(const ChangeSet& changes, std::vector<Diagnostic>* diagnostics = nullptr);

  size_t entity_count() const;
  size_t source_count() const;
  size_t statement_count() const;
  // Statements linking two entities (the edges).
  size_t edge_count() const;

  // Handles by index; the index must be below the count (ABSL_DCHECKed).
  Entity entity(EntityIndex index) const { return Entity(data_.get(), index); }
  Source source(SourceIndex index) const { return Source(data_.get(), index); }
  Statement statement(StatementIndex index) const { return Statement(data_.get(), index); }

  // By exact id. O(1).
  std::optional<Entity> FindEntity(std::string_view id) const;
  std::optional<Source> FindSource(std::string_view id) const;
  std::optional<Statement> FindStatement(std::string_view id) const;

  // Entities whose name or one of whose aliases equals `name`, ignoring case and accents
  // ("pekin" finds "Pékin"), in index order. O(1) plus the matches.
  std::vector<Entity> FindByName(std::string_view name) const;

  // Statements whose subject is `entity`, edges and values, in load order. O(degree).
  std::vector<Statement> StatementsAbout(EntityIndex entity) const;
  // Edge statements whose object is `entity`, in load order. O(in-degree).
  std::vector<Statement> StatementsPointingTo(EntityIndex entity) const;

  // The heap bytes each container of the storage has allocated (capacity, not size), in a fixed
  // order, for memory tuning (bench/storage_bytes.cc, docs/benchmarks.md). O(names) for the
  // name index's spilled lists, O(1) per other container.
  std::vector<StorageUse> StorageBytes() const;

  // The internal storage, for the library's own algorithms and serialisers.
  const internal::GraphData& data() const { return *data_; }
  internal::GraphData& mutable_data() { return *data_; }

 private:
  std::unique_ptr<internal::GraphData> data_;
};

}  // namespace aikg

#endif  // AIKG_GRAPH_H_
