#include "app/cli/claimed_videos.h"

#include "annotation/workspace.h"
#include "app/cli/commands.h"
#include "app/cli/qt_application.h"
#include "app/cli/workspace_scores.h"

#include <algorithm>
#include <thread>
#include <unistd.h>

namespace svj::cli {

struct ClaimedVideos::Session {
    Session(const std::string& location, const std::string& checkpoint, const std::string& worker, int leaseSeconds)
        : application(ensureQtApplication())
        , workspace(annotation::Workspace::open(QString::fromStdString(location)))
        , claims(workspace, QString::fromStdString(checkpoint), QString::fromStdString(worker), leaseSeconds) {}

    decltype(ensureQtApplication()) application;
    annotation::Workspace workspace;
    annotation::ScoreClaims claims; // refers to `workspace`
};

std::string defaultWorkerName() {
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    return std::string(host) + ":" + std::to_string(getpid());
}

ClaimedVideos::ClaimedVideos(const std::string& workspace, const std::string& checkpoint, const std::string& worker,
                             int leaseSeconds)
    : m_checkpoint(checkpoint)
    , m_leaseSeconds(leaseSeconds) {
    m_session = std::make_unique<Session>(workspace, checkpoint, worker, leaseSeconds);
}

ClaimedVideos::~ClaimedVideos() = default;

void ClaimedVideos::release() {
    if (m_current) {
        m_session->claims.release(*m_current);
        m_current.reset();
    }
}

std::optional<std::string> ClaimedVideos::next(const std::atomic<bool>& stop) {
    while (!stop.load()) {
        m_currentLost = false;
        m_current = m_session->claims.next();
        m_renewed = std::chrono::steady_clock::now();
        if (m_current) {
            return m_current->path.toStdString();
        }
        const std::optional<double> wait = m_session->claims.secondsUntilAClaimRunsOut();
        if (!wait) {
            return std::nullopt; // every video has its score (or failed)
        }
        // Poll at least every few seconds: a claim that ends in a score frees nothing, one that runs out does.
        const auto until = std::chrono::steady_clock::now() +
                           std::chrono::milliseconds(static_cast<int64_t>(std::min(*wait, 5.0) * 1000) + 100);
        while (!stop.load() && std::chrono::steady_clock::now() < until) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    return std::nullopt;
}

void ClaimedVideos::show(const training::ScoreEvent& event, model::Judge* judge) {
    if (!m_current || event.video != m_current->path.toStdString()) {
        return;
    }
    switch (event.kind) {
    case training::ScoreEventKind::Window:
        // A third of the lease between renewals: a slow video keeps its claim, a dead worker loses it.
        if (!m_currentLost &&
            std::chrono::steady_clock::now() - m_renewed > std::chrono::seconds(std::max(1, m_leaseSeconds / 3))) {
            try {
                m_session->claims.renew(*m_current);
            } catch (const annotation::ClaimLost& error) {
                m_currentLost = true; // the video is finished but its score not stored (the other worker's counts)
                printNote(error.what());
            } catch (const annotation::WorkspaceError& error) {
                printNote(std::string("the claim could not be renewed now (tried again later): ") + error.what());
            }
            m_renewed = std::chrono::steady_clock::now();
        }
        break;
    case training::ScoreEventKind::Scored:
        if (m_currentLost) {
            ++m_lost;
            m_current.reset();
            break;
        }
        try {
            m_session->claims.complete(*m_current, scoreRecord(*event.score, *judge, m_checkpoint));
            ++m_stored;
        } catch (const annotation::ClaimLost& error) {
            ++m_lost;
            printNote(error.what());
        }
        m_current.reset();
        break;
    case training::ScoreEventKind::Failed:
        m_session->claims.fail(*m_current, QString::fromStdString(event.message));
        m_current.reset();
        break;
    case training::ScoreEventKind::Kept:
        break;
    }
}

} // namespace svj::cli
