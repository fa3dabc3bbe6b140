#include "annotation/workspace.h"

#include "annotation/schema.h"
#include "media/durable_file.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

#include <cerrno>
#include <chrono>

namespace svj::annotation {
namespace {

class BusyError : public WorkspaceError {
public:
    using WorkspaceError::WorkspaceError;
};

// What a team workspace's server refused, in the words of its rules (team_workspace.h), from the statement.
QString refusalMessage(const QString& sql, const QString& role) {
    const QString who = role.isEmpty() ? QString() : QStringLiteral(" (you are %1)").arg(role);
    if (sql.startsWith(QLatin1String("INSERT INTO labels")) && sql.contains(QLatin1String("'undone'"))) {
        return QStringLiteral("you can undo only your own labels") + who;
    }
    if (sql.startsWith(QLatin1String("INSERT INTO labels"))) {
        return QStringLiteral("you can label only as yourself") + who;
    }
    if (sql.startsWith(QLatin1String("INSERT INTO annotators"))) {
        return QStringLiteral("only a lead can name other annotators (assign pairs to them)") + who;
    }
    if (sql.startsWith(QLatin1String("UPDATE labels")) || sql.startsWith(QLatin1String("DELETE FROM labels"))) {
        return QStringLiteral("labels are append-only: a correction or an undo is a new label") + who;
    }
    if (sql.contains(QLatin1String("adjudications"))) {
        return QStringLiteral("only a lead can adjudicate") + who;
    }
    if (sql.startsWith(QLatin1String("INSERT INTO assignments"))) {
        return QStringLiteral("only a lead can assign pairs") + who;
    }
    if (sql.startsWith(QLatin1String("UPDATE assignments"))) {
        return QStringLiteral("you can skip or flag only your own assignments") + who;
    }
    if (sql.contains(QLatin1String("videos")) || sql.contains(QLatin1String("pairs")) ||
        sql.contains(QLatin1String("prompts"))) {
        return QStringLiteral("only a lead can import videos and pairs") + who;
    }
    return QStringLiteral("your role may not do this on this team workspace") + who;
}

bool looksLikeSqlite(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QByteArray head = file.read(16);
    return file.size() == 0 || head == QByteArray("SQLite format 3\0", 16);
}

} // namespace

WorkspaceError::WorkspaceError(const QString& location, const QString& what)
    : std::runtime_error((location + QStringLiteral(": ") + what).toStdString())
    , m_location(location) {}

Workspace::Workspace(WorkspaceLocation location, QString connection)
    : m_location(std::move(location))
    , m_dialect(m_location.engine)
    , m_connection(std::move(connection))
    , m_statements(std::make_unique<QHash<QString, QSqlQuery>>()) {}

Workspace::Workspace(Workspace&& other) noexcept
    : m_location(std::move(other.m_location))
    , m_dialect(other.m_dialect)
    , m_connection(std::move(other.m_connection))
    , m_depth(other.m_depth)
    , m_migrationBackup(std::move(other.m_migrationBackup))
    , m_teamRole(std::move(other.m_teamRole))
    , m_clock(std::move(other.m_clock))
    , m_statements(std::move(other.m_statements)) {
    other.m_connection.clear();
}

Workspace::~Workspace() {
    if (m_connection.isEmpty()) {
        return;
    }
    m_statements.reset(); // every query goes before its connection
    {
        QSqlDatabase database = QSqlDatabase::database(m_connection, false);
        database.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QSqlDatabase Workspace::database() const {
    return QSqlDatabase::database(m_connection, false);
}

int Workspace::currentSchemaVersion() {
    return latestSchemaVersion();
}

QString Workspace::connect(const WorkspaceLocation& location, const SqlDialect& dialect, bool readOnly) {
    const QString connection = QStringLiteral("svj-workspace-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlDatabase database = QSqlDatabase::addDatabase(dialect.driverName(), connection);
    if (!database.isValid()) {
        QSqlDatabase::removeDatabase(connection);
        throw WorkspaceError(location.display, QStringLiteral("Qt's %1 driver is not installed (Debian package %2)")
                                                   .arg(dialect.driverName(), dialect.driverPackage()));
    }
    dialect.configure(database, location, readOnly);
    if (!database.open()) {
        const QString why = database.lastError().text();
        database = QSqlDatabase();
        QSqlDatabase::removeDatabase(connection);
        throwOpenFailure(location, why);
    }
    return connection;
}

bool Workspace::hasTable(const QString& table) const {
    return scalar(m_dialect.tableExistsQuery(), {table}).isValid();
}

void Workspace::applySessionSettings(bool readOnly) {
    for (const QString& setting : m_dialect.sessionSettings(readOnly)) {
        command(setting);
    }
}

void Workspace::command(const QString& sql) const {
    QSqlQuery query(database());
    if (!query.exec(sql)) {
        const QSqlError error = query.lastError();
        if (m_dialect.isBusy(error)) {
            throw BusyError(m_location.display, error.text());
        }
        throw WorkspaceError(m_location.display, QStringLiteral("\"%1\" failed: %2").arg(sql, error.text()));
    }
}

Workspace Workspace::create(const QString& text) {
    const WorkspaceLocation location = WorkspaceLocation::parse(text);
    if (location.engine == SqlEngine::Sqlite && QFileInfo::exists(location.text)) {
        throw WorkspaceError(location.display, QStringLiteral("exists already (open it, or choose another name)"));
    }
    const SqlDialect dialect(location.engine);
    Workspace workspace(location, connect(location, dialect, false));
    if (location.engine == SqlEngine::Postgres) {
        if (workspace.hasTable(QStringLiteral("meta"))) {
            throw WorkspaceError(location.display, QStringLiteral("holds a workspace already (open it, or create "
                                                                  "one in another database)"));
        }
        for (const QString& table : schemaTables()) {
            if (workspace.hasTable(table)) {
                throw WorkspaceError(location.display, QStringLiteral("the database has a table '%1' of its own: "
                                                                      "create the workspace in an empty database")
                                                           .arg(table));
            }
        }
    }
    workspace.applySessionSettings(false);
    workspace.migrate();
    return workspace;
}

Workspace Workspace::open(const QString& text, bool readOnly) {
    const WorkspaceLocation location = WorkspaceLocation::parse(text);
    const QString& path = location.display;
    if (location.engine == SqlEngine::Sqlite) {
        const QFileInfo info(location.text);
        if (!info.exists()) {
            throw WorkspaceError(path, QStringLiteral("no such workspace (create one with `svj db init`)"));
        }
        if (!info.isFile() || !looksLikeSqlite(location.text)) {
            throw WorkspaceError(path, QStringLiteral("not a workspace: the file is not an SQLite database"));
        }
        if (!readOnly && !info.isWritable()) {
            throw WorkspaceError(path, QStringLiteral("the file is read-only: open it read-only to look at it, or "
                                                      "make it writable to label"));
        }
    }
    const SqlDialect dialect(location.engine);
    Workspace workspace(location, connect(location, dialect, readOnly));
    if (dialect.hasIntegrityPragma()) {
        const QString check = workspace.integrityCheck(false);
        if (check != QLatin1String("ok")) {
            throw WorkspaceError(path, QStringLiteral("the database is damaged (quick_check: %1)").arg(check));
        }
    }
    if (!workspace.hasTable(QStringLiteral("meta"))) {
        throw WorkspaceError(path, location.engine == SqlEngine::Sqlite
                                       ? QStringLiteral("not an SVJ workspace: an SQLite database without its tables")
                                       : QStringLiteral("not an SVJ workspace: the database has no workspace tables "
                                                        "(create one with `svj db init URL`)"));
    }
    const int version = workspace.schemaVersion();
    if (version > latestSchemaVersion()) {
        throw WorkspaceError(path, QStringLiteral("was written by a newer SVJ Workbench (schema version %1; this one "
                                                  "knows up to %2): update SVJ Workbench to open it")
                                       .arg(version)
                                       .arg(latestSchemaVersion()));
    }
    workspace.applySessionSettings(readOnly);
    if (!readOnly) {
        workspace.migrate();
    } else if (version < latestSchemaVersion()) {
        throw WorkspaceError(path, QStringLiteral("has schema version %1 and needs migrating to %2: open it once "
                                                  "for writing")
                                       .arg(version)
                                       .arg(latestSchemaVersion()));
    }
    if (!dialect.hasIntegrityPragma()) {
        const QString check = workspace.integrityCheck(false);
        if (check != QLatin1String("ok")) {
            throw WorkspaceError(path, QStringLiteral("the workspace is incomplete (%1)").arg(check));
        }
        if (workspace.scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'team'")).isValid()) {
            workspace.m_teamRole = workspace.scalar(QStringLiteral("SELECT current_user")).toString();
        }
    }
    return workspace;
}

int Workspace::schemaVersion() const {
    if (!hasTable(QStringLiteral("meta"))) {
        return 0;
    }
    const QVariant value = scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'"));
    return value.isValid() ? value.toInt() : 0;
}

void Workspace::migrate() {
    const int from = schemaVersion();
    if (from > 0 && from < latestSchemaVersion() && m_dialect.engine() == SqlEngine::Sqlite) {
        // A whole, consistent copy of the workspace as it was (WAL included) before anything changes it. It
        // is written under a temporary name and renamed once on disk (VACUUM INTO neither syncs nor cleans
        // up after a kill), and never over an earlier copy: that may be of another life of this path.
        const QString base = m_location.text + QStringLiteral(".schema-%1.backup").arg(from);
        QString backup = base;
        for (int n = 2; QFileInfo::exists(backup); ++n) {
            backup = base + QLatin1Char('.') + QString::number(n);
        }
        const QString partial =
            backup + QStringLiteral(".partial-") + QString::number(QCoreApplication::applicationPid());
        QFile::remove(partial);
        command(
            QStringLiteral("VACUUM INTO '%1'").arg(QString(partial).replace(QLatin1Char('\''), QStringLiteral("''"))));
        if (!media::syncAndRename(QFile::encodeName(partial).toStdString(), QFile::encodeName(backup).toStdString())) {
            const int error = errno;
            QFile::remove(partial);
            throw WorkspaceError(m_location.display,
                                 QStringLiteral("cannot keep the copy made before the schema migration (%1): %2")
                                     .arg(backup, qt_error_string(error)));
        }
        m_migrationBackup = backup;
        qInfo("%s: schema version %d migrated to %d; the workspace as it was is in %s", qPrintable(path()), from,
              latestSchemaVersion(), qPrintable(backup));
    }
    for (int version = from + 1; version <= latestSchemaVersion(); ++version) {
        // Each step in one transaction: a migration stopped half-way leaves the older schema intact.
        transaction([&] {
            for (const QString& statement : migrationTo(version)) {
                command(m_dialect.schemaStatement(statement));
            }
            exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO "
                                "UPDATE SET value = excluded.value"),
                 {QString::number(version)});
            exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('application', 'svj-workbench') ON CONFLICT "
                                "DO NOTHING"));
        });
    }
}

QSqlQuery Workspace::prepare(const QString& sql) const {
    QSqlQuery query(database());
    // Rows are read once, front to back: no client-side cache of every row. Not on PostgreSQL, where a
    // forward-only query streams its rows and holds the connection until read to the end, while the store
    // runs other statements between rows.
    query.setForwardOnly(m_dialect.engine() == SqlEngine::Sqlite);
    if (!query.prepare(sql)) {
        const QSqlError error = query.lastError();
        if (m_dialect.isBusy(error)) {
            throw BusyError(m_location.display, error.text());
        }
        throw WorkspaceError(m_location.display, QStringLiteral("cannot prepare \"%1\": %2").arg(sql, error.text()));
    }
    return query;
}

void Workspace::execute(QSqlQuery& query, const QString& sql, const QVariantList& values) const {
    for (qsizetype i = 0; i < values.size(); ++i) {
        query.bindValue(static_cast<int>(i), values[i]);
    }
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        query.finish();
        if (m_dialect.isBusy(error)) {
            throw BusyError(m_location.display, error.text());
        }
        if (error.nativeErrorCode() == QLatin1String("42501")) { // a grant or a row-level policy said no
            throw WorkspaceError(m_location.display, refusalMessage(sql, m_teamRole));
        }
        throw WorkspaceError(m_location.display, QStringLiteral("\"%1\" failed: %2").arg(sql, error.text()));
    }
}

QSqlQuery Workspace::exec(const QString& sql, const QVariantList& values) const {
    QSqlQuery query = prepare(sql);
    execute(query, sql, values);
    return query;
}

QSqlQuery& Workspace::executeCached(const QString& sql, const QVariantList& values) const {
    auto it = m_statements->find(sql);
    if (it == m_statements->end()) {
        it = m_statements->insert(sql, prepare(sql));
    }
    execute(it.value(), sql, values);
    return it.value();
}

QVariant Workspace::scalar(const QString& sql, const QVariantList& values) const {
    QSqlQuery& query = executeCached(sql, values);
    const QVariant value = query.next() ? query.value(0) : QVariant();
    query.finish();
    return value;
}

qint64 Workspace::insert(const QString& sql, const QVariantList& values) const {
    QSqlQuery& query = executeCached(m_dialect.insertReturningId(sql), values);
    qint64 id = 0;
    if (m_dialect.insertedIdIsReturned()) {
        id = query.next() ? query.value(0).toLongLong() : 0;
    } else {
        id = query.lastInsertId().toLongLong();
    }
    query.finish();
    return id;
}

void Workspace::run(const QString& sql, const QVariantList& values) const {
    executeCached(sql, values).finish();
}

void Workspace::transaction(const std::function<void()>& work) {
    if (m_depth > 0) {
        work();
        return;
    }
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + std::chrono::seconds(20);
    int delayMs = 5;
    for (;;) {
        try {
            // The write lock is taken here, where waiting and retrying are safe.
            for (const QString& statement : m_dialect.beginWrite()) {
                command(statement);
            }
        } catch (const BusyError&) {
            QSqlQuery rollback(database());
            rollback.exec(QStringLiteral("ROLLBACK")); // PostgreSQL: BEGIN went through, the lock did not
            if (Clock::now() > deadline) {
                throw WorkspaceError(m_location.display,
                                     QStringLiteral("another program kept the workspace locked for more than "
                                                    "20 s; nothing was written"));
            }
            QThread::msleep(static_cast<unsigned long>(delayMs));
            delayMs = std::min(delayMs * 2, 200);
            continue;
        }
        ++m_depth;
        try {
            work();
            command(QStringLiteral("COMMIT"));
            --m_depth;
            return;
        } catch (...) {
            --m_depth;
            QSqlQuery rollback(database());
            rollback.exec(QStringLiteral("ROLLBACK"));
            throw;
        }
    }
}

void Workspace::setClock(WallClock clock) {
    m_clock = std::move(clock);
}

QString Workspace::timestamp() const {
    const QDateTime time = m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QStringList Workspace::aspects() const {
    const QVariant value = scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'aspects'"));
    return value.isValid() ? value.toString().split(QLatin1Char(','), Qt::SkipEmptyParts)
                           : QStringList{QStringLiteral("VQ"), QStringLiteral("MQ"), QStringLiteral("TA")};
}

void Workspace::setAspects(const QStringList& aspects) {
    for (const QString& aspect : aspects) {
        if (aspect.trimmed().isEmpty() || aspect.contains(QLatin1Char(','))) {
            throw WorkspaceError(
                m_location.display,
                QStringLiteral("an aspect name must be non-empty and without commas: '%1'").arg(aspect));
        }
    }
    transaction([&] {
        exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('aspects', ?) ON CONFLICT (key) DO UPDATE SET "
                            "value = excluded.value"),
             {aspects.join(QLatin1Char(','))});
    });
}

QString Workspace::integrityCheck(bool full) const {
    QStringList problems;
    if (!m_dialect.hasIntegrityPragma()) {
        for (const QString& table : schemaTables()) {
            if (!hasTable(table)) {
                problems << QStringLiteral("table '%1' is missing").arg(table);
            }
        }
        return problems.isEmpty() ? QStringLiteral("ok") : problems.join(QStringLiteral("; "));
    }
    QSqlQuery query = exec(m_dialect.integrityPragma(full));
    while (query.next()) {
        problems << query.value(0).toString();
    }
    return problems.join(QStringLiteral("; "));
}

} // namespace svj::annotation
