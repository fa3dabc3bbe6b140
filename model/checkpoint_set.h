// A training checkpoint is three files saved as one generation: the judge (CKPT, its tensors with the
// sidecar inside), the sidecar beside it (CKPT.json) and the trainer's state (CKPT.state: optimizer
// moments, step, random state). Each is written atomically, and in an order that leaves, after a kill at any
// moment, the previous set or the new set whole: the new state first to CKPT.state.next, then the judge,
// then the state moved into place. Every file names its generation; a resume takes the state of the
// judge's generation and refuses a mixed set. Torch-free.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace svj::model {

// CKPT.state, and CKPT.state.next while a save is under way.
std::string trainingStatePath(const std::string& checkpoint);
std::string pendingStatePath(const std::string& checkpoint);

// Writes the trainer state to the given path with the generation in its metadata ("generation").
using StateWriter = std::function<void(const std::string& path, const std::string& generation)>;
// Writes the judge to the checkpoint with the generation in its sidecar ("generation").
using JudgeWriter = std::function<void(const std::string& generation)>;

// Saves one generation of a run that has done `step` steps. Throws ModelError naming the file that failed.
void saveCheckpointSet(const std::string& checkpoint, int64_t step, const StateWriter& writeState,
                       const JudgeWriter& writeJudge);

// The state file that belongs with the judge at `checkpoint` as it lies on disk: CKPT.state, or the
// CKPT.state.next of a save killed after the judge was written (moved into place now). Throws ModelError
// naming both files and their generations when the state on disk comes from another save, or is missing.
std::string stateOfCheckpoint(const std::string& checkpoint);

// The generation recorded in a checkpoint's sidecar or a state's metadata ("" for files from before
// generations were recorded).
std::string checkpointGeneration(const std::string& checkpoint);
std::string stateGeneration(const std::string& state);

} // namespace svj::model
