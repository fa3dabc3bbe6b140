#include "media/video_reader.h"

#include "media/container_source.h"
#include "media/frame_converter.h"
#include "media/image_sequence.h"
#include "media/media_error.h"
#include "media/media_limits.h"

#include <algorithm>

namespace svj::media {

class VideoReader::Impl {
public:
    Impl(std::unique_ptr<detail::FrameSource> source, const ReaderOptions& options)
        : source(std::move(source))
        , converter(this->source->info().path, options.pixelFormat,
                    options.applyRotation ? this->source->info().rotationDegrees : 0) {
        converter.setOutputSize(options.outputWidth, options.outputHeight);
        converter.setHighQuality(options.highQualityScaling);
    }

    std::unique_ptr<detail::FrameSource> source;
    detail::FrameConverter converter;
};

namespace {

std::unique_ptr<detail::FrameSource> openSource(const std::string& path, const ReaderOptions& options) {
    // Checked before the file is opened: a scaled frame is allocated at this size.
    if (options.outputWidth < 0 || options.outputHeight < 0 || options.outputWidth > kMaxDimension ||
        options.outputHeight > kMaxDimension ||
        int64_t(options.outputWidth) * int64_t(options.outputHeight) > kMaxPixels) {
        throw MediaError(MediaErrorKind::InvalidArgument, path,
                         "output size " + std::to_string(options.outputWidth) + "x" +
                             std::to_string(options.outputHeight) + " is past the limit of " +
                             std::to_string(kMaxDimension) + " on a side and " + std::to_string(kMaxPixels) +
                             " pixels");
    }
    if (detail::isDirectory(path) || detail::isStillImage(path)) {
        return std::make_unique<detail::ImageSequenceSource>(path, options.imageSequenceFps);
    }
    return std::make_unique<detail::ContainerSource>(detail::Input::openFile(path), options.decoderThreads);
}

} // namespace

VideoReader::VideoReader(const std::string& path, ReaderOptions options)
    : m_impl(std::make_unique<Impl>(openSource(path, options), options)) {}

VideoReader::VideoReader(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl)) {}

VideoReader VideoReader::fromMemory(std::shared_ptr<const std::vector<uint8_t>> bytes, const std::string& name,
                                    ReaderOptions options) {
    auto source = std::make_unique<detail::ContainerSource>(detail::Input::openMemory(std::move(bytes), name),
                                                            options.decoderThreads);
    return VideoReader(std::make_unique<Impl>(std::move(source), options));
}

VideoReader::VideoReader(VideoReader&&) noexcept = default;
VideoReader& VideoReader::operator=(VideoReader&&) noexcept = default;
VideoReader::~VideoReader() = default;

const VideoInfo& VideoReader::info() const {
    return m_impl->source->info();
}

const std::string& VideoReader::path() const {
    return info().path;
}

int64_t VideoReader::frameCount() const {
    return static_cast<int64_t>(m_impl->source->framePtsUs().size());
}

int64_t VideoReader::framePtsUs(int64_t index) const {
    const auto& times = m_impl->source->framePtsUs();
    if (index < 0 || index >= static_cast<int64_t>(times.size())) {
        throw MediaError(MediaErrorKind::OutOfRange, path(),
                         "frame " + std::to_string(index) + " is outside the video");
    }
    return times[static_cast<size_t>(index)];
}

const std::vector<int64_t>& VideoReader::framePtsUs() const {
    return m_impl->source->framePtsUs();
}

int64_t VideoReader::frameIndexAtTime(int64_t timeUs) const {
    const auto& times = m_impl->source->framePtsUs();
    const auto after = std::upper_bound(times.begin(), times.end(), timeUs);
    if (after == times.begin()) {
        return 0;
    }
    return static_cast<int64_t>(after - times.begin()) - 1;
}

int64_t VideoReader::durationUs() const {
    const auto& times = m_impl->source->framePtsUs();
    return times.empty() ? 0 : times.back() + m_impl->source->lastFrameDurationUs();
}

void VideoReader::readFrame(int64_t index, VideoFrame& out) {
    const detail::DecodedFrame decoded = m_impl->source->decode(index);
    m_impl->converter.convert(decoded.frame, out);
    const auto& times = m_impl->source->framePtsUs();
    out.index = index;
    out.ptsUs = times[static_cast<size_t>(index)];
    out.durationUs = static_cast<size_t>(index) + 1 < times.size() ? times[static_cast<size_t>(index) + 1] - out.ptsUs
                                                                   : m_impl->source->lastFrameDurationUs();
    out.keyFrame = decoded.keyFrame;
    out.exact = decoded.exact;
    if (!decoded.exact) {
        ++m_substituted;
    }
    m_position = index;
}

VideoFrame VideoReader::readFrame(int64_t index) {
    VideoFrame frame;
    readFrame(index, frame);
    return frame;
}

VideoFrame VideoReader::readFrameAtTime(int64_t timeUs) {
    return readFrame(frameIndexAtTime(timeUs));
}

VideoFrame VideoReader::step(int64_t delta) {
    const int64_t from = m_position < 0 ? 0 : m_position;
    return readFrame(std::clamp<int64_t>(from + delta, 0, frameCount() - 1));
}

bool VideoReader::decodeOnly(int64_t index) {
    const detail::DecodedFrame decoded = m_impl->source->decode(index);
    m_position = index;
    return decoded.exact;
}

int64_t VideoReader::verifyFrameCount() {
    m_position = -1;
    return m_impl->source->verifyTimeline();
}

void VideoReader::setOutputSize(int width, int height) {
    m_impl->converter.setOutputSize(width, height);
}

int64_t VideoReader::decodeErrorCount() const {
    return m_impl->source->decodeErrors();
}

} // namespace svj::media
