// Tables of text cells, and CSV as real exports write it (RFC 4180 plus a BOM, CRLF, blank
// lines). The reader scans the text once, copying each cell into the table's one buffer.

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "aikg/import.h"
#include "internal/cat.h"
#include "internal/check.h"

namespace aikg {

using internal::Cat;

Table::Table(std::string label, std::vector<std::string> columns)
    : label_(std::move(label)), columns_(std::move(columns)) {}

int Table::FindColumn(std::string_view name) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i] == name) return static_cast<int>(i);
  }
  return -1;
}

void Table::AddRow(absl::Span<const std::string_view> cells, int64_t line) {
  AIKG_CHECK(cells.size() <= columns_.size());
  for (std::string_view cell : cells) {
    text_.append(cell);
    cell_starts_.push_back(text_.size());
  }
  for (size_t i = cells.size(); i < columns_.size(); ++i) cell_starts_.push_back(text_.size());
  row_lines_.push_back(line);
}

void Table::Reserve(size_t rows, size_t text_bytes) {
  text_.reserve(text_bytes);
  cell_starts_.reserve(rows * columns_.size() + 1);
  row_lines_.reserve(rows);
}

namespace {

// The length of the UTF-8 sequence starting at `at`, or 0 when it is not valid UTF-8.
size_t Utf8Length(std::string_view text, size_t at) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(at);
  size_t length = lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF5 ? 4 : 0;
  if (length == 0 || at + length > text.size()) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
  }
  // Overlong forms, surrogates and code points past U+10FFFF.
  if ((lead == 0xE0 && byte(at + 1) < 0xA0) || (lead == 0xED && byte(at + 1) >= 0xA0) ||
      (lead == 0xF0 && byte(at + 1) < 0x90) || (lead == 0xF4 && byte(at + 1) >= 0x90)) {
    return 0;
  }
  return length;
}

class CsvReader {
 public:
  CsvReader(std::string_view text, std::string label, const CsvOptions& options, std::vector<Diagnostic>& found)
      : text_(text), label_(std::move(label)), options_(options), found_(found) {}

  std::optional<Table> Read() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") at_ = 3;  // the BOM of spreadsheet exports
    if (!CheckUtf8()) return std::nullopt;
    SkipBlankLines();
    if (at_ >= text_.size()) {
      Report(1, 1, "the table is empty: no header line");
      return std::nullopt;
    }
    int64_t header_line = line_;
    size_t header_start = at_;
    if (!ReadRecord()) return std::nullopt;
    std::vector<std::string> columns;
    absl::flat_hash_set<std::string> seen;
    for (size_t i = 0; i < cells_.size(); ++i) {
      std::string name = Trimmed(cells_[i]);
      if (name.empty()) Report(header_line, 1, Cat("column ", i + 1, " of the header has no name"));
      if (!name.empty() && !seen.insert(name).second) {
        Report(header_line, 1, Cat("column '", name, "' appears twice in the header"));
      }
      columns.push_back(std::move(name));
    }
    if (!found_.empty()) return std::nullopt;
    Table table(label_, std::move(columns));
    // One byte of cell text per byte of input, at most; a row per ~header length.
    size_t header_bytes = std::max<size_t>(at_ - header_start, 1);
    table.Reserve((text_.size() - at_) / header_bytes + 1, text_.size() - at_);
    while (true) {
      SkipBlankLines();
      if (at_ >= text_.size()) break;
      int64_t line = line_;
      if (!ReadRecord()) return std::nullopt;
      if (cells_.size() > table.columns().size()) {
        Report(line, 1, Cat("the row has ", cells_.size(), " cells but the header names ", table.columns().size(),
                            " columns"));
        if (found_.size() >= kMaxProblems) break;
        continue;
      }
      table.AddRow(cells_, line);
    }
    if (!found_.empty()) return std::nullopt;
    return table;
  }

 private:
  static constexpr size_t kMaxProblems = 100;

  static std::string Trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return std::string(text);
  }

  // Checks the whole text once, so that cells can be copied without looking at their bytes.
  bool CheckUtf8() {
    int64_t line = 1;
    size_t line_start = 0;
    for (size_t i = at_; i < text_.size();) {
      auto byte = static_cast<unsigned char>(text_[i]);
      if (byte < 0x80) {
        if (byte == '\n') {
          ++line;
          line_start = i + 1;
        }
        ++i;
        continue;
      }
      size_t length = Utf8Length(text_, i);
      if (length == 0) {
        Report(line, static_cast<int64_t>(i - line_start + 1), "invalid UTF-8 (the table must be UTF-8 text)");
        return false;
      }
      i += length;
    }
    return true;
  }

  void SkipBlankLines() {
    while (at_ < text_.size()) {
      if (text_[at_] == '\n') {
        ++at_;
        NewLine();
      } else if (text_[at_] == '\r' && at_ + 1 < text_.size() && text_[at_ + 1] == '\n') {
        at_ += 2;
        NewLine();
      } else {
        break;
      }
    }
  }

  void NewLine() {
    ++line_;
    line_start_ = at_;
  }

  // Reads one record into `cells_` (views into `text_` or into `scratch_`), consuming its line end.
  bool ReadRecord() {
    cells_.clear();
    scratch_.clear();
    unquoted_.clear();
    const char separator = options_.separator, quote = options_.quote;
    while (true) {
      if (at_ < text_.size() && text_[at_] == quote) {
        int64_t open_line = line_;
        size_t open_column = at_ - line_start_ + 1;
        ++at_;
        size_t begin = scratch_.size();
        while (true) {
          size_t next = text_.find(quote, at_);
          if (next == std::string_view::npos) {
            Report(open_line, static_cast<int64_t>(open_column), "unterminated quoted cell");
            return false;
          }
          for (size_t i = at_; i < next; ++i) {
            if (text_[i] == '\n') {
              ++line_;
              line_start_ = i + 1;
            }
          }
          scratch_.append(text_.substr(at_, next - at_));
          at_ = next + 1;
          if (at_ < text_.size() && text_[at_] == quote) {  // "" inside quotes is one quote
            scratch_.push_back(quote);
            ++at_;
            continue;
          }
          break;
        }
        unquoted_.emplace_back(begin, scratch_.size());
        cells_.emplace_back();  // filled once scratch_ stops growing
        if (at_ < text_.size() && text_[at_] != separator && text_[at_] != '\n' && text_[at_] != '\r') {
          Report(line_, static_cast<int64_t>(at_ - line_start_ + 1),
                 "text after the closing quote of a cell (a quote inside a cell is written \"\")");
          return false;
        }
      } else {
        size_t begin = at_;
        while (at_ < text_.size() && text_[at_] != separator && text_[at_] != '\n') {
          if (text_[at_] == quote) {
            Report(line_, static_cast<int64_t>(at_ - line_start_ + 1),
                   "a quote inside an unquoted cell (quote the whole cell and double the quote)");
            return false;
          }
          ++at_;
        }
        size_t end = at_;
        if (end > begin && text_[end - 1] == '\r' && (at_ >= text_.size() || text_[at_] == '\n')) --end;
        cells_.push_back(text_.substr(begin, end - begin));
        unquoted_.emplace_back(std::string::npos, 0);
      }
      if (at_ >= text_.size()) break;
      if (text_[at_] == separator) {
        ++at_;
        continue;
      }
      if (text_[at_] == '\r') ++at_;
      if (at_ < text_.size() && text_[at_] == '\n') {
        ++at_;
        NewLine();
      }
      break;
    }
    for (size_t i = 0; i < cells_.size(); ++i) {
      if (unquoted_[i].first != std::string::npos) {
        cells_[i] = std::string_view(scratch_).substr(unquoted_[i].first, unquoted_[i].second - unquoted_[i].first);
      }
    }
    return true;
  }

  void Report(int64_t line, int64_t column, std::string message) {
    Diagnostic diagnostic;
    diagnostic.file = label_;
    diagnostic.line = static_cast<int>(line);
    diagnostic.column = static_cast<int>(column);
    diagnostic.message = std::move(message);
    found_.push_back(std::move(diagnostic));
  }

  std::string_view text_;
  std::string label_;
  CsvOptions options_;
  std::vector<Diagnostic>& found_;
  size_t at_ = 0;
  int64_t line_ = 1;
  size_t line_start_ = 0;
  std::vector<std::string_view> cells_;
  std::string scratch_;  // unquoted cells of the current record
  std::vector<std::pair<size_t, size_t>> unquoted_;  // per cell: its range in scratch_, or npos
};

}  // namespace

absl::StatusOr<Table> ReadCsv(std::string_view text, std::string label, const CsvOptions& options,
                              std::vector<Diagnostic>* diagnostics) {
  std::vector<Diagnostic> found;
  std::optional<Table> table = CsvReader(text, std::move(label), options, found).Read();
  if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
  if (!table) return DiagnosticsToStatus(found);
  return std::move(*table);
}

absl::StatusOr<Table> ReadCsvFile(const std::filesystem::path& path, const CsvOptions& options,
                                  std::vector<Diagnostic>* diagnostics) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    return absl::UnavailableError(Cat("cannot read ", path.string(), ": it is a directory"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::UnavailableError(Cat("cannot read ", path.string()));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return absl::UnavailableError(Cat("cannot read ", path.string()));
  return ReadCsv(text, path.string(), options, diagnostics);
}

}  // namespace aikg
