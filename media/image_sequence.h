// Internal to media/: a folder of numbered images (JPEG, PNG, ...) read as a video.
#pragma once

#include "media/ffmpeg_handles.h"
#include "media/frame_source.h"

#include <string>
#include <vector>

namespace svj::media::detail {

// Image files in `directory`, in natural order (frame_9.png before frame_10.png). Throws MediaError when
// the folder holds none.
std::vector<std::string> listImageSequence(const std::string& directory);

bool isDirectory(const std::string& path);
// A still picture by its extension (.jpg, .png, ...): read as a one-frame sequence.
bool isStillImage(const std::string& path);

class ImageSequenceSource : public FrameSource {
public:
    // `directory`: a folder of numbered images, or one still picture.
    ImageSequenceSource(const std::string& directory, double fps);

    const VideoInfo& info() const override { return m_info; }
    const std::vector<int64_t>& framePtsUs() const override { return m_ptsUs; }
    int64_t lastFrameDurationUs() const override { return m_frameDurationUs; }
    DecodedFrame decode(int64_t index) override;
    int64_t verifyTimeline() override;
    int64_t decodeErrors() const override { return m_decodeErrors; }

private:
    // Decodes one image file into m_frame; throws MediaError naming that file.
    void decodeFile(const std::string& path);

    std::vector<std::string> m_files;
    VideoInfo m_info;
    std::vector<int64_t> m_ptsUs;
    int64_t m_frameDurationUs = 0;
    AvFramePtr m_frame;
    int64_t m_current = -1;
    int64_t m_decodeErrors = 0;
};

} // namespace svj::media::detail
