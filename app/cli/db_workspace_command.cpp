// `svj db init` and `svj db check`: create a workspace, check one and count what is in it. Wiring only:
// annotation/'s Workspace and LabelStore do the work.
#include "annotation/judge_scores.h"
#include "annotation/label_store.h"
#include "annotation/workspace.h"
#include "app/cli/db_actions.h"

#include <iostream>

namespace svj::cli {

using annotation::Workspace;

int runInit(const Arguments& arguments) {
    CommandLine commandLine("db init", {{"aspects", "A,B,...", "the aspects annotators rate", "VQ,MQ,TA"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db init WORKSPACE [--aspects VQ,MQ,TA]\n\nCreates an empty workspace: a new SQLite "
                     "file, or the tables in an\nempty PostgreSQL database (postgresql://user[:password]@host[:port]/"
                     "database).\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "init");
    Workspace workspace = Workspace::create(qs(path));
    workspace.setAspects(qs(commandLine.valueOr("aspects", "VQ,MQ,TA")).split(QLatin1Char(','), Qt::SkipEmptyParts));
    std::cout << "created " << path << " (schema version " << workspace.schemaVersion() << "; aspects "
              << workspace.aspects().join(QStringLiteral(", ")).toStdString() << ")\n";
    return kExitOk;
}

int runCheck(const Arguments& arguments) {
    CommandLine commandLine("db check", {});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db check WORKSPACE\n\nRuns SQLite's full integrity check (PostgreSQL: every table is "
                     "there) and counts what is\nthere.\n";
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "check");
    Workspace workspace = Workspace::open(qs(path), true);
    const QString check = workspace.integrityCheck(true);
    annotation::LabelStore store(workspace);
    std::cout << path << ": schema version " << workspace.schemaVersion() << ", integrity " << check.toStdString()
              << "; " << store.videoRows() << " videos, " << store.pairRows() << " pairs, "
              << store.currentLabels().size() << " standing labels (" << store.labelRows() << " label rows), "
              << annotation::judgeScoreRows(workspace) << " judge scores\n";
    return check == QLatin1String("ok") ? kExitOk : kExitFailure;
}

} // namespace svj::cli
