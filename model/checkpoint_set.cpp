#include "model/checkpoint_set.h"

#include "model/atomic_file.h"
#include "model/judge.h"
#include "model/model_error.h"
#include "model/safetensors.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

namespace svj::model {
namespace {

namespace fs = std::filesystem;

// The generation a sidecar names ("" when none, or when it is not a string).
std::string generationIn(const std::string& sidecarText) {
    const nlohmann::json sidecar = nlohmann::json::parse(sidecarText, nullptr, false);
    if (!sidecar.is_object() || !sidecar.contains("generation") || !sidecar["generation"].is_string()) {
        return {};
    }
    return sidecar["generation"].get<std::string>();
}

std::string describe(const std::string& generation) {
    return generation.empty() ? "no generation recorded" : "generation " + generation;
}

} // namespace

std::string trainingStatePath(const std::string& checkpoint) {
    return checkpoint + ".state";
}

std::string pendingStatePath(const std::string& checkpoint) {
    return checkpoint + ".state.next";
}

std::string checkpointGeneration(const std::string& checkpoint) {
    return generationIn(Judge::readCheckpointInfo(checkpoint).sidecarJson);
}

std::string stateGeneration(const std::string& state) {
    const auto metadata = SafetensorsFile::open(state)->metadata();
    const auto it = metadata.find("generation");
    return it == metadata.end() ? std::string() : it->second;
}

void saveCheckpointSet(const std::string& checkpoint, int64_t step, const StateWriter& writeState,
                       const JudgeWriter& writeJudge) {
    std::random_device entropy;
    const std::string generation =
        std::to_string(step) + "-" + std::to_string(entropy()) + std::to_string(entropy() % 100000);
    const std::string pending = pendingStatePath(checkpoint);
    // A killed save's pending state is of a generation that never got its judge: this save replaces it.
    writeState(pending, generation);
    writeJudge(generation);
    moveFileDurably(pending, trainingStatePath(checkpoint));
}

std::string stateOfCheckpoint(const std::string& checkpoint) {
    const std::string state = trainingStatePath(checkpoint);
    const std::string pending = pendingStatePath(checkpoint);
    if (!fs::exists(checkpoint)) {
        throw ModelError(checkpoint + ": nothing to resume (the checkpoint is missing)");
    }
    const std::string inside = Judge::readCheckpointInfo(checkpoint).sidecarJson;
    const std::string wanted = generationIn(inside);
    // A save killed between the judge and the sidecar beside it leaves that file one save behind: people,
    // scripts and the fine-tune panel read it, so it is brought up to the judge's own copy.
    const std::string besideIt = checkpoint + ".json";
    if (fs::exists(besideIt)) {
        std::ifstream in(besideIt, std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (text != inside) {
            writeFileAtomically(besideIt, inside);
        }
    }
    std::string found;
    if (fs::exists(state)) {
        found = stateGeneration(state);
        if (found == wanted) {
            return state;
        }
    }
    if (fs::exists(pending) && !wanted.empty() && stateGeneration(pending) == wanted) {
        // The save was killed after the judge was in place and before its state was: finish it.
        moveFileDurably(pending, state);
        return state;
    }
    if (!fs::exists(state)) {
        throw ModelError(checkpoint + ": nothing to resume (its training state " + state + " is missing)");
    }
    throw ModelError(checkpoint + " (" + describe(wanted) + ") and its training state " + state + " (" +
                     describe(found) +
                     ") come from different saves; resume refuses to mix them. Start the run again, or move both "
                     "aside");
}

} // namespace svj::model
