// Scores videos with the judge in a child process (`svj score --json`), one video at a time: a crash or a
// hang in the judge cannot take the window down, and cancelling is killing the child.
#pragma once

#include "widgets/progress_reader.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QProcess>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace svj::annotation {
class Workspace;
}

namespace svj::widgets {

struct ScoredCurve {
    std::vector<float> energies;      // per source frame
    std::vector<int64_t> judgeFrames; // the source frames the judge saw, every window's, in order
    std::vector<int> windowSizes;     // how many of judgeFrames each window holds
    double energy = 0.0;
    QString checkpoint;
    bool cached = false; // read back from the score workspace, not scored now
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
    const QString& checkpoint() const { return m_checkpoint; }
    // A workspace (file or postgresql:// URL) where scores are kept per video and checkpoint and reused while
    // the checkpoint file is unchanged; empty: nothing kept.
    void setScoreWorkspace(const QString& workspace) { m_workspace = workspace; }
    const QString& scoreWorkspace() const { return m_workspace; }
    // This process's open connection to the score workspace, used for reading kept scores instead of opening
    // another (null: open one for each read). Must outlive its use; cleared with nullptr.
    void setSharedWorkspace(annotation::Workspace* workspace) { m_shared = workspace; }
    static QString defaultProgram();

    // Creates the score workspace at `path` when there is none (file workspaces only). Returns an error
    // message, empty on success.
    static QString prepareScoreWorkspace(const QString& path);

    // Scores `paths` in order (replacing any job in progress). Curves this job already has for the checkpoint
    // (unchanged files) are reported at once, without a child process.
    void start(const QStringList& paths);
    void cancel();
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

signals:
    void progress(int done, int total, const QString& current);
    // Windows of the current video the judge has scored.
    void windowProgress(int index, int done, int total);
    void scored(int index, svj::widgets::ScoredCurve curve);
    void failed(int index, QString message);
    void finished(bool cancelled);

private:
    void next();
    struct Remembered {
        ScoredCurve curve;
        QDateTime checkpointStamp;
        QDateTime videoStamp;
    };
    const ScoredCurve* remembered(const QString& path) const;
    // A score kept in the score workspace that is still good, read here: no child process needed.
    std::optional<ScoredCurve> keptInWorkspace(const QString& path) const;
    void remember(const QString& path, const ScoredCurve& curve);
    void readLines();
    void finishCurrent(int exitCode, QProcess::ExitStatus status);

    QString m_program;
    QString m_checkpoint;
    QString m_workspace;
    annotation::Workspace* m_shared = nullptr;
    QStringList m_paths;
    ProgressReader m_reader;             // stdout, split into lines
    QByteArray m_result;                 // the current video's score line
    QHash<QString, Remembered> m_memory; // by checkpoint + video
    int m_current = -1;
    bool m_cancelled = false;
    QProcess m_process;
};

} // namespace svj::widgets

Q_DECLARE_METATYPE(svj::widgets::ScoredCurve)
