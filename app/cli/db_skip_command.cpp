// `svj db skip` and `flag`: set one's queue item aside, or mark it for a lead. Wiring only: annotation/'s
// LabelQueue does the work (on a team workspace the server lets an annotator change only their own items).
#include "annotation/label_queue.h"
#include "annotation/workspace.h"
#include "app/cli/db_actions.h"

#include <iostream>
#include <string>

namespace svj::cli {

namespace {

int setAssignmentState(const Arguments& arguments, const char* action, bool flag) {
    CommandLine commandLine(std::string("db ") + action, {{"assignment", "ID", "the queue item"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db " << action << " WORKSPACE --assignment ID\n";
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, action);
    const int assignment = commandLine.intValue("assignment", 0);
    if (assignment <= 0) {
        throw UsageError(std::string("db ") + action + " needs --assignment ID");
    }
    annotation::Workspace workspace = annotation::Workspace::open(qs(path));
    annotation::LabelQueue queue(workspace);
    flag ? queue.flag(assignment) : queue.skip(assignment);
    return kExitOk;
}

} // namespace

int runSkip(const Arguments& arguments) {
    return setAssignmentState(arguments, "skip", false);
}

int runFlag(const Arguments& arguments) {
    return setAssignmentState(arguments, "flag", true);
}

} // namespace svj::cli
