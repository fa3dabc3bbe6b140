// Private to model/ (include after <torch/torch.h>): GT-SVJ's five latent perturbations, the hard
// negatives of stage 1, and variable-length crops. Each acts on one clip's latents z [T, C, h, w],
// deterministically given its random generator, and reports what it did.
#pragma once

#include "model/negative_kinds.h"

#include <random>
#include <string>
#include <vector>

namespace svj::model::detail {

// A latent perturbation is a negative kind other than Generated (negative_kinds.h holds the list).
using PerturbationKind = NegativeKind;

const char* perturbationName(PerturbationKind kind);

struct Perturbation {
    PerturbationKind kind = PerturbationKind::FrameShuffle;
    std::vector<int64_t> frames; // the latent frames changed (shuffle: the permuted subset, in its new order)
    int64_t first = 0;           // segment / window starts and length where they apply
    int64_t second = 0;
    int64_t length = 0;
    int64_t top = 0; // patch swap region (latent pixels)
    int64_t left = 0;
    int64_t height = 0;
    int64_t width = 0;
    double sigma = 0.0; // noisy segment: noise standard deviation
};

using Random = std::mt19937_64;

// z~_t = z_{pi(t)} for t in a random subset I (|I| >= 2), pi a permutation of I that moves every element.
torch::Tensor frameShuffle(const torch::Tensor& z, Random& random, Perturbation& record);
// At several non-adjacent t >= 1: z~_t = z_{t-1} (the frame repeats: a drop).
torch::Tensor frameDrop(const torch::Tensor& z, Random& random, Perturbation& record);
// z~_t = z_t + N(0, sigma^2) on a segment [s, e]; sigma relative to the clip's own standard deviation.
torch::Tensor noisySegment(const torch::Tensor& z, Random& random, Perturbation& record, double relativeSigma = 0.5);
// Swaps a spatial region between two non-overlapping time windows of equal length.
torch::Tensor patchSwap(const torch::Tensor& z, Random& random, Perturbation& record);
// Swaps two non-overlapping time windows [t1, t1 + tau) and [t2, t2 + tau).
torch::Tensor temporalSliceSwap(const torch::Tensor& z, Random& random, Perturbation& record);

torch::Tensor applyPerturbation(PerturbationKind kind, const torch::Tensor& z, Random& random, Perturbation& record);

// A contiguous crop of 2 ... T latent frames, starting anywhere it fits.
std::pair<int64_t, int64_t> variableLengthCrop(int64_t latentFrames, Random& random, int64_t minimum = 2);

} // namespace svj::model::detail
