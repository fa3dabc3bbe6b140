// The label store's two SQL engines, SQLite (a workspace file) and PostgreSQL (a team server), and every
// difference between them that the store meets: drivers, column types, session settings, write locking,
// inserted ids, lock errors and integrity checks. Everything else in annotation/ is engine-neutral SQL.
#pragma once

#include <QString>
#include <QStringList>

class QSqlDatabase;
class QSqlError;

namespace svj::annotation {

enum class SqlEngine { Sqlite, Postgres };

// Where a workspace lives: an SQLite file path, or a `postgresql://user@host[:port]/database[?opts]` URL
// (`postgres://` too). Options are libpq's (`sslmode=verify-ca`, `sslrootcert=PATH`, `connect_timeout=5`). A
// server that is not this machine gets `sslmode=verify-full` unless the URL says otherwise. A password in the URL
// is taken out of it (server_credentials.h): `text` never holds one.
struct WorkspaceLocation {
    SqlEngine engine = SqlEngine::Sqlite;
    QString text;     // the path, or the URL without a password: what is stored, shown and passed on
    QString display;  // for messages and listings (the same as `text`)
    QString password; // a password the URL carried: memory only

    // Throws WorkspaceError on a malformed URL (no host or no database name).
    static WorkspaceLocation parse(const QString& text);
    static bool isServerUrl(const QString& text);
    // A server reached through a Unix socket or a loopback address (no TLS needed by default).
    bool isLocalServer() const;
    // The sslmode a connection uses: the URL's (or PGSSLMODE), else verify-full for a server elsewhere, prefer for
    // this machine; "" for a service without a host in the URL (the service file's sslmode applies).
    QString sslMode() const;
};

// Throws the WorkspaceError for a connection to `location` that did not open (`why`: the driver's message), in
// words a user can act on where the cause is known: no TLS, no root certificate, no or a wrong password
// (WorkspacePasswordError).
[[noreturn]] void throwOpenFailure(const WorkspaceLocation& location, const QString& why);

class SqlDialect {
public:
    explicit SqlDialect(SqlEngine engine)
        : m_engine(engine) {}

    SqlEngine engine() const { return m_engine; }
    // The Qt SQL driver for the engine and the Debian package that ships it.
    QString driverName() const;
    QString driverPackage() const;

    // Configures (not opens) `database` for `location`.
    void configure(QSqlDatabase& database, const WorkspaceLocation& location, bool readOnly) const;
    // Run once per connection, after it opened.
    QStringList sessionSettings(bool readOnly) const;

    // A schema statement written with {id} (an ever-increasing primary key, never reused) and {real} (a double).
    QString schemaStatement(const QString& portable) const;
    // A query with one `?` (a table name) that yields a row when the table exists.
    QString tableExistsQuery() const;

    // The statements that start a write transaction holding the workspace's write lock until COMMIT: SQLite's
    // BEGIN IMMEDIATE; on PostgreSQL an advisory lock, so writers take turns exactly as on SQLite (the store's
    // read-then-write steps rely on that) while readers never wait.
    QStringList beginWrite() const;
    // An INSERT whose new id the caller reads: PostgreSQL has no lastInsertId for identity columns, so the
    // statement returns it.
    QString insertReturningId(const QString& insert) const;
    bool insertedIdIsReturned() const { return m_engine == SqlEngine::Postgres; }

    // Whether `error` means "another connection holds the lock; try again".
    bool isBusy(const QSqlError& error) const;

    // SQLite's own check (`quick_check` or the full `integrity_check`); PostgreSQL keeps its files consistent
    // itself, so there the check is that every table of the schema is present.
    bool hasIntegrityPragma() const { return m_engine == SqlEngine::Sqlite; }
    QString integrityPragma(bool full) const;

private:
    SqlEngine m_engine;
};

} // namespace svj::annotation
