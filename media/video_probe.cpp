#include "media/video_probe.h"

#include "media/container_probe.h"
#include "media/image_sequence.h"
#include "media/video_reader.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libswscale/swscale.h>
}

namespace svj::media {

VideoInfo probeVideo(const std::string& path, const ProbeOptions& options) {
    if (options.countByDecoding) {
        ReaderOptions readerOptions;
        readerOptions.imageSequenceFps = options.imageSequenceFps;
        VideoReader reader(path, readerOptions);
        reader.verifyFrameCount();
        return reader.info();
    }
    if (detail::isDirectory(path)) {
        return detail::ImageSequenceSource(path, options.imageSequenceFps).info();
    }
    detail::Input input = detail::Input::openFile(path);
    return detail::probeContainer(input).info;
}

std::string ffmpegVersion() {
    auto triple = [](unsigned version) {
        return std::to_string(AV_VERSION_MAJOR(version)) + "." + std::to_string(AV_VERSION_MINOR(version)) + "." +
               std::to_string(AV_VERSION_MICRO(version));
    };
    return std::string("FFmpeg ") + av_version_info() + " (libavformat " + triple(avformat_version()) +
           ", libavcodec " + triple(avcodec_version()) + ", libswscale " + triple(swscale_version()) + ")";
}

} // namespace svj::media
