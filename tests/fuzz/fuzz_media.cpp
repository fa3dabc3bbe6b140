// libFuzzer target: arbitrary bytes through a memory AVIOContext into open -> probe -> decode -> convert.
// Anything but a MediaError (a crash, a hang, a leak, undefined behaviour) is a bug.
#include "media/clip_sampler.h"
#include "media/ffmpeg_log.h"
#include "media/media_error.h"
#include "media/video_reader.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const bool quiet = [] {
        svj::media::setFfmpegLogLevel(svj::media::FfmpegLogLevel::Quiet);
        return true;
    }();
    (void)quiet;
    auto bytes = std::make_shared<std::vector<uint8_t>>(data, data + size);
    try {
        svj::media::ReaderOptions options;
        options.decoderThreads = 1; // deterministic, and the fuzzer's own threads stay few
        options.outputWidth = 48;   // small RGB output: the decoders still see the real size
        options.outputHeight = 32;
        svj::media::VideoReader reader = svj::media::VideoReader::fromMemory(bytes, "fuzz-input", options);
        const int64_t count = reader.frameCount();
        // Random access in an order that seeks backwards, forwards and steps.
        const int64_t picks[] = {count - 1, 0, count / 2, count / 2 + 1, count / 3, 1};
        for (const int64_t pick : picks) {
            if (pick >= 0 && pick < count) {
                reader.readFrame(pick);
            }
        }
        svj::media::ClipSpec spec;
        spec.frameCount = 5;
        spec.width = 16;
        spec.height = 16;
        spec.shortPolicy = svj::media::ShortVideoPolicy::PadWithLastFrame;
        svj::media::sampleClip(reader, spec);
    } catch (const svj::media::MediaError&) {
        // A clear refusal is the expected outcome for most inputs.
    }
    return 0;
}
