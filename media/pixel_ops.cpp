#include "media/pixel_ops.h"

#include <algorithm>
#include <cmath>

namespace svj::media::detail {
namespace {

constexpr double kPi = 3.14159265358979323846;

std::vector<float> gaussianKernel(double sigma) {
    const int radius = std::max(1, static_cast<int>(std::ceil(3.0 * sigma)));
    std::vector<float> kernel(static_cast<size_t>(2 * radius + 1));
    double sum = 0.0;
    for (int i = -radius; i <= radius; ++i) {
        const double value = std::exp(-0.5 * i * i / (sigma * sigma));
        kernel[static_cast<size_t>(i + radius)] = static_cast<float>(value);
        sum += value;
    }
    for (float& value : kernel) {
        value = static_cast<float>(value / sum);
    }
    return kernel;
}

} // namespace

FloatFrame toFloat(const uint8_t* rgb, int width, int height) {
    FloatFrame frame;
    frame.width = width;
    frame.height = height;
    frame.rgb.assign(rgb, rgb + static_cast<size_t>(width) * height * 3);
    return frame;
}

void toBytes(const FloatFrame& frame, uint8_t* rgb) {
    for (size_t i = 0; i < frame.rgb.size(); ++i) {
        rgb[i] = static_cast<uint8_t>(std::clamp(std::lround(frame.rgb[i]), 0L, 255L));
    }
}

void gaussianBlur(FloatFrame& frame, double sigma) {
    if (sigma < 0.05) {
        return;
    }
    const std::vector<float> kernel = gaussianKernel(sigma);
    const int radius = static_cast<int>(kernel.size() / 2);
    const int w = frame.width;
    const int h = frame.height;
    std::vector<float> line(static_cast<size_t>(std::max(w, h)) * 3);
    for (int y = 0; y < h; ++y) {
        float* row = frame.pixel(0, y);
        std::copy(row, row + static_cast<size_t>(w) * 3, line.begin());
        for (int x = 0; x < w; ++x) {
            float sum[3] = {0, 0, 0};
            for (int k = -radius; k <= radius; ++k) {
                const float* p = line.data() + static_cast<size_t>(std::clamp(x + k, 0, w - 1)) * 3;
                const float weight = kernel[static_cast<size_t>(k + radius)];
                sum[0] += weight * p[0];
                sum[1] += weight * p[1];
                sum[2] += weight * p[2];
            }
            std::copy(sum, sum + 3, row + static_cast<size_t>(x) * 3);
        }
    }
    for (int x = 0; x < w; ++x) {
        for (int y = 0; y < h; ++y) {
            std::copy(frame.pixel(x, y), frame.pixel(x, y) + 3, line.begin() + static_cast<std::ptrdiff_t>(y) * 3);
        }
        for (int y = 0; y < h; ++y) {
            float sum[3] = {0, 0, 0};
            for (int k = -radius; k <= radius; ++k) {
                const float* p = line.data() + static_cast<size_t>(std::clamp(y + k, 0, h - 1)) * 3;
                const float weight = kernel[static_cast<size_t>(k + radius)];
                sum[0] += weight * p[0];
                sum[1] += weight * p[1];
                sum[2] += weight * p[2];
            }
            std::copy(sum, sum + 3, frame.pixel(x, y));
        }
    }
}

void sampleBilinear(const FloatFrame& frame, float x, float y, float* out) {
    x = std::clamp(x, 0.0f, static_cast<float>(frame.width - 1));
    y = std::clamp(y, 0.0f, static_cast<float>(frame.height - 1));
    const int x0 = static_cast<int>(x);
    const int y0 = static_cast<int>(y);
    const int x1 = std::min(x0 + 1, frame.width - 1);
    const int y1 = std::min(y0 + 1, frame.height - 1);
    const float fx = x - static_cast<float>(x0);
    const float fy = y - static_cast<float>(y0);
    const float* a = frame.pixel(x0, y0);
    const float* b = frame.pixel(x1, y0);
    const float* c = frame.pixel(x0, y1);
    const float* d = frame.pixel(x1, y1);
    for (int k = 0; k < 3; ++k) {
        const float top = a[k] + fx * (b[k] - a[k]);
        const float bottom = c[k] + fx * (d[k] - c[k]);
        out[k] = top + fy * (bottom - top);
    }
}

FloatFrame lineBlur(const FloatFrame& frame, double length, double angle) {
    FloatFrame out = frame;
    const int taps = std::max(2, static_cast<int>(std::lround(length)));
    const float dx = static_cast<float>(std::cos(angle));
    const float dy = static_cast<float>(std::sin(angle));
    for (int y = 0; y < frame.height; ++y) {
        for (int x = 0; x < frame.width; ++x) {
            float sum[3] = {0, 0, 0};
            for (int k = 0; k < taps; ++k) {
                const float offset = static_cast<float>(k) - 0.5f * static_cast<float>(taps - 1);
                float sample[3];
                sampleBilinear(frame, static_cast<float>(x) + offset * dx, static_cast<float>(y) + offset * dy, sample);
                sum[0] += sample[0];
                sum[1] += sample[1];
                sum[2] += sample[2];
            }
            float* p = out.pixel(x, y);
            for (int c = 0; c < 3; ++c) {
                p[c] = sum[c] / static_cast<float>(taps);
            }
        }
    }
    return out;
}

void toYcc(FloatFrame& frame) {
    for (size_t i = 0; i < frame.rgb.size(); i += 3) {
        const float r = frame.rgb[i];
        const float g = frame.rgb[i + 1];
        const float b = frame.rgb[i + 2];
        frame.rgb[i] = 0.299f * r + 0.587f * g + 0.114f * b;
        frame.rgb[i + 1] = -0.168736f * r - 0.331264f * g + 0.5f * b;
        frame.rgb[i + 2] = 0.5f * r - 0.418688f * g - 0.081312f * b;
    }
}

void fromYcc(FloatFrame& frame) {
    for (size_t i = 0; i < frame.rgb.size(); i += 3) {
        const float y = frame.rgb[i];
        const float cb = frame.rgb[i + 1];
        const float cr = frame.rgb[i + 2];
        frame.rgb[i] = y + 1.402f * cr;
        frame.rgb[i + 1] = y - 0.344136f * cb - 0.714136f * cr;
        frame.rgb[i + 2] = y + 1.772f * cb;
    }
}

void horizontalBoxBlur(FloatFrame& frame, int radius, int firstChannel, int lastChannel) {
    if (radius < 1) {
        return;
    }
    const int w = frame.width;
    std::vector<float> line(static_cast<size_t>(w) * 3);
    for (int y = 0; y < frame.height; ++y) {
        float* row = frame.pixel(0, y);
        std::copy(row, row + static_cast<size_t>(w) * 3, line.begin());
        for (int c = firstChannel; c <= lastChannel; ++c) {
            for (int x = 0; x < w; ++x) {
                float sum = 0;
                for (int k = -radius; k <= radius; ++k) {
                    sum += line[static_cast<size_t>(std::clamp(x + k, 0, w - 1)) * 3 + static_cast<size_t>(c)];
                }
                row[static_cast<size_t>(x) * 3 + static_cast<size_t>(c)] = sum / static_cast<float>(2 * radius + 1);
            }
        }
    }
}

void adjustColour(FloatFrame& frame, double degrees, double saturation) {
    // Rotation about the (1, 1, 1) axis, then a blend towards grey: the standard hue-rotation matrix.
    const double angle = degrees * kPi / 180.0;
    const double c = std::cos(angle);
    const double s = std::sin(angle);
    const double third = 1.0 / 3.0;
    const double root = std::sqrt(third);
    const double m[3][3] = {
        {c + (1 - c) * third, third * (1 - c) - root * s, third * (1 - c) + root * s},
        {third * (1 - c) + root * s, c + third * (1 - c), third * (1 - c) - root * s},
        {third * (1 - c) - root * s, third * (1 - c) + root * s, c + third * (1 - c)},
    };
    for (size_t i = 0; i < frame.rgb.size(); i += 3) {
        const double r = frame.rgb[i];
        const double g = frame.rgb[i + 1];
        const double b = frame.rgb[i + 2];
        double out[3];
        for (int k = 0; k < 3; ++k) {
            out[k] = m[k][0] * r + m[k][1] * g + m[k][2] * b;
        }
        const double grey = 0.299 * out[0] + 0.587 * out[1] + 0.114 * out[2];
        for (int k = 0; k < 3; ++k) {
            frame.rgb[i + static_cast<size_t>(k)] = static_cast<float>(grey + saturation * (out[k] - grey));
        }
    }
}

} // namespace svj::media::detail
