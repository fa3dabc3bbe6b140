// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/perturbations.hpp"

#include "model/model_error.h"

#include <algorithm>
#include <numeric>

namespace svj::model::detail {
namespace {

int64_t uniform(Random& random, int64_t low, int64_t high) { // inclusive
    return std::uniform_int_distribution<int64_t>(low, high)(random);
}

void needFrames(const torch::Tensor& z, int64_t minimum, const char* what) {
    if (z.dim() != 4) {
        throw ModelError(std::string(what) + ": latents must be [T, C, h, w]");
    }
    if (z.size(0) < minimum) {
        throw ModelError(std::string(what) + " needs at least " + std::to_string(minimum) + " latent frames");
    }
}

} // namespace

const char* perturbationName(PerturbationKind kind) {
    return negativeKindRow(kind).name;
}

torch::Tensor frameShuffle(const torch::Tensor& z, Random& random, Perturbation& record) {
    needFrames(z, 2, "frame shuffle");
    const int64_t frames = z.size(0);
    record = Perturbation{};
    record.kind = PerturbationKind::FrameShuffle;
    std::vector<int64_t> all(static_cast<size_t>(frames));
    std::iota(all.begin(), all.end(), 0);
    std::shuffle(all.begin(), all.end(), random);
    const int64_t count = uniform(random, 2, std::max<int64_t>(2, frames / 2 + 1));
    std::vector<int64_t> subset(all.begin(), all.begin() + count);
    std::sort(subset.begin(), subset.end());
    // A rotation of the sorted subset moves every chosen frame (a random rotation amount).
    std::vector<int64_t> source = subset;
    std::rotate(source.begin(), source.begin() + uniform(random, 1, count - 1), source.end());
    std::vector<int64_t> order(static_cast<size_t>(frames));
    std::iota(order.begin(), order.end(), 0);
    for (size_t i = 0; i < subset.size(); ++i) {
        order[static_cast<size_t>(subset[i])] = source[i];
    }
    record.frames = subset;
    return z.index_select(0, torch::tensor(order, torch::TensorOptions().dtype(torch::kInt64).device(z.device())));
}

torch::Tensor frameDrop(const torch::Tensor& z, Random& random, Perturbation& record) {
    needFrames(z, 2, "frame drop");
    const int64_t frames = z.size(0);
    record = Perturbation{};
    record.kind = PerturbationKind::FrameDrop;
    // Candidates t >= 1, picked without two neighbours, so every drop repeats a frame that itself stayed.
    std::vector<int64_t> candidates(static_cast<size_t>(frames - 1));
    std::iota(candidates.begin(), candidates.end(), 1);
    std::shuffle(candidates.begin(), candidates.end(), random);
    const int64_t wanted = uniform(random, 1, std::max<int64_t>(1, (frames - 1) / 3));
    std::vector<int64_t> chosen;
    for (const int64_t t : candidates) {
        const bool nextToChosen =
            std::any_of(chosen.begin(), chosen.end(), [&](int64_t c) { return std::abs(c - t) <= 1; });
        if (!nextToChosen) {
            chosen.push_back(t);
        }
        if (static_cast<int64_t>(chosen.size()) == wanted) {
            break;
        }
    }
    std::sort(chosen.begin(), chosen.end());
    torch::Tensor result = z.clone();
    for (const int64_t t : chosen) {
        result[t] = z[t - 1];
    }
    record.frames = chosen;
    return result;
}

torch::Tensor noisySegment(const torch::Tensor& z, Random& random, Perturbation& record, double relativeSigma) {
    needFrames(z, 1, "noisy segment");
    const int64_t frames = z.size(0);
    record = Perturbation{};
    record.kind = PerturbationKind::NoisySegment;
    const int64_t length = uniform(random, 1, std::max<int64_t>(1, frames / 2));
    const int64_t start = uniform(random, 0, frames - length);
    record.first = start;
    record.length = length;
    record.sigma = relativeSigma * std::max(1e-6, z.std().item<double>());
    // The noise comes from our own generator, so the same seed gives the same noise on any device.
    std::normal_distribution<float> normal(0.0f, static_cast<float>(record.sigma));
    torch::Tensor noise = torch::empty({length, z.size(1), z.size(2), z.size(3)}, torch::kFloat32);
    float* values = noise.data_ptr<float>();
    for (int64_t i = 0; i < noise.numel(); ++i) {
        values[i] = normal(random);
    }
    torch::Tensor result = z.clone();
    result.slice(0, start, start + length).add_(noise.to(z.device(), z.scalar_type()));
    for (int64_t t = start; t < start + length; ++t) {
        record.frames.push_back(t);
    }
    return result;
}

torch::Tensor patchSwap(const torch::Tensor& z, Random& random, Perturbation& record) {
    needFrames(z, 2, "patch swap");
    const int64_t frames = z.size(0);
    record = Perturbation{};
    record.kind = PerturbationKind::PatchSwap;
    const int64_t length = uniform(random, 1, frames / 2);
    const int64_t first = uniform(random, 0, frames - 2 * length);
    const int64_t second = uniform(random, first + length, frames - length);
    const int64_t height = uniform(random, std::max<int64_t>(1, z.size(2) / 4), std::max<int64_t>(1, z.size(2) / 2));
    const int64_t width = uniform(random, std::max<int64_t>(1, z.size(3) / 4), std::max<int64_t>(1, z.size(3) / 2));
    const int64_t top = uniform(random, 0, z.size(2) - height);
    const int64_t left = uniform(random, 0, z.size(3) - width);
    record.first = first;
    record.second = second;
    record.length = length;
    record.top = top;
    record.left = left;
    record.height = height;
    record.width = width;
    torch::Tensor result = z.clone();
    auto region = [&](const torch::Tensor& tensor, int64_t start) {
        return tensor.slice(0, start, start + length).slice(2, top, top + height).slice(3, left, left + width);
    };
    region(result, first).copy_(region(z, second));
    region(result, second).copy_(region(z, first));
    for (int64_t t = 0; t < length; ++t) {
        record.frames.push_back(first + t);
        record.frames.push_back(second + t);
    }
    std::sort(record.frames.begin(), record.frames.end());
    return result;
}

torch::Tensor temporalSliceSwap(const torch::Tensor& z, Random& random, Perturbation& record) {
    needFrames(z, 2, "temporal slice swap");
    const int64_t frames = z.size(0);
    record = Perturbation{};
    record.kind = PerturbationKind::TemporalSliceSwap;
    const int64_t length = uniform(random, 1, frames / 2);
    const int64_t first = uniform(random, 0, frames - 2 * length);
    const int64_t second = uniform(random, first + length, frames - length);
    record.first = first;
    record.second = second;
    record.length = length;
    torch::Tensor result = z.clone();
    result.slice(0, first, first + length).copy_(z.slice(0, second, second + length));
    result.slice(0, second, second + length).copy_(z.slice(0, first, first + length));
    for (int64_t t = 0; t < length; ++t) {
        record.frames.push_back(first + t);
        record.frames.push_back(second + t);
    }
    std::sort(record.frames.begin(), record.frames.end());
    return result;
}

torch::Tensor applyPerturbation(PerturbationKind kind, const torch::Tensor& z, Random& random, Perturbation& record) {
    switch (kind) {
    case PerturbationKind::FrameShuffle:
        return frameShuffle(z, random, record);
    case PerturbationKind::FrameDrop:
        return frameDrop(z, random, record);
    case PerturbationKind::NoisySegment:
        return noisySegment(z, random, record);
    case PerturbationKind::PatchSwap:
        return patchSwap(z, random, record);
    case PerturbationKind::TemporalSliceSwap:
        return temporalSliceSwap(z, random, record);
    case PerturbationKind::Generated:
        break;
    }
    throw ModelError(std::string("not a latent perturbation: ") + perturbationName(kind));
}

std::pair<int64_t, int64_t> variableLengthCrop(int64_t latentFrames, Random& random, int64_t minimum) {
    if (latentFrames < minimum) {
        return {0, latentFrames};
    }
    const int64_t length = uniform(random, minimum, latentFrames);
    const int64_t start = uniform(random, 0, latentFrames - length);
    return {start, length};
}

} // namespace svj::model::detail
