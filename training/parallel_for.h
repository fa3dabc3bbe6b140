// Internal to training/: work spread over a few threads, where an exception in any of them (an encoder that
// fails, a cancel) is carried to the caller after every thread has been joined, instead of terminating.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace svj::training::detail {

// Calls work(i) for i in [0, count), item i on thread i % threads. Rethrows the first thread's exception.
template <typename Work>
void parallelFor(size_t count, int threads, const Work& work) {
    threads = std::clamp(threads, 1, static_cast<int>(std::max<size_t>(1, count)));
    std::vector<std::exception_ptr> errors(static_cast<size_t>(threads));
    const auto share = [&](int t) {
        try {
            for (size_t i = static_cast<size_t>(t); i < count; i += static_cast<size_t>(threads)) {
                work(i);
            }
        } catch (...) {
            errors[static_cast<size_t>(t)] = std::current_exception();
        }
    };
    std::vector<std::thread> workers;
    const auto joinAll = [&] {
        for (std::thread& worker : workers) {
            worker.join();
        }
    };
    try {
        for (int t = 1; t < threads; ++t) {
            workers.emplace_back(share, t);
        }
    } catch (...) { // no thread to be had: never leave a joinable one behind
        joinAll();
        throw;
    }
    share(0); // the calling thread takes a share too
    joinAll();
    for (const std::exception_ptr& error : errors) {
        if (error) {
            std::rethrow_exception(error);
        }
    }
}

} // namespace svj::training::detail
