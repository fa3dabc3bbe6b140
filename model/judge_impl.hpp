// Private to model/ (include after <torch/torch.h>): what a Judge holds, shared by judge.cpp and the trainer.
#pragma once

#include "model/judge.h"

#include "model/judge_network.hpp"

namespace svj::model {

struct Judge::Impl {
    detail::JudgeNetwork network{nullptr};
    torch::Device device{torch::kCPU};
    torch::ScalarType dtype = torch::kFloat32;
    CheckpointInfo info;
    bool loraMerged = false; // merged judges score but are not saved (their config still names the adapter)

    // Packed RGB24 clips -> [B, 3, F, H, W] in [-1, 1] on the judge's device and dtype.
    torch::Tensor pixelsFrom(const std::vector<ClipView>& clips) const;
};

namespace detail {
// Parses "cpu", "cuda", "cuda:N"; throws ModelError when this LibTorch cannot run there.
torch::Device parseDevice(const std::string& name);
torch::ScalarType parseDtype(const std::string& name);
} // namespace detail

} // namespace svj::model
