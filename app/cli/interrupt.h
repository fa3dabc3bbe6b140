// SIGINT / SIGTERM as a request to stop: long commands finish the step they are in, save, and exit 0.
// A second signal while stopping ends the process at once (the default action), as a user expects.
#pragma once

#include <atomic>

namespace svj::cli {

// Installs the handlers; returns the flag they set (also usable as a judge `cancel` flag).
const std::atomic<bool>& installStopRequest();
bool stopRequested();
// Every further SIGINT / SIGTERM is the same stop request (a rank of a run over several processes).
void keepStopHandler();
// Which signal asked ("SIGINT", "SIGTERM"), or "" when none did.
const char* stopSignalName();

} // namespace svj::cli
