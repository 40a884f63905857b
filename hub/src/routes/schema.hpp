// GET /api/v1/schema: the content schema (content/schema_description.hpp) and the limits the
// hub enforces, so the admin page builds its forms and checks from what the hub takes.
#pragma once

#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "routes/state.hpp"

namespace qtsc::hub::schema {

// {"content": describeSchema(), "limits": {...}}, each limit as this hub is set up.
nlohmann::json describe(const HubSettings& settings);

void get(HubState& hub, Ctx& ctx);

}  // namespace qtsc::hub::schema
