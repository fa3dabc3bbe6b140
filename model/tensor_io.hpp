// Private to model/ (include after <torch/torch.h>): safetensors <-> LibTorch tensors and module state.
#pragma once

#include "model/safetensors.h"

#include <map>
#include <string>
#include <vector>

namespace svj::model::detail {

torch::ScalarType toTorch(DType dtype);
DType fromTorch(torch::ScalarType type);

// A copy of one stored tensor (the mapping may go away afterwards).
torch::Tensor readTensor(const SafetensorsCollection& collection, const std::string& name);

// Adds every tensor (moved to the CPU, made contiguous) to a writer under its name.
void addTensors(SafetensorsWriter& writer, const std::vector<std::pair<std::string, torch::Tensor>>& tensors);

struct LoadReport {
    std::vector<std::string> missing;    // module tensors the file lacks
    std::vector<std::string> unexpected; // file tensors the module has no place for
    std::vector<std::string> mismatched; // "name: file [..] vs model [..]"
    std::vector<std::string> converted;  // "name: F16 -> float"
    size_t loaded = 0;

    bool clean() const { return missing.empty() && unexpected.empty() && mismatched.empty(); }
    std::string summary() const;
};

struct LoadOptions {
    std::string filePrefix;                // file names start with this (stripped): "encoder.", "transformer."
    std::string modulePrefix;              // module names start with this (stripped)
    std::vector<std::string> ignoreFile;   // file tensor prefixes to skip ("decoder.")
    std::vector<std::string> ignoreModule; // module tensor prefixes the file need not have ("lora_")
    bool strict = true;                    // throw on any missing, unexpected or mis-shaped tensor
};

// Copies matching tensors from `collection` into the module's parameters and persistent buffers.
LoadReport loadState(torch::nn::Module& module, const SafetensorsCollection& collection, const LoadOptions& options);

// Every parameter and buffer of the module by name (for saving).
std::vector<std::pair<std::string, torch::Tensor>> namedState(const torch::nn::Module& module,
                                                              const std::string& prefix = {});

} // namespace svj::model::detail
