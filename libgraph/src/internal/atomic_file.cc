#include "internal/atomic_file.h"

#include <algorithm>
#include <charconv>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "internal/cat.h"

namespace aikg::internal {
namespace {

namespace fs = std::filesystem;

absl::Status CannotWrite(const fs::path& path, std::string_view reason) {
  return absl::UnavailableError(Cat("cannot write ", path.string(), ": ", reason));
}

std::string_view KindName(fs::file_type type) {
  switch (type) {
    case fs::file_type::regular: return "a file";
    case fs::file_type::directory: return "a directory";
    case fs::file_type::fifo: return "a FIFO";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    case fs::file_type::socket: return "a socket";
    default: return "not a regular file";
  }
}

// Where writing `path` really goes: `path` itself, or for a symbolic link the file it points to
// (so the link survives the rename), checked to be of `wanted` type when it exists already.
absl::StatusOr<fs::path> ResolveTarget(const fs::path& path, fs::file_type wanted) {
  if (path.empty()) return absl::InvalidArgumentError("the output path is empty");
  // "out/" names the directory "out"; a trailing separator would leave no file name.
  fs::path target = path.has_filename() ? path : path.parent_path();
  if (target.empty() || !target.has_filename()) return CannotWrite(path, "it names no file");
  std::error_code error;
  if (fs::is_symlink(fs::symlink_status(target, error))) {
    fs::path resolved = fs::canonical(target, error);
    if (error) return CannotWrite(path, Cat("it is a symbolic link to a missing file (", error.message(), ")"));
    target = resolved;
  }
  fs::file_status status = fs::status(target, error);
  if (fs::exists(status) && status.type() != wanted) {
    return CannotWrite(path, Cat("it is ", KindName(status.type()),
                                 wanted == fs::file_type::directory ? ", not a directory" : "; only a regular file is replaced"));
  }
  return target;
}

fs::path DirectoryOf(const fs::path& target) {
  std::error_code error;
  fs::path absolute = fs::absolute(target, error);
  return error ? target.parent_path() : absolute.parent_path();
}

// "<name>.tmp-<pid>-": the prefix of this process's temporaries for `name`.
std::string TemporaryPrefix(const fs::path& target) {
  return Cat(target.filename().string(), ".tmp-", static_cast<long long>(getpid()), "-");
}

// Removes the temporaries "<name>.tmp-<pid>-XXXXXX" of `target` whose process no longer runs:
// left by a write that was killed before it could clean up. A live process of that id (possibly
// a reused one) keeps its temporaries; they are removed by a later write.
void RemoveStaleTemporaries(const fs::path& directory, const fs::path& target) {
  const std::string prefix = Cat(target.filename().string(), ".tmp-");
  std::error_code error;
  for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
    std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() + 8 || name.compare(0, prefix.size(), prefix) != 0) continue;
    std::string_view rest = std::string_view(name).substr(prefix.size());
    size_t dash = rest.find('-');
    long long pid = 0;
    if (dash == std::string_view::npos || rest.size() - dash - 1 != 6) continue;
    auto [parsed, error_code] = std::from_chars(rest.data(), rest.data() + dash, pid);
    if (error_code != std::errc() || parsed != rest.data() + dash || pid <= 0 || pid == getpid()) continue;
    if (kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
    std::error_code ignored;
    fs::remove_all(it->path(), ignored);
  }
}

// Makes a rename in `directory` durable. Best effort: some file systems cannot sync a
// directory, and the data itself was synced before the rename.
void SyncDirectory(const fs::path& directory) {
  int fd = open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  fsync(fd);
  close(fd);
}

}  // namespace

absl::StatusOr<AtomicFile> AtomicFile::Create(const fs::path& path) {
  absl::StatusOr<fs::path> target = ResolveTarget(path, fs::file_type::regular);
  if (!target.ok()) return target.status();
  fs::path directory = DirectoryOf(*target);
  RemoveStaleTemporaries(directory, *target);
  std::string temporary = (directory / (TemporaryPrefix(*target) + "XXXXXX")).string();
  int fd = mkostemp(temporary.data(), O_CLOEXEC);
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
    return CannotWrite(path, reason);
  }
  // Large writes in few system calls: exports stream many small pieces.
  std::setvbuf(stream, nullptr, _IOFBF, 1 << 16);
  return AtomicFile(*std::move(target), temporary, stream);
}

AtomicFile::AtomicFile(fs::path target, fs::path temporary, std::FILE* stream)
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
  if (written && closed && std::rename(temporary_.c_str(), target_.c_str()) == 0) {
    SyncDirectory(temporary_.parent_path());
    return absl::OkStatus();
  }
  if (error == 0) error = errno;
  std::remove(temporary_.c_str());
  return CannotWrite(target_, std::strerror(error));
}

// ---- AtomicDirectory ----------------------------------------------------------------------------

absl::StatusOr<AtomicDirectory> AtomicDirectory::Create(const fs::path& path, std::vector<std::string> owned) {
  absl::StatusOr<fs::path> target = ResolveTarget(path, fs::file_type::directory);
  if (!target.ok()) return target.status();
  std::error_code error;
  if (fs::exists(*target, error)) {
    std::sort(owned.begin(), owned.end());
    for (fs::recursive_directory_iterator it(*target, error), end; !error && it != end; it.increment(error)) {
      std::string relative = it->path().lexically_relative(*target).generic_string();
      if (!std::binary_search(owned.begin(), owned.end(), relative)) {
        return CannotWrite(path, Cat("it holds ", relative,
                                     ", which this export does not write; the directory is replaced as a whole, "
                                     "so choose a new or empty one"));
      }
    }
    if (error) return CannotWrite(path, error.message());
  }
  fs::path directory = DirectoryOf(*target);
  if (!fs::is_directory(directory, error)) {
    // The parent is created like the directory itself always was (create_directories).
    fs::create_directories(directory, error);
    if (error) return absl::UnavailableError(Cat("cannot create the directory ", directory.string(), ": ", error.message()));
  }
  RemoveStaleTemporaries(directory, *target);
  std::string temporary = (directory / (TemporaryPrefix(*target) + "XXXXXX")).string();
  if (mkdtemp(temporary.data()) == nullptr) {
    return absl::UnavailableError(
        Cat("cannot create a temporary directory in ", directory.string(), ": ", std::strerror(errno)));
  }
  chmod(temporary.c_str(), 0755);  // mkdtemp makes it private
  return AtomicDirectory(*std::move(target), temporary);
}

AtomicDirectory::AtomicDirectory(fs::path target, fs::path temporary)
    : target_(std::move(target)), temporary_(std::move(temporary)) {}

AtomicDirectory::AtomicDirectory(AtomicDirectory&& other) noexcept
    : target_(std::move(other.target_)), temporary_(std::exchange(other.temporary_, fs::path())) {}

AtomicDirectory& AtomicDirectory::operator=(AtomicDirectory&& other) noexcept {
  if (this != &other) {
    Discard();
    target_ = std::move(other.target_);
    temporary_ = std::exchange(other.temporary_, fs::path());
  }
  return *this;
}

AtomicDirectory::~AtomicDirectory() { Discard(); }

void AtomicDirectory::Discard() {
  if (temporary_.empty()) return;
  std::error_code ignored;
  fs::remove_all(temporary_, ignored);
  temporary_.clear();
}

absl::Status AtomicDirectory::Commit() {
  if (temporary_.empty()) return absl::FailedPreconditionError(Cat(target_.string(), " was already committed"));
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(temporary_)) {
    if (entry.is_directory()) SyncDirectory(entry.path());
  }
  SyncDirectory(temporary_);
  fs::path parent = temporary_.parent_path();
  std::error_code error;
  bool replacing = fs::exists(target_, error);
  int failure = 0;
  if (!replacing) {
    if (std::rename(temporary_.c_str(), target_.c_str()) != 0) failure = errno;
  } else if (renameat2(AT_FDCWD, temporary_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) != 0) {
    // A file system without atomic exchange: move the old set aside, then the new one in; the
    // target is missing only between the two renames.
    std::string aside = (parent / (TemporaryPrefix(target_) + "XXXXXX")).string();
    if (mkdtemp(aside.data()) == nullptr || std::rename(target_.c_str(), aside.c_str()) != 0) {
      failure = errno;
      std::error_code ignored;
      fs::remove(aside, ignored);
    } else if (std::rename(temporary_.c_str(), target_.c_str()) != 0) {
      failure = errno;
      std::rename(aside.c_str(), target_.c_str());  // put the old set back
    } else {
      std::error_code ignored;
      fs::remove_all(aside, ignored);
      SyncDirectory(parent);
      temporary_.clear();
      return absl::OkStatus();
    }
  }
  if (failure != 0) {
    Discard();
    return CannotWrite(target_, std::strerror(failure));
  }
  SyncDirectory(parent);
  // After an exchange the temporary name holds the old set.
  Discard();
  return absl::OkStatus();
}

}  // namespace aikg::internal
