// A stage-2 fine-tune as a library object: a judge trained on labelled pairs of videos (each video decoded once
// into the windows the judge sees), a seeded held-out split scored before training and after every epoch, a
// checkpoint every epoch, stop and resume bit for bit. `svj finetune` reads the labels (annotation/), maps its
// flags to the options and prints the events; tests drive it directly.
#pragma once

#include "model/judge.h"
#include "model/process_group.h"
#include "model/stage2_trainer.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace svj::training {

struct LabelledPair {
    std::string videoA; // paths
    std::string videoB;
    model::PairVerdict verdict = model::PairVerdict::Tie; // both-bad arrives as a tie: neither is preferred
    std::map<std::string, model::PairVerdict> aspects;    // the aspects this pair rates
    std::string where;                                    // "FILE:LINE: " (or "WORKSPACE: "), for messages
};

struct FinetuneOptions {
    std::vector<LabelledPair> pairs;
    std::vector<std::string> aspects; // the aspect head's (empty: "overall")
    std::string from;                 // the judge to start from
    std::string out;                  // the checkpoint written (.safetensors); OUT.state holds the resume point
    bool resume = false;
    int epochs = 4;
    double holdout = 0.2;         // the share of pairs held out (none below 5 pairs)
    bool autoLearningRate = true; // 3e-3 for the small presets, 1e-4 for cogvideox-2b
    model::Stage2Options trainer; // batch, learning rate (unless auto), warm-up, aspect weight, seed
    model::JudgeOptions judge;
    nlohmann::json settings;       // the run's settings as the sidecar records them; a resume must match
    std::string command;           // recorded in the sidecar
    std::string pairsSource;       // the file or workspace the pairs came from, for the sidecar
    int agreementEvery = 100;      // several processes: steps between checks that their weights agree
    int64_t bucketBytes = 1 << 20; // several processes: gradients sent in buckets of about this size
};

enum class FinetuneEventKind { Decode, Data, Eval, Step, Checkpoint, Summary };

struct FinetuneEvent {
    FinetuneEventKind kind = FinetuneEventKind::Data;
    nlohmann::json fields;
    std::string text;
    int64_t done = 0; // Decode: pairs whose videos are decoded, of `total`
    int64_t total = 0;
    model::Stage2Step step; // Step events
};

using FinetuneListener = std::function<void(const FinetuneEvent& event)>;

// Input that cannot work, with a message naming the file and what is wrong: no pairs, a missing or
// undecodable video, an existing --out without --resume, a resume with other settings.
class FinetuneError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class FinetuneRun {
public:
    explicit FinetuneRun(FinetuneOptions options);

    // Trains to the end (true), or until `stop` is set (false: the step in progress finishes and a checkpoint
    // with why "stopped" is written; run it again with `resume`). Throws FinetuneError, model::ModelError.
    bool run(const FinetuneListener& listener, const std::atomic<bool>& stop);

    // Data-parallel over `group` (which must outlive the run; the trainer must draw per pair): each rank
    // trains on its share of every step's batch; rank 0 alone reports, checks and writes checkpoints.
    void distribute(model::ProcessGroup& group) { m_group = &group; }

    // The steps of the whole run (known once run() has split the pairs), and those done so far.
    int totalSteps() const { return m_totalSteps; }
    int64_t stepsDone() const { return m_stepsDone; }
    const FinetuneOptions& options() const { return m_options; }

private:
    FinetuneOptions m_options;
    model::ProcessGroup* m_group = nullptr;
    int m_totalSteps = 0;
    int64_t m_stepsDone = 0;
};

} // namespace svj::training
