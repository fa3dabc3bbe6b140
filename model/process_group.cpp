// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/process_group.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include "model/judge_impl.hpp"
#include "model/process_group.hpp"
#ifdef SVJ_HAVE_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#ifdef SVJ_HAVE_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <cstdlib>
#include <limits>
#include <map>
#include <unistd.h>

namespace svj::model {
namespace {

constexpr auto kBeatInterval = std::chrono::seconds(1);

int environmentNumber(const char* name, int fallback, int low, int high) {
    const char* text = std::getenv(name);
    if (!text || !*text) {
        return fallback;
    }
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (*end != '\0' || value < low || value > high) {
        throw ModelError(std::string("the environment variable ") + name + " is '" + text +
                         "'; expected a number from " + std::to_string(low) + " to " + std::to_string(high));
    }
    return static_cast<int>(value);
}

std::string hostName() {
    char name[256] = {};
    return gethostname(name, sizeof name - 1) == 0 ? std::string(name) : std::string("?");
}

std::chrono::milliseconds timeoutOf(const ProcessGroupOptions& options) {
    return std::chrono::milliseconds(static_cast<int64_t>(options.timeoutSeconds * 1000.0));
}

// The rank's own connection counts itself in and waits for the world (`join`); the heartbeat's and the failure
// probe's are extra clients that must not count.
c10::intrusive_ptr<c10d::TCPStore> connect(const ProcessGroupOptions& options, bool join,
                                           std::chrono::milliseconds timeout) {
    c10d::TCPStoreOptions storeOptions;
    storeOptions.port = static_cast<uint16_t>(options.masterPort);
    storeOptions.isServer = join && options.rank == 0;
    storeOptions.numWorkers = join ? c10::optional<size_t>(static_cast<size_t>(options.worldSize)) : c10::nullopt;
    storeOptions.waitWorkers = join;
    storeOptions.timeout = timeout;
    return c10::make_intrusive<c10d::TCPStore>(options.masterAddress, storeOptions);
}

std::string beatKey(int rank) {
    return "svj/beat/" + std::to_string(rank);
}

std::string whoKey(int rank) {
    return "svj/who/" + std::to_string(rank);
}

std::string text(const std::vector<uint8_t>& bytes) {
    return std::string(bytes.begin(), bytes.end());
}

} // namespace

ProcessGroupOptions processGroupFromEnvironment(ProcessGroupOptions defaults) {
    defaults.worldSize = environmentNumber("WORLD_SIZE", defaults.worldSize, 1, 65536);
    defaults.rank = environmentNumber("RANK", defaults.rank, 0, defaults.worldSize - 1);
    defaults.masterPort = environmentNumber("MASTER_PORT", defaults.masterPort, 1, 65535);
    if (const char* address = std::getenv("MASTER_ADDR"); address && *address) {
        defaults.masterAddress = address;
    }
    return defaults;
}

bool backendAvailable(const std::string& backend) {
#ifdef SVJ_HAVE_GLOO
    if (backend == "gloo") {
        return true;
    }
#endif
#ifdef SVJ_HAVE_NCCL
    if (backend == "nccl") {
        return true;
    }
#endif
    (void)backend;
    return false;
}

void ProcessGroup::Impl::wait(const c10::intrusive_ptr<c10d::Work>& work, const char* what) {
    const auto start = std::chrono::steady_clock::now();
    try {
        work->wait();
    } catch (const std::exception& error) {
        fail(what, error.what());
    }
    communicationSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string ProcessGroup::Impl::goneRanks() {
    // A client of its own: the main one may be stuck in the failed exchange.
    c10::intrusive_ptr<c10d::TCPStore> probe;
    try {
        probe = connect(options, false, std::chrono::seconds(5));
    } catch (const std::exception&) {
        return "rank 0 (the host of the rendezvous at " + options.masterAddress + ":" +
               std::to_string(options.masterPort) + ")";
    }
    try {
        std::vector<int64_t> before;
        for (int r = 0; r < options.worldSize; ++r) {
            before.push_back(probe->add(beatKey(r), 0));
        }
        std::this_thread::sleep_for(3 * kBeatInterval);
        std::string gone;
        for (int r = 0; r < options.worldSize; ++r) {
            if (r == options.rank || probe->add(beatKey(r), 0) != before[static_cast<size_t>(r)]) {
                continue;
            }
            std::string who = "?";
            if (probe->check({whoKey(r)})) {
                who = text(probe->get(whoKey(r)));
            }
            gone += (gone.empty() ? "" : ", ") + std::string("rank ") + std::to_string(r) + " (" + who + ")";
        }
        return gone;
    } catch (const std::exception&) {
        return "rank 0 (the host of the rendezvous at " + options.masterAddress + ":" +
               std::to_string(options.masterPort) + ")";
    }
}

void ProcessGroup::Impl::fail(const char* what, const std::string& cause) {
    const std::string gone = goneRanks();
    std::string message = "rank " + std::to_string(options.rank) + " of " + std::to_string(options.worldSize) + ": ";
    if (!gone.empty()) {
        message += gone + " stopped answering during " + what + "; the run cannot go on without it (" + cause + ")";
    } else {
        message += std::string(what) + " failed: " + cause;
    }
    throw DistributedError(message);
}

ProcessGroup::ProcessGroup(const ProcessGroupOptions& options)
    : m_impl(std::make_unique<Impl>()) {
    Impl& d = *m_impl;
    d.options = options;
    if (options.worldSize < 1 || options.rank < 0 || options.rank >= options.worldSize) {
        throw ModelError("rank " + std::to_string(options.rank) + " is not in a world of " +
                         std::to_string(options.worldSize));
    }
    if (!(options.timeoutSeconds > 0)) {
        throw ModelError("the distributed timeout must be positive");
    }
    const torch::Device judgeDevice = detail::parseDevice(options.device.empty() ? "cpu" : options.device);
    d.backend = options.backend;
    if (d.backend.empty()) {
        d.backend = judgeDevice.is_cuda() && backendAvailable("nccl") ? "nccl" : "gloo";
    }
    if (!backendAvailable(d.backend)) {
        throw ModelError("this build has no '" + d.backend + "' backend for several processes" +
                         (d.backend == "nccl" ? " (NCCL needs a LibTorch with CUDA)" : ""));
    }
    if (d.backend == "nccl" && !judgeDevice.is_cuda()) {
        throw ModelError("the NCCL backend needs the judge on a CUDA device (--device cuda)");
    }
    d.device = d.backend == "nccl" ? judgeDevice : torch::Device(torch::kCPU);

    const std::string where = options.masterAddress + ":" + std::to_string(options.masterPort);
    try {
        d.store = connect(options, true, timeoutOf(options));
    } catch (const std::exception& error) {
        throw DistributedError("rank " + std::to_string(options.rank) + ": the rendezvous at " + where + " failed" +
                               (options.rank == 0 ? " (is the port in use? set MASTER_PORT to a free one)" : "") +
                               ": " + error.what());
    }
    d.store->set(whoKey(options.rank), [] {
        const std::string who = "pid " + std::to_string(getpid()) + " on " + hostName();
        return std::vector<uint8_t>(who.begin(), who.end());
    }());
    d.store->add(beatKey(options.rank), 1);
    d.heartbeat = std::thread([&d] {
        c10::intrusive_ptr<c10d::TCPStore> beats;
        try {
            beats = connect(d.options, false, std::chrono::seconds(10));
        } catch (const std::exception&) {
            return; // no beats: a failure will blame this rank, which is what it looks like from outside
        }
        std::unique_lock<std::mutex> lock(d.heartbeatMutex);
        while (!d.quitting) {
            lock.unlock();
            try {
                beats->add(beatKey(d.options.rank), 1);
            } catch (const std::exception&) {
                return; // the rendezvous host is gone; the next collective says so
            }
            lock.lock();
            d.heartbeatWake.wait_for(lock, kBeatInterval, [&d] { return d.quitting; });
        }
    });

    const auto prefixed = c10::make_intrusive<c10d::PrefixStore>("svj/group", d.store);
    try {
        if (d.backend == "gloo") {
#ifdef SVJ_HAVE_GLOO
            auto glooOptions = c10d::ProcessGroupGloo::Options::create(timeoutOf(options));
            glooOptions->devices.push_back(options.masterAddress == "127.0.0.1" || options.masterAddress == "localhost"
                                               ? c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1")
                                               : c10d::ProcessGroupGloo::createDefaultDevice());
            glooOptions->threads = std::max(1, options.threads);
            d.group =
                c10::make_intrusive<c10d::ProcessGroupGloo>(prefixed, options.rank, options.worldSize, glooOptions);
#endif
        } else {
#ifdef SVJ_HAVE_NCCL
            auto ncclOptions = c10d::ProcessGroupNCCL::Options::create();
            ncclOptions->timeout = timeoutOf(options);
            d.group =
                c10::make_intrusive<c10d::ProcessGroupNCCL>(prefixed, options.rank, options.worldSize, ncclOptions);
#endif
        }
    } catch (const std::exception& error) {
        {
            std::lock_guard<std::mutex> lock(d.heartbeatMutex);
            d.quitting = true;
        }
        d.heartbeatWake.notify_all();
        d.heartbeat.join();
        throw DistributedError("rank " + std::to_string(options.rank) + ": joining the " + d.backend + " group at " +
                               where + " failed: " + error.what());
    }
}

ProcessGroup::~ProcessGroup() {
    {
        std::lock_guard<std::mutex> lock(m_impl->heartbeatMutex);
        m_impl->quitting = true;
    }
    m_impl->heartbeatWake.notify_all();
    if (m_impl->heartbeat.joinable()) {
        m_impl->heartbeat.join();
    }
}

int ProcessGroup::rank() const {
    return m_impl->options.rank;
}

int ProcessGroup::worldSize() const {
    return m_impl->options.worldSize;
}

std::string ProcessGroup::backend() const {
    return m_impl->backend;
}

std::vector<double> ProcessGroup::sum(const std::vector<double>& values, const char* what) {
    if (values.empty()) {
        return {};
    }
    std::vector<at::Tensor> tensors{
        torch::tensor(values, torch::TensorOptions().dtype(torch::kFloat64)).to(m_impl->device)};
    m_impl->wait(m_impl->group->allreduce(tensors), what);
    const torch::Tensor result = tensors[0].to(torch::kCPU).contiguous();
    return std::vector<double>(result.data_ptr<double>(), result.data_ptr<double>() + result.numel());
}

bool ProcessGroup::sameEverywhere(const std::vector<double>& values, const char* what) {
    const torch::Tensor own = torch::tensor(values, torch::TensorOptions().dtype(torch::kFloat64));
    std::vector<at::Tensor> tensors{torch::cat({own, -own}).to(m_impl->device)};
    c10d::AllreduceOptions options;
    options.reduceOp = c10d::ReduceOp::MAX;
    m_impl->wait(m_impl->group->allreduce(tensors, options), what);
    const torch::Tensor result = tensors[0].to(torch::kCPU);
    const int64_t n = own.numel();
    // max(v) == -max(-v) == min(v) for every element: the same bits on every rank.
    return torch::equal(result.slice(0, 0, n), -result.slice(0, n));
}

void ProcessGroup::broadcastWeights(Judge& judge) {
    torch::NoGradGuard noGrad;
    detail::JudgeNetworkImpl& network = *judge.impl().network;
    std::map<torch::ScalarType, std::vector<torch::Tensor>> byType;
    for (const torch::Tensor& tensor : network.parameters()) {
        byType[tensor.scalar_type()].push_back(tensor);
    }
    for (const torch::Tensor& tensor : network.buffers()) {
        byType[tensor.scalar_type()].push_back(tensor);
    }
    for (auto& [type, tensors] : byType) {
        std::vector<torch::Tensor> flat;
        for (const torch::Tensor& tensor : tensors) {
            flat.push_back(tensor.detach().reshape({-1}));
        }
        std::vector<at::Tensor> buffer{torch::cat(flat).to(m_impl->device)};
        c10d::BroadcastOptions options;
        options.rootRank = 0;
        m_impl->wait(m_impl->group->broadcast(buffer, options), "the broadcast of rank 0's weights");
        const torch::Tensor received = buffer[0].to(tensors.front().device());
        int64_t offset = 0;
        for (torch::Tensor& tensor : tensors) {
            tensor.detach().copy_(received.slice(0, offset, offset + tensor.numel()).view_as(tensor));
            offset += tensor.numel();
        }
    }
}

void ProcessGroup::barrier(const char* what) {
    // A one-element sum rather than c10d's barrier: the same failure path and timing as every other exchange.
    sum({0.0}, what);
}

void ProcessGroup::followLead(const char* what) {
    Impl& d = *m_impl;
    const std::string key = "svj/lead/" + std::to_string(d.leadPhases++);
    try {
        if (d.options.rank == 0) {
            d.store->set(key, std::vector<uint8_t>{1});
        } else {
            d.store->wait({key}, std::chrono::hours(24 * 365));
        }
    } catch (const std::exception& error) {
        d.fail(what, error.what());
    }
}

double ProcessGroup::takeCommunicationSeconds() {
    const double seconds = m_impl->communicationSeconds;
    m_impl->communicationSeconds = 0.0;
    return seconds;
}

} // namespace svj::model
