#include "qtsc/content/schema_description.hpp"

#include <string>
#include <vector>

#include "qtsc/content/fields.hpp"
#include "qtsc/content/validation.hpp"

namespace qtsc::content {

namespace {

using nlohmann::json;

// A walker (fields.hpp) that writes down each field it is shown instead of reading or
// writing a value; the values it is given are a default record's, so they are the defaults.
class Describer {
 public:
  json fields = json::array();

  void string(FieldName name, const std::string& /*value*/) { add(name, "string"); }
  void text(FieldName name, const LocalizedText& /*value*/) { add(name, "text"); }
  void strings(FieldName name, const std::vector<std::string>& /*values*/) { add(name, "strings"); }
  void texts(FieldName name, const std::vector<LocalizedText>& /*values*/) { add(name, "texts"); }
  void integer(FieldName name, int value) { add(name, "integer")["default"] = value; }
  void boolean(FieldName name, bool value) { add(name, "boolean")["default"] = value; }
  void negated(FieldName name, bool value) {
    json& field = add(name, "boolean");
    field["default"] = value;
    field["negatedInSource"] = true;
  }
  void date(FieldName name, const PartialDate& /*value*/) { add(name, "date"); }
  void point(FieldName name, const MapPoint& /*value*/) { add(name, "point"); }
  void choice(FieldName name, PlaceKind value) { choice(name, "placeKind", toString(value)); }
  void choice(FieldName name, DayPart value) { choice(name, "dayPart", toString(value)); }
  void choice(FieldName name, TenantKind value) { choice(name, "tenantKind", toString(value)); }
  template <typename Record>
  void list(FieldName name, const std::vector<Record>& /*values*/) {
    Describer items;
    Record item;
    describeFields(items, item);
    add(name, "list")["fields"] = std::move(items.fields);
  }

 private:
  json& add(FieldName name, const char* type) {
    json field = {{"name", name.json}, {"source", name.source}, {"type", type}, {"required", name.isRequired}};
    if (!name.format.empty()) field["format"] = name.format;
    if (name.target) field["refersTo"] = toString(*name.target);
    if (name.minItems > 0) field["minItems"] = name.minItems;
    fields.push_back(std::move(field));
    return fields.back();
  }
  void choice(FieldName name, const char* enumName, std::string_view value) {
    json& field = add(name, "choice");
    field["enum"] = enumName;
    field["default"] = value;
  }
};

template <typename Record>
json kind() {
  Describer describer;
  Record record;
  describeFields(describer, record);
  return {{"fields", std::move(describer.fields)}};
}

}  // namespace

json describeSchema() {
  return {
      {"languages", {{"default", kDefaultLanguage}, {"authored", kAuthoredLanguages}}},
      {"id", {{"pattern", kIdPattern}, {"maxLength", kMaxIdLength}, {"rule", kIdRule}}},
      {"map", {{"width", kMapWidth}, {"height", kMapHeight}}},
      {"enums", {{"placeKind", placeKindNames()}, {"dayPart", dayPartNames()}, {"tenantKind", tenantKindNames()}}},
      {"limits", {{"exhibitAge", {{"min", 0}, {"max", kMaxExhibitAge}}}}},
      {"kinds",
       {
           {toString(RecordKind::Park), kind<Park>()},
           {toString(RecordKind::Sector), kind<Category>()},
           {toString(RecordKind::Theme), kind<Category>()},
           {toString(RecordKind::Milestone), kind<Milestone>()},
           {toString(RecordKind::Place), kind<Place>()},
           {toString(RecordKind::Tenant), kind<Tenant>()},
           {toString(RecordKind::Exhibit), kind<Exhibit>()},
           {toString(RecordKind::Itinerary), kind<Itinerary>()},
           {toString(RecordKind::Welcome), kind<WelcomeMessage>()},
           {toString(RecordKind::Source), kind<SourceDocument>()},
       }},
  };
}

}  // namespace qtsc::content
