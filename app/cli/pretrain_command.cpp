// `svj pretrain`: stage 1 on real footage. Wiring only: media/ lists, decodes and breaks the videos,
// model/'s Stage1Trainer trains, model/'s metrics score the held-out check.
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/interrupt.h"
#include "app/cli/progress.h"
#include "app/cli/training_clips.h"
#include "app/cli/training_run.h"
#include "media/media_error.h"
#include "model/judge.h"
#include "model/model_error.h"
#include "model/stage1_trainer.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

namespace svj::cli {
namespace {

// The settings a resumed run must share with the run it continues (anything else would not be a resume).
nlohmann::json trainingSettings(const CommandLine& commandLine, const model::Stage1Options& options,
                                const ClipSettings& clips) {
    return {{"videos", commandLine.valueOr("videos", "")},
            {"generated", commandLine.valueOr("generated", "")},
            {"steps", options.totalSteps},
            {"batch", options.batchSize},
            {"lr", options.learningRate},
            {"warmup", options.warmupSteps},
            {"seed", options.seed},
            {"faults", clips.faultCopies},
            {"holdout", clips.holdoutFraction},
            {"window_offsets", clips.windowOffsets},
            {"crop_margin", clips.cropMargin},
            {"rate_scales", clips.rateScales}};
}

} // namespace

int runPretrain(const Arguments& arguments) {
    CommandLine commandLine(
        "pretrain",
        {{"videos", "DIR|MANIFEST", "real footage: the positives"},
         {"generated", "DIR|MANIFEST", "generated videos: extra negatives"},
         {"preset", "NAME", "tiny, small or cogvideox-2b", "tiny"},
         {"config", "FILE.json", "a judge config instead of a preset"},
         {"size", "N", "input width and height in pixels (multiple of 16)"},
         {"frames", "N", "frames per clip, 1 + 4k"},
         {"fps", "F", "clip sampling rate"},
         {"steps", "N", "optimizer steps", "2000"},
         {"batch", "N", "positives per step (as many negatives)", "8"},
         {"lr", "X", "peak learning rate", "0.001"},
         {"warmup", "N", "warm-up steps", "100"},
         {"faults", "N", "broken copies per real clip as extra negatives (0 = none)", "6"},
         {"fault-share", "X", "share of negatives that are broken copies / generated videos (new judges)", "0.5"},
         {"crop-margin", "X", "training clips are this much larger than the input, cut at random", "0.25"},
         {"passes", "N", "coverage passes over each video, each shifted by 1/N of a window", "2"},
         {"holdout", "FRACTION", "videos held out for the clean-vs-broken check", "0.25"},
         {"eval-every", "N", "run the held-out check every N steps (0 = at the end only)", "0"},
         {"checkpoint-every", "N", "write a resumable checkpoint every N steps", "250"},
         {"seed", "N", "seed of everything random", "1"},
         {"threads", "N", "CPU threads (0 = one per core)", "0"},
         {"device", "NAME", "cpu or cuda", "cpu"},
         {"out", "CKPT", "where to write the checkpoint (.safetensors)"},
         {"resume", "", "continue the run that wrote --out"},
         {"progress", "MODE", "bar, json or none", "bar"}});
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj pretrain --videos DIR|MANIFEST --out CKPT [options]\n\n"
                     "Stage 1 of GT-SVJ: trains the judge's energy on real clips (low) against negatives (high):\n"
                     "generated videos when given, broken copies of the real clips (stutter, drops, freezes,\n"
                     "jitter, ghosting, ...) and the five latent perturbations. Videos are decoded once. Part of\n"
                     "the videos is held out and the judge is checked on them: clean must score better than each\n"
                     "kind of broken copy. Ctrl-C finishes the step, writes a checkpoint and stops; --resume\n"
                     "continues exactly where it stopped.\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    const std::optional<std::string> videos = commandLine.value("videos");
    const std::optional<std::string> out = commandLine.value("out");
    if (!videos || !out) {
        throw UsageError("pretrain needs --videos DIR|MANIFEST and --out CKPT");
    }
    const ProgressMode mode = parseProgressMode(commandLine.valueOr("progress", "bar"));
    const bool resume = commandLine.flag("resume");

    model::JudgeConfig config =
        commandLine.value("config")
            ? model::JudgeConfig::fromJson(readTextFile(*commandLine.value("config")), *commandLine.value("config"))
            : model::JudgeConfig::forPreset(commandLine.valueOr("preset", "tiny"));
    if (commandLine.value("size")) {
        config.inputWidth = config.inputHeight = commandLine.intValue("size", 0);
    }
    config.inputFrames = commandLine.intValue("frames", config.inputFrames);
    config.inputFps = commandLine.doubleValue("fps", config.inputFps);
    {
        // The broken-copy share, the five perturbations keeping their proportions in the rest.
        const double share = commandLine.doubleValue("fault-share", 0.5);
        if (!(share >= 0 && share < 1)) {
            throw UsageError("--fault-share must be in [0, 1)");
        }
        model::NegativeMix& mix = config.negatives;
        const double rest = mix.frameShuffle + mix.frameDrop + mix.noisySegment + mix.patchSwap + mix.temporalSliceSwap;
        for (double* weight :
             {&mix.frameShuffle, &mix.frameDrop, &mix.noisySegment, &mix.patchSwap, &mix.temporalSliceSwap}) {
            *weight *= (1.0 - share) / rest;
        }
        mix.generated = share;
    }
    config.validate();

    model::Stage1Options options;
    options.totalSteps = commandLine.intValue("steps", 2000);
    options.batchSize = commandLine.intValue("batch", 8);
    options.learningRate = commandLine.doubleValue("lr", 1e-3);
    options.warmupSteps = commandLine.intValue("warmup", 100);
    options.seed = static_cast<uint64_t>(commandLine.intValue("seed", 1));
    if (options.totalSteps < 1 || options.batchSize < 1 || !(options.learningRate > 0)) {
        throw UsageError("--steps, --batch and --lr must be positive");
    }
    ClipSettings clipSettings;
    clipSettings.faultCopies = commandLine.intValue("faults", 6);
    clipSettings.holdoutFraction = commandLine.doubleValue("holdout", 0.25);
    clipSettings.seed = options.seed;
    clipSettings.cropMargin = commandLine.doubleValue("crop-margin", 0.25);
    if (clipSettings.cropMargin < 0 || clipSettings.cropMargin > 1) {
        throw UsageError("--crop-margin must be in [0, 1]");
    }
    const int passes = commandLine.intValue("passes", 2);
    if (passes < 1 || passes > 16) {
        throw UsageError("--passes must be 1 to 16");
    }
    clipSettings.windowOffsets.clear();
    for (int pass = 0; pass < passes; ++pass) {
        clipSettings.windowOffsets.push_back(static_cast<double>(pass) / passes);
    }
    if (clipSettings.faultCopies < 0 || clipSettings.holdoutFraction < 0 || clipSettings.holdoutFraction >= 1) {
        throw UsageError("--faults must be 0 or more and --holdout in [0, 1)");
    }
    const int evalEvery = commandLine.intValue("eval-every", 0);
    const int checkpointEvery = std::max(1, commandLine.intValue("checkpoint-every", 250));
    model::JudgeOptions judgeOptions;
    judgeOptions.threads = commandLine.intValue("threads", 0);
    judgeOptions.device = commandLine.valueOr("device", "cpu");
    judgeOptions.seed = options.seed;
    const nlohmann::json settings = trainingSettings(commandLine, options, clipSettings);

    // Resume: the checkpoint and its training state must exist and come from the same settings.
    std::optional<model::Judge> judge;
    if (resume) {
        if (!std::filesystem::exists(*out) || !std::filesystem::exists(trainingStatePath(*out))) {
            printError(*out + ": nothing to resume (the checkpoint or its training state " + trainingStatePath(*out) +
                       " is missing)");
            return kExitBadInput;
        }
        const model::CheckpointInfo info = model::Judge::readCheckpointInfo(*out);
        const nlohmann::json sidecar = nlohmann::json::parse(info.sidecarJson);
        if (!sidecar.contains("training") || sidecar["training"] != settings) {
            printError(*out + ": the run that wrote it used other settings (" +
                       (sidecar.contains("training") ? sidecar["training"].dump() : std::string("none")) +
                       "); resume with the same options");
            return kExitBadInput;
        }
        judge.emplace(model::Judge::load(*out, judgeOptions));
    } else {
        if (std::filesystem::exists(*out)) {
            printError(*out + " exists; choose another --out, delete it, or add --resume to continue its run");
            return kExitBadInput;
        }
        judge.emplace(model::Judge::create(config, judgeOptions));
    }
    const model::JudgeConfig& judgeConfig = judge->config();

    Progress progress(mode, "pretrain", options.totalSteps, 2 * options.batchSize);
    progress.event("loading", {{"videos", *videos}}, "decoding " + *videos + " ...");
    TrainingClips data;
    try {
        data = loadTrainingClips(*videos, commandLine.value("generated"), judgeConfig, clipSettings, progress);
    } catch (const media::MediaError& error) {
        progress.finish();
        printError(error.what());
        return kExitBadInput;
    } catch (const model::ModelError& error) {
        progress.finish();
        printError(error.what());
        return kExitBadInput;
    }
    model::Stage1Trainer trainer(*judge, options);
    size_t brokenCopies = 0;
    for (const TrainingClip& clip : data.real) {
        trainer.addReal(clip.clip, clip.brokenCopies);
        brokenCopies += clip.brokenCopies.size();
    }
    for (const TrainingClip& clip : data.negatives) {
        trainer.addGenerated(clip.clip);
    }
    if (resume) {
        trainer.loadState(trainingStatePath(*out));
    }
    progress.event("data",
                   {{"real_clips", data.real.size()},
                    {"broken_copies", brokenCopies},
                    {"generated_clips", data.negatives.size()},
                    {"heldout_clips", data.heldOut.size()},
                    {"train_videos", data.trainVideos},
                    {"heldout_videos", data.heldOutVideos}},
                   "training on " + std::to_string(data.real.size()) + " real clips from " +
                       std::to_string(data.trainVideos.size()) + " videos, " + std::to_string(brokenCopies) +
                       " broken copies of them, " + std::to_string(data.negatives.size()) + " generated clips; " +
                       std::to_string(data.heldOut.size()) + " clips from " +
                       std::to_string(data.heldOutVideos.size()) + " videos held out");

    nlohmann::json metrics = nlohmann::json::object();
    const auto writeCheckpoint = [&](const std::string& why) {
        nlohmann::json sidecar = {{"stage", 1},
                                  {"steps", trainer.stepsDone()},
                                  {"training", settings},
                                  {"command", joinedCommand("pretrain", arguments)},
                                  {"data",
                                   {{"train_videos", data.trainVideos},
                                    {"heldout_videos", data.heldOutVideos},
                                    {"real_clips", data.real.size()},
                                    {"broken_copies", brokenCopies},
                                    {"generated_clips", data.negatives.size()}}},
                                  {"metrics", metrics}};
        // The state first: a checkpoint on disk always has a state at least as new (resume never rewinds).
        trainer.saveState(trainingStatePath(*out));
        judge->save(*out, sidecar.dump());
        progress.event("checkpoint", {{"path", *out}, {"step", trainer.stepsDone()}, {"why", why}},
                       "checkpoint (" + why + ", step " + std::to_string(trainer.stepsDone()) + ") -> " + *out);
    };
    const auto evaluate = [&] {
        const nlohmann::json result = evaluateCleanVsBroken(*judge, data.heldOut, clipSettings.seed);
        metrics = result;
        progress.event("eval", {{"step", trainer.stepsDone()}, {"heldout", result}},
                       "held-out clean ranked above broken: " + describeCleanVsBroken(result));
    };

    installStopRequest();
    while (trainer.stepsDone() < options.totalSteps) {
        const model::Stage1Step step = trainer.step();
        progress.update(step.step, {{"loss", step.loss},
                                    {"lr", step.learningRate},
                                    {"e_pos", step.positiveEnergy},
                                    {"e_neg", step.negativeEnergy}});
        if (evalEvery > 0 && step.step % evalEvery == 0 && step.step < options.totalSteps && !data.heldOut.empty()) {
            evaluate();
        }
        if (stopRequested()) {
            writeCheckpoint(std::string("stopped by ") + stopSignalName());
            progress.finish();
            std::cerr << "stopped at step " << trainer.stepsDone() << " of " << options.totalSteps
                      << "; continue with the same command and --resume\n";
            return kExitOk;
        }
        if (step.step % checkpointEvery == 0 && step.step < options.totalSteps) {
            writeCheckpoint("periodic");
        }
    }
    if (!data.heldOut.empty()) {
        evaluate();
    }
    writeCheckpoint("final");
    progress.finish();
    return kExitOk;
}

} // namespace svj::cli
