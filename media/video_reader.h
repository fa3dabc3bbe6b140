// Frame-exact reading of a video file or image-sequence folder: frame n is the frame you get, in any order.
#pragma once

#include "media/video_frame.h"
#include "media/video_info.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace svj::media {

struct ReaderOptions {
    int decoderThreads = 0; // 0: one per core (FFmpeg's choice)
    PixelFormat pixelFormat = PixelFormat::Rgb24;
    int outputWidth = 0; // displayed orientation; 0 x 0 keeps the video's own size
    int outputHeight = 0;
    bool applyRotation = true;       // turn phone videos upright, as players do
    bool highQualityScaling = false; // exact rounding and full-resolution chroma (slower)
    double imageSequenceFps = 25.0;  // frame rate given to a folder of images
};

// Not thread-safe: one reader per thread (readers of the same file are independent).
class VideoReader {
public:
    // Opens a video file, or a folder of numbered images. Throws MediaError naming the path.
    explicit VideoReader(const std::string& path, ReaderOptions options = {});
    // Reads a container held in memory; `name` is used in error messages.
    static VideoReader fromMemory(std::shared_ptr<const std::vector<uint8_t>> bytes, const std::string& name,
                                  ReaderOptions options = {});

    VideoReader(VideoReader&&) noexcept;
    VideoReader& operator=(VideoReader&&) noexcept;
    ~VideoReader();

    const VideoInfo& info() const;
    const std::string& path() const;
    int64_t frameCount() const;
    // When frame `index` starts, on the video's own clock (first frame at 0).
    int64_t framePtsUs(int64_t index) const;
    const std::vector<int64_t>& framePtsUs() const;
    // The frame on screen at `timeUs` (the last frame starting at or before it), clamped to the video.
    int64_t frameIndexAtTime(int64_t timeUs) const;
    int64_t durationUs() const;

    // Decodes and converts frame `index`. Throws MediaError (OutOfRange) outside 0..frameCount()-1.
    VideoFrame readFrame(int64_t index);
    // Same, into an existing frame whose pixel buffer is reused.
    void readFrame(int64_t index, VideoFrame& out);
    VideoFrame readFrameAtTime(int64_t timeUs);
    // readFrame(position() + delta), clamped to the video.
    VideoFrame step(int64_t delta);
    // Index of the frame last read (-1 before the first read).
    int64_t position() const { return m_position; }

    // Decodes frame `index` without converting it to RGB (a player skipping a late frame, a benchmark).
    // Returns whether the decoded picture is exactly that frame.
    bool decodeOnly(int64_t index);

    // Decodes the whole video once and rebuilds the timeline from what really decodes, for files whose
    // packets do not tell the truth. Returns the verified frame count.
    int64_t verifyFrameCount();

    void setOutputSize(int width, int height);
    // Decoding errors met so far (corrupt packets and pictures); decoding goes on past them.
    int64_t decodeErrorCount() const;
    // Frames that could not be decoded and were replaced by the nearest earlier one.
    int64_t substitutedFrameCount() const { return m_substituted; }

private:
    class Impl;
    explicit VideoReader(std::unique_ptr<Impl> impl);

    std::unique_ptr<Impl> m_impl;
    int64_t m_position = -1;
    int64_t m_substituted = 0;
};

} // namespace svj::media
