// `svj pretrain`'s flags: the table its --help lists, and what they set in training::PretrainOptions and the
// judge's model::JudgeConfig.
#include "app/cli/pretrain_options.h"

#include "app/cli/distributed_option.h"
#include "app/cli/fault_list.h"
#include "app/cli/training_run.h"

#include <algorithm>

namespace svj::cli {
namespace {

model::JudgeConfig configFrom(const CommandLine& commandLine) {
    model::JudgeConfig config =
        commandLine.value("config")
            ? model::JudgeConfig::fromJson(readTextFile(*commandLine.value("config")), *commandLine.value("config"))
            : model::JudgeConfig::forPreset(commandLine.valueOr("preset", "tiny"));
    if (!commandLine.value("config")) {
        // What the judge sees when nothing says otherwise: tiles at the video's own scale and rate.
        config.inputView = model::InputView::Tiles;
        config.inputWidth = config.inputHeight = 64;
        config.inputFrames = 17;
        config.inputFps = 0.0;
        // Measured (docs/judge.md, ablations): the change and edge measures beat a learned stem.
        config.tubelet.stemChannels = 0;
        config.tubelet.differenceInput = true;
        config.tubelet.edgeFeatures = true;
        config.tubelet.chromaFeatures = true;
    }
    if (commandLine.value("size")) {
        config.inputWidth = config.inputHeight = commandLine.intValue("size", 64);
    }
    config.inputFrames = commandLine.intValue("frames", config.inputFrames);
    config.inputFps = commandLine.doubleValue("fps", config.inputFps);
    config.maxTiles = commandLine.intValue("max-tiles", config.maxTiles);
    if (commandLine.value("stem")) {
        config.tubelet.stemChannels = commandLine.intValue("stem", 0);
    }
    if (commandLine.value("stem-stride")) {
        config.tubelet.stemStride = commandLine.intValue("stem-stride", 2);
    }
    if (commandLine.value("difference")) {
        config.tubelet.differenceInput = commandLine.valueOr("difference", "on") != "off";
    }
    if (commandLine.value("edges")) {
        config.tubelet.edgeFeatures = commandLine.valueOr("edges", "off") != "off";
    }
    if (commandLine.value("chroma")) {
        config.tubelet.chromaFeatures = commandLine.valueOr("chroma", "off") != "off";
    }
    if (commandLine.value("frame-stats")) {
        config.tubelet.frameStatistics = commandLine.valueOr("frame-stats", "off") != "off";
    }
    if (commandLine.value("window-stride")) {
        config.windowStride = commandLine.intValue("window-stride", config.windowStride);
    }
    if (commandLine.value("layers")) {
        config.transformer.numLayers = commandLine.intValue("layers", config.transformer.numLayers);
    }
    if (commandLine.value("heads")) {
        config.transformer.numAttentionHeads = commandLine.intValue("heads", config.transformer.numAttentionHeads);
    }
    if (commandLine.value("hidden")) {
        config.tubelet.hiddenChannels = commandLine.intValue("hidden", config.tubelet.hiddenChannels);
    }
    config.transformer.sampleWidth = config.latentWidth();
    config.transformer.sampleHeight = config.latentHeight();
    config.transformer.sampleFrames = config.inputFrames;
    config.validate();
    return config;
}

} // namespace

std::vector<OptionSpec> pretrainOptionSpecs() {
    std::vector<OptionSpec> specs{
        {"footage", "DIR|MANIFEST",
         "training footage: a folder with MANIFEST.tsv (scripts/fetch-judge-footage.sh), or videos"},
        {"videos", "DIR|MANIFEST", "the same as --footage"},
        {"out", "CKPT", "where to write the checkpoint (.safetensors)"},
        {"resume", "", "continue the run that wrote --out"},
        {"preset", "NAME", "tiny, small or cogvideox-2b", "tiny"},
        {"config", "FILE.json", "a judge config instead of a preset (its input view is kept)"},
        {"size", "N", "tile side in pixels (multiple of 16)", "64"},
        {"frames", "N", "frames per window, 1 + 4k", "17"},
        {"fps", "F", "the judge's rate (0: every frame at the video's own rate)", "0"},
        {"max-tiles", "N", "tiles per frame when scoring", "48"},
        {"stem", "N", "channels of a full-resolution convolution stem (0: none)", "0"},
        {"stem-stride", "N", "the stem's stride, 1 or 2", "2"},
        {"difference", "on|off", "show the judge the frame-to-frame difference", "on"},
        {"edges", "on|off", "show the judge the magnitudes of luma change, gradients and Laplacian", "on"},
        {"chroma", "on|off", "show the judge the magnitudes of the chroma's gradients and change", "on"},
        {"frame-stats", "on|off",
         "show the judge each frame's change against the window's typical change, and its mean luma and colour "
         "against the window's",
         "off"},
        {"window-stride", "N", "frames between the starts of the windows that score a video (0: half a window)", "0"},
        {"layers", "N", "transformer blocks"},
        {"heads", "N", "attention heads (of 32 channels)"},
        {"hidden", "N", "tubelet channels"},
        {"steps", "N", "optimizer steps", "2000"},
        {"batch", "N", "pairs per step", "8"},
        {"lr", "X", "peak learning rate", "0.001"},
        {"warmup", "N", "warm-up steps", "100"},
        {"loss", "NAME", "ranking or contrastive (the paper's)", "ranking"},
        {"temperature", "X", "of the ranking loss", "0.25"},
        {"beta", "X", "energy regulariser", "0.05"},
        {"local-weight", "X", "ranking of each fault's own latent frames", "0.5"},
        {"outside-weight", "X", "equal energies where a fault does not show", "0.5"},
        {"flat-weight", "X", "flat clean curves across a window", "0.5"},
        {"tie-weight", "X", "equal energies for high-quality re-encodes", "1"},
        {"families", "WEIGHTS", "fault families' shares, e.g. 'compression=2' or '1,1,2,1,1'"},
        {"faults", "NAMES", "only these faults, comma-separated"},
        {"focus", "X", "draw the faults the judge still gets wrong in training more often (0: all alike)", "0.5"},
        {"latent-share", "X", "pairs with one of the paper's latent perturbations", "0.1"},
        {"benign-share", "X", "pairs with a high-quality re-encode (to tie)", "0.08"},
        {"hold-share", "X", "freezes that hold the whole window still", "0.5"},
        {"region", "N", "side of the regions cut from each video", "128"},
        {"max-clips", "N", "clips per video at most", "160"},
        {"clips-per-photo", "N", "clips rendered from each photograph", "12"},
        {"low-rate-share", "X", "clips picked at 8-15 fps from faster videos", "0.15"},
        {"holdout", "FRACTION", "sources held out for the check", "0.25"},
        {"heldout-sources", "A,B", "hold out these sources instead of a draw"},
        {"train-kinds", "KINDS", "train on these kinds of footage only (camera, rendered, photo); the check takes all"},
        {"eval-every", "N", "a quick held-out check every N steps (0: only the full one at the end)", "0"},
        {"quick-check", "N", "clips of the quick check", "12"},
        {"pair-check-every", "N",
         "score held-out tile pairs (every fault alike) every N steps and at the end (0: never)", "0"},
        {"pair-check-pairs", "N", "held-out tile pairs per fault", "40"},
        {"check-seconds", "S", "length of each held-out check clip", "2"},
        {"no-final-check", "", "skip the full held-out check at the end"},
        {"check-clips", "N", "clips of the final check (0: all)", "0"},
        {"check-faults", "NAMES", "the faults of the held-out checks (default: all 30)"},
        {"checkpoint-every", "N", "write a resumable checkpoint every N steps", "250"},
        {"seed", "N", "seed of everything random", "1"},
        {"threads", "N", "CPU threads (0 = one per core)", "0"},
        {"data-threads", "N", "threads drawing the next batch of pairs", "1"},
        {"device", "NAME", "cpu or cuda", "cpu"},
        {"progress", "MODE", "bar, json or none", "bar"}};
    const std::vector<OptionSpec> distributed = distributedOptionSpecs();
    specs.insert(specs.end() - 1, distributed.begin(), distributed.end());
    return specs;
}

training::PretrainOptions pretrainOptionsFrom(const CommandLine& commandLine, const Arguments& arguments) {
    training::PretrainOptions o;
    o.footage = commandLine.valueOr("footage", commandLine.valueOr("videos", ""));
    o.out = commandLine.valueOr("out", "");
    if (o.footage.empty() || o.out.empty()) {
        throw UsageError("pretrain needs --footage DIR|MANIFEST and --out CKPT");
    }
    o.resume = commandLine.flag("resume");
    o.config = configFrom(commandLine);
    o.seed = static_cast<uint64_t>(commandLine.intValue("seed", 1));
    o.steps = commandLine.intValue("steps", 2000);
    o.batch = commandLine.intValue("batch", 8);
    o.heldOutFraction = commandLine.doubleValue("holdout", 0.25);
    o.heldOutSources = splitCommaList(commandLine.valueOr("heldout-sources", ""));
    for (const std::string& name : splitCommaList(commandLine.valueOr("train-kinds", ""))) {
        const std::optional<training::FootageKind> kind = training::footageKindByName(name);
        if (!kind || *kind == training::FootageKind::Object) {
            throw UsageError("--train-kinds: '" + name + "' is not camera, rendered or photo");
        }
        o.trainKinds.push_back(*kind);
    }
    o.evalEvery = commandLine.intValue("eval-every", 0);
    o.checkpointEvery = std::max(1, commandLine.intValue("checkpoint-every", 250));
    o.quickCheckClips = commandLine.intValue("quick-check", 12);
    o.pairCheckEvery = commandLine.intValue("pair-check-every", 0);
    o.pairCheckPerFault = commandLine.intValue("pair-check-pairs", 40);
    o.finalCheck = !commandLine.flag("no-final-check");
    o.finalCheckClips = commandLine.intValue("check-clips", 0);
    o.dataThreads = commandLine.intValue("data-threads", 1);
    o.focus = commandLine.doubleValue("focus", o.focus);
    if (o.focus < 0 || o.focus > 1) {
        throw UsageError("--focus must be in [0, 1]");
    }
    o.drawsPerPair = drawsPerPair(commandLine);
    o.agreementEvery = commandLine.intValue("agreement-every", o.agreementEvery);
    o.bucketBytes = bucketBytes(commandLine);
    o.command = joinedCommand("pretrain", arguments);
    if (o.steps < 1 || o.batch < 1 || o.heldOutFraction < 0 || o.heldOutFraction >= 1) {
        throw UsageError("--steps and --batch must be positive and --holdout in [0, 1)");
    }

    model::PairTrainerOptions& t = o.trainer;
    t.learningRate = commandLine.doubleValue("lr", 1e-3);
    t.warmupSteps = commandLine.intValue("warmup", 100);
    t.seed = o.seed;
    const std::string loss = commandLine.valueOr("loss", "ranking");
    if (loss != "ranking" && loss != "contrastive") {
        throw UsageError("--loss must be ranking or contrastive");
    }
    t.loss = loss == "ranking" ? model::PairLoss::Ranking : model::PairLoss::Contrastive;
    t.temperature = commandLine.doubleValue("temperature", t.temperature);
    t.beta = commandLine.doubleValue("beta", t.loss == model::PairLoss::Contrastive ? 0.2 : t.beta);
    t.localWeight = commandLine.doubleValue("local-weight", t.localWeight);
    t.outsideWeight = commandLine.doubleValue("outside-weight", t.outsideWeight);
    t.flatWeight = commandLine.doubleValue("flat-weight", t.flatWeight);
    t.tieWeight = commandLine.doubleValue("tie-weight", t.tieWeight);
    if (!(t.learningRate > 0) || !(t.temperature > 0)) {
        throw UsageError("--lr and --temperature must be positive");
    }

    training::BankSettings& b = o.bank;
    b.seed = o.seed;
    b.regionSize = commandLine.intValue("region", b.regionSize);
    b.maxClipsPerVideo = commandLine.intValue("max-clips", b.maxClipsPerVideo);
    b.clipsPerPhoto = commandLine.intValue("clips-per-photo", b.clipsPerPhoto);
    b.lowRateShare = commandLine.doubleValue("low-rate-share", b.lowRateShare);
    b.minRegionSize = o.config.inputWidth;

    training::PairSamplerSettings& s = o.sampler;
    s.seed = o.seed;
    s.latentShare = commandLine.doubleValue("latent-share", s.latentShare);
    s.holdShare = commandLine.doubleValue("hold-share", s.holdShare);
    if (s.holdShare < 0 || s.holdShare > 1) {
        throw UsageError("--hold-share must be in [0, 1]");
    }
    s.benignShare = commandLine.doubleValue("benign-share", s.benignShare);
    if (commandLine.value("families")) {
        // "temporal sampling=1,compression=2" or weights in family order "1,1,2,1,1".
        const std::vector<std::string> parts = splitCommaList(*commandLine.value("families"));
        std::vector<double> weights(5, 0.0);
        for (size_t i = 0; i < parts.size(); ++i) {
            const size_t equals = parts[i].find('=');
            if (equals == std::string::npos) {
                if (i >= weights.size()) {
                    throw UsageError("--families: at most five weights");
                }
                weights[i] = std::stod(parts[i]);
                continue;
            }
            const auto family = media::faultFamilyByName(parts[i].substr(0, equals));
            if (!family) {
                throw UsageError("--families: unknown family '" + parts[i].substr(0, equals) + "'");
            }
            weights[static_cast<size_t>(*family)] = std::stod(parts[i].substr(equals + 1));
        }
        s.familyWeights = weights;
    }
    s.faults = faultsOption(commandLine, "faults");
    o.check.seed = o.seed;
    o.check.faults = faultsOption(commandLine, "check-faults");
    o.check.threads = std::max(1, commandLine.intValue("threads", 0) == 0 ? 2 : commandLine.intValue("threads", 2));
    o.checkClips.seed = o.seed;
    o.checkClips.seconds = commandLine.doubleValue("check-seconds", o.checkClips.seconds);
    o.judge.threads = threadsPerRank(commandLine.intValue("threads", 0));
    o.judge.device = deviceForRank(commandLine.valueOr("device", "cpu"));
    o.judge.seed = o.seed;
    return o;
}

} // namespace svj::cli
