#include "training/clip_bank.h"

#include "media/codec_round_trip.h"
#include "media/media_error.h"
#include "media/video_reader.h"
#include "training/photo_motion.h"
#include "training/seeds.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>

namespace svj::training {
namespace {

int uniformInt(std::mt19937_64& random, int low, int high) {
    return std::uniform_int_distribution<int>(low, std::max(low, high))(random);
}

double uniform(std::mt19937_64& random, double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(random);
}

// A region's side for frames of this size: the settings' size, or the largest multiple of 16 that fits.
int regionSide(int width, int height, const BankSettings& settings) {
    return std::min(settings.regionSize, std::min(width, height) / 16 * 16);
}

void addVideo(ClipBank& bank, const FootageItem& item, const BankSettings& settings, const BankLog& log) {
    media::VideoReader reader(item.path);
    const int64_t count = reader.frameCount();
    const double fps = reader.info().frameRate.valid() ? reader.info().frameRate.value() : 25.0;
    std::mt19937_64 random(detail::seedOfText(settings.seed, item.key()));
    media::VideoFrame frame = reader.readFrame(0);
    const int side = regionSide(frame.width, frame.height, settings);
    if (side < settings.minRegionSize) {
        if (log) {
            log("skipped " + item.path + ": " + std::to_string(frame.width) + "x" + std::to_string(frame.height) +
                " is smaller than a " + std::to_string(settings.minRegionSize) + "-pixel region");
        }
        return;
    }
    // Windows of source frames: consecutive at the video's rate, or picked at a lower one.
    std::vector<std::pair<std::vector<int64_t>, double>> windows;
    if (count < settings.frames && count >= settings.minFrames) {
        std::vector<int64_t> all;
        for (int64_t i = 0; i < count; ++i) {
            all.push_back(i);
        }
        windows.emplace_back(std::move(all), fps);
    }
    for (int64_t start = 0; start + settings.frames <= count; start += settings.clipStride) {
        std::vector<int64_t> frames;
        double rate = fps;
        if (fps >= 20 && uniform(random, 0, 1) < settings.lowRateShare) {
            rate = uniform(random, 8.0, 15.0);
            for (int j = 0; j < settings.frames; ++j) {
                frames.push_back(start + static_cast<int64_t>(std::floor(j * fps / rate)));
            }
            if (frames.back() >= count) {
                frames.clear();
                rate = fps;
            }
        }
        if (frames.empty()) {
            for (int j = 0; j < settings.frames; ++j) {
                frames.push_back(start + j);
            }
        }
        windows.emplace_back(std::move(frames), rate);
    }
    if (windows.empty()) {
        if (log) {
            log("skipped " + item.path + ": " + std::to_string(count) + " frames, fewer than " +
                std::to_string(settings.minFrames));
        }
        return;
    }
    if (static_cast<int>(windows.size()) > settings.maxClipsPerVideo) {
        std::vector<std::pair<std::vector<int64_t>, double>> kept;
        for (int i = 0; i < settings.maxClipsPerVideo; ++i) {
            kept.push_back(windows[static_cast<size_t>(i) * windows.size() / settings.maxClipsPerVideo]);
        }
        windows = std::move(kept);
    }
    const int across = frame.width / side;
    const int down = frame.height / side;
    const int regions = std::clamp(across * down / 2, 1, settings.regionsPerClip);
    for (const auto& [frames, rate] : windows) {
        std::vector<std::pair<int, int>> origins;
        for (int r = 0; r < regions; ++r) {
            origins.emplace_back(uniformInt(random, 0, (frame.width - side) / 16) * 16,
                                 uniformInt(random, 0, (frame.height - side) / 16) * 16);
        }
        std::vector<BankClip> clips(origins.size());
        for (size_t r = 0; r < origins.size(); ++r) {
            BankClip& clip = clips[r];
            clip.clip.width = clip.clip.height = side;
            clip.clip.frames = static_cast<int>(frames.size());
            clip.clip.rgb.resize(clip.clip.frameBytes() * frames.size());
            clip.fps = rate;
            clip.source = item.source;
            clip.kind = item.kind;
            clip.what = item.path + " @" + std::to_string(frames.front()) + " (" + std::to_string(origins[r].first) +
                        "," + std::to_string(origins[r].second) + ")" +
                        (rate != fps ? " at " + std::to_string(static_cast<int>(std::lround(rate))) + " fps" : "");
        }
        for (int j = 0; j < static_cast<int>(frames.size()); ++j) {
            reader.readFrame(frames[static_cast<size_t>(j)], frame);
            for (size_t r = 0; r < origins.size(); ++r) {
                const auto [x, y] = origins[r];
                for (int row = 0; row < side; ++row) {
                    std::memcpy(clips[r].clip.frame(j) + static_cast<size_t>(row) * side * 3,
                                frame.row(y + row) + static_cast<size_t>(x) * 3, static_cast<size_t>(side) * 3);
                }
            }
        }
        for (BankClip& clip : clips) {
            bank.add(std::move(clip));
        }
    }
}

void addPhoto(ClipBank& bank, const FootageItem& item, const std::vector<const FootageItem*>& objects,
              const BankSettings& settings, const BankLog& log) {
    const Picture picture = loadPicture(item.path, 2000);
    if (std::min(picture.width, picture.height) < settings.regionSize + 16) {
        if (log) {
            log("skipped " + item.path + ": a photo smaller than a region");
        }
        return;
    }
    std::mt19937_64 random(detail::seedOfText(settings.seed, item.key()));
    for (int k = 0; k < settings.clipsPerPhoto; ++k) {
        Picture object;
        const bool withObject = !objects.empty() && uniform(random, 0, 1) < settings.objectShare;
        if (withObject) {
            object = loadPicture(
                objects[static_cast<size_t>(uniformInt(random, 0, static_cast<int>(objects.size()) - 1))]->path, 600);
        }
        PhotoMotionSpec spec;
        spec.width = spec.height = settings.regionSize;
        spec.frames = settings.frames;
        const double rates[] = {24.0, 25.0, 30.0};
        spec.fps = rates[uniformInt(random, 0, 2)];
        PhotoMotionClip rendered = renderPhotoMotion(picture, withObject ? &object : nullptr, spec, random);
        // A camera's clip: some sensor noise, then through an encoder at a good to middling quality, as real
        // footage always is (else any re-encode would look like a fault next to it). The range reaches the
        // grain and the compression of old and small cameras, which held-out camera footage has.
        const double noise = uniform(random, 0.0, 3.0);
        std::normal_distribution<float> normal(0.0f, 1.0f);
        for (uint8_t& value : rendered.clip.rgb) {
            value = static_cast<uint8_t>(std::clamp(std::lround(value + noise * normal(random)), 0L, 255L));
        }
        media::RoundTripSettings encode;
        encode.fps = spec.fps;
        encode.crf = uniformInt(random, 14, 28);
        BankClip clip;
        clip.clip = media::encodeRoundTrip(rendered.clip, encode);
        clip.fps = spec.fps;
        clip.source = item.source;
        clip.kind = item.kind;
        clip.what = item.path + " (" + rendered.description + ", CRF " + std::to_string(encode.crf) + ")";
        bank.add(std::move(clip));
    }
}

} // namespace

void ClipBank::add(BankClip clip) {
    m_clips.push_back(std::move(clip));
}

size_t ClipBank::bytes() const {
    size_t total = 0;
    for (const BankClip& clip : m_clips) {
        total += clip.clip.rgb.size();
    }
    return total;
}

std::vector<std::string> ClipBank::sources() const {
    std::vector<std::string> sources;
    std::set<std::string> seen;
    for (const BankClip& clip : m_clips) {
        if (seen.insert(clip.source).second) {
            sources.push_back(clip.source);
        }
    }
    return sources;
}

ClipBank buildClipBank(const std::vector<FootageItem>& items, const BankSettings& settings, const BankLog& log) {
    ClipBank bank;
    std::vector<const FootageItem*> objects;
    for (const FootageItem& item : items) {
        if (item.kind == FootageKind::Object) {
            objects.push_back(&item);
        }
    }
    for (const FootageItem& item : items) {
        // One broken file does not stop a run: it is named and left out.
        try {
            if (item.isVideo()) {
                addVideo(bank, item, settings, log);
            } else if (item.kind == FootageKind::Photo) {
                addPhoto(bank, item, objects, settings, log);
            }
        } catch (const media::MediaError& error) {
            if (log) {
                log("skipped " + item.path + ": " + error.detail());
            }
        }
    }
    return bank;
}

} // namespace svj::training
