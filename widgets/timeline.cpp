#include "widgets/timeline.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace svj::widgets {

void Timeline::setTracks(std::vector<VideoTrack> tracks) {
    m_tracks = std::move(tracks);
}

int64_t Timeline::startUs() const {
    int64_t start = std::numeric_limits<int64_t>::max();
    for (const VideoTrack& track : m_tracks) {
        start = std::min(start, track.offsetUs);
    }
    return m_tracks.empty() ? 0 : start;
}

int64_t Timeline::endUs() const {
    int64_t end = 0;
    for (const VideoTrack& track : m_tracks) {
        end = std::max(end, track.offsetUs + track.durationUs);
    }
    return end;
}

int64_t Timeline::frameAt(int video, int64_t timeUs) const {
    const VideoTrack& track = m_tracks[static_cast<size_t>(video)];
    if (track.ptsUs.empty()) {
        return -1;
    }
    const int64_t local = timeUs - track.offsetUs;
    const auto it = std::upper_bound(track.ptsUs.begin(), track.ptsUs.end(), local);
    if (it == track.ptsUs.begin()) {
        return 0;
    }
    return static_cast<int64_t>(it - track.ptsUs.begin()) - 1;
}

int64_t Timeline::timeOf(int video, int64_t frame) const {
    const VideoTrack& track = m_tracks[static_cast<size_t>(video)];
    if (track.ptsUs.empty()) {
        return track.offsetUs;
    }
    frame = std::clamp<int64_t>(frame, 0, static_cast<int64_t>(track.ptsUs.size()) - 1);
    return track.offsetUs + track.ptsUs[static_cast<size_t>(frame)];
}

int64_t Timeline::stepFrom(int video, int64_t timeUs, int64_t delta) const {
    return timeOf(video, frameAt(video, timeUs) + delta);
}

std::optional<float> Timeline::energyAt(int video, int64_t timeUs) const {
    const VideoTrack& track = m_tracks[static_cast<size_t>(video)];
    const int64_t frame = frameAt(video, timeUs);
    if (frame < 0 || static_cast<size_t>(frame) >= track.energies.size()) {
        return std::nullopt;
    }
    return track.energies[static_cast<size_t>(frame)];
}

std::optional<LatentSpan> Timeline::latentSpanAt(int video, int64_t timeUs) const {
    const VideoTrack& track = m_tracks[static_cast<size_t>(video)];
    const int64_t frame = frameAt(video, timeUs);
    size_t begin = 0;
    for (size_t window = 0; window < track.windowSizes.size(); ++window) {
        const size_t size = static_cast<size_t>(track.windowSizes[window]);
        if (size == 0 || begin + size > track.judgeFrames.size()) {
            break;
        }
        const int64_t* sampled = track.judgeFrames.data() + begin;
        begin += size;
        if (frame < sampled[0] || frame > sampled[size - 1]) {
            continue;
        }
        // The last sampled frame at or before `frame`, then the latent that folds it.
        size_t at = 0;
        while (at + 1 < size && sampled[at + 1] <= frame) {
            ++at;
        }
        const size_t latent = at == 0 ? 0 : (at + 3) / 4;
        const size_t first = latent == 0 ? 0 : 4 * latent - 3;
        const size_t last = std::min(size - 1, latent == 0 ? size_t(0) : 4 * latent);
        LatentSpan span;
        span.window = static_cast<int>(window);
        span.latent = static_cast<int>(latent);
        span.sampled.assign(sampled + first, sampled + last + 1);
        span.firstFrame = sampled[first];
        span.lastFrame = last + 1 < size ? sampled[last + 1] - 1 : sampled[last];
        span.startUs = timeOf(video, span.firstFrame);
        const auto next = static_cast<size_t>(span.lastFrame) + 1;
        span.endUs =
            next < track.ptsUs.size() ? timeOf(video, static_cast<int64_t>(next)) : track.offsetUs + track.durationUs;
        return span;
    }
    return std::nullopt;
}

std::vector<std::pair<int64_t, float>> Timeline::energyDifference() const {
    std::vector<std::pair<int64_t, float>> difference;
    if (m_tracks.size() < 2 || m_tracks[0].energies.empty() || m_tracks[1].energies.empty()) {
        return difference;
    }
    std::vector<int64_t> times;
    for (int video = 0; video < 2; ++video) {
        for (const int64_t pts : m_tracks[static_cast<size_t>(video)].ptsUs) {
            times.push_back(pts + m_tracks[static_cast<size_t>(video)].offsetUs);
        }
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    for (const int64_t time : times) {
        const std::optional<float> a = energyAt(0, time);
        const std::optional<float> b = energyAt(1, time);
        if (a && b) {
            difference.emplace_back(time, *a - *b);
        }
    }
    return difference;
}

std::optional<int64_t> Timeline::worstMomentUs() const {
    const std::vector<std::pair<int64_t, float>> difference = energyDifference();
    if (!difference.empty()) {
        const auto it = std::max_element(difference.begin(), difference.end(), [](const auto& x, const auto& y) {
            return std::fabs(x.second) < std::fabs(y.second);
        });
        return it->first;
    }
    for (int video = 0; video < count(); ++video) {
        const std::vector<float>& energies = m_tracks[static_cast<size_t>(video)].energies;
        if (!energies.empty()) {
            const auto it = std::max_element(energies.begin(), energies.end());
            return timeOf(video, it - energies.begin());
        }
    }
    return std::nullopt;
}

std::optional<int64_t> Timeline::nextSignChangeUs(int64_t timeUs) const {
    const std::vector<std::pair<int64_t, float>> difference = energyDifference();
    const auto sign = [](float value) { return value > 0.0f ? 1 : value < 0.0f ? -1 : 0; };
    int current = 0;
    for (const auto& [time, value] : difference) {
        if (time <= timeUs) {
            current = sign(value) != 0 ? sign(value) : current;
            continue;
        }
        const int now = sign(value);
        if (now != 0 && current != 0 && now != current) {
            return time;
        }
        if (now != 0) {
            current = now;
        }
    }
    return std::nullopt;
}

} // namespace svj::widgets
