// Internal to media/: an opened container, read from a file or from bytes in memory.
#pragma once

#include "media/ffmpeg_handles.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace svj::media::detail {

class Input {
public:
    // Opens a file and reads its stream information. Tells a missing file, an unreadable one, an empty one
    // and one FFmpeg does not recognise apart, because the user needs to know which.
    static Input openFile(const std::string& path);
    // Opens bytes held in memory (fuzzing, data from a database). `name` stands in for a path in errors.
    static Input openMemory(std::shared_ptr<const std::vector<uint8_t>> bytes, const std::string& name);

    Input(Input&&) noexcept;
    Input& operator=(Input&&) noexcept;
    ~Input();

    AVFormatContext* context() const { return m_context.get(); }
    const std::string& name() const { return m_name; }
    bool fromMemory() const { return m_memory != nullptr; }

    // Seeks back to the first packet. Returns false when the container cannot seek at all.
    bool rewind(int streamIndex);

private:
    struct MemoryIo;
    Input() = default;
    void finishOpen(AVFormatContext* raw, int openResult);

    std::string m_name;
    std::unique_ptr<MemoryIo> m_memory; // destroyed after m_context, which reads through it
    FormatContextPtr m_context;
};

} // namespace svj::media::detail
