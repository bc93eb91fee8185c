#include "internal/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal/cat.h"

namespace aikg::internal {

absl::StatusOr<AtomicFile> AtomicFile::Create(const std::filesystem::path& path) {
  std::filesystem::path directory = std::filesystem::absolute(path).parent_path();
  std::string temporary = (directory / (path.filename().string() + ".tmp-XXXXXX")).string();
  int fd = mkstemp(temporary.data());
  if (fd < 0) {
    return absl::UnavailableError(
        Cat("cannot create a temporary file in ", directory.string(), ": ", std::strerror(errno)));
  }
  // mkstemp makes the file private (0600); the result should read like any other output file.
  fchmod(fd, 0644);
  std::FILE* stream = fdopen(fd, "wb");
  if (stream == nullptr) {
    std::string reason = std::strerror(errno);
    close(fd);
    std::remove(temporary.c_str());
    return absl::UnavailableError(Cat("cannot write ", path.string(), ": ", reason));
  }
  // Large writes in few system calls: exports stream many small pieces.
  std::setvbuf(stream, nullptr, _IOFBF, 1 << 16);
  return AtomicFile(path, temporary, stream);
}

AtomicFile::AtomicFile(std::filesystem::path target, std::filesystem::path temporary, std::FILE* stream)
    : target_(std::move(target)), temporary_(std::move(temporary)), stream_(stream) {}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : target_(std::move(other.target_)),
      temporary_(std::move(other.temporary_)),
      stream_(std::exchange(other.stream_, nullptr)) {}

AtomicFile& AtomicFile::operator=(AtomicFile&& other) noexcept {
  if (this != &other) {
    Discard();
    target_ = std::move(other.target_);
    temporary_ = std::move(other.temporary_);
    stream_ = std::exchange(other.stream_, nullptr);
  }
  return *this;
}

AtomicFile::~AtomicFile() { Discard(); }

void AtomicFile::Discard() {
  if (stream_ == nullptr) return;
  std::fclose(stream_);
  stream_ = nullptr;
  std::remove(temporary_.c_str());
}

absl::Status AtomicFile::Commit() {
  if (stream_ == nullptr) return absl::FailedPreconditionError(Cat(target_.string(), " was already committed"));
  std::FILE* stream = std::exchange(stream_, nullptr);
  bool written = std::ferror(stream) == 0 && std::fflush(stream) == 0 && fsync(fileno(stream)) == 0;
  // errno of the first failure, before fclose or rename can overwrite it.
  int error = written ? 0 : (errno != 0 ? errno : EIO);
  bool closed = std::fclose(stream) == 0;
  if (written && !closed) error = errno;
  if (written && closed && std::rename(temporary_.c_str(), target_.c_str()) == 0) return absl::OkStatus();
  if (error == 0) error = errno;
  std::remove(temporary_.c_str());
  return absl::UnavailableError(Cat("cannot write ", target_.string(), ": ", std::strerror(error)));
}

}  // namespace aikg::internal
