#include "widgets/score_job.h"

#include "annotation/judge_scores.h"
#include "annotation/server_credentials.h"
#include "annotation/sql_dialect.h"
#include "annotation/workspace.h"
#include "model/default_judge.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <stdexcept>

namespace svj::widgets {

ScoredCurve parseScoreJson(const QByteArray& json) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json.trimmed(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        throw std::runtime_error("the judge's output is not JSON: " + error.errorString().toStdString());
    }
    const QJsonObject object = document.object();
    ScoredCurve curve;
    for (const QJsonValue& value : object.value(QStringLiteral("frame_energies")).toArray()) {
        curve.energies.push_back(static_cast<float>(value.toDouble()));
    }
    if (curve.energies.empty()) {
        throw std::runtime_error("the judge's output has no frame energies");
    }
    for (const QJsonValue& window : object.value(QStringLiteral("windows")).toArray()) {
        const QJsonArray frames = window.toObject().value(QStringLiteral("source_frames")).toArray();
        for (const QJsonValue& frame : frames) {
            curve.judgeFrames.push_back(frame.toInteger());
        }
        curve.windowSizes.push_back(static_cast<int>(frames.size()));
    }
    curve.energy = object.value(QStringLiteral("energy")).toDouble();
    curve.checkpoint = object.value(QStringLiteral("checkpoint")).toString();
    curve.cached = object.value(QStringLiteral("cached")).toBool();
    return curve;
}

ScoreJob::ScoreJob(QObject* parent)
    : QObject(parent)
    , m_program(defaultProgram()) {
    qRegisterMetaType<ScoredCurve>();
    connect(&m_process, &QProcess::finished, this, &ScoreJob::finishCurrent);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &ScoreJob::readLines);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart && !m_cancelled) {
            emit failed(m_current, tr("cannot start the judge (%1): %2").arg(m_program, m_process.errorString()));
            m_current = -1;
            emit finished(false);
        }
    });
}

void ScoreJob::finishCurrent(int exitCode, QProcess::ExitStatus status) {
    if (m_cancelled || m_current < 0) {
        return;
    }
    readLines();
    const int index = m_current;
    if (status != QProcess::NormalExit || exitCode != 0) {
        QString why = QString::fromUtf8(m_process.readAllStandardError()).trimmed();
        if (why.isEmpty()) {
            why = status == QProcess::CrashExit ? tr("the judge crashed") : tr("exit code %1").arg(exitCode);
        }
        emit failed(index, why);
    } else {
        try {
            const ScoredCurve curve = parseScoreJson(m_result.isEmpty() ? m_reader.takeRest() : m_result);
            remember(m_paths[index], curve);
            emit scored(index, curve);
        } catch (const std::exception& error) {
            emit failed(index, QString::fromUtf8(error.what()));
        }
    }
    next();
}

// Progress lines ({"task": "score", ...}) come before the score itself on the same stdout.
void ScoreJob::readLines() {
    for (const ReadLine& line : m_reader.feed(m_process.readAllStandardOutput())) {
        if (line.progress) {
            if (line.progress->event == protocol::ProgressEvent::Step) {
                emit windowProgress(m_current, static_cast<int>(line.progress->done),
                                    static_cast<int>(line.progress->total));
            }
        } else if (!line.other.isEmpty()) {
            m_result = line.other;
        }
    }
}

ScoreJob::~ScoreJob() {
    cancel();
}

QString ScoreJob::defaultProgram() {
    // Only the svj built or installed with this workbench (they share a folder), never one from PATH: an
    // older or foreign svj would score with other code, or a planted one run anything. When it is missing,
    // starting it fails with its full path in the message.
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("svj"));
}

void ScoreJob::start(const QStringList& paths) {
    cancel();
    m_cancelled = false;
    m_paths = paths;
    m_current = -1;
    next();
}

void ScoreJob::cancel() {
    if (m_process.state() == QProcess::NotRunning) {
        return;
    }
    m_cancelled = true;
    m_process.kill();
    m_process.waitForFinished(5000);
    m_current = -1;
    emit finished(true);
}

QString ScoreJob::prepareScoreWorkspace(const QString& path) {
    if (path.isEmpty() || annotation::WorkspaceLocation::isServerUrl(path) || QFileInfo::exists(path)) {
        return {};
    }
    try {
        QDir().mkpath(QFileInfo(path).absolutePath());
        annotation::Workspace::create(path);
        return {};
    } catch (const std::exception& error) {
        return QString::fromUtf8(error.what());
    }
}

namespace {
QString memoryKey(const QString& checkpoint, const QString& path) {
    return checkpoint + QLatin1Char('\n') + QFileInfo(path).absoluteFilePath();
}
QDateTime stampOf(const QString& path) {
    return QFileInfo(path).lastModified();
}
} // namespace

const ScoredCurve* ScoreJob::remembered(const QString& path) const {
    const auto it = m_memory.constFind(memoryKey(m_checkpoint, path));
    if (it == m_memory.constEnd() || it->checkpointStamp != stampOf(it->curve.checkpoint) ||
        it->videoStamp != stampOf(path)) {
        return nullptr;
    }
    return &it->curve;
}

void ScoreJob::remember(const QString& path, const ScoredCurve& curve) {
    m_memory.insert(memoryKey(m_checkpoint, path), {curve, stampOf(curve.checkpoint), stampOf(path)});
}

std::optional<ScoredCurve> ScoreJob::keptInWorkspace(const QString& path) const {
    if (m_workspace.isEmpty()) {
        return std::nullopt;
    }
    try {
        const QString checkpoint =
            m_checkpoint.isEmpty() ? QString::fromStdString(model::defaultJudgePath()) : m_checkpoint;
        std::optional<annotation::Workspace> own;
        if (!m_shared) {
            own.emplace(annotation::Workspace::open(m_workspace, true));
        }
        const std::optional<annotation::JudgeScoreRecord> kept =
            annotation::keptJudgeScore(m_shared ? *m_shared : *own, path, checkpoint);
        if (!kept) {
            return std::nullopt;
        }
        ScoredCurve curve;
        curve.energies.assign(kept->frameEnergies.begin(), kept->frameEnergies.end());
        for (const QVector<qint64>& window : kept->windows) {
            curve.judgeFrames.insert(curve.judgeFrames.end(), window.begin(), window.end());
            curve.windowSizes.push_back(static_cast<int>(window.size()));
        }
        curve.energy = kept->energy;
        curve.checkpoint = kept->checkpoint;
        curve.cached = true;
        return curve;
    } catch (const std::exception&) {
        return std::nullopt; // the child process scores it and says what is wrong
    }
}

void ScoreJob::next() {
    while (++m_current < m_paths.size()) {
        emit progress(m_current, static_cast<int>(m_paths.size()), m_paths[m_current]);
        std::optional<ScoredCurve> known;
        if (const ScoredCurve* inMemory = remembered(m_paths[m_current])) {
            known = *inMemory;
        } else if ((known = keptInWorkspace(m_paths[m_current]))) {
            remember(m_paths[m_current], *known);
        } else {
            break;
        }
        known->cached = true;
        emit scored(m_current, *known);
    }
    if (m_current >= m_paths.size()) {
        m_current = -1;
        emit finished(false);
        return;
    }
    QStringList arguments{QStringLiteral("score"), QStringLiteral("--json"), QStringLiteral("--progress"),
                          QStringLiteral("json")};
    if (!m_checkpoint.isEmpty()) {
        arguments << QStringLiteral("--ckpt") << m_checkpoint;
    }
    if (!m_workspace.isEmpty()) {
        arguments << QStringLiteral("--db") << m_workspace << QStringLiteral("--reuse");
    }
    m_reader.clear();
    m_result.clear();
    // The whole list, whatever RANK / WORLD_SIZE this window was started with; "--": a video named "-x.mp4" is a
    // file, not an option.
    arguments << QStringLiteral("--shard") << QStringLiteral("0/1") << QStringLiteral("--") << m_paths[m_current];
    m_process.setProcessEnvironment(annotation::childEnvironment(m_workspace)); // a password, never in argv
    m_process.start(m_program, arguments);
}

} // namespace svj::widgets
