// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/tensor_io.hpp"

#include "model/model_error.h"

#include <algorithm>
#include <cstring>
#include <sstream>

namespace svj::model::detail {
namespace {

std::string shapeText(c10::IntArrayRef shape) {
    std::ostringstream out;
    out << "[";
    for (size_t i = 0; i < shape.size(); ++i) {
        out << (i ? ", " : "") << shape[i];
    }
    out << "]";
    return out.str();
}

bool startsWith(const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

bool anyPrefix(const std::string& name, const std::vector<std::string>& prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& prefix) {
        return startsWith(name, prefix) || name.find("." + prefix) != std::string::npos;
    });
}

} // namespace

torch::ScalarType toTorch(DType dtype) {
    switch (dtype) {
    case DType::F32:
        return torch::kFloat32;
    case DType::F16:
        return torch::kFloat16;
    case DType::BF16:
        return torch::kBFloat16;
    case DType::F64:
        return torch::kFloat64;
    case DType::I64:
        return torch::kInt64;
    case DType::I32:
        return torch::kInt32;
    case DType::I16:
        return torch::kInt16;
    case DType::I8:
        return torch::kInt8;
    case DType::U8:
        return torch::kUInt8;
    case DType::Bool:
        return torch::kBool;
    }
    throw ModelError("unknown dtype");
}

DType fromTorch(torch::ScalarType type) {
    switch (type) {
    case torch::kFloat32:
        return DType::F32;
    case torch::kFloat16:
        return DType::F16;
    case torch::kBFloat16:
        return DType::BF16;
    case torch::kFloat64:
        return DType::F64;
    case torch::kInt64:
        return DType::I64;
    case torch::kInt32:
        return DType::I32;
    case torch::kInt16:
        return DType::I16;
    case torch::kInt8:
        return DType::I8;
    case torch::kUInt8:
        return DType::U8;
    case torch::kBool:
        return DType::Bool;
    default:
        throw ModelError(std::string("cannot store tensors of type ") + c10::toString(type));
    }
}

torch::Tensor readTensor(const SafetensorsCollection& collection, const std::string& name) {
    const SafetensorsCollection::Entry* entry = collection.find(name);
    if (!entry) {
        throw ModelError(collection.source() + ": no tensor '" + name + "'");
    }
    const TensorInfo& info = *entry->info;
    const auto options = torch::TensorOptions().dtype(toTorch(info.dtype));
    torch::Tensor tensor = torch::empty(info.shape, options);
    // Copy byte for byte: the mapped data need not be aligned for its element type.
    std::memcpy(tensor.data_ptr(), entry->file->data(info), info.byteSize());
    return tensor;
}

void addTensors(SafetensorsWriter& writer, const std::vector<std::pair<std::string, torch::Tensor>>& tensors) {
    for (const auto& [name, value] : tensors) {
        const torch::Tensor cpu = value.detach().to(torch::kCPU).contiguous();
        std::vector<int64_t> shape(cpu.sizes().begin(), cpu.sizes().end());
        writer.add(name, fromTorch(cpu.scalar_type()), std::move(shape), cpu.data_ptr(),
                   static_cast<size_t>(cpu.numel()) * cpu.element_size());
    }
}

std::string LoadReport::summary() const {
    std::ostringstream out;
    auto list = [&](const char* what, const std::vector<std::string>& names) {
        if (names.empty()) {
            return;
        }
        out << "; " << names.size() << " " << what << ": ";
        for (size_t i = 0; i < names.size() && i < 8; ++i) {
            out << (i ? ", " : "") << names[i];
        }
        if (names.size() > 8) {
            out << ", ...";
        }
    };
    out << loaded << " tensors loaded";
    list("missing", missing);
    list("unexpected", unexpected);
    list("with the wrong shape", mismatched);
    return out.str();
}

std::vector<std::pair<std::string, torch::Tensor>> namedState(const torch::nn::Module& module,
                                                              const std::string& prefix) {
    std::vector<std::pair<std::string, torch::Tensor>> state;
    for (const auto& item : module.named_parameters(true)) {
        state.emplace_back(prefix + item.key(), item.value());
    }
    for (const auto& item : module.named_buffers(true)) {
        state.emplace_back(prefix + item.key(), item.value());
    }
    return state;
}

LoadReport loadState(torch::nn::Module& module, const SafetensorsCollection& collection, const LoadOptions& options) {
    LoadReport report;
    torch::NoGradGuard noGrad;
    std::map<std::string, torch::Tensor> targets;
    for (auto& [name, tensor] : namedState(module)) {
        if (!startsWith(name, options.modulePrefix)) {
            continue;
        }
        targets.emplace(name.substr(options.modulePrefix.size()), tensor);
    }
    std::map<std::string, bool> used;
    for (const std::string& fileName : collection.names()) {
        if (!startsWith(fileName, options.filePrefix) || anyPrefix(fileName, options.ignoreFile)) {
            continue;
        }
        const std::string name = fileName.substr(options.filePrefix.size());
        const auto target = targets.find(name);
        if (target == targets.end()) {
            report.unexpected.push_back(fileName);
            continue;
        }
        const TensorInfo& info = *collection.find(fileName)->info;
        torch::Tensor& destination = target->second;
        if (c10::IntArrayRef(info.shape) != destination.sizes()) {
            report.mismatched.push_back(fileName + ": file " + shapeText(info.shape) + " vs model " +
                                        shapeText(destination.sizes()));
            used[name] = true;
            continue;
        }
        const torch::Tensor source = readTensor(collection, fileName);
        if (source.scalar_type() != destination.scalar_type()) {
            report.converted.push_back(fileName + ": " + dtypeName(info.dtype) + " -> " +
                                       c10::toString(destination.scalar_type()));
        }
        destination.copy_(source.to(destination.device()));
        used[name] = true;
        ++report.loaded;
    }
    for (const auto& [name, tensor] : targets) {
        if (!used.count(name) && !anyPrefix(name, options.ignoreModule)) {
            report.missing.push_back(options.filePrefix + name);
        }
    }
    if (options.strict && !report.clean()) {
        throw ModelError(collection.source() + ": does not fit the model: " + report.summary());
    }
    return report;
}

} // namespace svj::model::detail
