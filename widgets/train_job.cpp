#include "widgets/train_job.h"

#include "widgets/score_job.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSaveFile>

#include <csignal>
#include <sys/types.h>

namespace svj::widgets {

QString processStartToken(qint64 pid) {
    if (pid <= 0) {
        return {};
    }
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) {
        return {};
    }
    // "PID (COMMAND) STATE PPID ...": the command may hold spaces and parentheses, so fields count from the last ')'.
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0) {
        return {};
    }
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    constexpr int kStartTime = 22 - 3; // field 22 of the line; fields[0] is field 3 (the state)
    if (fields.size() <= kStartTime || fields[0] == "Z" || fields[0] == "X") {
        return {}; // a zombie has ended: only its exit status is left to collect
    }
    return QString::fromLatin1(fields[kStartTime]);
}

TrainJob::TrainJob(QString runFile, QObject* parent)
    : QObject(parent)
    , m_runFile(std::move(runFile))
    , m_program(ScoreJob::defaultProgram()) {
    m_poll.setInterval(250);
    connect(&m_poll, &QTimer::timeout, this, &TrainJob::poll);
}

bool TrainJob::isRunning() const {
    if (m_pid <= 0 || ::kill(static_cast<pid_t>(m_pid), 0) != 0) {
        return false;
    }
    static const bool startTimesKnown = QFileInfo::exists(QStringLiteral("/proc/self/stat"));
    if (!startTimesKnown) {
        return true; // the pid is all there is to go by
    }
    // The pid must still be the process this job started (a run file of an older version has no token).
    const QString now = processStartToken(m_pid);
    return !now.isEmpty() && (m_token.isEmpty() || now == m_token);
}

bool TrainJob::canResume() const {
    return !isRunning() && !m_run.out.isEmpty() &&
           (QFileInfo::exists(m_run.out + QStringLiteral(".state")) ||
            QFileInfo::exists(m_run.out + QStringLiteral(".state.next"))); // a save killed before its last rename
}

bool TrainJob::start(const Run& run, const QStringList& arguments, bool resuming) {
    m_error.clear();
    if (isRunning()) {
        m_error = QStringLiteral("a run is going already (writing %1)").arg(QFileInfo(m_run.out).fileName());
        return false;
    }
    m_run = run;
    if (!resuming) {
        QFile::remove(logPath());
    }
    m_logOffset = 0; // a resumed run's log is replayed from its start: the plots show the whole run
    m_reader.clear();
    // Detached, with its output in files: the run may outlive this window and is found again on reopening.
    QProcess process;
    process.setProgram(m_program);
    process.setArguments(arguments);
    process.setProcessEnvironment(m_environment);
    process.setStandardOutputFile(logPath(), QIODevice::Append);
    process.setStandardErrorFile(m_run.out + QStringLiteral(".log.txt"), QIODevice::Append);
    qint64 pid = 0;
    if (!process.startDetached(&pid)) {
        m_error = process.errorString(); // Qt's own words, translated
        return false;
    }
    m_pid = pid;
    m_token = processStartToken(pid);
    m_completed = false;
    remember();
    m_poll.start();
    emit started();
    return true;
}

void TrainJob::stop() {
    if (isRunning()) {
        ::kill(static_cast<pid_t>(m_pid), SIGTERM);
    }
}

bool TrainJob::reattach() {
    QFile file(m_runFile);
    if (!file.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QJsonObject state = QJsonDocument::fromJson(file.readAll()).object();
    m_run.out = state.value(QStringLiteral("out")).toString();
    m_run.from = state.value(QStringLiteral("from")).toString();
    m_run.epochs = state.value(QStringLiteral("epochs")).toInt(4);
    m_pid = state.value(QStringLiteral("pid")).toInteger();
    m_token = state.value(QStringLiteral("start_token")).toString();
    m_completed = false;
    m_logOffset = 0;
    m_reader.clear();
    if (m_run.out.isEmpty()) {
        forget();
        return false;
    }
    poll(); // replays the log; ends the run when it is gone
    if (isRunning()) {
        m_poll.start();
    }
    return true;
}

QString TrainJob::lastErrorLines(int lines) const {
    QFile errors(m_run.out + QStringLiteral(".log.txt"));
    const QString text = errors.open(QIODevice::ReadOnly) ? QString::fromUtf8(errors.readAll()).trimmed() : QString();
    return text.section(QLatin1Char('\n'), -lines);
}

void TrainJob::poll() {
    // Whether it runs is asked before the log is read: what a run wrote just before it ended is read too.
    const bool running = isRunning();
    QFile log(logPath());
    if (log.open(QIODevice::ReadOnly) && log.size() > m_logOffset) {
        log.seek(m_logOffset);
        const QByteArray grown = log.readAll();
        m_logOffset = log.pos();
        for (const ReadLine& line : m_reader.feed(grown)) {
            if (!line.error.isEmpty()) {
                emit logProblem(line.error);
            } else if (line.progress) {
                if (line.progress->event == protocol::ProgressEvent::Checkpoint) {
                    m_completed = line.progress->isFinalCheckpoint();
                }
                emit progress(*line.progress);
            }
        }
    }
    if (running) {
        return;
    }
    m_poll.stop();
    m_pid = 0;
    m_token.clear();
    forget();
    emit ended(m_completed);
}

void TrainJob::remember() const {
    QSaveFile file(m_runFile);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(QJsonObject{{QStringLiteral("pid"), m_pid},
                                             {QStringLiteral("start_token"), m_token},
                                             {QStringLiteral("out"), m_run.out},
                                             {QStringLiteral("from"), m_run.from},
                                             {QStringLiteral("epochs"), m_run.epochs}})
                       .toJson());
        file.commit();
    }
}

void TrainJob::forget() {
    QFile::remove(m_runFile);
}

} // namespace svj::widgets
