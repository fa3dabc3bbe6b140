// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/tubelet_measures.hpp"

#include <ATen/Parallel.h>

#include <cmath>
#include <utility>
#include <vector>

namespace svj::model::detail {
namespace F = torch::nn::functional;
namespace {

// BT.601 luma and colour differences (the measures' definition; both implementations use these).
constexpr float kLuma[3] = {0.299f, 0.587f, 0.114f};
constexpr float kBlue[3] = {-0.169f, -0.331f, 0.5f};
constexpr float kRed[3] = {0.5f, -0.419f, -0.081f};
// A window that barely changes (a still shot) has a typical change near zero: this keeps the ratio finite
// (pixels are in [-1, 1]; one grey level is 0.008).
constexpr float kTypicalChangeFloor = 0.01f;

torch::Tensor operatorMeasures(const torch::Tensor& video, const TubeletConfig& config) {
    const int64_t frames = video.size(2);
    std::vector<torch::Tensor> channels{video};
    const torch::Tensor previous = torch::cat({video.slice(2, 0, 1), video.slice(2, 0, frames - 1)}, 2);
    if (config.differenceInput) {
        // The change from the frame before (none before the first): jerks, repeats and flicker are in it.
        channels.push_back(video - previous);
    }
    if (config.edgeFeatures) {
        const torch::Tensor weights =
            torch::tensor({kLuma[0], kLuma[1], kLuma[2]}, video.options()).view({1, 3, 1, 1, 1});
        const torch::Tensor luma = (video * weights).sum(1, true); // [B, 1, F, H, W]
        const torch::Tensor before = (previous * weights).sum(1, true);
        // Replicated edges: a tile's border is not an edge of the picture.
        const torch::Tensor padded =
            F::pad(luma.squeeze(1).to(torch::kFloat32), F::PadFuncOptions({1, 1, 1, 1}).mode(torch::kReplicate))
                .to(video.scalar_type()); // [B, F, H+2, W+2]
        const int64_t h = video.size(3);
        const int64_t w = video.size(4);
        const torch::Tensor centre = padded.slice(2, 1, h + 1).slice(3, 1, w + 1);
        const torch::Tensor right = padded.slice(2, 1, h + 1).slice(3, 2, w + 2);
        const torch::Tensor left = padded.slice(2, 1, h + 1).slice(3, 0, w);
        const torch::Tensor down = padded.slice(2, 2, h + 2).slice(3, 1, w + 1);
        const torch::Tensor up = padded.slice(2, 0, h).slice(3, 1, w + 1);
        // Scaled so a clear edge or jump is of order one, like the pixels.
        channels.push_back(4.0 * (luma - before).abs());
        channels.push_back(4.0 * (right - centre).abs().unsqueeze(1));
        channels.push_back(4.0 * (down - centre).abs().unsqueeze(1));
        channels.push_back(2.0 * (4 * centre - left - right - up - down).abs().unsqueeze(1));
    }
    if (config.chromaFeatures) {
        // Bleed smears the colour differences off the luma's edges, so their gradients and the luma's no
        // longer agree, and colour flicker changes them where the luma stays.
        const torch::Tensor toChroma =
            torch::tensor({kBlue[0], kBlue[1], kBlue[2], kRed[0], kRed[1], kRed[2]}, video.options())
                .view({2, 3, 1, 1, 1});
        const auto chromaOf = [&](const torch::Tensor& rgb) {
            return torch::stack({(rgb * toChroma[0]).sum(1), (rgb * toChroma[1]).sum(1)}, 1); // [B, 2, F, H, W]
        };
        const torch::Tensor chroma = chromaOf(video);
        const int64_t h = video.size(3);
        const int64_t w = video.size(4);
        const torch::Tensor across =
            F::pad((chroma.slice(4, 1, w) - chroma.slice(4, 0, w - 1)).abs().sum(1, true), F::PadFuncOptions({0, 1}));
        const torch::Tensor downwards = F::pad((chroma.slice(3, 1, h) - chroma.slice(3, 0, h - 1)).abs().sum(1, true),
                                               F::PadFuncOptions({0, 0, 0, 1}));
        channels.push_back(8.0 * across);
        channels.push_back(8.0 * downwards);
        channels.push_back(8.0 * (chroma - chromaOf(previous)).abs().sum(1, true));
    }
    if (config.frameStatistics) {
        const auto weighted = [&](const torch::Tensor& rgb, const float* w) {
            return rgb.select(1, 0) * w[0] + rgb.select(1, 1) * w[1] + rgb.select(1, 2) * w[2]; // [B, F, H, W]
        };
        const torch::Tensor luma = weighted(video, kLuma);
        const torch::Tensor change = (luma - weighted(previous, kLuma)).abs().mean({2, 3}); // [B, F]
        torch::Tensor relative = torch::ones_like(change);
        if (frames > 1) {
            const torch::Tensor typical = change.slice(1, 1).mean(1, true);
            relative = torch::cat({relative.slice(1, 0, 1), change.slice(1, 1) / (typical + kTypicalChangeFloor)}, 1);
        }
        const auto offset = [](const torch::Tensor& level) { return level - level.mean(1, true); };
        const torch::Tensor blue = weighted(video, kBlue);
        const torch::Tensor red = weighted(video, kRed);
        const std::vector<torch::Tensor> values{relative, 4.0 * offset(luma.mean({2, 3})),
                                                8.0 * offset(blue.mean({2, 3})), 8.0 * offset(red.mean({2, 3})),
                                                8.0 * offset((blue.abs() + red.abs()).mean({2, 3}))};
        for (const torch::Tensor& value : values) {
            channels.push_back(
                value.view({video.size(0), 1, frames, 1, 1}).expand({-1, 1, -1, video.size(3), video.size(4)}));
        }
    }
    return channels.size() == 1 ? video : torch::cat(channels, 1);
}

// One frame of one clip: every output channel's plane at this frame, from this frame and the one before.
struct FramePlanes {
    const float* rgb[3];
    const float* before[3];
    float* out[32]; // every output channel (at most 3 + 3 + 4 + 3 + 5)
};

void fusedFrame(const FramePlanes& p, int64_t h, int64_t w, const TubeletConfig& config, std::vector<float>& luma,
                std::vector<float>& blue, std::vector<float>& red) {
    const int64_t plane = h * w;
    for (int c = 0; c < 3; ++c) {
        std::copy(p.rgb[c], p.rgb[c] + plane, p.out[c]);
    }
    int next = 3;
    if (config.differenceInput) {
        for (int c = 0; c < 3; ++c) {
            float* out = p.out[next + c];
            for (int64_t i = 0; i < plane; ++i) {
                out[i] = p.rgb[c][i] - p.before[c][i];
            }
        }
        next += 3;
    }
    if (config.edgeFeatures) {
        luma.resize(static_cast<size_t>(plane));
        float* change = p.out[next];
        for (int64_t i = 0; i < plane; ++i) {
            const float now = p.rgb[0][i] * kLuma[0] + p.rgb[1][i] * kLuma[1] + p.rgb[2][i] * kLuma[2];
            const float then = p.before[0][i] * kLuma[0] + p.before[1][i] * kLuma[1] + p.before[2][i] * kLuma[2];
            luma[static_cast<size_t>(i)] = now;
            change[i] = 4.0f * std::fabs(now - then);
        }
        float* across = p.out[next + 1];
        float* downwards = p.out[next + 2];
        float* laplacian = p.out[next + 3];
        const float* l = luma.data();
        for (int64_t y = 0; y < h; ++y) {
            const float* row = l + y * w;
            const float* above = l + (y > 0 ? y - 1 : 0) * w;
            const float* below = l + (y + 1 < h ? y + 1 : h - 1) * w;
            for (int64_t x = 0; x < w; ++x) {
                const float centre = row[x];
                const float right = row[x + 1 < w ? x + 1 : w - 1];
                const float left = row[x > 0 ? x - 1 : 0];
                const int64_t i = y * w + x;
                across[i] = 4.0f * std::fabs(right - centre);
                downwards[i] = 4.0f * std::fabs(below[x] - centre);
                laplacian[i] = 2.0f * std::fabs(4.0f * centre - left - right - above[x] - below[x]);
            }
        }
        next += 4;
    }
    if (config.chromaFeatures) {
        blue.resize(static_cast<size_t>(plane));
        red.resize(static_cast<size_t>(plane));
        float* change = p.out[next + 2];
        for (int64_t i = 0; i < plane; ++i) {
            const float b = p.rgb[0][i] * kBlue[0] + p.rgb[1][i] * kBlue[1] + p.rgb[2][i] * kBlue[2];
            const float r = p.rgb[0][i] * kRed[0] + p.rgb[1][i] * kRed[1] + p.rgb[2][i] * kRed[2];
            const float bThen = p.before[0][i] * kBlue[0] + p.before[1][i] * kBlue[1] + p.before[2][i] * kBlue[2];
            const float rThen = p.before[0][i] * kRed[0] + p.before[1][i] * kRed[1] + p.before[2][i] * kRed[2];
            blue[static_cast<size_t>(i)] = b;
            red[static_cast<size_t>(i)] = r;
            change[i] = 8.0f * (std::fabs(b - bThen) + std::fabs(r - rThen));
        }
        float* across = p.out[next];
        float* downwards = p.out[next + 1];
        for (int64_t y = 0; y < h; ++y) {
            for (int64_t x = 0; x < w; ++x) {
                const int64_t i = y * w + x;
                across[i] = x + 1 < w
                                ? 8.0f * (std::fabs(blue[static_cast<size_t>(i + 1)] - blue[static_cast<size_t>(i)]) +
                                          std::fabs(red[static_cast<size_t>(i + 1)] - red[static_cast<size_t>(i)]))
                                : 0.0f;
                downwards[i] =
                    y + 1 < h ? 8.0f * (std::fabs(blue[static_cast<size_t>(i + w)] - blue[static_cast<size_t>(i)]) +
                                        std::fabs(red[static_cast<size_t>(i + w)] - red[static_cast<size_t>(i)]))
                              : 0.0f;
            }
        }
    }
}

constexpr int64_t kFrameStatisticChannels = 5;

// The frame statistics of every frame of every clip (the definition is operatorMeasures'), written as
// constant planes into channels `first` .. `first + 4` through `planeOf(b, c, t)`.
template <typename PlaneOf>
void fillFrameStatistics(const float* in, int64_t batch, int64_t frames, int64_t plane, int64_t first,
                         const PlaneOf& planeOf) {
    // Per clip and frame: change from the frame before, mean luma, mean blue and red differences, and the
    // mean of their magnitudes (saturation).
    constexpr int64_t kStats = kFrameStatisticChannels;
    std::vector<double> stats(static_cast<size_t>(batch * frames * kStats), 0.0);
    at::parallel_for(0, batch * frames, 1, [&](int64_t begin, int64_t end) {
        for (int64_t k = begin; k < end; ++k) {
            const int64_t b = k / frames;
            const int64_t t = k % frames;
            const int64_t before = t > 0 ? t - 1 : 0;
            const float* now[3];
            const float* then[3];
            for (int c = 0; c < 3; ++c) {
                now[c] = in + ((b * 3 + c) * frames + t) * plane;
                then[c] = in + ((b * 3 + c) * frames + before) * plane;
            }
            double change = 0.0;
            double luma = 0.0;
            double blue = 0.0;
            double red = 0.0;
            double saturation = 0.0;
            for (int64_t i = 0; i < plane; ++i) {
                const float y = now[0][i] * kLuma[0] + now[1][i] * kLuma[1] + now[2][i] * kLuma[2];
                const float yThen = then[0][i] * kLuma[0] + then[1][i] * kLuma[1] + then[2][i] * kLuma[2];
                const float b = now[0][i] * kBlue[0] + now[1][i] * kBlue[1] + now[2][i] * kBlue[2];
                const float r = now[0][i] * kRed[0] + now[1][i] * kRed[1] + now[2][i] * kRed[2];
                change += std::fabs(y - yThen);
                luma += y;
                blue += b;
                red += r;
                saturation += std::fabs(b) + std::fabs(r);
            }
            double* out = stats.data() + k * kStats;
            out[0] = change / static_cast<double>(plane);
            out[1] = luma / static_cast<double>(plane);
            out[2] = blue / static_cast<double>(plane);
            out[3] = red / static_cast<double>(plane);
            out[4] = saturation / static_cast<double>(plane);
        }
    });
    at::parallel_for(0, batch, 1, [&](int64_t begin, int64_t end) {
        for (int64_t b = begin; b < end; ++b) {
            const double* clip = stats.data() + b * frames * kStats;
            double typical = 0.0;
            double means[kStats] = {};
            for (int64_t t = 0; t < frames; ++t) {
                typical += t > 0 ? clip[t * kStats] : 0.0;
                for (int64_t s = 1; s < kStats; ++s) {
                    means[s] += clip[t * kStats + s] / static_cast<double>(frames);
                }
            }
            typical = frames > 1 ? typical / static_cast<double>(frames - 1) : 0.0;
            for (int64_t t = 0; t < frames; ++t) {
                const float values[kStats] = {
                    t > 0 ? static_cast<float>(clip[t * kStats] / (typical + kTypicalChangeFloor)) : 1.0f,
                    static_cast<float>(4.0 * (clip[t * kStats + 1] - means[1])),
                    static_cast<float>(8.0 * (clip[t * kStats + 2] - means[2])),
                    static_cast<float>(8.0 * (clip[t * kStats + 3] - means[3])),
                    static_cast<float>(8.0 * (clip[t * kStats + 4] - means[4]))};
                for (int64_t c = 0; c < kStats; ++c) {
                    float* out = planeOf(b, first + c, t);
                    std::fill(out, out + plane, values[c]);
                }
            }
        }
    });
}

// Frame `t` of every output channel goes to `head` (t = 0, [B, C, H, W]) or `tail` (t >= 1, [B, C, F-1, H, W]);
// with `head` undefined, all frames go to `tail` ([B, C, F, H, W]).
void fusedMeasuresInto(const torch::Tensor& video, const TubeletConfig& config, torch::Tensor* head,
                       torch::Tensor& tail) {
    const int64_t batch = video.size(0);
    const int64_t frames = video.size(2);
    const int64_t h = video.size(3);
    const int64_t w = video.size(4);
    const int64_t channels = 3 + measureChannels(config);
    const float* in = video.data_ptr<float>();
    const int64_t plane = h * w;
    const int64_t tailFrames = head ? frames - 1 : frames;
    float* headData = head ? head->data_ptr<float>() : nullptr;
    float* tailData = tail.data_ptr<float>();
    at::parallel_for(0, batch * frames, 1, [&](int64_t begin, int64_t end) {
        std::vector<float> luma;
        std::vector<float> blue;
        std::vector<float> red;
        for (int64_t k = begin; k < end; ++k) {
            const int64_t b = k / frames;
            const int64_t t = k % frames;
            const int64_t before = t > 0 ? t - 1 : 0;
            FramePlanes p{};
            for (int c = 0; c < 3; ++c) {
                p.rgb[c] = in + ((b * 3 + c) * frames + t) * plane;
                p.before[c] = in + ((b * 3 + c) * frames + before) * plane;
            }
            for (int64_t c = 0; c < channels && c < static_cast<int64_t>(std::size(p.out)); ++c) {
                p.out[c] = head && t == 0 ? headData + (b * channels + c) * plane
                                          : tailData + ((b * channels + c) * tailFrames + (head ? t - 1 : t)) * plane;
            }
            fusedFrame(p, h, w, config, luma, blue, red);
        }
    });
    if (config.frameStatistics) {
        fillFrameStatistics(
            in, batch, frames, plane, channels - kFrameStatisticChannels, [&](int64_t b, int64_t c, int64_t t) {
                return head && t == 0 ? headData + (b * channels + c) * plane
                                      : tailData + ((b * channels + c) * tailFrames + (head ? t - 1 : t)) * plane;
            });
    }
}

bool fusedApplies(const torch::Tensor& video) {
    return video.device().is_cpu() && video.scalar_type() == torch::kFloat32 &&
           !(torch::GradMode::is_enabled() && video.requires_grad());
}

} // namespace

int64_t measureChannels(const TubeletConfig& config) {
    return (config.differenceInput ? 3 : 0) + (config.edgeFeatures ? 4 : 0) + (config.chromaFeatures ? 3 : 0) +
           (config.frameStatistics ? kFrameStatisticChannels : 0);
}

torch::Tensor withMeasures(const torch::Tensor& video, const TubeletConfig& config, bool operatorsOnly) {
    if (measureChannels(config) == 0) {
        return video;
    }
    if (operatorsOnly || !fusedApplies(video)) {
        return operatorMeasures(video, config);
    }
    const torch::Tensor input = video.contiguous();
    torch::Tensor out = torch::empty(
        {video.size(0), 3 + measureChannels(config), video.size(2), video.size(3), video.size(4)}, video.options());
    fusedMeasuresInto(input, config, nullptr, out);
    return out;
}

std::pair<torch::Tensor, torch::Tensor> withMeasuresSplit(const torch::Tensor& video, const TubeletConfig& config) {
    if (!fusedApplies(video) || video.size(2) < 2) {
        const torch::Tensor all = withMeasures(video, config);
        return {all.select(2, 0).contiguous(), all.slice(2, 1).contiguous()};
    }
    const torch::Tensor input = video.contiguous();
    const int64_t channels = 3 + measureChannels(config);
    torch::Tensor head = torch::empty({video.size(0), channels, video.size(3), video.size(4)}, video.options());
    torch::Tensor tail =
        torch::empty({video.size(0), channels, video.size(2) - 1, video.size(3), video.size(4)}, video.options());
    fusedMeasuresInto(input, config, &head, tail);
    return {head, tail};
}

} // namespace svj::model::detail
