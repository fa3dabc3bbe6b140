#include "widgets/judge_choice.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSignalBlocker>

namespace svj::widgets {
namespace {

constexpr int kMaxRecent = 8;
const QString kOtherMarker = QStringLiteral("\x01other");

QString normalised(const QString& checkpoint) {
    return checkpoint.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(checkpoint).absoluteFilePath());
}

} // namespace

JudgeChoice::JudgeChoice(QWidget* parent)
    : QComboBox(parent) {
    setAccessibleName(tr("Judge checkpoint"));
    setToolTip(tr("The judge whose energy curves are drawn; scores are kept per video and checkpoint"));
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    rebuild();
    connect(this, &QComboBox::activated, this, &JudgeChoice::onActivated);
}

void JudgeChoice::setRecent(const QStringList& checkpoints) {
    m_recent.clear();
    for (const QString& checkpoint : checkpoints) {
        const QString path = normalised(checkpoint);
        if (!path.isEmpty() && QFileInfo(path).isFile() && !m_recent.contains(path) && m_recent.size() < kMaxRecent) {
            m_recent << path;
        }
    }
    rebuild();
}

void JudgeChoice::select(const QString& checkpoint) {
    m_checkpoint = normalised(checkpoint);
    if (!m_checkpoint.isEmpty()) {
        m_recent.removeAll(m_checkpoint);
        m_recent.prepend(m_checkpoint);
        while (m_recent.size() > kMaxRecent) {
            m_recent.removeLast();
        }
        emit recentChanged(m_recent);
    }
    rebuild();
}

void JudgeChoice::rebuild() {
    const QSignalBlocker blocker(this);
    clear();
    addItem(tr("Shipped judge"), QString());
    setItemData(0, tr("The default judge that comes with SVJ Workbench"), Qt::ToolTipRole);
    for (const QString& path : m_recent) {
        addItem(QFileInfo(path).fileName(), path);
        setItemData(count() - 1, path, Qt::ToolTipRole);
    }
    insertSeparator(count());
    addItem(tr("Other Checkpoint…"), kOtherMarker);
    setCurrentIndex(std::max(0, findData(m_checkpoint)));
}

void JudgeChoice::onActivated(int index) {
    QString chosen = itemData(index).toString();
    if (chosen == kOtherMarker) {
        chosen = QFileDialog::getOpenFileName(this, tr("Choose a judge checkpoint"),
                                              m_checkpoint.isEmpty() ? QString() : QFileInfo(m_checkpoint).path(),
                                              tr("Judge checkpoints (*.safetensors);;All files (*)"));
        if (chosen.isEmpty()) {
            rebuild(); // back to the judge in use
            return;
        }
    }
    if (normalised(chosen) == m_checkpoint) {
        rebuild();
        return;
    }
    select(chosen);
    emit checkpointChosen(m_checkpoint);
}

} // namespace svj::widgets
