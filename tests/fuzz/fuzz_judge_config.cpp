// libFuzzer target: arbitrary bytes as a judge config (a checkpoint sidecar's "config", or `--config`).
// It must be refused with a ModelError or accepted as a config whose sizes a network can be built with:
// valid, its parameter count computable without overflow, and read back the same from its own JSON.
#include "model/config.h"
#include "model/model_error.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    svj::model::JudgeConfig config;
    try {
        config = svj::model::JudgeConfig::fromJson(text, "fuzz-input");
    } catch (const svj::model::ModelError&) {
        return 0;
    }
    try {
        config.validate();
        if (config.minimumParameters() <= 0) {
            std::abort();
        }
        const svj::model::JudgeConfig back = svj::model::JudgeConfig::fromJson(config.toJson(), "round trip");
        if (back.toJson() != config.toJson()) {
            std::abort();
        }
    } catch (const svj::model::ModelError&) {
        std::abort(); // accepted once, refused the second time
    }
    return 0;
}
