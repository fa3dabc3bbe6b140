// Private to model/ (include after <torch/torch.h>): data-parallel gradients. The parameters' gradients are
// packed into buckets (in reverse order, the order backward produces them) and each bucket's all-reduce
// starts as soon as its last gradient arrives, while backward goes on; buckets start in the same order on
// every rank (a collective sequence that differs between ranks would deadlock).
#pragma once

#include <vector>

#include "model/adamw.hpp"
#include "model/process_group.hpp"

namespace svj::model::detail {

class GradientReducer {
public:
    // The parameters' hooks stay until the reducer goes; it must not move (the hooks hold its address).
    GradientReducer(ProcessGroup::Impl& group, std::vector<torch::Tensor> parameters, int64_t bucketBytes);
    ~GradientReducer();
    GradientReducer(const GradientReducer&) = delete;
    GradientReducer& operator=(const GradientReducer&) = delete;

    // Around one backward pass: gradients that arrive in between are summed over the ranks; after `finish`
    // every parameter's .grad holds the sum (zero where no rank had one).
    void begin();
    void finish();

    size_t bucketCount() const { return m_buckets.size(); }

private:
    struct Bucket {
        std::vector<size_t> members; // indices into m_parameters
        std::vector<int64_t> offsets;
        torch::Tensor flat;
        size_t pending = 0;
        bool launched = false;
        c10::intrusive_ptr<c10d::Work> work;
    };

    void arrived(size_t parameter, const torch::Tensor& gradient);
    void launchReady();
    void launch(Bucket& bucket);

    ProcessGroup::Impl& m_group;
    std::vector<torch::Tensor> m_parameters;
    std::vector<unsigned> m_hooks;
    std::vector<size_t> m_bucketOf;
    std::vector<int64_t> m_offsetOf;
    std::vector<bool> m_received;    // a slot filled (by a gradient, or zeros in finish())
    std::vector<bool> m_hadGradient; // by a gradient
    std::vector<Bucket> m_buckets;
    size_t m_nextLaunch = 0;
    bool m_active = false;
};

// Throws DistributedError when the ranks' weights or optimizer moments are not the same bits (their sums and
// sums of squares in float64, compared across the group).
void checkAgreement(ProcessGroup& group, const AdamW& optimizer);

} // namespace svj::model::detail
