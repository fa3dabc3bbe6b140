#include "widgets/workspace_session.h"

#include "annotation/server_credentials.h"
#include "annotation/sql_dialect.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <utility>

namespace svj::widgets {

std::unique_ptr<WorkspaceSession> WorkspaceSession::open(const QString& location, bool create) {
    const annotation::SplitLocation split = annotation::splitPassword(location);
    if (!split.password.isEmpty()) {
        annotation::rememberPassword(split.location, split.password);
    }
    std::unique_ptr<WorkspaceSession> session(
        new WorkspaceSession(split.location, create ? annotation::Workspace::create(split.location)
                                                    : annotation::Workspace::open(split.location)));
    if (!split.password.isEmpty()) { // only a password the server took is kept
        session->m_passwordFile = annotation::storePassword(split.location, split.password);
    }
    return session;
}

WorkspaceSession::WorkspaceSession(QString location, annotation::Workspace workspace)
    : m_location(std::move(location))
    , m_workspace(std::move(workspace)) {}

QString WorkspaceSession::checkpointFolderOf(const QString& location) {
    if (annotation::WorkspaceLocation::isServerUrl(location)) {
        const QByteArray key =
            QCryptographicHash::hash(annotation::withoutPassword(location).toUtf8(), QCryptographicHash::Sha1)
                .toHex()
                .left(12);
        return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
            .filePath(QStringLiteral("checkpoints/") + QString::fromLatin1(key));
    }
    const QFileInfo file(location);
    return file.absoluteDir().filePath(file.completeBaseName() + QStringLiteral("-checkpoints"));
}

} // namespace svj::widgets
