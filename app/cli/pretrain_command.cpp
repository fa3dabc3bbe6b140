// `svj pretrain`: stage 1 on real footage. Flags -> training::PretrainOptions (pretrain_options.h), events ->
// progress lines.
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/distributed_option.h"
#include "app/cli/interrupt.h"
#include "app/cli/pretrain_options.h"
#include "app/cli/progress.h"
#include "media/media_error.h"
#include "model/model_error.h"
#include "training/pretrain_run.h"

#include <iostream>

namespace svj::cli {

int runPretrain(const Arguments& arguments) {
    CommandLine commandLine("pretrain", pretrainOptionSpecs());
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj pretrain --footage DIR|MANIFEST --out CKPT [options]\n\n"
                     "Stage 1 of GT-SVJ: trains the judge's energy to be low on real footage and high on broken\n"
                     "copies of it (five families of faults: temporal sampling, temporal blending, compression,\n"
                     "spatial, photometric) and on the paper's latent perturbations. The footage is split by\n"
                     "source; the held-out sources are checked at the end against two no-learning baselines.\n"
                     "Ctrl-C finishes the step, writes a checkpoint and stops; --resume continues exactly there.\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    if (const int ranks = localRanksToStart(commandLine); ranks > 1) {
        return runLocalRanks("pretrain", arguments, ranks, commandLine.doubleValue("dist-timeout", 1800));
    }
    followLauncher();
    const ProgressMode mode = parseProgressMode(commandLine.valueOr("progress", "bar"));
    training::PretrainOptions options = pretrainOptionsFrom(commandLine, arguments);
    const std::optional<model::ProcessGroupOptions> groupOptions =
        processGroupOptions(commandLine, options.judge.device);
    Progress progress(mode, "pretrain", options.steps, 2 * options.batch);
    const std::atomic<bool>& stop = installStopRequest();
    training::PretrainRun run(options);
    bool finished = false;
    std::optional<model::ProcessGroup> group;
    try {
        if (groupOptions) {
            group.emplace(*groupOptions);
            run.distribute(*group);
        }
        finished = run.run(
            [&](const training::PretrainEvent& event) {
                switch (event.kind) {
                case training::PretrainEventKind::Step: {
                    nlohmann::json fields = {{"loss", event.step.loss},
                                             {"rank_loss", event.step.rankingLoss},
                                             {"acc", event.step.accuracy},
                                             {"lr", event.step.learningRate},
                                             {"e_pos", event.step.positiveEnergy},
                                             {"e_neg", event.step.negativeEnergy}};
                    if (group) {
                        fields["comm_s"] = event.communicationSeconds; // rank 0's time in collectives this step
                    }
                    progress.update(event.step.step, fields);
                    break;
                }
                case training::PretrainEventKind::Data:
                    progress.event(protocol::ProgressEvent::Data, event.fields, event.text);
                    break;
                case training::PretrainEventKind::Eval:
                    progress.event(protocol::ProgressEvent::Eval, event.fields, event.text);
                    break;
                case training::PretrainEventKind::Checkpoint: {
                    nlohmann::json fields = event.fields;
                    std::string text = event.text;
                    if (fields.value("why", std::string()) == "stopped" && stop.load()) {
                        // The run knows it was asked to stop; this side knows by what.
                        fields["why"] = std::string("stopped by ") + stopSignalName();
                        text = "checkpoint (" + fields["why"].get<std::string>() + ", step " +
                               std::to_string(fields.value("step", 0)) + ") -> " + options.out;
                    }
                    progress.event(protocol::ProgressEvent::Checkpoint, fields, text);
                    break;
                }
                case training::PretrainEventKind::Message:
                    progress.event(protocol::ProgressEvent::Message, event.fields, event.text);
                    break;
                case training::PretrainEventKind::Finished:
                    break;
                }
            },
            stop);
    } catch (const model::DistributedError& error) {
        progress.finish();
        printError(error.what());
        return kExitFailure;
    } catch (const training::PretrainError& error) {
        progress.finish();
        printError(error.what());
        return kExitBadInput;
    } catch (const media::MediaError& error) {
        progress.finish();
        printError(error.what());
        return kExitBadInput;
    } catch (const model::ModelError& error) {
        progress.finish();
        printError(error.what());
        return kExitBadInput;
    }
    progress.finish();
    if (!finished && (!group || group->rank() == 0)) {
        std::cerr << "stopped by " << (*stopSignalName() ? stopSignalName() : "a stop request to another rank")
                  << "; continue with the same command and --resume\n";
    }
    return kExitOk;
}

} // namespace svj::cli
