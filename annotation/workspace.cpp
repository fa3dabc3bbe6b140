#include "annotation/workspace.h"

#include "annotation/schema.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

#include <chrono>

namespace svj::annotation {
namespace {

// SQLite's result codes for "someone else holds the lock".
bool isBusy(const QSqlError& error) {
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("5") || code == QLatin1String("6") || code.startsWith(QLatin1String("5:")) ||
           error.text().contains(QLatin1String("database is locked"), Qt::CaseInsensitive);
}

class BusyError : public WorkspaceError {
public:
    using WorkspaceError::WorkspaceError;
};

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

Workspace::Workspace(QString path, QString connection)
    : m_path(std::move(path))
    , m_connection(std::move(connection))
    , m_statements(std::make_unique<QHash<QString, QSqlQuery>>()) {}

Workspace::Workspace(Workspace&& other) noexcept
    : m_path(std::move(other.m_path))
    , m_connection(std::move(other.m_connection))
    , m_depth(other.m_depth)
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

namespace {

// A connection to `path` with the settings every workspace uses; throws WorkspaceError.
QString connect(const QString& path, bool readOnly) {
    const QString connection = QStringLiteral("svj-workspace-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    if (!database.isValid()) {
        QSqlDatabase::removeDatabase(connection);
        throw WorkspaceError(path, QStringLiteral("Qt's SQLite driver (QSQLITE) is not installed"));
    }
    database.setDatabaseName(path);
    // SQLite waits this long for a lock by itself; Workspace::transaction retries on top of it.
    database.setConnectOptions(readOnly ? QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000;QSQLITE_OPEN_READONLY")
                                        : QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000"));
    if (!database.open()) {
        const QString why = database.lastError().text();
        database = QSqlDatabase();
        QSqlDatabase::removeDatabase(connection);
        throw WorkspaceError(path, QStringLiteral("cannot open the database: ") + why);
    }
    return connection;
}

} // namespace

Workspace Workspace::create(const QString& path) {
    if (QFileInfo::exists(path)) {
        throw WorkspaceError(path, QStringLiteral("exists already (open it, or choose another name)"));
    }
    Workspace workspace(path, connect(path, false));
    workspace.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    workspace.exec(QStringLiteral("PRAGMA synchronous=FULL"));
    workspace.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    workspace.migrate();
    return workspace;
}

Workspace Workspace::open(const QString& path, bool readOnly) {
    const QFileInfo info(path);
    if (!info.exists()) {
        throw WorkspaceError(path, QStringLiteral("no such workspace (create one with `svj db init`)"));
    }
    if (!info.isFile() || !looksLikeSqlite(path)) {
        throw WorkspaceError(path, QStringLiteral("not a workspace: the file is not an SQLite database"));
    }
    if (!readOnly && !info.isWritable()) {
        throw WorkspaceError(path, QStringLiteral("the file is read-only: open it read-only to look at it, or make it "
                                                  "writable to label"));
    }
    Workspace workspace(path, connect(path, readOnly));
    const QString check = workspace.integrityCheck(false);
    if (check != QLatin1String("ok")) {
        throw WorkspaceError(path, QStringLiteral("the database is damaged (quick_check: %1)").arg(check));
    }
    if (!workspace.scalar(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'"))
             .isValid()) {
        throw WorkspaceError(path, QStringLiteral("not an SVJ workspace: an SQLite database without its tables"));
    }
    const int version = workspace.schemaVersion();
    if (version > latestSchemaVersion()) {
        throw WorkspaceError(path, QStringLiteral("was written by a newer SVJ Workbench (schema version %1; this one "
                                                  "knows up to %2): update SVJ Workbench to open it")
                                       .arg(version)
                                       .arg(latestSchemaVersion()));
    }
    if (!readOnly) {
        workspace.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        workspace.exec(QStringLiteral("PRAGMA synchronous=FULL"));
        workspace.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
        workspace.migrate();
    } else if (version < latestSchemaVersion()) {
        throw WorkspaceError(path, QStringLiteral("has schema version %1 and needs migrating to %2: open it once "
                                                  "for writing")
                                       .arg(version)
                                       .arg(latestSchemaVersion()));
    }
    return workspace;
}

int Workspace::schemaVersion() const {
    const QVariant tableThere =
        scalar(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'"));
    if (!tableThere.isValid()) {
        return 0;
    }
    const QVariant value = scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'"));
    return value.isValid() ? value.toInt() : 0;
}

void Workspace::migrate() {
    for (int version = schemaVersion() + 1; version <= latestSchemaVersion(); ++version) {
        // Each step in one transaction: a migration stopped half-way leaves the older schema intact.
        transaction([&] {
            for (const QString& statement : migrationTo(version)) {
                exec(statement);
            }
            exec(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)"),
                 {QString::number(version)});
            exec(QStringLiteral("INSERT OR IGNORE INTO meta (key, value) VALUES ('application', 'svj-workbench')"));
        });
    }
}

QSqlQuery Workspace::prepare(const QString& sql) const {
    QSqlQuery query(database());
    // Rows are read once, front to back: no client-side cache of every row.
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        const QSqlError error = query.lastError();
        if (isBusy(error)) {
            throw BusyError(m_path, error.text());
        }
        throw WorkspaceError(m_path, QStringLiteral("cannot prepare \"%1\": %2").arg(sql, error.text()));
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
        if (isBusy(error)) {
            throw BusyError(m_path, error.text());
        }
        throw WorkspaceError(m_path, QStringLiteral("\"%1\" failed: %2").arg(sql, error.text()));
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
    QSqlQuery& query = executeCached(sql, values);
    const qint64 id = query.lastInsertId().toLongLong();
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
            // IMMEDIATE: the write lock is taken here, where waiting and retrying are safe.
            exec(QStringLiteral("BEGIN IMMEDIATE"));
        } catch (const BusyError&) {
            if (Clock::now() > deadline) {
                throw WorkspaceError(m_path, QStringLiteral("another program kept the workspace locked for more than "
                                                            "20 s; nothing was written"));
            }
            QThread::msleep(static_cast<unsigned long>(delayMs));
            delayMs = std::min(delayMs * 2, 200);
            continue;
        }
        ++m_depth;
        try {
            work();
            exec(QStringLiteral("COMMIT"));
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

QStringList Workspace::aspects() const {
    const QVariant value = scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'aspects'"));
    return value.isValid() ? value.toString().split(QLatin1Char(','), Qt::SkipEmptyParts)
                           : QStringList{QStringLiteral("VQ"), QStringLiteral("MQ"), QStringLiteral("TA")};
}

void Workspace::setAspects(const QStringList& aspects) {
    for (const QString& aspect : aspects) {
        if (aspect.trimmed().isEmpty() || aspect.contains(QLatin1Char(','))) {
            throw WorkspaceError(
                m_path, QStringLiteral("an aspect name must be non-empty and without commas: '%1'").arg(aspect));
        }
    }
    transaction([&] {
        exec(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('aspects', ?)"),
             {aspects.join(QLatin1Char(','))});
    });
}

QString Workspace::integrityCheck(bool full) const {
    QSqlQuery query = exec(full ? QStringLiteral("PRAGMA integrity_check") : QStringLiteral("PRAGMA quick_check"));
    QStringList problems;
    while (query.next()) {
        problems << query.value(0).toString();
    }
    return problems.join(QStringLiteral("; "));
}

} // namespace svj::annotation
