// Decodes one video's frames for a view on its own worker thread: the newest request wins (requests that
// arrive while the decoder is busy replace each other), then the frames just ahead are decoded into the
// shared cache so playback and forward steps find them ready.
#pragma once

#include "media/frame_cache.h"

#include <QImage>
#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace svj::media {
class VideoReader;
}

namespace svj::widgets {

// A cached frame as a QImage that shares its pixels (no copy; the frame lives while the image does).
QImage imageOf(const media::VideoFramePtr& frame);

class FrameLoader : public QObject {
    Q_OBJECT
public:
    // `source` tells this video apart in `cache`; `decoderThreads` as in media::ReaderOptions (0: one per core).
    FrameLoader(const QString& path, uint64_t source, std::shared_ptr<media::FrameCache> cache, int decoderThreads = 0,
                QObject* parent = nullptr);
    ~FrameLoader() override;

    // Asks for frame `index` (from the GUI thread); frameReady follows, unless a newer request overtakes it.
    void request(int64_t index);
    // The size frames are converted to (0 x 0: the video's own). Converting straight to the size on screen is
    // most of the speed of playing several large videos on a small machine. Frames of another size are cached
    // apart: cacheSource() changes with the size.
    void setOutputSize(int width, int height);
    uint64_t cacheSource() const;
    // How many frames to decode ahead of the last one delivered while idle.
    void setPrefetch(int frames) { m_prefetch = frames; }
    // For the playback benchmark: frames decoded and the time it took, since construction.
    int64_t decodedFrames() const { return m_decoded; }
    int64_t decodeNs() const { return m_decodeNs; }

signals:
    // Emitted on the worker thread; connect with the default (queued) connection.
    void frameReady(qint64 index, QImage image, bool exact);
    void failed(QString message);

private:
    void work(); // on the worker thread
    media::VideoFramePtr decode(int64_t index);

    QString m_path;
    uint64_t m_source;
    std::shared_ptr<media::FrameCache> m_cache;
    QThread m_thread;
    QObject* m_context = nullptr; // lives on m_thread; work() runs in its event loop
    std::atomic<int64_t> m_wanted{-1};
    std::atomic<uint64_t> m_serial{0}; // one per request: each is answered, even for the frame sent last
    std::atomic<bool> m_scheduled{false};
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_prefetch{8};
    std::atomic<int64_t> m_decoded{0};
    std::atomic<uint64_t> m_sizing{0}; // generation << 32 | width << 16 | height
    int m_decoderThreads = 0;
    std::atomic<int64_t> m_decodeNs{0};
    // Worker thread only.
    std::unique_ptr<media::VideoReader> m_reader;
    bool m_broken = false;
};

} // namespace svj::widgets
