// What `svj finetune` prints of a FinetuneRun's events: decoding progress, then the steps' progress with their
// losses, evaluations, checkpoints and the summary as lines for a person or JSON lines for the GUI.
#pragma once

#include "app/cli/progress.h"
#include "training/finetune_run.h"

#include <optional>

namespace svj::cli {

class FinetunePrinter {
public:
    FinetunePrinter(ProgressMode mode, const training::FinetuneRun& run);
    void show(const training::FinetuneEvent& event);
    // Ends the bar in progress (the run finished, stopped or failed).
    void finish();

private:
    ProgressMode m_mode;
    const training::FinetuneRun& m_run;
    std::optional<Progress> m_loading;
    std::optional<Progress> m_progress;
};

} // namespace svj::cli
