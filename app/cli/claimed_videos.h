// `svj score --db WORKSPACE --claim`: the workspace's videos without a score by the checkpoint, claimed one at a
// time (annotation/score_claims.h) so that workers on several hosts score each video exactly once. Wiring
// between training/'s ScoreRun and annotation/. Built with the Qt layers only (SVJ_HAVE_ANNOTATION).
#pragma once

#include "annotation/score_claims.h"
#include "model/judge.h"
#include "training/score_run.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace svj::cli {

class ClaimedVideos {
public:
    // Throws annotation::WorkspaceError when the workspace cannot be opened.
    ClaimedVideos(const std::string& workspace, const std::string& checkpoint, const std::string& worker,
                  int leaseSeconds);
    ~ClaimedVideos();

    // ScoreRun's video source: the next claimed video's path, or nothing when none is left. While other workers
    // hold live claims it waits (a crashed worker's video is taken over once its lease runs out), unless `stop`.
    std::optional<std::string> next(const std::atomic<bool>& stop);
    // The run's events for the claimed video: its lease renewed while windows are scored, its score stored (once:
    // a claim lost meanwhile stores nothing and says so), its failure recorded so nobody claims it again.
    void show(const training::ScoreEvent& event, model::Judge* judge);

    // Stopped before the claimed video was scored: the claim goes, so others need not wait for its lease.
    void release();

    int stored() const { return m_stored; }
    int lost() const { return m_lost; }

private:
    struct Session;
    std::unique_ptr<Session> m_session;
    std::string m_checkpoint;
    int m_leaseSeconds;
    std::optional<annotation::ScoreClaim> m_current;
    bool m_currentLost = false;
    std::chrono::steady_clock::time_point m_renewed;
    int m_stored = 0;
    int m_lost = 0;
};

// The default worker name: HOST:PID.
std::string defaultWorkerName();

} // namespace svj::cli
