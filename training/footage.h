// The footage a judge is trained and checked on: videos (camera and rendered), photographs to be set in
// motion and objects to move over them, each with the source it comes from, so train and held-out parts
// are split by source and no clip of a held-out source is ever trained on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace svj::training {

// Stored value: keep the numbers.
enum class FootageKind { Camera = 0, Rendered = 1, Photo = 2, Object = 3 };

const char* footageKindName(FootageKind kind);
std::optional<FootageKind> footageKindByName(const std::string& name);

struct FootageItem {
    std::string path; // absolute, or as given
    std::string source;
    FootageKind kind = FootageKind::Camera;
    std::string package;
    std::string licence;

    bool isVideo() const { return kind == FootageKind::Camera || kind == FootageKind::Rendered; }
    // The item's name wherever its folder lies (source and file name): what its random draws are seeded
    // from, so a check or a bank made from the same footage in another folder draws the same.
    std::string key() const;
};

// A folder with a MANIFEST.tsv (path, source, kind, package, licence; what scripts/fetch-judge-footage.sh
// writes), or any folder or manifest media::listVideoFiles reads (every video a camera source of its own).
// Throws std::runtime_error naming the file and line of a bad manifest entry or a missing file.
std::vector<FootageItem> readFootage(const std::string& location);

struct FootageSplit {
    std::vector<FootageItem> train;
    std::vector<FootageItem> heldOut;
};

// Sources drawn by a seeded shuffle, separately for each kind so every kind is represented on both sides
// (at least one source of a kind is held out when it has two or more). `heldOutSources`, when given, names
// the held-out sources instead of the draw.
FootageSplit splitBySource(const std::vector<FootageItem>& items, double heldOutFraction, uint64_t seed,
                           const std::vector<std::string>& heldOutSources = {});

std::vector<std::string> sourcesOf(const std::vector<FootageItem>& items);

} // namespace svj::training
