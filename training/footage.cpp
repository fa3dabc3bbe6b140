#include "training/footage.h"

#include "media/video_files.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

namespace svj::training {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> splitTabs(const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream stream(line);
    while (std::getline(stream, field, '\t')) {
        fields.push_back(field);
    }
    return fields;
}

FootageKind kindByName(const std::string& name, const std::string& where) {
    const std::optional<FootageKind> kind = footageKindByName(name);
    if (!kind) {
        throw std::runtime_error(where + ": unknown kind '" + name + "' (camera, rendered, photo, object)");
    }
    return *kind;
}

std::vector<FootageItem> readManifest(const fs::path& manifest) {
    std::ifstream in(manifest);
    if (!in) {
        throw std::runtime_error(manifest.string() + ": cannot read the footage manifest");
    }
    std::string line;
    std::getline(in, line);
    const std::vector<std::string> header = splitTabs(line);
    const std::vector<std::string> expected{"path", "source", "kind"};
    if (header.size() < 3 || !std::equal(expected.begin(), expected.end(), header.begin())) {
        throw std::runtime_error(manifest.string() + ": line 1: a footage manifest starts with path, source, kind");
    }
    std::vector<FootageItem> items;
    int number = 1;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const std::string where = manifest.string() + ": line " + std::to_string(number);
        const std::vector<std::string> fields = splitTabs(line);
        if (fields.size() < 3) {
            throw std::runtime_error(where + ": needs path, source and kind separated by tabs");
        }
        FootageItem item;
        const fs::path path = manifest.parent_path() / fields[0];
        if (!fs::exists(path)) {
            throw std::runtime_error(where + ": " + path.string() + " does not exist");
        }
        item.path = path.string();
        item.source = fields[1];
        item.kind = kindByName(fields[2], where);
        item.package = fields.size() > 3 ? fields[3] : "";
        item.licence = fields.size() > 4 ? fields[4] : "";
        items.push_back(std::move(item));
    }
    return items;
}

} // namespace

const char* footageKindName(FootageKind kind) {
    switch (kind) {
    case FootageKind::Camera:
        return "camera";
    case FootageKind::Rendered:
        return "rendered";
    case FootageKind::Photo:
        return "photo";
    case FootageKind::Object:
        return "object";
    }
    return "?";
}

std::optional<FootageKind> footageKindByName(const std::string& name) {
    for (const FootageKind kind :
         {FootageKind::Camera, FootageKind::Rendered, FootageKind::Photo, FootageKind::Object}) {
        if (name == footageKindName(kind)) {
            return kind;
        }
    }
    return std::nullopt;
}

std::string FootageItem::key() const {
    return source + "/" + fs::path(path).lexically_normal().filename().string();
}

std::vector<FootageItem> readFootage(const std::string& location) {
    const fs::path manifest = fs::path(location) / "MANIFEST.tsv";
    if (fs::is_directory(location) && fs::exists(manifest)) {
        return readManifest(manifest);
    }
    if (fs::path(location).extension() == ".tsv") {
        return readManifest(location);
    }
    std::vector<FootageItem> items;
    for (const std::string& path : media::listVideoFiles(location)) {
        FootageItem item;
        item.path = path;
        item.source = fs::path(path).stem().string();
        item.kind = FootageKind::Camera;
        items.push_back(std::move(item));
    }
    return items;
}

std::vector<std::string> sourcesOf(const std::vector<FootageItem>& items) {
    std::vector<std::string> sources;
    for (const FootageItem& item : items) {
        if (std::find(sources.begin(), sources.end(), item.source) == sources.end()) {
            sources.push_back(item.source);
        }
    }
    return sources;
}

FootageSplit splitBySource(const std::vector<FootageItem>& items, double heldOutFraction, uint64_t seed,
                           const std::vector<std::string>& heldOutSources) {
    std::set<std::string> held(heldOutSources.begin(), heldOutSources.end());
    if (heldOutSources.empty() && heldOutFraction > 0) {
        std::mt19937_64 random(seed);
        for (const FootageKind kind :
             {FootageKind::Camera, FootageKind::Rendered, FootageKind::Photo, FootageKind::Object}) {
            std::vector<FootageItem> ofKind;
            std::copy_if(items.begin(), items.end(), std::back_inserter(ofKind),
                         [&](const FootageItem& item) { return item.kind == kind; });
            std::vector<std::string> sources = sourcesOf(ofKind);
            std::sort(sources.begin(), sources.end()); // the draw must not depend on the manifest's order
            std::shuffle(sources.begin(), sources.end(), random);
            if (sources.size() < 2) {
                continue;
            }
            const auto count = std::clamp<size_t>(static_cast<size_t>(std::lround(heldOutFraction * sources.size())), 1,
                                                  sources.size() - 1);
            held.insert(sources.begin(), sources.begin() + static_cast<std::ptrdiff_t>(count));
        }
    }
    FootageSplit split;
    for (const FootageItem& item : items) {
        (held.count(item.source) ? split.heldOut : split.train).push_back(item);
    }
    return split;
}

} // namespace svj::training
