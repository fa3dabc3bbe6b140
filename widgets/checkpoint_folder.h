// The fine-tuned checkpoints beside a workspace: listed newest first, renamed and deleted together with the files
// that belong to each (sidecar, training state, run logs), so none is left behind or orphaned.
#pragma once

#include <QString>
#include <QStringList>

namespace svj::widgets {

class CheckpointFolder {
public:
    explicit CheckpointFolder(QString folder);
    // A folder-less place: no checkpoints.
    CheckpointFolder() = default;

    const QString& path() const { return m_folder; }
    // The checkpoints (*.safetensors), newest first, as absolute paths.
    QStringList checkpoints() const;
    enum class Renamed { Yes, NameTaken, Failed };
    // Renames CHECKPOINT to NEW_NAME.safetensors in the same folder with its companions. NameTaken: that name,
    // or one of its companions' names, is in use (or it is no file name); Failed: a rename failed, and what was
    // renamed is put back.
    Renamed rename(const QString& checkpoint, const QString& newName) const;
    // Deletes the checkpoint and its companions; false when the checkpoint itself could not be deleted.
    bool remove(const QString& checkpoint) const;

    // The files that go with a checkpoint: ".json", ".state", ".state.next", ".log.jsonl", ".log.txt".
    static const QStringList& companionSuffixes();

private:
    QString m_folder;
};

} // namespace svj::widgets
