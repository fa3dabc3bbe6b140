// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/trainer_support.hpp"

#include "model/model_error.h"
#include "model/safetensors.h"

#include <cmath>
#include <sstream>

#include "model/tensor_io.hpp"

namespace svj::model::detail {
namespace {
constexpr double kPi = 3.14159265358979323846;
} // namespace

double warmupCosineRate(int64_t step, double peak, int warmupSteps, int totalSteps, double floorFraction) {
    if (warmupSteps > 0 && step < warmupSteps) {
        return peak * static_cast<double>(step + 1) / warmupSteps;
    }
    const double span = std::max(1, totalSteps - warmupSteps);
    const double progress = std::min(1.0, static_cast<double>(step - warmupSteps) / span);
    return peak * (floorFraction + (1.0 - floorFraction) * 0.5 * (1.0 + std::cos(kPi * progress)));
}

Crop randomCrop(const TrainingClip& clip, const JudgeConfig& config, bool randomFlip, std::mt19937_64& random,
                int grid) {
    const auto uniform = [&](int64_t low, int64_t high) {
        return std::uniform_int_distribution<int64_t>(low, high)(random);
    };
    Crop crop;
    const int64_t spareY = (clip.height - config.inputHeight) / grid;
    const int64_t spareX = (clip.width - config.inputWidth) / grid;
    crop.y = spareY > 0 ? uniform(0, spareY) * grid : 0;
    crop.x = spareX > 0 ? uniform(0, spareX) * grid : 0;
    crop.flip = randomFlip && uniform(0, 1) == 1;
    return crop;
}

torch::Tensor clipPixels(const TrainingClip& clip, const JudgeConfig& config, int64_t start, int64_t latents,
                         const Crop& crop) {
    return clipPixels(clip, config, start, latents, crop, config.inputHeight, config.inputWidth);
}

torch::Tensor clipPixels(const TrainingClip& clip, const JudgeConfig&, int64_t start, int64_t latents, const Crop& crop,
                         int64_t height, int64_t width) {
    const int64_t firstFrame = 4 * start;
    const int64_t frames = 1 + 4 * (latents - 1);
    const torch::Tensor all = torch::from_blob(const_cast<uint8_t*>(clip.rgb.data()),
                                               {clip.frames, clip.height, clip.width, 3}, torch::kUInt8);
    torch::Tensor cut = all.slice(0, firstFrame, firstFrame + frames)
                            .slice(1, crop.y, crop.y + height)
                            .slice(2, crop.x, crop.x + width);
    if (crop.flip) {
        cut = cut.flip({2});
    }
    return cut.permute({3, 0, 1, 2}).to(torch::kFloat32).div(127.5).sub(1.0);
}

torch::Tensor LatentCache::window(JudgeNetworkImpl& network, const TrainingClip& clip, int64_t start, int64_t latents,
                                  const Crop& crop, const torch::Device& device, torch::ScalarType dtype) {
    auto it = m_latents.find(clip.rgb.data());
    if (it == m_latents.end()) {
        torch::NoGradGuard noGrad;
        const Crop whole; // the whole frame, not mirrored
        const torch::Tensor pixels =
            clipPixels(clip, network.config, 0, latentCount(clip), whole, clip.height, clip.width);
        const torch::Tensor encoded = network.encode(pixels.unsqueeze(0).to(device, dtype))[0];
        it = m_latents.emplace(clip.rgb.data(), encoded).first;
    }
    const JudgeConfig& config = network.config;
    torch::Tensor cut = it->second.slice(0, start, start + latents)
                            .slice(2, crop.y / 8, crop.y / 8 + config.latentHeight())
                            .slice(3, crop.x / 8, crop.x / 8 + config.latentWidth());
    return crop.flip ? cut.flip({3}) : cut;
}

std::unique_ptr<AdamW> optimizerFor(JudgeNetworkImpl& network, const std::vector<torch::Tensor>& trainable) {
    for (auto& parameter : network.parameters()) {
        parameter.set_requires_grad(false);
    }
    for (const torch::Tensor& parameter : trainable) {
        parameter.set_requires_grad(true);
    }
    return std::make_unique<AdamW>(trainable);
}

void validateTrainingClip(const TrainingClip& clip, const JudgeConfig& config) {
    if (clip.width < config.inputWidth || clip.height < config.inputHeight) {
        throw ModelError(clip.source + ": clip is " + std::to_string(clip.width) + "x" + std::to_string(clip.height) +
                         " but the judge takes " + std::to_string(config.inputWidth) + "x" +
                         std::to_string(config.inputHeight) + " (larger clips are cropped at random)");
    }
    if (clip.frames < 5 || clip.frames % 4 != 1 ||
        clip.rgb.size() != clip.frameBytes() * static_cast<size_t>(clip.frames)) {
        throw ModelError(clip.source + ": a training clip needs 1 + 4k frames, at least 5, and matching bytes");
    }
}

void saveTrainerState(const std::string& path, const std::string& format, const AdamW& optimizer,
                      const std::mt19937_64& random, const std::map<std::string, std::string>& extra) {
    SafetensorsWriter writer;
    std::vector<std::pair<std::string, torch::Tensor>> moments;
    for (size_t i = 0; i < optimizer.parameters().size(); ++i) {
        moments.emplace_back("adam.first." + std::to_string(i), optimizer.firstMoments()[i]);
        moments.emplace_back("adam.second." + std::to_string(i), optimizer.secondMoments()[i]);
    }
    addTensors(writer, moments);
    std::ostringstream randomState;
    randomState << random;
    for (const auto& [key, value] : extra) {
        writer.setMetadata(key, value);
    }
    writer.setMetadata("format", format);
    writer.setMetadata("steps", std::to_string(optimizer.steps()));
    writer.setMetadata("random", randomState.str());
    writer.setMetadata("parameters", std::to_string(optimizer.parameters().size()));
    writer.write(path);
}

std::map<std::string, std::string> loadTrainerState(const std::string& path, const std::string& format,
                                                    AdamW& optimizer, std::mt19937_64& random) {
    const SafetensorsCollection state = SafetensorsCollection::open(path);
    const auto metadata = state.metadata();
    const auto field = [&](const char* key) {
        const auto it = metadata.find(key);
        if (it == metadata.end()) {
            throw ModelError(path + ": not a training state (no '" + key + "')");
        }
        return it->second;
    };
    if (field("format") != format) {
        throw ModelError(path + ": not a " + format + " training state (it says '" + field("format") + "')");
    }
    const auto number = [&](const char* key) {
        const std::string text = field(key);
        size_t used = 0;
        long long value = -1;
        try {
            value = std::stoll(text, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != text.size() || value < 0) {
            throw ModelError(path + ": '" + key + "' must be a whole number, not '" + text + "'");
        }
        return value;
    };
    if (static_cast<size_t>(number("parameters")) != optimizer.parameters().size()) {
        throw ModelError(path + ": the training state belongs to a judge of another shape");
    }
    const long long steps = number("steps");
    std::mt19937_64 restored;
    std::istringstream randomState(field("random"));
    randomState >> restored;
    if (randomState.fail()) {
        throw ModelError(path + ": 'random' is not a saved random generator state");
    }
    // Every moment must have its parameter's exact shape: copy_ would broadcast a [1] over any tensor.
    std::vector<std::pair<torch::Tensor, torch::Tensor>> moments;
    for (size_t i = 0; i < optimizer.parameters().size(); ++i) {
        for (const auto& [name, into] : {std::pair{"adam.first." + std::to_string(i), optimizer.firstMoments()[i]},
                                         std::pair{"adam.second." + std::to_string(i), optimizer.secondMoments()[i]}}) {
            torch::Tensor stored = readTensor(state, name);
            if (stored.sizes() != into.sizes()) {
                std::ostringstream what;
                what << path << ": '" << name << "' has shape " << stored.sizes() << " but parameter " << i
                     << " of the judge has " << into.sizes();
                throw ModelError(what.str());
            }
            moments.emplace_back(stored, into);
        }
    }
    // Nothing is changed until everything has been checked.
    torch::NoGradGuard noGrad;
    for (auto& [stored, into] : moments) {
        into.copy_(stored);
    }
    random = restored;
    optimizer.setSteps(steps);
    return {metadata.begin(), metadata.end()};
}

} // namespace svj::model::detail
