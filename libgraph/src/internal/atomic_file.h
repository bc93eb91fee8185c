// Outputs that appear whole or not at all: a file (or a directory of files) is written beside
// its target under a temporary name and renamed over it once complete, so a reader sees the old
// output or the new one, never half of one, and a failed write leaves no temporary behind.
//
// The rules every output path follows (docs/reliability.md):
//   - an empty path is refused (InvalidArgument), never taken as the current directory;
//   - a symbolic link is written through: the link stays and the file it points to is replaced,
//     atomically, in that file's own directory; a link to nothing is refused;
//   - only a regular file (or, for AtomicDirectory, a directory) is replaced: a FIFO, a device,
//     a socket is refused before anything is written (as root, `-o /dev/full` keeps the device);
//   - the temporary is named `<target>.tmp-<pid>-XXXXXX`; one left behind by a killed process
//     (kill -9, a power cut) is removed by the next write to the same target once no process of
//     that id runs;
//   - after the rename the directory is synced too, so the new name survives a crash.
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
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace aikg::internal {

class AtomicFile {
 public:
  // Opens a temporary file beside `path`'s real target (mode 0644, buffered). InvalidArgument
  // for an empty path; Unavailable "cannot write <path>: …" for a target that is not a regular
  // file or a dangling link, or when no temporary can be created there.
  static absl::StatusOr<AtomicFile> Create(const std::filesystem::path& path);

  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&& other) noexcept;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  // Removes the temporary file unless it was committed.
  ~AtomicFile();

  // Where to write; null after Commit.
  std::FILE* stream() const { return stream_; }

  // Flushes, syncs and closes the temporary file, renames it over the target and syncs the
  // directory. On any failure (including an earlier write error) the temporary file is removed
  // and the status is Unavailable "cannot write <path>: <reason>".
  absl::Status Commit();

 private:
  AtomicFile(std::filesystem::path target, std::filesystem::path temporary, std::FILE* stream);
  void Discard();

  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::FILE* stream_ = nullptr;
};

// A directory of outputs (the CSV export's tables) replaced as one: the files are written into
// a temporary directory beside the target, which is then swapped in (an atomic exchange where
// the file system offers one), so the target holds the whole old set or the whole new one.
// Replacing a directory removes it, so an existing target may hold only the files this output
// writes (`owned`, relative paths; a subdirectory is listed by its name and by its files):
// anything else there is refused rather than deleted.
class AtomicDirectory {
 public:
  // InvalidArgument for an empty path; Unavailable "cannot write <path>: …" when the target is
  // not a directory, holds files not in `owned`, or no temporary directory can be made beside it.
  static absl::StatusOr<AtomicDirectory> Create(const std::filesystem::path& path, std::vector<std::string> owned);

  AtomicDirectory(AtomicDirectory&& other) noexcept;
  AtomicDirectory& operator=(AtomicDirectory&& other) noexcept;
  AtomicDirectory(const AtomicDirectory&) = delete;
  AtomicDirectory& operator=(const AtomicDirectory&) = delete;
  // Removes the temporary directory and what was written into it unless committed.
  ~AtomicDirectory();

  // Where to write the files (with AtomicFile, so each is synced); empty after Commit.
  const std::filesystem::path& path() const { return temporary_; }

  // Syncs the temporary directory, swaps it with the target (or renames it into place), removes
  // the old contents and syncs the parent. Unavailable "cannot write <path>: <reason>" on
  // failure, the target then unchanged.
  absl::Status Commit();
  // Removes the temporary directory now (as the destructor would), for callers whose objects
  // die late (a Python object kept alive by a traceback).
  void Discard();

 private:
  AtomicDirectory(std::filesystem::path target, std::filesystem::path temporary);

  std::filesystem::path target_;
  std::filesystem::path temporary_;
};

}  // namespace aikg::internal

#endif  // AIKG_INTERNAL_ATOMIC_FILE_H_
