// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
#include <torch/version.h>
// clang-format on

#include "model/runtime.h"

#include <cstdlib>
#include <mutex>
#include <thread>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

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

namespace {

// glibc hands freed memory above 128 KiB back to the kernel and takes it again on the next allocation: a
// forward pass frees and re-allocates its activations, so scoring spent ~40 % of its time in page faults
// (kernel time, measured with `svj score` on a 10 s 720p video). Keeping it in the process costs only the
// peak's resident memory. Skipped when the user tunes malloc through its environment variables.
void keepFreedMemory() {
#if defined(__GLIBC__)
    for (const char* name :
         {"MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_ARENA_MAX"}) {
        if (std::getenv(name) != nullptr) {
            return;
        }
    }
    mallopt(M_MMAP_THRESHOLD, 32 << 20); // glibc's largest: blocks below it come from the heap and are reused
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_TOP_PAD, 256 << 20);
    mallopt(M_ARENA_MAX, 2);
#endif
}

} // namespace

int configureThreads(int threads) {
    static std::once_flag tuned;
    std::call_once(tuned, keepFreedMemory);
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
