// A reader of Turtle (and so of N-Triples, a subset of it) that yields triples with the line and
// column of each term. It reads the Turtle aikg writes and the usual hand edits of it: prefixes
// (@prefix and SPARQL's PREFIX), absolute IRIs, prefixed names (with %XX and \-escapes), 'a',
// ';' and ',' lists, short and long strings with every escape, language tags, datatypes,
// numbers and booleans. Blank nodes, collections, BASE and relative IRIs are refused with a
// located error: aikg names every node with an IRI.
//
// Example:
//   TurtleReader reader(text);
//   bool ok = reader.Read([](const RdfTerm& s, const RdfTerm& p, const RdfTerm& o) { ... });
//   if (!ok) Report(reader.error().where, reader.error().message);

#ifndef AIKG_EXPORT_TURTLE_READER_H_
#define AIKG_EXPORT_TURTLE_READER_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"

namespace aikg::internal {

// 1-based line and byte column.
struct TextLocation {
  int line = 0;
  int column = 0;
};

struct RdfTerm {
  bool is_iri = false;
  std::string value;     // the IRI, or the literal's lexical form (escapes resolved)
  std::string datatype;  // the literal's datatype IRI; empty for a plain or language-tagged string
  std::string lang;      // the literal's language tag, as written
  TextLocation where;
};

struct RdfSyntaxError {
  TextLocation where;
  std::string message;
};

class TurtleReader {
 public:
  // `text` must outlive the reader. A UTF-8 byte order mark at its start is skipped.
  explicit TurtleReader(std::string_view text);

  // Calls `visit(subject, predicate, object)` for every triple, in file order. Stops at the
  // first syntax error and returns false; `error()` then says what and where.
  using Visit = std::function<void(const RdfTerm&, const RdfTerm&, const RdfTerm&)>;
  bool Read(const Visit& visit);

  // Called from `visit`: Read returns (true) after the current statement.
  void Stop() { stopped_ = true; }

  const RdfSyntaxError& error() const { return error_; }

 private:
  char Peek(size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }
  bool AtEnd() const { return pos_ >= text_.size(); }
  void Advance(size_t count = 1);
  TextLocation Here() const;
  void SkipSpace();
  bool Fail(TextLocation where, std::string message);
  bool Expect(char c, std::string_view what);

  bool Directive();
  bool Triples(const Visit& visit);
  bool Iri(RdfTerm& term);        // <...> or a prefixed name
  bool IriRef(std::string& out);  // after '<'
  bool PrefixedName(RdfTerm& term);
  bool Object(RdfTerm& term);
  bool StringLiteral(RdfTerm& term);
  bool Number(RdfTerm& term);
  bool Escape(std::string& out, bool allow_character_escapes);
  // Whether the text at the position starts with `word` (case-insensitively when asked) not
  // followed by a name character.
  bool AtWord(std::string_view word, bool ignore_case) const;

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
  absl::flat_hash_map<std::string, std::string> prefixes_;
  RdfSyntaxError error_;
  bool stopped_ = false;
};

}  // namespace aikg::internal

#endif  // AIKG_EXPORT_TURTLE_READER_H_
