// Loading graph files: RapidJSON's SAX reader over the file text (parsed in place) → one small
// DOM per source and entity, read by ObjectReader, and each statement read straight from its
// events by StatementEvents → Transaction, with every problem reported at its file, line:column
// and JSON pointer (a statement with a problem is read again from a DOM, by the same reader as
// the other items). No DOM of a whole graph file is built (unless its arrays come in an order the
// transaction cannot take as they are parsed: see GraphReader), so a load holds the file text,
// the graph and one item's DOM.

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#if defined(__GLIBC__)  // defined by the C++ headers above, on glibc
#include <malloc.h>
#endif

#include "internal/cat.h"
#include "internal/check.h"
#include "absl/container/flat_hash_set.h"
#include "aikg/json.h"
#include "aikg/timeline.h"
#include "internal/graph_data.h"
#include "internal/json_input.h"
#include "internal/schema_reference.h"
#include "internal/transaction.h"

namespace aikg {
namespace {

using internal::ItemKind;
using internal::JsonInput;
using internal::JsonPath;
using internal::ObjectReader;
using internal::Origin;
using internal::View;

constexpr std::string_view kGraphFormat = "aikg-graph/1";

// The members of the objects in a graph file, each list made once (see MemberNames).
const internal::MemberNames kEntityMembers{"id", "type", "name", "aliases", "description", "attributes"};
// StatementEvents numbers the members by this order (StatementEvents::Member).
const internal::MemberNames kStatementMembers{"id",       "subject", "predicate",  "object",    "value", "valid",
                                              "period",   "modality", "sources",   "confidence", "qualifiers"};
const internal::MemberNames kIntervalMembers{"from", "to"};
const internal::MemberNames kCitationMembers{"source", "locator"};
const internal::MemberNames kQuantityMembers{"amount", "unit", "bound", "lower", "upper"};

// Reads the `value` member of a statement: its keys say which kind of value it is.
void ReadValue(ObjectReader& item, const rapidjson::Value& value, StatementValue& out) {
  JsonPath path = item.PathOf("value");
  JsonInput& json = item.input();
  auto has = [&](const char* key) { return value.IsObject() && value.HasMember(key); };
  if (has("amount")) {
    ObjectReader quantity(json, value, path, kQuantityMembers);
    Quantity q;
    // Amounts are numbers, or texts with scale words ("34.7 billion"), normalised here.
    if (const rapidjson::Value* amount = quantity.Find("amount"); amount != nullptr && amount->IsString()) {
      absl::StatusOr<double> parsed = ParseAmount(View(*amount));
      if (parsed.ok()) {
        q.amount = *parsed;
      } else {
        quantity.Report("amount", std::string(parsed.status().message()));
      }
    } else {
      q.amount = quantity.Number("amount", true).value_or(0);
    }
    internal::ReadUnitAndBounds(quantity, q);
    // Even a flawed quantity goes on to the unit and bound checks (the load fails anyway).
    out = q;
    if (!quantity.ok()) item.MarkBad();
  } else if (has("text")) {
    ObjectReader text(json, value, path, {"text", "lang"});
    out = Text{text.String("text", true).value_or(""), text.String("lang").value_or("")};
    if (!text.ok()) item.MarkBad();
  } else if (has("date")) {
    ObjectReader date(json, value, path, {"date"});
    if (std::optional<TimePoint> time = date.Time("date", true)) out = *time;
    else item.MarkBad();
  } else if (has("boolean")) {
    ObjectReader boolean(json, value, path, {"boolean"});
    if (std::optional<bool> b = boolean.Bool("boolean", true)) out = *b;
    else item.MarkBad();
  } else {
    json.Report(path, &value, "a value is an object with 'amount' (a quantity), 'text', 'date' or 'boolean'");
    item.MarkBad();
  }
}

// Reads a statement from its DOM, reporting what is wrong with it (at its place); false when it
// is no object. A statement with problems is still read as far as it goes, so that the
// transaction reports the rest.
bool ReadStatement(ObjectReader& item, StatementInput& statement) {
  if (!item.is_object()) return false;
  statement.id = item.String("id", true).value_or("");
  statement.subject = item.String("subject", true).value_or("");
  statement.predicate = item.String("predicate", true).value_or("");
  statement.value = std::monostate();
  const rapidjson::Value* object = item.Find("object");
  const rapidjson::Value* value = item.Find("value");
  if (object != nullptr && value != nullptr) {
    item.Report("value", "give either 'object' or 'value', not both");
  } else if (object != nullptr) {
    if (std::optional<std::string_view> id = item.String("object")) statement.value = EntityId{*id};
  } else if (value != nullptr) {
    ReadValue(item, *value, statement.value);
  } else {
    item.Report("value", "statement needs an 'object' (an entity id) or a 'value'");
  }

  statement.valid = ValidTime();
  if (const rapidjson::Value* valid = item.Find("valid")) {
    JsonPath valid_path = item.PathOf("valid");
    if (valid->IsString()) {
      if (std::optional<TimePoint> point = internal::ReadTime(item.input(), *valid, valid_path)) {
        statement.valid = ValidTime::At(*point);
      } else {
        item.MarkBad();
      }
    } else {
      ObjectReader interval(item.input(), *valid, valid_path, kIntervalMembers);
      statement.valid.from = interval.Time("from").value_or(TimePoint());
      statement.valid.to = interval.Time("to").value_or(TimePoint());
      if (interval.ok() && !statement.valid.is_set()) interval.Report("", "an interval needs 'from', 'to' or both");
      if (!interval.ok()) item.MarkBad();
    }
  }
  statement.period = item.Time("period").value_or(TimePoint());

  if (std::optional<std::string_view> modality = item.String("modality", true)) {
    if (std::optional<Modality> parsed = ParseModality(*modality)) {
      statement.modality = *parsed;
    } else {
      item.Report("modality", internal::Cat("unknown modality '", *modality,
                                           "' (expected reported, claim, forecast, plan or opinion)"));
    }
  }

  statement.sources.clear();
  if (const rapidjson::Value* sources = item.Array("sources", true)) {
    JsonPath sources_path = item.PathOf("sources");
    for (rapidjson::SizeType i = 0; i < sources->Size(); ++i) {
      JsonPath citation_path = sources_path.Element(i);
      ObjectReader citation(item.input(), (*sources)[i], citation_path, kCitationMembers);
      std::string_view source = citation.String("source", true).value_or("");
      std::string_view locator = citation.String("locator").value_or("");
      if (!citation.ok()) item.MarkBad();
      statement.sources.push_back({source, locator});
    }
  }
  statement.confidence = item.Number("confidence");

  statement.qualifiers.clear();
  if (const rapidjson::Value* qualifiers = item.Object("qualifiers")) {
    JsonPath qualifiers_path = item.PathOf("qualifiers");
    for (const auto& member : qualifiers->GetObject()) {
      if (!member.value.IsString()) {
        item.input().Report(qualifiers_path.Member(View(member.name)), &member.value,
                            "qualifier values must be strings");
        item.MarkBad();
        continue;
      }
      statement.qualifiers.push_back({View(member.name), View(member.value)});
    }
  }
  return true;
}


class GraphReader;

// Reads the statements of the array a load streams straight from their SAX events into a
// StatementInput, with no DOM of each: building and reading one was about a tenth of a
// load. It takes a statement of the shape that ReadStatement reads without a word; at anything
// else (a member unknown, repeated, missing or of the wrong type, a time, modality, amount or
// bound that does not parse) it stops reading, and the statement is read from a DOM of the
// original text by ReadStatement, which says what is wrong and where. So every message about a
// statement has one author, and this reader only has to know what a good statement looks like.
class StatementEvents : public internal::ElementReader {
 public:
  explicit StatementEvents(GraphReader& reader) : reader_(reader) {
    // The slots below name the members in the lists' order.
    AIKG_CHECK(kStatementMembers[kQualifiers] == "qualifiers" && kValueMembers[kBoolean] == "boolean" &&
               kIntervalMembers[kTo] == "to" && kCitationMembers[kLocator] == "locator");
  }

  void Null() override { Stop(); }
  void Bool(bool b) override {
    if (at_ == kInValue && member_ == kBoolean) {
      boolean_ = b;
    } else {
      Stop();
    }
  }
  // As rapidjson::Value::GetDouble reads each kind of number.
  void Int(int i) override { Number(i); }
  void Uint(unsigned u) override { Number(u); }
  void Int64(int64_t i) override { Number(static_cast<double>(i)); }
  void Uint64(uint64_t u) override { Number(static_cast<double>(u)); }
  void Double(double d) override { Number(d); }

  void String(const char* text, rapidjson::SizeType length, bool /*copy*/) override {
    std::string_view string(text, length);
    switch (at_) {
      case kInStatement:
        switch (member_) {
          case kId: statement_.id = string; return;
          case kSubject: statement_.subject = string; return;
          case kPredicate: statement_.predicate = string; return;
          case kObject: statement_.value = EntityId{string}; return;
          case kValid:
            if (absl::StatusOr<TimePoint> point = TimePoint::Parse(string); point.ok()) {
              statement_.valid = ValidTime::At(*point);
              return;
            }
            break;
          case kPeriod:
            if (absl::StatusOr<TimePoint> point = TimePoint::Parse(string); point.ok()) {
              statement_.period = *point;
              return;
            }
            break;
          case kModality:
            if (std::optional<Modality> modality = ParseModality(string)) {
              statement_.modality = *modality;
              return;
            }
            break;
        }
        break;
      case kInValue:
        switch (member_) {
          case kAmount: amount_text_ = string; amount_is_text_ = true; return;
          case kUnit: unit_ = string; return;
          case kBound: bound_ = string; return;
          case kText: text_ = string; return;
          case kLang: lang_ = string; return;
          case kDate: date_ = string; return;
        }
        break;
      case kInInterval:
        if (absl::StatusOr<TimePoint> point = TimePoint::Parse(string); point.ok()) {
          (member_ == kFrom ? from_ : to_) = *point;
          return;
        }
        break;
      case kInCitation:
        (member_ == kSource ? source_ : locator_) = string;
        return;
      case kInQualifiers:
        statement_.qualifiers.push_back({qualifier_key_, string});
        return;
      default:
        break;
    }
    Stop();
  }

  void Key(const char* text, rapidjson::SizeType length, bool /*copy*/) override {
    std::string_view name(text, length);
    switch (at_) {
      case kInStatement: Member(kStatementMembers, name, statement_members_); return;
      case kInValue: Member(kValueMembers, name, value_members_); return;
      case kInInterval: Member(kIntervalMembers, name, interval_members_); return;
      case kInCitation: Member(kCitationMembers, name, citation_members_); return;
      case kInQualifiers: qualifier_key_ = name; return;
      default: return;  // stopped
    }
  }

  void StartObject() override {
    switch (at_) {
      case kBefore: Begin(); return;
      case kInStatement:
        if (member_ == kValue) {
          at_ = kInValue;
          value_members_ = 0;
          amount_is_text_ = false;
          return;
        }
        if (member_ == kValid) {
          at_ = kInInterval;
          interval_members_ = 0;
          from_ = to_ = TimePoint();
          return;
        }
        if (member_ == kQualifiers) {
          at_ = kInQualifiers;
          return;
        }
        break;
      case kInSources:
        at_ = kInCitation;
        citation_members_ = 0;
        source_ = locator_ = {};
        return;
      default:
        break;
    }
    Stop();
  }

  void EndObject(rapidjson::SizeType /*members*/) override {
    switch (at_) {
      case kInStatement: at_ = kAfter; return;
      case kInValue: at_ = kInStatement; EndValue(); return;
      case kInInterval:
        at_ = kInStatement;
        statement_.valid.from = from_;
        statement_.valid.to = to_;
        if (!statement_.valid.is_set()) Stop();
        return;
      case kInCitation:
        at_ = kInSources;
        if (!Has(citation_members_, kSource)) return Stop();
        statement_.sources.push_back({source_, locator_});
        return;
      case kInQualifiers: at_ = kInStatement; return;
      default: return;  // stopped
    }
  }

  void StartArray() override {
    if (at_ == kInStatement && member_ == kSources) {
      at_ = kInSources;
    } else {
      Stop();
    }
  }
  void EndArray(rapidjson::SizeType /*elements*/) override {
    if (at_ == kInSources) at_ = kInStatement;  // any other array stopped the reading
  }

  void End(JsonInput& json, uint32_t index) override;

 private:
  // Where the events are: in which object or array of a statement.
  enum At : uint8_t {
    kBefore,  // the element has not begun
    kInStatement,
    kInValue,
    kInInterval,  // `valid` written as an interval
    kInSources,
    kInCitation,
    kInQualifiers,
    kAfter,    // the statement's object has ended
    kStopped,  // the statement is no statement of the usual shape: it is read again
  };
  // Slots in kStatementMembers, kValueMembers, kIntervalMembers and kCitationMembers, in their order.
  enum : uint8_t { kId, kSubject, kPredicate, kObject, kValue, kValid, kPeriod, kModality, kSources, kConfidence,
                   kQualifiers };
  enum : uint8_t { kAmount, kUnit, kBound, kLower, kUpper, kText, kLang, kDate, kBoolean };
  enum : uint8_t { kFrom, kTo };
  enum : uint8_t { kSource, kLocator };
  // The members of the objects a statement's `value` may be, which its first members tell apart
  // as ReadValue does: a quantity (kQuantityMembers), a text, a date or a boolean.
  static inline const internal::MemberNames kValueMembers{"amount", "unit", "bound", "lower", "upper",
                                                          "text",   "lang", "date",  "boolean"};
  static constexpr uint32_t kQuantityValue = 0x1F, kTextValue = 0x60, kDateValue = 0x80, kBooleanValue = 0x100;

  static bool Has(uint32_t members, uint8_t slot) { return (members >> slot & 1) != 0; }

  void Stop() { at_ = kStopped; }

  void Begin() {
    at_ = kInStatement;
    statement_members_ = 0;
    statement_.value = std::monostate();
    statement_.valid = ValidTime();
    statement_.period = TimePoint();
    statement_.sources.clear();
    statement_.confidence.reset();
    statement_.qualifiers.clear();
  }

  // A member of an object of `names`, whose members so far are `seen`: the next value's.
  void Member(const internal::MemberNames& names, std::string_view name, uint32_t& seen) {
    size_t slot = names.Find(name);
    if (slot == names.size() || Has(seen, static_cast<uint8_t>(slot))) return Stop();
    seen |= uint32_t{1} << slot;
    member_ = static_cast<uint8_t>(slot);
  }

  void Number(double number) {
    if (at_ == kInStatement && member_ == kConfidence) {
      statement_.confidence = number;
    } else if (at_ == kInValue && member_ == kAmount) {
      amount_ = number;
    } else if (at_ == kInValue && (member_ == kLower || member_ == kUpper)) {
      (member_ == kLower ? lower_ : upper_) = number;
    } else {
      Stop();
    }
  }

  // The `value` object has ended: what it is, if it is one of the kinds with its members.
  void EndValue() {
    uint32_t members = value_members_;
    auto only = [&](uint32_t kind) { return (members & ~kind) == 0; };
    if (Has(members, kAmount)) {
      if (!only(kQuantityValue) || !Has(members, kUnit)) return Stop();
      Quantity quantity;
      if (amount_is_text_) {
        absl::StatusOr<double> amount = ParseAmount(amount_text_);
        if (!amount.ok()) return Stop();
        quantity.amount = *amount;
      } else {
        quantity.amount = amount_;
      }
      quantity.unit = unit_;
      if (Has(members, kBound)) {
        std::optional<Bound> bound = ParseBound(bound_);
        if (!bound) return Stop();
        quantity.bound = *bound;
      }
      if (Has(members, kLower)) quantity.lower = lower_;
      if (Has(members, kUpper)) quantity.upper = upper_;
      statement_.value = quantity;
    } else if (Has(members, kText)) {
      if (!only(kTextValue)) return Stop();
      statement_.value = Text{text_, Has(members, kLang) ? lang_ : std::string_view()};
    } else if (Has(members, kDate)) {
      absl::StatusOr<TimePoint> date = TimePoint::Parse(date_);
      if (!only(kDateValue) || !date.ok()) return Stop();
      statement_.value = *date;
    } else if (Has(members, kBoolean)) {
      if (!only(kBooleanValue)) return Stop();
      statement_.value = boolean_;
    } else {
      Stop();
    }
  }

  // Whether the statement ended with every member it needs and one of `object` and `value`.
  bool Complete() const {
    constexpr uint32_t kRequired = 1 << kId | 1 << kSubject | 1 << kPredicate | 1 << kModality | 1 << kSources;
    return at_ == kAfter && (statement_members_ & kRequired) == kRequired &&
           Has(statement_members_, kObject) != Has(statement_members_, kValue);
  }

  GraphReader& reader_;
  At at_ = kBefore;
  uint8_t member_ = 0;  // the slot of the member whose value comes next, in the object `at_` says
  StatementInput statement_;
  uint32_t statement_members_ = 0;  // bits of the slots seen, per object
  uint32_t value_members_ = 0;
  uint32_t interval_members_ = 0;
  uint32_t citation_members_ = 0;
  // The parts of the object being read, until it ends.
  double amount_ = 0, lower_ = 0, upper_ = 0;
  std::string_view amount_text_, unit_, bound_, text_, lang_, date_;
  bool amount_is_text_ = false;
  bool boolean_ = false;
  TimePoint from_, to_;
  std::string_view source_, locator_;
  std::string_view qualifier_key_;
};

// One input file, what its top level says, and how far its items went.
struct GraphInput {
  std::unique_ptr<JsonInput> json;
  std::filesystem::path base_dir;  // where its schema path is resolved from
  // By ItemKind (sources, entities, statements):
  const rapidjson::Value* items[3] = {};  // an array kept in the document, not yet handed on
  bool met[3] = {};                       // whether the top level had the array (the first one)
  bool streamed[3] = {};                  // whether it was read element by element while parsed
  bool schema_checked = false;            // whether the schema was resolved while parsing
};

// Reads graph files into one transaction. The big arrays are read an element at a time while
// the file is parsed (the reader is the parse's ArrayStreamer), whenever the transaction can
// take their items right then: it wants every source, then every entity, then every statement,
// in input order. So a file's sources stream once its format and schema were read before them;
// entities and statements stream in the last file only. An array the transaction cannot take yet
// (entities of an earlier file, arrays before the header) stays in the file's document and goes
// in when its turn comes, at the latest after the last parse. A file whose arrays turn out to
// come in another order (sources after the statements it streamed) makes the load start again
// with every array kept whole.
class GraphReader : public internal::ArrayStreamer {
 public:
  // Reads the inputs named `labels`; `stream` false keeps every array whole.
  GraphReader(Graph& graph, std::vector<Diagnostic>& found, std::vector<std::string> labels, bool stream)
      : graph_(graph), found_(found), labels_(std::move(labels)), stream_(stream), statement_events_(*this) {}

  // Parses the next input (`parse` gets this reader as its streamer) and checks its top level.
  template <typename Parse>
  void Add(Parse parse, std::filesystem::path base_dir) {
    inputs_.emplace_back();
    inputs_.back().base_dir = std::move(base_dir);
    std::unique_ptr<JsonInput> json = parse(static_cast<internal::ArrayStreamer*>(this));
    // A statement taken from a text that proved no JSON points into that text, which is gone;
    // the load fails (the parse said why).
    if (json == nullptr) has_pending_statement_ = false;
    GraphInput& input = inputs_.back();
    if (json != nullptr) {
      JsonPath root;
      ObjectReader top(*json, json->root(), root, {"format", "schema", "sources", "entities", "statements"});
      if (std::optional<std::string_view> format = top.String("format", true); format && *format != kGraphFormat) {
        top.Report("format", internal::Cat("unsupported graph format ", internal::Quoted(*format), " (expected '",
                                           kGraphFormat, "')"));
      }
      if (std::optional<std::string_view> schema = top.String("schema", true); schema && !input.schema_checked) {
        ResolveSchema(&top, *schema, input.base_dir);
      }
      for (ItemKind kind : {ItemKind::kSource, ItemKind::kEntity, ItemKind::kStatement}) {
        const rapidjson::Value* array = top.Array(internal::ItemArrayName(kind));
        if (!input.streamed[static_cast<int>(kind)]) input.items[static_cast<int>(kind)] = array;
      }
    }
    input.json = std::move(json);
  }

  // Checks and applies every input as one batch.
  void Load() {
    if (schema_ == nullptr) {
      if (found_.empty()) {
        Diagnostic none;
        none.message = "no schema: the inputs name none";
        found_.push_back(std::move(none));
      }
      return;
    }
    internal::Transaction& transaction = Transaction();
    // The items kept in documents, in the order the transaction wants them.
    auto all = static_cast<uint32_t>(inputs_.size());
    if (phase_ == ItemKind::kSource) EnterEntities(all);
    if (phase_ == ItemKind::kEntity) EnterStatements(all);
    AddKept(ItemKind::kStatement, all);
    AddPendingStatement();

    // Items the reader found wrong still go to the transaction, so that every other problem
    // is reported too; what it says again about a place the reader reported, or about a place
    // inside one (the source of a citation that is no object), is dropped.
    absl::flat_hash_set<std::string> reported;         // "file#pointer" of each problem and its ancestors
    absl::flat_hash_set<std::string> reported_places;  // "file#pointer" of each problem
    for (const Diagnostic& diagnostic : found_) {
      std::string_view pointer = diagnostic.json_pointer;
      reported_places.insert(internal::Cat(diagnostic.file, "#", pointer));
      for (size_t end = pointer.size(); end != std::string_view::npos && end > 0; end = pointer.rfind('/', end - 1)) {
        reported.insert(internal::Cat(diagnostic.file, "#", pointer.substr(0, end)));
      }
    }
    auto inside_reported = [&](std::string_view file, std::string_view pointer) {
      for (size_t end = pointer.rfind('/'); end != std::string_view::npos && end > 0; end = pointer.rfind('/', end - 1)) {
        if (reported_places.contains(internal::Cat(file, "#", pointer.substr(0, end)))) return true;
      }
      return false;
    };
    for (const internal::Problem& problem : transaction.problems()) {
      GraphInput& input = inputs_[problem.origin.file];
      // A file that turned out to be no JSON after some of its items were read has its one
      // diagnostic already.
      if (input.json == nullptr) continue;
      std::string pointer = internal::Cat("/", internal::ItemArrayName(problem.kind), "/", problem.origin.index,
                                          problem.field);
      if (reported.contains(internal::Cat(input.json->label(), "#", pointer)) ||
          inside_reported(input.json->label(), pointer)) {
        continue;
      }
      input.json->ReportBelowElement(internal::ItemArrayName(problem.kind), problem.origin.index, problem.field,
                                     problem.message);
    }
    if (!found_.empty()) return;
    // The graph holds copies of what it keeps: the texts and their DOMs go before the indexes
    // are built, so that the load's peak memory does not hold both.
    for (GraphInput& input : inputs_) input.json.reset();
    transaction.Commit();
    // Its bookkeeping (where each item came from: 8 bytes a statement) goes before the load
    // gives freed memory back to the system (Finish), or it would stay resident.
    transaction_.reset();
  }

  // Whether a file's arrays came in an order the transaction could not take as they were parsed
  // (entities after statements it had taken): the inputs must be read again, kept whole.
  bool needs_whole_documents() const { return needs_whole_documents_; }

  // ArrayStreamer: called while the last input added is parsed.
  internal::ArrayUse StreamArray(JsonInput& json, std::string_view name) override {
    std::optional<ItemKind> kind = KindOf(name);
    if (!stream_ || !kind) return internal::ArrayUse::kKeep;
    auto file = static_cast<uint32_t>(inputs_.size() - 1);
    GraphInput& input = inputs_[file];
    int k = static_cast<int>(*kind);
    if (input.met[k]) return internal::ArrayUse::kKeep;  // a duplicate member: reported with the top level
    input.met[k] = true;
    if (*kind < phase_) {  // its items come after the transaction took items of a later kind
      needs_whole_documents_ = true;
      return internal::ArrayUse::kKeep;
    }
    if (!HeaderReady(json, input)) return internal::ArrayUse::kKeep;
    // Items of this file kept for an earlier kind go in only after the parse.
    for (int earlier = 0; earlier < k; ++earlier) {
      if (input.met[earlier] && !input.streamed[earlier]) return internal::ArrayUse::kKeep;
    }
    // Entities and statements go in once every source is in: only the last file's can stream.
    bool last = file + 1 == labels_.size();
    if (*kind != ItemKind::kSource && !last) return internal::ArrayUse::kKeep;
    // The file is taken to have its arrays in the usual order (sources, entities, statements);
    // one that proves otherwise is read again (needs_whole_documents()).
    if (*kind == ItemKind::kSource) AddKept(ItemKind::kSource, file);
    if (*kind >= ItemKind::kEntity && phase_ == ItemKind::kSource) EnterEntities(file);
    if (*kind == ItemKind::kStatement && phase_ == ItemKind::kEntity) EnterStatements(file);
    input.streamed[k] = true;
    // A source's relay (`via`) is looked up after every source is in, by the name it has in the
    // text; entities and statements keep copies of what they keep.
    return *kind == ItemKind::kSource ? internal::ArrayUse::kStream : internal::ArrayUse::kStreamAndDropText;
  }

  // The transaction makes room for the statements estimated at once (and a little more, as the
  // estimate may fall short), rather than growing its vectors and id tables step by step. Only
  // for statements: they come last (else the file is read again whole), so the text left is
  // theirs; sources and entities are followed by the other arrays.
  void ExpectMore(std::string_view name, size_t more) override {
    if (ItemKind kind = *KindOf(name); kind == ItemKind::kStatement) {
      Transaction().Reserve(kind, more + more / 128, /*exact=*/true);
    }
  }

  void Element(JsonInput& json, std::string_view name, uint32_t index, const rapidjson::Value& value) override {
    ReadElement(*KindOf(name), json, value, index);
  }

  // Statements are read from their events, with no DOM of each.
  internal::ElementReader* ReaderOf(std::string_view name) override {
    return KindOf(name) == ItemKind::kStatement ? &statement_events_ : nullptr;
  }

  void Flush(std::string_view /*name*/) override { AddPendingStatement(); }

  uint32_t file_being_parsed() const { return static_cast<uint32_t>(inputs_.size() - 1); }

  // Takes a statement read from element `index` of the statements array of the file being parsed.
  // It goes to the transaction once the next one was read: its lookups start loading now, and
  // are in the cache by then. Swaps `statement` with the one it keeps until then.
  void TakeStatement(StatementInput& statement, Origin origin) {
    internal::Transaction::ReferenceHashes hashes = Transaction().PrefetchStatement(statement);
    AddPendingStatement();
    std::swap(statement, pending_statement_);
    pending_hashes_ = hashes;
    pending_origin_ = origin;
    has_pending_statement_ = true;
  }

  // Reads element `index` of the statements array of the file being parsed from a DOM of the
  // original text (a statement that StatementEvents could not take as it is).
  void ReadStatementAgain(JsonInput& json, uint32_t index) {
    std::string_view array = internal::ItemArrayName(ItemKind::kStatement);
    if (const rapidjson::Value* original = json.OriginalElement(array, index)) {
      ReadElement(ItemKind::kStatement, json, *original, index);
    } else {
      // The text does not parse again: a syntax error further on (reported instead of this once
      // the parse gets there), or the file changed since it was read.
      json.ReportBelowElement(array, index, "", "the file changed while it was read");
    }
  }

 private:
  // Element `index` of the array of `kind` in the file being parsed.
  void ReadElement(ItemKind kind, JsonInput& json, const rapidjson::Value& value, uint32_t index) {
    JsonPath root;
    JsonPath array_path = root.Member(internal::ItemArrayName(kind));
    JsonPath item_path = array_path.Element(index);
    ReadItem(kind, json, value, item_path, Origin{file_being_parsed(), index});
  }

  void AddPendingStatement() {
    if (!has_pending_statement_) return;
    has_pending_statement_ = false;
    Transaction().AddStatement(pending_statement_, pending_origin_, &pending_hashes_);
  }

  static std::optional<ItemKind> KindOf(std::string_view name) {
    for (ItemKind kind : {ItemKind::kSource, ItemKind::kEntity, ItemKind::kStatement}) {
      if (name == internal::ItemArrayName(kind)) return kind;
    }
    return std::nullopt;
  }

  // Whether the file's format and schema, read before its first big array, let its items go to
  // the transaction now. Problems are left to the top-level check after the parse.
  bool HeaderReady(JsonInput& json, GraphInput& input) {
    if (input.schema_checked) return true;
    std::optional<std::string_view> format = json.TopLevelString("format");
    std::optional<std::string_view> schema = json.TopLevelString("schema");
    if (!format || *format != kGraphFormat || !schema) return false;
    if (!ResolveSchema(nullptr, *schema, input.base_dir)) return false;
    input.schema_checked = true;
    return true;
  }

  // The transaction, begun once the batch's schema is known.
  internal::Transaction& Transaction() {
    if (transaction_ == nullptr) {
      transaction_ = std::make_unique<internal::Transaction>(graph_.mutable_data(), schema_, labels_);
    }
    return *transaction_;
  }

  // Every source is in: relays are linked, and the kept entities of the files before `end` go in.
  void EnterEntities(uint32_t end) {
    AddKept(ItemKind::kSource, static_cast<uint32_t>(inputs_.size()));
    Transaction().ResolveSources();
    phase_ = ItemKind::kEntity;
    AddKept(ItemKind::kEntity, end);
  }

  void EnterStatements(uint32_t end) {
    AddKept(ItemKind::kEntity, static_cast<uint32_t>(inputs_.size()));
    phase_ = ItemKind::kStatement;
    AddKept(ItemKind::kStatement, end);
  }

  // Hands the items of `kind` kept in the documents of the files before `end` to the transaction.
  void AddKept(ItemKind kind, uint32_t end) {
    size_t count = 0;
    for (uint32_t file = 0; file < end; ++file) {
      if (const rapidjson::Value* array = inputs_[file].items[static_cast<int>(kind)]) count += array->Size();
    }
    if (count == 0) return;
    Transaction().Reserve(kind, count);
    for (uint32_t file = 0; file < end; ++file) {
      GraphInput& input = inputs_[file];
      const rapidjson::Value*& array = input.items[static_cast<int>(kind)];
      if (array == nullptr) continue;
      JsonPath root;
      JsonPath array_path = root.Member(internal::ItemArrayName(kind));
      for (rapidjson::SizeType i = 0; i < array->Size(); ++i) {
        JsonPath item_path = array_path.Element(i);
        ReadItem(kind, *input.json, (*array)[i], item_path, Origin{file, i});
      }
      array = nullptr;
    }
    AddPendingStatement();
  }

  void ReadItem(ItemKind kind, JsonInput& json, const rapidjson::Value& value, const JsonPath& path, Origin origin) {
    internal::Transaction& transaction = Transaction();
    switch (kind) {
      case ItemKind::kSource: {
        ObjectReader item = internal::SourceReader(json, value, path);
        if (item.is_object()) transaction.AddSource(internal::ReadSource(item), origin);
        break;
      }
      case ItemKind::kEntity: {
        ObjectReader item(json, value, path, kEntityMembers);
        if (ReadEntity(item, entity_)) transaction.AddEntity(entity_, origin);
        break;
      }
      case ItemKind::kStatement: {
        ObjectReader item(json, value, path, kStatementMembers);
        if (ReadStatement(item, statement_)) TakeStatement(statement_, origin);
        break;
      }
    }
  }

  // The schema of the first file becomes the batch's schema (unless the graph has one); the
  // others must use a schema of the same name. Returns whether the file's schema is usable;
  // reports why not through `top`, unless null.
  bool ResolveSchema(ObjectReader* top, std::string_view schema_ref, const std::filesystem::path& base_dir) {
    if (schema_ref.empty()) {
      if (top != nullptr) {
        top->Report("schema", "the schema reference is empty: name the schema file, relative to this file");
      }
      return false;
    }
    std::filesystem::path absolute = internal::ResolveSchemaReference(base_dir, schema_ref);
    if (schema_ == nullptr) schema_ = graph_.shared_schema();
    if (schema_ != nullptr && schema_->path() == absolute) return true;
    std::vector<Diagnostic> schema_problems;
    absl::StatusOr<Schema> schema = Schema::LoadFile(absolute, &schema_problems);
    if (!schema.ok()) {
      if (top != nullptr) {
        top->Report("schema", internal::Cat("cannot use schema ", internal::Quoted(schema_ref)));
        found_.insert(found_.end(), schema_problems.begin(), schema_problems.end());
      }
      return false;
    }
    if (schema_ == nullptr) {
      schema_ = std::make_shared<const Schema>(*std::move(schema));
    } else if (schema->name() != schema_->name()) {
      if (top != nullptr) {
        top->Report("schema", internal::Cat("schema ", internal::Quoted(schema->name()),
                                           " differs from the graph's schema ", internal::Quoted(schema_->name())));
      }
      return false;
    }
    return true;
  }

  bool ReadEntity(ObjectReader& item, EntityInput& entity) {
    if (!item.is_object()) return false;
    entity.id = item.String("id", true).value_or("");
    entity.type = item.String("type", true).value_or("");
    entity.name = item.String("name", true).value_or("");
    entity.description = item.String("description").value_or("");
    entity.aliases.clear();
    entity.attributes.clear();
    internal::ReadAliasesAndAttributes(item, entity);
    return true;
  }

  Graph& graph_;
  std::vector<Diagnostic>& found_;
  std::vector<std::string> labels_;  // of every input, known before the first is parsed
  bool stream_;
  bool needs_whole_documents_ = false;
  std::vector<GraphInput> inputs_;
  std::shared_ptr<const Schema> schema_;
  std::unique_ptr<internal::Transaction> transaction_;
  ItemKind phase_ = ItemKind::kSource;  // the kind the transaction takes now
  EntityInput entity_;                  // reused from item to item
  StatementInput statement_;
  StatementEvents statement_events_;
  // The statement taken last, not yet added (see TakeStatement).
  StatementInput pending_statement_;
  internal::Transaction::ReferenceHashes pending_hashes_;
  Origin pending_origin_;
  bool has_pending_statement_ = false;
};

void StatementEvents::End(JsonInput& json, uint32_t index) {
  if (Complete()) {
    reader_.TakeStatement(statement_, Origin{reader_.file_being_parsed(), index});
  } else {
    reader_.ReadStatementAgain(json, index);
  }
  at_ = kBefore;
}

// Orders diagnostics by file (in input order), then line and column.
void SortDiagnostics(std::vector<Diagnostic>& diagnostics, const std::vector<std::string>& files) {
  auto rank = [&](const Diagnostic& d) {
    return std::find(files.begin(), files.end(), d.file) - files.begin();
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    return std::make_tuple(rank(a), a.line, a.column) < std::make_tuple(rank(b), b.line, b.column);
  });
}

absl::Status Finish(std::vector<Diagnostic>& found, const std::vector<std::string>& files,
                    std::vector<Diagnostic>* diagnostics) {
  // A load frees as much as it keeps (the file text, its DOM, the transaction's bookkeeping):
  // glibc keeps freed memory mapped until told, so the process would stay twice the graph's size.
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
  SortDiagnostics(found, files);
  if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
  return DiagnosticsToStatus(found);
}

}  // namespace

absl::Status LoadJsonFiles(Graph& graph, absl::Span<const std::filesystem::path> paths,
                           std::vector<Diagnostic>* diagnostics) {
  std::vector<std::string> files;
  for (const std::filesystem::path& path : paths) files.push_back(path.string());
  // Streamed first; read again with whole documents in the rare case that needs them. The first
  // reader's transaction undoes what it added as the reader goes.
  for (bool stream : {true, false}) {
    std::vector<Diagnostic> found;
    GraphReader reader(graph, found, files, stream);
    for (const std::filesystem::path& path : paths) {
      reader.Add([&](internal::ArrayStreamer* streamer) { return JsonInput::FromFile(path, found, streamer); },
                 path.parent_path());
    }
    if (reader.needs_whole_documents()) continue;
    reader.Load();
    return Finish(found, files, diagnostics);
  }
  return absl::InternalError("unreachable");
}

absl::Status LoadJsonString(Graph& graph, std::string_view json, std::string_view file_name,
                            const std::filesystem::path& base_dir, std::vector<Diagnostic>* diagnostics) {
  for (bool stream : {true, false}) {
    std::vector<Diagnostic> found;
    GraphReader reader(graph, found, {std::string(file_name)}, stream);
    reader.Add(
        [&](internal::ArrayStreamer* streamer) {
          return JsonInput::FromString(json, std::string(file_name), found, streamer);
        },
        base_dir);
    if (reader.needs_whole_documents()) continue;
    reader.Load();
    return Finish(found, {std::string(file_name)}, diagnostics);
  }
  return absl::InternalError("unreachable");
}

}  // namespace aikg
