// The budget of one query run (QueryOptions): rows and their estimated memory, wall time, and
// cancellation. The matcher asks Step() as it works; the projection charges each row kept.

#ifndef AIKG_QUERY_BUDGET_H_
#define AIKG_QUERY_BUDGET_H_

#include <chrono>
#include <cstdint>

#include "absl/status/status.h"
#include "aikg/query.h"
#include "internal/cat.h"

namespace aikg::query::internal {

class Budget {
 public:
  explicit Budget(const QueryOptions& options)
      : options_(options), start_(std::chrono::steady_clock::now()) {}

  // One unit of matching work. Every kCheckEvery steps, looks at the clock and asks whether
  // the run is cancelled. Returns whether the run may go on.
  bool Step() {
    if (++steps_ % kCheckEvery == 0 && status_.ok()) Check();
    return status_.ok();
  }

  // One more row (or group) kept, of about `bytes`. Returns whether the run may go on.
  bool Keep(int64_t bytes) {
    ++rows_;
    bytes_ += bytes;
    if (!status_.ok()) return false;
    if (options_.max_rows > 0 && rows_ > options_.max_rows) {
      status_ = absl::ResourceExhaustedError(aikg::internal::Cat(
          "the query keeps more than ", options_.max_rows, " rows (the max_rows limit): add LIMIT, "
          "aggregate, or narrow the pattern"));
    } else if (options_.max_memory_bytes > 0 && bytes_ > options_.max_memory_bytes) {
      status_ = absl::ResourceExhaustedError(aikg::internal::Cat(
          "the query's rows take more than ", options_.max_memory_bytes,
          " bytes (the max_memory limit): add LIMIT, aggregate, or narrow the pattern"));
    }
    return status_.ok();
  }

  // OK, or why the run stopped.
  const absl::Status& status() const { return status_; }

 private:
  static constexpr int64_t kCheckEvery = 4096;

  void Check() {
    if (options_.timeout.count() > 0 && std::chrono::steady_clock::now() - start_ > options_.timeout) {
      status_ = absl::DeadlineExceededError(aikg::internal::Cat(
          "the query ran longer than ", options_.timeout.count(), " ms (the timeout)"));
    } else if (options_.cancelled && options_.cancelled()) {
      status_ = absl::CancelledError("the query was cancelled");
    }
  }

  const QueryOptions& options_;
  std::chrono::steady_clock::time_point start_;
  int64_t steps_ = 0;
  int64_t rows_ = 0;
  int64_t bytes_ = 0;
  absl::Status status_;
};

}  // namespace aikg::query::internal

#endif  // AIKG_QUERY_BUDGET_H_
