#include "annotation/team_workspace.h"

#include "annotation/workspace_sql.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace svj::annotation {
namespace {

// The functions the policies call run as the owner (SECURITY DEFINER): a policy on labels that read labels
// itself would recurse, and an annotator must not see the rows these look at.
const char* const kTeamStatements[] = {
    "DO $$ BEGIN "
    "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'svj_annotator') THEN CREATE ROLE svj_annotator NOLOGIN; "
    "END IF; "
    "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'svj_lead') THEN CREATE ROLE svj_lead NOLOGIN; END IF; "
    "END $$",
    // Who wrote each label and adjudication, as the server saw them log in.
    "ALTER TABLE labels ADD COLUMN IF NOT EXISTS login_role TEXT NOT NULL DEFAULT current_user",
    "ALTER TABLE adjudications ADD COLUMN IF NOT EXISTS login_role TEXT NOT NULL DEFAULT current_user",
    // The name a person goes by beside their login role (`--annotator`, the workbench's Annotator Name).
    "ALTER TABLE annotators ADD COLUMN IF NOT EXISTS display_name TEXT",
    // (Inside them current_user is the owner: the policies pass in their own.)
    "CREATE OR REPLACE FUNCTION svj_annotator_ids(who TEXT) RETURNS SETOF BIGINT LANGUAGE sql STABLE SECURITY DEFINER "
    "SET search_path = public AS $$ SELECT id FROM annotators WHERE name = who $$",
    "CREATE OR REPLACE FUNCTION svj_voted_pairs(who TEXT) RETURNS SETOF BIGINT LANGUAGE sql STABLE SECURITY DEFINER "
    "SET search_path = public AS $$ SELECT DISTINCT l.pair_id FROM labels l JOIN annotators a ON a.id = "
    "l.annotator_id WHERE a.name = who $$",
    "CREATE OR REPLACE FUNCTION svj_votes_after_own() RETURNS BOOLEAN LANGUAGE sql STABLE SECURITY DEFINER "
    "SET search_path = public AS $$ SELECT COALESCE((SELECT value FROM meta WHERE key = 'team_votes'), "
    "'after-own-vote') = 'after-own-vote' $$",
    "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
    "REVOKE ALL ON FUNCTION svj_annotator_ids(TEXT), svj_voted_pairs(TEXT), svj_votes_after_own() FROM PUBLIC",
    "GRANT EXECUTE ON FUNCTION svj_annotator_ids(TEXT), svj_voted_pairs(TEXT), svj_votes_after_own() TO "
    "svj_annotator, svj_lead",
    "GRANT USAGE ON SCHEMA public TO svj_annotator, svj_lead",
    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO svj_annotator, svj_lead",
    "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO svj_annotator, svj_lead",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO svj_annotator, svj_lead",
    // Annotators add labels (never change or delete one), their own name, and the judge's scores they compute;
    // they change only the state of an assignment (skip, flag, done).
    "GRANT INSERT ON labels, annotators, checkpoints, judge_scores TO svj_annotator",
    "GRANT UPDATE (state) ON assignments TO svj_annotator",
    "GRANT UPDATE (display_name) ON annotators TO svj_annotator",
    // Leads import, pair, assign and adjudicate; labels stay append-only for them too.
    "GRANT INSERT, UPDATE ON videos, prompts, pairs, assignments, annotators, checkpoints, judge_scores, "
    "training_runs TO svj_lead",
    "GRANT INSERT ON labels TO svj_lead",
    "GRANT INSERT, UPDATE, DELETE ON adjudications TO svj_lead",
    "GRANT INSERT, UPDATE, DELETE ON score_claims TO svj_annotator, svj_lead",
    "ALTER TABLE labels ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE assignments ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE annotators ENABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS lead_all ON labels",
    "DROP POLICY IF EXISTS own_labels ON labels",
    "DROP POLICY IF EXISTS visible_labels ON labels",
    "DROP POLICY IF EXISTS lead_all ON assignments",
    "DROP POLICY IF EXISTS read_assignments ON assignments",
    "DROP POLICY IF EXISTS own_assignments ON assignments",
    "DROP POLICY IF EXISTS lead_all ON annotators",
    "DROP POLICY IF EXISTS read_annotators ON annotators",
    "DROP POLICY IF EXISTS own_name ON annotators",
    "DROP POLICY IF EXISTS own_display_name ON annotators",
    "CREATE POLICY lead_all ON labels TO svj_lead USING (true) WITH CHECK (true)",
    "CREATE POLICY own_labels ON labels FOR INSERT TO svj_annotator WITH CHECK (login_role = current_user AND "
    "annotator_id IN (SELECT svj_annotator_ids(current_user)))",
    "CREATE POLICY visible_labels ON labels FOR SELECT TO svj_annotator USING (annotator_id IN (SELECT "
    "svj_annotator_ids(current_user)) OR (svj_votes_after_own() AND pair_id IN (SELECT "
    "svj_voted_pairs(current_user))))",
    "CREATE POLICY lead_all ON assignments TO svj_lead USING (true) WITH CHECK (true)",
    "CREATE POLICY read_assignments ON assignments FOR SELECT TO svj_annotator USING (true)",
    "CREATE POLICY own_assignments ON assignments FOR UPDATE TO svj_annotator USING (annotator_id IN (SELECT "
    "svj_annotator_ids(current_user))) WITH CHECK (annotator_id IN (SELECT svj_annotator_ids(current_user)))",
    "CREATE POLICY lead_all ON annotators TO svj_lead USING (true) WITH CHECK (true)",
    "CREATE POLICY read_annotators ON annotators FOR SELECT TO svj_annotator USING (true)",
    "CREATE POLICY own_name ON annotators FOR INSERT TO svj_annotator WITH CHECK (name = current_user)",
    "CREATE POLICY own_display_name ON annotators FOR UPDATE TO svj_annotator USING (name = current_user) WITH CHECK "
    "(name = current_user)",
};

void runUnprepared(Workspace& workspace, const QString& statement, const QString& what) {
    QSqlQuery query(workspace.database());
    if (!query.exec(statement)) {
        throw WorkspaceError(workspace.path(), what + QStringLiteral(": ") + query.lastError().text());
    }
}

void requireOwner(Workspace& workspace, const char* action) {
    if (workspace.dialect().engine() != SqlEngine::Postgres) {
        throw WorkspaceError(workspace.path(), QStringLiteral("%1 needs a PostgreSQL workspace: an SQLite workspace "
                                                              "is one person's file")
                                                   .arg(QLatin1String(action)));
    }
    const WorkspaceSql sql(workspace);
    const QString owner =
        sql.scalar(QStringLiteral("SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = "
                                  "'labels'"))
            .toString();
    const QString me = sql.scalar(QStringLiteral("SELECT current_user")).toString();
    if (owner != me) {
        throw WorkspaceError(
            workspace.path(),
            QStringLiteral("%1 is for the workspace's owner (%2); you are %3").arg(QLatin1String(action), owner, me));
    }
}

} // namespace

void initTeam(Workspace& workspace, VoteVisibility votes) {
    requireOwner(workspace, "team init");
    workspace.transaction([&] {
        for (const char* statement : kTeamStatements) {
            runUnprepared(workspace, QString::fromLatin1(statement),
                          QStringLiteral("cannot set up the team (the owner needs CREATEROLE the first time, to "
                                         "create svj_annotator and svj_lead)"));
        }
        const WorkspaceSql sql(workspace);
        for (const auto& [key, value] : {std::pair{QStringLiteral("team"), QStringLiteral("1")},
                                         std::pair{QStringLiteral("team_votes"), votes == VoteVisibility::AfterOwnVote
                                                                                     ? QStringLiteral("after-own-vote")
                                                                                     : QStringLiteral("never")}}) {
            sql.run(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                                   "value = excluded.value"),
                    {key, value});
        }
    });
}

TeamMember addTeamMember(Workspace& workspace, const QString& role, TeamRole teamRole, const QString& password) {
    requireOwner(workspace, "team add");
    const WorkspaceSql sql(workspace);
    if (!sql.scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'team'")).isValid()) {
        throw WorkspaceError(workspace.path(), QStringLiteral("not a team workspace yet: run `svj db team init` "
                                                              "first"));
    }
    // A plain role name: it goes into statements that cannot take it as a parameter.
    if (!QRegularExpression(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$")).match(role).hasMatch() ||
        role.startsWith(QLatin1String("pg_")) || role.startsWith(QLatin1String("svj_"))) {
        throw WorkspaceError(workspace.path(), QStringLiteral("'%1' is not a role name for a team member (lower-case "
                                                              "letters, digits and _, not pg_ or svj_ first)")
                                                   .arg(role));
    }
    TeamMember member;
    member.role = role;
    workspace.transaction([&] {
        member.created = !sql.scalar(QStringLiteral("SELECT 1 FROM pg_roles WHERE rolname = ?"), {role}).isValid();
        if (member.created) {
            member.password = password;
            if (member.password.isEmpty()) {
                for (int i = 0; i < 4; ++i) {
                    member.password += QString::number(QRandomGenerator::system()->generate64(), 36);
                }
            }
            QString literal = member.password;
            literal.replace(QLatin1Char('\''), QLatin1String("''"));
            runUnprepared(workspace, QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(role, literal),
                          QStringLiteral("cannot create the login role %1").arg(role));
        }
        const QString group = teamRole == TeamRole::Lead ? QStringLiteral("svj_lead") : QStringLiteral("svj_annotator");
        runUnprepared(workspace, QStringLiteral("GRANT %1 TO %2").arg(group, role),
                      QStringLiteral("cannot make %1 a member of %2").arg(role, group));
        // The annotator's row, named by their login role: assignments can name them before they first log in.
        sql.run(QStringLiteral("INSERT INTO annotators (name) VALUES (?) ON CONFLICT DO NOTHING"), {role});
    });
    return member;
}

} // namespace svj::annotation
