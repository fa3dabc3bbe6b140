// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
#include <torch/version.h>
// clang-format on

#include "model/runtime.h"

#include <thread>

namespace svj::model {

std::string runtimeVersion() {
    std::string text = std::string("LibTorch ") + TORCH_VERSION;
    if (torch::cuda::is_available()) {
        text += " (CUDA, " + std::to_string(torch::cuda::device_count()) + " device(s))";
    } else {
        text += " (CPU)";
    }
    return text;
}

int configureThreads(int threads) {
    if (threads <= 0) {
        threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    }
    torch::set_num_threads(threads);
    return torch::get_num_threads();
}

int threadCount() {
    return torch::get_num_threads();
}

bool cudaAvailable() {
    return torch::cuda::is_available();
}

} // namespace svj::model
