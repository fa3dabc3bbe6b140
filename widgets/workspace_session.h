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
    // Opens (or with `create`, creates) the workspace at `location`, a file or a postgresql:// URL. Throws
    // annotation::WorkspaceError.
    static std::unique_ptr<WorkspaceSession> open(const QString& location, bool create = false);

    annotation::Workspace& workspace() { return m_workspace; }
    // As given: the file path or the server URL.
    const QString& location() const { return m_location; }
    QString checkpointFolder() const { return checkpointFolderOf(m_location); }

    // Where a workspace's fine-tuned checkpoints go: beside its file, or in the user's data folder for a server.
    static QString checkpointFolderOf(const QString& location);

private:
    WorkspaceSession(QString location, annotation::Workspace workspace);

    QString m_location;
    annotation::Workspace m_workspace;
};

} // namespace svj::widgets
