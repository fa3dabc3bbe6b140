// Private to model/ (include after <torch/torch.h>): the c10d objects behind a ProcessGroup, for the
// trainers' gradient reducer.
#pragma once

#include "model/process_group.h"

#include <torch/csrc/distributed/c10d/ProcessGroup.hpp>
#include <torch/csrc/distributed/c10d/Store.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace svj::model {

struct ProcessGroup::Impl {
    ProcessGroupOptions options;
    std::string backend;
    torch::Device device{torch::kCPU}; // where the collectives' tensors live (CUDA for NCCL)
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<c10d::ProcessGroup> group;
    double communicationSeconds = 0.0;
    int64_t leadPhases = 0; // followLead calls so far: the same count on every rank

    // A beat every second in the rendezvous store, so a rank whose peer failed can tell which one is gone.
    std::thread heartbeat;
    std::mutex heartbeatMutex;
    std::condition_variable heartbeatWake;
    bool quitting = false;

    // Waits for `work` (timed into communicationSeconds); a failure becomes a DistributedError naming the
    // rank that is gone where it can be told.
    void wait(const c10::intrusive_ptr<c10d::Work>& work, const char* what);
    [[noreturn]] void fail(const char* what, const std::string& cause);
    // "rank 1 (pid 123 on host)" for the ranks whose beat stopped; empty when every rank still beats.
    std::string goneRanks();
};

} // namespace svj::model
