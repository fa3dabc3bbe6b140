// Private to model/ (include after <torch/torch.h>): CogVideoX's timestep and position embeddings,
// computed exactly as diffusers computes them.
#pragma once

namespace svj::model::detail {

// Sinusoidal timestep embedding [N, dim] (diffusers get_timestep_embedding, max period 10000).
torch::Tensor timestepEmbedding(const torch::Tensor& timesteps, int dim, bool flipSinToCos, double freqShift);

// 1D sin-cos embedding [M, dim] of positions, sin first (computed in float64 like diffusers).
torch::Tensor sincos1d(int dim, const torch::Tensor& positions);

// CogVideoX-2B's 3D sin-cos positions for a T x H x W token grid: [T*H*W, dim], t-major, then h, then w;
// temporal quarter first, then the spatial three quarters (w half, then h half).
torch::Tensor sincosPositions3d(int dim, int gridWidth, int gridHeight, int frames, double spatialScale,
                                double temporalScale);

// CogVideoX-5B's 3D rotary embedding for a T x H x W grid of one head of `headDim`: (cos, sin), each
// [T*H*W, headDim], per axis dims t = headDim/4, h = w = 3/8 headDim, each frequency repeated twice.
std::pair<torch::Tensor, torch::Tensor> rotaryPositions3d(int headDim, int gridWidth, int gridHeight, int frames);

// Applies rotary embeddings to x [B, heads, N, headDim] (pairs of adjacent channels), in float32.
torch::Tensor applyRotary(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin);

} // namespace svj::model::detail
