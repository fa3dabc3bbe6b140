#include "media/image_sequence.h"

#include "media/container_probe.h"
#include "media/input.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

extern "C" {
#include <libavutil/pixdesc.h>
}

namespace svj::media::detail {
namespace {

namespace fs = std::filesystem;

bool isImageFile(const fs::path& path) {
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static const char* const kExtensions[] = {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp", ".ppm"};
    return std::any_of(std::begin(kExtensions), std::end(kExtensions),
                       [&](const char* known) { return extension == known; });
}

// frame_9 < frame_10: runs of digits compare by value, everything else byte by byte.
bool naturalLess(const std::string& a, const std::string& b) {
    size_t i = 0;
    size_t j = 0;
    while (i < a.size() && j < b.size()) {
        if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
            size_t endA = i;
            size_t endB = j;
            while (endA < a.size() && std::isdigit(static_cast<unsigned char>(a[endA]))) {
                ++endA;
            }
            while (endB < b.size() && std::isdigit(static_cast<unsigned char>(b[endB]))) {
                ++endB;
            }
            std::string digitsA = a.substr(i, endA - i);
            std::string digitsB = b.substr(j, endB - j);
            digitsA.erase(0, std::min(digitsA.find_first_not_of('0'), digitsA.size()));
            digitsB.erase(0, std::min(digitsB.find_first_not_of('0'), digitsB.size()));
            if (digitsA.size() != digitsB.size()) {
                return digitsA.size() < digitsB.size();
            }
            if (digitsA != digitsB) {
                return digitsA < digitsB;
            }
            i = endA;
            j = endB;
            continue;
        }
        if (a[i] != b[j]) {
            return a[i] < b[j];
        }
        ++i;
        ++j;
    }
    return a.size() - i < b.size() - j;
}

} // namespace

bool isDirectory(const std::string& path) {
    std::error_code error;
    return fs::is_directory(path, error);
}

std::vector<std::string> listImageSequence(const std::string& directory) {
    std::vector<std::string> names;
    std::error_code error;
    for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
        if (it->is_regular_file(error) && isImageFile(it->path())) {
            names.push_back(it->path().filename().string());
        }
    }
    if (error) {
        throw MediaError(MediaErrorKind::NotReadable, directory, "cannot list folder: " + error.message());
    }
    if (names.empty()) {
        throw MediaError(MediaErrorKind::NotAVideo, directory,
                         "is a folder without images (an image sequence needs .jpg, .png, .bmp, .tif or .webp files)");
    }
    std::sort(names.begin(), names.end(), naturalLess);
    std::vector<std::string> paths;
    paths.reserve(names.size());
    for (const std::string& name : names) {
        paths.push_back((fs::path(directory) / name).string());
    }
    return paths;
}

bool isStillImage(const std::string& path) {
    std::error_code error;
    return fs::is_regular_file(path, error) && isImageFile(fs::path(path));
}

ImageSequenceSource::ImageSequenceSource(const std::string& directory, double fps)
    : m_files(isDirectory(directory) ? listImageSequence(directory) : std::vector<std::string>{directory})
    , m_frame(allocFrame()) {
    if (!(fps > 0.0) || fps > 10000.0) {
        throw MediaError(MediaErrorKind::InvalidArgument, directory, "image sequence frame rate must be in (0, 10000]");
    }
    // The first image defines the sequence's size and format.
    Input first = Input::openFile(m_files.front());
    ProbedContainer probed = probeContainer(first);
    m_info = probed.info;
    m_info.path = directory;
    m_info.containerName = m_files.size() == 1 && !isDirectory(directory) ? "image" : "image_sequence";
    m_info.containerLongName = m_info.containerName == "image" ? "a still picture" : "numbered images in a folder";
    m_info.streams.resize(1);
    m_info.streams.front().index = 0;
    m_info.videoStreamIndex = 0;
    m_info.rotationDegrees = 0;
    const AVRational rate = av_d2q(fps, 1000000);
    m_info.frameRate = {rate.num, rate.den};
    m_info.streams.front().frameRate = m_info.frameRate;
    m_info.variableFrameRate = false;
    m_info.frameCount = static_cast<int64_t>(m_files.size());
    m_info.headerFrameCount = m_info.frameCount;
    m_info.startTimeUs = 0;
    m_info.durationSeconds = static_cast<double>(m_files.size()) / fps;
    m_info.containerDurationSeconds = m_info.durationSeconds;
    m_frameDurationUs = static_cast<int64_t>(std::llround(1e6 / fps));
    m_ptsUs.reserve(m_files.size());
    for (size_t i = 0; i < m_files.size(); ++i) {
        m_ptsUs.push_back(static_cast<int64_t>(std::llround(static_cast<double>(i) * 1e6 / fps)));
    }
}

void ImageSequenceSource::decodeFile(const std::string& path) {
    Input input = Input::openFile(path);
    AVFormatContext* context = input.context();
    const int stream = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (stream < 0) {
        throw MediaError(MediaErrorKind::NotAVideo, path, "not an image");
    }
    const AVCodecParameters* parameters = context->streams[stream]->codecpar;
    const AVCodec* codec = avcodec_find_decoder(parameters->codec_id);
    if (!codec) {
        throw MediaError(MediaErrorKind::UnsupportedCodec, path, "no decoder for this image format");
    }
    // Every image is checked before it is decoded, not only the first: a picture bomb later in the folder
    // is refused at its header, and the decoder may not allocate more than the sequence's frame size.
    if (parameters->width > 0 && parameters->height > 0 &&
        (parameters->width != m_info.width || parameters->height != m_info.height)) {
        throw MediaError(MediaErrorKind::InvalidVideo, path,
                         "image is " + std::to_string(parameters->width) + "x" + std::to_string(parameters->height) +
                             " but the sequence is " + std::to_string(m_info.width) + "x" +
                             std::to_string(m_info.height) + " (checked before decoding)");
    }
    CodecContextPtr decoder(avcodec_alloc_context3(codec));
    checkAv(avcodec_parameters_to_context(decoder.get(), parameters), MediaErrorKind::DecodeFailed, path,
            "cannot set up the image decoder");
    // FFmpeg checks the stride-aligned width against it: leave room for the alignment.
    decoder->max_pixels = (int64_t(m_info.width) + 128) * (int64_t(m_info.height) + 128);
    checkAv(avcodec_open2(decoder.get(), codec, nullptr), MediaErrorKind::DecodeFailed, path,
            "cannot open the image decoder");
    AvPacketPtr packet = allocPacket();
    av_frame_unref(m_frame.get());
    while (av_read_frame(context, packet.get()) >= 0) {
        if (packet->stream_index == stream) {
            avcodec_send_packet(decoder.get(), packet.get());
            av_packet_unref(packet.get());
            break;
        }
        av_packet_unref(packet.get());
    }
    avcodec_send_packet(decoder.get(), nullptr);
    if (avcodec_receive_frame(decoder.get(), m_frame.get()) < 0) {
        ++m_decodeErrors;
        throw MediaError(MediaErrorKind::DecodeFailed, path, "image could not be decoded");
    }
    if (m_frame->width != m_info.width || m_frame->height != m_info.height) {
        throw MediaError(MediaErrorKind::InvalidVideo, path,
                         "image is " + std::to_string(m_frame->width) + "x" + std::to_string(m_frame->height) +
                             " but the sequence is " + std::to_string(m_info.width) + "x" +
                             std::to_string(m_info.height));
    }
}

DecodedFrame ImageSequenceSource::decode(int64_t index) {
    if (index != m_current) {
        m_current = -1;
        decodeFile(m_files.at(static_cast<size_t>(index)));
        m_current = index;
    }
    return {m_frame.get(), index, true, true};
}

int64_t ImageSequenceSource::verifyTimeline() {
    for (size_t i = 0; i < m_files.size(); ++i) {
        decode(static_cast<int64_t>(i));
    }
    return static_cast<int64_t>(m_files.size());
}

} // namespace svj::media::detail
