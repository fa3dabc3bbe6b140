#include "annotation/sql_runtime.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <stdexcept>

namespace svj::annotation {

QString sqliteVersion() {
    // A private, in-memory connection: asking must not disturb any workspace connection.
    const QString connectionName = QStringLiteral("svj-sqlite-version-") + QUuid::createUuid().toString();
    QString version;
    QString failure;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        database.setDatabaseName(QStringLiteral(":memory:"));
        if (!database.isValid()) {
            failure = QStringLiteral("Qt's SQLite driver (QSQLITE) is not installed");
        } else if (!database.open()) {
            failure = database.lastError().text();
        } else {
            QSqlQuery query(database);
            if (query.exec(QStringLiteral("SELECT sqlite_version()")) && query.next()) {
                version = query.value(0).toString();
            } else {
                failure = query.lastError().text();
            }
        }
    }
    QSqlDatabase::removeDatabase(connectionName);
    if (!failure.isEmpty()) {
        throw std::runtime_error("cannot query SQLite: " + failure.toStdString());
    }
    return version;
}

QStringList sqlDrivers() {
    return QSqlDatabase::drivers();
}

} // namespace svj::annotation
