// The workspace the window has open: the one connection this process keeps to it (a second connection in the same
// process was seen to miss other processes' writes, docs/label-store.md), its location and where its fine-tuned
// checkpoints go. MainWindow owns it; the panels receive its Workspace& and are deleted before it.
#pragma once

#include "annotation/workspace.h"

#include <QString>

#include <memory>

namespace svj::widgets {

class WorkspaceSession {
public:
    // Opens (or with `create`, creates) the workspace at `location`, a file or a postgresql:// URL. A password in
    // the URL is held in memory for this session and its child processes and, once the server took it, moved
    // into libpq's password file (passwordFile()); the session's location is the URL without it. Throws
    // annotation::WorkspaceError (annotation::WorkspacePasswordError when the server wants a password).
    static std::unique_ptr<WorkspaceSession> open(const QString& location, bool create = false);

    annotation::Workspace& workspace() { return m_workspace; }
    // The file path, or the server URL without a password: what settings, titles and child processes get.
    const QString& location() const { return m_location; }
    // Where a password the given URL carried went ("" when it carried none).
    const QString& passwordFile() const { return m_passwordFile; }
    QString checkpointFolder() const { return checkpointFolderOf(m_location); }

    // Where a workspace's fine-tuned checkpoints go: beside its file, or in the user's data folder for a server.
    static QString checkpointFolderOf(const QString& location);

private:
    WorkspaceSession(QString location, annotation::Workspace workspace);

    QString m_location;
    annotation::Workspace m_workspace;
    QString m_passwordFile;
};

} // namespace svj::widgets
