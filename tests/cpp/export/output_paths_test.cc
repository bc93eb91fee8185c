// Where outputs may go (docs/reliability.md, "Output paths"): empty paths, symbolic links,
// FIFOs and devices, temporaries left by killed writers, and CSV sets replaced as a whole.

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "aikg/export.h"
#include "aikg/json.h"
#include "aikg/snapshot.h"
#include "export_support.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::ListFiles;
using testing::ReadFile;
using testing::ScratchDir;

void WriteText(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

// The id of a process that has ended: a child that exits at once, reaped.
pid_t DeadProcessId() {
  pid_t child = fork();
  if (child == 0) _exit(0);
  int status = 0;
  waitpid(child, &status, 0);
  return child;
}

TEST(OutputPaths, EmptyPathIsInvalidArgumentAndWritesNothing) {
  Graph graph = testing::LoadTiny();
  fs::path dir = ScratchDir("empty_path");
  fs::path before = fs::current_path();
  fs::current_path(dir);
  absl::Status file = Export(View(graph), ExportFormat::kGraphMl, "");
  absl::Status csv = Export(View(graph), ExportFormat::kCsv, "");
  fs::current_path(before);
  EXPECT_EQ(file.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(file.message(), "the output path is empty");
  EXPECT_EQ(csv.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(csv.message(), "the output path is empty");
  // Not the current directory: nothing appeared there.
  EXPECT_THAT(ListFiles(dir), ::testing::IsEmpty());
}

TEST(OutputPaths, SavingToAnEmptyPathIsAnErrorNotAnException) {
  // SaveJsonFile and SaveSnapshotFile work out the schema's relative path before writing;
  // std::filesystem::absolute("") throws, which used to escape from both.
  Graph graph = testing::LoadTiny();
  absl::Status json = SaveJsonFile(graph, "");
  absl::Status snapshot = SaveSnapshotFile(graph, "");
  EXPECT_EQ(json.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(json.message(), "the output path is empty");
  EXPECT_EQ(snapshot.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(snapshot.message(), "the output path is empty");
}

TEST(OutputPaths, SymbolicLinkIsWrittenThroughAndKept) {
  Graph graph = testing::LoadTiny();
  fs::path dir = ScratchDir("symlink");
  fs::create_directories(dir / "real");
  WriteText(dir / "real" / "g.gexf", "old");
  fs::create_symlink("real/g.gexf", dir / "link.gexf");
  ASSERT_TRUE(Export(View(graph), ExportFormat::kGexf, dir / "link.gexf").ok());
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir / "link.gexf")));
  EXPECT_EQ(fs::read_symlink(dir / "link.gexf"), "real/g.gexf");
  EXPECT_THAT(ReadFile(dir / "real" / "g.gexf"), StartsWith("<?xml"));
  // Nothing else beside them: the temporary was made and renamed in real/.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 2);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir / "real"), fs::directory_iterator()), 1);

  // A link to nothing is refused rather than replaced by a file.
  fs::create_symlink("missing/g.gexf", dir / "dangling.gexf");
  absl::Status dangling = Export(View(graph), ExportFormat::kGexf, dir / "dangling.gexf");
  EXPECT_EQ(dangling.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(dangling.message(), HasSubstr("it is a symbolic link to a missing file"));
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir / "dangling.gexf")));
}

TEST(OutputPaths, FifoAndDeviceAreRefusedAndKept) {
  Graph graph = testing::LoadTiny();
  fs::path dir = ScratchDir("fifo");
  ASSERT_EQ(mkfifo((dir / "pipe").c_str(), 0644), 0);
  absl::Status fifo = Export(View(graph), ExportFormat::kDot, dir / "pipe");
  EXPECT_EQ(fifo.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(fifo.message(), "cannot write " + (dir / "pipe").string() + ": it is a FIFO; only a regular file is replaced");
  EXPECT_TRUE(fs::is_fifo(dir / "pipe"));
  EXPECT_EQ(fs::directory_iterator(dir)->path().filename(), "pipe");  // and no temporary beside it

  // Refused before anything is written, so even as root /dev/null stays the device.
  absl::Status device = Export(View(graph), ExportFormat::kDot, "/dev/null");
  EXPECT_EQ(device.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(device.message(), HasSubstr("it is a character device"));
  EXPECT_TRUE(fs::is_character_file("/dev/null"));

  absl::Status csv = Export(View(graph), ExportFormat::kCsv, dir / "pipe");
  EXPECT_EQ(csv.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(csv.message(), HasSubstr("it is a FIFO, not a directory"));
}

TEST(OutputPaths, TemporariesOfEndedWritersAreRemovedByTheNextWrite) {
  Graph graph = testing::LoadTiny();
  fs::path dir = ScratchDir("stale");
  std::string dead = std::to_string(DeadProcessId());
  // What kill -9 during a save leaves: a temporary file, and for CSV a temporary directory.
  WriteText(dir / ("g.json.tmp-" + dead + "-a1b2c3"), "half");
  fs::create_directories(dir / ("tables.tmp-" + dead + "-d4e5f6") / "neo4j");
  // A running process's temporary (this one's parent, say) is not touched: it may be mid-write.
  std::string live = std::to_string(getppid());
  WriteText(dir / ("g.json.tmp-" + live + "-g7h8i9"), "in progress");
  // Names that only look alike are not ours to remove.
  WriteText(dir / "g.json.tmp-notes", "keep");

  ASSERT_TRUE(SaveJsonFile(graph, dir / "g.json").ok());
  ASSERT_TRUE(Export(View(graph), ExportFormat::kCsv, dir / "tables").ok());
  EXPECT_FALSE(fs::exists(dir / ("g.json.tmp-" + dead + "-a1b2c3")));
  EXPECT_FALSE(fs::exists(dir / ("tables.tmp-" + dead + "-d4e5f6")));
  EXPECT_TRUE(fs::exists(dir / ("g.json.tmp-" + live + "-g7h8i9")));
  EXPECT_TRUE(fs::exists(dir / "g.json.tmp-notes"));
}

TEST(OutputPaths, CsvFailingHalfWayKeepsTheWholeOldSet) {
  Graph graph = testing::LoadTiny();
  fs::path dir = ScratchDir("csv_half");
  ASSERT_TRUE(Export(View(graph), ExportFormat::kCsv, dir / "tables").ok());
  std::string entities = ReadFile(dir / "tables" / "entities.csv");
  std::string statements = ReadFile(dir / "tables" / "statements.csv");
  WriteText(dir / "tables" / "entities.csv", "old entities\n");

  // Fails after the entities table, while the statements are being written.
  ExportOptions options;
  options.progress_every = 1;
  options.progress = [&](size_t done, size_t) {
    if (done > graph.entity_count()) throw std::runtime_error("disk full");
  };
  EXPECT_THROW((void)Export(View(graph), ExportFormat::kCsv, dir / "tables", options), std::runtime_error);
  EXPECT_EQ(ReadFile(dir / "tables" / "entities.csv"), "old entities\n");
  EXPECT_EQ(ReadFile(dir / "tables" / "statements.csv"), statements);
  EXPECT_THAT(ListFiles(dir), ElementsAre("tables/entities.csv", "tables/neo4j/entities.header.csv",
                                          "tables/neo4j/sources.header.csv", "tables/neo4j/statements.header.csv",
                                          "tables/sources.csv", "tables/statements.csv"));

  // A successful export replaces the set.
  ASSERT_TRUE(Export(View(graph), ExportFormat::kCsv, dir / "tables").ok());
  EXPECT_EQ(ReadFile(dir / "tables" / "entities.csv"), entities);
}

TEST(OutputPaths, CsvRefusesADirectoryHoldingOtherFiles) {
  Graph graph = testing::LoadTiny();
  fs::path dir = ScratchDir("csv_foreign");
  WriteText(dir / "notes.txt", "mine");
  absl::Status status = Export(View(graph), ExportFormat::kCsv, dir);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(status.message(), HasSubstr("it holds notes.txt, which this export does not write"));
  EXPECT_THAT(ListFiles(dir), ElementsAre("notes.txt"));

  // An empty directory, and one given with a trailing separator, are fine; a link to a
  // directory is written through.
  fs::create_directories(dir / "empty");
  ASSERT_TRUE(Export(View(graph), ExportFormat::kCsv, (dir / "empty").string() + "/").ok());
  EXPECT_TRUE(fs::exists(dir / "empty" / "entities.csv"));
  fs::create_directory_symlink("empty", dir / "link");
  ASSERT_TRUE(Export(View(graph), ExportFormat::kCsv, dir / "link").ok());
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir / "link")));
  EXPECT_THAT(ListFiles(dir), ElementsAre("empty/entities.csv", "empty/neo4j/entities.header.csv",
                                          "empty/neo4j/sources.header.csv", "empty/neo4j/statements.header.csv",
                                          "empty/sources.csv", "empty/statements.csv", "notes.txt"));
}

}  // namespace
}  // namespace aikg
