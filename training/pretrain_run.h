// A stage-1 training run as a library object: footage split by source, a bank of clean clips, pairs drawn
// step by step, model::PairTrainer's steps, periodic checkpoints and held-out checks, stop and resume bit
// for bit. `svj pretrain` maps its flags to the options and prints the events; tests drive it directly.
#pragma once

#include "model/config.h"
#include "model/judge.h"
#include "model/pair_trainer.h"
#include "model/process_group.h"
#include "training/clip_bank.h"
#include "training/fault_check.h"
#include "training/fault_focus.h"
#include "training/pair_check.h"
#include "training/pair_sampler.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace svj::training {

struct PretrainOptions {
    std::string footage; // a folder with MANIFEST.tsv, or any folder or manifest of videos
    std::string out;     // the checkpoint (.safetensors); OUT.state holds the resume point
    bool resume = false;
    double heldOutFraction = 0.25;
    std::vector<std::string> heldOutSources; // instead of the seeded draw
    // Kinds of footage the run trains on (empty: all); the split and the held-out check still take all of
    // them, so a run without, say, the photographs is checked on the same clips as one with them.
    std::vector<FootageKind> trainKinds;

    model::JudgeConfig config;
    model::JudgeOptions judge;
    model::PairTrainerOptions trainer;
    BankSettings bank;
    PairSamplerSettings sampler;
    int steps = 2000;
    int batch = 8; // pairs per step
    int checkpointEvery = 250;
    int evalEvery = 0;        // held-out checks during the run (0: at the end only)
    int quickCheckClips = 12; // clips of the held-out footage a check during the run uses (all at the end)
    int pairCheckEvery = 0;   // held-out tile pairs scored every N steps and at the end (0: never)
    int pairCheckPerFault = 40;
    CheckClipSettings checkClips;
    FaultCheckSettings check;
    bool finalCheck = true;
    int finalCheckClips = 0; // clips of the final check (0: all the held-out footage gives)
    int dataThreads = 1;     // threads drawing the next batch while the current one trains
    double focus = 0.5;      // how much faults the judge still gets wrong in training are drawn more often (0..1)
    int focusInterval = 200;
    // Latent perturbations drawn per pair from (seed, step, index) rather than from the trainer's one stream:
    // the run is then the same whatever number of processes shares a step (and can resume with another).
    bool drawsPerPair = true;
    int agreementEvery = 100;      // several processes: steps between checks that their weights agree
    int64_t bucketBytes = 1 << 20; // several processes: gradients sent in buckets of about this size
    uint64_t seed = 1;
    std::string command; // recorded in the sidecar

    // What a resumed run must share with the run it continues.
    nlohmann::json resumeKey() const;
};

// Stored value: keep the numbers.
enum class PretrainEventKind { Message = 0, Data = 1, Step = 2, Eval = 3, Checkpoint = 4, Finished = 5 };

struct PretrainEvent {
    PretrainEventKind kind = PretrainEventKind::Message;
    nlohmann::json fields;
    std::string text;
    model::PairStep step;              // Step events
    double communicationSeconds = 0.0; // Step events of a run over several processes: time in collectives
};

using PretrainListener = std::function<void(const PretrainEvent& event)>;

class PretrainError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class PretrainRun {
public:
    explicit PretrainRun(PretrainOptions options);

    // Data-parallel over `group` (which must outlive the run): every rank runs this with the same options;
    // `batch` is the whole step's, each rank trains on its share; rank 0 alone reports, checks and writes
    // checkpoints, the others wait for it. A stop asked on any rank stops all at the same step.
    void distribute(model::ProcessGroup& group) { m_group = &group; }

    // Trains to `steps`, or until `stop` is set (the step in progress finishes and a checkpoint is written).
    // Returns whether it reached the end. Throws PretrainError for settings or footage that cannot work
    // (a resume of another run, an existing --out, no footage), media::MediaError for unreadable videos.
    bool run(const PretrainListener& listener, const std::atomic<bool>& stop);

    const PretrainOptions& options() const { return m_options; }

private:
    PretrainOptions m_options;
    model::ProcessGroup* m_group = nullptr;
};

// The sources the run that wrote `checkpoint` held out from training (its sidecar's "data"), for a check on
// footage it never saw; empty when the sidecar names none. Throws model::ModelError when it cannot be read.
std::vector<std::string> heldOutSourcesOf(const std::string& checkpoint);

} // namespace svj::training
