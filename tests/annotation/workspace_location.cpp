#include "tests/annotation/workspace_location.h"

#include "annotation/sql_dialect.h"

#include <QCoreApplication>
#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

#include <stdexcept>

namespace svj::test {

using annotation::SqlDialect;
using annotation::WorkspaceLocation;

bool onPostgres() {
    return !qEnvironmentVariable("SVJ_TEST_POSTGRES").isEmpty();
}

void runRaw(const QString& text, const QStringList& statements) {
    const WorkspaceLocation location = WorkspaceLocation::parse(text);
    const SqlDialect dialect(location.engine);
    const QString connection = QStringLiteral("svj-test-raw-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
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
    }
    QSqlDatabase::removeDatabase(connection);
    if (!failure.isEmpty()) {
        throw std::runtime_error((location.display + QStringLiteral(": ") + failure).toStdString());
    }
}

QString newWorkspaceLocation(const QString& dir, const QString& name) {
    if (!onPostgres()) {
        return QDir(dir).filePath(name);
    }
    static int counter = 0;
    QString database = QStringLiteral("svj_%1_%2_%3")
                           .arg(QCoreApplication::applicationPid())
                           .arg(++counter)
                           .arg(QString(name).replace(QLatin1Char('.'), QLatin1Char('_')).toLower());
    const QString admin = qEnvironmentVariable("SVJ_TEST_POSTGRES");
    runRaw(admin, {QStringLiteral("CREATE DATABASE %1").arg(database)});
    QUrl url(admin);
    url.setPath(QLatin1Char('/') + database);
    return url.toString();
}

} // namespace svj::test
