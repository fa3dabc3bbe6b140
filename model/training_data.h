// Clips handed to the trainers: packed RGB24 as media/'s ClipSampler makes them (model/ never decodes).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace svj::model {

struct TrainingClip {
    std::vector<uint8_t> rgb; // frames x height x width x 3
    int frames = 0;
    int height = 0;
    int width = 0;
    std::string source; // where it came from, for logs and errors

    size_t frameBytes() const { return static_cast<size_t>(height) * static_cast<size_t>(width) * 3; }
};

} // namespace svj::model
