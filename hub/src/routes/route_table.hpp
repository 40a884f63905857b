#pragma once

#include "http/router.hpp"
#include "routes/state.hpp"

namespace qtsc::hub {

// Registers every route of the hub: the one place that lists them all.
void addRoutes(Router& router, HubState& hub);

}  // namespace qtsc::hub
