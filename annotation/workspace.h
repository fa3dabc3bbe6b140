// A workspace: one label-store database (an SQLite file in WAL mode, or a PostgreSQL database for a team) with
// its schema version, forward migrations and an integrity check on open, and transactions that wait out another
// process's lock.
#pragma once

#include "annotation/sql_dialect.h"

#include <QDateTime>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantList>

#include <functional>
#include <memory>
#include <stdexcept>

namespace svj::annotation {

// What went wrong with a workspace, naming it: not a database, a newer schema, a failed statement.
class WorkspaceError : public std::runtime_error {
public:
    WorkspaceError(const QString& location, const QString& what);
    QString location() const { return m_location; }

private:
    QString m_location;
};

// The server wants a password that none of libpq's sources had (this process's memory, PGPASSWORD, the password
// file, a service), or refused the one it was given: the GUI asks for it and tries again.
class WorkspacePasswordError : public WorkspaceError {
public:
    using WorkspaceError::WorkspaceError;
};

class Workspace {
public:
    // `location` is an SQLite file path or a postgresql:// URL (see WorkspaceLocation).
    // A new, empty workspace; refuses an existing file, or a PostgreSQL database that has tables already.
    static Workspace create(const QString& location);
    // An existing workspace: checks it is one and is intact (SQLite's `quick_check`; on PostgreSQL, that every
    // table is there), migrates an older schema forward and refuses a newer one. `readOnly` opens without writing
    // anything (no migration).
    static Workspace open(const QString& location, bool readOnly = false);

    Workspace(Workspace&& other) noexcept;
    Workspace& operator=(Workspace&&) = delete;
    Workspace(const Workspace&) = delete;
    ~Workspace();

    // The file path, or the server URL without its password: for messages.
    QString path() const { return m_location.display; }
    const SqlDialect& dialect() const { return m_dialect; }
    int schemaVersion() const;
    static int currentSchemaVersion();
    QSqlDatabase database() const;

    // Runs `work` in one transaction: all of it is committed or none (called inside another, it joins it). While
    // another process holds the write lock it retries with backoff (bounded: about 20 s), so a user never sees
    // "database is locked"; past that, or on any other failure, throws WorkspaceError and nothing of `work` is kept.
    void transaction(const std::function<void()>& work);

    // A team workspace (PostgreSQL after `svj db team init`, team_workspace.h): the login role this connection
    // labels as, which the server's policies check. "" for every other workspace.
    const QString& teamRole() const { return m_teamRole; }
    // Who a label, an undo, a skip is from: on a team workspace always the login role (a name asked for is only a
    // display name there), elsewhere the name asked for.
    QString identity(const QString& requested) const { return m_teamRole.isEmpty() ? requested : m_teamRole; }

    // The aspects annotators rate beside the overall verdict (default VQ, MQ, TA: VideoGen-RewardBench's).
    QStringList aspects() const;
    void setAspects(const QStringList& aspects);

    // "ok", or what `PRAGMA integrity_check` (full) / `quick_check` found (PostgreSQL: the missing tables).
    QString integrityCheck(bool full = true) const;

    // The clock whose time goes into the rows this workspace writes (created_at, scored_at): the system's UTC
    // time unless a caller (a test, a replay) sets its own, so stored times can be exact.
    using WallClock = std::function<QDateTime()>;
    void setClock(WallClock clock);
    // The clock's time as the store writes it: UTC, ISO 8601 with milliseconds.
    QString timestamp() const;

    // Where the copy taken before this open migrated an SQLite workspace's schema lies ("" when nothing was
    // migrated): WORKSPACE.schema-N.backup, N the version it had. Told to the user by whoever opened it.
    QString migrationBackup() const { return m_migrationBackup; }

private:
    // The raw SQL: only annotation/'s units and the tests reach it, through WorkspaceSql (annotation/workspace_sql.h).
    friend class WorkspaceSql;

    // Prepares and runs one statement with positional `?` values; throws WorkspaceError naming the
    // statement. The query is positioned before its first row.
    QSqlQuery exec(const QString& sql, const QVariantList& values = {}) const;
    // The first column of the first row, or an invalid QVariant when there is none.
    QVariant scalar(const QString& sql, const QVariantList& values = {}) const;
    // Runs an INSERT and returns the id of the row it added.
    qint64 insert(const QString& sql, const QVariantList& values = {}) const;
    // Runs a statement whose rows nobody reads (UPDATE, INSERT ... ON CONFLICT DO NOTHING, ...).
    void run(const QString& sql, const QVariantList& values = {}) const;
    // scalar(), insert() and run() keep their statements prepared (an import runs the same few statements
    // 100,000 times); exec() prepares afresh, since its caller holds the live query.

    Workspace(WorkspaceLocation location, QString connection);
    static QString connect(const WorkspaceLocation& location, const SqlDialect& dialect, bool readOnly);
    bool hasTable(const QString& table) const;
    void applySessionSettings(bool readOnly);
    // Runs a statement unprepared: PostgreSQL prepares only queries and DML, not SET, BEGIN or COMMIT.
    void command(const QString& sql) const;
    void migrate();
    // Prepares `sql`; runs a prepared statement with positional `values`. Both throw WorkspaceError (or its
    // busy kind, which transaction() retries).
    QSqlQuery prepare(const QString& sql) const;
    void execute(QSqlQuery& query, const QString& sql, const QVariantList& values) const;
    // A prepared statement for `sql`, run with `values`; its rows must be read before the next use.
    QSqlQuery& executeCached(const QString& sql, const QVariantList& values) const;

    WorkspaceLocation m_location;
    SqlDialect m_dialect;
    QString m_connection;
    int m_depth = 0; // transaction() inside transaction() joins the outer one
    QString m_migrationBackup;
    QString m_teamRole;
    WallClock m_clock;
    mutable std::unique_ptr<QHash<QString, QSqlQuery>> m_statements;
};

} // namespace svj::annotation
