#include "training/photo_motion.h"

#include "media/video_reader.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace svj::training {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Premultiplied RGBA in floating point, halved level by level (area filter), so any zoom samples a level
// within a factor of two of its scale and never aliases.
struct Level {
    int width = 0;
    int height = 0;
    std::vector<float> rgba;
};

std::vector<Level> pyramid(const Picture& picture) {
    std::vector<Level> levels(1);
    Level& base = levels.front();
    base.width = picture.width;
    base.height = picture.height;
    base.rgba.resize(picture.rgba.size());
    for (size_t i = 0; i < picture.rgba.size(); i += 4) {
        const float alpha = picture.rgba[i + 3] / 255.0f;
        for (size_t c = 0; c < 3; ++c) {
            base.rgba[i + c] = picture.rgba[i + c] * alpha;
        }
        base.rgba[i + 3] = alpha;
    }
    while (levels.back().width >= 32 && levels.back().height >= 32) {
        const Level& from = levels.back();
        Level next;
        next.width = from.width / 2;
        next.height = from.height / 2;
        next.rgba.resize(static_cast<size_t>(next.width) * next.height * 4);
        for (int y = 0; y < next.height; ++y) {
            for (int x = 0; x < next.width; ++x) {
                for (int c = 0; c < 4; ++c) {
                    const auto at = [&](int xx, int yy) {
                        return from.rgba[(static_cast<size_t>(yy) * from.width + xx) * 4 + static_cast<size_t>(c)];
                    };
                    next.rgba[(static_cast<size_t>(y) * next.width + x) * 4 + static_cast<size_t>(c)] =
                        0.25f *
                        (at(2 * x, 2 * y) + at(2 * x + 1, 2 * y) + at(2 * x, 2 * y + 1) + at(2 * x + 1, 2 * y + 1));
                }
            }
        }
        levels.push_back(std::move(next));
    }
    return levels;
}

// Bilinear sample of a level at level coordinates (pixel centres at +0.5); outside it is transparent.
void sample(const Level& level, double x, double y, float* out) {
    x -= 0.5;
    y -= 0.5;
    const int x0 = static_cast<int>(std::floor(x));
    const int y0 = static_cast<int>(std::floor(y));
    const float fx = static_cast<float>(x - x0);
    const float fy = static_cast<float>(y - y0);
    float sum[4] = {0, 0, 0, 0};
    for (int dy = 0; dy < 2; ++dy) {
        for (int dx = 0; dx < 2; ++dx) {
            const int xx = x0 + dx;
            const int yy = y0 + dy;
            if (xx < 0 || yy < 0 || xx >= level.width || yy >= level.height) {
                continue;
            }
            const float weight = (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy);
            const float* p = level.rgba.data() + (static_cast<size_t>(yy) * level.width + xx) * 4;
            for (int c = 0; c < 4; ++c) {
                sum[c] += weight * p[c];
            }
        }
    }
    std::copy(sum, sum + 4, out);
}

// Where the view is at a moment: centre (picture pixels), scale (picture pixels per output pixel), rotation.
struct View {
    double x = 0;
    double y = 0;
    double scale = 1;
    double angle = 0;
};

// A view made ready for sampling: its rotation and the pyramid level that matches its scale.
struct Sampler {
    const Level* level = nullptr;
    double x = 0;
    double y = 0;
    double a = 1; // level pixels per output pixel, rotated: [a -b; b a]
    double b = 0;

    Sampler(const std::vector<Level>& levels, const View& view) {
        const int index = std::clamp(static_cast<int>(std::floor(std::log2(std::max(1.0, view.scale)))), 0,
                                     static_cast<int>(levels.size()) - 1);
        const double factor = std::ldexp(1.0, -index);
        level = &levels[static_cast<size_t>(index)];
        x = view.x * factor;
        y = view.y * factor;
        a = view.scale * factor * std::cos(view.angle);
        b = view.scale * factor * std::sin(view.angle);
    }

    void at(double u, double v, float* out) const { sample(*level, x + a * u - b * v, y + b * u + a * v, out); }
};

struct Path {
    View start;
    double vx = 0; // output pixels per frame, as seen on screen
    double vy = 0;
    double zoomRate = 0; // log scale per frame
    double spin = 0;     // radians per frame
    double wobble = 0;   // hand-held amplitude, output pixels
    double wobbleFrequency = 1;
    double wobblePhase = 0;

    View at(double t, double fps) const {
        View view = start;
        view.scale = start.scale * std::exp(zoomRate * t);
        const double shake = wobble * std::sin(2 * kPi * wobbleFrequency * t / fps + wobblePhase);
        const double shakeY = 0.7 * wobble * std::sin(2 * kPi * 1.37 * wobbleFrequency * t / fps + 2 * wobblePhase);
        view.x = start.x + start.scale * (vx * t + shake);
        view.y = start.y + start.scale * (vy * t + shakeY);
        view.angle = start.angle + spin * t;
        return view;
    }
};

// True when every view of the path keeps the whole output inside the picture.
bool inside(const Path& path, const Picture& picture, const PhotoMotionSpec& spec) {
    for (int t = 0; t < spec.frames; t += std::max(1, spec.frames / 8)) {
        for (const int last : {0, 1}) {
            const View view = path.at(last ? spec.frames - 1 : t, spec.fps);
            const double halfW = 0.5 * spec.width * view.scale;
            const double halfH = 0.5 * spec.height * view.scale;
            const double c = std::abs(std::cos(view.angle));
            const double s = std::abs(std::sin(view.angle));
            const double extentX = c * halfW + s * halfH + 2 * view.scale;
            const double extentY = s * halfW + c * halfH + 2 * view.scale;
            if (view.x - extentX < 0 || view.y - extentY < 0 || view.x + extentX > picture.width ||
                view.y + extentY > picture.height) {
                return false;
            }
        }
    }
    return true;
}

double uniform(std::mt19937_64& random, double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(random);
}

bool chance(std::mt19937_64& random, double probability) {
    return uniform(random, 0, 1) < probability;
}

std::string fixed(double value, int decimals) {
    std::ostringstream text;
    text.setf(std::ios::fixed);
    text.precision(decimals);
    text << value;
    return text.str();
}

} // namespace

Picture loadPicture(const std::string& path, int maxSide) {
    media::ReaderOptions options;
    options.pixelFormat = media::PixelFormat::Rgba;
    media::VideoReader reader(path, options);
    const int side = std::max(reader.info().width, reader.info().height);
    if (side > maxSide) {
        const double factor = static_cast<double>(maxSide) / side;
        reader.setOutputSize(std::max(2, static_cast<int>(reader.info().width * factor)),
                             std::max(2, static_cast<int>(reader.info().height * factor)));
    }
    const media::VideoFrame frame = reader.readFrame(0);
    Picture picture;
    picture.width = frame.width;
    picture.height = frame.height;
    picture.path = path;
    picture.rgba.resize(static_cast<size_t>(frame.width) * frame.height * 4);
    for (int y = 0; y < frame.height; ++y) {
        std::copy_n(frame.row(y), static_cast<size_t>(frame.width) * 4,
                    picture.rgba.begin() + static_cast<std::ptrdiff_t>(y) * frame.width * 4);
    }
    return picture;
}

PhotoMotionClip renderPhotoMotion(const Picture& background, const Picture* layer, const PhotoMotionSpec& spec,
                                  std::mt19937_64& random) {
    const std::vector<Level> levels = pyramid(background);
    // Detail near the photo's own scale, or further out on a large photo (log-uniform).
    const double widest = std::min(static_cast<double>(background.width) / spec.width,
                                   static_cast<double>(background.height) / spec.height) /
                          1.25;
    const double maxScale = std::max(0.8, std::min(widest, 6.0));
    const double minScale = std::min(1.0, maxScale);
    Path path;
    path.start.scale = std::exp(uniform(random, std::log(minScale), std::log(maxScale)));
    const bool parallax = layer && chance(random, 0.5);
    std::ostringstream what;
    // Which moves: at least one of pan, zoom, rotation.
    bool pan = chance(random, 0.75);
    const bool zoom = chance(random, 0.35);
    const bool rotate = chance(random, 0.25);
    if (!pan && !zoom && !rotate) {
        pan = true;
    }
    const double speed = parallax ? uniform(random, 0.3, 2.0) : std::exp(uniform(random, std::log(0.3), std::log(7.0)));
    const double direction = uniform(random, 0, 2 * kPi);
    if (pan) {
        path.vx = speed * std::cos(direction);
        path.vy = speed * std::sin(direction);
        what << "pan " << fixed(speed, 1) << " px/frame";
    }
    if (zoom) {
        path.zoomRate = uniform(random, 0.003, 0.02) * (chance(random, 0.5) ? 1 : -1);
        what << (pan ? ", " : "") << "zoom " << (path.zoomRate < 0 ? "in " : "out ")
             << fixed(std::abs(path.zoomRate) * 100, 1) << " %/frame";
    }
    if (rotate) {
        path.spin = uniform(random, 0.05, 0.6) * kPi / 180 * (chance(random, 0.5) ? 1 : -1);
        path.start.angle = uniform(random, -0.05, 0.05);
        what << (pan || zoom ? ", " : "") << "turn " << fixed(std::abs(path.spin) * 180 / kPi, 2) << " deg/frame";
    }
    if (chance(random, 0.3)) {
        path.wobble = uniform(random, 0.3, 2.5);
        path.wobbleFrequency = uniform(random, 0.3, 2.0);
        path.wobblePhase = uniform(random, 0, 2 * kPi);
        what << ", hand-held " << fixed(path.wobble, 1) << " px";
    }
    // A start that keeps the whole path inside the photo; slower (and then closer to 1:1) until one fits.
    bool placed = false;
    for (int attempt = 0; attempt < 60 && !placed; ++attempt) {
        path.start.x = uniform(random, 0, background.width);
        path.start.y = uniform(random, 0, background.height);
        placed = inside(path, background, spec);
        if (!placed && attempt % 10 == 9) {
            path.vx *= 0.6;
            path.vy *= 0.6;
            path.zoomRate *= 0.6;
            path.spin *= 0.6;
            path.wobble *= 0.6;
            path.start.scale = std::max(minScale, path.start.scale * 0.8);
        }
    }
    if (!placed) { // a photo barely larger than the clip: a slow drift from its centre
        path = Path{};
        path.start.scale = std::min(static_cast<double>(background.width) / (spec.width + 8),
                                    static_cast<double>(background.height) / (spec.height + 8));
        path.start.x = background.width / 2.0;
        path.start.y = background.height / 2.0;
        path.vx = 0.2;
        what.str("drift 0.2 px/frame");
    }

    // The layer: an object of 25-70 % of the height moving across (faster than the background for parallax).
    std::vector<Level> layerLevels;
    double layerScale = 1;
    double layerX = 0;
    double layerY = 0;
    double layerVx = 0;
    double layerVy = 0;
    double layerBob = 0;
    double layerSpin = 0;
    if (layer) {
        layerLevels = pyramid(*layer);
        const double height = uniform(random, 0.25, 0.7) * spec.height;
        layerScale = layer->height / std::max(1.0, height); // layer pixels per output pixel
        if (parallax) {
            const double factor = uniform(random, 2.0, 4.0);
            layerVx = -path.vx * factor;
            layerVy = -path.vy * factor;
            what << ", parallax layer " << fixed(factor, 1) << "x";
        } else {
            const double objectSpeed = uniform(random, 0.7, 8.0);
            const double heading = uniform(random, 0, 2 * kPi);
            layerVx = objectSpeed * std::cos(heading);
            layerVy = 0.4 * objectSpeed * std::sin(heading);
            layerBob = chance(random, 0.4) ? uniform(random, 0.5, 3.0) : 0.0;
            layerSpin = chance(random, 0.3) ? uniform(random, -0.01, 0.01) : 0.0;
            what << ", object moving " << fixed(objectSpeed, 1) << " px/frame";
        }
        // It crosses the middle of the clip half-way through.
        layerX = spec.width * uniform(random, 0.3, 0.7) - layerVx * spec.frames / 2.0;
        layerY = spec.height * uniform(random, 0.3, 0.7) - layerVy * spec.frames / 2.0;
    }

    // A shutter open for 0-60 % of the frame time: a few sub-moments per frame where things move fast.
    const double shutter = uniform(random, 0.0, 0.6);
    const double fastest = std::max({std::hypot(path.vx, path.vy), std::hypot(layerVx, layerVy),
                                     std::abs(path.zoomRate) * spec.width, std::abs(path.spin) * spec.width});
    const int moments = std::clamp(static_cast<int>(std::ceil(fastest * shutter)), 1, 6);
    what << ", shutter " << fixed(shutter, 2);

    PhotoMotionClip result;
    media::PackedClip& clip = result.clip;
    clip.width = spec.width;
    clip.height = spec.height;
    clip.frames = spec.frames;
    clip.rgb.resize(clip.frameBytes() * static_cast<size_t>(spec.frames));
    const double offsets[2] = {-0.25, 0.25};
    for (int t = 0; t < spec.frames; ++t) {
        uint8_t* out = clip.frame(t);
        std::vector<Sampler> views;
        std::vector<Sampler> layerViews;
        for (int m = 0; m < moments; ++m) {
            const double when = t + (moments == 1 ? 0.0 : shutter * (static_cast<double>(m) / (moments - 1) - 0.5));
            views.emplace_back(levels, path.at(when, spec.fps));
            View lv;
            lv.scale = layerScale;
            lv.angle = layerSpin * when;
            // Output position of the layer's centre -> the layer view looks at layer pixel (centre - offset).
            const double cx = layerX + layerVx * when;
            const double cy = layerY + layerVy * when + layerBob * std::sin(2 * kPi * when / spec.fps);
            lv.x = layer ? layer->width / 2.0 - (cx - spec.width / 2.0) * layerScale : 0;
            lv.y = layer ? layer->height / 2.0 - (cy - spec.height / 2.0) * layerScale : 0;
            if (layer) {
                layerViews.emplace_back(layerLevels, lv);
            }
        }
        for (int y = 0; y < spec.height; ++y) {
            for (int x = 0; x < spec.width; ++x) {
                float sum[3] = {0, 0, 0};
                for (int m = 0; m < moments; ++m) {
                    for (const double oy : offsets) {
                        for (const double ox : offsets) {
                            const double u = x + 0.5 + ox - spec.width / 2.0;
                            const double v = y + 0.5 + oy - spec.height / 2.0;
                            float bg[4];
                            views[static_cast<size_t>(m)].at(u, v, bg);
                            if (layer) {
                                float fg[4];
                                layerViews[static_cast<size_t>(m)].at(u, v, fg);
                                for (int c = 0; c < 3; ++c) {
                                    bg[c] = fg[c] + (1 - fg[3]) * bg[c];
                                }
                            }
                            for (int c = 0; c < 3; ++c) {
                                sum[c] += bg[c];
                            }
                        }
                    }
                }
                uint8_t* p = out + (static_cast<size_t>(y) * spec.width + x) * 3;
                for (int c = 0; c < 3; ++c) {
                    p[c] = static_cast<uint8_t>(std::clamp(std::lround(sum[c] / (4.0f * moments)), 0L, 255L));
                }
            }
        }
    }
    result.description = what.str();
    return result;
}

} // namespace svj::training
