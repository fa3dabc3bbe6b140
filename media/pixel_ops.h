// Internal to media/: picture operations the faults are made of, on one RGB frame in floating point
// (0..255 per sample). Edges are clamped: a blur near the border reads the border pixel again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace svj::media::detail {

struct FloatFrame {
    int width = 0;
    int height = 0;
    std::vector<float> rgb; // packed, 3 samples per pixel

    float* pixel(int x, int y) { return rgb.data() + (static_cast<size_t>(y) * width + x) * 3; }
    const float* pixel(int x, int y) const { return rgb.data() + (static_cast<size_t>(y) * width + x) * 3; }
};

FloatFrame toFloat(const uint8_t* rgb, int width, int height);
// Rounds and clamps to 0..255.
void toBytes(const FloatFrame& frame, uint8_t* rgb);

// Separable Gaussian blur of standard deviation `sigma` pixels (no-op below 0.05).
void gaussianBlur(FloatFrame& frame, double sigma);
// Averages `length` pixels along the direction `angle` (radians), centred: a linear motion smear.
FloatFrame lineBlur(const FloatFrame& frame, double length, double angle);
// The colour at a fractional position (bilinear, clamped).
void sampleBilinear(const FloatFrame& frame, float x, float y, float* out);

// Luma / chroma (BT.601, full range) of every pixel, and back.
void toYcc(FloatFrame& frame);
void fromYcc(FloatFrame& frame);
// Box blur of `radius` pixels along rows, on channels [first, last] only.
void horizontalBoxBlur(FloatFrame& frame, int radius, int firstChannel, int lastChannel);

// Turns the hue by `degrees` around the grey axis and scales the saturation by `saturation` (1: unchanged).
void adjustColour(FloatFrame& frame, double degrees, double saturation);

} // namespace svj::media::detail
