// The actions of `svj db`, one file per job: db_command.cpp (the dispatcher and these helpers),
// db_workspace_command.cpp (init, check), db_import_command.cpp (import), db_pairs_command.cpp (pairs, gold),
// db_queue_command.cpp (assign, next, queue), db_label_command.cpp (label, undo), db_skip_command.cpp (skip, flag),
// db_export_command.cpp (export), db_stats_command.cpp (stats), db_team_command.cpp (team init, add) and
// db_scores_command.cpp (scores: how far claimed scoring has got).
#pragma once

#include "app/cli/command_line.h"
#include "app/cli/commands.h"

#include <QString>

#include <string>

namespace svj::cli {

QString qs(const std::string& text);
// The WORKSPACE positional argument, password-free (workspace_location.h); throws UsageError naming the action
// when it is missing.
std::string workspaceArgument(const CommandLine& commandLine, const char* action);

int runInit(const Arguments& arguments);
int runCheck(const Arguments& arguments);
int runImport(const Arguments& arguments);
int runPairs(const Arguments& arguments);
int runGold(const Arguments& arguments);
int runAssign(const Arguments& arguments);
int runNext(const Arguments& arguments);
int runQueue(const Arguments& arguments);
int runLabel(const Arguments& arguments);
int runUndo(const Arguments& arguments);
int runSkip(const Arguments& arguments);
int runFlag(const Arguments& arguments);
int runExport(const Arguments& arguments);
int runStats(const Arguments& arguments);
int runTeam(const Arguments& arguments);
int runScores(const Arguments& arguments);

} // namespace svj::cli
