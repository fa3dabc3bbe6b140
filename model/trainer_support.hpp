// Private to model/ (include after <torch/torch.h>): what both training stages share: the learning-rate
// schedule, cutting a window out of a stored clip, and the resumable optimizer + random state on disk.
#pragma once

#include "model/config.h"
#include "model/training_data.h"

#include <map>
#include <random>
#include <string>

#include "model/adamw.hpp"

namespace svj::model::detail {

// Linear warm-up to `peak`, then a cosine decay to `floorFraction` x peak at `totalSteps`.
double warmupCosineRate(int64_t step, double peak, int warmupSteps, int totalSteps, double floorFraction);

// Where a window is cut out of a clip at least the judge's input size, mirrored or not.
struct Crop {
    int64_t y = 0;
    int64_t x = 0;
    bool flip = false;
};

// A random cut of `clip` to `config`'s input size; no draw where there is no choice (a clip of exactly the
// input size), so such clips train the same with or without this option.
Crop randomCrop(const TrainingClip& clip, const JudgeConfig& config, bool randomFlip, std::mt19937_64& random);

// `latents` latent frames of `clip` from latent frame `start`, cut by `crop`: pixels in [-1, 1], [3, F, H, W].
torch::Tensor clipPixels(const TrainingClip& clip, const JudgeConfig& config, int64_t start, int64_t latents,
                         const Crop& crop);

inline int64_t latentCount(const TrainingClip& clip) {
    return 1 + (clip.frames - 1) / 4;
}

// Throws ModelError naming the clip when it is smaller than the input or not 1 + 4k (>= 5) frames.
void validateTrainingClip(const TrainingClip& clip, const JudgeConfig& config);

// Optimizer moments, step count and the random generator in one safetensors file with `format` in its
// metadata, plus `extra` metadata; load checks the format and the parameter count and returns the metadata.
void saveTrainerState(const std::string& path, const std::string& format, const AdamW& optimizer,
                      const std::mt19937_64& random, const std::map<std::string, std::string>& extra = {});
std::map<std::string, std::string> loadTrainerState(const std::string& path, const std::string& format,
                                                    AdamW& optimizer, std::mt19937_64& random);

} // namespace svj::model::detail
