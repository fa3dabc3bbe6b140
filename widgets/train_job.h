// A detached `svj` training run (a fine-tune) owned by the GUI: it starts the run with its output in files beside
// the checkpoint, remembers it in a run file with the process's start token (a reused pid is never signalled),
// reads its progress lines as they grow, stops it (SIGTERM: it finishes its step and saves), reattaches to it after
// a restart and resumes it. Panels ask and display; the process is this object's business.
#pragma once

#include "protocol/progress_line.h"
#include "widgets/progress_reader.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace svj::widgets {

// The kernel's start time of process `pid` (Linux: field 22 of /proc/PID/stat), "" when it is unknown, gone or a
// zombie.
// With the pid it names one process for good; a pid alone may belong to another process later.
QString processStartToken(qint64 pid);

class TrainJob : public QObject {
    Q_OBJECT
public:
    struct Run {
        QString out;  // the checkpoint it writes
        QString from; // the judge it starts from
        int epochs = 4;
    };

    // `runFile`: where the job is remembered between sessions (a JSON file beside the checkpoints).
    explicit TrainJob(QString runFile, QObject* parent = nullptr);

    // The `svj` program (default: next to this executable).
    void setProgram(const QString& program) { m_program = program; }
    const QString& program() const { return m_program; }
    // The environment the run starts in (default: this process's); where a server's password travels.
    void setEnvironment(const QProcessEnvironment& environment) { m_environment = environment; }
    // Starts `svj ARGUMENTS` detached: stdout (the progress lines) in OUT.log.jsonl, stderr in OUT.log.txt, both
    // appended to when `resuming`. False when a run is going or it cannot start (error(): the system's reason).
    bool start(const Run& run, const QStringList& arguments, bool resuming);
    // Asks the run to stop after its step (it writes a checkpoint first). Nothing when it is not ours any more.
    void stop();
    // The run of an earlier session, from the run file: reattached while it lives, its log replayed either way
    // (progress() for every line, then ended() if it is over). False when no run was remembered.
    bool reattach();

    bool isRunning() const;
    const Run& run() const { return m_run; }
    bool completed() const { return m_completed; } // the run wrote its final checkpoint
    // A stopped or failed run that left its training state: --resume continues it.
    bool canResume() const;
    QString error() const { return m_error; }
    // The last lines the run wrote on stderr: why it stopped.
    QString lastErrorLines(int lines = 2) const;
    QString logPath() const { return m_run.out + QStringLiteral(".log.jsonl"); }

signals:
    void started();
    void progress(const svj::protocol::ProgressLine& line);
    void logProblem(const QString& what); // a line of the log that breaks the protocol
    void ended(bool completed);

private:
    void poll();
    void remember() const;
    void forget();

    QString m_runFile;
    QString m_program;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    Run m_run;
    qint64 m_pid = 0;
    QString m_token; // processStartToken(m_pid) when started
    bool m_completed = false;
    QString m_error;
    qint64 m_logOffset = 0;
    ProgressReader m_reader;
    QTimer m_poll;
};

} // namespace svj::widgets
