#include "media/quality_metrics.h"

#include "media/filter_graph.h"

#include <cmath>
#include <cstdlib>

namespace svj::media {
namespace {

double metadataValue(const std::map<std::string, std::string>& metadata, const std::string& key) {
    const auto it = metadata.find(key);
    return it == metadata.end() ? 0.0 : std::strtod(it->second.c_str(), nullptr);
}

} // namespace

std::vector<FrameQuality> measureFrameQuality(const PackedClip& clip, const std::string& name) {
    std::vector<FrameQuality> quality;
    if (clip.frames < 1) {
        return quality;
    }
    FilterGraph graph(clip.width, clip.height, Rational{1, 25},
                      "format=yuv420p,blockdetect,blurdetect,signalstats=stat=tout", false, name);
    for (int t = 0; t < clip.frames; ++t) {
        graph.push(clip.frame(t), t);
    }
    graph.finish();
    for (const FilteredFrame& frame : graph.take()) {
        FrameQuality q;
        q.block = metadataValue(frame.metadata, "lavfi.block");
        q.blur = metadataValue(frame.metadata, "lavfi.blur");
        q.tout = metadataValue(frame.metadata, "lavfi.signalstats.TOUT");
        q.yavg = metadataValue(frame.metadata, "lavfi.signalstats.YAVG");
        q.hueavg = metadataValue(frame.metadata, "lavfi.signalstats.HUEAVG");
        q.satavg = metadataValue(frame.metadata, "lavfi.signalstats.SATAVG");
        quality.push_back(q);
    }
    return quality;
}

std::vector<double> greyFrameDifferences(const PackedClip& clip) {
    std::vector<double> differences;
    const size_t pixels = static_cast<size_t>(clip.width) * static_cast<size_t>(clip.height);
    std::vector<float> previous(pixels);
    std::vector<float> current(pixels);
    for (int t = 0; t < clip.frames; ++t) {
        const uint8_t* rgb = clip.frame(t);
        double sum = 0.0;
        for (size_t i = 0; i < pixels; ++i) {
            current[i] = 0.299f * rgb[3 * i] + 0.587f * rgb[3 * i + 1] + 0.114f * rgb[3 * i + 2];
            if (t > 0) {
                sum += std::abs(current[i] - previous[i]);
            }
        }
        if (t > 0) {
            differences.push_back(pixels == 0 ? 0.0 : sum / static_cast<double>(pixels));
        }
        std::swap(previous, current);
    }
    return differences;
}

double frameDifferenceIrregularity(const PackedClip& clip) {
    const std::vector<double> differences = greyFrameDifferences(clip);
    if (differences.size() < 2) {
        return 0.0;
    }
    double mean = 0.0;
    for (const double d : differences) {
        mean += d;
    }
    mean /= static_cast<double>(differences.size());
    if (mean <= 1e-9) {
        return 0.0;
    }
    double variance = 0.0;
    for (const double d : differences) {
        variance += (d - mean) * (d - mean);
    }
    variance /= static_cast<double>(differences.size());
    return std::sqrt(variance) / mean;
}

} // namespace svj::media
