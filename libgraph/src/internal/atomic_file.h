// Files that appear whole or not at all: written to a temporary file beside the target and
// renamed over it once complete, so a reader sees the old file or the new one, never half of
// one, and a failed write leaves no temporary file behind.
//
// Example:
//   absl::StatusOr<internal::AtomicFile> file = internal::AtomicFile::Create("out.json");
//   if (!file.ok()) return file.status();
//   std::fputs("{}\n", file->stream());
//   return file->Commit();

#ifndef AIKG_INTERNAL_ATOMIC_FILE_H_
#define AIKG_INTERNAL_ATOMIC_FILE_H_

#include <cstdio>
#include <filesystem>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace aikg::internal {

class AtomicFile {
 public:
  // Opens a temporary file in `path`'s directory (mode 0644, buffered). Unavailable, naming the
  // directory, when it cannot be created there.
  static absl::StatusOr<AtomicFile> Create(const std::filesystem::path& path);

  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&& other) noexcept;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  // Removes the temporary file unless it was committed.
  ~AtomicFile();

  // Where to write; null after Commit.
  std::FILE* stream() const { return stream_; }

  // Flushes, syncs and closes the temporary file, then renames it over the target. On any
  // failure (including an earlier write error) the temporary file is removed and the status
  // is Unavailable "cannot write <path>: <reason>".
  absl::Status Commit();

 private:
  AtomicFile(std::filesystem::path target, std::filesystem::path temporary, std::FILE* stream);
  void Discard();

  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::FILE* stream_ = nullptr;
};

}  // namespace aikg::internal

#endif  // AIKG_INTERNAL_ATOMIC_FILE_H_
