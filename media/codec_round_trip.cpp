#include "media/codec_round_trip.h"

#include "media/ffmpeg_handles.h"

#include <algorithm>
#include <cmath>
#include <cstring>

extern "C" {
#include <libavutil/opt.h>
}

namespace svj::media {
namespace {

using namespace detail;

const char* kWhat = "codec round trip";

struct CodecChoice {
    const AVCodec* encoder = nullptr;
    AVPixelFormat format = AV_PIX_FMT_YUV420P;
    bool fullRange = false;
};

CodecChoice chooseCodec(RoundTripCodec codec) {
    CodecChoice choice;
    switch (codec) {
    case RoundTripCodec::H264:
        choice.encoder = avcodec_find_encoder_by_name("libx264");
        break;
    case RoundTripCodec::Mpeg2:
        choice.encoder = avcodec_find_encoder(AV_CODEC_ID_MPEG2VIDEO);
        break;
    case RoundTripCodec::Mjpeg:
        choice.encoder = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
        choice.format = AV_PIX_FMT_YUVJ420P; // JPEG's full-range 4:2:0
        choice.fullRange = true;
        break;
    }
    if (!choice.encoder) {
        throw MediaError(MediaErrorKind::UnsupportedCodec, kWhat,
                         codec == RoundTripCodec::H264    ? "this FFmpeg has no libx264 encoder"
                         : codec == RoundTripCodec::Mpeg2 ? "this FFmpeg has no MPEG-2 encoder"
                                                          : "this FFmpeg has no MJPEG encoder");
    }
    return choice;
}

SwsContextPtr converter(int width, int height, AVPixelFormat from, AVPixelFormat to, bool fullRange, bool toYuv) {
    SwsContextPtr context(sws_getContext(width, height, from, width, height, to,
                                         SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT | SWS_FULL_CHR_H_INP,
                                         nullptr, nullptr, nullptr));
    if (!context) {
        throw MediaError(MediaErrorKind::EncodeFailed, kWhat, "cannot set up the colour conversion");
    }
    // BT.601 both ways, limited range unless JPEG: the round trip alone changes the picture as little as
    // a 4:2:0 stream can.
    const int* coefficients = sws_getCoefficients(SWS_CS_ITU601);
    const int rgbRange = 1;
    const int yuvRange = fullRange ? 1 : 0;
    sws_setColorspaceDetails(context.get(), coefficients, toYuv ? rgbRange : yuvRange, coefficients,
                             toYuv ? yuvRange : rgbRange, 0, 1 << 16, 1 << 16);
    return context;
}

} // namespace

PackedClip encodeRoundTrip(const PackedClip& clip, const RoundTripSettings& settings) {
    installLogHandler();
    if (clip.frames < 1 || clip.width < 1 || clip.height < 1) {
        return clip;
    }
    const CodecChoice choice = chooseCodec(settings.codec);
    // 4:2:0 needs even sizes (MPEG-2 and JPEG want multiples of 16 inside but pad themselves).
    const int width = (clip.width + 1) & ~1;
    const int height = (clip.height + 1) & ~1;
    // MPEG-2 knows only the broadcast rates; with a fixed quantiser the rate changes nothing but the header.
    const double fps = settings.codec == RoundTripCodec::Mpeg2 ? 25.0 : settings.fps;
    const int fpsNum = std::max(1, static_cast<int>(std::lround(fps * 1000)));
    const AVRational timeBase{1000, fpsNum};

    CodecContextPtr encoder(avcodec_alloc_context3(choice.encoder));
    if (!encoder) {
        throw std::bad_alloc();
    }
    encoder->width = width;
    encoder->height = height;
    encoder->pix_fmt = choice.format;
    encoder->time_base = timeBase;
    av_reduce(&encoder->framerate.num, &encoder->framerate.den, fpsNum, 1000, 1 << 30);
    encoder->thread_count = 1; // deterministic, and callers run several round trips side by side
    encoder->color_range = choice.fullRange ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG;
    encoder->colorspace = AVCOL_SPC_SMPTE170M;
    if (settings.keyFrameInterval > 0) {
        encoder->gop_size = settings.keyFrameInterval;
    }
    const int qscale = std::clamp(settings.quantiser < 0 ? 4 : settings.quantiser, 1, 31);
    switch (settings.codec) {
    case RoundTripCodec::H264: {
        av_opt_set(encoder->priv_data, "preset", settings.preset.c_str(), 0);
        if (settings.quantiser >= 0) {
            av_opt_set(encoder->priv_data, "qp", std::to_string(std::clamp(settings.quantiser, 0, 51)).c_str(), 0);
        } else {
            av_opt_set(encoder->priv_data, "crf", std::to_string(std::clamp(settings.crf, 0, 51)).c_str(), 0);
        }
        std::string zones;
        for (const QualityZone& zone : settings.zones) {
            if (zone.length <= 0) {
                continue;
            }
            zones += (zones.empty() ? "" : "/") + std::to_string(zone.firstFrame) + "," +
                     std::to_string(zone.firstFrame + zone.length - 1) +
                     ",q=" + std::to_string(std::clamp(zone.quantiser, 0, 51));
        }
        // One thread, and no macroblock-tree rate control: Debian 12's libx264 (0.164) reads memory it never
        // wrote in its mb-tree pass on small pictures, so the same clip would not always give the same stream
        // (measured: MALLOC_PERTURB_ changes the output of `ffmpeg -c:v libx264 -preset medium` on a 64x64 clip
        // unless mbtree=0).
        std::string params = "threads=1:lookahead-threads=1:sync-lookahead=0:mbtree=0";
        if (!zones.empty()) {
            params += ":zones=" + zones;
        }
        av_opt_set(encoder->priv_data, "x264-params", params.c_str(), 0);
        break;
    }
    case RoundTripCodec::Mpeg2:
    case RoundTripCodec::Mjpeg:
        // A fixed quantiser (ffmpeg's -q:v): every block quantised alike, bit rate whatever it takes.
        encoder->flags |= AV_CODEC_FLAG_QSCALE;
        encoder->global_quality = FF_QP2LAMBDA * qscale;
        encoder->qmin = qscale;
        encoder->qmax = qscale;
        break;
    }
    checkAv(avcodec_open2(encoder.get(), choice.encoder, nullptr), MediaErrorKind::EncodeFailed, kWhat,
            std::string("cannot open the ") + choice.encoder->name + " encoder");

    const AVCodec* decoderCodec = avcodec_find_decoder(choice.encoder->id);
    if (!decoderCodec) {
        throw MediaError(MediaErrorKind::UnsupportedCodec, kWhat,
                         std::string("this FFmpeg cannot decode ") + choice.encoder->name);
    }
    CodecContextPtr decoder(avcodec_alloc_context3(decoderCodec));
    decoder->thread_count = 1;
    if (encoder->extradata_size > 0) {
        decoder->extradata = static_cast<uint8_t*>(
            av_mallocz(static_cast<size_t>(encoder->extradata_size) + AV_INPUT_BUFFER_PADDING_SIZE));
        std::memcpy(decoder->extradata, encoder->extradata, static_cast<size_t>(encoder->extradata_size));
        decoder->extradata_size = encoder->extradata_size;
    }
    checkAv(avcodec_open2(decoder.get(), decoderCodec, nullptr), MediaErrorKind::DecodeFailed, kWhat,
            std::string("cannot open the ") + decoderCodec->name + " decoder");

    SwsContextPtr toYuv = converter(width, height, AV_PIX_FMT_RGB24, choice.format, choice.fullRange, true);
    SwsContextPtr toRgb;
    AvFramePtr picture = allocFrame();
    picture->format = choice.format;
    picture->width = width;
    picture->height = height;
    checkAv(av_frame_get_buffer(picture.get(), 0), MediaErrorKind::EncodeFailed, kWhat, "out of memory");
    AvFramePtr decoded = allocFrame();
    AvPacketPtr packet = allocPacket();
    AlignedPicture padded;
    padded.reshape(width * 3, height);
    AlignedPicture back;
    back.reshape(width * 3, height);

    PackedClip out = clip;
    int received = 0;
    const auto receiveFrames = [&] {
        for (;;) {
            const int result = avcodec_receive_frame(decoder.get(), decoded.get());
            if (result == AVERROR(EAGAIN) || result == AVERROR_EOF) {
                return;
            }
            checkAv(result, MediaErrorKind::DecodeFailed, kWhat, "decoding the encoded clip failed");
            if (!toRgb) {
                toRgb = converter(width, height, static_cast<AVPixelFormat>(decoded->format), AV_PIX_FMT_RGB24,
                                  choice.fullRange, false);
            }
            uint8_t* planes[4] = {back.data(), nullptr, nullptr, nullptr};
            const int strides[4] = {back.stride(), 0, 0, 0};
            sws_scale(toRgb.get(), decoded->data, decoded->linesize, 0, height, planes, strides);
            // Frames come out in display order; their pts says which one it is.
            const int64_t index =
                decoded->best_effort_timestamp != AV_NOPTS_VALUE ? decoded->best_effort_timestamp : received;
            if (index >= 0 && index < clip.frames) {
                for (int y = 0; y < clip.height; ++y) {
                    std::memcpy(out.frame(static_cast<int>(index)) + static_cast<size_t>(y) * clip.width * 3,
                                back.row(y), static_cast<size_t>(clip.width) * 3);
                }
            }
            ++received;
            av_frame_unref(decoded.get());
        }
    };
    const auto decodePackets = [&] {
        for (;;) {
            const int result = avcodec_receive_packet(encoder.get(), packet.get());
            if (result == AVERROR(EAGAIN) || result == AVERROR_EOF) {
                return;
            }
            checkAv(result, MediaErrorKind::EncodeFailed, kWhat, "encoding failed");
            checkAv(avcodec_send_packet(decoder.get(), packet.get()), MediaErrorKind::DecodeFailed, kWhat,
                    "decoding the encoded clip failed");
            av_packet_unref(packet.get());
            receiveFrames();
        }
    };
    for (int t = 0; t < clip.frames; ++t) {
        for (int y = 0; y < height; ++y) {
            const int sy = std::min(y, clip.height - 1);
            uint8_t* row = padded.row(y);
            std::memcpy(row, clip.frame(t) + static_cast<size_t>(sy) * clip.width * 3,
                        static_cast<size_t>(clip.width) * 3);
            if (width > clip.width) {
                std::memcpy(row + static_cast<size_t>(clip.width) * 3, row + static_cast<size_t>(clip.width - 1) * 3,
                            3);
            }
        }
        checkAv(av_frame_make_writable(picture.get()), MediaErrorKind::EncodeFailed, kWhat, "out of memory");
        // A picture the encoder still holds is replaced by a fresh buffer: its padding zeroed, so nothing the
        // encoder reads past the picture depends on what the allocator handed back.
        for (int plane = 0; plane < 3 && picture->buf[plane]; ++plane) {
            std::memset(picture->buf[plane]->data, 0, picture->buf[plane]->size);
        }
        const uint8_t* planes[4] = {padded.data(), nullptr, nullptr, nullptr};
        const int strides[4] = {padded.stride(), 0, 0, 0};
        sws_scale(toYuv.get(), planes, strides, 0, height, picture->data, picture->linesize);
        picture->pts = t;
        if (settings.codec != RoundTripCodec::H264) {
            picture->quality = encoder->global_quality;
        }
        checkAv(avcodec_send_frame(encoder.get(), picture.get()), MediaErrorKind::EncodeFailed, kWhat,
                "encoding failed");
        decodePackets();
    }
    checkAv(avcodec_send_frame(encoder.get(), nullptr), MediaErrorKind::EncodeFailed, kWhat, "encoding failed");
    decodePackets();
    avcodec_send_packet(decoder.get(), nullptr);
    receiveFrames();
    if (received < clip.frames) {
        throw MediaError(MediaErrorKind::DecodeFailed, kWhat,
                         std::to_string(clip.frames) + " frames encoded but only " + std::to_string(received) +
                             " decoded");
    }
    return out;
}

} // namespace svj::media
