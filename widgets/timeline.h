// The comparison view's shared timeline: 2-4 videos with their own frame times, rates and offsets on one clock
// in microseconds, and the judge's per-frame energy curves on it. Pure logic, so the views and tests agree on
// which frame is on screen at a time.
#pragma once

#include <QColor>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace svj::widgets {

struct VideoTrack {
    QString path;
    QString name;               // what the view shows ("A", "B", ... and the file name)
    QColor colour;              // its view's frame and its curve
    int64_t offsetUs = 0;       // where the video's first frame sits on the timeline
    std::vector<int64_t> ptsUs; // per frame, on the video's own clock (first frame at 0)
    int64_t durationUs = 0;     // its last frame's end
    double fps = 0.0;
    int width = 0;
    int height = 0;
    std::vector<float> energies;      // per frame (empty until scored); lower = better
    std::vector<int64_t> judgeFrames; // the source frames the judge saw, in order
    std::vector<int> windowSizes;     // how many of judgeFrames each of the judge's windows holds
};

// The stretch of a video one latent frame of one judge window stands for: the VAE folds the window's first
// sampled frame into latent 0 and then four sampled frames into each latent, and each sampled frame stands for
// the source frames up to the next sampled one.
struct LatentSpan {
    int window = 0;
    int latent = 0;
    int64_t firstFrame = 0; // source frames, inclusive
    int64_t lastFrame = 0;
    std::vector<int64_t> sampled; // the source frames the judge saw in it
    int64_t startUs = 0;          // on the timeline
    int64_t endUs = 0;
};

class Timeline {
public:
    void setTracks(std::vector<VideoTrack> tracks);
    const std::vector<VideoTrack>& tracks() const { return m_tracks; }
    VideoTrack& track(int index) { return m_tracks[static_cast<size_t>(index)]; }
    int count() const { return static_cast<int>(m_tracks.size()); }

    // From the earliest first frame to the latest last frame's end.
    int64_t startUs() const;
    int64_t endUs() const;
    // The frame of `video` on screen at timeline time `timeUs` (the last one starting at or before it), clamped
    // to the video's frames; -1 for a video without frames.
    int64_t frameAt(int video, int64_t timeUs) const;
    // When frame `frame` of `video` starts on the timeline.
    int64_t timeOf(int video, int64_t frame) const;
    // The start of the frame of `video` `delta` frames away from the one on screen at `timeUs`.
    int64_t stepFrom(int video, int64_t timeUs, int64_t delta) const;

    // Energy of `video` at `timeUs` (its frame's), if scored.
    std::optional<float> energyAt(int video, int64_t timeUs) const;
    // The latent frame of the first judge window holding the frame of `video` on screen at `timeUs`; none before
    // the video is scored or outside every window.
    std::optional<LatentSpan> latentSpanAt(int video, int64_t timeUs) const;
    // ΔE(t) = E_A(t) − E_B(t) for the first two videos, sampled at every frame start of either (the points where
    // it can change); empty until both are scored.
    std::vector<std::pair<int64_t, float>> energyDifference() const;
    // Where |ΔE| is largest (the judge's strongest preference), or the worst frame of the only scored video.
    std::optional<int64_t> worstMomentUs() const;
    // The next time after `timeUs` at which ΔE changes sign (the judge flips its preference).
    std::optional<int64_t> nextSignChangeUs(int64_t timeUs) const;

private:
    std::vector<VideoTrack> m_tracks;
};

} // namespace svj::widgets
