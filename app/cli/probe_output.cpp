// What `svj probe` prints of a video file: labelled lines for a person, or one JSON object.
#include "app/cli/probe_output.h"

#include <iomanip>
#include <iostream>
#include <sstream>

namespace svj::cli {
namespace {

std::string rateText(const media::Rational& rate) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(3) << rate.value() << " fps (" << rate.num << "/" << rate.den << ")";
    return out.str();
}

void field(const char* label, const std::string& value) {
    std::string padded = std::string(label) + ":";
    padded.resize(15, ' ');
    std::cout << padded << value << "\n";
}

std::string fixed3(double value) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(3) << value;
    return out.str();
}

} // namespace

void printVideoInfoText(const media::VideoInfo& info) {
    field("file", info.path);
    field("container", info.containerName + " (" + info.containerLongName + ")");
    field("streams", std::to_string(info.streams.size()));
    for (const media::StreamInfo& stream : info.streams) {
        std::cout << "  #" << stream.index << " " << media::streamTypeName(stream.type) << "  " << stream.codecName;
        if (!stream.profile.empty()) {
            std::cout << " (" << stream.profile << ")";
        }
        if (stream.type == media::StreamType::Video) {
            std::cout << "  " << stream.width << "x" << stream.height << "  " << stream.pixelFormat;
        } else if (stream.type == media::StreamType::Audio) {
            std::cout << "  " << stream.sampleRate << " Hz  " << stream.channels << " ch";
        }
        std::cout << "\n";
    }
    field("video", "stream #" + std::to_string(info.videoStreamIndex) + ", " + info.codecName);
    std::string size = std::to_string(info.width) + "x" + std::to_string(info.height);
    if (info.displayWidth() != info.width || info.displayHeight() != info.height) {
        size += " (displayed " + std::to_string(info.displayWidth()) + "x" + std::to_string(info.displayHeight()) + ")";
    }
    field("size", size);
    field("aspect", "SAR " + std::to_string(info.sampleAspectRatio.num) + ":" +
                        std::to_string(info.sampleAspectRatio.den) + ", rotation " +
                        std::to_string(info.rotationDegrees) + " degrees");
    field("pixels", info.pixelFormat + ", " + (info.colorSpace == "unknown" ? "unspecified matrix" : info.colorSpace) +
                        ", " + (info.fullRange ? "full range" : "limited range"));
    field("frame rate", rateText(info.frameRate) + (info.variableFrameRate ? ", variable" : ", constant"));
    field("duration", fixed3(info.durationSeconds) + " s");
    std::string frames = std::to_string(info.frameCount);
    if (info.headerFrameCount >= 0 && info.headerFrameCount != info.frameCount) {
        frames += " (the header claims " + std::to_string(info.headerFrameCount) + ")";
    }
    field("frames", frames);
    for (const std::string& warning : info.warnings) {
        field("warning", warning);
    }
}

nlohmann::json videoInfoJson(const media::VideoInfo& info) {
    nlohmann::json streams = nlohmann::json::array();
    for (const media::StreamInfo& stream : info.streams) {
        nlohmann::json entry = {{"index", stream.index},
                                {"type", media::streamTypeName(stream.type)},
                                {"codec", stream.codecName},
                                {"profile", stream.profile}};
        if (stream.type == media::StreamType::Video) {
            entry["width"] = stream.width;
            entry["height"] = stream.height;
            entry["pixel_format"] = stream.pixelFormat;
        } else if (stream.type == media::StreamType::Audio) {
            entry["sample_rate"] = stream.sampleRate;
            entry["channels"] = stream.channels;
        }
        streams.push_back(entry);
    }
    return {{"path", info.path},
            {"container", info.containerName},
            {"streams", streams},
            {"video_stream", info.videoStreamIndex},
            {"codec", info.codecName},
            {"width", info.width},
            {"height", info.height},
            {"display_width", info.displayWidth()},
            {"display_height", info.displayHeight()},
            {"sample_aspect_ratio", {info.sampleAspectRatio.num, info.sampleAspectRatio.den}},
            {"rotation", info.rotationDegrees},
            {"pixel_format", info.pixelFormat},
            {"color_space", info.colorSpace},
            {"full_range", info.fullRange},
            {"fps", info.frameRate.value()},
            {"fps_rational", {info.frameRate.num, info.frameRate.den}},
            {"variable_frame_rate", info.variableFrameRate},
            {"duration", info.durationSeconds},
            {"frame_count", info.frameCount},
            {"header_frame_count", info.headerFrameCount},
            {"start_time_us", info.startTimeUs},
            {"warnings", info.warnings}};
}

} // namespace svj::cli
