// The judge's configuration: the CogVideoX transformer and VAE settings (diffusers' config.json keys), the
// latent encoder, the heads, LoRA and training choices, with presets `cogvideox-2b`, `small` and `tiny`.
// Every choice the GT-SVJ paper leaves open is a field here with a documented default (docs/judge.md).
#pragma once

#include "model/negative_kinds.h"

#include <array>
#include <string>
#include <vector>

namespace svj::model {

// CogVideoXTransformer3DModel's configuration; names follow diffusers' config.json.
struct TransformerConfig {
    int numAttentionHeads = 30;
    int attentionHeadDim = 64;
    int inChannels = 16;
    int outChannels = 16;
    bool flipSinToCos = true;
    int freqShift = 0;
    int timeEmbedDim = 512;
    int textEmbedDim = 4096;
    int numLayers = 30;
    int sampleWidth = 90; // latent units
    int sampleHeight = 60;
    int sampleFrames = 49; // video frames
    int patchSize = 2;
    int temporalCompressionRatio = 4;
    int maxTextSeqLength = 226;
    double spatialInterpolationScale = 1.875;
    double temporalInterpolationScale = 1.0;
    bool useRotaryPositionalEmbeddings = false; // 5B-style 3D RoPE instead of 2B's sin-cos positions
    double normEps = 1e-5;

    int innerDim() const { return numAttentionHeads * attentionHeadDim; }
    // Parses diffusers' transformer/config.json; unknown keys are ignored, known ones validated.
    static TransformerConfig fromDiffusersJson(const std::string& json, const std::string& source);
    std::string toDiffusersJson() const;
    // Throws ModelError when the settings cannot describe a model.
    void validate() const;
};

// AutoencoderKLCogVideoX's encoder settings (diffusers' vae/config.json).
struct VaeConfig {
    int inChannels = 3;
    int latentChannels = 16;
    std::vector<int> blockOutChannels{128, 256, 256, 512};
    int layersPerBlock = 3;
    int normNumGroups = 32;
    double normEps = 1e-6;
    int temporalCompressionRatio = 4;
    double scalingFactor = 1.15258426;
    int frameBatchSize = 8; // diffusers encodes 9, then 8 frames at a time, carrying the causal conv cache

    static VaeConfig fromDiffusersJson(const std::string& json, const std::string& source);
    std::string toDiffusersJson() const;
    void validate() const;
};

// The learned stand-in for the VAE in `tiny` and `small`: the same [T, 16, H/8, W/8] latent layout with
// causal 4x time compression (frame 0 alone, then groups of four).
struct TubeletConfig {
    int hiddenChannels = 64;
    int latentChannels = 16;
    // What the encoder sees before its tubelets (0 / false: the tubelets read the pixels themselves). With a
    // stem, each frame first goes through a small convolution at full resolution (and the frame-to-frame
    // difference beside the pixels when `differenceInput`), so grain, blocks, blur and jerks are measured
    // where they happen instead of being averaged away by an 8x8 projection.
    int stemChannels = 0;
    int stemStride = 1; // 1 or 2; the tubelets then cover 8 / stride stem cells
    bool differenceInput = false;
    // Fixed measures beside the pixels (and the difference): the magnitude of the luma's change from the
    // frame before, of its horizontal and vertical gradients and of its Laplacian. A linear tubelet then
    // averages edge, grain and motion energy over its cells, which a projection of raw pixels cannot.
    bool edgeFeatures = false;
    // The magnitudes of the chroma's horizontal and vertical gradients and of its change from the frame
    // before: colour smeared off its edges (chroma bleed) and colour flicker, which the luma measures miss.
    bool chromaFeatures = false;
    // Per frame of the window, as planes of one value: how much the frame changed from the one before
    // relative to the window's typical change (a repeated frame is 0, a jump is large, whatever the contrast:
    // the frame-difference baseline's signal), and how far the frame's mean luma, colour differences and
    // saturation lie from the window's (flicker, colour flicker and drift: the FFmpeg filters' signal).
    // Each tile's own.
    bool frameStatistics = false;
};

// Stored values: keep the numbers.
enum class LatentEncoderKind { Vae = 0, Tubelet = 1 };
enum class Pooling { Mean = 0, Max = 1 };
enum class TextInput { Zeros = 0, Learned = 1 };
enum class Stage1Training { LoraOnly = 0, AllWeights = 1 };
// How a video is shown to the judge: the whole frame resized to the input size (CogVideoX's view), or cut
// into input-sized tiles at the video's own scale.
enum class InputView { Frame = 0, Tiles = 1 };

struct LoraConfig {
    int rank = 8;
    double alpha = 8.0;
    int firstBlock = -1; // -1: the last third of the blocks (GT-SVJ)
    std::vector<std::string> targets{"to_q", "to_k", "to_v", "to_out.0"};

    int resolvedFirstBlock(int numLayers) const;
};

// Sampling weights of stage 1's negatives, one per kind (negative_kinds.h: the kinds and their defaults).
struct NegativeMix {
    NegativeMix();
    double& operator[](NegativeKind kind) { return weights[static_cast<size_t>(kind)]; }
    double operator[](NegativeKind kind) const { return weights[static_cast<size_t>(kind)]; }

    std::array<double, kNegativeKinds> weights{};
};

struct JudgeConfig {
    std::string preset = "custom";
    TransformerConfig transformer;
    LatentEncoderKind encoder = LatentEncoderKind::Vae;
    VaeConfig vae;
    TubeletConfig tubelet;

    // What a clip looks like to the judge (ClipSampler's settings).
    int inputWidth = 720;
    int inputHeight = 480;
    int inputFrames = 49;
    double inputFps = 8.0; // 0: every frame, at the video's own rate
    InputView inputView = InputView::Frame;
    int windowStride = 0; // frames between the starts of the windows that cover a video; 0: back to back
    int maxTiles = 48;    // tiles per frame (InputView::Tiles): larger frames get a sparser grid

    // Choices the paper leaves open.
    int timestep = 0;                       // diffusion timestep fed to the time embedding; 0 = judging clean latents
    int tapBlock = -1;                      // block whose video tokens feed the heads; -1 = the last
    bool useNormFinal = true;               // pass the tapped tokens through norm_final (a plain LayerNorm) first
    Pooling pooling = Pooling::Mean;        // over the spatial tokens of a latent frame
    TextInput textInput = TextInput::Zeros; // the judge is prompt-free: a fixed text embedding
    int energyHeadHidden = 512;
    int aspectHeadHidden = 512;
    std::vector<std::string> aspects; // stage 2's aspect names (default: VisionReward's 21)
    // Stage 2 starts from the stage-1 judgement: each aspect score is minus the clip's energy plus a learned
    // correction that starts at zero, and the reward starts as their mean. A fine-tune on a few labels then
    // begins where the judge already was instead of at a random head.
    bool aspectsFromEnergy = true;

    LoraConfig lora;
    Stage1Training stage1Training = Stage1Training::LoraOnly;
    double energyRegularization = 0.2; // beta of the stage-1 loss
    NegativeMix negatives;
    double variableLengthProbability = 0.25; // stage-1 crops to a shorter clip this often
    double bradleyTerryTemperature = 1.0;
    double tieStrength = 0.5; // Davidson's nu at the start of stage 2 (learned afterwards)

    static JudgeConfig forPreset(const std::string& name);
    static std::vector<std::string> presetNames();
    static JudgeConfig fromJson(const std::string& json, const std::string& source);
    std::string toJson() const;
    void validate() const;
    // A lower bound on the parameters a network of this config holds (its attention projections alone): a
    // checkpoint whose tensors hold fewer elements is not one of it, and is refused before anything is allocated.
    int64_t minimumParameters() const;

    int resolvedTapBlock() const { return tapBlock < 0 ? transformer.numLayers - 1 : tapBlock; }
    int latentHeight() const { return inputHeight / 8; }
    int latentWidth() const { return inputWidth / 8; }
};

// VisionReward's 21 annotated video aspects, GT-SVJ's stage-2 targets.
const std::vector<std::string>& visionRewardAspects();

} // namespace svj::model
