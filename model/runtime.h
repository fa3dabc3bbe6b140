// The LibTorch runtime as the rest of the program sees it: version, threads, devices. Torch-free header.
#pragma once

#include <string>

namespace svj::model {

// "LibTorch 1.13.1 (CPU)" or "LibTorch 2.11.0 (CUDA 13.0)".
std::string runtimeVersion();

// Sets LibTorch's intra-op thread count. 0 means one per hardware thread. Debian's LibTorch starts with a
// single thread, so every entry point that runs the judge calls this once. Returns the count in effect.
int configureThreads(int threads = 0);

int threadCount();

bool cudaAvailable();

} // namespace svj::model
