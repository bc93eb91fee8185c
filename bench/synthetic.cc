#include "synthetic.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <unistd.h>

namespace aikg_bench {
namespace {

// Random numbers --------------------------------------------------------------------------------

// Only the raw output of std::mt19937_64 is used (fully specified by the standard); the
// distributions of <random> differ between standard libraries, so ours are written out.
class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}

  // Uniform in [0, n), n > 0 (Lemire's multiply-shift; the tiny bias does not matter here).
  uint32_t Below(uint64_t n) {
    return static_cast<uint32_t>((static_cast<unsigned __int128>(engine_()) * n) >> 64);
  }
  // Uniform in [lo, hi].
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo + 1))); }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  // A Zipf-like index in [0, n): P(k) ≈ ln((k+2)/(k+1)) / ln(n+1), so index 0 is a hub. A
  // quarter of the draws are uniform, so that the long tail is touched too.
  uint32_t Skewed(uint32_t n) {
    if (n <= 1) return 0;
    if (Chance(0.25)) return Below(n);
    double x = std::exp(Unit() * std::log(static_cast<double>(n) + 1.0));
    uint32_t k = static_cast<uint32_t>(x) - 1;
    return std::min(k, n - 1);
  }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }

 private:
  std::mt19937_64 engine_;
};

// Cumulative weights over a small set of choices.
class Weighted {
 public:
  Weighted() = default;
  explicit Weighted(std::vector<double> weights) {
    double total = 0;
    for (double w : weights) cumulative_.push_back(total += w);
  }
  size_t Draw(Random& random) const {
    double x = random.Unit() * cumulative_.back();
    size_t i = std::upper_bound(cumulative_.begin(), cumulative_.end(), x) - cumulative_.begin();
    return std::min(i, cumulative_.size() - 1);
  }

 private:
  std::vector<double> cumulative_;
};

// The ontology ------------------------------------------------------------------------------------

enum TypeIndex : int {
  kCountry,
  kCity,
  kOrganization,
  kCompany,
  kStartup,
  kGovernmentBody,
  kAIModel,
  kChip,
  kProduct,
  kPolicy,
  kMarket,
  kTypeCount,
};

struct TypeInfo {
  const char* name;
  int parent;  // -1: none
  const char* description;
  const char* attributes;  // the schema's "attributes" object, or null
  const char* id_prefix;
  double share;  // of all entities
  uint32_t min_count;
};

// In output order. The shares sum to 1 (Company takes whatever the others leave).
constexpr TypeInfo kTypes[kTypeCount] = {
    {"Country", -1, "A sovereign state or territory.", R"({"iso_code": "text"})", "country/", 0.004, 8},
    {"City", -1, "A city.", R"({"population": "integer"})", "city/", 0.03, 4},
    {"Organization", -1, "Any organised body: labs, universities, consortia.",
     R"({"founded": "date", "employees": "integer"})", "org/", 0.02, 3},
    {"Company", kOrganization, "A business.", R"({"ticker": "text", "listed": "boolean"})", "org/", 0.27, 8},
    {"Startup", kCompany, "A young, venture-funded company.", R"({"stage": "text"})", "org/", 0.20, 8},
    {"GovernmentBody", kOrganization, "A ministry, agency or regulator.", nullptr, "gov/", 0.02, 3},
    {"AIModel", -1, "A trained AI model.", R"({"parameters": "number", "context_window": "integer"})", "model/",
     0.18, 6},
    {"Chip", -1, "A processor or memory part for AI workloads.", R"({"process_nm": "integer", "memory_gb": "number"})",
     "chip/", 0.06, 6},
    {"Product", -1, "A product or service sold to users.", nullptr, "product/", 0.15, 4},
    {"Policy", -1, "A law, regulation, rule or plan.", R"({"effective": "date"})", "policy/", 0.04, 3},
    {"Market", -1, "A market segment.", nullptr, "market/", 0.026, 3},
};

struct UnitInfo {
  const char* name;
  const char* dimension;
  const char* description;
};
constexpr UnitInfo kUnits[] = {
    {"USD", "currency", "US dollar"},
    {"CNY", "currency", "Chinese yuan"},
    {"percent", "ratio", nullptr},
    {"users", "count", "people using a product"},
    {"calls", "count", "API requests"},
};

enum class RangeKind { kEntity, kQuantity, kText, kDate, kBoolean };

// How the amounts of a metric are drawn.
enum class Metric { kNone, kMoney, kGrowth, kShare, kUsers, kCalls };

struct PredicateInfo {
  const char* name;
  std::vector<int> domain;  // schema domain; empty: any type
  RangeKind range;
  std::vector<int> range_types;        // schema range, entity predicates
  std::vector<const char*> units;      // quantity predicates
  bool symmetric;
  const char* description;
  double weight;              // relative frequency among edges or among values
  std::vector<int> subjects;  // concrete types the generator draws subjects from
  std::vector<int> objects;   // ... and objects from
  Metric metric = Metric::kNone;
  int min_exponent = 0, max_exponent = 0;  // kMoney: amount = mantissa (10..999) × 10^e
  double period_rate = 0;                  // how often a reporting period is given
};

const std::vector<PredicateInfo>& Predicates() {
  static const std::vector<PredicateInfo> predicates = [] {
    const std::vector<int> orgs = {kCompany, kStartup, kOrganization};
    const std::vector<int> businesses = {kCompany, kStartup};
    std::vector<PredicateInfo> p = {
        // Edges.
        {"develops", {kOrganization}, RangeKind::kEntity, {kAIModel, kChip, kProduct}, {}, false,
         "The subject designs or builds the object.", 14, orgs, {kAIModel, kChip, kProduct}},
        {"competes_with", {kOrganization}, RangeKind::kEntity, {kOrganization}, {}, true,
         "The two compete in some market.", 12, businesses, businesses},
        {"located_in", {kOrganization}, RangeKind::kEntity, {kCity, kCountry}, {}, false,
         "Where the subject is based or operates from.", 6, {kCompany, kStartup, kOrganization, kGovernmentBody},
         {kCity, kCountry}},
        {"headquartered_in", {kOrganization}, RangeKind::kEntity, {kCity}, {}, false, "The subject's head office.", 4,
         orgs, {kCity}},
        {"in_country", {kCity}, RangeKind::kEntity, {kCountry}, {}, false, "The country a city is in.", 1, {kCity},
         {kCountry}},
        {"restricts_export_of", {kCountry, kGovernmentBody}, RangeKind::kEntity, {kChip, kAIModel}, {}, false,
         "The subject limits exports of the object.", 4, {kCountry, kGovernmentBody}, {kChip, kAIModel}},
        {"invests_in", {kOrganization}, RangeKind::kEntity, {kCompany}, {}, false,
         "The subject takes a stake in the object.", 9, {kCompany, kStartup, kGovernmentBody}, {kStartup, kCompany}},
        {"uses", {kOrganization, kProduct, kAIModel}, RangeKind::kEntity, {kChip, kAIModel, kProduct}, {}, false,
         "The subject relies on the object.", 12, {kCompany, kStartup, kProduct, kAIModel}, {kChip, kAIModel, kProduct}},
        {"subsidiary_of", {kCompany}, RangeKind::kEntity, {kCompany}, {}, false, "The subject is owned by the object.",
         3, businesses, {kCompany}},
        {"partners_with", {kOrganization}, RangeKind::kEntity, {kOrganization}, {}, true,
         "The two cooperate.", 9, orgs, orgs},
        {"supplies", {kCompany}, RangeKind::kEntity, {kOrganization}, {}, false,
         "The subject sells parts or services to the object.", 7, businesses, orgs},
        {"acquires", {kCompany}, RangeKind::kEntity, {kCompany}, {}, false, "The subject buys the object.", 2,
         {kCompany}, {kStartup, kCompany}},
        {"regulates", {kGovernmentBody, kCountry}, RangeKind::kEntity, {kMarket, kOrganization, kAIModel}, {}, false,
         "The subject oversees the object.", 3, {kGovernmentBody, kCountry}, {kMarket, kCompany, kStartup, kAIModel}},
        {"issues", {kGovernmentBody, kCountry}, RangeKind::kEntity, {kPolicy}, {}, false,
         "The subject adopts or publishes the policy.", 2, {kGovernmentBody, kCountry}, {kPolicy}},
        {"applies_to", {kPolicy}, RangeKind::kEntity, {kOrganization, kChip, kAIModel, kMarket, kCountry}, {}, false,
         "The policy concerns the object.", 4, {kPolicy}, {kChip, kAIModel, kCompany, kMarket, kCountry}},
        {"operates_in", {kOrganization}, RangeKind::kEntity, {kMarket, kCountry}, {}, false,
         "The subject is active in the market or country.", 5, businesses, {kMarket, kCountry}},
        {"trained_on", {kAIModel}, RangeKind::kEntity, {kChip}, {}, false, "The model was trained on the chip.", 3,
         {kAIModel}, {kChip}},
        {"based_on", {kAIModel, kProduct}, RangeKind::kEntity, {kAIModel}, {}, false,
         "The subject is built on the model.", 2, {kAIModel, kProduct}, {kAIModel}},
        // Values.
        {"revenue", {kCompany}, RangeKind::kQuantity, {}, {"USD", "CNY"}, false, "Revenue over a period.", 10,
         businesses, {}, Metric::kMoney, 5, 9, 0.7},
        {"revenue_growth", {kCompany}, RangeKind::kQuantity, {}, {"percent"}, false, "Revenue growth over a period.", 6,
         businesses, {}, Metric::kGrowth, 0, 0, 0.7},
        {"funding_raised", {kCompany}, RangeKind::kQuantity, {}, {"USD", "CNY"}, false, "Money raised in a round.",
         6, {kStartup, kStartup, kCompany}, {}, Metric::kMoney, 4, 8, 0},
        {"valuation", {kCompany}, RangeKind::kQuantity, {}, {"USD", "CNY"}, false, "Market or private valuation.", 5,
         businesses, {}, Metric::kMoney, 6, 9, 0},
        {"market_share", {kOrganization, kProduct, kAIModel, kChip}, RangeKind::kQuantity, {}, {"percent"}, false,
         "Share of a market.", 6, {kCompany, kStartup, kProduct, kAIModel, kChip}, {}, Metric::kShare, 0, 0, 0.4},
        {"monthly_active_users", {kAIModel, kProduct}, RangeKind::kQuantity, {}, {"users"}, false,
         "Monthly active users.", 6, {kProduct, kAIModel}, {}, Metric::kUsers, 0, 0, 0.3},
        {"api_calls", {kAIModel, kProduct}, RangeKind::kQuantity, {}, {"calls"}, false, "API calls served per day.", 3,
         {kAIModel, kProduct}, {}, Metric::kCalls, 0, 0, 0.3},
        {"capex", {kOrganization}, RangeKind::kQuantity, {}, {"USD", "CNY"}, false, "Capital expenditure.", 3,
         {kCompany}, {}, Metric::kMoney, 6, 8, 0.8},
        {"market_size", {kMarket}, RangeKind::kQuantity, {}, {"USD", "CNY"}, false, "Size of a market.", 2, {kMarket},
         {}, Metric::kMoney, 7, 9, 0.5},
        {"tagline", {}, RangeKind::kText, {}, {}, false, "A slogan or self-description.", 4,
         {kCompany, kStartup, kProduct, kAIModel}, {}},
        {"release_date", {kAIModel, kChip, kProduct}, RangeKind::kDate, {}, {}, false, "When it was released.", 5,
         {kAIModel, kChip, kProduct}, {}},
        {"open_source", {kAIModel}, RangeKind::kBoolean, {}, {}, false, "Whether the weights are published.", 3,
         {kAIModel}, {}},
    };
    return p;
  }();
  return predicates;
}

// Hand-written entities: the hubs at the head of each type --------------------------------------

struct KnownEntity {
  const char* name;
  const char* slug;     // the id is prefix + slug; never ends in "-<digits>" (synthetic ids do)
  const char* aliases;  // "name|lang;name|lang", or ""
  const char* description;
};

const KnownEntity kKnownCountries[] = {
    {"United States", "us", "États-Unis|fr;美国|zh;USA|en", "Federal republic in North America."},
    {"China", "cn", "中国|zh;Chine|fr;People's Republic of China|en", "People's Republic of China."},
    {"Taiwan", "tw", "台灣|zh-Hant", ""},
    {"Japan", "jp", "日本|ja", ""},
    {"South Korea", "kr", "대한민국|ko;Corée du Sud|fr", ""},
    {"Netherlands", "nl", "Nederland|nl", ""},
    {"Germany", "de", "Deutschland|de", ""},
    {"France", "fr", "", ""},
    {"United Kingdom", "gb", "UK|en", ""},
    {"India", "in", "भारत|hi", ""},
    {"Singapore", "sg", "新加坡|zh", ""},
    {"United Arab Emirates", "ae", "الإمارات العربية المتحدة|ar;UAE|en", ""},
    {"Saudi Arabia", "sa", "", ""},
    {"Canada", "ca", "", ""},
    {"Israel", "il", "ישראל|he", ""},
    {"Malaysia", "my", "", ""},
    {"Vietnam", "vn", "Việt Nam|vi", ""},
    {"Brazil", "br", "Brasil|pt", ""},
    {"Switzerland", "ch", "Schweiz|de;Suisse|fr", ""},
    {"Sweden", "se", "Sverige|sv", ""},
};
constexpr const char* kCountryCodes[] = {"US", "CN", "TW", "JP", "KR", "NL", "DE", "FR", "GB", "IN",
                                         "SG", "AE", "SA", "CA", "IL", "MY", "VN", "BR", "CH", "SE"};

const KnownEntity kKnownCities[] = {
    {"Beijing", "beijing", "北京|zh;Pékin|fr", "Capital of China."},
    {"Shanghai", "shanghai", "上海|zh", ""},
    {"Hangzhou", "hangzhou", "杭州|zh", ""},
    {"Shenzhen", "shenzhen", "深圳|zh", ""},
    {"San Francisco", "san-francisco", "SF|en", ""},
    {"Santa Clara", "santa-clara", "", ""},
    {"Seattle", "seattle", "", ""},
    {"Paris", "paris", "", ""},
    {"London", "london", "Londres|fr", ""},
    {"Tokyo", "tokyo", "東京|ja", ""},
    {"Seoul", "seoul", "서울|ko", ""},
    {"Hsinchu", "hsinchu", "新竹|zh-Hant", ""},
    {"Zürich", "zurich", "Zurich|en", ""},
    {"Montréal", "montreal", "Montreal|en", ""},
    {"Bengaluru", "bengaluru", "Bangalore|en", ""},
};

const KnownEntity kKnownOrganizations[] = {
    {"Tsinghua University", "tsinghua", "清华大学|zh", "University in Beijing."},
    {"Beijing Academy of Artificial Intelligence", "baai", "北京智源人工智能研究院|zh;BAAI|en", ""},
    {"Shanghai AI Laboratory", "shanghai-ai-lab", "上海人工智能实验室|zh", ""},
    {"Allen Institute for AI", "ai2", "AI2|en", "Non-profit research institute."},
    {"Mila", "mila", "Mila – Institut québécois d'intelligence artificielle|fr", ""},
    {"Inria", "inria", "", "French national research institute for digital science."},
    {"Stanford University", "stanford", "", ""},
};

const KnownEntity kKnownCompanies[] = {
    {"Nvidia", "nvidia", "NVIDIA Corporation|en;英伟达|zh", "American designer of GPUs and AI accelerators."},
    {"Microsoft", "microsoft", "微软|zh", "American software and cloud company."},
    {"Alibaba Group", "alibaba", "阿里巴巴|zh;Alibaba|en", "Chinese e-commerce and cloud company."},
    {"Alphabet", "alphabet", "Google|en;谷歌|zh", ""},
    {"Tencent", "tencent", "腾讯|zh", "Chinese internet company."},
    {"Huawei", "huawei", "华为|zh", "Chinese telecom equipment and chip maker."},
    {"TSMC", "tsmc", "台積電|zh-Hant;Taiwan Semiconductor Manufacturing Company|en", "Contract chip manufacturer."},
    {"Baidu", "baidu", "百度|zh;Baidu, Inc.|en", "Chinese search and AI company."},
    {"Meta Platforms", "meta", "Meta|en", ""},
    {"Amazon", "amazon", "亚马逊|zh", ""},
    {"ByteDance", "bytedance", "字节跳动|zh", "Chinese internet company, owner of TikTok."},
    {"AMD", "amd", "Advanced Micro Devices|en", ""},
    {"Samsung Electronics", "samsung", "삼성전자|ko", ""},
    {"Intel", "intel", "英特尔|zh", ""},
    {"Apple", "apple", "苹果|zh", ""},
    {"SMIC", "smic", "中芯国际|zh", "Chinese contract chip manufacturer."},
    {"SK Hynix", "sk-hynix", "SK하이닉스|ko", "Korean memory maker."},
    {"Xiaomi", "xiaomi", "小米|zh", ""},
    {"SoftBank Group", "softbank", "ソフトバンクグループ|ja", ""},
    {"Cambricon", "cambricon", "寒武纪|zh", "Chinese AI chip designer."},
    {"ASML", "asml", "", "Dutch lithography equipment maker."},
    {"Oracle", "oracle", "", ""},
    {"iFlytek", "iflytek", "科大讯飞|zh", ""},
    {"SenseTime", "sensetime", "商汤科技|zh", ""},
    {"Kuaishou", "kuaishou", "快手|zh", ""},
    {"Naver", "naver", "네이버|ko", ""},
    {"Dassault Systèmes", "dassault-systemes", "Dassault Systemes|en", ""},
    {"Arm Holdings", "arm", "Arm|en", ""},
};

const KnownEntity kKnownStartups[] = {
    {"OpenAI", "openai", "", "American AI lab, maker of ChatGPT."},
    {"DeepSeek", "deepseek", "深度求索|zh", "Chinese AI lab."},
    {"Anthropic", "anthropic", "", "American AI safety company."},
    {"Mistral AI", "mistral", "Mistral|fr", "French AI company."},
    {"Moonshot AI", "moonshot", "月之暗面|zh", ""},
    {"Zhipu AI", "zhipu", "智谱|zh;Z.ai|en", ""},
    {"MiniMax", "minimax", "稀宇科技|zh", ""},
    {"xAI", "xai", "", ""},
    {"01.AI", "01-ai", "零一万物|zh", ""},
    {"Baichuan", "baichuan", "百川智能|zh", ""},
    {"StepFun", "stepfun", "阶跃星辰|zh", ""},
    {"Cohere", "cohere", "", ""},
    {"Aleph Alpha", "aleph-alpha", "", "German AI company."},
    {"Sakana AI", "sakana", "サカナAI|ja", ""},
    {"Perplexity", "perplexity", "", ""},
    {"Hugging Face", "hugging-face", "", ""},
    {"Unitree Robotics", "unitree", "宇树科技|zh", ""},
};

const KnownEntity kKnownGovernment[] = {
    {"Bureau of Industry and Security", "us-bis", "BIS|en", "US export-control agency."},
    {"US Department of Commerce", "us-commerce", "", ""},
    {"Cyberspace Administration of China", "cn-cac", "国家互联网信息办公室|zh;CAC|en", ""},
    {"Ministry of Industry and Information Technology", "cn-miit", "工业和信息化部|zh;MIIT|en", ""},
    {"European Commission", "eu-commission", "Commission européenne|fr", ""},
    {"Ministry of Economy, Trade and Industry", "jp-meti", "経済産業省|ja;METI|en", ""},
    {"National Development and Reform Commission", "cn-ndrc", "国家发展和改革委员会|zh", ""},
    {"UK AI Security Institute", "uk-aisi", "", ""},
};

const KnownEntity kKnownModels[] = {
    {"DeepSeek-R1", "deepseek-r1", "", "Reasoning model."},
    {"GPT-4o", "gpt-4o", "", ""},
    {"Qwen2.5", "qwen2.5", "通义千问|zh", ""},
    {"Claude 3.5 Sonnet", "claude-3.5-sonnet", "", ""},
    {"Gemini 2.5 Pro", "gemini-2.5-pro", "", ""},
    {"Llama 3.1", "llama-3.1", "", "Open-weights model family."},
    {"DeepSeek-V3", "deepseek-v3", "", ""},
    {"ERNIE 4.0", "ernie-4.0", "文心大模型|zh", ""},
    {"Kimi k1.5", "kimi-k1.5", "", ""},
    {"GLM-4", "glm4", "智谱清言|zh", ""},
    {"Doubao-1.5-pro", "doubao-1.5-pro", "豆包大模型|zh", ""},
    {"Mistral Large", "mistral-large", "", ""},
    {"Grok 3", "grok3", "", ""},
    {"Hunyuan-Large", "hunyuan-large", "混元|zh", ""},
    {"MiniMax-01", "minimax01", "", ""},
    {"Sora", "sora", "", "Video generation model."},
};

const KnownEntity kKnownChips[] = {
    {"H100", "nvidia-h100", "", "Data-center GPU."},
    {"H20", "nvidia-h20", "", "GPU cut down for the Chinese market."},
    {"A100", "nvidia-a100", "", ""},
    {"Ascend 910B", "huawei-ascend-910b", "昇腾910B|zh", ""},
    {"B200", "nvidia-b200", "", ""},
    {"MI300X", "amd-mi300x", "", ""},
    {"Ascend 910C", "huawei-ascend-910c", "昇腾910C|zh", ""},
    {"TPU v5p", "google-tpu-v5p", "", ""},
    {"Gaudi 3", "intel-gaudi3", "", ""},
    {"Trainium2", "aws-trainium2", "", ""},
    {"Siyuan 590", "cambricon-siyuan590", "思元590|zh", ""},
    {"Kunlun P800", "kunlun-p800", "昆仑芯|zh", ""},
    {"HBM3E", "hbm3e", "", "High-bandwidth memory."},
};

const KnownEntity kKnownProducts[] = {
    {"ChatGPT", "chatgpt", "", "Chat assistant."},
    {"Doubao", "doubao", "豆包|zh", ""},
    {"Microsoft Copilot", "copilot", "", ""},
    {"Alibaba Cloud", "alibaba-cloud", "阿里云|zh", ""},
    {"Ernie Bot", "ernie-bot", "文心一言|zh", ""},
    {"Kimi Chat", "kimi", "", ""},
    {"Gemini app", "gemini-app", "", ""},
    {"Azure OpenAI Service", "azure-openai", "", ""},
    {"WeChat", "wechat", "微信|zh;Weixin|en", ""},
    {"CUDA", "cuda", "", "Nvidia's GPU programming platform."},
    {"Claude.ai", "claude-ai", "", ""},
    {"Apple Intelligence", "apple-intelligence", "", ""},
};

const KnownEntity kKnownPolicies[] = {
    {"Export Administration Regulations", "us-ear", "EAR|en", ""},
    {"EU AI Act", "eu-ai-act", "Règlement européen sur l’intelligence artificielle|fr", ""},
    {"Interim Measures for Generative AI Services", "cn-genai-measures", "生成式人工智能服务管理暂行办法|zh", ""},
    {"CHIPS and Science Act", "us-chips-act", "", ""},
    {"AI Diffusion Rule", "us-ai-diffusion", "", ""},
    {"New Generation AI Development Plan", "cn-ngaidp", "新一代人工智能发展规划|zh", ""},
    {"AI Promotion Act", "jp-ai-promotion", "AI推進法|ja", ""},
};

const KnownEntity kKnownMarkets[] = {
    {"AI accelerators", "ai-accelerators", "", ""},
    {"Cloud computing", "cloud", "云计算|zh", ""},
    {"Large language model APIs", "llm-apis", "", ""},
    {"Smartphones", "smartphones", "", ""},
    {"Autonomous driving", "autonomous-driving", "自动驾驶|zh", ""},
    {"Enterprise AI software", "enterprise-ai", "", ""},
    {"High-bandwidth memory", "hbm", "", ""},
    {"Humanoid robots", "humanoid-robots", "人形机器人|zh", ""},
};

struct KnownList {
  const KnownEntity* items;
  size_t size;
};
template <size_t N>
constexpr KnownList List(const KnownEntity (&items)[N]) {
  return {items, N};
}
const KnownList kKnown[kTypeCount] = {
    List(kKnownCountries), List(kKnownCities),  List(kKnownOrganizations), List(kKnownCompanies),
    List(kKnownStartups),  List(kKnownGovernment), List(kKnownModels),      List(kKnownChips),
    List(kKnownProducts),  List(kKnownPolicies), List(kKnownMarkets),
};

// Vocabulary for synthetic names, descriptions, sources ------------------------------------------

constexpr const char* kSyllables[] = {"zen", "tri", "quan", "vox", "nex", "lu",  "mi",  "ra",  "sol", "ka",
                                      "tor", "vel", "ion", "ar",  "cy",  "phi", "lo",  "ze",  "da",  "no",
                                      "xi",  "ya",  "ber", "gen", "hua", "shen", "tai", "mo",  "rin", "ko"};
constexpr const char* kCjk[] = {"华", "星", "云", "智", "科", "达", "腾", "深", "海", "光", "芯", "微",
                                "天", "宇", "创", "新", "源", "睿", "博", "灵", "象", "元", "启", "明"};
constexpr const char* kCjkSuffix[] = {"科技", "智能", "信息", "半导体", "集团"};
constexpr const char* kKatakana[] = {"ア", "カ", "サ", "タ", "ナ", "ハ", "マ", "ラ", "ゼ", "ノ", "ク", "ス", "ト"};
constexpr const char* kHangul[] = {"제", "노", "카", "리", "온", "테", "크", "하", "누", "비", "솔"};
constexpr const char* kNationalities[] = {"Chinese",  "American", "French",   "Japanese", "Korean",
                                          "German",   "Taiwanese", "Israeli", "Indian",   "British",
                                          "Canadian", "Singaporean"};
constexpr const char* kIndustries[] = {"cloud",    "semiconductor",        "software",          "robotics",
                                       "e-commerce", "telecom",            "consumer electronics", "AI infrastructure"};
constexpr const char* kFocus[] = {"large language models", "AI agents",         "coding assistants",
                                  "AI chips",              "video generation",  "speech recognition",
                                  "robot foundation models", "enterprise search", "drug discovery"};
constexpr const char* kModelSizes[] = {"7B", "14B", "32B", "70B", "236B", "671B", "Mini", "Pro", "Turbo", "Flash"};
constexpr const char* kProductKinds[] = {"Assistant", "Cloud", "Studio", "Copilot", "Search", "Chat", "Agent"};
constexpr const char* kPolicyTopics[] = {"AI Safety", "Chip Export", "Data Security", "Algorithm Registration",
                                         "Semiconductor Subsidies", "Compute Access", "Deep Synthesis"};
constexpr const char* kPolicyKinds[] = {"Rules", "Act", "Guidelines", "Measures", "Plan", "Regulation"};
constexpr const char* kMarketRegions[] = {"Chinese", "US", "European", "Japanese", "Global", "Southeast Asian",
                                          "Indian"};
constexpr const char* kMarketSegments[] = {"AI chip", "cloud AI", "chatbot", "AI PC", "robotaxi", "GPU rental",
                                           "model API", "smart glasses"};
constexpr const char* kStages[] = {"seed", "Series A", "Series B", "Series C", "pre-IPO"};

struct Publisher {
  const char* name;
  const char* slug;
  const char* domain;
  const char* language;  // "" : varies
};
constexpr Publisher kNewsletters[] = {
    {"The Batch", "the-batch", "deeplearning.ai", "en"},
    {"Import AI", "import-ai", "importai.net", "en"},
    {"China AI Weekly", "china-ai-weekly", "chinaai.example", "en"},
    {"Les Échos Tech Hebdo", "echos-tech", "lesechos.fr", "fr"},
    {"机器之心周报", "jiqizhixin", "jiqizhixin.com", "zh"},
    {"Stratechery", "stratechery", "stratechery.com", "en"},
};
constexpr Publisher kWires[] = {
    {"Reuters", "reuters", "reuters.com", "en"},
    {"Bloomberg", "bloomberg", "bloomberg.com", "en"},
    {"Agence France-Presse", "afp", "afp.com", "fr"},
    {"Xinhua", "xinhua", "xinhuanet.com", "zh"},
    {"Kyodo News", "kyodo", "kyodonews.net", "ja"},
};
constexpr Publisher kOutlets[] = {
    {"Financial Times", "ft", "ft.com", "en"},
    {"Caixin", "caixin", "caixin.com", "zh"},
    {"South China Morning Post", "scmp", "scmp.com", "en"},
    {"The Information", "the-information", "theinformation.com", "en"},
    {"Nikkei Asia", "nikkei", "asia.nikkei.com", "en"},
    {"36Kr", "36kr", "36kr.com", "zh"},
    {"Le Monde", "le-monde", "lemonde.fr", "fr"},
    {"TechCrunch", "techcrunch", "techcrunch.com", "en"},
    {"Handelsblatt", "handelsblatt", "handelsblatt.com", "de"},
    {"The Wall Street Journal", "wsj", "wsj.com", "en"},
    {"Yonhap", "yonhap", "yna.co.kr", "ko"},
};
constexpr Publisher kSocial[] = {
    {"X", "x", "x.com", ""},
    {"Weibo", "weibo", "weibo.com", "zh"},
    {"LinkedIn", "linkedin", "linkedin.com", "en"},
    {"WeChat", "wechat", "mp.weixin.qq.com", "zh"},
};
constexpr Publisher kRegulators[] = {
    {"Bureau of Industry and Security", "bis", "bis.gov", "en"},
    {"Cyberspace Administration of China", "cac", "cac.gov.cn", "zh"},
    {"European Commission", "ec", "ec.europa.eu", "en"},
};
constexpr Publisher kResearchHouses[] = {
    {"IDC", "idc", "idc.com", "en"},        {"Gartner", "gartner", "gartner.com", "en"},
    {"TrendForce", "trendforce", "trendforce.com", "en"}, {"Stanford HAI", "stanford-hai", "hai.stanford.edu", "en"},
    {"Epoch AI", "epoch", "epoch.ai", "en"}, {"Counterpoint", "counterpoint", "counterpointresearch.com", "en"},
};
constexpr Publisher kPaperVenues[] = {
    {"arXiv", "arxiv", "arxiv.org", "en"},
    {"NeurIPS", "neurips", "neurips.cc", "en"},
    {"ICML", "icml", "icml.cc", "en"},
};
constexpr Publisher kOthers[] = {
    {"Conference talk", "talk", "youtube.com", "en"},
    {"Podcast", "podcast", "podcasts.example", "en"},
};

constexpr const char* kSourceKinds[] = {"newsletter", "news_wire", "news_article", "social_media_post",
                                        "company_announcement", "regulator", "report", "research_paper", "other"};
constexpr double kSourceKindWeights[] = {10, 12, 33, 15, 14, 4, 6, 4, 2};

constexpr const char* kAuthors[] = {"Théo Dupont", "李明", "Zoë Schiffer", "José Álvarez", "Anna Müller",
                                    "田中 太郎", "Priya Raman", "Kim Min-jun", "Sarah Chen", "Jack Clark",
                                    "Łukasz Nowak", "王晓雯", "Chloé Martin", "David O'Brien"};
constexpr const char* kTitleVerbs[] = {"unveils", "expands", "cuts", "doubles down on", "reports strong demand for",
                                       "plans to ship", "is said to test", "denies reports about"};
constexpr const char* kZhTitles[] = {"{}发布新一代大模型", "{}第二季度营收增长", "美国扩大对华芯片出口限制",
                                     "{}加大算力投入", "{}获得新一轮融资"};

constexpr const char* kLocators[] = {"headline", "para 1",  "para 2",     "para 3",   "Key points",
                                     "p. 4",     "p. 12",   "Table 2",    "Figure 3", "第二段",
                                     "section 2.1", "transcript 12:30"};
constexpr const char* kTaglines[][2] = {
    {"Vers l’ère des agents 🚀", "fr"}, {"让AI触手可及", "zh"},           {"AI for everyone", "en"},
    {"Compute is the new oil", "en"},   {"The \"open\" frontier lab", "en"}, {"人工智能，改变生活", "zh"},
    {"L'IA souveraine", "fr"},          {"次世代のAIを、すべての人に", "ja"}, {"Build with intelligence", "en"},
    {"모두를 위한 AI", "ko"},            {"Safety first, scale second", "en"}, {"Künstliche Intelligenz made in Europe", "de"},
};
constexpr const char* kQualifierKeys[] = {"comparison", "scope", "segment", "basis", "note"};
constexpr const char* kQualifierValues[][4] = {
    {"year over year", "quarter over quarter", "year over year", "month over month"},
    {"China", "global", "excluding China", "Asia-Pacific"},
    {"cloud", "data center", "consumer", "智能驾驶"},
    {"GAAP", "non-GAAP", "annualized run rate", "estimate"},
    {"unconfirmed", "according to people familiar with the matter", "preliminary", "rumour"},
};
constexpr const char* kConfidences[] = {"0.5", "0.6", "0.65", "0.7", "0.75", "0.8", "0.85", "0.9", "0.95", "1"};
constexpr const char* kModalities[] = {"reported", "claim", "forecast", "plan", "opinion"};
constexpr double kModalityWeights[] = {62, 14, 9, 6, 9};
constexpr const char* kParts[] = {"early ", "mid ", "late ", "start of ", "end of "};

// JSON output -------------------------------------------------------------------------------------

// Appends to a buffer that is written out in large chunks.
class Output {
 public:
  explicit Output(std::FILE* file) : file_(file) { buffer_.reserve(kChunk + 4096); }

  void Raw(std::string_view text) {
    buffer_.append(text);
    MaybeFlush();
  }
  // Writes the buffer out once it holds a chunk (Str, Char and the numbers never flush).
  void MaybeFlush() {
    if (buffer_.size() >= kChunk) Flush();
  }
  void Char(char c) { buffer_.push_back(c); }
  // A JSON string, escaped as RapidJSON's writer does: quote, backslash and control characters.
  void Str(std::string_view text) {
    buffer_.push_back('"');
    for (char c : text) {
      unsigned char u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        buffer_.push_back('\\');
        buffer_.push_back(c);
      } else if (u < 0x20) {
        static constexpr char kHex[] = "0123456789ABCDEF";
        switch (c) {
          case '\b': buffer_.append("\\b"); break;
          case '\f': buffer_.append("\\f"); break;
          case '\n': buffer_.append("\\n"); break;
          case '\r': buffer_.append("\\r"); break;
          case '\t': buffer_.append("\\t"); break;
          default:
            buffer_.append("\\u00");
            buffer_.push_back(kHex[u >> 4]);
            buffer_.push_back(kHex[u & 15]);
        }
      } else {
        buffer_.push_back(c);
      }
    }
    buffer_.push_back('"');
  }
  void Int(int64_t value) {
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
    buffer_.append(digits, end);
  }
  // A number given in tenths, in the shortest form that reads back to the same double
  // (125 → "12.5", 120 → "12", -5 → "-0.5").
  void Tenths(int64_t tenths) {
    if (tenths < 0) {
      buffer_.push_back('-');
      tenths = -tenths;
    }
    Int(tenths / 10);
    if (tenths % 10 != 0) {
      buffer_.push_back('.');
      buffer_.push_back(static_cast<char>('0' + tenths % 10));
    }
  }

  void Flush() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) failed_ = true;
    written_ += buffer_.size();
    buffer_.clear();
  }
  bool failed() const { return failed_; }
  uint64_t written() const { return written_; }

 private:
  static constexpr size_t kChunk = 1 << 20;
  std::FILE* file_;
  std::string buffer_;
  uint64_t written_ = 0;
  bool failed_ = false;
};

std::string Slug(std::string_view name) {
  std::string slug;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') slug.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) slug.push_back(c);
    else if (!slug.empty() && slug.back() != '-') slug.push_back('-');
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

std::string Capitalized(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

std::string TwoDigits(int n) {
  char text[4];
  std::snprintf(text, sizeof text, "%02d", n);
  return text;
}

// Times -------------------------------------------------------------------------------------------

// Canonical time texts (as aikg's TimePoint::ToString writes them).
std::string YearText(int year) { return std::to_string(year); }
std::string QuarterText(int year, int quarter) { return std::to_string(year) + "-Q" + std::to_string(quarter); }
std::string HalfText(int year, int half) { return std::to_string(year) + "-H" + std::to_string(half); }
std::string MonthText(int year, int month) { return std::to_string(year) + "-" + TwoDigits(month); }
std::string DayText(int year, int month, int day) { return MonthText(year, month) + "-" + TwoDigits(day); }

// A year, mostly recent: the past for reports, the future for forecasts and plans.
int DrawYear(Random& random, bool future) {
  if (future) return 2025 + static_cast<int>(random.Below(6));
  double u = random.Unit();
  return 2025 - static_cast<int>(8 * u * u);
}

// A time point at a mixed precision, as news writes them.
std::string DrawPoint(Random& random, int year) {
  double u = random.Unit();
  if (u < 0.30) return YearText(year);
  if (u < 0.52) return QuarterText(year, random.Between(1, 4));
  if (u < 0.68) return MonthText(year, random.Between(1, 12));
  if (u < 0.84) return DayText(year, random.Between(1, 12), random.Between(1, 28));
  if (u < 0.88) return HalfText(year, random.Between(1, 2));
  // Fuzzy: "early 2024", "end of 2025-Q2", "mid 2024-03".
  std::string base;
  double v = random.Unit();
  if (v < 0.65) base = YearText(year);
  else if (v < 0.85) base = QuarterText(year, random.Between(1, 4));
  else if (v < 0.95) base = MonthText(year, random.Between(1, 12));
  else base = HalfText(year, random.Between(1, 2));
  return random.Pick(kParts) + base;
}

// A publication time: down to the minute for posts and wires.
std::string DrawPublished(Random& random, int kind) {
  int year = DrawYear(random, false);
  int month = random.Between(1, 12), day = random.Between(1, 28);
  double minute_rate = kind == 3 ? 0.8 : kind == 1 ? 0.6 : kind == 2 ? 0.15 : 0.0;
  double u = random.Unit();
  if (u < minute_rate) {
    std::string text = DayText(year, month, day) + "T" + TwoDigits(random.Between(0, 23)) + ":" +
                       TwoDigits(random.Between(0, 59));
    if (random.Chance(0.1)) text += ":" + TwoDigits(random.Between(0, 59));
    double zone = random.Unit();
    if (zone < 0.3) text += "Z";
    else if (zone < 0.5) text += "+08:00";
    else if (zone < 0.6) text += "-05:00";
    else if (zone < 0.65) text += "+05:30";
    return text;
  }
  if (kind == 0 && random.Chance(0.3)) return MonthText(year, month);  // newsletter issues
  if (kind >= 5 && random.Chance(0.3)) return MonthText(year, month);
  return DayText(year, month, day);
}

// The plan of entities --------------------------------------------------------------------------

struct EntityPlan {
  std::array<uint32_t, kTypeCount> count{};
  std::array<uint32_t, kTypeCount> offset{};
  uint32_t total = 0;
  std::vector<std::string> ids;    // by global index
  std::vector<std::string> names;  // by global index
};

std::string SyntheticName(Random& random, int type, uint32_t k) {
  std::string stem = kSyllables[random.Below(std::size(kSyllables))];
  stem += kSyllables[random.Below(std::size(kSyllables))];
  if (random.Chance(0.3)) stem += kSyllables[random.Below(std::size(kSyllables))];
  stem = Capitalized(stem);
  switch (type) {
    case kCountry: return "Republic of " + stem;
    case kCity: return stem + (random.Chance(0.5) ? "" : " City");
    case kOrganization: {
      constexpr const char* kinds[] = {" Institute for AI", " University", " AI Lab", " Research Center"};
      return stem + random.Pick(kinds);
    }
    case kCompany: {
      constexpr const char* kinds[] = {" Technologies", " Systems", " Group", " Semiconductor", " Cloud",
                                       " Networks", " Electronics", " Holdings"};
      return stem + random.Pick(kinds);
    }
    case kStartup: {
      constexpr const char* kinds[] = {" AI", " Labs", "", ".ai", " Intelligence", " Robotics"};
      return stem + random.Pick(kinds);
    }
    case kGovernmentBody: {
      constexpr const char* kinds[] = {"Digital Agency of ", "AI Office of ", "Ministry of Science of "};
      return random.Pick(kinds) + stem;
    }
    case kAIModel:
      return stem + "-" + std::to_string(random.Between(1, 5)) + (random.Chance(0.3) ? ".5" : "") + " " +
             random.Pick(kModelSizes);
    case kChip: {
      std::string chip = stem.substr(0, 2);
      for (char& c : chip) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return chip + "-" + std::to_string(random.Between(100, 990)) + (random.Chance(0.4) ? "X" : "");
    }
    case kProduct: return stem + " " + random.Pick(kProductKinds);
    case kPolicy:
      return std::to_string(random.Between(2017, 2026)) + " " + random.Pick(kPolicyTopics) + " " +
             random.Pick(kPolicyKinds) + " No. " + std::to_string(k);
    case kMarket: return std::string(random.Pick(kMarketRegions)) + " " + random.Pick(kMarketSegments) + " market";
  }
  return stem;
}

EntityPlan PlanEntities(Random& random, uint64_t statements) {
  EntityPlan plan;
  double wanted = std::max<double>(100.0, static_cast<double>(statements) / 8.0);
  uint64_t others = 0;
  for (int t = 0; t < kTypeCount; ++t) {
    if (t == kCompany) continue;
    uint32_t n = std::max<uint32_t>(kTypes[t].min_count, static_cast<uint32_t>(std::llround(kTypes[t].share * wanted)));
    if (t == kCountry) n = std::min<uint32_t>(n, static_cast<uint32_t>(kKnown[t].size));
    plan.count[t] = n;
    others += n;
  }
  plan.count[kCompany] =
      std::max<uint32_t>(kTypes[kCompany].min_count, static_cast<uint32_t>(std::max<double>(0, wanted - others)));
  for (int t = 0; t < kTypeCount; ++t) {
    plan.offset[t] = plan.total;
    plan.total += plan.count[t];
  }
  plan.ids.reserve(plan.total);
  plan.names.reserve(plan.total);
  for (int t = 0; t < kTypeCount; ++t) {
    for (uint32_t k = 0; k < plan.count[t]; ++k) {
      if (k < kKnown[t].size) {
        const KnownEntity& known = kKnown[t].items[k];
        plan.ids.push_back(std::string(kTypes[t].id_prefix) + known.slug);
        plan.names.push_back(known.name);
      } else {
        std::string name = SyntheticName(random, t, k);
        std::string slug = Slug(name);
        // The first word (three for policies and markets) keeps ids short; the number (the
        // entity's index in the file) makes them unique. Hand-written slugs never end in "-<digits>", so they cannot clash.
        size_t cut = slug.find('-');
        if (t == kPolicy || t == kMarket) {
          for (int words = 1; words < 3 && cut != std::string::npos; ++words) cut = slug.find('-', cut + 1);
        }
        if (cut != std::string::npos && cut >= 3) slug.resize(cut);
        // The global index, not k: several types share a prefix ("org/").
        plan.ids.push_back(std::string(kTypes[t].id_prefix) + slug + "-" + std::to_string(plan.ids.size()));
        plan.names.push_back(std::move(name));
      }
    }
  }
  return plan;
}

// Draws an entity of one of `types`, each type weighted by its size; hubs come first.
class EntityPicker {
 public:
  EntityPicker() = default;
  EntityPicker(const EntityPlan& plan, const std::vector<int>& types) : plan_(&plan), types_(types) {
    std::vector<double> weights;
    for (int t : types) weights.push_back(plan.count[t]);
    weights_ = Weighted(weights);
  }
  uint32_t Draw(Random& random) const {
    int t = types_[weights_.Draw(random)];
    return plan_->offset[t] + random.Skewed(plan_->count[t]);
  }

 private:
  const EntityPlan* plan_ = nullptr;
  std::vector<int> types_;
  Weighted weights_;
};

// Writing the sections ---------------------------------------------------------------------------

void WriteAliasList(Output& out, std::string_view aliases) {
  // "name|lang;name|lang"
  out.Raw(",\"aliases\":[");
  bool first = true;
  while (!aliases.empty()) {
    size_t end = aliases.find(';');
    std::string_view alias = aliases.substr(0, end);
    aliases = end == std::string_view::npos ? std::string_view() : aliases.substr(end + 1);
    size_t bar = alias.find('|');
    if (!first) out.Char(',');
    first = false;
    out.Raw("{\"name\":");
    out.Str(alias.substr(0, bar));
    if (bar != std::string_view::npos) {
      out.Raw(",\"lang\":");
      out.Str(alias.substr(bar + 1));
    }
    out.Char('}');
  }
  out.Char(']');
}

// Aliases of a synthetic entity: a CJK, Japanese, Korean or accented form, or a legal name.
std::string SyntheticAliases(Random& random, int type, const std::string& name) {
  double u = random.Unit();
  std::string alias;
  if (u < 0.5) {
    alias = std::string(random.Pick(kCjk)) + random.Pick(kCjk);
    if (random.Chance(0.3)) alias += random.Pick(kCjk);
    if (type == kCompany || type == kStartup) alias += random.Pick(kCjkSuffix);
    return alias + "|zh";
  }
  if (u < 0.62) {
    for (int i = random.Between(3, 5); i > 0; --i) alias += random.Pick(kKatakana);
    return alias + "|ja";
  }
  if (u < 0.7) {
    for (int i = random.Between(2, 3); i > 0; --i) alias += random.Pick(kHangul);
    return alias + "|ko";
  }
  if (u < 0.78) return name + " Société|fr";
  if (type == kCompany || type == kStartup) return name + ", Inc.|en";
  return name + " (EN)|en";
}

std::string SyntheticDescription(Random& random, int type) {
  switch (type) {
    case kCompany:
      return std::string(random.Pick(kNationalities)) + " " + random.Pick(kIndustries) + " company.";
    case kStartup:
      return std::string(random.Pick(kNationalities)) + " AI startup building " + random.Pick(kFocus) + ".";
    case kAIModel:
      return std::string("Model for ") + random.Pick(kFocus) + ".";
    case kChip:
      return "Accelerator for training and inference.";
    case kProduct:
      return std::string("Product for ") + random.Pick(kFocus) + ".";
    case kPolicy:
      return "Rules on " + std::string(random.Pick(kFocus)) + ".";
    default:
      return std::string(random.Pick(kNationalities)) + " body.";
  }
}

void WriteAttributes(Output& out, Random& random, int type, uint32_t k) {
  switch (type) {
    case kCountry:
      if (k < std::size(kCountryCodes)) {
        out.Raw(",\"attributes\":{\"iso_code\":");
        out.Str(kCountryCodes[k]);
        out.Char('}');
      }
      return;
    case kCity:
      if (!random.Chance(0.4)) return;
      out.Raw(",\"attributes\":{\"population\":");
      out.Int(static_cast<int64_t>(random.Between(50, 2500)) * 10000);
      out.Char('}');
      return;
    case kOrganization:
    case kCompany:
    case kStartup: {
      if (!random.Chance(0.35)) return;
      out.Raw(",\"attributes\":{\"founded\":");
      out.Str(random.Chance(0.7) ? YearText(random.Between(1970, 2024))
                                 : MonthText(random.Between(1990, 2024), random.Between(1, 12)));
      if (random.Chance(0.5)) {
        out.Raw(",\"employees\":");
        out.Int(random.Between(5, type == kStartup ? 2000 : 400000));
      }
      if (type == kCompany && random.Chance(0.5)) {
        out.Raw(",\"listed\":true,\"ticker\":");
        std::string ticker;
        for (int i = random.Between(2, 4); i > 0; --i) ticker.push_back(static_cast<char>('A' + random.Below(26)));
        out.Str(ticker);
      }
      if (type == kStartup && random.Chance(0.5)) {
        out.Raw(",\"stage\":");
        out.Str(random.Pick(kStages));
      }
      out.Char('}');
      return;
    }
    case kAIModel:
      if (!random.Chance(0.3)) return;
      out.Raw(",\"attributes\":{\"parameters\":");
      out.Int(static_cast<int64_t>(random.Between(1, 999)) * 1000000000);
      if (random.Chance(0.5)) {
        out.Raw(",\"context_window\":");
        out.Int(int64_t{1} << random.Between(12, 20));
      }
      out.Char('}');
      return;
    case kChip:
      if (!random.Chance(0.4)) return;
      out.Raw(",\"attributes\":{\"process_nm\":");
      out.Int(random.Pick({3, 4, 5, 7, 7, 12, 14}));
      if (random.Chance(0.6)) {
        out.Raw(",\"memory_gb\":");
        out.Tenths(random.Pick({160, 240, 320, 640, 800, 960, 1410, 1920, 2880, 965}));
      }
      out.Char('}');
      return;
    case kPolicy:
      if (!random.Chance(0.5)) return;
      out.Raw(",\"attributes\":{\"effective\":");
      out.Str(DayText(random.Between(2017, 2026), random.Between(1, 12), random.Between(1, 28)));
      out.Char('}');
      return;
    default:
      return;
  }
}

void WriteEntities(Output& out, Random& random, const EntityPlan& plan) {
  out.Raw("  \"entities\": [");
  bool first = true;
  for (int t = 0; t < kTypeCount; ++t) {
    for (uint32_t k = 0; k < plan.count[t]; ++k) {
      uint32_t e = plan.offset[t] + k;
      out.Raw(first ? "\n    " : ",\n    ");
      first = false;
      out.Raw("{\"id\":");
      out.Str(plan.ids[e]);
      out.Raw(",\"type\":");
      out.Str(kTypes[t].name);
      out.Raw(",\"name\":");
      out.Str(plan.names[e]);
      const KnownEntity* known = k < kKnown[t].size ? &kKnown[t].items[k] : nullptr;
      if (known != nullptr) {
        if (*known->aliases) WriteAliasList(out, known->aliases);
        if (*known->description) {
          out.Raw(",\"description\":");
          out.Str(known->description);
        }
      } else {
        if (random.Chance(0.2)) {
          std::string aliases = SyntheticAliases(random, t, plan.names[e]);
          if (random.Chance(0.15)) {
            aliases.push_back(';');
            aliases += SyntheticAliases(random, t, plan.names[e]);
          }
          WriteAliasList(out, aliases);
        }
        if (random.Chance(0.35)) {
          out.Raw(",\"description\":");
          out.Str(SyntheticDescription(random, t));
        }
      }
      WriteAttributes(out, random, t, k);
      out.Char('}');
    }
  }
  out.Raw(plan.total == 0 ? "]" : "\n  ]");
}

// Writes the sources; returns their ids.
std::vector<std::string> WriteSources(Output& out, Random& random, uint64_t count, const EntityPlan& plan) {
  std::vector<std::string> ids;
  ids.reserve(count);
  std::vector<uint32_t> relays;  // newsletters and wires so far: what others come `via`
  Weighted kinds(std::vector<double>(std::begin(kSourceKindWeights), std::end(kSourceKindWeights)));
  out.Raw("  \"sources\": [");
  for (uint64_t i = 0; i < count; ++i) {
    int kind = static_cast<int>(kinds.Draw(random));
    Publisher publisher{};
    std::string company_name, company_slug;
    switch (kind) {
      case 0: publisher = kNewsletters[random.Skewed(std::size(kNewsletters))]; break;
      case 1: publisher = kWires[random.Skewed(std::size(kWires))]; break;
      case 2: publisher = kOutlets[random.Skewed(std::size(kOutlets))]; break;
      case 3: publisher = kSocial[random.Skewed(std::size(kSocial))]; break;
      case 4: {
        // The company itself: one of the hubs.
        uint32_t k = random.Skewed(std::min<uint32_t>(plan.count[kCompany], 20));
        company_name = plan.names[plan.offset[kCompany] + k];
        company_slug = Slug(company_name);
        publisher = {company_name.c_str(), company_slug.c_str(), "", "en"};
        break;
      }
      case 5: publisher = kRegulators[random.Below(std::size(kRegulators))]; break;
      case 6: publisher = kResearchHouses[random.Skewed(std::size(kResearchHouses))]; break;
      case 7: publisher = kPaperVenues[random.Skewed(std::size(kPaperVenues))]; break;
      default: publisher = kOthers[random.Below(std::size(kOthers))]; break;
    }
    char number[24];
    std::snprintf(number, sizeof number, "%07llu", static_cast<unsigned long long>(i));
    std::string id = std::string("src/") + publisher.slug + "-" + number;

    out.Raw(i == 0 ? "\n    " : ",\n    ");
    out.Raw("{\"id\":");
    out.Str(id);
    out.Raw(",\"kind\":");
    out.Str(kSourceKinds[kind]);
    out.Raw(",\"publisher\":");
    out.Str(publisher.name);
    if (kind != 4 && kind != 5 && random.Chance(0.4)) {
      out.Raw(",\"author\":");
      out.Str(random.Pick(kAuthors));
    }
    std::string language = *publisher.language ? publisher.language : random.Pick({"en", "en", "zh", "ja", "fr"});
    if (random.Chance(0.8)) {
      const std::string& hub = plan.names[plan.offset[kCompany] + random.Skewed(std::min<uint32_t>(plan.count[kCompany], 12))];
      std::string title;
      if (language == "zh") {
        std::string pattern = random.Pick(kZhTitles);
        size_t hole = pattern.find("{}");
        title = hole == std::string::npos ? pattern : pattern.replace(hole, 2, hub);
      } else {
        const std::string& thing = plan.names[plan.offset[kChip] + random.Skewed(std::min<uint32_t>(plan.count[kChip], 10))];
        title = hub + " " + random.Pick(kTitleVerbs) + " " + (random.Chance(0.1) ? "\"" + thing + "\"" : thing);
      }
      out.Raw(",\"title\":");
      out.Str(title);
    }
    if (random.Chance(0.9)) {
      out.Raw(",\"language\":");
      out.Str(language);
    }
    out.Raw(",\"published\":");
    out.Str(DrawPublished(random, kind));
    if (*publisher.domain && random.Chance(0.85)) {
      out.Raw(",\"url\":");
      out.Str(std::string("https://") + publisher.domain + "/" + number);
    }
    // Relays: many stories reach us through a newsletter or a wire; newsletters quote each other.
    bool relayed = !relays.empty() && (kind == 0 ? random.Chance(0.2) : kind != 1 && random.Chance(0.3));
    if (relayed) {
      uint32_t via = relays[relays.size() - 1 - random.Skewed(static_cast<uint32_t>(relays.size()))];
      out.Raw(",\"via\":");
      out.Str(ids[via]);
    }
    out.Char('}');
    if (kind == 0 || kind == 1) relays.push_back(static_cast<uint32_t>(i));
    ids.push_back(std::move(id));
  }
  out.Raw(count == 0 ? "]" : "\n  ]");
  return ids;
}

// The `value` of a quantity statement: amounts are integers or tenths, so that their text is
// already the shortest one that reads back to the same double (the canonical form).
void WriteQuantity(Output& out, Random& random, const PredicateInfo& predicate) {
  const char* unit = predicate.units[0];
  if (predicate.units.size() > 1 && random.Chance(0.35)) unit = predicate.units[1];
  // Bounds and ranges are written in the same scale as the amount.
  auto draw_bound = [&](double at_least) {
    double u = random.Unit();
    if (u < at_least) return "at_least";
    if (u < at_least + 0.05) return "at_most";
    if (u < at_least + 0.19) return "about";
    return "";
  };
  out.Raw(",\"value\":{\"amount\":");
  switch (predicate.metric) {
    case Metric::kGrowth:
    case Metric::kShare: {
      int64_t tenths = predicate.metric == Metric::kGrowth ? random.Between(-300, 2500) : random.Between(1, 900);
      out.Tenths(tenths);
      out.Raw(",\"unit\":");
      out.Str(unit);
      const char* bound = draw_bound(0.04);
      if (*bound) {
        out.Raw(",\"bound\":");
        out.Str(bound);
      }
      if (std::string_view(bound) == "about" && random.Chance(0.4)) {
        out.Raw(",\"lower\":");
        out.Tenths(tenths - 5);
        out.Raw(",\"upper\":");
        out.Tenths(tenths + 5);
      }
      break;
    }
    default: {
      int lo = predicate.min_exponent, hi = predicate.max_exponent;
      if (predicate.metric == Metric::kUsers) lo = 3, hi = 6;
      if (predicate.metric == Metric::kCalls) lo = 5, hi = 9;
      int64_t amount = random.Between(10, 999);
      for (int e = random.Between(lo, hi); e > 0; --e) amount *= 10;
      out.Int(amount);
      out.Raw(",\"unit\":");
      out.Str(unit);
      const char* bound = draw_bound(predicate.metric == Metric::kUsers ? 0.35 : 0.08);
      if (*bound) {
        out.Raw(",\"bound\":");
        out.Str(bound);
      }
      if (std::string_view(bound) == "about" && random.Chance(0.4)) {
        out.Raw(",\"lower\":");
        out.Int(amount - amount / 10);
        out.Raw(",\"upper\":");
        out.Int(amount + amount / 10);
      }
    }
  }
  out.Char('}');
}

// Writes the statements; returns how many are edges.
uint64_t WriteStatements(Output& out, Random& random, uint64_t count, const EntityPlan& plan,
                         const std::vector<std::string>& source_ids) {
  const std::vector<PredicateInfo>& predicates = Predicates();
  std::vector<size_t> edge_predicates, value_predicates;
  std::vector<double> edge_weights, value_weights;
  std::vector<EntityPicker> subjects(predicates.size()), objects(predicates.size());
  for (size_t p = 0; p < predicates.size(); ++p) {
    bool edge = predicates[p].range == RangeKind::kEntity;
    (edge ? edge_predicates : value_predicates).push_back(p);
    (edge ? edge_weights : value_weights).push_back(predicates[p].weight);
    subjects[p] = EntityPicker(plan, predicates[p].subjects);
    if (edge) objects[p] = EntityPicker(plan, predicates[p].objects);
  }
  Weighted edge_choice(edge_weights), value_choice(value_weights);
  Weighted modality_choice(std::vector<double>(std::begin(kModalityWeights), std::end(kModalityWeights)));
  const uint64_t sources = source_ids.size();
  uint64_t edges = 0;

  out.Raw("  \"statements\": [");
  char id[24];
  for (uint64_t i = 0; i < count; ++i) {
    bool edge = random.Chance(0.55);
    size_t p = edge ? edge_predicates[edge_choice.Draw(random)] : value_predicates[value_choice.Draw(random)];
    const PredicateInfo& predicate = predicates[p];
    uint32_t subject = subjects[p].Draw(random);
    int modality = static_cast<int>(modality_choice.Draw(random));
    bool future = modality == 2 || modality == 3;

    std::snprintf(id, sizeof id, "st/%08llu", static_cast<unsigned long long>(i));
    out.Raw(i == 0 ? "\n    " : ",\n    ");
    out.Raw("{\"id\":");
    out.Str(id);
    out.Raw(",\"subject\":");
    out.Str(plan.ids[subject]);
    out.Raw(",\"predicate\":");
    out.Str(predicate.name);

    std::string period;
    int year = DrawYear(random, future);
    switch (predicate.range) {
      case RangeKind::kEntity: {
        uint32_t object = objects[p].Draw(random);
        for (int tries = 0; object == subject && tries < 8; ++tries) object = objects[p].Draw(random);
        if (object == subject) {
          // Still a loop (a hub drawn again and again): its neighbour of the same type instead.
          int t = kTypeCount - 1;
          while (plan.offset[t] > subject) --t;
          object = subject + 1 < plan.offset[t] + plan.count[t] ? subject + 1 : subject - 1;
        }
        out.Raw(",\"object\":");
        out.Str(plan.ids[object]);
        ++edges;
        break;
      }
      case RangeKind::kQuantity:
        WriteQuantity(out, random, predicate);
        if (random.Chance(predicate.period_rate)) {
          period = random.Chance(0.6) ? QuarterText(year, random.Between(1, 4))
                                      : random.Chance(0.8) ? YearText(year) : HalfText(year, random.Between(1, 2));
        }
        break;
      case RangeKind::kText: {
        const auto& tagline = random.Pick(kTaglines);
        out.Raw(",\"value\":{\"text\":");
        out.Str(tagline[0]);
        if (random.Chance(0.85)) {
          out.Raw(",\"lang\":");
          out.Str(tagline[1]);
        }
        out.Char('}');
        break;
      }
      case RangeKind::kDate: {
        int released = random.Between(2017, 2026);
        double u = random.Unit();
        out.Raw(",\"value\":{\"date\":");
        out.Str(u < 0.6   ? DayText(released, random.Between(1, 12), random.Between(1, 28))
                : u < 0.9 ? MonthText(released, random.Between(1, 12))
                          : YearText(released));
        out.Char('}');
        break;
      }
      case RangeKind::kBoolean:
        out.Raw(random.Chance(0.6) ? ",\"value\":{\"boolean\":true}" : ",\"value\":{\"boolean\":false}");
        break;
    }

    // Valid time: mostly a point (the reporting period when there is one), sometimes an
    // interval, sometimes none.
    double v = random.Unit();
    if (!period.empty() && random.Chance(0.8)) {
      out.Raw(",\"valid\":");
      out.Str(period);
    } else if (v < 0.08) {
      // An interval: from a year or quarter to a later one, or open at one end.
      double shape = random.Unit();
      std::string from = random.Chance(0.6) ? YearText(year) : QuarterText(year, random.Between(1, 4));
      int later = year + random.Between(1, 3);
      std::string to = random.Chance(0.5) ? YearText(later) : MonthText(later, random.Between(1, 12));
      out.Raw(",\"valid\":{");
      if (shape < 0.6) {
        out.Raw("\"from\":");
        out.Str(from);
        out.Raw(",\"to\":");
        out.Str(to);
      } else if (shape < 0.9) {
        out.Raw("\"from\":");
        out.Str(from);
      } else {
        out.Raw("\"to\":");
        out.Str(to);
      }
      out.Char('}');
    } else if (v < 0.93) {
      out.Raw(",\"valid\":");
      out.Str(DrawPoint(random, year));
    }
    if (!period.empty()) {
      out.Raw(",\"period\":");
      out.Str(period);
    }
    out.Raw(",\"modality\":");
    out.Str(kModalities[modality]);

    // Citations: statements are read from sources in order, so the first one is near i/50;
    // a third of the claims are corroborated by a second, random source.
    int64_t first = static_cast<int64_t>(i * sources / std::max<uint64_t>(count, 1)) + random.Between(-3, 3);
    first = std::clamp<int64_t>(first, 0, static_cast<int64_t>(sources) - 1);
    out.Raw(",\"sources\":[{\"source\":");
    out.Str(source_ids[first]);
    if (random.Chance(0.75)) {
      out.Raw(",\"locator\":");
      out.Str(random.Pick(kLocators));
    }
    out.Char('}');
    if (sources > 1 && random.Chance(0.35)) {
      uint64_t second = random.Below(sources);
      if (second == static_cast<uint64_t>(first)) second = (second + 1) % sources;
      out.Raw(",{\"source\":");
      out.Str(source_ids[second]);
      if (random.Chance(0.5)) {
        out.Raw(",\"locator\":");
        out.Str(random.Pick(kLocators));
      }
      out.Char('}');
    }
    out.Char(']');
    if (random.Chance(0.12)) {
      out.Raw(",\"confidence\":");
      out.Raw(random.Pick(kConfidences));
    }
    if (random.Chance(0.08)) {
      size_t key = random.Below(std::size(kQualifierKeys));
      out.Raw(",\"qualifiers\":{");
      out.Str(kQualifierKeys[key]);
      out.Char(':');
      out.Str(kQualifierValues[key][random.Below(4)]);
      if (random.Chance(0.25)) {
        size_t other = (key + 1 + random.Below(std::size(kQualifierKeys) - 1)) % std::size(kQualifierKeys);
        out.Char(',');
        out.Str(kQualifierKeys[other]);
        out.Char(':');
        out.Str(kQualifierValues[other][random.Below(4)]);
      }
      out.Char('}');
    }
    out.Char('}');
    out.MaybeFlush();
  }
  out.Raw(count == 0 ? "]" : "\n  ]");
  return edges;
}

const char* TypeName(int type) { return kTypes[type].name; }

void AppendTypeList(std::string& out, const std::vector<int>& types) {
  out += "[";
  for (size_t i = 0; i < types.size(); ++i) {
    if (i > 0) out += ", ";
    out += "\"";
    out += TypeName(types[i]);
    out += "\"";
  }
  out += "]";
}

bool WriteWholeFile(const std::filesystem::path& path, std::string_view text, std::string* error) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    *error = "cannot write " + path.string() + ": " + std::strerror(errno);
    return false;
  }
  bool ok = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  ok = std::fclose(file) == 0 && ok;
  if (!ok) *error = "cannot write " + path.string();
  return ok;
}

}  // namespace

std::string SchemaJson() {
  std::string out =
      "{\n"
      "  \"format\": \"aikg-schema/1\",\n"
      "  \"name\": \"aikg-bench\",\n"
      "  \"version\": \"1.0.0\",\n"
      "  \"description\": \"Synthetic AI-industry ontology for aikg's benchmarks.\",\n"
      "  \"entity_types\": [\n";
  for (int t = 0; t < kTypeCount; ++t) {
    out += "    {\"name\": \"";
    out += kTypes[t].name;
    out += "\"";
    if (kTypes[t].parent >= 0) {
      out += ", \"parent\": \"";
      out += kTypes[kTypes[t].parent].name;
      out += "\"";
    }
    out += ", \"description\": \"";
    out += kTypes[t].description;
    out += "\"";
    if (kTypes[t].attributes != nullptr) {
      out += ", \"attributes\": ";
      out += kTypes[t].attributes;
    }
    out += t + 1 < kTypeCount ? "},\n" : "}\n";
  }
  out += "  ],\n  \"units\": [\n";
  for (size_t u = 0; u < std::size(kUnits); ++u) {
    out += "    {\"name\": \"";
    out += kUnits[u].name;
    out += "\", \"dimension\": \"";
    out += kUnits[u].dimension;
    out += "\"";
    if (kUnits[u].description != nullptr) {
      out += ", \"description\": \"";
      out += kUnits[u].description;
      out += "\"";
    }
    out += u + 1 < std::size(kUnits) ? "},\n" : "}\n";
  }
  out += "  ],\n  \"predicates\": [\n";
  const std::vector<PredicateInfo>& predicates = Predicates();
  for (size_t p = 0; p < predicates.size(); ++p) {
    const PredicateInfo& predicate = predicates[p];
    out += "    {\"name\": \"";
    out += predicate.name;
    out += "\"";
    if (!predicate.domain.empty()) {
      out += ", \"domain\": ";
      AppendTypeList(out, predicate.domain);
    }
    out += ", \"range\": ";
    switch (predicate.range) {
      case RangeKind::kEntity: AppendTypeList(out, predicate.range_types); break;
      case RangeKind::kQuantity: out += "\"quantity\""; break;
      case RangeKind::kText: out += "\"text\""; break;
      case RangeKind::kDate: out += "\"date\""; break;
      case RangeKind::kBoolean: out += "\"boolean\""; break;
    }
    if (!predicate.units.empty()) {
      out += ", \"units\": [";
      for (size_t u = 0; u < predicate.units.size(); ++u) {
        out += u > 0 ? ", \"" : "\"";
        out += predicate.units[u];
        out += "\"";
      }
      out += "]";
    }
    if (predicate.symmetric) out += ", \"symmetric\": true";
    out += ", \"description\": \"";
    out += predicate.description;
    out += p + 1 < predicates.size() ? "\"},\n" : "\"}\n";
  }
  out += "  ]\n}\n";
  return out;
}

bool WriteDataset(const DatasetOptions& options, const std::filesystem::path& graph_path, DatasetStats* stats,
                  std::string* error) {
  std::filesystem::path directory = graph_path.parent_path();
  if (!WriteWholeFile(directory.empty() ? std::filesystem::path(kSchemaFileName) : directory / kSchemaFileName,
                      SchemaJson(), error)) {
    return false;
  }
  std::FILE* file = std::fopen(graph_path.c_str(), "wb");
  if (file == nullptr) {
    *error = "cannot write " + graph_path.string() + ": " + std::strerror(errno);
    return false;
  }
  // Independent streams for the three sections: changing how one is drawn leaves the others be.
  Random entity_random(options.seed * 3 + 1), source_random(options.seed * 3 + 2),
      statement_random(options.seed * 3 + 3);
  uint64_t source_count = std::max<uint64_t>(10, options.statements / 50);

  Output out(file);
  out.Raw("{\n  \"format\": \"aikg-graph/1\",\n  \"schema\": ");
  out.Str(kSchemaFileName);
  out.Raw(",\n");
  EntityPlan plan = PlanEntities(entity_random, options.statements);
  std::vector<std::string> source_ids = WriteSources(out, source_random, source_count, plan);
  out.Raw(",\n");
  WriteEntities(out, entity_random, plan);
  out.Raw(",\n");
  uint64_t edges = WriteStatements(out, statement_random, options.statements, plan, source_ids);
  out.Raw("\n}\n");
  out.Flush();
  bool ok = !out.failed();
  ok = std::fclose(file) == 0 && ok;
  if (!ok) {
    *error = "cannot write " + graph_path.string();
    return false;
  }
  if (stats != nullptr) {
    stats->sources = source_ids.size();
    stats->entities = plan.total;
    stats->statements = options.statements;
    stats->edges = edges;
    stats->graph_bytes = out.written();
  }
  return true;
}

std::filesystem::path DataDirectory() {
  std::filesystem::path directory;
  if (const char* env = std::getenv("AIKG_BENCH_DATA"); env != nullptr && *env) {
    directory = env;
  } else if (const char* tmp = std::getenv("TMPDIR"); tmp != nullptr && *tmp) {
    directory = std::filesystem::path(tmp) / "aikg-bench";
  } else {
    directory = "/tmp/aikg-bench";
  }
  std::error_code ignored;
  std::filesystem::create_directories(directory, ignored);
  return directory;
}

std::filesystem::path EnsureDataset(uint64_t statements) {
  std::filesystem::path directory = DataDirectory();
  std::filesystem::path path =
      directory / ("synthetic-v" + std::to_string(kGeneratorVersion) + "-n" + std::to_string(statements) + ".json");
  if (std::filesystem::exists(path) && std::filesystem::exists(directory / kSchemaFileName)) return path;
  // Generate beside the target and rename, so an interrupted run leaves no half file behind.
  std::filesystem::path temporary = path;
  temporary += ".tmp-" + std::to_string(::getpid());
  std::string error;
  DatasetOptions options;
  options.statements = statements;
  if (!WriteDataset(options, temporary, nullptr, &error)) {
    std::fprintf(stderr, "aikg bench: %s\n", error.c_str());
    std::abort();
  }
  std::filesystem::rename(temporary, path);
  return path;
}

}  // namespace aikg_bench
