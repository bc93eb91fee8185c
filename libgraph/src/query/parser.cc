// The query language's lexer and recursive-descent parser. Grammar: docs/query.md.

#include <cctype>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "aikg/query.h"
#include "internal/cat.h"

namespace aikg::query {
namespace {

using internal::Cat;

enum class TokenKind {
  kEnd,
  kIdentifier,  // names and keywords; keywords are matched case-insensitively
  kString,
  kInteger,
  kFloat,
  kParameter,  // $name (text without the $)
  kSymbol,     // punctuation and operators: ( ) [ ] { } , : . | * .. - -> <- = <> < <= > >= + /
  kTime,       // a bare date in AS OF, DURING or KNOWN AT: 2023-12-31, 2024-Q3, 2024 (as written)
};

struct Token {
  TokenKind kind;
  std::string text;  // the name, the string's content, the number or the symbol
  int line;
  int column;
  bool quoted = false;  // `backtick` identifiers are never keywords
};

// ASCII case-insensitive equality, for keywords.
bool SameWord(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Words that end or join clauses cannot name variables (quote them: `order`).
bool IsReserved(std::string_view word) {
  static constexpr std::string_view kReserved[] = {"MATCH", "WHERE", "RETURN",   "ORDER", "BY",     "SKIP",
                                                   "LIMIT", "AND",   "OR",       "XOR",   "NOT",    "IN",
                                                   "STARTS", "ENDS", "CONTAINS", "IS",    "DISTINCT", "AS",
                                                   "DURING"};
  return std::any_of(std::begin(kReserved), std::end(kReserved),
                     [&](std::string_view reserved) { return SameWord(word, reserved); });
}

// Whether a date may be written bare next: after AS OF, KNOWN AT or DURING, and after the '..'
// of a DURING window (DURING 2024-01 .. 2024-06-30). The '..' of a hop range (*1..3) is not one:
// looking back from it, a clause keyword comes before any DURING (a reserved word, so it is
// never a variable's name).
bool BareDateMayFollow(const std::vector<Token>& tokens) {
  if (tokens.empty()) return false;
  auto is_word = [](const Token& token, std::string_view word) {
    return token.kind == TokenKind::kIdentifier && !token.quoted && SameWord(token.text, word);
  };
  const Token& last = tokens.back();
  if (is_word(last, "DURING")) return true;
  if (last.kind == TokenKind::kSymbol && last.text == "..") {
    for (size_t i = tokens.size() - 1; i-- > 0;) {
      const Token& token = tokens[i];
      if (is_word(token, "DURING")) return true;
      for (std::string_view clause : {"MATCH", "WHERE", "AS", "KNOWN", "RETURN", "ORDER", "SKIP", "LIMIT"}) {
        if (is_word(token, clause)) return false;
      }
    }
    return false;
  }
  if (tokens.size() < 2) return false;
  const Token& first = tokens[tokens.size() - 2];
  return (is_word(first, "AS") && is_word(last, "OF")) || (is_word(first, "KNOWN") && is_word(last, "AT"));
}

// Describes a token for "found …" in messages.
std::string Describe(const Token& token) {
  switch (token.kind) {
    case TokenKind::kEnd: return "the end of the query";
    case TokenKind::kString: return Cat("the string '", token.text, "'");
    case TokenKind::kParameter: return Cat("$", token.text);
    default: return Cat("'", token.text, "'");
  }
}

// The character at `pos` as written, for messages: a whole UTF-8 sequence, or "\xNN" for a byte
// that does not start a valid one, so that a message never holds a cut character.
std::string CharacterAt(std::string_view text, size_t pos) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(pos);
  size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  bool whole = length > 0 && pos + length <= text.size();
  for (size_t i = 1; whole && i < length; ++i) whole = (byte(pos + i) & 0xC0) == 0x80;
  if (whole) return std::string(text.substr(pos, length));
  static constexpr char kHex[] = "0123456789ABCDEF";
  return Cat("\\x", std::string(1, kHex[lead >> 4]), std::string(1, kHex[lead & 0xF]));
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  absl::StatusOr<std::vector<Token>> Tokens() {
    std::vector<Token> tokens;
    while (true) {
      SkipSpaceAndComments();
      Token token{TokenKind::kEnd, "", line_, column_};
      if (pos_ >= text_.size()) {
        tokens.push_back(token);
        return tokens;
      }
      char c = text_[pos_];
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        token.kind = TokenKind::kIdentifier;
        token.text = TakeWhile([](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; });
      } else if (c == '`') {
        Advance();
        size_t end = text_.find('`', pos_);
        if (end == std::string_view::npos) return Error(token, "unterminated `quoted name`");
        token.kind = TokenKind::kIdentifier;
        token.quoted = true;
        token.text = std::string(text_.substr(pos_, end - pos_));
        while (pos_ <= end) Advance();
      } else if (c == '$') {
        Advance();
        token.kind = TokenKind::kParameter;
        token.text = TakeWhile([](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; });
        if (token.text.empty()) return Error(token, "expected a parameter name after '$'");
      } else if (std::isdigit(static_cast<unsigned char>(c)) && BareDateMayFollow(tokens)) {
        // Read whole, or 2023-12-31 would be the arithmetic 2023 - 12 - 31: the characters of
        // the time forms (docs/json-format.md) that have no space.
        token.kind = TokenKind::kTime;
        token.text = TakeWhile([](char ch) {
          return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == ':' || ch == '+';
        });
      } else if (std::isdigit(static_cast<unsigned char>(c))) {
        absl::Status number = LexNumber(token);
        if (!number.ok()) return number;
      } else if (c == '\'' || c == '"') {
        absl::Status string = LexString(token);
        if (!string.ok()) return string;
      } else {
        static constexpr std::string_view kTwoCharacter[] = {"..", "->", "<-", "<>", "<=", ">=", "!="};
        token.kind = TokenKind::kSymbol;
        for (std::string_view symbol : kTwoCharacter) {
          if (text_.substr(pos_, 2) == symbol) token.text = std::string(symbol);
        }
        if (token.text.empty()) {
          if (std::string_view("()[]{},:.|*-=<>+/%;").find(c) == std::string_view::npos) {
            return Error(token, Cat("unexpected character '", CharacterAt(text_, pos_), "'"));
          }
          token.text = std::string(1, c);
        }
        if (token.text == "!=") token.text = "<>";
        for (size_t i = 0; i < (token.text == "<>" ? 2 : token.text.size()); ++i) Advance();
      }
      tokens.push_back(std::move(token));
    }
  }

 private:
  absl::Status Error(const Token& at, std::string_view message) const {
    return absl::InvalidArgumentError(Cat(at.line, ":", at.column, ": ", message));
  }

  void Advance() {
    if (text_[pos_] == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(text_[pos_]) & 0xC0) != 0x80) {
      ++column_;  // columns count characters, not UTF-8 continuation bytes
    }
    ++pos_;
  }

  template <typename Predicate>
  std::string TakeWhile(Predicate keep) {
    size_t start = pos_;
    while (pos_ < text_.size() && keep(text_[pos_])) Advance();
    return std::string(text_.substr(start, pos_ - start));
  }

  void SkipSpaceAndComments() {
    while (pos_ < text_.size()) {
      if (std::isspace(static_cast<unsigned char>(text_[pos_]))) {
        Advance();
      } else if (text_.substr(pos_, 2) == "//") {
        while (pos_ < text_.size() && text_[pos_] != '\n') Advance();
      } else {
        return;
      }
    }
  }

  absl::Status LexNumber(Token& token) {
    token.kind = TokenKind::kInteger;
    token.text = TakeWhile([](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
    // A '.' starts a fraction only when a digit follows: "1..3" is a hop range.
    if (pos_ + 1 < text_.size() && text_[pos_] == '.' && std::isdigit(static_cast<unsigned char>(text_[pos_ + 1]))) {
      Advance();
      token.kind = TokenKind::kFloat;
      token.text += "." + TakeWhile([](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      token.kind = TokenKind::kFloat;
      token.text.push_back('e');
      Advance();
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) {
        token.text.push_back(text_[pos_]);
        Advance();
      }
      std::string exponent = TakeWhile([](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
      if (exponent.empty()) return Error(token, "malformed number: expected digits after the exponent");
      token.text += exponent;
    }
    if (pos_ < text_.size() && (std::isalpha(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
      return Error(token, Cat("malformed number '", token.text, CharacterAt(text_, pos_), "…'"));
    }
    return absl::OkStatus();
  }

  absl::Status LexString(Token& token) {
    char quote = text_[pos_];
    token.kind = TokenKind::kString;
    Advance();
    while (true) {
      if (pos_ >= text_.size()) return Error(token, "unterminated string");
      char c = text_[pos_];
      if (c == quote) {
        Advance();
        return absl::OkStatus();
      }
      if (c == '\\') {
        Advance();
        if (pos_ >= text_.size()) return Error(token, "unterminated string");
        char escaped = text_[pos_];
        switch (escaped) {
          case 'n': token.text.push_back('\n'); break;
          case 't': token.text.push_back('\t'); break;
          case '\\': case '\'': case '"': token.text.push_back(escaped); break;
          default: return Error(token, Cat("unknown escape '\\", std::string(1, escaped), "' in string"));
        }
        Advance();
        continue;
      }
      token.text.push_back(c);
      Advance();
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

ExprPtr MakeExpr(decltype(Expr::node) node, int line, int column) {
  auto expr = std::make_shared<Expr>();
  expr->node = std::move(node);
  expr->line = line;
  expr->column = column;
  return expr;
}
ExprPtr MakeExpr(decltype(Expr::node) node, const Token& at) { return MakeExpr(std::move(node), at.line, at.column); }
// An expression's place is where it starts: an operation on `first` starts where it does.
ExprPtr MakeExprFrom(decltype(Expr::node) node, const ExprPtr& first) {
  return MakeExpr(std::move(node), first->line, first->column);
}

// The clauses of a query. `rank` is their place in the grammar: a clause may follow only clauses
// of a lower rank. AS OF, DURING and KNOWN AT share theirs, so they may come in any order.
enum class Clause { kMatch, kWhere, kAsOf, kDuring, kKnownAt, kReturn, kOrderBy, kSkip, kLimit };

struct ClauseInfo {
  std::string_view name;
  int rank;
  std::string_view repeat_hint;  // how to say twice what the clause says, when it cannot be repeated
};

const ClauseInfo& InfoOf(Clause clause) {
  static constexpr ClauseInfo kClauses[] = {
      {"MATCH", 0, " (join patterns with ',')"},
      {"WHERE", 1, " (join conditions with AND)"},
      {"AS OF", 2, ""},
      {"DURING", 2, ""},
      {"KNOWN AT", 2, ""},
      {"RETURN", 3, " (separate the columns with ',')"},
      {"ORDER BY", 4, " (separate the sort keys with ',')"},
      {"SKIP", 5, ""},
      {"LIMIT", 6, ""},
  };
  return kClauses[static_cast<int>(clause)];
}

constexpr std::string_view kClauseOrder =
    "clauses go MATCH, WHERE, AS OF, DURING and KNOWN AT (in any order), RETURN, ORDER BY, SKIP, LIMIT";

// "a", "a or b", "a, b, or c".
std::string JoinWithOr(const std::vector<std::string_view>& items) {
  std::string text;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += items.size() == 2 ? " or " : (i + 1 == items.size() ? ", or " : ", ");
    text += items[i];
  }
  return text;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  absl::StatusOr<Query> ParseQuery() {
    Query query;
    if (!ExpectKeyword("MATCH")) return error_;
    seen_.push_back(Clause::kMatch);
    do {
      std::optional<PathPattern> path = ParsePath();
      if (!path) return error_;
      query.match.push_back(std::move(*path));
    } while (AcceptSymbol(","));
    if (AcceptKeyword("WHERE")) {
      seen_.push_back(Clause::kWhere);
      if (!(query.where = ParseExpression())) return error_;
    }
    while (true) {
      std::optional<Clause> clause = ClauseAt();
      if (clause != Clause::kAsOf && clause != Clause::kDuring && clause != Clause::kKnownAt) break;
      if (Seen(*clause)) return Misplaced(*clause);
      seen_.push_back(*clause);
      std::string_view name = InfoOf(*clause).name;
      if (*clause == Clause::kDuring) {
        ++pos_;
        if (!ParseWindow(query)) return error_;
      } else {
        pos_ += 2;
        ExprPtr& date = *clause == Clause::kAsOf ? query.as_of : query.known_at;
        if (!(date = ParseDate(name))) return error_;
      }
      // One flag serves both valid-time clauses (Filter::include_undated), so it is said once.
      if (*clause != Clause::kKnownAt && IsKeyword("INCLUDE")) {
        if (query.include_undated) {
          return Fail(Peek(), "INCLUDE UNDATED may appear once: it applies to AS OF and DURING both");
        }
        ++pos_;
        if (!ExpectKeyword("UNDATED", Cat("UNDATED after ", name, " ... INCLUDE"))) return error_;
        query.include_undated = true;
      }
    }
    if (!IsKeyword("RETURN")) {
      if (std::optional<Clause> clause = ClauseAt()) return Misplaced(*clause);
      std::vector<std::string_view> others;
      if (seen_.size() == 1) others.push_back("WHERE");
      for (Clause time : {Clause::kAsOf, Clause::kDuring, Clause::kKnownAt}) {
        if (!Seen(time)) others.push_back(InfoOf(time).name);
      }
      if (seen_.size() == 1) others.push_back("',' and another pattern");
      return Fail(Peek(), Cat("expected RETURN (or ", JoinWithOr(others), "), found ", Describe(Peek())));
    }
    ++pos_;
    seen_.push_back(Clause::kReturn);
    query.distinct = AcceptKeyword("DISTINCT");
    do {
      size_t first = pos_;
      ExprPtr expression = ParseExpression();
      if (!expression) return error_;
      ReturnItem item{expression, ""};
      // `AS OF` followed by more than a column name is the time clause, misplaced.
      if (IsKeyword("AS") && !(IsKeyword("OF", 1) && !EndsReturnItem(2))) {
        ++pos_;
        std::optional<std::string> alias = ExpectName("a column name after AS");
        if (!alias) return error_;
        item.alias = *alias;
      } else {
        item.alias = TextOf(first, pos_);
      }
      query.returns.push_back(std::move(item));
    } while (AcceptSymbol(","));
    if (AcceptKeyword("ORDER")) {
      seen_.push_back(Clause::kOrderBy);
      if (!ExpectKeyword("BY")) return error_;
      do {
        ExprPtr expression = ParseExpression();
        if (!expression) return error_;
        bool descending = false;
        if (AcceptKeyword("DESC") || AcceptKeyword("DESCENDING")) {
          descending = true;
        } else if (!AcceptKeyword("ASC")) {
          AcceptKeyword("ASCENDING");
        }
        query.order_by.push_back({expression, descending});
      } while (AcceptSymbol(","));
    }
    if (AcceptKeyword("SKIP")) {
      seen_.push_back(Clause::kSkip);
      if (!(query.skip = ParseExpression())) return error_;
    }
    if (AcceptKeyword("LIMIT")) {
      seen_.push_back(Clause::kLimit);
      if (!(query.limit = ParseExpression())) return error_;
    }
    if (AcceptSymbol(";")) {
      if (Peek().kind != TokenKind::kEnd) {
        return Fail(Peek(), Cat("expected the end of the query after ';', found ", Describe(Peek())));
      }
    } else if (Peek().kind != TokenKind::kEnd) {
      if (std::optional<Clause> clause = ClauseAt()) return Misplaced(*clause);
      std::string expected;
      for (Clause clause : {Clause::kOrderBy, Clause::kSkip, Clause::kLimit}) {
        if (InfoOf(seen_.back()).rank < InfoOf(clause).rank) expected += Cat(InfoOf(clause).name, ", ");
      }
      if (!expected.empty()) expected.replace(expected.size() - 2, 2, " or ");
      return Fail(Peek(), Cat("expected ", expected, "the end of the query, found ", Describe(Peek())));
    }
    return query;
  }

 private:
  const Token& Peek(size_t ahead = 0) const { return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)]; }

  bool IsKeyword(std::string_view keyword, size_t ahead = 0) const {
    const Token& token = Peek(ahead);
    return token.kind == TokenKind::kIdentifier && !token.quoted && SameWord(token.text, keyword);
  }
  bool IsSymbol(std::string_view symbol, size_t ahead = 0) const {
    const Token& token = Peek(ahead);
    return token.kind == TokenKind::kSymbol && token.text == symbol;
  }
  bool AcceptKeyword(std::string_view keyword) {
    if (!IsKeyword(keyword)) return false;
    ++pos_;
    return true;
  }
  bool AcceptSymbol(std::string_view symbol) {
    if (!IsSymbol(symbol)) return false;
    ++pos_;
    return true;
  }

  // The clause whose keywords start at the current token, if any.
  std::optional<Clause> ClauseAt() const {
    if (IsKeyword("MATCH")) return Clause::kMatch;
    if (IsKeyword("WHERE")) return Clause::kWhere;
    if (IsKeyword("AS") && IsKeyword("OF", 1)) return Clause::kAsOf;
    if (IsKeyword("DURING")) return Clause::kDuring;
    if (IsKeyword("KNOWN") && IsKeyword("AT", 1)) return Clause::kKnownAt;
    if (IsKeyword("RETURN")) return Clause::kReturn;
    if (IsKeyword("ORDER")) return Clause::kOrderBy;
    if (IsKeyword("SKIP")) return Clause::kSkip;
    if (IsKeyword("LIMIT")) return Clause::kLimit;
    return std::nullopt;
  }
  bool Seen(Clause clause) const { return std::find(seen_.begin(), seen_.end(), clause) != seen_.end(); }

  // The error for `clause` found where the grammar does not take it: said twice, after a clause
  // that must follow it, or (ORDER BY, SKIP, LIMIT) before RETURN.
  absl::Status Misplaced(Clause clause) {
    const ClauseInfo& info = InfoOf(clause);
    if (Seen(clause)) return Fail(Peek(), Cat(info.name, " may appear once", info.repeat_hint, ": ", kClauseOrder));
    for (Clause earlier : seen_) {
      const ClauseInfo& earlier_info = InfoOf(earlier);
      if (earlier_info.rank > info.rank) {
        return Fail(Peek(), Cat(info.name, " must come before ", earlier_info.name, ": ", kClauseOrder));
      }
    }
    return Fail(Peek(), Cat(info.name, " must come after RETURN: ", kClauseOrder));
  }

  // Whether the token `ahead` ends a RETURN item (so that `AS OF` before it names a column "OF").
  bool EndsReturnItem(size_t ahead) const {
    return Peek(ahead).kind == TokenKind::kEnd || IsSymbol(",", ahead) || IsSymbol(";", ahead) ||
           IsKeyword("ORDER", ahead) || IsKeyword("SKIP", ahead) || IsKeyword("LIMIT", ahead);
  }

  // The date of AS OF or KNOWN AT: a bare date (2023-12-31, 2024-Q3, 2024), read as the same
  // text quoted would be, or any expression ('2023-12-31', $day, date(...)).
  ExprPtr ParseDate(std::string_view clause_name) {
    if (Peek().kind != TokenKind::kTime) return ParseExpression();
    const Token& token = tokens_[pos_++];
    absl::StatusOr<TimePoint> time = TimePoint::Parse(token.text);
    if (!time.ok()) {
      Record(token, Cat(clause_name, " needs a date: ", time.status().message()));
      return nullptr;
    }
    return MakeExpr(Literal{Value{token.text}}, token);
  }

  // The window of DURING, after the keyword: `start .. end` with either end left out (open), or
  // one period (`DURING 2024`), which is both its start and its end.
  bool ParseWindow(Query& query) {
    query.during = true;
    if (!IsSymbol("..")) {
      if (!(query.during_start = ParseDate("DURING"))) return false;
      if (!IsSymbol("..")) {
        query.during_end = query.during_start;
        return true;
      }
    }
    ++pos_;  // '..'
    bool open_end = Peek().kind == TokenKind::kEnd || IsSymbol(";") || ClauseAt() || IsKeyword("INCLUDE");
    if (open_end && !query.during_start) {
      Record(Peek(), Cat("DURING needs a start, an end or both (DURING 2024 .., DURING .. 2025-06-30, "
                         "DURING 2024-01 .. 2024-06), found ", Describe(Peek())));
      return false;
    }
    if (!open_end && !(query.during_end = ParseDate("DURING"))) return false;
    return true;
  }

  void Record(const Token& at, std::string_view message) {
    error_ = absl::InvalidArgumentError(Cat(at.line, ":", at.column, ": ", message));
  }
  absl::Status Fail(const Token& at, std::string_view message) {
    Record(at, message);
    return error_;
  }
  bool ExpectKeyword(std::string_view keyword, std::string_view what = "") {
    if (AcceptKeyword(keyword)) return true;
    Record(Peek(), Cat("expected ", what.empty() ? keyword : what, ", found ", Describe(Peek())));
    return false;
  }
  bool ExpectSymbol(std::string_view symbol, std::string_view context) {
    if (AcceptSymbol(symbol)) return true;
    Record(Peek(), Cat("expected '", symbol, "' ", context, ", found ", Describe(Peek())));
    return false;
  }
  std::optional<std::string> ExpectName(std::string_view what) {
    if (Peek().kind == TokenKind::kIdentifier) return tokens_[pos_++].text;
    Record(Peek(), Cat("expected ", what, ", found ", Describe(Peek())));
    return std::nullopt;
  }

  // The query text the tokens [first, last) stand for, re-spelt (for default column names).
  std::string TextOf(size_t first, size_t last) const {
    std::string text;
    for (size_t i = first; i < last; ++i) {
      const Token& token = tokens_[i];
      bool tight = i == first || token.text == "." || token.text == "(" || token.text == ")" ||
                   tokens_[i - 1].text == "." || tokens_[i - 1].text == "(" ||
                   token.text == ",";
      if (!tight) text.push_back(' ');
      if (token.kind == TokenKind::kString) {
        text += Cat("'", token.text, "'");
      } else if (token.kind == TokenKind::kParameter) {
        text += Cat("$", token.text);
      } else {
        text += token.text;
      }
    }
    return text;
  }

  std::optional<std::vector<std::pair<std::string, ExprPtr>>> ParseProperties() {
    std::vector<std::pair<std::string, ExprPtr>> properties;
    if (!AcceptSymbol("{")) return properties;
    if (AcceptSymbol("}")) return properties;
    do {
      std::optional<std::string> key = ExpectName("a property name");
      if (!key) return std::nullopt;
      if (!ExpectSymbol(":", "after the property name")) return std::nullopt;
      ExprPtr value = ParseExpression();
      if (!value) return std::nullopt;
      properties.emplace_back(*key, value);
    } while (AcceptSymbol(","));
    if (!ExpectSymbol("}", "to close the property map")) return std::nullopt;
    return properties;
  }

  std::optional<NodePattern> ParseNode() {
    NodePattern node;
    node.line = Peek().line;
    node.column = Peek().column;
    if (!ExpectSymbol("(", "to start a node pattern")) return std::nullopt;
    if (Peek().kind == TokenKind::kIdentifier) node.variable = tokens_[pos_++].text;
    if (AcceptSymbol(":")) {
      do {
        std::optional<std::string> label = ExpectName("an entity type after ':'");
        if (!label) return std::nullopt;
        node.labels.push_back(*label);
      } while (AcceptSymbol("|"));
    }
    auto properties = ParseProperties();
    if (!properties) return std::nullopt;
    node.properties = std::move(*properties);
    if (!ExpectSymbol(")", "to close the node pattern")) return std::nullopt;
    return node;
  }

  std::optional<RelationshipPattern> ParseRelationship() {
    RelationshipPattern relationship;
    relationship.line = Peek().line;
    relationship.column = Peek().column;
    bool pointing_left = AcceptSymbol("<-");
    if (!pointing_left && !ExpectSymbol("-", "or '<-' to start a relationship")) return std::nullopt;
    if (AcceptSymbol("[")) {
      if (Peek().kind == TokenKind::kIdentifier) relationship.variable = tokens_[pos_++].text;
      if (AcceptSymbol(":")) {
        do {
          std::optional<std::string> type = ExpectName("a relationship type (a predicate) after ':'");
          if (!type) return std::nullopt;
          relationship.types.push_back(*type);
        } while (AcceptSymbol("|"));
      }
      if (AcceptSymbol("*")) {
        relationship.variable_length = true;
        relationship.min_hops = 1;
        relationship.max_hops = kUnboundedHops;
        if (Peek().kind == TokenKind::kInteger) {
          std::optional<int> hops = ParseHopCount();
          if (!hops) return std::nullopt;
          relationship.min_hops = relationship.max_hops = *hops;
        }
        if (AcceptSymbol("..")) {
          relationship.max_hops = kUnboundedHops;
          if (Peek().kind == TokenKind::kInteger) {
            std::optional<int> hops = ParseHopCount();
            if (!hops) return std::nullopt;
            relationship.max_hops = *hops;
          }
        }
        if (relationship.max_hops < relationship.min_hops) {
          Record(tokens_[pos_ - 1], Cat("the hop range ends (", relationship.max_hops, ") before it starts (",
                                      relationship.min_hops, ")"));
          return std::nullopt;
        }
      }
      auto properties = ParseProperties();
      if (!properties) return std::nullopt;
      relationship.properties = std::move(*properties);
      if (!ExpectSymbol("]", "to close the relationship")) return std::nullopt;
    }
    if (pointing_left) {
      if (!ExpectSymbol("-", "to end a '<-' relationship")) return std::nullopt;
      relationship.direction = Direction::kIn;
    } else if (AcceptSymbol("->")) {
      relationship.direction = Direction::kOut;
    } else if (AcceptSymbol("-")) {
      relationship.direction = Direction::kBoth;
    } else {
      Record(Peek(), Cat("expected '->' or '-' to end the relationship, found ", Describe(Peek())));
      return std::nullopt;
    }
    return relationship;
  }

  std::optional<PathPattern> ParsePath() {
    PathPattern path;
    std::optional<NodePattern> first = ParseNode();
    if (!first) return std::nullopt;
    path.nodes.push_back(std::move(*first));
    while (IsSymbol("-") || IsSymbol("<-")) {
      std::optional<RelationshipPattern> relationship = ParseRelationship();
      if (!relationship) return std::nullopt;
      std::optional<NodePattern> node = ParseNode();
      if (!node) return std::nullopt;
      path.relationships.push_back(std::move(*relationship));
      path.nodes.push_back(std::move(*node));
    }
    return path;
  }

  // Expressions, loosest binding first.
  // A hop count of `*n` or `*m..n`: digits, at most kMaxHops (not read modulo 2^32).
  std::optional<int> ParseHopCount() {
    const Token& token = tokens_[pos_++];
    if (token.text.size() > 9 || std::stoll(token.text) > kMaxHops) {
      Record(token, Cat("a hop count is at most ", kMaxHops, ", not ", token.text));
      return std::nullopt;
    }
    return static_cast<int>(std::stoll(token.text));
  }

  // Counts the parser's own recursion (parentheses, lists, arguments, NOT, unary minus): deeper
  // than kMaxExpressionDepth is an error rather than a stack overflow.
  class Nesting {
   public:
    explicit Nesting(Parser& parser) : parser_(parser) { ++parser_.nesting_; }
    ~Nesting() { --parser_.nesting_; }
    bool too_deep() const { return parser_.nesting_ > kMaxExpressionDepth; }

   private:
    Parser& parser_;
  };
  ExprPtr TooDeep(const Token& at) {
    Record(at, Cat("expression nested more than ", kMaxExpressionDepth, " levels deep"));
    return nullptr;
  }

  ExprPtr ParseExpression() {
    Nesting nesting(*this);
    if (nesting.too_deep()) return TooDeep(Peek());
    return ParseOr();
  }

  // The depth of a tree the parser made: 1 for a leaf.
  int DepthOf(const ExprPtr& expression) const {
    auto found = depths_.find(expression.get());
    return found == depths_.end() ? 1 : found->second;
  }
  // `made`, whose deepest child is `children_depth` deep, unless that makes the tree deeper than
  // kMaxExpressionDepth: evaluating, formatting and freeing a tree recurse once per level, so a
  // 100 000-term sum is refused here rather than overflowing the stack later.
  ExprPtr Deepened(ExprPtr made, int children_depth) {
    if (children_depth + 1 > kMaxExpressionDepth) {
      error_ = absl::InvalidArgumentError(Cat(made->line, ":", made->column, ": expression nested more than ",
                                              kMaxExpressionDepth, " levels deep"));
      return nullptr;
    }
    depths_[made.get()] = children_depth + 1;
    return made;
  }

  ExprPtr Binary(Op op, ExprPtr left, ExprPtr right) {
    if (!left || !right) return nullptr;
    int depth = std::max(DepthOf(left), DepthOf(right));
    return Deepened(MakeExprFrom(Operation{op, {left, std::move(right)}}, left), depth);
  }

  ExprPtr ParseOr() {
    ExprPtr left = ParseXor();
    while (left && IsKeyword("OR")) {
      ++pos_;
      left = Binary(Op::kOr, left, ParseXor());
    }
    return left;
  }
  ExprPtr ParseXor() {
    ExprPtr left = ParseAnd();
    while (left && IsKeyword("XOR")) {
      ++pos_;
      left = Binary(Op::kXor, left, ParseAnd());
    }
    return left;
  }
  ExprPtr ParseAnd() {
    ExprPtr left = ParseNot();
    while (left && IsKeyword("AND")) {
      ++pos_;
      left = Binary(Op::kAnd, left, ParseNot());
    }
    return left;
  }
  ExprPtr ParseNot() {
    if (IsKeyword("NOT")) {
      Nesting nesting(*this);
      if (nesting.too_deep()) return TooDeep(Peek());
      const Token& at = tokens_[pos_++];
      ExprPtr operand = ParseNot();
      if (!operand) return nullptr;
      int depth = DepthOf(operand);
      return Deepened(MakeExpr(Operation{Op::kNot, {std::move(operand)}}, at), depth);
    }
    return ParseComparison();
  }
  ExprPtr ParseComparison() {
    ExprPtr left = ParseAdditive();
    if (!left) return nullptr;
    static const std::pair<std::string_view, Op> kComparisons[] = {
        {"=", Op::kEq}, {"<>", Op::kNe}, {"<", Op::kLt}, {"<=", Op::kLe}, {">", Op::kGt}, {">=", Op::kGe}};
    for (const auto& [symbol, op] : kComparisons) {
      if (IsSymbol(symbol)) {
        ++pos_;
        return Binary(op, left, ParseAdditive());
      }
    }
    if (AcceptKeyword("IN")) return Binary(Op::kIn, left, ParseAdditive());
    if (IsKeyword("STARTS")) {
      ++pos_;
      if (!ExpectKeyword("WITH", "WITH after STARTS")) return nullptr;
      return Binary(Op::kStartsWith, left, ParseAdditive());
    }
    if (IsKeyword("ENDS")) {
      ++pos_;
      if (!ExpectKeyword("WITH", "WITH after ENDS")) return nullptr;
      return Binary(Op::kEndsWith, left, ParseAdditive());
    }
    if (AcceptKeyword("CONTAINS")) return Binary(Op::kContains, left, ParseAdditive());
    if (AcceptKeyword("IS")) {
      bool negated = AcceptKeyword("NOT");
      if (!ExpectKeyword("NULL", negated ? "NULL after IS NOT" : "NULL or NOT NULL after IS")) return nullptr;
      return Deepened(MakeExprFrom(Operation{negated ? Op::kIsNotNull : Op::kIsNull, {left}}, left), DepthOf(left));
    }
    return left;
  }
  ExprPtr ParseAdditive() {
    ExprPtr left = ParseMultiplicative();
    while (left && (IsSymbol("+") || IsSymbol("-"))) {
      const Token& at = tokens_[pos_++];
      left = Binary(at.text == "+" ? Op::kAdd : Op::kSub, left, ParseMultiplicative());
    }
    return left;
  }
  ExprPtr ParseMultiplicative() {
    ExprPtr left = ParseUnary();
    while (left && (IsSymbol("*") || IsSymbol("/"))) {
      const Token& at = tokens_[pos_++];
      left = Binary(at.text == "*" ? Op::kMul : Op::kDiv, left, ParseUnary());
    }
    return left;
  }
  ExprPtr ParseUnary() {
    if (IsSymbol("-")) {
      Nesting nesting(*this);
      if (nesting.too_deep()) return TooDeep(Peek());
      const Token& at = tokens_[pos_++];
      ExprPtr operand = ParseUnary();
      if (!operand) return nullptr;
      int depth = DepthOf(operand);
      return Deepened(MakeExpr(Operation{Op::kNeg, {std::move(operand)}}, at), depth);
    }
    return ParsePostfix();
  }
  ExprPtr ParsePostfix() {
    ExprPtr expression = ParseAtom();
    while (expression && AcceptSymbol(".")) {
      std::optional<std::string> key = ExpectName("a property name after '.'");
      if (!key) return nullptr;
      int depth = DepthOf(expression);
      expression = Deepened(MakeExprFrom(PropertyAccess{expression, *key}, expression), depth);
    }
    return expression;
  }
  ExprPtr ParseAtom() {
    const Token& token = Peek();
    switch (token.kind) {
      case TokenKind::kInteger: {
        ++pos_;
        errno = 0;
        long long value = std::strtoll(token.text.c_str(), nullptr, 10);
        if (errno == ERANGE) {
          Record(token, Cat("integer ", token.text, " is too large"));
          return nullptr;
        }
        return MakeExpr(Literal{Value{static_cast<int64_t>(value)}}, token);
      }
      case TokenKind::kFloat:
        ++pos_;
        return MakeExpr(Literal{Value{std::strtod(token.text.c_str(), nullptr)}}, token);
      case TokenKind::kString:
      case TokenKind::kTime:
        ++pos_;
        return MakeExpr(Literal{Value{token.text}}, token);
      case TokenKind::kParameter:
        ++pos_;
        return MakeExpr(Parameter{token.text}, token);
      case TokenKind::kIdentifier: {
        if (!token.quoted && IsReserved(token.text)) break;
        if (!token.quoted) {
          if (SameWord(token.text, "true") || SameWord(token.text, "false")) {
            ++pos_;
            return MakeExpr(Literal{Value{SameWord(token.text, "true")}}, token);
          }
          if (SameWord(token.text, "null")) {
            ++pos_;
            return MakeExpr(Literal{Value{}}, token);
          }
        }
        ++pos_;
        if (!AcceptSymbol("(")) return MakeExpr(Variable{token.text}, token);
        FunctionCall call{absl::AsciiStrToLower(token.text), {}, false, false};
        int depth = 0;
        if (AcceptSymbol("*")) {
          call.star = true;
        } else if (!IsSymbol(")")) {
          call.distinct = AcceptKeyword("DISTINCT");
          do {
            ExprPtr argument = ParseExpression();
            if (!argument) return nullptr;
            depth = std::max(depth, DepthOf(argument));
            call.arguments.push_back(argument);
          } while (AcceptSymbol(","));
        }
        if (!ExpectSymbol(")", Cat("to close the call of ", token.text, "()"))) return nullptr;
        return Deepened(MakeExpr(std::move(call), token), depth);
      }
      case TokenKind::kSymbol:
        if (token.text == "(") {
          ++pos_;
          ExprPtr inner = ParseExpression();
          if (!inner || !ExpectSymbol(")", "to close the parenthesis")) return nullptr;
          return inner;
        }
        if (token.text == "[") {
          ++pos_;
          ListLiteral list;
          int depth = 0;
          if (!IsSymbol("]")) {
            do {
              ExprPtr item = ParseExpression();
              if (!item) return nullptr;
              depth = std::max(depth, DepthOf(item));
              list.items.push_back(item);
            } while (AcceptSymbol(","));
          }
          if (!ExpectSymbol("]", "to close the list")) return nullptr;
          return Deepened(MakeExpr(std::move(list), token), depth);
        }
        break;
      case TokenKind::kEnd:
        break;
    }
    Record(token, Cat("expected an expression, found ", Describe(token)));
    return nullptr;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  std::vector<Clause> seen_;  // the clauses parsed so far, in order
  absl::Status error_;
  int nesting_ = 0;
  absl::flat_hash_map<const Expr*, int> depths_;  // of the operations, calls and lists made
};

}  // namespace

absl::StatusOr<Query> Parse(std::string_view text) {
  absl::StatusOr<std::vector<Token>> tokens = Lexer(text).Tokens();
  if (!tokens.ok()) return tokens.status();
  return Parser(*std::move(tokens)).ParseQuery();
}

}  // namespace aikg::query
