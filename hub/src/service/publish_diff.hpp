// What a publish or a rollback changes on the kiosks, record by record and field by field,
// for the Publish page. Records are compared by kind and id in their API form (the JSON the
// field descriptions write, qtsc/hub/records.hpp) and their fields are named and typed by
// content::describeSchema(), so a new field or kind is compared without a change here.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

#include "qtsc/content/model.hpp"

namespace qtsc::hub {

// {
//   "nothing": bool,                 // no record and no picture differ
//   "counts": {"added": n, "changed": n, "removed": n, "picturesAdded": n},
//   "added":   [RECORD, ...],        // in `after` only
//   "removed": [RECORD, ...],        // in `before` only
//   "changed": [RECORD + "fields": [{"field": JSON name, "type": schema type,
//                                    "before": value, "after": value}, ...]],
//   "picturesAdded": ["<sha256>.png", ...]   // uploaded pictures `after` uses and `before` does not
// }
// RECORD: {"kind": "tenant", "id": "...", "label": {"vi": ..., "en": ...}} (the label is the
// record's first text field; the park's id is "park"). A text's before and after are
// {"vi": ..., "en": ...}: both languages, whichever changed. Lists are in kind, then id order.
nlohmann::json diffContent(const content::ContentSet& before, const content::ContentSet& after);

// The content of the database file `db` (a kept version). It is copied to a file of its own
// in `workDir` and opened there, so an older schema is migrated without touching the kept
// copy. Throws content::ContentError (or ConflictError when `db` is missing).
content::ContentSet readKeptContent(const std::filesystem::path& db, const std::filesystem::path& workDir);

}  // namespace qtsc::hub
