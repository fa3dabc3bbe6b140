// The actions of `svj db`, shared between db_command.cpp (the workspace, imports, pairs, exports, statistics)
// and db_queue_command.cpp (assignments, labelling, undo).
#pragma once

#include "app/cli/command_line.h"
#include "app/cli/commands.h"

#include <QString>

#include <string>

namespace svj::cli {

QString qs(const std::string& text);
// The WORKSPACE positional argument; throws UsageError naming the action when it is missing.
std::string workspaceArgument(const CommandLine& commandLine, const char* action);

int runAssign(const Arguments& arguments);
int runNext(const Arguments& arguments);
int runQueue(const Arguments& arguments);
int runLabel(const Arguments& arguments);
int runUndo(const Arguments& arguments);
int runSkip(const Arguments& arguments);
int runFlag(const Arguments& arguments);

} // namespace svj::cli
