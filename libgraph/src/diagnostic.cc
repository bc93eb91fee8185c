#include "aikg/diagnostic.h"

#include <string>

#include "internal/cat.h"

namespace aikg {

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
    out += internal::Cat(" (at ", pointer_file, pointer_file.empty() ? "" : "#", json_pointer, ")");
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
