// LibTorch first: model/'s private headers (*.hpp) use its types without including it.
// clang-format off
#include <torch/torch.h>
// clang-format on

#include "model/gradient_reducer.hpp"

#include "model/model_error.h"

namespace svj::model::detail {

GradientReducer::GradientReducer(ProcessGroup::Impl& group, std::vector<torch::Tensor> parameters, int64_t bucketBytes)
    : m_group(group)
    , m_parameters(std::move(parameters)) {
    m_bucketOf.assign(m_parameters.size(), 0);
    m_offsetOf.assign(m_parameters.size(), 0);
    m_received.assign(m_parameters.size(), false);
    m_hadGradient.assign(m_parameters.size(), false);
    int64_t bytes = 0;
    for (size_t k = m_parameters.size(); k-- > 0;) {
        const torch::Tensor& parameter = m_parameters[k];
        const bool sameKind = !m_buckets.empty() &&
                              m_parameters[m_buckets.back().members.front()].scalar_type() == parameter.scalar_type() &&
                              m_parameters[m_buckets.back().members.front()].device() == parameter.device();
        if (m_buckets.empty() || !sameKind || bytes >= bucketBytes) {
            m_buckets.emplace_back();
            bytes = 0;
        }
        Bucket& bucket = m_buckets.back();
        const int64_t offset =
            bucket.offsets.empty() ? 0 : bucket.offsets.back() + m_parameters[bucket.members.back()].numel();
        bucket.members.push_back(k);
        bucket.offsets.push_back(offset);
        m_bucketOf[k] = m_buckets.size() - 1;
        m_offsetOf[k] = offset;
        bytes += parameter.numel() * static_cast<int64_t>(parameter.element_size());
    }
    for (Bucket& bucket : m_buckets) {
        const torch::Tensor& last = m_parameters[bucket.members.back()];
        bucket.flat = torch::zeros({bucket.offsets.back() + last.numel()}, last.options().requires_grad(false));
    }
    for (size_t k = 0; k < m_parameters.size(); ++k) {
        m_hooks.push_back(
            m_parameters[k].register_hook([this, k](const torch::Tensor& gradient) { arrived(k, gradient); }));
    }
}

GradientReducer::~GradientReducer() {
    for (size_t k = 0; k < m_parameters.size(); ++k) {
        m_parameters[k].remove_hook(m_hooks[k]);
    }
}

void GradientReducer::begin() {
    for (Bucket& bucket : m_buckets) {
        bucket.pending = bucket.members.size();
        bucket.launched = false;
        bucket.work.reset();
    }
    std::fill(m_received.begin(), m_received.end(), false);
    std::fill(m_hadGradient.begin(), m_hadGradient.end(), false);
    m_nextLaunch = 0;
    m_active = true;
}

void GradientReducer::arrived(size_t parameter, const torch::Tensor& gradient) {
    if (!m_active) {
        return; // a backward pass that is not a training step's (none today): not ours to reduce
    }
    Bucket& bucket = m_buckets[m_bucketOf[parameter]];
    if (bucket.launched) {
        throw ModelError("a gradient arrived after its bucket was sent (a parameter used by two backward passes?)");
    }
    torch::NoGradGuard noGrad;
    torch::Tensor slot = bucket.flat.slice(0, m_offsetOf[parameter], m_offsetOf[parameter] + gradient.numel());
    if (m_received[parameter]) {
        slot.add_(gradient.reshape({-1}));
        return;
    }
    slot.copy_(gradient.reshape({-1}));
    m_received[parameter] = true;
    m_hadGradient[parameter] = true;
    if (--bucket.pending == 0) {
        launchReady();
    }
}

void GradientReducer::launchReady() {
    while (m_nextLaunch < m_buckets.size() && m_buckets[m_nextLaunch].pending == 0) {
        launch(m_buckets[m_nextLaunch++]);
    }
}

void GradientReducer::launch(Bucket& bucket) {
    std::vector<at::Tensor> tensors{bucket.flat.device() == m_group.device ? bucket.flat
                                                                           : bucket.flat.to(m_group.device)};
    try {
        bucket.work = m_group.group->allreduce(tensors);
    } catch (const std::exception& error) {
        m_group.fail("the gradients' all-reduce", error.what());
    }
    if (!tensors[0].is_same(bucket.flat)) {
        bucket.flat = tensors[0]; // reduced in place on the collective's device; copied back in finish()
    }
    bucket.launched = true;
}

void GradientReducer::finish() {
    torch::NoGradGuard noGrad;
    // Parameters no gradient reached on this rank (a part of the network its share did not use) send zeros.
    for (size_t k = 0; k < m_parameters.size(); ++k) {
        Bucket& bucket = m_buckets[m_bucketOf[k]];
        if (!m_received[k] && !bucket.launched) {
            bucket.flat.slice(0, m_offsetOf[k], m_offsetOf[k] + m_parameters[k].numel()).zero_();
            m_received[k] = true;
            --bucket.pending;
        }
    }
    launchReady();
    m_active = false;
    // Which parameters had a gradient on any rank: the others keep none, as in one process (where the optimizer
    // then leaves them alone: no weight decay, no moment update).
    std::vector<double> had(m_parameters.size(), 0.0);
    for (size_t k = 0; k < m_parameters.size(); ++k) {
        had[k] = m_hadGradient[k] ? 1.0 : 0.0;
    }
    std::vector<at::Tensor> flags{torch::tensor(had, torch::TensorOptions().dtype(torch::kFloat64)).to(m_group.device)};
    c10::intrusive_ptr<c10d::Work> work;
    try {
        work = m_group.group->allreduce(flags);
    } catch (const std::exception& error) {
        m_group.fail("the gradients' all-reduce", error.what());
    }
    m_group.wait(work, "the gradients' all-reduce");
    const torch::Tensor anyRank = flags[0].to(torch::kCPU);
    for (Bucket& bucket : m_buckets) {
        m_group.wait(bucket.work, "the gradients' all-reduce");
        for (size_t i = 0; i < bucket.members.size(); ++i) {
            torch::Tensor& parameter = m_parameters[bucket.members[i]];
            if (anyRank[static_cast<int64_t>(bucket.members[i])].item<double>() == 0.0) {
                parameter.mutable_grad() = torch::Tensor();
                continue;
            }
            const torch::Tensor reduced = bucket.flat.slice(0, bucket.offsets[i], bucket.offsets[i] + parameter.numel())
                                              .view(parameter.sizes())
                                              .to(parameter.device());
            if (parameter.grad().defined()) {
                parameter.mutable_grad().copy_(reduced);
            } else {
                parameter.mutable_grad() = reduced.clone();
            }
        }
    }
}

void checkAgreement(ProcessGroup& group, const AdamW& optimizer) {
    torch::NoGradGuard noGrad;
    std::vector<double> figures;
    const auto add = [&](const std::vector<torch::Tensor>& tensors) {
        double sum = 0;
        double squares = 0;
        for (const torch::Tensor& tensor : tensors) {
            const torch::Tensor wide = tensor.detach().to(torch::kCPU, torch::kFloat64);
            sum += wide.sum().item<double>();
            squares += wide.pow(2).sum().item<double>();
        }
        figures.push_back(sum);
        figures.push_back(squares);
    };
    add(optimizer.parameters());
    add(optimizer.firstMoments());
    add(optimizer.secondMoments());
    if (!group.sameEverywhere(figures, "the weights' agreement check")) {
        throw DistributedError("rank " + std::to_string(group.rank()) + ": after step " +
                               std::to_string(optimizer.steps()) +
                               " the ranks' weights are no longer the same (a rank computed with other settings, "
                               "another LibTorch, or non-deterministic kernels); stopping");
    }
}

} // namespace svj::model::detail
