#include "widgets/workspace_session.h"

#include "annotation/sql_dialect.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <utility>

namespace svj::widgets {

std::unique_ptr<WorkspaceSession> WorkspaceSession::open(const QString& location, bool create) {
    return std::unique_ptr<WorkspaceSession>(new WorkspaceSession(
        location, create ? annotation::Workspace::create(location) : annotation::Workspace::open(location)));
}

WorkspaceSession::WorkspaceSession(QString location, annotation::Workspace workspace)
    : m_location(std::move(location))
    , m_workspace(std::move(workspace)) {}

QString WorkspaceSession::checkpointFolderOf(const QString& location) {
    if (annotation::WorkspaceLocation::isServerUrl(location)) {
        const QByteArray key = QCryptographicHash::hash(location.toUtf8(), QCryptographicHash::Sha1).toHex().left(12);
        return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
            .filePath(QStringLiteral("checkpoints/") + QString::fromLatin1(key));
    }
    const QFileInfo file(location);
    return file.absoluteDir().filePath(file.completeBaseName() + QStringLiteral("-checkpoints"));
}

} // namespace svj::widgets
