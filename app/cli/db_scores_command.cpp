// `svj db scores`: how far the scoring of a workspace's videos by a checkpoint has got (`svj score --db WS
// --claim` on one or many hosts): what is scored, claimed, failed and left. Wiring only: annotation/score_claims.
#include "annotation/label_store.h"
#include "annotation/score_claims.h"
#include "annotation/workspace.h"
#include "app/cli/checkpoint_option.h"
#include "app/cli/db_actions.h"
#include "model/json_text.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace svj::cli {

int runScores(const Arguments& arguments) {
    CommandLine commandLine("db scores",
                            {{"ckpt", "CKPT", "the judge whose scores are counted (default: the shipped one)"},
                             {"missing", "", "list the videos without a score, with their claims"},
                             {"retry-failed", "", "let workers try the videos that failed again"},
                             {"json", "", "one JSON object"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj db scores WORKSPACE [--ckpt CKPT] [--missing] [--retry-failed] [--json]\n\n"
                     "How many of the workspace's videos have a score by the checkpoint; with --missing the others,\n"
                     "each left, claimed by a worker (until its lease runs out) or failed (and why).\n";
        return kExitOk;
    }
    const std::string path = workspaceArgument(commandLine, "scores");
    const std::string checkpoint = chosenCheckpoint(commandLine);
    annotation::Workspace workspace = annotation::Workspace::open(qs(path), !commandLine.flag("retry-failed"));
    const int retried = commandLine.flag("retry-failed") ? annotation::retryFailedClaims(workspace, qs(checkpoint)) : 0;
    const QVector<annotation::UnscoredVideo> missing = annotation::unscoredVideos(workspace, qs(checkpoint));
    const qint64 videos = annotation::LabelStore(workspace).videoRows();
    const qint64 scored = annotation::scoredVideoCount(workspace, qs(checkpoint));
    int claimed = 0;
    int failed = 0;
    for (const annotation::UnscoredVideo& video : missing) {
        claimed += video.state == QLatin1String("claimed") ? 1 : 0;
        failed += video.state == QLatin1String("failed") ? 1 : 0;
    }
    const int left = static_cast<int>(missing.size()) - claimed - failed;
    if (commandLine.flag("json")) {
        nlohmann::json out = {{"workspace", path},
                              {"checkpoint", checkpoint},
                              {"videos", videos},
                              {"scored", scored},
                              {"claimed", claimed},
                              {"failed", failed},
                              {"left", left},
                              {"retried", retried},
                              {"score_rows", annotation::scoreRowCount(workspace, qs(checkpoint))}};
        if (commandLine.flag("missing")) {
            out["missing"] = nlohmann::json::array();
            for (const annotation::UnscoredVideo& video : missing) {
                nlohmann::json row = {{"video", video.path.toStdString()}, {"state", video.state.toStdString()}};
                if (video.state != QLatin1String("left")) {
                    row["worker"] = video.worker.toStdString();
                    row[video.state == QLatin1String("failed") ? "message" : "until"] =
                        (video.state == QLatin1String("failed") ? video.message : video.until).toStdString();
                }
                out["missing"].push_back(row);
            }
        }
        std::cout << model::jsonText(out) << "\n";
        return kExitOk;
    }
    std::cout << scored << " of " << videos << " videos scored by " << checkpoint << "; " << claimed << " claimed, "
              << failed << " failed, " << left << " left"
              << (retried > 0 ? " (" + std::to_string(retried) + " failed ones released for another try)" : "") << "\n";
    if (commandLine.flag("missing")) {
        for (const annotation::UnscoredVideo& video : missing) {
            std::cout << "  " << video.state.toStdString() << "  " << video.path.toStdString();
            if (video.state == QLatin1String("claimed")) {
                std::cout << "  (" << video.worker.toStdString() << ", until " << video.until.toStdString() << ")";
            } else if (video.state == QLatin1String("failed")) {
                std::cout << "  (" << video.worker.toStdString() << ": " << video.message.toStdString() << ")";
            }
            std::cout << "\n";
        }
    }
    return kExitOk;
}

} // namespace svj::cli
