// Private to model/ (include after <torch/torch.h>): what both training stages share: the learning-rate
// schedule, cutting a window out of a stored clip, and the resumable optimizer + random state on disk.
#pragma once

#include "model/config.h"
#include "model/training_data.h"

#include <map>
#include <memory>
#include <random>
#include <string>

#include "model/adamw.hpp"
#include "model/judge_network.hpp"

namespace svj::model::detail {

// Linear warm-up to `peak`, then a cosine decay to `floorFraction` x peak at `totalSteps`.
double warmupCosineRate(int64_t step, double peak, int warmupSteps, int totalSteps, double floorFraction);

// Where a window is cut out of a clip at least the judge's input size, mirrored or not.
struct Crop {
    int64_t y = 0;
    int64_t x = 0;
    bool flip = false;
};

// A random cut of `clip` to `config`'s input size, its corner on a multiple of `grid` pixels; no draw where
// there is no choice (a clip of exactly the input size), so such clips train the same with or without it.
Crop randomCrop(const TrainingClip& clip, const JudgeConfig& config, bool randomFlip, std::mt19937_64& random,
                int grid = 1);

// `latents` latent frames of `clip` from latent frame `start`, cut by `crop`: pixels in [-1, 1], [3, F, H, W].
torch::Tensor clipPixels(const TrainingClip& clip, const JudgeConfig& config, int64_t start, int64_t latents,
                         const Crop& crop);
// The same cut at another size (the whole frame, for the latent cache).
torch::Tensor clipPixels(const TrainingClip& clip, const JudgeConfig& config, int64_t start, int64_t latents,
                         const Crop& crop, int64_t height, int64_t width);

inline int64_t latentCount(const TrainingClip& clip) {
    return 1 + (clip.frames - 1) / 4;
}

// Latents of whole training clips, each encoded once, for a frozen VAE (the 2B judge's encoder costs more
// than the LoRA step itself and its output for a clip never changes). A window is then cut in latent space:
// latent frames [start, start + n), the crop divided by 8 (crops on the 8-pixel grid), mirrored along the
// width. Cutting the whole clip's latents is not bit-identical to encoding the window alone (the causal
// VAE's first latent frame sees one frame, a cut one sees four): an augmentation-level difference that
// buys one encode per clip instead of one per step. Keyed by the clip's pixel buffer, which stays put when
// the clip is moved.
class LatentCache {
public:
    torch::Tensor window(JudgeNetworkImpl& network, const TrainingClip& clip, int64_t start, int64_t latents,
                         const Crop& crop, const torch::Device& device, torch::ScalarType dtype);
    size_t size() const { return m_latents.size(); }

private:
    std::map<const uint8_t*, torch::Tensor> m_latents; // [T, C, H/8, W/8] per clip
};

// An optimizer over `trainable`, with every other weight of the network frozen: frozen weights keep no
// gradients (no memory for them, no autograd work through them).
std::unique_ptr<AdamW> optimizerFor(JudgeNetworkImpl& network, const std::vector<torch::Tensor>& trainable);

// Throws ModelError naming the clip when it is smaller than the input or not 1 + 4k (>= 5) frames.
void validateTrainingClip(const TrainingClip& clip, const JudgeConfig& config);

// Optimizer moments, step count and the random generator in one safetensors file with `format` in its
// metadata, plus `extra` metadata; load checks the format and the parameter count and returns the metadata.
void saveTrainerState(const std::string& path, const std::string& format, const AdamW& optimizer,
                      const std::mt19937_64& random, const std::map<std::string, std::string>& extra = {});
std::map<std::string, std::string> loadTrainerState(const std::string& path, const std::string& format,
                                                    AdamW& optimizer, std::mt19937_64& random);

} // namespace svj::model::detail
