// Checks for programming errors (never for bad input, which gets an absl::Status).
// Abseil's ABSL_CHECK needs absl/log, which Debian 12's Abseil (20220623) does not ship.

#ifndef AIKG_INTERNAL_CHECK_H_
#define AIKG_INTERNAL_CHECK_H_

#include <cstdio>
#include <cstdlib>

// Aborts with the failed condition and its place when `condition` is false, in every build.
#define AIKG_CHECK(condition)                                                               \
  do {                                                                                      \
    if (!(condition)) {                                                                     \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition);   \
      std::abort();                                                                         \
    }                                                                                       \
  } while (false)

#endif  // AIKG_INTERNAL_CHECK_H_
