#include "aikg/diagnostic.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "internal/cat.h"

namespace aikg {

namespace {

// `pointer` for a message, each token clipped (a hostile member name can be megabytes long);
// the diagnostic's field keeps the exact pointer.
std::string ClippedPointer(std::string_view pointer) {
  std::string out;
  for (size_t start = 0; start < pointer.size();) {
    size_t end = std::min(pointer.find('/', start + 1), pointer.size());
    out += internal::Clipped(pointer.substr(start, end - start));
    start = end;
  }
  return out;
}

}  // namespace

std::string Diagnostic::Format() const {
  std::string out = file;
  if (line > 0) {
    out += internal::Cat(":", line);
    if (!column_name.empty()) {
      out += internal::Cat(":", column_name);
    } else if (column > 0) {
      out += internal::Cat(":", column);
    }
  }
  out += internal::Cat(": ", message);
  if (!json_pointer.empty() || !pointer_file.empty()) {
    out += internal::Cat(" (at ", pointer_file, pointer_file.empty() ? "" : "#", ClippedPointer(json_pointer), ")");
  }
  return out;
}

absl::Status DiagnosticsToStatus(const std::vector<Diagnostic>& diagnostics) {
  if (diagnostics.empty()) return absl::OkStatus();
  std::string message;
  for (const Diagnostic& diagnostic : diagnostics) {
    if (!message.empty()) message.push_back('\n');
    message += diagnostic.Format();
  }
  return absl::InvalidArgumentError(message);
}

}  // namespace aikg
