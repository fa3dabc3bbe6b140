// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/judge.h"

#include "model/atomic_file.h"
#include "model/json_text.h"
#include "model/latent_frames.h"
#include "model/model_error.h"
#include "model/runtime.h"
#include "model/safetensors.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/judge_impl.hpp"
#include "model/tensor_io.hpp"

namespace svj::model {
namespace {

constexpr const char* kFormat = "svj-judge-1";

std::string sidecarPath(const std::string& checkpoint) {
    return checkpoint + ".json";
}

std::string readText(const std::string& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream) {
        throw ModelError(path + ": cannot read " + (std::filesystem::exists(path) ? "the file" : "(file not found)"));
    }
    std::ostringstream text;
    text << stream.rdbuf();
    return text.str();
}

} // namespace

namespace detail {

torch::Device parseDevice(const std::string& name) {
    torch::Device device(torch::kCPU);
    try {
        device = torch::Device(name);
    } catch (const c10::Error&) {
        throw ModelError("unknown device '" + name + "' (cpu, cuda, cuda:N)");
    }
    if (device.is_cuda() && !torch::cuda::is_available()) {
        throw ModelError("device '" + name + "' asked for, but this LibTorch build has no usable CUDA");
    }
    return device;
}

torch::ScalarType parseDtype(const std::string& name) {
    if (name == "f32" || name == "float32") {
        return torch::kFloat32;
    }
    if (name == "bf16" || name == "bfloat16") {
        return torch::kBFloat16;
    }
    throw ModelError("unknown dtype '" + name + "' (f32, bf16)");
}

} // namespace detail

torch::Tensor Judge::Impl::pixelsFrom(const std::vector<ClipView>& clips) const {
    std::vector<torch::Tensor> batch;
    for (const ClipView& clip : clips) {
        const JudgeConfig& config = network->config;
        if (!clip.rgb || clip.frames < 1 || clip.width != config.inputWidth || clip.height != config.inputHeight) {
            throw ModelError("clip is " + std::to_string(clip.width) + "x" + std::to_string(clip.height) +
                             " but the judge takes " + std::to_string(config.inputWidth) + "x" +
                             std::to_string(config.inputHeight));
        }
        if (clip.frames % 4 != 1) {
            throw ModelError("a clip needs 1 + 4k frames, got " + std::to_string(clip.frames));
        }
        // A view of the caller's bytes; the conversion below copies them.
        const torch::Tensor bytes =
            torch::from_blob(const_cast<uint8_t*>(clip.rgb), {clip.frames, clip.height, clip.width, 3}, torch::kUInt8);
        batch.push_back(bytes.permute({3, 0, 1, 2}).to(torch::kFloat32).div(127.5).sub(1.0));
    }
    return torch::stack(batch).to(device, dtype);
}

namespace {

// A network of `config`'s shape with fresh weights (seeded), on the options' device, threads set.
std::unique_ptr<Judge::Impl> newImpl(const JudgeConfig& config, const JudgeOptions& options) {
    configureThreads(options.threads);
    torch::manual_seed(options.seed);
    auto impl = std::make_unique<Judge::Impl>();
    impl->device = detail::parseDevice(options.device);
    impl->dtype = detail::parseDtype(options.dtype);
    impl->network = detail::JudgeNetwork(config);
    return impl;
}

// A sidecar is a text file anyone can edit: a config of 256 blocks 16k wide beside a 3 MB tensor file would
// allocate terabytes before the first tensor failed to fit. Checked against the tensors' header first.
void refuseConfigLargerThanTensors(const JudgeConfig& config, const SafetensorsCollection& tensors) {
    int64_t elements = 0;
    for (const std::string& name : tensors.names()) {
        elements += tensors.find(name)->info->numel();
    }
    const int64_t needed = config.minimumParameters();
    if (needed > elements) {
        throw ModelError(tensors.source() + ": its config describes a network of at least " + std::to_string(needed) +
                         " parameters but its tensors hold " + std::to_string(elements) +
                         ": config and weights do not belong together");
    }
}

} // namespace

Judge::Judge(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl)) {}
Judge::Judge(Judge&&) noexcept = default;
Judge& Judge::operator=(Judge&&) noexcept = default;
Judge::~Judge() = default;

Judge Judge::create(const JudgeConfig& config, const JudgeOptions& options) {
    auto impl = newImpl(config, options);
    impl->network->to(impl->device, impl->dtype);
    impl->network->eval();
    impl->info.config = config;
    return Judge(std::move(impl));
}

CheckpointInfo Judge::readCheckpointInfo(const std::string& checkpoint) {
    CheckpointInfo info;
    const std::string sidecar = sidecarPath(checkpoint);
    std::string text;
    // The copy inside the tensor file is the one that belongs to these tensors: a save killed between the
    // tensors and the sidecar file leaves the sidecar file one save behind. The file beside it is for people
    // and tools, and a fallback when the tensor file cannot be read.
    std::string inside;
    try {
        const auto metadata = SafetensorsFile::open(checkpoint)->metadata();
        const auto it = metadata.find("svj_sidecar");
        if (it != metadata.end()) {
            inside = it->second;
        }
    } catch (const ModelError&) {
        if (!std::filesystem::exists(sidecar)) {
            throw;
        }
    }
    // Errors name the copy that was read.
    std::string source = sidecar;
    if (!inside.empty()) {
        text = inside;
        source = checkpoint + " (the sidecar inside it)";
    } else if (std::filesystem::exists(sidecar)) {
        text = readText(sidecar);
    } else {
        throw ModelError(checkpoint + ": no sidecar (" + sidecar + ") and no config inside: not an SVJ checkpoint");
    }
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& error) {
        throw ModelError(source + ": not valid JSON: " + error.what());
    }
    // Every field's type checked: a sidecar is input like any other file.
    const auto field = [&](const char* key) -> const nlohmann::json* {
        return json.is_object() && json.contains(key) ? &json[key] : nullptr;
    };
    const nlohmann::json* format = field("format");
    if (!format || !format->is_string() || format->get<std::string>() != kFormat || !field("config")) {
        throw ModelError(source + ": not an SVJ judge sidecar (format '" +
                         (format && format->is_string() ? format->get<std::string>() : std::string("?")) + "')");
    }
    info.config = JudgeConfig::fromJson(jsonText(*field("config")), source);
    const nlohmann::json* parent = field("parent");
    const nlohmann::json* stage2 = field("stage2");
    if ((parent && !parent->is_string() && !parent->is_null()) || (stage2 && !stage2->is_boolean())) {
        throw ModelError(source + ": 'parent' must be a string and 'stage2' true or false");
    }
    info.parent = parent && parent->is_string() ? parent->get<std::string>() : std::string();
    info.stage2 = stage2 && stage2->get<bool>();
    info.sidecarJson = text;
    return info;
}

Judge Judge::load(const std::string& checkpoint, const JudgeOptions& options) {
    CheckpointInfo info = readCheckpointInfo(checkpoint);
    const SafetensorsCollection tensors = SafetensorsCollection::open(checkpoint);
    refuseConfigLargerThanTensors(info.config, tensors);
    auto impl = newImpl(info.config, options);
    detail::loadState(*impl->network, tensors, detail::LoadOptions{});
    impl->network->to(impl->device, impl->dtype);
    impl->network->eval();
    impl->info = std::move(info);
    return Judge(std::move(impl));
}

Judge Judge::loadForFineTune(const std::string& checkpoint, const std::vector<std::string>& aspects,
                             const JudgeOptions& options) {
    CheckpointInfo info = readCheckpointInfo(checkpoint);
    if (aspects.empty()) {
        throw ModelError(checkpoint + ": fine-tuning needs at least one aspect");
    }
    const bool continuing = info.stage2 && info.config.aspects == aspects;
    info.config.aspects = aspects;
    const SafetensorsCollection tensors = SafetensorsCollection::open(checkpoint);
    refuseConfigLargerThanTensors(info.config, tensors);
    auto impl = newImpl(info.config, options);
    detail::LoadOptions load;
    if (!continuing) {
        // A new head: the stored one (another aspect list, or never trained) is neither read nor required.
        load.ignoreFile = {"aspect_head.", "tie_logit"};
        load.ignoreModule = {"aspect_head.", "tie_logit"};
    }
    detail::loadState(*impl->network, tensors, load);
    impl->network->to(impl->device, impl->dtype);
    impl->network->eval();
    info.parent = checkpoint;
    info.stage2 = continuing;
    impl->info = std::move(info);
    return Judge(std::move(impl));
}

Judge Judge::loadDiffusers(const std::string& directory, const std::string& headFile, const JudgeOptions& options,
                           JudgeConfig config) {
    namespace fs = std::filesystem;
    const fs::path root(directory);
    const fs::path transformerDir = root / "transformer";
    const fs::path vaeDir = root / "vae";
    if (!fs::is_directory(transformerDir)) {
        throw ModelError(directory + ": not a diffusers CogVideoX folder (no transformer/ inside)");
    }
    config.transformer = TransformerConfig::fromDiffusersJson(readText((transformerDir / "config.json").string()),
                                                              (transformerDir / "config.json").string());
    config.transformer.sampleFrames = config.inputFrames;
    config.encoder = LatentEncoderKind::Vae;
    if (fs::is_directory(vaeDir)) {
        config.vae = VaeConfig::fromDiffusersJson(readText((vaeDir / "config.json").string()),
                                                  (vaeDir / "config.json").string());
    } else {
        throw ModelError(directory + ": no vae/ folder: the judge needs the VAE encoder");
    }
    config.validate();
    const SafetensorsCollection transformerTensors = SafetensorsCollection::open(transformerDir.string());
    refuseConfigLargerThanTensors(config, transformerTensors);
    auto impl = newImpl(config, options);

    detail::LoadOptions transformerLoad;
    transformerLoad.modulePrefix = "transformer.";
    transformerLoad.ignoreModule = {"lora_"};
    detail::loadState(*impl->network, transformerTensors, transformerLoad);
    detail::LoadOptions vaeLoad;
    vaeLoad.modulePrefix = "encoder.";
    vaeLoad.filePrefix = "encoder.";
    vaeLoad.ignoreFile = {"decoder.", "quant_conv", "post_quant_conv"};
    const SafetensorsCollection vaeTensors = SafetensorsCollection::open(vaeDir.string());
    // Only the encoder's tensors concern us; the decoder's are skipped, not "unexpected".
    detail::LoadReport vaeReport = detail::loadState(*impl->network, vaeTensors, vaeLoad);
    (void)vaeReport;
    if (!headFile.empty()) {
        detail::LoadOptions headLoad;
        headLoad.strict = false;
        const detail::LoadReport report =
            detail::loadState(*impl->network, SafetensorsCollection::open(headFile), headLoad);
        if (!report.unexpected.empty() || !report.mismatched.empty()) {
            throw ModelError(headFile + ": does not fit the judge: " + report.summary());
        }
    }
    impl->network->to(impl->device, impl->dtype);
    impl->network->eval();
    impl->info.config = config;
    return Judge(std::move(impl));
}

const JudgeConfig& Judge::config() const {
    return m_impl->network->config;
}

std::string Judge::deviceName() const {
    return m_impl->device.str();
}

ScoreResult Judge::score(const ClipView& clip, const ProgressFunction& progress, const std::atomic<bool>* cancel) {
    return scoreBatch({clip}, 1, progress, cancel).front();
}

std::vector<ScoreResult> Judge::scoreBatch(const std::vector<ClipView>& clips, int batchSize,
                                           const ProgressFunction& progress, const std::atomic<bool>* cancel) {
    torch::NoGradGuard noGrad;
    Impl& d = *m_impl;
    const bool stage2 = d.info.stage2;
    std::vector<ScoreResult> results;
    results.reserve(clips.size());
    batchSize = std::max(1, batchSize);
    for (size_t start = 0; start < clips.size(); start += static_cast<size_t>(batchSize)) {
        if (cancel && cancel->load()) {
            throw Cancelled();
        }
        const size_t end = std::min(clips.size(), start + static_cast<size_t>(batchSize));
        const std::vector<ClipView> batch(clips.begin() + static_cast<std::ptrdiff_t>(start),
                                          clips.begin() + static_cast<std::ptrdiff_t>(end));
        for (const ClipView& clip : batch) {
            if (clip.frames != batch.front().frames) {
                throw ModelError("clips scored together must have the same frame count");
            }
        }
        const torch::Tensor latents = d.network->encode(d.pixelsFrom(batch));
        if (cancel && cancel->load()) {
            throw Cancelled();
        }
        const detail::JudgeOutput output = d.network->judge(latents, stage2);
        const torch::Tensor energies = output.energies.to(torch::kCPU, torch::kFloat32).contiguous();
        const torch::Tensor aspects =
            stage2 ? output.aspects.to(torch::kCPU, torch::kFloat32).contiguous() : torch::Tensor();
        const torch::Tensor reward =
            stage2 ? output.reward.to(torch::kCPU, torch::kFloat32).contiguous() : torch::Tensor();
        for (size_t i = 0; i < batch.size(); ++i) {
            ScoreResult result;
            const torch::Tensor row = energies[static_cast<int64_t>(i)];
            result.latentEnergies.assign(row.data_ptr<float>(), row.data_ptr<float>() + row.numel());
            result.frameEnergies = latentToFrameCurve(result.latentEnergies, batch[i].frames);
            result.energy = row.mean().item<float>();
            if (stage2) {
                const torch::Tensor scores = aspects[static_cast<int64_t>(i)];
                result.aspectScores.assign(scores.data_ptr<float>(), scores.data_ptr<float>() + scores.numel());
                result.reward = reward[static_cast<int64_t>(i)].item<float>();
                result.hasAspects = true;
            }
            results.push_back(std::move(result));
        }
        if (progress) {
            progress(static_cast<double>(end) / static_cast<double>(clips.size()));
        }
    }
    return results;
}

void Judge::save(const std::string& path, const std::string& sidecarFields) const {
    if (m_impl->loraMerged) {
        throw ModelError(path + ": a judge whose LoRA was merged for inference cannot be saved as a checkpoint");
    }
    nlohmann::json sidecar;
    try {
        sidecar = nlohmann::json::parse(sidecarFields);
    } catch (const nlohmann::json::exception& error) {
        throw ModelError(std::string("checkpoint sidecar fields are not valid JSON: ") + error.what());
    }
    if (!sidecar.is_object()) {
        throw ModelError("checkpoint sidecar fields must be a JSON object");
    }
    sidecar["format"] = kFormat;
    sidecar["config"] = nlohmann::json::parse(config().toJson());
    if (!sidecar.contains("stage2")) {
        sidecar["stage2"] = m_impl->info.stage2;
    }
    if (!sidecar.contains("parent") && !m_impl->info.parent.empty()) {
        sidecar["parent"] = m_impl->info.parent;
    }
    const std::string sidecarText = jsonText(sidecar, 1);
    SafetensorsWriter writer;
    auto state = detail::namedState(*m_impl->network);
    for (auto& [name, tensor] : state) {
        tensor = tensor.to(torch::kCPU, torch::kFloat32); // checkpoints are stored in float32
    }
    detail::addTensors(writer, state);
    writer.setMetadata("format", "pt");
    writer.setMetadata("svj_sidecar", sidecarText);
    // Tensors first, sidecar second: a sidecar always describes a complete checkpoint.
    writer.write(path);
    writeFileAtomically(sidecarPath(path), sidecarText);
}

void Judge::saveLora(const std::string& path) const {
    SafetensorsWriter writer;
    std::vector<std::pair<std::string, torch::Tensor>> adapters;
    for (auto& [name, tensor] : m_impl->network->loraState()) {
        adapters.emplace_back(name, tensor.to(torch::kCPU, torch::kFloat32));
    }
    if (adapters.empty()) {
        throw ModelError(path + ": the judge has no LoRA adapter to save");
    }
    detail::addTensors(writer, adapters);
    const LoraConfig& lora = config().lora;
    writer.setMetadata("format", "pt");
    writer.setMetadata("lora_rank", std::to_string(lora.rank));
    writer.setMetadata("lora_alpha", std::to_string(lora.alpha));
    writer.write(path);
}

void Judge::mergeLora() {
    m_impl->network->transformer->mergeLora();
    m_impl->loraMerged = true;
}

int64_t Judge::parameterCount() const {
    int64_t count = 0;
    for (const auto& parameter : m_impl->network->parameters()) {
        count += parameter.numel();
    }
    return count;
}

} // namespace svj::model
