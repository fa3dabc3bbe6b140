#include "model/config.h"

#include "model/json_text.h"
#include "model/model_error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

namespace svj::model {
namespace {

using Json = nlohmann::json;

[[noreturn]] void invalid(const std::string& source, const std::string& what) {
    throw ModelError(source + ": " + what);
}

Json parseObject(const std::string& text, const std::string& source) {
    Json json;
    try {
        json = Json::parse(text);
    } catch (const Json::exception& error) {
        invalid(source, std::string("not valid JSON: ") + error.what());
    }
    if (!json.is_object()) {
        invalid(source, "not a JSON object");
    }
    return json;
}

// Upper bounds of a config's sizes, far above any real CogVideoX (2B: 30 x 64 x 48, 5B: 42 x 64 x 48): a
// checkpoint's sidecar is input like any other file, and a network is allocated from these numbers.
constexpr int kMaxWidth = 16384;
constexpr int kMaxChannels = 4096;

// One JSON value as T, with its type and range checked: a number outside an int's range, or a float where an
// integer belongs, is refused rather than converted (the conversion is undefined behaviour).
template <typename T>
T valueAs(const Json& value, const char* key, const std::string& source) {
    const auto wrong = [&](const char* what) { invalid(source, std::string("'") + key + "' " + what); };
    if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, std::string>) {
        if (std::is_same_v<T, bool> ? !value.is_boolean() : !value.is_string()) {
            wrong("has the wrong type");
        }
        return value.get<T>();
    } else if constexpr (std::is_integral_v<T>) {
        if (!value.is_number_integer()) {
            wrong("has the wrong type (an integer is needed)");
        }
        if (value.is_number_unsigned()) {
            const uint64_t number = value.get<uint64_t>();
            if (number > static_cast<uint64_t>(std::numeric_limits<T>::max())) {
                wrong("is out of range");
            }
            return static_cast<T>(number);
        }
        const int64_t number = value.get<int64_t>();
        if (number < static_cast<int64_t>(std::numeric_limits<T>::min()) ||
            number > static_cast<int64_t>(std::numeric_limits<T>::max())) {
            wrong("is out of range");
        }
        return static_cast<T>(number);
    } else if constexpr (std::is_floating_point_v<T>) {
        if (!value.is_number()) {
            wrong("has the wrong type (a number is needed)");
        }
        const double number = value.get<double>();
        if (!std::isfinite(number) || std::abs(number) > static_cast<double>(std::numeric_limits<T>::max())) {
            wrong("is out of range");
        }
        return static_cast<T>(number);
    } else {
        if (!value.is_array()) {
            wrong("has the wrong type (a list is needed)");
        }
        T list;
        for (const Json& element : value) {
            list.push_back(valueAs<typename T::value_type>(element, key, source));
        }
        return list;
    }
}

// Reads `key` into `target` when present, with the JSON type checked.
template <typename T>
void read(const Json& json, const char* key, T& target, const std::string& source) {
    const auto it = json.find(key);
    if (it == json.end() || it->is_null()) {
        return;
    }
    target = valueAs<T>(*it, key, source);
}

// The object under `key`, or null when absent; anything else there is refused.
const Json* section(const Json& json, const char* key, const std::string& source) {
    const auto it = json.find(key);
    if (it == json.end() || it->is_null()) {
        return nullptr;
    }
    if (!it->is_object()) {
        invalid(source, std::string("'") + key + "' must be an object");
    }
    return &*it;
}

template <typename Enum>
void readEnum(const Json& json, const char* key, Enum& target,
              std::initializer_list<std::pair<const char*, Enum>> names, const std::string& source) {
    const auto it = json.find(key);
    if (it == json.end()) {
        return;
    }
    if (!it->is_string()) {
        invalid(source, std::string("'") + key + "' must be a string");
    }
    const std::string value = it->get<std::string>();
    for (const auto& [name, entry] : names) {
        if (value == name) {
            target = entry;
            return;
        }
    }
    invalid(source, std::string("'") + key + "' has an unknown value '" + value + "'");
}

template <typename Enum>
const char* enumName(Enum value, std::initializer_list<std::pair<const char*, Enum>> names) {
    for (const auto& [name, entry] : names) {
        if (entry == value) {
            return name;
        }
    }
    return "?";
}

const std::initializer_list<std::pair<const char*, LatentEncoderKind>> kEncoderNames = {
    {"vae", LatentEncoderKind::Vae}, {"tubelet", LatentEncoderKind::Tubelet}};
const std::initializer_list<std::pair<const char*, Pooling>> kPoolingNames = {{"mean", Pooling::Mean},
                                                                              {"max", Pooling::Max}};
const std::initializer_list<std::pair<const char*, TextInput>> kTextNames = {{"zeros", TextInput::Zeros},
                                                                             {"learned", TextInput::Learned}};
const std::initializer_list<std::pair<const char*, InputView>> kViewNames = {{"frame", InputView::Frame},
                                                                             {"tiles", InputView::Tiles}};
const std::initializer_list<std::pair<const char*, Stage1Training>> kStage1Names = {
    {"lora", Stage1Training::LoraOnly}, {"all", Stage1Training::AllWeights}};

Json transformerJson(const TransformerConfig& c) {
    return {{"_class_name", "CogVideoXTransformer3DModel"},
            {"num_attention_heads", c.numAttentionHeads},
            {"attention_head_dim", c.attentionHeadDim},
            {"in_channels", c.inChannels},
            {"out_channels", c.outChannels},
            {"flip_sin_to_cos", c.flipSinToCos},
            {"freq_shift", c.freqShift},
            {"time_embed_dim", c.timeEmbedDim},
            {"text_embed_dim", c.textEmbedDim},
            {"num_layers", c.numLayers},
            {"sample_width", c.sampleWidth},
            {"sample_height", c.sampleHeight},
            {"sample_frames", c.sampleFrames},
            {"patch_size", c.patchSize},
            {"temporal_compression_ratio", c.temporalCompressionRatio},
            {"max_text_seq_length", c.maxTextSeqLength},
            {"spatial_interpolation_scale", c.spatialInterpolationScale},
            {"temporal_interpolation_scale", c.temporalInterpolationScale},
            {"use_rotary_positional_embeddings", c.useRotaryPositionalEmbeddings},
            {"norm_eps", c.normEps}};
}

TransformerConfig transformerFrom(const Json& json, TransformerConfig c, const std::string& source) {
    read(json, "num_attention_heads", c.numAttentionHeads, source);
    read(json, "attention_head_dim", c.attentionHeadDim, source);
    read(json, "in_channels", c.inChannels, source);
    read(json, "out_channels", c.outChannels, source);
    read(json, "flip_sin_to_cos", c.flipSinToCos, source);
    read(json, "freq_shift", c.freqShift, source);
    read(json, "time_embed_dim", c.timeEmbedDim, source);
    read(json, "text_embed_dim", c.textEmbedDim, source);
    read(json, "num_layers", c.numLayers, source);
    read(json, "sample_width", c.sampleWidth, source);
    read(json, "sample_height", c.sampleHeight, source);
    read(json, "sample_frames", c.sampleFrames, source);
    read(json, "patch_size", c.patchSize, source);
    read(json, "temporal_compression_ratio", c.temporalCompressionRatio, source);
    read(json, "max_text_seq_length", c.maxTextSeqLength, source);
    read(json, "spatial_interpolation_scale", c.spatialInterpolationScale, source);
    read(json, "temporal_interpolation_scale", c.temporalInterpolationScale, source);
    read(json, "use_rotary_positional_embeddings", c.useRotaryPositionalEmbeddings, source);
    read(json, "norm_eps", c.normEps, source);
    if (json.contains("patch_size_t") && !json["patch_size_t"].is_null()) {
        invalid(source, "patch_size_t (CogVideoX 1.5) is not supported");
    }
    bool learnedPositions = false;
    read(json, "use_learned_positional_embeddings", learnedPositions, source);
    if (learnedPositions) {
        invalid(source, "learned positional embeddings (CogVideoX-5B-I2V) are not supported");
    }
    return c;
}

Json vaeJson(const VaeConfig& c) {
    return {{"_class_name", "AutoencoderKLCogVideoX"},
            {"in_channels", c.inChannels},
            {"latent_channels", c.latentChannels},
            {"block_out_channels", c.blockOutChannels},
            {"layers_per_block", c.layersPerBlock},
            {"norm_num_groups", c.normNumGroups},
            {"norm_eps", c.normEps},
            {"temporal_compression_ratio", c.temporalCompressionRatio},
            {"scaling_factor", c.scalingFactor},
            {"frame_batch_size", c.frameBatchSize}};
}

VaeConfig vaeFrom(const Json& json, VaeConfig c, const std::string& source) {
    read(json, "in_channels", c.inChannels, source);
    read(json, "latent_channels", c.latentChannels, source);
    read(json, "block_out_channels", c.blockOutChannels, source);
    read(json, "layers_per_block", c.layersPerBlock, source);
    read(json, "norm_num_groups", c.normNumGroups, source);
    read(json, "norm_eps", c.normEps, source);
    read(json, "temporal_compression_ratio", c.temporalCompressionRatio, source);
    read(json, "scaling_factor", c.scalingFactor, source);
    read(json, "frame_batch_size", c.frameBatchSize, source);
    return c;
}

Json negativesJson(const NegativeMix& mix) {
    Json json = Json::object();
    for (const NegativeKindRow& row : negativeKinds()) {
        json[row.jsonKey] = mix[row.kind];
    }
    return json;
}

} // namespace

NegativeMix::NegativeMix() {
    for (const NegativeKindRow& row : negativeKinds()) {
        (*this)[row.kind] = row.defaultWeight;
    }
}

TransformerConfig TransformerConfig::fromDiffusersJson(const std::string& json, const std::string& source) {
    TransformerConfig config = transformerFrom(parseObject(json, source), TransformerConfig{}, source);
    config.validate();
    return config;
}

std::string TransformerConfig::toDiffusersJson() const {
    return jsonText(transformerJson(*this), 1);
}

void TransformerConfig::validate() const {
    const std::string where = "transformer config";
    if (numAttentionHeads < 1 || attentionHeadDim < 2 || attentionHeadDim % 2 != 0) {
        invalid(where, "heads and head size must be positive (head size even)");
    }
    // Bounds before any product: innerDim() is an int, and a network is allocated from these numbers.
    if (numAttentionHeads > kMaxWidth || attentionHeadDim > kMaxWidth ||
        int64_t(numAttentionHeads) * attentionHeadDim > kMaxWidth) {
        invalid(where, "heads x head size must be at most " + std::to_string(kMaxWidth));
    }
    if (patchSize > 16 || inChannels > kMaxChannels || outChannels > kMaxChannels || timeEmbedDim > kMaxWidth ||
        textEmbedDim > kMaxWidth || maxTextSeqLength > 4096 || sampleWidth < 0 || sampleHeight < 0 ||
        sampleFrames < 0 || sampleWidth > 1024 || sampleHeight > 1024 || sampleFrames > 1024) {
        invalid(where, "a size is out of range (patch <= 16, channels <= " + std::to_string(kMaxChannels) +
                           ", embeddings <= " + std::to_string(kMaxWidth) + ", sample sizes 0..1024)");
    }
    if (numLayers < 1 || numLayers > 256) {
        invalid(where, "num_layers must be in 1..256");
    }
    if (patchSize < 1 || inChannels < 1 || outChannels < 1 || timeEmbedDim < 1 || textEmbedDim < 1 ||
        maxTextSeqLength < 1) {
        invalid(where, "sizes must be positive");
    }
    if (!useRotaryPositionalEmbeddings && innerDim() % 16 != 0) {
        invalid(where, "sin-cos positions need a width divisible by 16, got " + std::to_string(innerDim()));
    }
    if (useRotaryPositionalEmbeddings && attentionHeadDim % 8 != 0) {
        invalid(where, "3D rotary positions need a head size divisible by 8");
    }
    if (temporalCompressionRatio != 4) {
        invalid(where, "temporal_compression_ratio must be 4");
    }
}

VaeConfig VaeConfig::fromDiffusersJson(const std::string& json, const std::string& source) {
    VaeConfig config = vaeFrom(parseObject(json, source), VaeConfig{}, source);
    config.validate();
    return config;
}

std::string VaeConfig::toDiffusersJson() const {
    return jsonText(vaeJson(*this), 1);
}

void VaeConfig::validate() const {
    const std::string where = "vae config";
    if (blockOutChannels.size() < 3 || blockOutChannels.size() > 8) {
        invalid(where, "block_out_channels needs 3 to 8 blocks (3 downsamplings of 2)");
    }
    if (normNumGroups < 1 || layersPerBlock > 16) {
        invalid(where, "norm_num_groups must be positive and layers_per_block at most 16");
    }
    for (const int channels : blockOutChannels) {
        if (channels > kMaxChannels) {
            invalid(where, "block channels must be at most " + std::to_string(kMaxChannels));
        }
        if (channels < 1 || channels % normNumGroups != 0) {
            invalid(where, "each block's channels must be a positive multiple of norm_num_groups");
        }
    }
    if (temporalCompressionRatio != 4 || layersPerBlock < 1 || latentChannels < 1 || inChannels < 1 ||
        frameBatchSize < 1) {
        invalid(where, "temporal_compression_ratio must be 4 and the sizes positive");
    }
}

int LoraConfig::resolvedFirstBlock(int numLayers) const {
    if (firstBlock >= 0) {
        return firstBlock;
    }
    return numLayers - (numLayers + 2) / 3; // the last third, rounded up: 30 -> 20, 8 -> 5, 6 -> 4
}

const std::vector<std::string>& visionRewardAspects() {
    static const std::vector<std::string> aspects = {"alignment",
                                                     "composition",
                                                     "focus",
                                                     "camera movement",
                                                     "color",
                                                     "lighting accurate",
                                                     "lighting aes",
                                                     "shape at beginning",
                                                     "shape throughout",
                                                     "object motion dynamic",
                                                     "camera motion dynamic",
                                                     "movement smoothness",
                                                     "movement reality",
                                                     "clear",
                                                     "image quality stability",
                                                     "camera stability",
                                                     "detail refinement",
                                                     "letters",
                                                     "physics law",
                                                     "unsafe type",
                                                     "safety"};
    return aspects;
}

std::vector<std::string> JudgeConfig::presetNames() {
    return {"cogvideox-2b", "small", "tiny"};
}

JudgeConfig JudgeConfig::forPreset(const std::string& name) {
    JudgeConfig config;
    config.preset = name;
    config.aspects = visionRewardAspects();
    if (name == "cogvideox-2b") {
        return config; // the defaults are CogVideoX-2B's
    }
    // tiny and small: the same classes, narrower and shallower, a learned tubelet encoder instead of the
    // VAE, and stage 1 trains every weight (there is no pretrained generative backbone at these sizes).
    TransformerConfig& t = config.transformer;
    t.attentionHeadDim = 32;
    t.spatialInterpolationScale = 1.0;
    t.maxTextSeqLength = 8;
    config.encoder = LatentEncoderKind::Tubelet;
    config.stage1Training = Stage1Training::AllWeights;
    config.inputFrames = 33;
    if (name == "small") {
        t.numAttentionHeads = 4;
        t.numLayers = 8;
        t.timeEmbedDim = 128;
        t.textEmbedDim = 64;
        config.tubelet.hiddenChannels = 96;
        config.inputWidth = 256;
        config.inputHeight = 256;
        config.energyHeadHidden = 128;
        config.aspectHeadHidden = 128;
    } else if (name == "tiny") {
        t.numAttentionHeads = 2;
        t.numLayers = 6;
        t.timeEmbedDim = 64;
        t.textEmbedDim = 32;
        config.tubelet.hiddenChannels = 48;
        config.inputWidth = 128;
        config.inputHeight = 128;
        config.energyHeadHidden = 64;
        config.aspectHeadHidden = 64;
    } else {
        throw ModelError("unknown preset '" + name + "' (known: cogvideox-2b, small, tiny)");
    }
    t.sampleWidth = config.latentWidth();
    t.sampleHeight = config.latentHeight();
    t.sampleFrames = config.inputFrames;
    return config;
}

std::string JudgeConfig::toJson() const {
    Json json = {
        {"preset", preset},
        {"transformer", transformerJson(transformer)},
        {"encoder", enumName(encoder, kEncoderNames)},
        {"vae", vaeJson(vae)},
        {"tubelet",
         {{"hidden_channels", tubelet.hiddenChannels},
          {"latent_channels", tubelet.latentChannels},
          {"stem_channels", tubelet.stemChannels},
          {"stem_stride", tubelet.stemStride},
          {"difference_input", tubelet.differenceInput},
          {"edge_features", tubelet.edgeFeatures},
          {"chroma_features", tubelet.chromaFeatures},
          {"frame_statistics", tubelet.frameStatistics}}},
        {"input",
         {{"width", inputWidth},
          {"height", inputHeight},
          {"frames", inputFrames},
          {"fps", inputFps},
          {"view", enumName(inputView, kViewNames)},
          {"window_stride", windowStride},
          {"max_tiles", maxTiles}}},
        {"timestep", timestep},
        {"tap_block", tapBlock},
        {"use_norm_final", useNormFinal},
        {"pooling", enumName(pooling, kPoolingNames)},
        {"text_input", enumName(textInput, kTextNames)},
        {"energy_head_hidden", energyHeadHidden},
        {"aspect_head_hidden", aspectHeadHidden},
        {"aspects", aspects},
        {"aspects_from_energy", aspectsFromEnergy},
        {"lora",
         {{"rank", lora.rank}, {"alpha", lora.alpha}, {"first_block", lora.firstBlock}, {"targets", lora.targets}}},
        {"stage1_training", enumName(stage1Training, kStage1Names)},
        {"energy_regularization", energyRegularization},
        {"negatives", negativesJson(negatives)},
        {"variable_length_probability", variableLengthProbability},
        {"bradley_terry_temperature", bradleyTerryTemperature},
        {"tie_strength", tieStrength}};
    return jsonText(json, 1);
}

JudgeConfig JudgeConfig::fromJson(const std::string& text, const std::string& source) {
    const Json json = parseObject(text, source);
    JudgeConfig config;
    std::string presetName = "custom";
    read(json, "preset", presetName, source);
    const std::vector<std::string> known = presetNames();
    if (std::find(known.begin(), known.end(), presetName) != known.end()) {
        config = forPreset(presetName);
    }
    config.preset = presetName;
    if (const Json* transformer = section(json, "transformer", source)) {
        config.transformer = transformerFrom(*transformer, config.transformer, source);
    }
    readEnum(json, "encoder", config.encoder, kEncoderNames, source);
    if (const Json* vae = section(json, "vae", source)) {
        config.vae = vaeFrom(*vae, config.vae, source);
    }
    if (const Json* tubelet = section(json, "tubelet", source)) {
        read(*tubelet, "hidden_channels", config.tubelet.hiddenChannels, source);
        read(*tubelet, "latent_channels", config.tubelet.latentChannels, source);
        read(*tubelet, "stem_channels", config.tubelet.stemChannels, source);
        read(*tubelet, "stem_stride", config.tubelet.stemStride, source);
        read(*tubelet, "difference_input", config.tubelet.differenceInput, source);
        read(*tubelet, "edge_features", config.tubelet.edgeFeatures, source);
        read(*tubelet, "chroma_features", config.tubelet.chromaFeatures, source);
        read(*tubelet, "frame_statistics", config.tubelet.frameStatistics, source);
    }
    if (const Json* input = section(json, "input", source)) {
        read(*input, "width", config.inputWidth, source);
        read(*input, "height", config.inputHeight, source);
        read(*input, "frames", config.inputFrames, source);
        read(*input, "fps", config.inputFps, source);
        readEnum(*input, "view", config.inputView, kViewNames, source);
        read(*input, "window_stride", config.windowStride, source);
        read(*input, "max_tiles", config.maxTiles, source);
    }
    read(json, "timestep", config.timestep, source);
    read(json, "tap_block", config.tapBlock, source);
    read(json, "use_norm_final", config.useNormFinal, source);
    readEnum(json, "pooling", config.pooling, kPoolingNames, source);
    readEnum(json, "text_input", config.textInput, kTextNames, source);
    read(json, "energy_head_hidden", config.energyHeadHidden, source);
    read(json, "aspect_head_hidden", config.aspectHeadHidden, source);
    read(json, "aspects", config.aspects, source);
    read(json, "aspects_from_energy", config.aspectsFromEnergy, source);
    if (const Json* lora = section(json, "lora", source)) {
        read(*lora, "rank", config.lora.rank, source);
        read(*lora, "alpha", config.lora.alpha, source);
        read(*lora, "first_block", config.lora.firstBlock, source);
        read(*lora, "targets", config.lora.targets, source);
    }
    readEnum(json, "stage1_training", config.stage1Training, kStage1Names, source);
    read(json, "energy_regularization", config.energyRegularization, source);
    if (const Json* negatives = section(json, "negatives", source)) {
        for (const NegativeKindRow& row : negativeKinds()) {
            read(*negatives, row.jsonKey, config.negatives[row.kind], source);
        }
    }
    read(json, "variable_length_probability", config.variableLengthProbability, source);
    read(json, "bradley_terry_temperature", config.bradleyTerryTemperature, source);
    read(json, "tie_strength", config.tieStrength, source);
    try {
        config.validate();
    } catch (const ModelError& error) {
        invalid(source, error.what());
    }
    return config;
}

int64_t JudgeConfig::minimumParameters() const {
    const int64_t width = int64_t(transformer.numAttentionHeads) * transformer.attentionHeadDim;
    return int64_t(transformer.numLayers) * 4 * width * width;
}

void JudgeConfig::validate() const {
    transformer.validate();
    if (encoder == LatentEncoderKind::Vae) {
        vae.validate();
        if (vae.latentChannels != transformer.inChannels) {
            throw ModelError("the VAE makes " + std::to_string(vae.latentChannels) +
                             " latent channels but the transformer takes " + std::to_string(transformer.inChannels));
        }
    } else if (tubelet.latentChannels != transformer.inChannels || tubelet.hiddenChannels < 1) {
        throw ModelError("the tubelet encoder must make as many latent channels as the transformer takes");
    } else if (tubelet.stemChannels < 0 || (tubelet.stemStride != 1 && tubelet.stemStride != 2)) {
        throw ModelError("the tubelet stem needs 0 or more channels and a stride of 1 or 2");
    }
    if (tubelet.hiddenChannels > kMaxChannels || tubelet.stemChannels > kMaxChannels ||
        tubelet.latentChannels > kMaxChannels) {
        throw ModelError("tubelet channels must be at most " + std::to_string(kMaxChannels));
    }
    if (inputWidth < 1 || inputHeight < 1 || inputWidth > 4096 || inputHeight > 4096 || inputFrames > 1025) {
        throw ModelError("input size " + std::to_string(inputWidth) + "x" + std::to_string(inputHeight) + ", " +
                         std::to_string(inputFrames) + " frames is out of range (1..4096 a side, at most 1025 frames)");
    }
    if (inputWidth % (8 * transformer.patchSize) != 0 || inputHeight % (8 * transformer.patchSize) != 0) {
        throw ModelError("input size " + std::to_string(inputWidth) + "x" + std::to_string(inputHeight) +
                         " must be a multiple of " + std::to_string(8 * transformer.patchSize));
    }
    if (inputFrames < 1 || inputFrames % 4 != 1) {
        throw ModelError("input frames must be 1 + 4k, got " + std::to_string(inputFrames));
    }
    if (!(inputFps >= 0.0) || (inputFps == 0.0 && inputView != InputView::Tiles)) {
        throw ModelError("input frame rate must be positive (0, the video's own rate, needs the tiled view)");
    }
    if (windowStride < 0 || windowStride >= inputFrames || maxTiles < 1 || maxTiles > 4096) {
        throw ModelError("the window stride must be below the clip length and the tile budget positive");
    }
    if (tapBlock >= transformer.numLayers || tapBlock < -1) {
        throw ModelError("tap_block must be -1 or a block index below " + std::to_string(transformer.numLayers));
    }
    if (timestep < 0 || timestep > 999) {
        throw ModelError("timestep must be in 0..999");
    }
    if (lora.rank < 0 || lora.rank > kMaxChannels || !(lora.alpha > 0.0) ||
        lora.resolvedFirstBlock(transformer.numLayers) >= transformer.numLayers) {
        throw ModelError("LoRA needs rank >= 0, alpha > 0 and a first block inside the model");
    }
    for (const std::string& target : lora.targets) {
        if (target != "to_q" && target != "to_k" && target != "to_v" && target != "to_out.0") {
            throw ModelError("unknown LoRA target '" + target + "' (to_q, to_k, to_v, to_out.0)");
        }
    }
    if (energyHeadHidden < 1 || aspectHeadHidden < 1 || aspects.empty() || energyHeadHidden > kMaxWidth ||
        aspectHeadHidden > kMaxWidth || aspects.size() > 256) {
        throw ModelError("heads need a hidden size (at most " + std::to_string(kMaxWidth) + ") and 1 to 256 aspects");
    }
    double mix = 0.0;
    bool negative = false;
    for (const double weight : negatives.weights) {
        mix += weight;
        negative = negative || weight < 0;
    }
    if (negative || std::abs(mix - 1.0) > 1e-6) {
        throw ModelError("negative sampling weights must be non-negative and sum to 1");
    }
    if (energyRegularization < 0 || variableLengthProbability < 0 || variableLengthProbability > 1 ||
        bradleyTerryTemperature <= 0 || tieStrength <= 0) {
        throw ModelError("regularisation, crop probability, temperature and tie strength out of range");
    }
}

} // namespace svj::model
