// `svj probe`: what each video file holds, as labelled lines or one JSON object a file (probe_output.h).
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/probe_output.h"
#include "media/media_error.h"
#include "media/video_probe.h"
#include "model/json_text.h"

#include <iostream>

namespace svj::cli {

int runProbe(const Arguments& arguments) {
    CommandLine commandLine(
        "probe", {{"json", "", "print one JSON object per file"},
                  {"decode", "", "count frames by decoding them all (slow; for files whose packets mislead)"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj probe [--json] [--decode] FILE...\n\n"
                     "Prints container, streams, codec, size, frame rate, duration and the exact frame count\n"
                     "(counted from the stream, not trusted from the header) of each video file.\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    if (commandLine.positional().empty()) {
        throw UsageError("probe needs at least one FILE");
    }
    int exitCode = kExitOk;
    bool first = true;
    for (const std::string& path : commandLine.positional()) {
        try {
            media::ProbeOptions options;
            options.countByDecoding = commandLine.flag("decode");
            const media::VideoInfo info = media::probeVideo(path, options);
            if (commandLine.flag("json")) {
                std::cout << svj::model::jsonText(videoInfoJson(info)) << "\n";
            } else {
                if (!first) {
                    std::cout << "\n";
                }
                printVideoInfoText(info);
            }
            first = false;
        } catch (const media::MediaError& error) {
            std::cout.flush();
            printError(error.what());
            exitCode = kExitBadInput;
        }
    }
    return exitCode;
}

} // namespace svj::cli
