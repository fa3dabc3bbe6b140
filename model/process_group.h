// Several processes training one judge: PyTorch's distributed engine (c10d) under a torch-free face. A
// rendezvous at MASTER_ADDR:MASTER_PORT (a TCPStore hosted by rank 0), Gloo collectives on CPU, NCCL with
// CUDA where the LibTorch has it; a peer that dies is named in the error, not waited on forever.
#pragma once

#include "model/model_error.h"

#include <memory>
#include <string>
#include <vector>

namespace svj::model {

class Judge;

struct ProcessGroupOptions {
    int rank = 0;
    int worldSize = 1;
    std::string masterAddress = "127.0.0.1";
    int masterPort = 29500;
    std::string backend;          // "gloo", "nccl", or empty: NCCL for a CUDA judge where built in, else Gloo
    std::string device;           // the judge's device ("cpu", "cuda", "cuda:1"): picks the backend when none is named
    double timeoutSeconds = 1800; // a collective (or the rendezvous) waiting longer than this fails
    int threads = 2;              // Gloo's worker threads
};

// The torchrun variables RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT over `defaults`. Throws ModelError for a
// variable that is set but not a number in range.
ProcessGroupOptions processGroupFromEnvironment(ProcessGroupOptions defaults = {});
// Whether this LibTorch has the backend compiled in ("gloo", "nccl").
bool backendAvailable(const std::string& backend);

// A collective failed: a peer died, hung past the timeout, or disagrees. The message names the rank when it
// can be told (its pid and host, from the rendezvous).
class DistributedError : public ModelError {
public:
    using ModelError::ModelError;
};

class ProcessGroup {
public:
    // Joins the group (every rank must call this; rank 0 hosts the rendezvous). Throws DistributedError when
    // the rendezvous fails (a port in use, a rank that never comes) and ModelError for bad options.
    explicit ProcessGroup(const ProcessGroupOptions& options);
    ~ProcessGroup();
    ProcessGroup(const ProcessGroup&) = delete;
    ProcessGroup& operator=(const ProcessGroup&) = delete;

    int rank() const;
    int worldSize() const;
    std::string backend() const;

    // Element-wise sums over all ranks (float64 on the wire: counts and figures stay exact).
    std::vector<double> sum(const std::vector<double>& values, const char* what);
    // Whether `values` are the same on every rank (an all-reduced max against min).
    bool sameEverywhere(const std::vector<double>& values, const char* what);
    // Rank 0's weights into every rank's judge (all of them, trained or not).
    void broadcastWeights(Judge& judge);
    void barrier(const char* what);
    // After work rank 0 does alone (a held-out check): every rank calls it at the same point; rank 0 says it is
    // done, the others wait for that with no timeout (the check may take longer than any collective's), failing
    // only when rank 0 is gone.
    void followLead(const char* what);

    // Seconds spent inside collectives since the last call (the share of a step that is communication).
    double takeCommunicationSeconds();

    struct Impl;
    Impl& impl() { return *m_impl; }

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace svj::model
