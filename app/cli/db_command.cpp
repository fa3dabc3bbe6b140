// `svj db`: the label store from the command line. Here the dispatcher to the actions (db_actions.h) and the
// helpers they share. Wiring only: annotation/ does the work.
#include "annotation/import_error.h"
#include "annotation/workspace.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/db_actions.h"
#include "app/cli/qt_application.h"
#include "app/cli/workspace_location.h"
#include "media/media_error.h"

#include <iostream>
#include <string>
#include <utility>
#include <vector>

namespace svj::cli {

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

std::string workspaceArgument(const CommandLine& commandLine, const char* action) {
    if (commandLine.positional().empty()) {
        throw UsageError(std::string("db ") + action + " needs the WORKSPACE (a file, or a postgresql:// URL)");
    }
    return acceptedLocation(commandLine.positional().front());
}

int runDb(const Arguments& arguments) {
    static const std::vector<std::pair<std::string, int (*)(const Arguments&)>> actions = {
        {"pairs", runPairs},   {"gold", runGold},   {"assign", runAssign}, {"next", runNext},
        {"queue", runQueue},   {"skip", runSkip},   {"flag", runFlag},     {"init", runInit},
        {"import", runImport}, {"label", runLabel}, {"undo", runUndo},     {"export", runExport},
        {"check", runCheck},   {"stats", runStats}, {"team", runTeam},     {"scores", runScores}};
    if (arguments.empty() || arguments.front() == "--help" || arguments.front() == "-h") {
        std::cout << "Usage: svj db ACTION WORKSPACE [options]\n\n"
                     "The label store. Actions: init, import, pairs, gold, assign, queue,\n"
                     "next, label, undo, skip, flag, export, check, stats, team, scores ('svj db ACTION --help').\n"
                     "WORKSPACE is an SQLite file, or a PostgreSQL database for a team:\n"
                     "postgresql://user@host[:port]/database[?sslmode=verify-full&sslrootcert=CA.crt]; its\n"
                     "password in ~/.pgpass (a password given in the URL is moved there).\n";
        return arguments.empty() ? kExitBadInput : kExitOk;
    }
    const auto application = ensureQtApplication();
    for (const auto& [name, run] : actions) {
        if (arguments.front() == name) {
            try {
                return run(Arguments(arguments.begin() + 1, arguments.end()));
            } catch (const annotation::WorkspaceError& error) {
                printError(error.what());
                return kExitBadInput;
            } catch (const annotation::ImportError& error) {
                printError(error.what());
                return kExitBadInput;
            } catch (const media::MediaError& error) {
                printError(error.what());
                return kExitBadInput;
            }
        }
    }
    throw UsageError("unknown db action '" + arguments.front() + "'");
}

} // namespace svj::cli
