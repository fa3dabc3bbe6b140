#include "media/input.h"

#include "media/container_probe.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>

extern "C" {
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

} // namespace

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
    m_context->io_open = refuseNestedOpen;
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
    if (status.st_size == 0) {
        throw MediaError(MediaErrorKind::NotAVideo, path, "file is empty (0 bytes)");
    }
    installLogHandler();
    clearLastFfmpegMessage();
    Input input;
    input.m_name = path;
    AVFormatContext* raw = nullptr;
    AVDictionary* options = nullptr;
    av_dict_set(&options, "protocol_whitelist", "file", 0);
    const int result = avformat_open_input(&raw, path.c_str(), nullptr, &options);
    av_dict_free(&options);
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
    AVFormatContext* raw = avformat_alloc_context();
    if (!raw) {
        throw std::bad_alloc();
    }
    raw->pb = input.m_memory->io;
    raw->flags |= AVFMT_FLAG_CUSTOM_IO;
    raw->io_open = refuseNestedOpen;
    // On failure avformat_open_input frees the context (not our AVIOContext, which MemoryIo owns).
    const int result = avformat_open_input(&raw, name.c_str(), nullptr, nullptr);
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
