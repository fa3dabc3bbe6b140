#include "app/cli/workspace_scores.h"

#include "annotation/judge_scores.h"
#include "annotation/workspace.h"
#include "app/cli/qt_application.h"

namespace svj::cli {

void storeScoreInWorkspace(const std::string& workspacePath, const VideoScore& score, const model::Judge& judge,
                           const std::string& checkpoint) {
    const auto application = ensureQtApplication();
    annotation::Workspace workspace = annotation::Workspace::open(QString::fromStdString(workspacePath));
    annotation::JudgeScoreRecord record;
    record.video = QString::fromStdString(score.path);
    record.checkpoint = QString::fromStdString(checkpoint);
    record.checkpointSidecar = QString::fromStdString(model::Judge::readCheckpointInfo(checkpoint).sidecarJson);
    record.energy = score.curve.energy;
    if (score.stage2) {
        record.reward = score.reward;
    }
    record.frameEnergies = QVector<float>(score.curve.frameEnergies.begin(), score.curve.frameEnergies.end());
    for (const model::ScoredWindow& window : score.windows) {
        record.windows.append(QVector<qint64>(window.sourceFrames.begin(), window.sourceFrames.end()));
    }
    record.inputWidth = judge.config().inputWidth;
    record.inputHeight = judge.config().inputHeight;
    record.inputFps = judge.config().inputFps;
    annotation::storeJudgeScore(workspace, record);
}

} // namespace svj::cli
