// Turtle 1.1 (https://www.w3.org/TR/turtle/) without blank nodes and collections, read by
// recursive descent over the text, which stays in place; only the terms are copied.

#include "export/turtle_reader.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "internal/cat.h"

namespace aikg::internal {
namespace {

constexpr std::string_view kRdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";

bool IsLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'); }
// Letters, digits, '_', '-' and any byte of a multi-byte UTF-8 character: what names are made of
// (Turtle allows most non-ASCII characters in names; those it does not are rare enough to let
// the IRI checks downstream catch).
bool IsNameChar(char c) {
  return IsLetter(c) || IsDigit(c) || c == '_' || c == '-' || static_cast<unsigned char>(c) >= 0x80;
}

void AppendUtf8(std::string& out, uint32_t code) {
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

// The length of the UTF-8 character starting `text`, or 0 when it is not well formed.
size_t Utf8Length(std::string_view text) {
  unsigned char c = static_cast<unsigned char>(text[0]);
  size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || length > text.size()) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) return 0;
  }
  return length;
}

// Whether all of `text` is well-formed UTF-8.
bool IsUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    size_t length = Utf8Length(text.substr(i));
    if (length == 0) return false;
    i += length;
  }
  return true;
}

// A character for a message: 'c' when printable ASCII, else its byte value (which may be part of
// a malformed UTF-8 sequence, so it is never copied into the message as it is).
std::string Shown(char c) {
  if (c > 0x20 && c < 0x7F) return Cat("'", std::string(1, c), "'");
  static constexpr char kHex[] = "0123456789ABCDEF";
  unsigned char byte = static_cast<unsigned char>(c);
  return Cat("byte 0x", std::string(1, kHex[byte >> 4]), std::string(1, kHex[byte & 15]));
}

// Whether an IRI is absolute: a scheme (a letter, then letters, digits, '+', '-', '.'), then ':'.
bool HasScheme(std::string_view iri) {
  if (iri.empty() || !IsLetter(iri[0])) return false;
  for (size_t i = 1; i < iri.size(); ++i) {
    if (iri[i] == ':') return true;
    if (!IsLetter(iri[i]) && !IsDigit(iri[i]) && iri[i] != '+' && iri[i] != '-' && iri[i] != '.') return false;
  }
  return false;
}

}  // namespace

TurtleReader::TurtleReader(std::string_view text) : text_(text) {
  if (text_.starts_with("\xEF\xBB\xBF")) {
    pos_ = 3;
    line_start_ = 3;
  }
}

void TurtleReader::Advance(size_t count) {
  for (size_t i = 0; i < count && pos_ < text_.size(); ++i) {
    if (text_[pos_++] == '\n') {
      ++line_;
      line_start_ = pos_;
    }
  }
}

TextLocation TurtleReader::Here() const { return {line_, static_cast<int>(pos_ - line_start_) + 1}; }

void TurtleReader::SkipSpace() {
  while (!AtEnd()) {
    char c = Peek();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      Advance();
    } else if (c == '#') {
      while (!AtEnd() && Peek() != '\n') Advance();
    } else {
      return;
    }
  }
}

bool TurtleReader::Fail(TextLocation where, std::string message) {
  error_ = {where, std::move(message)};
  return false;
}

bool TurtleReader::Expect(char c, std::string_view what) {
  SkipSpace();
  if (Peek() == c) {
    Advance();
    return true;
  }
  if (AtEnd()) return Fail(Here(), Cat("expected ", what, ", found the end of the file"));
  return Fail(Here(), Cat("expected ", what, ", found ", Shown(Peek())));
}

bool TurtleReader::AtWord(std::string_view word, bool ignore_case) const {
  if (text_.size() - pos_ < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = text_[pos_ + i];
    if (ignore_case && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    char w = ignore_case && word[i] >= 'a' && word[i] <= 'z' ? static_cast<char>(word[i] - 'a' + 'A') : word[i];
    if (c != w) return false;
  }
  char next = Peek(word.size());
  return !IsNameChar(next) && next != ':' && next != '.';
}

bool TurtleReader::Read(const Visit& visit) {
  while (true) {
    SkipSpace();
    if (AtEnd() || stopped_) return true;
    bool ok = Peek() == '@' || AtWord("PREFIX", true) || AtWord("BASE", true) ? Directive() : Triples(visit);
    if (!ok) return false;
  }
}

bool TurtleReader::Directive() {
  TextLocation start = Here();
  bool sparql_style = Peek() != '@';
  if (!sparql_style) Advance();
  if (AtWord("base", sparql_style)) {
    return Fail(start, "BASE is not supported: aikg writes absolute IRIs");
  }
  if (!AtWord("prefix", sparql_style)) return Fail(start, "expected @prefix (aikg writes no other directive)");
  Advance(6);
  SkipSpace();
  TextLocation name_at = Here();
  size_t name_start = pos_;
  while (IsNameChar(Peek()) || Peek() == '.') Advance();
  std::string name(text_.substr(name_start, pos_ - name_start));
  if (Peek() != ':' || !IsUtf8(name)) return Fail(name_at, "expected a prefix name followed by ':'");
  Advance();
  SkipSpace();
  if (Peek() != '<') return Fail(Here(), "expected the prefix's IRI in <...>");
  Advance();
  std::string iri;
  if (!IriRef(iri)) return false;
  prefixes_[name] = std::move(iri);
  return sparql_style || Expect('.', "'.' after the prefix");
}

bool TurtleReader::Triples(const Visit& visit) {
  RdfTerm subject;
  if (Peek() == '[' || Peek() == '(' || (Peek() == '_' && Peek(1) == ':')) {
    return Fail(Here(), "blank nodes and collections are not supported: aikg names every node with an IRI");
  }
  if (!Iri(subject)) return false;
  while (true) {
    SkipSpace();
    RdfTerm predicate;
    predicate.where = Here();
    if (Peek() == 'a' && !IsNameChar(Peek(1)) && Peek(1) != ':' && Peek(1) != '.') {
      Advance();
      predicate.is_iri = true;
      predicate.value = kRdfType;
    } else if (!Iri(predicate)) {
      return false;
    }
    while (true) {
      SkipSpace();
      RdfTerm object;
      if (!Object(object)) return false;
      visit(subject, predicate, object);
      SkipSpace();
      if (Peek() != ',') break;
      Advance();
    }
    SkipSpace();
    if (Peek() != ';') break;
    while (Peek() == ';') {  // repeated ';' are allowed
      Advance();
      SkipSpace();
    }
    if (Peek() == '.') break;
  }
  return Expect('.', "';', ',' or '.' after an object");
}

bool TurtleReader::Iri(RdfTerm& term) {
  SkipSpace();
  term.where = Here();
  term.is_iri = true;
  if (Peek() == '<') {
    Advance();
    return IriRef(term.value);
  }
  if (AtEnd()) return Fail(Here(), "expected an IRI, found the end of the file");
  return PrefixedName(term);
}

bool TurtleReader::IriRef(std::string& out) {
  TextLocation start = Here();
  --start.column;  // at the '<'
  out.clear();
  while (true) {
    if (AtEnd()) return Fail(start, "unterminated IRI: expected '>'");
    char c = Peek();
    if (c == '>') {
      Advance();
      break;
    }
    if (c == '\\') {
      if (!Escape(out, /*allow_character_escapes=*/false)) return false;
      continue;
    }
    if (static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' ||
        c == '`') {
      return Fail(Here(), Cat("IRIs cannot hold ", c == '\n' ? std::string("a line end") : Shown(c)));
    }
    size_t length = Utf8Length(text_.substr(pos_));
    if (length == 0) return Fail(Here(), "malformed UTF-8 in an IRI");
    out.append(text_.substr(pos_, length));
    Advance(length);
  }
  if (!HasScheme(out)) return Fail(start, Cat("relative IRI <", out, "> is not supported: aikg writes absolute IRIs"));
  return true;
}

bool TurtleReader::PrefixedName(RdfTerm& term) {
  TextLocation start = Here();
  size_t name_start = pos_;
  while (IsNameChar(Peek()) || (Peek() == '.' && (IsNameChar(Peek(1)) || Peek(1) == '.'))) Advance();
  if (Peek() != ':') {
    if (pos_ == name_start) return Fail(start, Cat("expected an IRI, found ", Shown(Peek())));
    std::string_view found = text_.substr(name_start, pos_ - name_start);
    if (!IsUtf8(found)) return Fail(start, "malformed UTF-8 in a name");
    return Fail(start, Cat("expected an IRI, found '", found, "'"));
  }
  std::string name(text_.substr(name_start, pos_ - name_start));
  if (!IsUtf8(name)) return Fail(start, "malformed UTF-8 in a name");
  Advance();
  auto prefix = prefixes_.find(name);
  if (prefix == prefixes_.end()) return Fail(start, Cat("undeclared prefix '", name, ":'"));
  term.value = prefix->second;
  // The local part: name characters, ':', '%XX', '\'-escapes, and '.' when not last.
  while (true) {
    char c = Peek();
    if (IsNameChar(c) || c == ':') {
      term.value.push_back(c);
      Advance();
    } else if (c == '.' &&
               (IsNameChar(Peek(1)) || Peek(1) == ':' || Peek(1) == '%' || Peek(1) == '\\' || Peek(1) == '.')) {
      term.value.push_back(c);
      Advance();
    } else if (c == '%') {
      if (!IsHex(Peek(1)) || !IsHex(Peek(2))) return Fail(Here(), "'%' must be followed by two hex digits");
      term.value.append(text_.substr(pos_, 3));
      Advance(3);
    } else if (c == '\\') {
      char escaped = Peek(1);
      if (std::string_view("_~.-!$&'()*+,;=/?#@%").find(escaped) == std::string_view::npos || escaped == '\0') {
        return Fail(Here(), "invalid escape in a prefixed name");
      }
      term.value.push_back(escaped);
      Advance(2);
    } else {
      break;
    }
  }
  if (!IsUtf8(term.value)) return Fail(start, "malformed UTF-8 in a name");
  return true;
}

bool TurtleReader::Escape(std::string& out, bool allow_character_escapes) {
  TextLocation start = Here();
  char kind = Peek(1);
  if (kind == 'u' || kind == 'U') {
    size_t digits = kind == 'u' ? 4 : 8;
    uint32_t code = 0;
    for (size_t i = 0; i < digits; ++i) {
      char c = Peek(2 + i);
      if (!IsHex(c)) return Fail(start, Cat("\\", std::string(1, kind), " needs ", digits, " hex digits"));
      code = code * 16 + static_cast<uint32_t>(IsDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return Fail(start, "the escape names no Unicode character");
    }
    AppendUtf8(out, code);
    Advance(2 + digits);
    return true;
  }
  if (allow_character_escapes) {
    const char* replacement = nullptr;
    switch (kind) {
      case 't':
        replacement = "\t";
        break;
      case 'b':
        replacement = "\b";
        break;
      case 'n':
        replacement = "\n";
        break;
      case 'r':
        replacement = "\r";
        break;
      case 'f':
        replacement = "\f";
        break;
      case '"':
        replacement = "\"";
        break;
      case '\'':
        replacement = "'";
        break;
      case '\\':
        replacement = "\\";
        break;
      default:
        break;
    }
    if (replacement != nullptr) {
      out.append(replacement);
      Advance(2);
      return true;
    }
  }
  return Fail(start, "invalid escape sequence");
}

bool TurtleReader::Object(RdfTerm& term) {
  char c = Peek();
  if (c == '"' || c == '\'') return StringLiteral(term);
  if (IsDigit(c) || ((c == '+' || c == '-' || c == '.') && (IsDigit(Peek(1)) || Peek(1) == '.'))) return Number(term);
  if (AtWord("true", false) || AtWord("false", false)) {
    term.where = Here();
    term.value = c == 't' ? "true" : "false";
    term.datatype = Cat(kXsd, "boolean");
    Advance(term.value.size());
    return true;
  }
  if (c == '[' || c == '(' || (c == '_' && Peek(1) == ':')) {
    return Fail(Here(), "blank nodes and collections are not supported: aikg names every node with an IRI");
  }
  return Iri(term);
}

bool TurtleReader::StringLiteral(RdfTerm& term) {
  term.where = Here();
  char quote = Peek();
  bool long_string = Peek(1) == quote && Peek(2) == quote;
  Advance(long_string ? 3 : 1);
  while (true) {
    if (AtEnd()) return Fail(term.where, "unterminated string");
    char c = Peek();
    if (c == quote && (!long_string || (Peek(1) == quote && Peek(2) == quote))) {
      Advance(long_string ? 3 : 1);
      break;
    }
    if (c == '\\') {
      if (!Escape(term.value, /*allow_character_escapes=*/true)) return false;
      continue;
    }
    if (!long_string && (c == '\n' || c == '\r')) return Fail(Here(), "line end in a string (write it as \\n)");
    size_t length = Utf8Length(text_.substr(pos_));
    if (length == 0) return Fail(Here(), "malformed UTF-8 in a string");
    term.value.append(text_.substr(pos_, length));
    Advance(length);
  }
  if (Peek() == '@') {
    Advance();
    size_t start = pos_;
    while (IsLetter(Peek()) || IsDigit(Peek()) || Peek() == '-') Advance();
    term.lang = std::string(text_.substr(start, pos_ - start));
    if (term.lang.empty() || !IsLetter(term.lang[0])) return Fail(Here(), "expected a language tag after '@'");
  } else if (Peek() == '^' && Peek(1) == '^') {
    Advance(2);
    RdfTerm datatype;
    if (!Iri(datatype)) return false;
    term.datatype = std::move(datatype.value);
  }
  return true;
}

bool TurtleReader::Number(RdfTerm& term) {
  term.where = Here();
  size_t start = pos_;
  if (Peek() == '+' || Peek() == '-') Advance();
  bool digits = false, fraction = false, exponent = false;
  while (IsDigit(Peek())) {
    Advance();
    digits = true;
  }
  if (Peek() == '.' && IsDigit(Peek(1))) {
    Advance();
    fraction = true;
    while (IsDigit(Peek())) Advance();
  }
  if ((Peek() == 'e' || Peek() == 'E') && (digits || fraction)) {
    Advance();
    if (Peek() == '+' || Peek() == '-') Advance();
    if (!IsDigit(Peek())) return Fail(Here(), "expected the exponent's digits");
    while (IsDigit(Peek())) Advance();
    exponent = true;
  }
  if (!digits && !fraction) return Fail(term.where, "malformed number");
  term.value = std::string(text_.substr(start, pos_ - start));
  term.datatype = Cat(kXsd, exponent ? "double" : fraction ? "decimal" : "integer");
  return true;
}

}  // namespace aikg::internal
