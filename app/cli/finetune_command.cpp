// `svj finetune`: stage 2 on pairwise human labels from a preference file or a workspace. Wiring only:
// app/cli/finetune_options.h maps the flags to a training::FinetuneRun (annotation/ reads the labels), the run
// trains, app/cli/finetune_output.h prints its events.
#include "annotation/import_error.h"
#include "annotation/workspace.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/distributed_option.h"
#include "app/cli/finetune_options.h"
#include "app/cli/finetune_output.h"
#include "app/cli/interrupt.h"
#include "app/cli/progress.h"
#include "app/cli/qt_application.h"
#include "model/model_error.h"
#include "training/finetune_run.h"

#include <iostream>

namespace svj::cli {

int runFinetune(const Arguments& arguments) {
    CommandLine commandLine = finetuneCommandLine();
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj finetune --pairs FILE [--format NAME] | --db WORKSPACE [--from CKPT] --out CKPT "
                     "[options]\n\n"
                     "Stage 2 of GT-SVJ: fine-tunes a judge on pairwise human labels. The stage-1 LoRA keeps\n"
                     "training, a new aspect head scores each aspect and sums them into a reward, and a\n"
                     "Bradley-Terry model with ties (Davidson) fits the verdicts; both-bad counts as a tie. Each\n"
                     "video is decoded once. Part of the pairs is held out and scored after every epoch: accuracy\n"
                     "with ties (threshold swept) and without ties, overall and per aspect. Ctrl-C finishes the\n"
                     "step, writes a checkpoint and stops; --resume continues exactly where it stopped.\n"
                     "With --db the labels are a workspace's standing labels (`svj db`), one training pair each.\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    if (const int ranks = localRanksToStart(commandLine); ranks > 1) {
        return runLocalRanks("finetune", arguments, ranks, commandLine.doubleValue("dist-timeout", 1800));
    }
    followLauncher();
    const ProgressMode mode = parseProgressMode(commandLine.valueOr("progress", "bar"));
    const auto application = ensureQtApplication();
    training::FinetuneOptions options;
    try {
        options = finetuneOptions(commandLine, arguments);
    } catch (const annotation::ImportError& error) {
        printError(error.what());
        return kExitBadInput;
    } catch (const annotation::WorkspaceError& error) {
        printError(error.what());
        return kExitBadInput;
    } catch (const model::ModelError& error) {
        printError(error.what());
        return kExitBadInput;
    }
    const std::optional<model::ProcessGroupOptions> groupOptions =
        processGroupOptions(commandLine, options.judge.device);
    const std::atomic<bool>& stop = installStopRequest();
    training::FinetuneRun finetune(options);
    FinetunePrinter printer(mode, finetune);
    bool finished = false;
    std::optional<model::ProcessGroup> group;
    try {
        if (groupOptions) {
            group.emplace(*groupOptions);
            finetune.distribute(*group);
        }
        finished = finetune.run([&](const training::FinetuneEvent& event) { printer.show(event); }, stop);
    } catch (const model::DistributedError& error) {
        printer.finish();
        printError(error.what());
        return kExitFailure;
    } catch (const training::FinetuneError& error) {
        printer.finish();
        printError(error.what());
        return kExitBadInput;
    }
    printer.finish();
    if (!finished && (!group || group->rank() == 0)) {
        std::cerr << "stopped at step " << finetune.stepsDone() << " of " << finetune.totalSteps()
                  << "; continue with the same command and --resume\n";
    }
    return kExitOk;
}

} // namespace svj::cli
