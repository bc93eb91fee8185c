#include "aikg/diagnostic.h"

#include <string>

#include "internal/cat.h"

namespace aikg {

std::string Diagnostic::Format() const {
  std::string out = file;
  if (line > 0) out += internal::Cat(":", line, ":", column);
  out += internal::Cat(": ", message);
  if (!json_pointer.empty()) out += internal::Cat(" (at ", json_pointer, ")");
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
