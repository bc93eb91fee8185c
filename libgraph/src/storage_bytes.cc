// Graph::StorageBytes: what each container of GraphData holds allocated, for the memory table of
// docs/benchmarks.md. Capacities, not sizes: the slack of a vector grown by doubling is memory the
// graph keeps.

#include <vector>

#include "aikg/graph.h"
#include "internal/graph_data.h"

namespace aikg {
namespace {

template <typename T>
size_t VectorBytes(const std::vector<T>& vector) {
  return vector.capacity() * sizeof(T);
}

// Abseil's flat tables: one slot and one control byte per bucket.
template <typename Table>
size_t TableBytes(const Table& table) {
  return table.capacity() * (sizeof(typename Table::value_type) + 1);
}

// A name table's lists that outgrew their inline slot live on the heap.
template <typename Table>
size_t SpilledListBytes(const Table& table) {
  using List = typename Table::mapped_type;
  const size_t inline_capacity = List().capacity();
  size_t bytes = 0;
  for (const auto& [name, list] : table) {
    if (list.capacity() > inline_capacity) bytes += list.capacity() * sizeof(typename List::value_type);
  }
  return bytes;
}

size_t EdgeBytes(const internal::EdgeGraph& edges) {
  return VectorBytes(edges.m_forward.m_rowstart) + VectorBytes(edges.m_forward.m_column) +
         VectorBytes(edges.m_forward.m_edge_properties) + VectorBytes(edges.m_backward.m_rowstart) +
         VectorBytes(edges.m_backward.m_column) + VectorBytes(edges.m_backward.m_edge_properties);
}

}  // namespace

std::vector<StorageUse> Graph::StorageBytes() const {
  const internal::GraphData& data = *data_;
  return {
      {"statements", VectorBytes(data.statements)},
      {"statement_ids", data.statement_ids.bytes()},
      {"citations", VectorBytes(data.citations) + VectorBytes(data.locators) + data.locator_ids.bytes()},
      {"valid_index", data.valid_index.bytes() + data.valid_points.bytes()},
      {"date_value_index", data.date_value_index.bytes()},
      {"strings", data.strings.bytes_allocated()},
      {"quantities", VectorBytes(data.quantities) + VectorBytes(data.quantity_bounds)},
      {"texts", VectorBytes(data.texts)},
      {"qualifiers", VectorBytes(data.qualifiers)},
      {"edges", EdgeBytes(data.edges)},
      {"value_index", VectorBytes(data.value_offsets) + VectorBytes(data.value_statements)},
      {"undated", VectorBytes(data.undated)},
      {"entities", VectorBytes(data.entities)},
      {"entity_ids", data.entity_ids.bytes()},
      {"names", TableBytes(data.names) + SpilledListBytes(data.names) + VectorBytes(data.sorted_names)},
      {"identifiers", TableBytes(data.identifiers) + SpilledListBytes(data.identifiers)},
      {"aliases", VectorBytes(data.aliases)},
      {"attributes", VectorBytes(data.attributes)},
      {"sources", VectorBytes(data.sources)},
      {"source_ids", data.source_ids.bytes()},
  };
}

}  // namespace aikg
