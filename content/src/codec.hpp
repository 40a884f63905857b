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

}  // namespace qtsc::content::codec
