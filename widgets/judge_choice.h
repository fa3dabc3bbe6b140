// Which judge draws the curves: the shipped one, a recently used checkpoint, or another one picked from disk.
// Remembers the recent checkpoints it was given; persisting them is the owner's business.
#pragma once

#include <QComboBox>
#include <QStringList>

namespace svj::widgets {

class JudgeChoice : public QComboBox {
    Q_OBJECT
public:
    explicit JudgeChoice(QWidget* parent = nullptr);

    // Most recent first; missing files are dropped.
    void setRecent(const QStringList& checkpoints);
    QStringList recent() const { return m_recent; }
    // The chosen checkpoint; empty: the shipped judge.
    QString checkpoint() const { return m_checkpoint; }
    // Selects `checkpoint` (adding it to the recent ones) without emitting checkpointChosen.
    void select(const QString& checkpoint);

signals:
    // The user picked another judge.
    void checkpointChosen(const QString& checkpoint);
    void recentChanged(const QStringList& checkpoints);

private:
    void rebuild();
    void onActivated(int index);

    QStringList m_recent;
    QString m_checkpoint;
};

} // namespace svj::widgets
