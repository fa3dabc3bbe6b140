#include "annotation/server_credentials.h"

#include "annotation/sql_dialect.h"
#include "annotation/workspace.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QMutex>
#include <QSaveFile>
#include <QUrl>
#include <QUrlQuery>

namespace svj::annotation {
namespace {

QMutex& passwordsMutex() {
    static QMutex mutex;
    return mutex;
}

QHash<QString, QString>& passwords() {
    static QHash<QString, QString> byLocation;
    return byLocation;
}

// A field of a password-file line: ':' and '\' escaped with '\' (libpq's rule).
QString passFileField(const QString& value) {
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char(':'), QLatin1String("\\:"));
    return escaped;
}

} // namespace

SplitLocation splitPassword(const QString& location) {
    if (!WorkspaceLocation::isServerUrl(location)) {
        return {location, {}};
    }
    QUrl url(location, QUrl::StrictMode);
    if (!url.isValid()) {
        return {location, {}};
    }
    SplitLocation split;
    split.password = url.password(QUrl::FullyDecoded);
    url.setPassword({});
    QUrlQuery query(url);
    if (query.hasQueryItem(QStringLiteral("password"))) {
        if (split.password.isEmpty()) {
            split.password = query.queryItemValue(QStringLiteral("password"), QUrl::FullyDecoded);
        }
        query.removeAllQueryItems(QStringLiteral("password"));
        url.setQuery(query);
    }
    split.location = url.toString();
    return split;
}

QString withoutPassword(const QString& location) {
    return splitPassword(location).location;
}

void rememberPassword(const QString& location, const QString& password) {
    const QMutexLocker lock(&passwordsMutex());
    passwords().insert(withoutPassword(location), password);
}

QString rememberedPassword(const QString& location) {
    const QMutexLocker lock(&passwordsMutex());
    return passwords().value(withoutPassword(location));
}

QProcessEnvironment childEnvironment(const QString& location) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QString password = WorkspaceLocation::isServerUrl(location) ? rememberedPassword(location) : QString();
    if (!password.isEmpty()) {
        environment.insert(QStringLiteral("PGPASSWORD"), password);
    }
    return environment;
}

QString passwordFilePath() {
    const QByteArray named = qgetenv("PGPASSFILE");
    return named.isEmpty() ? QDir::home().filePath(QStringLiteral(".pgpass")) : QString::fromLocal8Bit(named);
}

QString storePassword(const QString& location, const QString& password) {
    const QUrl url(withoutPassword(location));
    const QString path = passwordFilePath();
    // (A URL whose host a service names: any host.)
    const QString key = (url.host().isEmpty() ? QStringLiteral("*") : passFileField(url.host())) + QLatin1Char(':') +
                        QString::number(url.port(5432)) + QLatin1Char(':') + passFileField(url.path().mid(1)) +
                        QLatin1Char(':') + passFileField(url.userName()) + QLatin1Char(':');
    QByteArray kept;
    QFile existing(path);
    if (existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly)) {
            throw WorkspaceError(path, QStringLiteral("cannot read the password file: ") + existing.errorString());
        }
        for (const QByteArray& line : existing.readAll().split('\n')) {
            if (!line.isEmpty() && !QString::fromUtf8(line).startsWith(key)) {
                kept += line + '\n';
            }
        }
    }
    kept += (key + passFileField(password)).toUtf8() + '\n';
    // Owner-only before a byte is written (QSaveFile's temporary file is created so; an existing file's wider
    // mode is not carried over): libpq ignores a password file others can read.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(kept) != kept.size() || !file.commit()) {
        throw WorkspaceError(path, QStringLiteral("cannot write the password file: ") + file.errorString());
    }
    return path;
}

} // namespace svj::annotation
