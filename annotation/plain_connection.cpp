#include "annotation/plain_connection.h"

#include "annotation/sql_dialect.h"
#include "annotation/workspace.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace svj::annotation {

void runOnPlainConnection(const QString& text, const QStringList& statements,
                          const std::function<void(QSqlDatabase&)>& more) {
    const WorkspaceLocation location = WorkspaceLocation::parse(text);
    const SqlDialect dialect(location.engine);
    const QString connection = QStringLiteral("svj-plain-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString failure;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(dialect.driverName(), connection);
        dialect.configure(database, location, false);
        if (!database.open()) {
            failure = database.lastError().text();
        }
        for (const QString& statement : statements) {
            QSqlQuery query(database);
            if (failure.isEmpty() && !query.exec(statement)) {
                failure = statement + QStringLiteral(": ") + query.lastError().text();
            }
        }
        if (failure.isEmpty() && more) {
            more(database);
        }
    }
    QSqlDatabase::removeDatabase(connection);
    if (!failure.isEmpty()) {
        throw WorkspaceError(location.display, failure);
    }
}

} // namespace svj::annotation
