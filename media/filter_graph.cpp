#include "media/filter_graph.h"

#include "media/ffmpeg_handles.h"

#include <cstring>

extern "C" {
#include <libavfilter/avfilter.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/dict.h>
#include <libavutil/opt.h>
}

namespace svj::media {
namespace {

using namespace detail;

struct GraphFreer {
    void operator()(AVFilterGraph* graph) const { avfilter_graph_free(&graph); }
};

} // namespace

struct FilterGraph::State {
    std::string name;
    int width = 0;
    int height = 0;
    bool rgbOutput = true;
    std::unique_ptr<AVFilterGraph, GraphFreer> graph;
    AVFilterContext* source = nullptr; // owned by the graph
    AVFilterContext* sink = nullptr;
    AvFramePtr input;
    AvFramePtr output;
    std::vector<FilteredFrame> ready;

    void drain() {
        for (;;) {
            const int result = av_buffersink_get_frame(sink, output.get());
            if (result == AVERROR(EAGAIN) || result == AVERROR_EOF) {
                return;
            }
            checkAv(result, MediaErrorKind::DecodeFailed, name, "the filter graph failed");
            FilteredFrame frame;
            frame.width = output->width;
            frame.height = output->height;
            frame.pts = output->pts;
            const AVDictionaryEntry* entry = nullptr;
            while ((entry = av_dict_get(output->metadata, "", entry, AV_DICT_IGNORE_SUFFIX))) {
                frame.metadata[entry->key] = entry->value;
            }
            if (rgbOutput) {
                const size_t rowBytes = static_cast<size_t>(output->width) * 3;
                frame.rgb.resize(rowBytes * static_cast<size_t>(output->height));
                for (int y = 0; y < output->height; ++y) {
                    std::memcpy(frame.rgb.data() + rowBytes * static_cast<size_t>(y),
                                output->data[0] + static_cast<ptrdiff_t>(y) * output->linesize[0], rowBytes);
                }
            }
            av_frame_unref(output.get());
            ready.push_back(std::move(frame));
        }
    }
};

FilterGraph::FilterGraph(int width, int height, Rational timeBase, const std::string& description, bool rgbOutput,
                         const std::string& name)
    : m_state(std::make_unique<State>()) {
    installLogHandler();
    State& d = *m_state;
    d.name = name;
    d.width = width;
    d.height = height;
    d.rgbOutput = rgbOutput;
    if (width <= 0 || height <= 0 || !timeBase.valid()) {
        throw MediaError(MediaErrorKind::InvalidArgument, name, "a filter graph needs a size and a time base");
    }
    d.graph.reset(avfilter_graph_alloc());
    if (!d.graph) {
        throw std::bad_alloc();
    }
    // One thread: the callers run many small graphs side by side and keep the cores busy themselves.
    d.graph->nb_threads = 1;
    const std::string arguments = "video_size=" + std::to_string(width) + "x" + std::to_string(height) +
                                  ":pix_fmt=" + std::to_string(AV_PIX_FMT_RGB24) +
                                  ":time_base=" + std::to_string(timeBase.num) + "/" + std::to_string(timeBase.den) +
                                  ":pixel_aspect=1/1";
    checkAv(avfilter_graph_create_filter(&d.source, avfilter_get_by_name("buffer"), "in", arguments.c_str(), nullptr,
                                         d.graph.get()),
            MediaErrorKind::InvalidArgument, name, "cannot create the filter graph's input");
    checkAv(avfilter_graph_create_filter(&d.sink, avfilter_get_by_name("buffersink"), "out", nullptr, nullptr,
                                         d.graph.get()),
            MediaErrorKind::InvalidArgument, name, "cannot create the filter graph's output");
    if (rgbOutput) {
        const AVPixelFormat formats[] = {AV_PIX_FMT_RGB24, AV_PIX_FMT_NONE};
        checkAv(av_opt_set_int_list(d.sink, "pix_fmts", formats, AV_PIX_FMT_NONE, AV_OPT_SEARCH_CHILDREN),
                MediaErrorKind::InvalidArgument, name, "cannot ask the filter graph for RGB");
    }
    AVFilterInOut* outputs = avfilter_inout_alloc();
    AVFilterInOut* inputs = avfilter_inout_alloc();
    outputs->name = av_strdup("in");
    outputs->filter_ctx = d.source;
    outputs->pad_idx = 0;
    outputs->next = nullptr;
    inputs->name = av_strdup("out");
    inputs->filter_ctx = d.sink;
    inputs->pad_idx = 0;
    inputs->next = nullptr;
    const int parsed = avfilter_graph_parse_ptr(d.graph.get(), description.c_str(), &inputs, &outputs, nullptr);
    avfilter_inout_free(&inputs);
    avfilter_inout_free(&outputs);
    checkAv(parsed, MediaErrorKind::InvalidArgument, name, "cannot build the filter graph '" + description + "'");
    checkAv(avfilter_graph_config(d.graph.get(), nullptr), MediaErrorKind::InvalidArgument, name,
            "cannot configure the filter graph '" + description + "'");
    d.input = allocFrame();
    d.output = allocFrame();
}

FilterGraph::~FilterGraph() = default;

void FilterGraph::push(const uint8_t* rgb, int64_t pts) {
    State& d = *m_state;
    AVFrame* frame = d.input.get();
    frame->format = AV_PIX_FMT_RGB24;
    frame->width = d.width;
    frame->height = d.height;
    checkAv(av_frame_get_buffer(frame, 0), MediaErrorKind::DecodeFailed, d.name, "out of memory");
    const size_t rowBytes = static_cast<size_t>(d.width) * 3;
    for (int y = 0; y < d.height; ++y) {
        std::memcpy(frame->data[0] + static_cast<ptrdiff_t>(y) * frame->linesize[0],
                    rgb + rowBytes * static_cast<size_t>(y), rowBytes);
    }
    frame->pts = pts;
    const int result = av_buffersrc_add_frame_flags(d.source, frame, AV_BUFFERSRC_FLAG_KEEP_REF);
    av_frame_unref(frame);
    checkAv(result, MediaErrorKind::DecodeFailed, d.name, "the filter graph refused a frame");
    d.drain();
}

void FilterGraph::finish() {
    State& d = *m_state;
    checkAv(av_buffersrc_add_frame_flags(d.source, nullptr, 0), MediaErrorKind::DecodeFailed, d.name,
            "cannot flush the filter graph");
    d.drain();
}

std::vector<FilteredFrame> FilterGraph::take() {
    std::vector<FilteredFrame> frames = std::move(m_state->ready);
    m_state->ready.clear();
    return frames;
}

Rational FilterGraph::outputTimeBase() const {
    const AVRational base = av_buffersink_get_time_base(m_state->sink);
    return {base.num, base.den};
}

} // namespace svj::media
