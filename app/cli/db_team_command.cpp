// `svj db team init|add`: a PostgreSQL workspace whose rules the server enforces (roles, grants, row-level
// security). Wiring only: annotation/team_workspace.h does the work.
#include "annotation/team_workspace.h"
#include "annotation/workspace.h"
#include "app/cli/db_actions.h"

#include <iostream>
#include <string>

namespace svj::cli {

int runTeam(const Arguments& arguments) {
    const std::string action = arguments.empty() ? std::string() : arguments.front();
    CommandLine commandLine(
        "db team " + action,
        {{"votes", "WHEN", "init: when annotators see others' votes: after-own-vote or never", "after-own-vote"},
         {"annotator", "", "add: as an annotator"},
         {"lead", "", "add: as a lead (imports, assigns, adjudicates, exports, sees everything)"},
         {"password-stdin", "", "add: the new role's password from the first line of stdin"}});
    commandLine.parse(Arguments(arguments.begin() + (arguments.empty() ? 0 : 1), arguments.end()));
    if (commandLine.helpRequested() || (action != "init" && action != "add")) {
        std::cout << "Usage: svj db team init WORKSPACE [--votes after-own-vote|never]\n"
                     "       svj db team add WORKSPACE ROLE --annotator|--lead [--password-stdin]\n\n"
                     "A team workspace on PostgreSQL, its rules kept by the server: each label carries the login\n"
                     "role that wrote it; annotators label, undo, skip and flag only as themselves and see the\n"
                     "others' votes on a pair only after their own (or never); labels and adjudications are\n"
                     "append-only; leads import, assign, adjudicate, export and see everything. Run by the\n"
                     "workspace's owner (with CREATEROLE the first time on a server). `add` creates the login role\n"
                     "(printing a generated password once) or grants an existing one.\n\n"
                  << commandLine.optionsHelp();
        return commandLine.helpRequested() ? kExitOk : kExitBadInput;
    }
    const std::string path = workspaceArgument(commandLine, "team");
    annotation::Workspace workspace = annotation::Workspace::open(qs(path));
    if (action == "init") {
        const std::string votes = commandLine.valueOr("votes", "after-own-vote");
        if (votes != "after-own-vote" && votes != "never") {
            throw UsageError("--votes takes after-own-vote or never");
        }
        annotation::initTeam(workspace, votes == "never" ? annotation::VoteVisibility::Never
                                                         : annotation::VoteVisibility::AfterOwnVote);
        std::cout << path << ": a team workspace (roles svj_annotator and svj_lead; others' votes "
                  << (votes == "never" ? "never shown" : "shown after one's own") << ")\n";
        return kExitOk;
    }
    if (commandLine.positional().size() != 2 || commandLine.flag("lead") == commandLine.flag("annotator")) {
        throw UsageError("db team add needs WORKSPACE ROLE and one of --annotator, --lead");
    }
    std::string password;
    if (commandLine.flag("password-stdin")) {
        std::getline(std::cin, password);
    }
    const annotation::TeamMember member = annotation::addTeamMember(
        workspace, qs(commandLine.positional()[1]),
        commandLine.flag("lead") ? annotation::TeamRole::Lead : annotation::TeamRole::Annotator, qs(password));
    const char* as = commandLine.flag("lead") ? "a lead" : "an annotator";
    if (!member.created) {
        std::cout << member.role.toStdString() << ": an existing role, now " << as << "\n";
    } else if (password.empty()) {
        std::cout << member.role.toStdString() << ": a new login role, " << as << "; its password (shown once):\n"
                  << member.password.toStdString() << "\n";
    } else {
        std::cout << member.role.toStdString() << ": a new login role, " << as << "\n";
    }
    return kExitOk;
}

} // namespace svj::cli
