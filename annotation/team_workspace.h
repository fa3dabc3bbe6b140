// Team workspaces on PostgreSQL whose rules the server enforces, not our client: group roles svj_annotator and
// svj_lead, grants that keep labels and adjudications append-only, and row-level security so that an annotator
// labels, undoes, skips and flags only as themself (their login role; the name they give is kept as their display
// name beside it) and sees other people's votes on a pair
// only after casting their own (or never). Leads import, assign, adjudicate, export and see everything. SQLite
// workspaces stay single-user.
#pragma once

#include "annotation/workspace.h"

#include <QString>

namespace svj::annotation {

enum class TeamRole { Annotator, Lead };
// When an annotator sees the other annotators' votes on a pair.
enum class VoteVisibility { AfterOwnVote, Never };

// Makes the PostgreSQL workspace a team workspace (again: it may run twice, e.g. to change `votes`). Run by the
// workspace's owner, who needs CREATEROLE the first time on a server (the two group roles are the server's).
// Throws WorkspaceError naming what is missing.
void initTeam(Workspace& workspace, VoteVisibility votes = VoteVisibility::AfterOwnVote);

struct TeamMember {
    QString role;
    bool created = false; // a new login role (with `password`), else an existing one granted the team role
    QString password;     // the new role's password (generated when none was given); "" for an existing role
};
// Adds a login role to the team as an annotator or a lead: creates it (with `password`, or a generated one) or
// grants an existing one. Throws WorkspaceError for a name that is not a plain role name, or no team workspace.
TeamMember addTeamMember(Workspace& workspace, const QString& role, TeamRole teamRole, const QString& password = {});

} // namespace svj::annotation
