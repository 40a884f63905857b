# The kiosk's layers and what each may include (checked by cmake/CheckLayers.cmake; the
# libraries are in kiosk/CMakeLists.txt). Screens never see the sync library or the runtime.
set(layers runtime core ui services screens shell tools)
set(allowed_runtime runtime)
set(allowed_core core)
set(allowed_ui ui)
set(allowed_services services runtime core ui)
set(allowed_screens screens services core ui)
set(allowed_shell shell screens services core ui runtime)
set(allowed_tools tools shell screens services core ui runtime)
set(forbidden_screens "qtsc/sync/" "services/content_sync.hpp" "runtime/")
