// The content schema as data, for programs that build forms from it (the hub's admin page
// through GET /api/v1/schema). It is produced by walking the field descriptions
// (fields.hpp) that the TOML, JSON and CSV readers and writers walk too, so it names every
// field they take, with what validation requires of it.
#pragma once

#include <array>
#include <string_view>

#include <nlohmann/json.hpp>

namespace qtsc::content {

// The languages staff write every visible text in (the admin page's pairs of inputs, the
// tenant CSV's columns); kDefaultLanguage comes first. A kiosk shows any language the
// content has.
inline constexpr std::array<std::string_view, 2> kAuthoredLanguages{"vi", "en"};

// {
//   "languages": {"default": "vi", "authored": ["vi", "en"]},
//   "id": {"pattern": "[a-z0-9][a-z0-9-]*", "maxLength": 64, "rule": "an id is ..."},
//   "map": {"width": 1000, "height": 700},
//   "enums": {"placeKind": ["building", ...], "dayPart": ["morning", ...]},
//   "limits": {"exhibitAge": {"min": 0, "max": 120}},
//   "kinds": {"tenant": {"fields": [FIELD, ...]}, ... one per record kind}
// }
// FIELD: {"name": JSON name, "source": name in the TOML sources, "type": string | text |
//   strings | texts | integer | boolean | date | point | choice | list, "required": bool,
//   and where they apply "format" (date, time, datetime, url, image), "refersTo" (a record
//   kind), "enum" (a key of "enums"), "minItems", "default", "negatedInSource" (the
//   sources hold the opposite flag under "source"), "fields" (a list's items)}.
nlohmann::json describeSchema();

}  // namespace qtsc::content
