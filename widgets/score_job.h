// Scores videos with the judge in a child process (`svj score --json`), one video at a time: a crash or a
// hang in the judge cannot take the window down, and cancelling is killing the child.
#pragma once

#include <QObject>
#include <QProcess>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace svj::widgets {

struct ScoredCurve {
    std::vector<float> energies;      // per source frame
    std::vector<int64_t> judgeFrames; // the source frames the judge saw, every window's, in order
    std::vector<int> windowSizes;     // how many of judgeFrames each window holds
    double energy = 0.0;
    QString checkpoint;
};

// Parses one `svj score --json` object; throws std::runtime_error on anything else.
ScoredCurve parseScoreJson(const QByteArray& json);

class ScoreJob : public QObject {
    Q_OBJECT
public:
    explicit ScoreJob(QObject* parent = nullptr);
    ~ScoreJob() override; // kills a running child and waits for it

    // The `svj` program (default: next to this executable) and the checkpoint (empty: the shipped judge).
    void setProgram(const QString& program) { m_program = program; }
    void setCheckpoint(const QString& checkpoint) { m_checkpoint = checkpoint; }
    static QString defaultProgram();

    // Scores `paths` in order (replacing any job in progress).
    void start(const QStringList& paths);
    void cancel();
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

signals:
    void progress(int done, int total, const QString& current);
    void scored(int index, svj::widgets::ScoredCurve curve);
    void failed(int index, QString message);
    void finished(bool cancelled);

private:
    void next();

    QString m_program;
    QString m_checkpoint;
    QStringList m_paths;
    int m_current = -1;
    bool m_cancelled = false;
    QProcess m_process;
};

} // namespace svj::widgets

Q_DECLARE_METATYPE(svj::widgets::ScoredCurve)
