// `svj finetune`'s flags and what they become: the options of a training::FinetuneRun, with the labels read from
// a preference file or a workspace (annotation/) before anything is loaded or trained.
#pragma once

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "training/finetune_run.h"

namespace svj::cli {

// The flags `svj finetune` takes.
CommandLine finetuneCommandLine();

// The run the flags ask for. Throws UsageError for flags that do not fit together, annotation::ImportError or
// WorkspaceError for labels that cannot be read, model::ModelError when there is no judge to start from.
training::FinetuneOptions finetuneOptions(const CommandLine& commandLine, const Arguments& arguments);

} // namespace svj::cli
