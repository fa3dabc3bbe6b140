#include "training/video_judging.h"

#include "media/clip_sampler.h"
#include "media/image_ops.h"
#include "media/media_error.h"
#include "media/video_reader.h"
#include "model/latent_frames.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <map>
#include <optional>
#include <stdexcept>

namespace svj::training {
namespace {

// Evenly spread positions of `count` tiles over [0, extent - tile], on a multiple of 8 where it can be.
std::vector<int> spread(int extent, int tile, int count) {
    std::vector<int> positions;
    const int room = std::max(0, extent - tile);
    if (count <= 1 || room == 0) {
        positions.push_back(room / 2 / 8 * 8);
        return positions;
    }
    for (int i = 0; i < count; ++i) {
        int position = static_cast<int>(std::lround(static_cast<double>(room) * i / (count - 1)));
        if (i < count - 1) {
            position = position / 8 * 8;
        }
        if (positions.empty() || position > positions.back()) {
            positions.push_back(position);
        }
    }
    return positions;
}

// The stream the judge watches: source frame indices, at the video's own rate or picked at the judge's.
std::vector<int64_t> streamFrames(int64_t frameCount, double fps, const std::vector<int64_t>& framePtsUs,
                                  double judgeFps) {
    std::vector<int64_t> frames;
    if (judgeFps <= 0.0 || frameCount <= 1) {
        for (int64_t i = 0; i < frameCount; ++i) {
            frames.push_back(i);
        }
        return frames;
    }
    std::vector<int64_t> pts = framePtsUs;
    if (static_cast<int64_t>(pts.size()) != frameCount) {
        pts.clear();
        for (int64_t i = 0; i < frameCount; ++i) {
            pts.push_back(static_cast<int64_t>(std::llround(i * 1e6 / (fps > 0 ? fps : 25.0))));
        }
    }
    // A timestamp that jumps by 10^6 s must not make millions of picks of one frame.
    pts = media::boundedTimeline(pts, pts.back()).framePtsUs;
    const int64_t lastUs = pts.back();
    size_t source = 0;
    for (int64_t j = 0;; ++j) {
        const auto t = static_cast<int64_t>(std::llround(j * 1e6 / judgeFps));
        if (t > lastUs) {
            break;
        }
        while (source + 1 < pts.size() && pts[source + 1] <= t) {
            ++source;
        }
        frames.push_back(static_cast<int64_t>(source));
    }
    return frames;
}

// Window starts over a stream of `length` frames: every `stride`, the last one flush with the end.
std::vector<int64_t> windowStarts(int64_t length, int frames, int stride) {
    std::vector<int64_t> starts;
    if (length <= frames) {
        starts.push_back(0);
        return starts;
    }
    for (int64_t s = 0; s + frames <= length; s += stride) {
        starts.push_back(s);
    }
    if (starts.back() + frames < length) {
        starts.push_back(length - frames);
    }
    return starts;
}

// What the tiles of one window add up to.
struct WindowScore {
    std::vector<float> latent;
    std::vector<float> aspects;
    float reward = 0;
    bool stage2 = false;
};

// The mean over a window's tiles of their scores.
WindowScore meanOfTiles(const std::vector<model::ScoreResult>& results) {
    WindowScore score;
    const auto count = static_cast<float>(results.size());
    for (const model::ScoreResult& result : results) {
        score.latent.resize(result.latentEnergies.size(), 0.0f);
        for (size_t t = 0; t < result.latentEnergies.size(); ++t) {
            score.latent[t] += result.latentEnergies[t] / count;
        }
        if (result.hasAspects) {
            score.stage2 = true;
            score.reward += result.reward / count;
            score.aspects.resize(result.aspectScores.size(), 0.0f);
            for (size_t k = 0; k < result.aspectScores.size(); ++k) {
                score.aspects[k] += result.aspectScores[k] / count;
            }
        }
    }
    return score;
}

// A frame smaller than a tile, enlarged (only then: otherwise the judge sees the video's own pixels).
class Enlarger {
public:
    Enlarger(int width, int height, const TileGrid& grid)
        : m_width(width)
        , m_height(height)
        , m_grid(grid) {}

    const uint8_t* operator()(const uint8_t* rgb) {
        if (!m_grid.scaled) {
            return rgb;
        }
        media::VideoFrame frame;
        frame.width = m_width;
        frame.height = m_height;
        frame.stride = m_width * 3;
        frame.pixels.assign(rgb, rgb + static_cast<size_t>(m_width) * m_height * 3);
        m_buffer.resize(static_cast<size_t>(m_grid.scaledWidth) * m_grid.scaledHeight * 3);
        m_resizer.resize(frame, 0, 0, m_width, m_height, m_grid.scaledWidth, m_grid.scaledHeight, m_buffer.data());
        return m_buffer.data();
    }

private:
    int m_width;
    int m_height;
    TileGrid m_grid;
    media::RgbResizer m_resizer;
    std::vector<uint8_t> m_buffer;
};

// The whole frame resized and centre-cropped to the judge's input (the view of CogVideoX and the judges
// trained before tiles).
class FrameView {
public:
    FrameView(int width, int height, int targetWidth, int targetHeight)
        : m_width(width)
        , m_height(height)
        , m_targetWidth(targetWidth)
        , m_targetHeight(targetHeight)
        , m_crop(media::centreCrop(width, height, 1.0, targetWidth, targetHeight)) {}

    void operator()(const uint8_t* rgb, uint8_t* out) {
        media::VideoFrame frame;
        frame.width = m_width;
        frame.height = m_height;
        frame.stride = m_width * 3;
        frame.pixels.assign(rgb, rgb + static_cast<size_t>(m_width) * m_height * 3);
        m_resizer.resize(frame, m_crop.x, m_crop.y, m_crop.width, m_crop.height, m_targetWidth, m_targetHeight, out);
    }

private:
    int m_width;
    int m_height;
    int m_targetWidth;
    int m_targetHeight;
    media::CropRect m_crop;
    media::RgbResizer m_resizer;
};

// Cuts the stream's frames into what the judge is shown (tiles, or the resized frame), each frame once
// while the windows that need it are scored.
class TileCutter {
public:
    TileCutter(const FrameFetcher& fetch, const std::vector<int64_t>& stream, int width, int height, bool tiled,
               const TileGrid& grid, const model::JudgeConfig& config, int tile)
        : m_fetch(fetch)
        , m_stream(stream)
        , m_tiled(tiled)
        , m_grid(grid)
        , m_tile(tile)
        , m_enlarge(width, height, grid)
        , m_resize(width, height, config.inputWidth, config.inputHeight)
        , m_frameBytes(tiled ? static_cast<size_t>(tile) * tile * 3
                             : static_cast<size_t>(config.inputWidth) * config.inputHeight * 3) {}

    size_t frameBytes() const { return m_frameBytes; }
    size_t pieces() const { return m_tiled ? m_grid.origins.size() : 1; }

    // The window of `frames` stream frames from `start`, one clip per tile.
    std::vector<std::vector<uint8_t>> window(int64_t start, int frames) {
        m_cut.erase(m_cut.begin(), m_cut.lower_bound(start)); // windows go forward
        std::vector<std::vector<uint8_t>> clips(pieces(),
                                                std::vector<uint8_t>(m_frameBytes * static_cast<size_t>(frames)));
        for (int f = 0; f < frames; ++f) {
            const std::vector<std::vector<uint8_t>>& frameTiles = tilesOf(start + f);
            for (size_t p = 0; p < clips.size(); ++p) {
                std::memcpy(clips[p].data() + m_frameBytes * static_cast<size_t>(f), frameTiles[p].data(),
                            m_frameBytes);
            }
        }
        return clips;
    }

private:
    const std::vector<std::vector<uint8_t>>& tilesOf(int64_t position) {
        auto it = m_cut.find(position);
        if (it != m_cut.end()) {
            return it->second;
        }
        const uint8_t* rgb = m_fetch(m_stream[static_cast<size_t>(position)]);
        std::vector<std::vector<uint8_t>> pieces;
        if (m_tiled) {
            const uint8_t* frame = m_enlarge(rgb);
            for (const auto& [x, y] : m_grid.origins) {
                std::vector<uint8_t> piece(m_frameBytes);
                for (int row = 0; row < m_tile; ++row) {
                    std::memcpy(piece.data() + static_cast<size_t>(row) * m_tile * 3,
                                frame + (static_cast<size_t>(y + row) * m_grid.scaledWidth + x) * 3,
                                static_cast<size_t>(m_tile) * 3);
                }
                pieces.push_back(std::move(piece));
            }
        } else {
            std::vector<uint8_t> piece(m_frameBytes);
            m_resize(rgb, piece.data());
            pieces.push_back(std::move(piece));
        }
        return m_cut.emplace(position, std::move(pieces)).first->second;
    }

    const FrameFetcher& m_fetch;
    const std::vector<int64_t>& m_stream;
    bool m_tiled;
    TileGrid m_grid;
    int m_tile;
    Enlarger m_enlarge;
    FrameView m_resize;
    size_t m_frameBytes;
    std::map<int64_t, std::vector<std::vector<uint8_t>>> m_cut;
};

} // namespace

JudgingPlan judgingPlan(const model::JudgeConfig& config) {
    JudgingPlan plan;
    plan.tileSize = config.inputWidth;
    plan.windowFrames = config.inputFrames;
    const int fallback = std::max(4, (config.inputFrames - 1) / 2 / 4 * 4);
    plan.windowStride = config.windowStride > 0                       ? config.windowStride
                        : config.inputView == model::InputView::Tiles ? fallback
                                                                      : std::max(1, config.inputFrames - 1);
    plan.maxTiles = config.maxTiles;
    plan.fps = config.inputFps;
    return plan;
}

TileGrid tileGrid(int width, int height, int tile, int maxTiles) {
    TileGrid grid;
    grid.scaledWidth = width;
    grid.scaledHeight = height;
    if (width < tile || height < tile) {
        const double factor = static_cast<double>(tile) / std::max(1, std::min(width, height));
        grid.scaledWidth = std::max(tile, static_cast<int>(std::ceil(width * factor)));
        grid.scaledHeight = std::max(tile, static_cast<int>(std::ceil(height * factor)));
        grid.scaled = true;
    }
    int across = (grid.scaledWidth + tile - 1) / tile;
    int down = (grid.scaledHeight + tile - 1) / tile;
    // Thinned evenly in both directions, keeping the frame's shape, until the budget holds.
    while (across * down > std::max(1, maxTiles)) {
        if (across >= down && across > 1) {
            --across;
        } else if (down > 1) {
            --down;
        } else {
            --across;
        }
    }
    for (const int y : spread(grid.scaledHeight, tile, down)) {
        for (const int x : spread(grid.scaledWidth, tile, across)) {
            grid.origins.emplace_back(x, y);
        }
    }
    return grid;
}

JudgedVideo judgeFrames(model::Judge& judge, int64_t frameCount, int width, int height, double fps,
                        const std::vector<int64_t>& framePtsUs, const FrameFetcher& fetch, const JudgingPlan& plan,
                        const std::atomic<bool>* cancel, const WindowProgress& progress,
                        const JudgingReference* reference) {
    JudgedVideo result;
    result.frameCount = frameCount;
    result.fps = fps;
    result.framePtsUs = framePtsUs;
    if (static_cast<int64_t>(result.framePtsUs.size()) != frameCount) {
        result.framePtsUs.clear();
        for (int64_t i = 0; i < frameCount; ++i) {
            result.framePtsUs.push_back(static_cast<int64_t>(std::llround(i * 1e6 / (fps > 0 ? fps : 25.0))));
        }
    }
    if (frameCount <= 0) {
        return result;
    }
    const model::JudgeConfig& config = judge.config();
    const bool tiled = config.inputView == model::InputView::Tiles;
    const std::vector<int64_t> stream = streamFrames(frameCount, fps, framePtsUs, plan.fps);
    const auto length = static_cast<int64_t>(stream.size());
    // A stream shorter than a window: the longest 1 + 4k frames it has (at least 1).
    const int frames = static_cast<int>(std::min<int64_t>(plan.windowFrames, 1 + (length - 1) / 4 * 4));
    const std::vector<int64_t> starts = windowStarts(length, frames, std::max(1, plan.windowStride));

    const TileGrid grid = tileGrid(width, height, plan.tileSize, plan.maxTiles);
    result.tilesPerFrame = tiled ? static_cast<int>(grid.origins.size()) : 1;
    result.scaled = tiled && grid.scaled;
    const int tile = plan.tileSize;
    TileCutter cutter(fetch, stream, width, height, tiled, grid, config, tile);
    std::optional<TileCutter> referenceCutter;
    if (reference) {
        if (reference->judged->tileScores.size() != starts.size() || reference->frameCount != frameCount ||
            reference->width != width || reference->height != height) {
            throw std::invalid_argument("a reference for judging must be a judged clip of the same shape");
        }
        referenceCutter.emplace(reference->fetch, stream, width, height, tiled, grid, config, tile);
    }
    const int inputWidth = tiled ? tile : config.inputWidth;
    const int inputHeight = tiled ? tile : config.inputHeight;
    for (size_t w = 0; w < starts.size(); ++w) {
        const int64_t start = starts[w];
        const std::vector<std::vector<uint8_t>> clips = cutter.window(start, frames);
        // Tiles that show exactly what the reference's did keep its scores; the others are scored.
        std::vector<model::ScoreResult> scores(clips.size());
        std::vector<model::ClipView> views;
        std::vector<size_t> scored;
        std::vector<std::vector<uint8_t>> referenceClips;
        if (referenceCutter) {
            referenceClips = referenceCutter->window(start, frames);
        }
        for (size_t p = 0; p < clips.size(); ++p) {
            if (referenceCutter && referenceClips[p] == clips[p]) {
                scores[p] = reference->judged->tileScores[w][p];
                continue;
            }
            views.push_back({clips[p].data(), frames, inputHeight, inputWidth});
            scored.push_back(p);
        }
        if (!views.empty()) {
            std::vector<model::ScoreResult> fresh = judge.scoreBatch(views, plan.batch, {}, cancel);
            for (size_t i = 0; i < scored.size(); ++i) {
                scores[scored[i]] = std::move(fresh[i]);
            }
        }
        result.tilesScored += static_cast<int64_t>(views.size());
        const WindowScore score = meanOfTiles(scores);
        if (plan.keepTileScores) {
            result.tileScores.push_back(std::move(scores));
        }
        model::ScoredWindow window;
        window.frameEnergies = model::latentToFrameCurve(score.latent, frames);
        double sum = 0;
        for (const float e : score.latent) {
            sum += e;
        }
        window.energy = score.latent.empty() ? 0.0f : static_cast<float>(sum / score.latent.size());
        for (int f = 0; f < frames; ++f) {
            window.sourceFrames.push_back(stream[static_cast<size_t>(start + f)]);
        }
        if (tiled && start > 0 && frames > 1) {
            // The lone first frame of a window counts only where no other window has a full latent frame.
            window.frameWeights.assign(static_cast<size_t>(frames), 1.0f);
            window.frameWeights.front() = 0.0f;
        }
        result.windows.push_back(std::move(window));
        if (score.stage2) {
            result.stage2 = true;
            result.reward += score.reward / static_cast<float>(starts.size());
            result.aspectScores.resize(score.aspects.size(), 0.0f);
            for (size_t k = 0; k < score.aspects.size(); ++k) {
                result.aspectScores[k] += score.aspects[k] / static_cast<float>(starts.size());
            }
        }
        if (progress) {
            progress(w + 1, starts.size());
        }
    }
    result.curve = model::stitchWindows(result.windows, frameCount);
    return result;
}

JudgedVideo judgeClip(model::Judge& judge, const media::PackedClip& clip, double fps, const JudgingPlan& plan,
                      int frames, const JudgedClip* reference) {
    const int64_t count = frames > 0 ? std::min(frames, clip.frames) : clip.frames;
    std::optional<JudgingReference> against;
    if (reference) {
        against.emplace();
        against->judged = &reference->judged;
        against->frameCount = count;
        against->width = reference->clip->width;
        against->height = reference->clip->height;
        against->fetch = [clean = reference->clip](int64_t index) { return clean->frame(static_cast<int>(index)); };
    }
    return judgeFrames(
        judge, count, clip.width, clip.height, fps, {},
        [&](int64_t index) { return clip.frame(static_cast<int>(index)); }, plan, nullptr, {},
        against ? &*against : nullptr);
}

JudgedVideo judgeVideoFile(model::Judge& judge, const std::string& path, const JudgingPlan& plan,
                           const std::atomic<bool>* cancel, const WindowProgress& progress) {
    media::VideoReader reader(path);
    media::VideoFrame frame;
    int64_t current = -1;
    const FrameFetcher fetch = [&](int64_t index) -> const uint8_t* {
        if (index != current) {
            reader.readFrame(index, frame);
            current = index;
        }
        return frame.pixels.data();
    };
    // The decoded size (rotation applied) is what the judge sees.
    reader.readFrame(0, frame);
    current = 0;
    return judgeFrames(judge, reader.frameCount(), frame.width, frame.height, reader.info().frameRate.value(),
                       reader.framePtsUs(), fetch, plan, cancel, progress);
}

std::vector<model::TrainingClip> judgeWindows(const std::string& path, const model::JudgeConfig& config,
                                              int tilesPerWindow) {
    std::vector<model::TrainingClip> windows;
    media::VideoReader reader(path);
    if (config.inputView != model::InputView::Tiles) {
        media::ClipSpec spec;
        spec.fps = config.inputFps;
        spec.frameCount = config.inputFrames;
        spec.width = config.inputWidth;
        spec.height = config.inputHeight;
        spec.shortPolicy = media::ShortVideoPolicy::Shrink;
        for (media::Clip& clip : media::sampleCoverage(reader, spec)) {
            model::TrainingClip window;
            window.frames = clip.frameCount;
            window.height = clip.height;
            window.width = clip.width;
            window.source = path;
            window.rgb = std::move(clip.rgb);
            windows.push_back(std::move(window));
        }
        return windows;
    }
    const JudgingPlan plan = judgingPlan(config);
    media::VideoFrame frame;
    reader.readFrame(0, frame);
    const std::vector<int64_t> stream =
        streamFrames(reader.frameCount(), reader.info().frameRate.value(), reader.framePtsUs(), plan.fps);
    const auto length = static_cast<int64_t>(stream.size());
    const int frames = static_cast<int>(std::min<int64_t>(plan.windowFrames, 1 + (length - 1) / 4 * 4));
    if (frames < 5) {
        throw media::MediaError(media::MediaErrorKind::InvalidVideo, path,
                                "too short for the judge (" + std::to_string(length) + " frames)");
    }
    const TileGrid grid = tileGrid(frame.width, frame.height, plan.tileSize, tilesPerWindow);
    Enlarger enlarge(frame.width, frame.height, grid);
    const int tile = plan.tileSize;
    for (const int64_t start : windowStarts(length, frames, std::max(1, plan.windowStride))) {
        std::vector<model::TrainingClip> pieces(grid.origins.size());
        for (model::TrainingClip& piece : pieces) {
            piece.frames = frames;
            piece.width = piece.height = tile;
            piece.source = path + " @" + std::to_string(stream[static_cast<size_t>(start)]);
            piece.rgb.resize(piece.frameBytes() * static_cast<size_t>(frames));
        }
        for (int f = 0; f < frames; ++f) {
            reader.readFrame(stream[static_cast<size_t>(start + f)], frame);
            const uint8_t* rgb = enlarge(frame.pixels.data());
            for (size_t p = 0; p < grid.origins.size(); ++p) {
                const auto [x, y] = grid.origins[p];
                for (int row = 0; row < tile; ++row) {
                    std::memcpy(pieces[p].rgb.data() + pieces[p].frameBytes() * static_cast<size_t>(f) +
                                    static_cast<size_t>(row) * tile * 3,
                                rgb + (static_cast<size_t>(y + row) * grid.scaledWidth + x) * 3,
                                static_cast<size_t>(tile) * 3);
                }
            }
        }
        for (model::TrainingClip& piece : pieces) {
            windows.push_back(std::move(piece));
        }
    }
    return windows;
}

} // namespace svj::training
