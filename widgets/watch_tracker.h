// How much of each video an annotator has actually watched: the frames that played or were stepped onto, not
// the ones jumped over. The labelling panel's must-watch rule reads it; the fractions are stored with a label.
#pragma once

#include <cstdint>
#include <vector>

namespace svj::widgets {

class WatchTracker {
public:
    // One entry per video: its frame count.
    void reset(const std::vector<int64_t>& frameCounts);
    // The frames on screen now (one per video). With `continuous` (playback, or a step of one frame) every
    // frame between the previous position and this one counts as watched; otherwise (a jump) only these.
    void visit(const std::vector<int64_t>& frames, bool continuous);
    // Watched frames over all frames of `video`, 0..1.
    double fraction(int video) const;
    int videoCount() const { return static_cast<int>(m_seen.size()); }

private:
    std::vector<std::vector<bool>> m_seen;
    std::vector<int64_t> m_seenCount;
    std::vector<int64_t> m_last;
};

} // namespace svj::widgets
