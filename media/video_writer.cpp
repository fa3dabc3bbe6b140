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
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

extern "C" {
#include <libavutil/imgutils.h>
#include <libavutil/mem.h>
#include <libavutil/opt.h>
}

namespace svj::media {
namespace {

using namespace detail;

// The file a writer fills before it is renamed into place: a name nobody can guess, created here exclusively and
// never through a link, and kept open. The encoder writes through the open file (Linux: /proc/self/fd/N, which
// names the file itself, not the name in the folder), so replacing the name while it writes cannot redirect the
// write, and the rename checks that the name is still this file.
struct TemporaryFile {
    std::string path;
    int descriptor = -1;

    TemporaryFile() = default;
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    TemporaryFile(TemporaryFile&& other) noexcept
        : path(std::move(other.path))
        , descriptor(std::exchange(other.descriptor, -1)) {}
    TemporaryFile& operator=(TemporaryFile&& other) noexcept {
        std::swap(path, other.path);
        std::swap(descriptor, other.descriptor);
        return *this;
    }
    ~TemporaryFile() {
        if (descriptor >= 0) {
            ::close(descriptor);
        }
    }

    // What to give FFmpeg to open: the open file where the system can name it, else its name.
    std::string url() const {
        const std::string byDescriptor = "/proc/self/fd/" + std::to_string(descriptor);
        struct stat viaProc {};
        struct stat viaDescriptor {};
        if (::stat(byDescriptor.c_str(), &viaProc) == 0 && ::fstat(descriptor, &viaDescriptor) == 0 &&
            viaProc.st_ino == viaDescriptor.st_ino && viaProc.st_dev == viaDescriptor.st_dev) {
            return byDescriptor;
        }
        return path;
    }

    // Whether the name still names the file this writer filled (not a link or another file put in its place).
    bool stillNamed() const {
        struct stat named {};
        struct stat held {};
        return ::lstat(path.c_str(), &named) == 0 && ::fstat(descriptor, &held) == 0 && S_ISREG(named.st_mode) &&
               named.st_ino == held.st_ino && named.st_dev == held.st_dev;
    }
};

TemporaryFile temporaryFileFor(const std::string& path) {
    static std::atomic<int> counter{0};
    const std::filesystem::path target(path);
    std::random_device entropy;
    for (int attempt = 0; attempt < 8; ++attempt) {
        const std::string name = "." + target.filename().string() + ".partial-" + std::to_string(::getpid()) + "-" +
                                 std::to_string(counter.fetch_add(1)) + "-" + std::to_string(entropy());
        TemporaryFile file;
        file.path = (target.parent_path() / name).string();
        file.descriptor = ::open(file.path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (file.descriptor >= 0) {
            return file;
        }
        if (errno != EEXIST) {
            break;
        }
    }
    throw MediaError(MediaErrorKind::EncodeFailed, path,
                     std::string("cannot create the file: ") + std::strerror(errno));
}

// Flushed to disk, renamed into place, the rename made durable: a power cut leaves the old file or the new.
void moveIntoPlace(const TemporaryFile& temporary, const std::string& path) {
    if (!temporary.stillNamed()) {
        // Someone replaced the temporary name while the file was written: renaming it would put their file (or
        // link) in place of ours. Nothing of it moves; the old file at `path` stays.
        throw MediaError(MediaErrorKind::EncodeFailed, path,
                         "the temporary file " + temporary.path + " was replaced while it was written; not moved");
    }
    if (!syncAndRename(temporary.path, path)) {
        const std::string reason = std::strerror(errno);
        std::error_code error;
        std::filesystem::remove(temporary.path, error); // still there unless the rename itself went through
        throw MediaError(MediaErrorKind::EncodeFailed, path,
                         "cannot flush the finished file to disk and move it into place: " + reason);
    }
}

} // namespace

class VideoWriter::Impl {
public:
    std::string path;
    TemporaryFile temporary;
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
        if (!finished && temporary.descriptor >= 0 && temporary.stillNamed()) {
            std::error_code error;
            std::filesystem::remove(temporary.path, error);
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

    d.temporary = temporaryFileFor(path);
    // The muxer reopens its url to move the index to the front: point it at the open temporary file.
    const std::string url = d.temporary.url();
    av_freep(&d.format->url);
    d.format->url = av_strdup(url.c_str());
    checkAv(avio_open(&d.format->pb, url.c_str(), AVIO_FLAG_WRITE), MediaErrorKind::EncodeFailed, path,
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

    const TemporaryFile temporary = temporaryFileFor(path);
    const auto* bytes = packet->data;
    size_t left = static_cast<size_t>(packet->size);
    while (left > 0) { // through the descriptor temporaryFileFor made, never a file opened anew by its name
        const ssize_t written = ::write(temporary.descriptor, bytes, left);
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written <= 0) {
            std::error_code error;
            std::filesystem::remove(temporary.path, error);
            throw MediaError(MediaErrorKind::EncodeFailed, path, "writing the file failed (disk full?)");
        }
        bytes += written;
        left -= static_cast<size_t>(written);
    }
    moveIntoPlace(temporary, path); // syncs it to disk
}

} // namespace svj::media
