#include "codec.hpp"

#include "qtsc/content/errors.hpp"

namespace qtsc::content::codec {

using nlohmann::json;

json toJson(const LocalizedText& text) {
  json out = json::object();
  for (const auto& [lang, value] : text.byLanguage) out[lang] = value;
  return out;
}

LocalizedText textFromJson(const json& value) {
  LocalizedText text;
  if (!value.is_object()) return text;
  for (const auto& [lang, item] : value.items())
    if (item.is_string()) text.set(lang, item.get<std::string>());
  return text;
}

std::string encode(const LocalizedText& text) { return toJson(text).dump(); }

namespace {

// The languages of a stored text read as the parser meets them, without building the JSON
// value first: search decodes the title and subtitle of each of up to hundreds of hits per
// keystroke. Only the top object's string members are kept, as textFromJson keeps them.
class TextReader final : public nlohmann::json_sax<json> {
 public:
  LocalizedText text;
  [[nodiscard]] bool topIsObject() const { return topIsObject_; }

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t& s) override {
    if (depth_ == 1 && !key_.empty()) text.set(key_, s);
    return value();
  }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override { return open(true); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    if (depth_ == 1) key_ = k;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  bool value() {
    if (depth_ == 0) topIsObject_ = false;
    if (depth_ == 1) key_.clear();
    return true;
  }
  bool open(bool object) {
    if (depth_ == 0) topIsObject_ = object;
    if (depth_ == 1) key_.clear();
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }

  int depth_ = 0;
  bool topIsObject_ = false;
  std::string key_;
};

}  // namespace

LocalizedText decodeText(const std::string& stored) {
  // A damaged value shows as missing text rather than taking the screen down.
  TextReader reader;
  const bool read = json::sax_parse(stored, &reader, json::input_format_t::json, true);
  if (!read || !reader.topIsObject()) return {};
  return std::move(reader.text);
}

std::string encodeSteps(const std::vector<LocalizedText>& steps) {
  json out = json::array();
  for (const auto& step : steps) out.push_back(toJson(step));
  return out.dump();
}

std::vector<LocalizedText> decodeSteps(const std::string& stored) {
  std::vector<LocalizedText> steps;
  auto value = json::parse(stored, nullptr, false);
  if (!value.is_array()) return steps;
  for (const auto& item : value) steps.push_back(textFromJson(item));
  return steps;
}

std::string encodeQuiz(const std::vector<QuizQuestion>& quiz) {
  json out = json::array();
  for (const auto& q : quiz) {
    json choices = json::array();
    for (const auto& c : q.choices) choices.push_back(toJson(c));
    out.push_back({{"question", toJson(q.question)},
                   {"choices", choices},
                   {"answer", q.answer},
                   {"explanation", toJson(q.explanation)}});
  }
  return out.dump();
}

std::vector<QuizQuestion> decodeQuiz(const std::string& stored) {
  std::vector<QuizQuestion> quiz;
  auto value = json::parse(stored, nullptr, false);
  if (!value.is_array()) return quiz;
  for (const auto& item : value) {
    if (!item.is_object()) continue;
    QuizQuestion q;
    q.question = textFromJson(item.value("question", json::object()));
    for (const auto& c : item.value("choices", json::array())) q.choices.push_back(textFromJson(c));
    q.answer = item.value("answer", 0);
    q.explanation = textFromJson(item.value("explanation", json::object()));
    quiz.push_back(std::move(q));
  }
  return quiz;
}

std::string encodeGallery(const std::vector<Picture>& gallery) {
  json out = json::array();
  for (const auto& p : gallery)
    out.push_back({{"image", p.image}, {"caption", toJson(p.caption)}, {"credit", toJson(p.credit)}});
  return out.dump();
}

std::vector<Picture> decodeGallery(const std::string& stored) {
  std::vector<Picture> gallery;
  auto value = json::parse(stored, nullptr, false);
  if (!value.is_array()) return gallery;
  for (const auto& item : value) {
    if (!item.is_object()) continue;
    Picture p;
    if (auto image = item.find("image"); image != item.end() && image->is_string()) p.image = image->get<std::string>();
    p.caption = textFromJson(item.value("caption", json::object()));
    p.credit = textFromJson(item.value("credit", json::object()));
    gallery.push_back(std::move(p));
  }
  return gallery;
}

std::string encodeQuotes(const std::vector<Quote>& quotes) {
  json out = json::array();
  for (const auto& q : quotes)
    out.push_back({{"text", toJson(q.text)}, {"by", toJson(q.by)}, {"date", q.date.year ? q.date.iso() : ""},
                   {"source", q.source}});
  return out.dump();
}

std::vector<Quote> decodeQuotes(const std::string& stored) {
  std::vector<Quote> quotes;
  auto value = json::parse(stored, nullptr, false);
  if (!value.is_array()) return quotes;
  for (const auto& item : value) {
    if (!item.is_object()) continue;
    Quote q;
    q.text = textFromJson(item.value("text", json::object()));
    q.by = textFromJson(item.value("by", json::object()));
    const auto date = item.value("date", json());
    if (date.is_string()) q.date = PartialDate::parse(date.get<std::string>()).value_or(PartialDate{});
    const auto source = item.value("source", json());
    if (source.is_string()) q.source = source.get<std::string>();
    quotes.push_back(std::move(q));
  }
  return quotes;
}

std::string encodeNames(const std::vector<std::string>& names) { return json(names).dump(); }

std::vector<std::string> decodeNames(const std::string& stored) {
  std::vector<std::string> names;
  auto value = json::parse(stored, nullptr, false);
  if (!value.is_array()) return names;
  for (const auto& item : value)
    if (item.is_string()) names.push_back(item.get<std::string>());
  return names;
}

}  // namespace qtsc::content::codec
