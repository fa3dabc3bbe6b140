#include "widgets/score_job.h"

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
    return curve;
}

ScoreJob::ScoreJob(QObject* parent)
    : QObject(parent)
    , m_program(defaultProgram()) {
    qRegisterMetaType<ScoredCurve>();
    connect(&m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        if (m_cancelled || m_current < 0) {
            return;
        }
        const int index = m_current;
        if (status != QProcess::NormalExit || exitCode != 0) {
            QString why = QString::fromUtf8(m_process.readAllStandardError()).trimmed();
            if (why.isEmpty()) {
                why = status == QProcess::CrashExit ? tr("the judge crashed") : tr("exit code %1").arg(exitCode);
            }
            emit failed(index, why);
        } else {
            try {
                emit scored(index, parseScoreJson(m_process.readAllStandardOutput()));
            } catch (const std::exception& error) {
                emit failed(index, QString::fromUtf8(error.what()));
            }
        }
        next();
    });
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart && !m_cancelled) {
            emit failed(m_current, tr("cannot start the judge (%1): %2").arg(m_program, m_process.errorString()));
            m_current = -1;
            emit finished(false);
        }
    });
}

ScoreJob::~ScoreJob() {
    cancel();
}

QString ScoreJob::defaultProgram() {
    const QString beside = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("svj"));
    return QFileInfo(beside).isExecutable() ? beside : QStringLiteral("svj");
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

void ScoreJob::next() {
    ++m_current;
    if (m_current >= m_paths.size()) {
        m_current = -1;
        emit finished(false);
        return;
    }
    emit progress(m_current, static_cast<int>(m_paths.size()), m_paths[m_current]);
    QStringList arguments{QStringLiteral("score"), QStringLiteral("--json")};
    if (!m_checkpoint.isEmpty()) {
        arguments << QStringLiteral("--ckpt") << m_checkpoint;
    }
    arguments << m_paths[m_current];
    m_process.start(m_program, arguments);
}

} // namespace svj::widgets
