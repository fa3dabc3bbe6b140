#include "widgets/watch_tracker.h"

#include <algorithm>

namespace svj::widgets {

void WatchTracker::reset(const std::vector<int64_t>& frameCounts) {
    m_seen.clear();
    for (const int64_t count : frameCounts) {
        m_seen.emplace_back(static_cast<size_t>(std::max<int64_t>(0, count)), false);
    }
    m_seenCount.assign(frameCounts.size(), 0);
    m_last.assign(frameCounts.size(), -1);
}

void WatchTracker::visit(const std::vector<int64_t>& frames, bool continuous) {
    for (size_t video = 0; video < frames.size() && video < m_seen.size(); ++video) {
        std::vector<bool>& seen = m_seen[video];
        const int64_t frame = frames[video];
        if (frame < 0 || static_cast<size_t>(frame) >= seen.size()) {
            continue;
        }
        // Playing forward passes every frame in between (some may not have been drawn at speed).
        const int64_t from = continuous && m_last[video] >= 0 && m_last[video] <= frame ? m_last[video] : frame;
        for (int64_t i = from; i <= frame; ++i) {
            if (!seen[static_cast<size_t>(i)]) {
                seen[static_cast<size_t>(i)] = true;
                ++m_seenCount[video];
            }
        }
        m_last[video] = frame;
    }
}

double WatchTracker::fraction(int video) const {
    if (video < 0 || static_cast<size_t>(video) >= m_seen.size() || m_seen[static_cast<size_t>(video)].empty()) {
        return 0.0;
    }
    return static_cast<double>(m_seenCount[static_cast<size_t>(video)]) /
           static_cast<double>(m_seen[static_cast<size_t>(video)].size());
}

} // namespace svj::widgets
