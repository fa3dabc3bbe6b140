// `svj db export`: write a workspace's standing labels as a preference file. Wiring only: annotation/'s
// LabelStore and preference formats do the work.
#include "annotation/label_store.h"
#include "annotation/preference_file.h"
#include "annotation/workspace.h"
#include "annotation/workspace_preferences.h"
#include "app/cli/db_actions.h"
#include "app/cli/format_option.h"

#include <iostream>
#include <optional>

namespace svj::cli {

using annotation::Workspace;

int runExport(const Arguments& arguments) {
    CommandLine commandLine("db export",
                            {formatOption(), {"out", "FILE", "where to write (.jsonl / .json: JSON lines, else CSV)"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db export WORKSPACE --format NAME --out FILE\n\nWrites every standing label, one "
                     "row each, in a preference format (atomically).\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "export");
    const annotation::PreferenceFormat format = chosenFormat(commandLine);
    const std::optional<std::string> out = commandLine.value("out");
    if (!out) {
        throw UsageError("db export needs --out FILE");
    }
    Workspace workspace = Workspace::open(qs(path), true);
    annotation::LabelStore store(workspace);
    const annotation::PreferenceFile file = annotation::workspacePreferences(store);
    annotation::writePreferenceFile(file, qs(*out), format);
    std::cout << "wrote " << file.pairs.size() << " labels to " << *out << "\n";
    return kExitOk;
}

} // namespace svj::cli
