#include "app/cli/interrupt.h"

#include <csignal>

namespace svj::cli {
namespace {

std::atomic<bool> g_stop{false};
volatile std::sig_atomic_t g_signal = 0;

extern "C" void onStopSignal(int signalNumber) {
    g_signal = signalNumber;
    g_stop.store(true);
    // The next signal of this kind gets the default action: a user who presses Ctrl-C twice means it.
    std::signal(signalNumber, SIG_DFL);
}

} // namespace

const std::atomic<bool>& installStopRequest() {
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
    return g_stop;
}

bool stopRequested() {
    return g_stop.load();
}

const char* stopSignalName() {
    switch (g_signal) {
    case SIGINT:
        return "SIGINT";
    case SIGTERM:
        return "SIGTERM";
    default:
        return "";
    }
}

} // namespace svj::cli
