#include "app/cli/workspace_scores.h"

#include "annotation/judge_scores.h"
#include "annotation/workspace.h"
#include "app/cli/qt_application.h"
#include "model/json_text.h"

#include <algorithm>
#include <iostream>

namespace svj::cli {

annotation::JudgeScoreRecord scoreRecord(const training::VideoScore& score, const model::Judge& judge,
                                         const std::string& checkpoint) {
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
    return record;
}

void storeScoreInWorkspace(const std::string& workspacePath, const training::VideoScore& score,
                           const model::Judge& judge, const std::string& checkpoint) {
    const auto application = ensureQtApplication();
    annotation::Workspace workspace = annotation::Workspace::open(QString::fromStdString(workspacePath));
    annotation::storeJudgeScore(workspace, scoreRecord(score, judge, checkpoint));
}

training::KeptScore printStoredScores(const std::string& workspace, const std::string& checkpoint) {
    return [workspace, checkpoint](const std::string& video) {
        const std::optional<nlohmann::json> stored = storedScoreJson(workspace, video, checkpoint);
        if (stored) {
            std::cout << svj::model::jsonText(*stored) << std::endl;
        }
        return stored.has_value();
    };
}

std::optional<nlohmann::json> storedScoreJson(const std::string& workspacePath, const std::string& video,
                                              const std::string& checkpoint) {
    const auto application = ensureQtApplication();
    annotation::Workspace workspace = annotation::Workspace::open(QString::fromStdString(workspacePath));
    const std::optional<annotation::JudgeScoreRecord> found =
        annotation::keptJudgeScore(workspace, QString::fromStdString(video), QString::fromStdString(checkpoint));
    if (!found) {
        return std::nullopt;
    }
    nlohmann::json windows = nlohmann::json::array();
    for (const QVector<qint64>& window : found->windows) {
        windows.push_back({{"source_frames", std::vector<int64_t>(window.begin(), window.end())}});
    }
    const auto worst = std::max_element(found->frameEnergies.begin(), found->frameEnergies.end());
    nlohmann::json result = {
        {"video", video},
        {"checkpoint", checkpoint},
        {"energy", found->energy},
        {"frame_count", found->frameEnergies.size()},
        {"worst_frame", worst - found->frameEnergies.begin()},
        {"frame_energies", std::vector<float>(found->frameEnergies.begin(), found->frameEnergies.end())},
        {"judge_input",
         {{"width", found->inputWidth},
          {"height", found->inputHeight},
          {"frames", found->windows.isEmpty() ? 0 : found->windows.first().size()},
          {"fps", found->inputFps}}},
        {"windows", windows},
        {"cached", true},
        {"scored_at", found->scoredAt.toString(Qt::ISODateWithMs).toStdString()}};
    if (found->reward) {
        result["reward"] = *found->reward;
    }
    return result;
}

} // namespace svj::cli
