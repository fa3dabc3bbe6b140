// Internal to media/: an opened container, read from a file or from bytes in memory.
#pragma once

#include "media/ffmpeg_handles.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace svj::media::detail {

// The demuxers a file may be read with: video containers, elementary streams and still images. Not in it,
// on purpose: concat, HLS, DASH, tee, SDP, RTP and the other formats that name further inputs, and raw
// formats that would "decode" any file at all. image2 is in for single images: it reads through our stream,
// and a pattern reaching other files meets the nested-open guard.
inline constexpr const char* kDemuxerAllowList =
    "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,mpeg,mpegvideo,m4v,h264,hevc,ogg,flv,asf,yuv4mpegpipe,"
    "ivf,mjpeg,nut,mxf,gif,apng,image2,png_pipe,jpeg_pipe,jpegls_pipe,webp_pipe,bmp_pipe,tiff_pipe,ppm_pipe,pgm_pipe,"
    "pam_pipe,qoi_pipe";

class Input {
public:
    // Opens a file and reads its stream information. Tells a missing file, an unreadable one, an empty one
    // and one FFmpeg does not recognise apart, because the user needs to know which. Only a regular file
    // holding a real video container (or a still image) is read: never a playlist, a concat script or
    // anything else that would make FFmpeg open another file or the network (kDemuxerAllowList).
    static Input openFile(const std::string& path);
    // Opens bytes held in memory (fuzzing, data from a database). `name` stands in for a path in errors.
    static Input openMemory(std::shared_ptr<const std::vector<uint8_t>> bytes, const std::string& name);

    Input(Input&&) noexcept;
    Input& operator=(Input&&) noexcept;
    ~Input();

    AVFormatContext* context() const { return m_context.get(); }
    const std::string& name() const { return m_name; }
    bool fromMemory() const { return m_memory != nullptr; }

    // Seeks back to the first packet. Returns false when the container cannot seek at all.
    bool rewind(int streamIndex);

private:
    struct MemoryIo;
    struct FileIoCloser {
        void operator()(AVIOContext* io) const;
    };
    Input() = default;
    void finishOpen(AVFormatContext* raw, int openResult);

    std::string m_name;
    std::unique_ptr<MemoryIo> m_memory;                  // destroyed after m_context, which reads through it
    std::unique_ptr<AVIOContext, FileIoCloser> m_fileIo; // the same for a file
    FormatContextPtr m_context;
};

} // namespace svj::media::detail
