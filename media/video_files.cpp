#include "media/video_files.h"

#include "media/media_error.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace svj::media {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

std::string trim(const std::string& text) {
    const size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// The first field of a CSV line, unquoted (manifests name a path first or in a `path` column).
std::vector<std::string> csvFields(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    for (std::string& field : fields) {
        field = trim(field);
    }
    return fields;
}

std::vector<std::string> readManifest(const fs::path& manifest) {
    std::ifstream in(manifest);
    if (!in) {
        throw MediaError(MediaErrorKind::NotReadable, manifest.string(), "cannot read the manifest");
    }
    const bool csv = lower(manifest.extension().string()) == ".csv";
    std::vector<std::string> videos;
    std::string line;
    int lineNumber = 0;
    int pathColumn = 0;
    bool header = csv;
    while (std::getline(in, line)) {
        ++lineNumber;
        const std::string text = trim(line);
        if (text.empty() || text.front() == '#') {
            continue;
        }
        std::string entry = text;
        if (csv) {
            const std::vector<std::string> fields = csvFields(text);
            if (header) {
                header = false;
                const auto it = std::find_if(fields.begin(), fields.end(), [](const std::string& f) {
                    return lower(f) == "path" || lower(f) == "video";
                });
                if (it == fields.end()) {
                    throw MediaError(MediaErrorKind::InvalidArgument, manifest.string(),
                                     "line " + std::to_string(lineNumber) + ": the header has no 'path' column");
                }
                pathColumn = static_cast<int>(it - fields.begin());
                continue;
            }
            if (pathColumn >= static_cast<int>(fields.size())) {
                throw MediaError(MediaErrorKind::InvalidArgument, manifest.string(),
                                 "line " + std::to_string(lineNumber) + ": no path in column " +
                                     std::to_string(pathColumn + 1));
            }
            entry = fields[static_cast<size_t>(pathColumn)];
        }
        fs::path video(entry);
        if (video.is_relative()) {
            video = manifest.parent_path() / video;
        }
        std::error_code error;
        if (!fs::exists(video, error)) {
            throw MediaError(MediaErrorKind::FileNotFound, manifest.string(),
                             "line " + std::to_string(lineNumber) + ": " + video.lexically_normal().string() +
                                 " does not exist");
        }
        videos.push_back(video.lexically_normal().string());
    }
    return videos;
}

constexpr int kMinSequenceImages = 5;

bool hasImageExtension(const std::string& path) {
    static const std::array<const char*, 6> kExtensions = {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff"};
    const std::string extension = lower(fs::path(path).extension().string());
    return std::find(kExtensions.begin(), kExtensions.end(), extension) != kExtensions.end();
}

} // namespace

bool hasVideoExtension(const std::string& path) {
    static const std::array<const char*, 16> kExtensions = {".mp4", ".mov", ".mkv", ".webm", ".avi", ".ogv",
                                                            ".ogg", ".m4v", ".mpg", ".mpeg", ".ts",  ".mts",
                                                            ".flv", ".wmv", ".y4m", ".nut"};
    const std::string extension = lower(fs::path(path).extension().string());
    return std::find(kExtensions.begin(), kExtensions.end(), extension) != kExtensions.end();
}

std::vector<std::string> listVideoFiles(const std::string& folderOrManifest) {
    const fs::path root(folderOrManifest);
    std::error_code error;
    if (!fs::exists(root, error)) {
        throw MediaError(MediaErrorKind::FileNotFound, folderOrManifest, "no such folder or manifest");
    }
    std::vector<std::string> videos;
    if (fs::is_directory(root, error)) {
        std::map<std::string, int> imagesPerFolder;
        for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, error), end;
             it != end; it.increment(error)) {
            if (error) {
                break;
            }
            if (!it->is_regular_file(error)) {
                continue;
            }
            if (hasVideoExtension(it->path().string())) {
                videos.push_back(it->path().lexically_normal().string());
            } else if (hasImageExtension(it->path().string())) {
                ++imagesPerFolder[it->path().parent_path().lexically_normal().string()];
            }
        }
        // A folder of numbered pictures is a video too (VideoReader reads it as an image sequence); a few
        // stray pictures are not.
        for (const auto& [folder, images] : imagesPerFolder) {
            if (images >= kMinSequenceImages && fs::path(folder).lexically_normal() != root.lexically_normal() &&
                fs::path(folder) / "" != root.lexically_normal()) {
                videos.push_back(folder);
            }
        }
        // The folder named is itself an image sequence ("dir/" and "dir" alike).
        fs::path self = root.lexically_normal();
        if (!self.has_filename()) {
            self = self.parent_path();
        }
        const auto own = imagesPerFolder.find(self.string());
        if (videos.empty() && own != imagesPerFolder.end() && own->second >= kMinSequenceImages) {
            videos.push_back(own->first);
        }
        std::sort(videos.begin(), videos.end());
    } else {
        videos = readManifest(root);
    }
    if (videos.empty()) {
        throw MediaError(MediaErrorKind::NotAVideo, folderOrManifest,
                         fs::is_directory(root, error) ? "the folder holds no video files"
                                                       : "the manifest lists no videos");
    }
    return videos;
}

} // namespace svj::media
