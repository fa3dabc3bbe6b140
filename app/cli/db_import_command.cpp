// `svj db import`: add a preference file (videos, pairs, votes) or videos alone to a workspace, with progress.
// Wiring only: annotation/'s importers do the work.
#include "annotation/pairing.h"
#include "annotation/preference_file.h"
#include "annotation/workspace.h"
#include "annotation/workspace_preferences.h"
#include "app/cli/db_actions.h"
#include "app/cli/format_option.h"
#include "app/cli/progress.h"

#include <iostream>
#include <optional>

namespace svj::cli {

using annotation::Workspace;

int runImport(const Arguments& arguments) {
    CommandLine commandLine("db import", {{"pairs", "FILE", "a preference file"},
                                          {"videos", "DIR|MANIFEST",
                                           "videos alone: DIR/MODEL/PROMPT.mp4, or a CSV/JSONL (path, model, prompt)"},
                                          formatOption(),
                                          {"annotator", "NAME", "who the votes are from (default: import:FILE NAME)"},
                                          {"progress", "MODE", "bar, json or none", "bar"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db import WORKSPACE --pairs FILE [--format NAME] [--annotator NAME] | --videos "
                     "DIR|MANIFEST\n\n"
                     "Adds the file's videos (probed, content-hashed), pairs and votes in one transaction: all rows\n"
                     "or none. Importing the same file again adds nothing.\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "import");
    const std::optional<std::string> pairs = commandLine.value("pairs");
    const ProgressMode mode = parseProgressMode(commandLine.valueOr("progress", "bar"));
    std::optional<Progress> progress;
    const annotation::ImportProgress onProgress = [&](int done, int total) {
        if (!progress) {
            progress.emplace(mode, "import", total);
        }
        progress->update(done);
    };
    if (const std::optional<std::string> videos = commandLine.value("videos")) {
        Workspace workspace = Workspace::open(qs(path));
        const annotation::VideoImportReport done = annotation::importVideos(workspace, qs(*videos), onProgress);
        if (progress) {
            progress->finish();
        }
        std::cout << *videos << ": " << done.videos << " videos, " << done.newVideos << " new\n";
        return kExitOk;
    }
    if (!pairs) {
        throw UsageError("db import needs --pairs FILE or --videos DIR|MANIFEST");
    }
    const annotation::PreferenceFormat format = chosenFormat(commandLine);
    const annotation::PreferenceFile file = annotation::readPreferenceFile(qs(*pairs), format);
    for (const QString& note : file.notes) {
        printNote(note.toStdString());
    }
    Workspace workspace = Workspace::open(qs(path));
    const annotation::ImportReport imported =
        annotation::importPreferenceFile(workspace, file, qs(commandLine.valueOr("annotator", "")), onProgress);
    if (progress) {
        progress->finish();
    }
    const annotation::ImportReport& report = imported;
    std::cout << *pairs << ": " << report.rows << " rows; new: " << report.newVideos << " videos, " << report.newPairs
              << " pairs, " << report.newLabels << " labels; " << report.unchangedLabels << " labels already there\n";
    return kExitOk;
}

} // namespace svj::cli
