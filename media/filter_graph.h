// An FFmpeg filter graph (libavfilter) run over packed RGB24 frames held in memory: what the motion-
// interpolation fault and the no-reference quality baselines use. Frames go in and come out; the graph has
// no sources or sinks of its own (no files, no devices, no network).
#pragma once

#include "media/video_info.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace svj::media {

struct FilteredFrame {
    std::vector<uint8_t> rgb; // packed RGB24 (empty when the graph was made for metadata only)
    int width = 0;
    int height = 0;
    int64_t pts = 0;                             // in the graph's time base
    std::map<std::string, std::string> metadata; // what the filters attached ("lavfi.block", ...)
};

class FilterGraph {
public:
    // `description`: a filter chain in FFmpeg's syntax ("minterpolate=fps=25:mi_mode=mci"), between an RGB24
    // buffer source of the given size and time base and a sink. `rgbOutput`: frames come out as RGB24;
    // otherwise in whatever format the last filter makes, and only their metadata is kept. `name` appears in
    // errors. Throws MediaError when the chain does not parse or uses a filter this FFmpeg lacks.
    FilterGraph(int width, int height, Rational timeBase, const std::string& description, bool rgbOutput,
                const std::string& name);
    ~FilterGraph();
    FilterGraph(const FilterGraph&) = delete;
    FilterGraph& operator=(const FilterGraph&) = delete;

    // Hands one packed RGB24 frame of the graph's size to the graph.
    void push(const uint8_t* rgb, int64_t pts);
    // No more frames: the graph flushes what it holds back.
    void finish();
    // Frames the graph has made since the last call.
    std::vector<FilteredFrame> take();
    // The time base of the frames that come out (filters such as minterpolate change it).
    Rational outputTimeBase() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace svj::media
