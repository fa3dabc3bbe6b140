#include "media/input.h"

#include "media/container_probe.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>

extern "C" {
#include <libavutil/avstring.h>
#include <libavutil/avutil.h>
#include <libavutil/mem.h>
}

namespace svj::media::detail {

// Reads the container from a byte buffer through a custom AVIOContext.
struct Input::MemoryIo {
    std::shared_ptr<const std::vector<uint8_t>> bytes;
    int64_t position = 0;
    AVIOContext* io = nullptr;

    ~MemoryIo() {
        if (io) {
            av_freep(&io->buffer);
            avio_context_free(&io);
        }
    }

    static int read(void* opaque, uint8_t* buffer, int size) {
        auto* self = static_cast<MemoryIo*>(opaque);
        const auto total = static_cast<int64_t>(self->bytes->size());
        const int64_t available = total - self->position;
        if (available <= 0) {
            return AVERROR_EOF;
        }
        const int count = static_cast<int>(std::min<int64_t>(available, size));
        std::memcpy(buffer, self->bytes->data() + self->position, static_cast<size_t>(count));
        self->position += count;
        return count;
    }

    static int64_t seek(void* opaque, int64_t offset, int whence) {
        auto* self = static_cast<MemoryIo*>(opaque);
        const auto total = static_cast<int64_t>(self->bytes->size());
        if (whence & AVSEEK_SIZE) {
            return total;
        }
        int64_t target = 0;
        switch (whence & ~AVSEEK_FORCE) {
        case SEEK_SET:
            target = offset;
            break;
        case SEEK_CUR:
            target = self->position + offset;
            break;
        case SEEK_END:
            target = total + offset;
            break;
        default:
            return AVERROR(EINVAL);
        }
        if (target < 0 || target > total) {
            return AVERROR(EINVAL);
        }
        self->position = target;
        return target;
    }
};

namespace {

// Nested inputs (playlists, concat lists, image2 patterns reaching other files) are refused: a video file
// the user hands us must not make FFmpeg open other files or the network.
int refuseNestedOpen(AVFormatContext*, AVIOContext**, const char*, int, AVDictionary**) {
    return AVERROR(EPERM);
}

// A context that reads only through `io` and may open nothing else, with the demuxer allow-list.
AVFormatContext* guardedContext(AVIOContext* io) {
    AVFormatContext* raw = avformat_alloc_context();
    if (!raw) {
        throw std::bad_alloc();
    }
    raw->pb = io;
    raw->flags |= AVFMT_FLAG_CUSTOM_IO;
    raw->io_open = refuseNestedOpen;
    raw->format_whitelist = av_strdup(kDemuxerAllowList);
    raw->protocol_whitelist = av_strdup("file");
    if (!raw->format_whitelist || !raw->protocol_whitelist) {
        avformat_free_context(raw);
        throw std::bad_alloc();
    }
    return raw;
}

// What the bytes behind `io` are, probed as avformat_open_input would (the stream is rewound after), and
// refused unless the demuxer is on the allow-list, with a message that names it.
const AVInputFormat* allowedFormat(AVIOContext* io, const std::string& name) {
    const AVInputFormat* format = nullptr;
    if (av_probe_input_buffer2(io, &format, name.c_str(), nullptr, 0, 0) < 0 || !format) {
        throw MediaError(MediaErrorKind::NotAVideo, name, "not a video file (FFmpeg does not recognise the format)");
    }
    if (av_match_list(format->name, kDemuxerAllowList, ',') <= 0) {
        throw MediaError(MediaErrorKind::NotAVideo, name,
                         std::string("not a video container: FFmpeg reads it as '") + format->name +
                             "', a format that can make it open other files or addresses, so it is refused");
    }
    return format;
}

} // namespace

void Input::FileIoCloser::operator()(AVIOContext* io) const {
    avio_closep(&io);
}

Input::Input(Input&&) noexcept = default;
Input& Input::operator=(Input&&) noexcept = default;
Input::~Input() = default;

void Input::finishOpen(AVFormatContext* raw, int openResult) {
    if (openResult < 0) {
        if (openResult == AVERROR(EACCES) || openResult == AVERROR(EPERM)) {
            throw MediaError(MediaErrorKind::NotReadable, m_name, "permission denied");
        }
        // FFmpeg's own words say more than its error code ("moov atom not found" for a cut-off MP4).
        const std::string reason = takeLastFfmpegMessage();
        throw MediaError(MediaErrorKind::NotAVideo, m_name,
                         reason.empty() ? "not a video file (FFmpeg does not recognise the format)"
                                        : "not a video file, or a damaged one (FFmpeg: " + reason + ")");
    }
    m_context.reset(raw);
    // Stream analysis decodes a few pictures: bound their size before any decoder allocates for them.
    std::vector<AVDictionary*> streamOptions(m_context->nb_streams, nullptr);
    for (AVDictionary*& options : streamOptions) {
        av_dict_set_int(&options, "max_pixels", kMaxPixels, 0);
    }
    const int infoResult =
        avformat_find_stream_info(m_context.get(), streamOptions.empty() ? nullptr : streamOptions.data());
    for (AVDictionary*& options : streamOptions) {
        av_dict_free(&options);
    }
    if (infoResult < 0) {
        const std::string reason = takeLastFfmpegMessage();
        throw MediaError(MediaErrorKind::InvalidVideo, m_name,
                         "cannot read stream information: " + (reason.empty() ? avErrorText(infoResult) : reason));
    }
}

Input Input::openFile(const std::string& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) {
            throw MediaError(MediaErrorKind::FileNotFound, path, "file not found");
        }
        throw MediaError(MediaErrorKind::NotReadable, path, std::string("cannot read file: ") + std::strerror(errno));
    }
    if (S_ISDIR(status.st_mode)) {
        throw MediaError(MediaErrorKind::NotReadable, path, "is a directory, not a video file");
    }
    // A FIFO or a device would block or never end (and /dev/zero "decodes" forever): refused unopened.
    if (!S_ISREG(status.st_mode)) {
        throw MediaError(MediaErrorKind::NotReadable, path, "not a regular file (a FIFO, device or socket)");
    }
    if (status.st_size == 0) {
        throw MediaError(MediaErrorKind::NotAVideo, path, "file is empty (0 bytes)");
    }
    installLogHandler();
    clearLastFfmpegMessage();
    Input input;
    input.m_name = path;
    // We open the file ourselves ("file:" so that a name like "concat:a|b" is a file name, not a protocol)
    // and hand FFmpeg that one stream: the guard against nested opens is in place before the first byte
    // is probed, not after.
    AVIOContext* io = nullptr;
    AVDictionary* ioOptions = nullptr;
    av_dict_set(&ioOptions, "protocol_whitelist", "file", 0);
    const int ioResult = avio_open2(&io, ("file:" + path).c_str(), AVIO_FLAG_READ, nullptr, &ioOptions);
    av_dict_free(&ioOptions);
    if (ioResult < 0) {
        if (ioResult == AVERROR(EACCES) || ioResult == AVERROR(EPERM)) {
            throw MediaError(MediaErrorKind::NotReadable, path, "permission denied");
        }
        throw MediaError(MediaErrorKind::NotReadable, path, "cannot read file: " + avErrorText(ioResult));
    }
    input.m_fileIo.reset(io);
    const AVInputFormat* format = allowedFormat(io, path);
    AVFormatContext* raw = guardedContext(io);
    // On failure avformat_open_input frees the context (not the AVIOContext, which m_fileIo owns).
    const int result = avformat_open_input(&raw, path.c_str(), format, nullptr);
    input.finishOpen(raw, result);
    return input;
}

Input Input::openMemory(std::shared_ptr<const std::vector<uint8_t>> bytes, const std::string& name) {
    if (!bytes || bytes->empty()) {
        throw MediaError(MediaErrorKind::NotAVideo, name, "file is empty (0 bytes)");
    }
    constexpr int kBufferSize = 64 * 1024;
    installLogHandler();
    clearLastFfmpegMessage();
    Input input;
    input.m_name = name;
    input.m_memory = std::make_unique<MemoryIo>();
    input.m_memory->bytes = std::move(bytes);
    auto* buffer = static_cast<uint8_t*>(av_malloc(kBufferSize));
    if (!buffer) {
        throw std::bad_alloc();
    }
    input.m_memory->io =
        avio_alloc_context(buffer, kBufferSize, 0, input.m_memory.get(), &MemoryIo::read, nullptr, &MemoryIo::seek);
    if (!input.m_memory->io) {
        av_free(buffer);
        throw std::bad_alloc();
    }
    const AVInputFormat* format = allowedFormat(input.m_memory->io, name);
    AVFormatContext* raw = guardedContext(input.m_memory->io);
    // On failure avformat_open_input frees the context (not our AVIOContext, which MemoryIo owns).
    const int result = avformat_open_input(&raw, name.c_str(), format, nullptr);
    input.finishOpen(raw, result);
    return input;
}

bool Input::rewind(int streamIndex) {
    AVFormatContext* context = m_context.get();
    const AVStream* stream = context->streams[streamIndex];
    const int64_t start = stream->start_time != AV_NOPTS_VALUE ? stream->start_time : 0;
    if (av_seek_frame(context, streamIndex, start, AVSEEK_FLAG_BACKWARD) >= 0) {
        return true;
    }
    // Some containers have no index to seek by; their byte stream can still be read again from the top.
    if (context->pb && avio_seek(context->pb, 0, SEEK_SET) >= 0) {
        avformat_flush(context);
        return true;
    }
    return false;
}

} // namespace svj::media::detail
