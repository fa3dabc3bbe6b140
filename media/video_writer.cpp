#include "media/video_writer.h"

#include "media/durable_file.h"
#include "media/ffmpeg_handles.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <random>
#include <unistd.h>

extern "C" {
#include <libavutil/imgutils.h>
#include <libavutil/mem.h>
#include <libavutil/opt.h>
}

namespace svj::media {
namespace {

using namespace detail;

// A name nobody can guess, created here exclusively and never through a link, so nobody can plant a link
// under it first. The encoder reopens it by that name: someone able to replace files in the target's folder
// between the two opens could still redirect the write, as they could replace the finished file itself.
std::string temporaryPathFor(const std::string& path) {
    static std::atomic<int> counter{0};
    const std::filesystem::path target(path);
    std::random_device entropy;
    for (int attempt = 0; attempt < 8; ++attempt) {
        const std::string name = "." + target.filename().string() + ".partial-" + std::to_string(::getpid()) + "-" +
                                 std::to_string(counter.fetch_add(1)) + "-" + std::to_string(entropy());
        const std::string temporary = (target.parent_path() / name).string();
        const int descriptor = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (descriptor >= 0) {
            ::close(descriptor);
            return temporary;
        }
        if (errno != EEXIST) {
            break;
        }
    }
    throw MediaError(MediaErrorKind::EncodeFailed, path,
                     std::string("cannot create the file: ") + std::strerror(errno));
}

// Flushed to disk, renamed into place, the rename made durable: a power cut leaves the old file or the new.
void moveIntoPlace(const std::string& temporary, const std::string& path) {
    if (!syncAndRename(temporary, path)) {
        const std::string reason = std::strerror(errno);
        std::error_code error;
        std::filesystem::remove(temporary, error); // still there unless the rename itself went through
        throw MediaError(MediaErrorKind::EncodeFailed, path,
                         "cannot flush the finished file to disk and move it into place: " + reason);
    }
}

} // namespace

class VideoWriter::Impl {
public:
    std::string path;
    std::string temporary;
    int width = 0;
    int height = 0;
    AVFormatContext* format = nullptr; // owned: freed in the destructor
    CodecContextPtr codec;
    AVStream* stream = nullptr;
    AvFramePtr frame;
    AvPacketPtr packet;
    SwsContextPtr sws;
    AVPixelFormat swsSource = AV_PIX_FMT_NONE;
    AlignedPicture input; // swscale may read past packed rows: frames are copied here first
    int64_t written = 0;
    bool finished = false;
    bool fileOpen = false;

    ~Impl() {
        if (format) {
            if (fileOpen) {
                avio_closep(&format->pb);
            }
            avformat_free_context(format);
        }
        if (!finished && !temporary.empty()) {
            std::error_code error;
            std::filesystem::remove(temporary, error);
        }
    }

    void drain(bool flush) {
        if (flush) {
            avcodec_send_frame(codec.get(), nullptr);
        }
        for (;;) {
            const int result = avcodec_receive_packet(codec.get(), packet.get());
            if (result == AVERROR(EAGAIN) || result == AVERROR_EOF) {
                return;
            }
            checkAv(result, MediaErrorKind::EncodeFailed, path, "encoding failed");
            av_packet_rescale_ts(packet.get(), codec->time_base, stream->time_base);
            packet->stream_index = stream->index;
            checkAv(av_interleaved_write_frame(format, packet.get()), MediaErrorKind::EncodeFailed, path,
                    "writing a packet failed");
        }
    }
};

VideoWriter::VideoWriter(const std::string& path, int width, int height, const WriterOptions& options)
    : m_impl(std::make_unique<Impl>()) {
    installLogHandler();
    Impl& d = *m_impl;
    d.path = path;
    d.width = width;
    d.height = height;
    if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
        throw MediaError(MediaErrorKind::InvalidArgument, path,
                         "cannot write a " + std::to_string(width) + "x" + std::to_string(height) + " video");
    }
    if (!options.fps.valid()) {
        throw MediaError(MediaErrorKind::InvalidArgument, path, "frame rate must be positive");
    }
    const bool h264 = options.codec == VideoCodec::H264;
    if (h264 && (width % 2 != 0 || height % 2 != 0)) {
        throw MediaError(MediaErrorKind::InvalidArgument, path, "H.264 (4:2:0) needs an even width and height");
    }
    checkAv(avformat_alloc_output_context2(&d.format, nullptr, nullptr, path.c_str()), MediaErrorKind::InvalidArgument,
            path, "unknown container for this file extension");
    const AVCodec* encoder = h264 ? avcodec_find_encoder_by_name("libx264") : avcodec_find_encoder(AV_CODEC_ID_FFV1);
    if (!encoder) {
        throw MediaError(MediaErrorKind::UnsupportedCodec, path,
                         h264 ? "this FFmpeg has no libx264 encoder" : "this FFmpeg has no FFV1 encoder");
    }
    if (avformat_query_codec(d.format->oformat, encoder->id, FF_COMPLIANCE_NORMAL) != 1) {
        throw MediaError(MediaErrorKind::InvalidArgument, path,
                         std::string("the ") + d.format->oformat->name + " container cannot hold " + encoder->name +
                             " (use .mkv)");
    }
    d.stream = avformat_new_stream(d.format, nullptr);
    d.codec.reset(avcodec_alloc_context3(encoder));
    if (!d.stream || !d.codec) {
        throw std::bad_alloc();
    }
    AVCodecContext* codec = d.codec.get();
    codec->width = width;
    codec->height = height;
    codec->time_base = AVRational{options.fps.den, options.fps.num};
    codec->framerate = AVRational{options.fps.num, options.fps.den};
    codec->sample_aspect_ratio = AVRational{1, 1};
    codec->thread_count = options.threads;
    // FFV1 keeps RGB losslessly (as BGR0); H.264 gets BT.709-tagged limited-range 4:2:0.
    codec->pix_fmt = h264 ? AV_PIX_FMT_YUV420P : AV_PIX_FMT_BGR0;
    if (h264) {
        codec->colorspace = AVCOL_SPC_BT709;
        codec->color_primaries = AVCOL_PRI_BT709;
        codec->color_trc = AVCOL_TRC_BT709;
        codec->color_range = AVCOL_RANGE_MPEG;
        av_opt_set(codec->priv_data, "preset", options.preset.c_str(), 0);
        av_opt_set(codec->priv_data, "crf", std::to_string(options.crf).c_str(), 0);
    } else {
        codec->level = 3;
        av_opt_set(codec->priv_data, "slicecrc", "1", 0);
    }
    if (options.keyFrameInterval > 0) {
        codec->gop_size = options.keyFrameInterval;
    }
    if (options.bFrames >= 0) {
        codec->max_b_frames = options.bFrames;
    }
    if (d.format->oformat->flags & AVFMT_GLOBALHEADER) {
        codec->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    }
    checkAv(avcodec_open2(codec, encoder, nullptr), MediaErrorKind::EncodeFailed, path, "cannot open the encoder");
    checkAv(avcodec_parameters_from_context(d.stream->codecpar, codec), MediaErrorKind::EncodeFailed, path,
            "cannot set up the stream");
    d.stream->time_base = codec->time_base;
    d.stream->avg_frame_rate = codec->framerate;

    d.temporary = temporaryPathFor(path);
    // The muxer reopens its url to move the index to the front: point it at the temporary file.
    av_freep(&d.format->url);
    d.format->url = av_strdup(d.temporary.c_str());
    checkAv(avio_open(&d.format->pb, d.temporary.c_str(), AVIO_FLAG_WRITE), MediaErrorKind::EncodeFailed, path,
            "cannot create the file");
    d.fileOpen = true;
    AVDictionary* muxerOptions = nullptr;
    if (std::string(d.format->oformat->name) == "mp4" || std::string(d.format->oformat->name) == "mov") {
        // Index at the front: the file plays while it downloads, and a cut copy still opens.
        av_dict_set(&muxerOptions, "movflags", "+faststart", 0);
    }
    const int header = avformat_write_header(d.format, &muxerOptions);
    av_dict_free(&muxerOptions);
    checkAv(header, MediaErrorKind::EncodeFailed, path, "cannot write the container header");

    d.frame = allocFrame();
    d.frame->format = codec->pix_fmt;
    d.frame->width = width;
    d.frame->height = height;
    checkAv(av_frame_get_buffer(d.frame.get(), 0), MediaErrorKind::EncodeFailed, path, "out of memory");
    d.packet = allocPacket();
}

VideoWriter::~VideoWriter() = default;

void VideoWriter::write(const VideoFrame& frame) {
    if (frame.width != m_impl->width || frame.height != m_impl->height) {
        throw MediaError(MediaErrorKind::InvalidArgument, m_impl->path,
                         "frame is " + std::to_string(frame.width) + "x" + std::to_string(frame.height) +
                             " but the video is " + std::to_string(m_impl->width) + "x" +
                             std::to_string(m_impl->height));
    }
    Impl& d = *m_impl;
    const AVPixelFormat source = frame.format == PixelFormat::Rgba ? AV_PIX_FMT_RGBA : AV_PIX_FMT_RGB24;
    if (!d.sws || d.swsSource != source) {
        d.sws.reset(sws_getContext(d.width, d.height, source, d.width, d.height, d.codec->pix_fmt,
                                   SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nullptr, nullptr, nullptr));
        if (!d.sws) {
            throw MediaError(MediaErrorKind::EncodeFailed, d.path, "cannot set up the colour conversion");
        }
        // RGB to the limited-range BT.709 the H.264 stream is tagged with.
        sws_setColorspaceDetails(d.sws.get(), sws_getCoefficients(SWS_CS_ITU709), 1, sws_getCoefficients(SWS_CS_ITU709),
                                 0, 0, 1 << 16, 1 << 16);
        d.swsSource = source;
    }
    checkAv(av_frame_make_writable(d.frame.get()), MediaErrorKind::EncodeFailed, d.path, "out of memory");
    const int rowBytes = frame.width * bytesPerPixel(frame.format);
    d.input.reshape(rowBytes, frame.height);
    d.input.copyFrom(frame.pixels.data(), frame.stride, rowBytes, frame.height);
    const uint8_t* planes[4] = {d.input.data(), nullptr, nullptr, nullptr};
    const int strides[4] = {d.input.stride(), 0, 0, 0};
    sws_scale(d.sws.get(), planes, strides, 0, d.height, d.frame->data, d.frame->linesize);
    d.frame->pts = d.written;
    checkAv(avcodec_send_frame(d.codec.get(), d.frame.get()), MediaErrorKind::EncodeFailed, d.path, "encoding failed");
    d.drain(false);
    ++d.written;
}

void VideoWriter::writeRgb(const uint8_t* rgb, int stride) {
    VideoFrame frame;
    frame.width = m_impl->width;
    frame.height = m_impl->height;
    frame.stride = frame.width * 3;
    frame.pixels.resize(static_cast<size_t>(frame.stride) * static_cast<size_t>(frame.height));
    for (int y = 0; y < frame.height; ++y) {
        std::copy_n(rgb + static_cast<size_t>(y) * static_cast<size_t>(stride), frame.stride, frame.row(y));
    }
    write(frame);
}

void VideoWriter::finish() {
    Impl& d = *m_impl;
    if (d.finished) {
        return;
    }
    if (d.written == 0) {
        throw MediaError(MediaErrorKind::EncodeFailed, d.path, "no frames were written");
    }
    d.drain(true);
    checkAv(av_write_trailer(d.format), MediaErrorKind::EncodeFailed, d.path, "cannot finish the file");
    avio_closep(&d.format->pb);
    d.fileOpen = false;
    moveIntoPlace(d.temporary, d.path);
    d.finished = true;
}

int64_t VideoWriter::framesWritten() const {
    return m_impl->written;
}

const std::string& VideoWriter::path() const {
    return m_impl->path;
}

void writePng(const VideoFrame& frame, const std::string& path) {
    installLogHandler();
    if (frame.empty()) {
        throw MediaError(MediaErrorKind::InvalidArgument, path, "no picture to write");
    }
    const AVCodec* encoder = avcodec_find_encoder(AV_CODEC_ID_PNG);
    if (!encoder) {
        throw MediaError(MediaErrorKind::UnsupportedCodec, path, "this FFmpeg has no PNG encoder");
    }
    CodecContextPtr codec(avcodec_alloc_context3(encoder));
    codec->width = frame.width;
    codec->height = frame.height;
    codec->pix_fmt = frame.format == PixelFormat::Rgba ? AV_PIX_FMT_RGBA : AV_PIX_FMT_RGB24;
    codec->time_base = AVRational{1, 25};
    checkAv(avcodec_open2(codec.get(), encoder, nullptr), MediaErrorKind::EncodeFailed, path,
            "cannot open the PNG encoder");
    AvFramePtr picture = allocFrame();
    picture->format = codec->pix_fmt;
    picture->width = frame.width;
    picture->height = frame.height;
    // A padded copy: encoders may read past the end of rows.
    checkAv(av_frame_get_buffer(picture.get(), 0), MediaErrorKind::EncodeFailed, path, "out of memory");
    const int rowBytes = frame.width * bytesPerPixel(frame.format);
    for (int y = 0; y < frame.height; ++y) {
        std::copy_n(frame.row(y), rowBytes, picture->data[0] + static_cast<size_t>(y) * picture->linesize[0]);
    }
    checkAv(avcodec_send_frame(codec.get(), picture.get()), MediaErrorKind::EncodeFailed, path, "PNG encoding failed");
    avcodec_send_frame(codec.get(), nullptr);
    AvPacketPtr packet = allocPacket();
    checkAv(avcodec_receive_packet(codec.get(), packet.get()), MediaErrorKind::EncodeFailed, path,
            "PNG encoding failed");

    const std::string temporary = temporaryPathFor(path);
    // "r+b": the exclusive file temporaryPathFor made, never one created anew under its name.
    FILE* file = std::fopen(temporary.c_str(), "r+b");
    if (!file) {
        std::error_code error;
        std::filesystem::remove(temporary, error);
        throw MediaError(MediaErrorKind::EncodeFailed, path, "cannot create the file");
    }
    const bool ok =
        std::fwrite(packet->data, 1, static_cast<size_t>(packet->size), file) == static_cast<size_t>(packet->size) &&
        std::fflush(file) == 0; // moveIntoPlace syncs it to disk
    const bool closed = std::fclose(file) == 0;
    if (!ok || !closed) {
        std::error_code error;
        std::filesystem::remove(temporary, error);
        throw MediaError(MediaErrorKind::EncodeFailed, path, "writing the file failed (disk full?)");
    }
    moveIntoPlace(temporary, path);
}

} // namespace svj::media
