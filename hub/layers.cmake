# The hub's layers and what each may include (checked by cmake/CheckLayers.cmake; the
# libraries are in hub/CMakeLists.txt):
#   core     the hub's records, its database, pictures, reports, CSV and safe text
#   http     the server and what every request passes: limits, access, sign-in throttling
#   service  the work behind the routes: drafts, publishing, previews, listing, the fleet
#   routes   the handlers and the one route table
#   server   the Hub: settings, start-up, the routes mounted on the server
# The services know nothing of HTTP; only routes and the server see both.
set(layers core http service routes server)
set(allowed_core core)
set(allowed_http http core)
set(allowed_service service core)
set(allowed_routes routes http service core)
set(allowed_server server routes http service core)
set(forbidden_core "httplib.h")
set(forbidden_service "httplib.h")
