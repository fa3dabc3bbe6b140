// The clean clips a judge trains on, held in memory: square regions cut at the source's own scale out of
// consecutive frames of every training video (at its own rate, and for a share at a lower rate, as
// generated video comes), and photographs set in motion. Every training pair starts from one of them.
#pragma once

#include "media/video_faults.h"
#include "training/footage.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace svj::training {

struct BankSettings {
    int regionSize = 128;       // side of the square regions (frames smaller than it give smaller regions)
    int minRegionSize = 64;     // frames smaller than this are left out
    int frames = 33;            // consecutive frames per clip
    int minFrames = 17;         // a video shorter than `frames` but at least this long gives one clip of it all
    int clipStride = 16;        // frames between the clips of one video
    int maxClipsPerVideo = 160; // long videos do not crowd out the others
    int regionsPerClip = 2;     // regions per clip from frames at least twice the region's size
    double lowRateShare = 0.15; // clips picked at 8-15 fps from faster videos
    int clipsPerPhoto = 12;
    double objectShare = 0.5; // photo clips with a photographed object moving over them
    uint64_t seed = 1;
};

struct BankClip {
    media::PackedClip clip;
    double fps = 25.0;
    std::string source; // the footage source (split key)
    std::string what;   // file and place, for logs
    FootageKind kind = FootageKind::Camera;
};

class ClipBank {
public:
    void add(BankClip clip);
    size_t size() const { return m_clips.size(); }
    const BankClip& at(size_t index) const { return m_clips[index]; }
    size_t bytes() const;
    std::vector<std::string> sources() const;

private:
    std::vector<BankClip> m_clips;
};

using BankLog = std::function<void(const std::string& message)>;

// Decodes every video and renders every photo of `items` (objects are only laid over photos). Items too
// short, too small or unreadable are skipped with a message naming them and why. The same items and
// settings give the same bank.
ClipBank buildClipBank(const std::vector<FootageItem>& items, const BankSettings& settings, const BankLog& log = {});

} // namespace svj::training
