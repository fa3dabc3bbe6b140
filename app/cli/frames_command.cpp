#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "media/media_error.h"
#include "media/media_limits.h"
#include "media/video_reader.h"
#include "media/video_writer.h"

#include <cmath>
#include <iostream>

namespace svj::cli {

int runFrames(const Arguments& arguments) {
    CommandLine commandLine("frames", {{"at", "N", "frame number (0-based)"},
                                       {"time", "SECONDS", "the frame on screen at this time"},
                                       {"out", "FILE.png", "where to write the picture"},
                                       {"width", "W", "scale to this width (with --height)"},
                                       {"height", "H", "scale to this height (with --width)"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj frames FILE (--at N | --time SECONDS) --out FILE.png\n\n"
                     "Writes one decoded frame of a video (or image-sequence folder) as a PNG. Frame numbers are\n"
                     "exact: frame N is the N-th frame the video shows, counted from 0.\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    if (commandLine.positional().size() != 1) {
        throw UsageError("frames needs exactly one FILE");
    }
    const bool byIndex = commandLine.value("at").has_value();
    const bool byTime = commandLine.value("time").has_value();
    if (byIndex == byTime) {
        throw UsageError("give either --at N or --time SECONDS");
    }
    const std::optional<std::string> out = commandLine.value("out");
    if (!out) {
        throw UsageError("--out FILE.png is required");
    }
    media::ReaderOptions options;
    options.outputWidth = commandLine.intValue("width", 0);
    options.outputHeight = commandLine.intValue("height", 0);
    if ((options.outputWidth > 0) != (options.outputHeight > 0) || options.outputWidth < 0 ||
        options.outputHeight < 0) {
        throw UsageError("--width and --height go together and must be positive");
    }
    if (options.outputWidth > media::kMaxDimension || options.outputHeight > media::kMaxDimension ||
        int64_t(options.outputWidth) * options.outputHeight > media::kMaxPixels) {
        throw UsageError("--width and --height must be at most " + std::to_string(media::kMaxDimension) +
                         " and together at most " + std::to_string(media::kMaxPixels) + " pixels");
    }
    const std::string& path = commandLine.positional().front();
    try {
        media::VideoReader reader(path, options);
        int64_t index = 0;
        if (byIndex) {
            index = commandLine.intValue("at", 0);
            if (index < 0 || index >= reader.frameCount()) {
                printError(path + ": frame " + std::to_string(index) + " is outside the video (it has " +
                           std::to_string(reader.frameCount()) + " frames, 0.." +
                           std::to_string(reader.frameCount() - 1) + ")");
                return kExitBadInput;
            }
        } else {
            const double seconds = commandLine.doubleValue("time", 0.0);
            const double duration = static_cast<double>(reader.durationUs()) / 1e6;
            if (!(seconds >= 0.0) || seconds >= duration) {
                printError(path + ": time " + std::to_string(seconds) + " s is outside the video (0 to " +
                           std::to_string(duration) + " s)");
                return kExitBadInput;
            }
            index = reader.frameIndexAtTime(static_cast<int64_t>(std::llround(seconds * 1e6)));
        }
        const media::VideoFrame frame = reader.readFrame(index);
        media::writePng(frame, *out);
        std::cout << "frame " << index << " (" << frame.width << "x" << frame.height << ", at "
                  << static_cast<double>(frame.ptsUs) / 1e6 << " s"
                  << (frame.exact ? "" : ", substituted: the frame is damaged") << ") -> " << *out << "\n";
        return kExitOk;
    } catch (const media::MediaError& error) {
        printError(error.what());
        return error.kind() == media::MediaErrorKind::EncodeFailed ? kExitFailure : kExitBadInput;
    }
}

} // namespace svj::cli
