// Videos into the workspace and pairs out of them: a folder (ROOT/MODEL/PROMPT.mp4: the folder names the
// generator, the file stem the prompt) or a CSV / JSONL manifest (path, model, prompt); pairs of the same
// prompt from different models, a round robin over the models, or the pairs the judge is least sure about.
#pragma once

#include "annotation/import_error.h"
#include "annotation/workspace.h"

#include <QString>

#include <cstdint>

namespace svj::annotation {

struct VideoImportReport {
    int videos = 0;
    int newVideos = 0;
};

// All or nothing: an unreadable video or a bad manifest line is an error naming it (ImportError or
// media::MediaError) and nothing is added.
VideoImportReport importVideos(Workspace& workspace, const QString& folderOrManifest,
                               const ImportProgress& progress = {});

// Stored value: keep the numbers.
enum class PairingMode {
    SamePrompt = 0, // every two videos of one prompt from different models
    RoundRobin = 1, // every two models, their videos matched in turn (prompts or not)
    Uncertain = 2,  // same-prompt candidates, smallest judge margin first (needs judge scores)
};

struct PairingOptions {
    PairingMode mode = PairingMode::SamePrompt;
    int limit = 0; // at most this many new pairs (0: all)
    uint64_t seed = 1;
};

// Adds pairs (origin "auto"; A / B order drawn at random); existing pairs are not added again. Returns how
// many were added.
int makePairs(Workspace& workspace, const PairingOptions& options);

} // namespace svj::annotation
