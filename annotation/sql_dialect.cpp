#include "annotation/sql_dialect.h"

#include "annotation/server_credentials.h"
#include "annotation/workspace.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QUrl>
#include <QUrlQuery>

namespace svj::annotation {

bool WorkspaceLocation::isServerUrl(const QString& text) {
    return text.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive) ||
           text.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

WorkspaceLocation WorkspaceLocation::parse(const QString& text) {
    WorkspaceLocation location;
    location.text = text;
    location.display = text;
    if (!isServerUrl(text)) {
        return location;
    }
    location.engine = SqlEngine::Postgres;
    const SplitLocation split = splitPassword(text);
    location.text = location.display = split.location;
    location.password = split.password;
    const QUrl url(location.text, QUrl::StrictMode);
    // The host may come from a service of pg_service.conf (postgresql:///labels?service=team) or libpq's host option.
    const QUrlQuery query(url);
    const bool hostElsewhere =
        query.hasQueryItem(QStringLiteral("service")) || query.hasQueryItem(QStringLiteral("host"));
    if (!url.isValid() || (url.host().isEmpty() && !hostElsewhere) || url.path().size() < 2) {
        throw WorkspaceError(location.display, QStringLiteral("not a PostgreSQL URL: write "
                                                              "postgresql://user@host[:port]/database"));
    }
    return location;
}

bool WorkspaceLocation::isLocalServer() const {
    const QUrl url(text);
    const QUrlQuery query(url);
    // libpq's host option, where given, is the one it connects to.
    const QString host = query.hasQueryItem(QStringLiteral("host"))
                             ? query.queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded)
                             : url.host();
    if (host.startsWith(QLatin1Char('/')) || host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    return host.startsWith(QLatin1String("127.")) || host == QLatin1String("::1") || host == QLatin1String("[::1]");
}

QString WorkspaceLocation::sslMode() const {
    const QUrlQuery query{QUrl(text)};
    if (query.hasQueryItem(QStringLiteral("sslmode"))) {
        return query.queryItemValue(QStringLiteral("sslmode"), QUrl::FullyDecoded);
    }
    const QByteArray fromEnvironment = qgetenv("PGSSLMODE");
    if (!fromEnvironment.isEmpty()) {
        return QString::fromLocal8Bit(fromEnvironment);
    }
    if (query.hasQueryItem(QStringLiteral("service")) && QUrl(text).host().isEmpty()) {
        return {}; // the service's own (its host is not known here): set sslmode there
    }
    return isLocalServer() ? QStringLiteral("prefer") : QStringLiteral("verify-full");
}

void throwOpenFailure(const WorkspaceLocation& location, const QString& why) {
    const QString& where = location.display;
    if (why.contains(QLatin1String("does not support SSL"))) {
        throw WorkspaceError(where, QStringLiteral("the server offers no TLS, and this connection requires it "
                                                   "(sslmode=%1%2). Turn TLS on at the server; on a network you "
                                                   "trust, ?sslmode=disable in the URL connects without it")
                                        .arg(location.sslMode(), location.isLocalServer()
                                                                     ? QString()
                                                                     : QStringLiteral(", the default for a "
                                                                                      "server on another machine")));
    }
    if (why.contains(QLatin1String("root certificate file"))) {
        throw WorkspaceError(where, QStringLiteral("no root certificate to check the server's certificate with "
                                                   "(sslmode=%1): add ?sslrootcert=PATH, the certificate of the "
                                                   "authority that signed the server's, or put it in "
                                                   "~/.postgresql/root.crt")
                                        .arg(location.sslMode()));
    }
    if (why.contains(QLatin1String("no password supplied"))) {
        throw WorkspacePasswordError(where, QStringLiteral("the server wants a password: put it in %1 "
                                                           "(host:port:database:user:password, mode 0600), name a "
                                                           "service of pg_service.conf, or type it when asked")
                                                .arg(passwordFilePath()));
    }
    if (why.contains(QLatin1String("password authentication failed"))) {
        throw WorkspacePasswordError(where, QStringLiteral("the server refused the password (%1)").arg(why.trimmed()));
    }
    throw WorkspaceError(where, QStringLiteral("cannot open the database: ") + why);
}

QString SqlDialect::driverName() const {
    return m_engine == SqlEngine::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
}

QString SqlDialect::driverPackage() const {
    return m_engine == SqlEngine::Sqlite ? QStringLiteral("libqt6sql6-sqlite") : QStringLiteral("libqt6sql6-psql");
}

void SqlDialect::configure(QSqlDatabase& database, const WorkspaceLocation& location, bool readOnly) const {
    if (m_engine == SqlEngine::Sqlite) {
        database.setDatabaseName(location.text);
        // SQLite waits this long for a lock by itself; Workspace::transaction retries on top of it.
        database.setConnectOptions(readOnly ? QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000;QSQLITE_OPEN_READONLY")
                                            : QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000"));
        return;
    }
    const QUrl url(location.text);
    database.setHostName(url.host());
    if (url.port() != -1) {
        database.setPort(url.port()); // else libpq's default, PGPORT or a service's
    }
    database.setDatabaseName(url.path().mid(1));
    database.setUserName(url.userName());
    // Empty leaves libpq to its own sources: PGPASSWORD, the password file, a service.
    database.setPassword(location.password.isEmpty() ? rememberedPassword(location.text) : location.password);
    // Values quoted the way libpq's conninfo reads them (the driver passes the options on as they are).
    const auto option = [](const QString& key, QString value) {
        value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        value.replace(QLatin1Char('\''), QLatin1String("\\'"));
        return key + QStringLiteral("='") + value + QLatin1Char('\'');
    };
    QStringList options{option(QStringLiteral("connect_timeout"), QStringLiteral("10")),
                        option(QStringLiteral("application_name"), QStringLiteral("svj-workbench"))};
    if (const QString mode = location.sslMode(); !mode.isEmpty()) {
        options << option(QStringLiteral("sslmode"), mode);
    }
    for (const auto& [key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        if (key != QLatin1String("sslmode") && key != QLatin1String("password")) {
            options << option(key, value);
        }
    }
    database.setConnectOptions(options.join(QLatin1Char(';')));
}

QStringList SqlDialect::sessionSettings(bool readOnly) const {
    if (m_engine == SqlEngine::Sqlite) {
        if (readOnly) {
            return {};
        }
        return {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=FULL"),
                QStringLiteral("PRAGMA foreign_keys=ON")};
    }
    // lock_timeout plays SQLite's busy timeout: a waiting writer gives up after 2 s and transaction() retries.
    QStringList settings{QStringLiteral("SET lock_timeout = '2s'"), QStringLiteral("SET client_min_messages = warning"),
                         QStringLiteral("SET synchronous_commit = on")};
    if (readOnly) {
        settings << QStringLiteral("SET default_transaction_read_only = on");
    }
    return settings;
}

QString SqlDialect::schemaStatement(const QString& portable) const {
    QString statement = portable;
    if (m_engine == SqlEngine::Sqlite) {
        // AUTOINCREMENT never reuses an id, so a label id acknowledged to a user and later superseded still
        // names that one row.
        statement.replace(QLatin1String("{id}"), QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"));
        statement.replace(QLatin1String("{real}"), QLatin1String("REAL"));
    } else {
        statement.replace(QLatin1String("{id}"), QLatin1String("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
        statement.replace(QLatin1String("{real}"), QLatin1String("DOUBLE PRECISION"));
    }
    return statement;
}

QString SqlDialect::tableExistsQuery() const {
    return m_engine == SqlEngine::Sqlite
               ? QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")
               : QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                "current_schema() AND table_name = ?");
}

QStringList SqlDialect::beginWrite() const {
    if (m_engine == SqlEngine::Sqlite) {
        return {QStringLiteral("BEGIN IMMEDIATE")};
    }
    // One lock per database; the key is arbitrary but fixed ("SVJW").
    return {QStringLiteral("BEGIN"), QStringLiteral("SELECT pg_advisory_xact_lock(1398163031)")};
}

QString SqlDialect::insertReturningId(const QString& insert) const {
    return m_engine == SqlEngine::Postgres ? insert + QStringLiteral(" RETURNING id") : insert;
}

bool SqlDialect::isBusy(const QSqlError& error) const {
    const QString code = error.nativeErrorCode();
    if (m_engine == SqlEngine::Postgres) {
        // lock_not_available (lock_timeout), serialization_failure, deadlock_detected
        return code == QLatin1String("55P03") || code == QLatin1String("40001") || code == QLatin1String("40P01");
    }
    // SQLite's SQLITE_BUSY and SQLITE_LOCKED (and their extended codes)
    return code == QLatin1String("5") || code == QLatin1String("6") || code.startsWith(QLatin1String("5:")) ||
           error.text().contains(QLatin1String("database is locked"), Qt::CaseInsensitive);
}

QString SqlDialect::integrityPragma(bool full) const {
    return full ? QStringLiteral("PRAGMA integrity_check") : QStringLiteral("PRAGMA quick_check");
}

} // namespace svj::annotation
