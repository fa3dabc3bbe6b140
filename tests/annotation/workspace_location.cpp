#include "tests/annotation/workspace_location.h"

#include "annotation/plain_connection.h"

#include <QCoreApplication>
#include <QDir>
#include <QUrl>

namespace svj::test {

bool onPostgres() {
    return !qEnvironmentVariable("SVJ_TEST_POSTGRES").isEmpty();
}

void runRaw(const QString& location, const QStringList& statements) {
    annotation::runOnPlainConnection(location, statements);
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
