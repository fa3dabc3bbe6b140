#include "app/cli/interrupt.h"

#include <csignal>

namespace svj::cli {
namespace {

std::atomic<bool> g_stop{false};
volatile std::sig_atomic_t g_signal = 0;
bool g_keepHandler = false;

extern "C" void onStopSignal(int signalNumber) {
    g_signal = signalNumber;
    g_stop.store(true);
    // The next signal of this kind gets the default action: a user who presses Ctrl-C twice means it. Not in a
    // rank of a run over several processes: its launcher passes a stop on, and a job manager (systemd, Slurm)
    // may signal every process of the job as well; two signals there are one request.
    if (!g_keepHandler) {
        std::signal(signalNumber, SIG_DFL);
    }
}

} // namespace

void keepStopHandler() {
    g_keepHandler = true;
}

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
