// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/embeddings.hpp"

#include <cmath>

namespace svj::model::detail {

torch::Tensor timestepEmbedding(const torch::Tensor& timesteps, int dim, bool flipSinToCos, double freqShift) {
    const int half = dim / 2;
    const auto options = torch::TensorOptions().dtype(torch::kFloat32).device(timesteps.device());
    torch::Tensor exponent = -std::log(10000.0) * torch::arange(0, half, options);
    exponent = exponent / (half - freqShift);
    torch::Tensor embedding = timesteps.to(torch::kFloat32).unsqueeze(1) * torch::exp(exponent).unsqueeze(0);
    embedding = torch::cat({torch::sin(embedding), torch::cos(embedding)}, -1);
    if (flipSinToCos) {
        embedding = torch::cat({embedding.slice(1, half), embedding.slice(1, 0, half)}, -1);
    }
    if (dim % 2 == 1) {
        embedding = torch::constant_pad_nd(embedding, {0, 1, 0, 0});
    }
    return embedding;
}

torch::Tensor sincos1d(int dim, const torch::Tensor& positions) {
    const auto options = torch::TensorOptions().dtype(torch::kFloat64).device(positions.device());
    torch::Tensor omega = torch::arange(dim / 2, options) / (dim / 2.0);
    omega = 1.0 / torch::pow(10000.0, omega);
    const torch::Tensor out = torch::outer(positions.reshape({-1}).to(torch::kFloat64), omega);
    return torch::cat({torch::sin(out), torch::cos(out)}, 1);
}

torch::Tensor sincosPositions3d(int dim, int gridWidth, int gridHeight, int frames, double spatialScale,
                                double temporalScale) {
    const int spatialDim = 3 * dim / 4;
    const int temporalDim = dim / 4;
    const auto f32 = torch::TensorOptions().dtype(torch::kFloat32);
    // Positions are float32 grids divided by the interpolation scale, as in diffusers.
    const torch::Tensor gridH = torch::arange(gridHeight, f32) / spatialScale;
    const torch::Tensor gridW = torch::arange(gridWidth, f32) / spatialScale;
    // Row-major (h, w) grid: the first spatial half encodes w, the second h.
    const torch::Tensor w = gridW.unsqueeze(0).expand({gridHeight, gridWidth}).reshape({-1});
    const torch::Tensor h = gridH.unsqueeze(1).expand({gridHeight, gridWidth}).reshape({-1});
    const torch::Tensor spatial = torch::cat({sincos1d(spatialDim / 2, w), sincos1d(spatialDim / 2, h)}, 1);
    const torch::Tensor temporal = sincos1d(temporalDim, torch::arange(frames, f32) / temporalScale);
    const int64_t tokens = static_cast<int64_t>(gridHeight) * gridWidth;
    const torch::Tensor spatialAll = spatial.unsqueeze(0).expand({frames, tokens, spatialDim});
    const torch::Tensor temporalAll = temporal.unsqueeze(1).expand({frames, tokens, temporalDim});
    return torch::cat({temporalAll, spatialAll}, -1).reshape({frames * tokens, dim}).to(torch::kFloat32);
}

std::pair<torch::Tensor, torch::Tensor> rotaryPositions3d(int headDim, int gridWidth, int gridHeight, int frames) {
    const int dimT = headDim / 4;
    const int dimH = headDim / 8 * 3;
    const int dimW = headDim / 8 * 3;
    const auto f64 = torch::TensorOptions().dtype(torch::kFloat64);
    auto axis = [&](int dim, int64_t length) {
        const torch::Tensor frequencies = 1.0 / torch::pow(10000.0, torch::arange(0, dim, 2, f64) / dim);
        const torch::Tensor angles = torch::outer(torch::arange(length, f64), frequencies);
        return std::make_pair(torch::cos(angles).repeat_interleave(2, 1), torch::sin(angles).repeat_interleave(2, 1));
    };
    const auto [cosT, sinT] = axis(dimT, frames);
    const auto [cosH, sinH] = axis(dimH, gridHeight);
    const auto [cosW, sinW] = axis(dimW, gridWidth);
    auto grid = [&](const torch::Tensor& t, const torch::Tensor& h, const torch::Tensor& w) {
        const torch::Tensor tt = t.unsqueeze(1).unsqueeze(1).expand({frames, gridHeight, gridWidth, dimT});
        const torch::Tensor hh = h.unsqueeze(0).unsqueeze(2).expand({frames, gridHeight, gridWidth, dimH});
        const torch::Tensor ww = w.unsqueeze(0).unsqueeze(0).expand({frames, gridHeight, gridWidth, dimW});
        return torch::cat({tt, hh, ww}, -1).reshape({-1, dimT + dimH + dimW}).to(torch::kFloat32);
    };
    return {grid(cosT, cosH, cosW), grid(sinT, sinH, sinW)};
}

torch::Tensor applyRotary(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin) {
    const torch::Tensor values = x.to(torch::kFloat32);
    const torch::Tensor pairs = values.reshape({values.size(0), values.size(1), values.size(2), -1, 2});
    const torch::Tensor real = pairs.select(-1, 0);
    const torch::Tensor imaginary = pairs.select(-1, 1);
    const torch::Tensor rotated = torch::stack({-imaginary, real}, -1).flatten(3);
    return (values * cos.to(x.device()) + rotated * sin.to(x.device())).to(x.scalar_type());
}

} // namespace svj::model::detail
