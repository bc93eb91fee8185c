// aikg/diagnostic.h: one problem found in an input, and where it is.
//
// Loaders report every problem of every file at once as a list of diagnostics; the status
// they return carries the same list as text, one `Format()`ted diagnostic per line:
//
//   data.json:41:18: unit 'EUR' is not allowed for predicate 'users' (at /statements/3/value/unit)
//
// A problem in a table row names its column instead of a byte column, and the place in the
// mapping that read it (the pointer is then in another file than the row):
//
//   models.csv:14:Parameters: '12 B' is not a number (at epoch.json#/statements/3/quantity)

#ifndef AIKG_DIAGNOSTIC_H_
#define AIKG_DIAGNOSTIC_H_

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace aikg {

struct Diagnostic {
  std::string file;          // path as given, or a label such as "<string>"
  int line = 0;              // 1-based; 0 when unknown
  int column = 0;            // 1-based, in bytes; 0 when unknown
  std::string json_pointer;  // RFC 6901 pointer to the offending value; empty when unknown
  std::string message;
  std::string column_name;   // a table's column, named where `column` would be; empty otherwise
  std::string pointer_file;  // the file `json_pointer` points into, when not `file`; else empty

  // "file:line:col: message (at /pointer)", leaving out the parts that are unknown; for a
  // table row "file:line:column-name: message (at pointer_file#/pointer)".
  std::string Format() const;
};

// InvalidArgument whose message lists every diagnostic, one per line; OK when empty.
absl::Status DiagnosticsToStatus(const std::vector<Diagnostic>& diagnostics);

}  // namespace aikg

#endif  // AIKG_DIAGNOSTIC_H_
