// `svj convert`: a diffusers CogVideoX download (transformer/ and vae/) turned into a judge checkpoint that every
// other command and the workbench take with --ckpt. Wiring only: model/ loads strictly and saves.
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "model/json_text.h"
#include "model/judge.h"
#include "model/model_error.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

namespace svj::cli {

int runConvert(const Arguments& arguments) {
    CommandLine commandLine(
        "convert",
        {{"out", "CKPT", "where to write the judge checkpoint (.safetensors)"},
         {"head", "FILE", "energy head / LoRA tensors to load on top (a GT-SVJ release; default: fresh heads)"},
         {"width", "N", "judge input width in pixels (default: the cogvideox-2b preset's 720)"},
         {"height", "N", "judge input height in pixels (default 480)"},
         {"frames", "N", "frames per clip, 1 + 4k (default 49)"},
         {"fps", "R", "the rate clips are sampled at (default 8)"},
         {"force", "", "overwrite --out"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj convert DIFFUSERS_DIR --out CKPT [--head FILE] [options]\n\n"
                     "Makes a judge checkpoint from a diffusers CogVideoX folder (CogVideoX-2b as Hugging Face\n"
                     "ships it: transformer/ and vae/, each with config.json and safetensors). Every transformer\n"
                     "tensor and the VAE encoder's must fit; the decoder is skipped. The checkpoint then works\n"
                     "wherever a judge does: svj score/finetune/eval --ckpt, or the workbench's Judge box.\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    const std::optional<std::string> out = commandLine.value("out");
    if (commandLine.positional().size() != 1 || !out) {
        throw UsageError("convert needs one DIFFUSERS_DIR and --out CKPT");
    }
    const std::string folder = commandLine.positional().front();
    if (std::filesystem::exists(*out) && !commandLine.flag("force")) {
        printError(*out + " exists; choose another --out, or add --force");
        return kExitBadInput;
    }
    model::JudgeConfig config = model::JudgeConfig::forPreset("cogvideox-2b");
    config.inputWidth = commandLine.intValue("width", config.inputWidth);
    config.inputHeight = commandLine.intValue("height", config.inputHeight);
    config.inputFrames = commandLine.intValue("frames", config.inputFrames);
    config.inputFps = commandLine.doubleValue("fps", config.inputFps);
    try {
        const model::Judge judge =
            model::Judge::loadDiffusers(folder, commandLine.valueOr("head", ""), model::JudgeOptions(), config);
        const nlohmann::json source = {{"converted_from", std::filesystem::absolute(folder).string()},
                                       {"head", commandLine.valueOr("head", "")}};
        judge.save(*out, svj::model::jsonText(source));
        std::cout << "wrote " << *out << ": " << judge.config().transformer.numLayers << " transformer layers, input "
                  << judge.config().inputWidth << "x" << judge.config().inputHeight << ", "
                  << judge.config().inputFrames << " frames\n";
    } catch (const model::ModelError& error) {
        printError(error.what());
        return kExitBadInput;
    }
    return kExitOk;
}

} // namespace svj::cli
