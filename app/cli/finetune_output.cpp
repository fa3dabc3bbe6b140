#include "app/cli/finetune_output.h"

#include "app/cli/interrupt.h"

#include <string>

namespace svj::cli {

FinetunePrinter::FinetunePrinter(ProgressMode mode, const training::FinetuneRun& run)
    : m_mode(mode)
    , m_run(run) {}

void FinetunePrinter::show(const training::FinetuneEvent& event) {
    using Kind = training::FinetuneEventKind;
    if (event.kind == Kind::Decode) {
        if (!m_loading) {
            m_loading.emplace(m_mode, "decode", event.total);
        }
        m_loading->update(event.done);
        return;
    }
    if (m_loading) {
        m_loading->finish();
        m_loading.reset();
    }
    if (!m_progress) {
        m_progress.emplace(m_mode, "finetune", m_run.totalSteps(), m_run.options().trainer.batchSize);
    }
    switch (event.kind) {
    case Kind::Decode:
        break;
    case Kind::Step:
        m_progress->update(event.step.step, {{"loss", event.step.loss},
                                             {"preference_loss", event.step.preferenceLoss},
                                             {"aspect_loss", event.step.aspectLoss},
                                             {"lr", event.step.learningRate},
                                             {"tie_strength", event.step.tieStrength},
                                             {"epoch", event.step.epoch + 1}});
        break;
    case Kind::Data:
        m_progress->event(protocol::ProgressEvent::Data, event.fields, event.text);
        break;
    case Kind::Eval:
        m_progress->event(protocol::ProgressEvent::Eval, event.fields, event.text);
        break;
    case Kind::Checkpoint: {
        nlohmann::json fields = event.fields;
        std::string text = event.text;
        if (fields.value("why", std::string()) == "stopped") {
            // The run knows it was asked to stop; this side knows by what.
            fields["why"] = std::string("stopped by ") + stopSignalName();
            text = "checkpoint (" + fields["why"].get<std::string>() + ", step " +
                   std::to_string(fields.value("step", 0)) + ") -> " + m_run.options().out;
        }
        m_progress->event(protocol::ProgressEvent::Checkpoint, fields, text);
        break;
    }
    case Kind::Summary:
        m_progress->event(protocol::ProgressEvent::Summary, event.fields, event.text);
        break;
    }
}

void FinetunePrinter::finish() {
    if (m_loading) {
        m_loading->finish();
        m_loading.reset();
    }
    if (m_progress) {
        m_progress->finish();
        m_progress.reset();
    }
}

} // namespace svj::cli
