// libFuzzer target: arbitrary bytes through a memory AVIOContext into open -> probe -> decode -> convert ->
// clip sampling and whole-video coverage, and the same bytes as the images of a two-image sequence. Anything
// but a MediaError (a crash, a hang, a leak, undefined behaviour) is a bug; libFuzzer's -timeout bounds the
// time per input (tests/fuzz/run_fuzzers.sh passes 20 s).
#include "media/clip_sampler.h"
#include "media/ffmpeg_log.h"
#include "media/media_error.h"
#include "media/video_reader.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

svj::media::ReaderOptions readerOptions() {
    svj::media::ReaderOptions options;
    options.decoderThreads = 1; // deterministic, and the fuzzer's own threads stay few
    options.outputWidth = 48;   // small RGB output: the decoders still see the real size
    options.outputHeight = 32;
    return options;
}

void readAround(svj::media::VideoReader& reader, bool coverage) {
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
    if (coverage) {
        svj::media::sampleCoverage(reader, spec);
    }
}

// A folder of this process's own, holding the input twice as the images of a sequence.
std::string sequenceOf(const uint8_t* data, size_t size) {
    static const std::string folder = [] {
        const auto path = std::filesystem::temp_directory_path() / ("fuzz_media-" + std::to_string(::getpid()));
        std::filesystem::create_directories(path);
        std::atexit([] {
            std::error_code ignored;
            std::filesystem::remove_all(
                std::filesystem::temp_directory_path() / ("fuzz_media-" + std::to_string(::getpid())), ignored);
        });
        return path.string();
    }();
    for (const char* name : {"/frame_1.png", "/frame_2.png"}) {
        std::ofstream(folder + name, std::ios::binary | std::ios::trunc)
            .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    return folder;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const bool quiet = [] {
        svj::media::setFfmpegLogLevel(svj::media::FfmpegLogLevel::Quiet);
        return true;
    }();
    (void)quiet;
    auto bytes = std::make_shared<std::vector<uint8_t>>(data, data + size);
    try {
        svj::media::VideoReader reader = svj::media::VideoReader::fromMemory(bytes, "fuzz-input", readerOptions());
        readAround(reader, true);
    } catch (const svj::media::MediaError&) {
        // A clear refusal is the expected outcome for most inputs.
    }
    try {
        svj::media::VideoReader images(sequenceOf(data, size), readerOptions());
        readAround(images, false);
    } catch (const svj::media::MediaError&) {
        // A clear refusal is the expected outcome for most inputs.
    }
    return 0;
}
