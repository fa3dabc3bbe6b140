// The judge as the rest of the program uses it: load a checkpoint, score clips, save. Torch-free.
//
// Thread-safety: a Judge is not thread-safe. Score from one thread at a time, or give each thread its own
// Judge (they share nothing). `cancel` may be set from any thread.
#pragma once

#include "model/config.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace svj::model {

struct JudgeOptions {
    std::string device = "cpu"; // "cpu", "cuda", "cuda:1" (where the LibTorch build has CUDA)
    std::string dtype = "f32";  // "f32" or "bf16"
    int threads = 0;            // CPU threads for LibTorch; 0 = one per core
    uint64_t seed = 0;          // initialisation of weights a checkpoint does not supply

    JudgeOptions& withDevice(std::string value) {
        device = std::move(value);
        return *this;
    }
    JudgeOptions& withDtype(std::string value) {
        dtype = std::move(value);
        return *this;
    }
    JudgeOptions& withThreads(int value) {
        threads = value;
        return *this;
    }
};

// Frames as media/'s ClipSampler hands them over: packed RGB24, `frames` x `height` x `width` x 3 bytes.
// A view: the bytes must outlive the call that gets them.
struct ClipView {
    const uint8_t* rgb = nullptr;
    int frames = 0;
    int height = 0;
    int width = 0;
};

struct ScoreResult {
    std::vector<float> latentEnergies; // one per latent frame (13 for 49 frames)
    std::vector<float> frameEnergies;  // one per input frame: frames 4k-3 ... 4k take latent k's energy
    float energy = 0.0f;               // the clip's energy: the mean over latent frames (lower = better)
    std::vector<float> aspectScores;   // stage-2 aspect scores (empty before stage 2)
    float reward = 0.0f;               // stage-2 reward (higher = better), 0 before stage 2
    bool hasAspects = false;
};

// What a checkpoint's sidecar says about it (config, lineage, data, metrics, the command that made it).
struct CheckpointInfo {
    JudgeConfig config;
    std::string parent;      // the checkpoint it was trained from, if any
    std::string sidecarJson; // the whole sidecar as stored
    bool stage2 = false;     // the aspect head is trained
};

using ProgressFunction = std::function<void(double fraction)>;

class Judge {
public:
    // A judge with fresh weights (for training from scratch).
    static Judge create(const JudgeConfig& config, const JudgeOptions& options = {});
    // Our checkpoint: FILE.safetensors with its sidecar FILE.safetensors.json. Throws ModelError naming the
    // file and, for a checkpoint that does not fit its config, the tensors that do not.
    static Judge load(const std::string& checkpoint, const JudgeOptions& options = {});
    // A diffusers CogVideoX download (a folder with transformer/ and vae/) plus, optionally, our head and
    // LoRA file (empty: fresh heads). All 736 transformer tensors and the 128 encoder tensors must fit.
    static Judge loadDiffusers(const std::string& directory, const std::string& headFile, const JudgeOptions& options,
                               JudgeConfig config = JudgeConfig::forPreset("cogvideox-2b"));
    static CheckpointInfo readCheckpointInfo(const std::string& checkpoint);
    // A checkpoint made ready for stage 2 on `aspects`: its transformer, energy head and LoRA as stored; its
    // aspect head and tie strength too when it is a stage-2 judge of the same aspects (fine-tuning further),
    // else fresh ones (seeded). The result's parent is `checkpoint`.
    static Judge loadForFineTune(const std::string& checkpoint, const std::vector<std::string>& aspects,
                                 const JudgeOptions& options = {});

    Judge(Judge&&) noexcept;
    Judge& operator=(Judge&&) noexcept;
    ~Judge();

    const JudgeConfig& config() const;
    std::string deviceName() const;

    // Scores one clip (its size must be the config's input size; any 1 + 4k frame count).
    ScoreResult score(const ClipView& clip, const ProgressFunction& progress = {},
                      const std::atomic<bool>* cancel = nullptr);
    // Scores clips of equal shape in batches of `batchSize`.
    std::vector<ScoreResult> scoreBatch(const std::vector<ClipView>& clips, int batchSize = 4,
                                        const ProgressFunction& progress = {},
                                        const std::atomic<bool>* cancel = nullptr);

    // Writes the checkpoint atomically, with a sidecar holding the config and `sidecarFields` (a JSON object's
    // members: parent, data, metrics, command...).
    void save(const std::string& path, const std::string& sidecarFields = "{}") const;
    // Writes the LoRA adapter alone with PEFT's names ("transformer.transformer_blocks.N.attn1.to_q.lora_A.weight").
    void saveLora(const std::string& path) const;
    // Folds LoRA into the base weights (faster inference; the adapter is gone afterwards).
    void mergeLora();
    int64_t parameterCount() const;

    // For model/'s own trainer and tests (a torch-free handle to the network).
    struct Impl;
    Impl& impl() { return *m_impl; }

private:
    explicit Judge(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// Thrown when `cancel` was set during scoring or training.
class Cancelled : public std::runtime_error {
public:
    Cancelled()
        : std::runtime_error("cancelled") {}
};

} // namespace svj::model
