// Footage the training tests make for themselves: short real encodes of moving lavfi patterns, a photograph
// (a rendered fractal saved as PNG) and an object with an alpha channel, with a MANIFEST.tsv; and tiny judges.
#pragma once

#include "model/config.h"

#include <QString>

namespace svj::test {

// Makes the footage in `folder` (once); returns false and prints why when FFmpeg fails.
bool makeTrainingFootage(const QString& folder);

// A judge config small enough to train in seconds: `tile` pixel tiles, `frames` frames, one block.
model::JudgeConfig tinyTiledConfig(int tile = 32, int frames = 9);

} // namespace svj::test
