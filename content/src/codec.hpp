// How model values are stored in SQLite columns: visible texts and lists as JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "qtsc/content/model.hpp"

namespace qtsc::content::codec {

nlohmann::json toJson(const LocalizedText& text);
LocalizedText textFromJson(const nlohmann::json& json);
std::string encode(const LocalizedText& text);
LocalizedText decodeText(const std::string& stored);

std::string encodeSteps(const std::vector<LocalizedText>& steps);
std::vector<LocalizedText> decodeSteps(const std::string& stored);
std::string encodeQuiz(const std::vector<QuizQuestion>& quiz);
std::vector<QuizQuestion> decodeQuiz(const std::string& stored);
// [{"image": "...", "caption": {..}, "credit": {..}}, ...]
std::string encodeGallery(const std::vector<Picture>& gallery);
std::vector<Picture> decodeGallery(const std::string& stored);

// [{"text": {..}, "by": {..}, "date": "YYYY-MM", "source": "000"}, ...]
std::string encodeQuotes(const std::vector<Quote>& quotes);
std::vector<Quote> decodeQuotes(const std::string& stored);
// ["name", ...]
std::string encodeNames(const std::vector<std::string>& names);
std::vector<std::string> decodeNames(const std::string& stored);

}  // namespace qtsc::content::codec
