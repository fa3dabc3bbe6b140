#include "widgets/frame_loader.h"

#include "media/media_error.h"
#include "media/video_reader.h"

#include <QElapsedTimer>

namespace svj::widgets {

QImage imageOf(const media::VideoFramePtr& frame) {
    if (!frame || frame->empty()) {
        return {};
    }
    const QImage::Format format =
        frame->format == media::PixelFormat::Rgba ? QImage::Format_RGBA8888 : QImage::Format_RGB888;
    auto* keeper = new media::VideoFramePtr(frame);
    return QImage(
        frame->pixels.data(), frame->width, frame->height, frame->stride, format,
        [](void* info) { delete static_cast<media::VideoFramePtr*>(info); }, keeper);
}

FrameLoader::FrameLoader(const QString& path, uint64_t source, std::shared_ptr<media::FrameCache> cache,
                         int decoderThreads, QObject* parent)
    : QObject(parent)
    , m_path(path)
    , m_source(source)
    , m_cache(std::move(cache))
    , m_decoderThreads(decoderThreads) {
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("frame-loader"));
    m_thread.start();
}

FrameLoader::~FrameLoader() {
    m_stopping = true;
    m_thread.quit();
    m_thread.wait();
    delete m_context;
}

void FrameLoader::setOutputSize(int width, int height) {
    const uint64_t current = m_sizing.load();
    const uint64_t size = (static_cast<uint64_t>(width & 0xffff) << 16) | static_cast<uint64_t>(height & 0xffff);
    if ((current & 0xffffffffu) == size) {
        return;
    }
    m_sizing = (((current >> 32) + 1) << 32) | size;
}

uint64_t FrameLoader::cacheSource() const {
    return m_source | (m_sizing.load() >> 32 << 32);
}

void FrameLoader::request(int64_t index) {
    m_wanted = index;
    ++m_serial;
    if (!m_scheduled.exchange(true)) {
        QMetaObject::invokeMethod(
            m_context, [this] { work(); }, Qt::QueuedConnection);
    }
}

media::VideoFramePtr FrameLoader::decode(int64_t index) {
    const uint64_t sizing = m_sizing.load();
    const uint64_t source = m_source | (sizing >> 32 << 32);
    if (media::VideoFramePtr cached = m_cache->find(source, index)) {
        return cached;
    }
    m_reader->setOutputSize(static_cast<int>((sizing >> 16) & 0xffff), static_cast<int>(sizing & 0xffff));
    QElapsedTimer timer;
    timer.start();
    auto frame = std::make_shared<media::VideoFrame>(m_reader->readFrame(index));
    m_decodeNs += timer.nsecsElapsed();
    ++m_decoded;
    m_cache->insert(source, frame);
    return frame;
}

void FrameLoader::work() {
    m_scheduled = false;
    if (m_broken) {
        return;
    }
    try {
        if (!m_reader) {
            media::ReaderOptions options;
            options.decoderThreads = m_decoderThreads;
            m_reader = std::make_unique<media::VideoReader>(m_path.toStdString(), options);
        }
        const int64_t last = m_reader->frameCount() - 1;
        const auto wantedNow = [&] { return std::clamp<int64_t>(m_wanted.load(), 0, last); };
        int64_t delivered = -1;
        uint64_t answered = ~uint64_t(0);
        while (!m_stopping) {
            // A request not answered yet (the serial first: the frame index read after it is at least as new).
            const uint64_t serial = m_serial.load();
            const int64_t wanted = wantedNow();
            if (serial != answered) {
                answered = serial;
                const media::VideoFramePtr frame = decode(wanted);
                delivered = wanted;
                emit frameReady(wanted, imageOf(frame), frame->exact);
                continue;
            }
            // Idle: the next frame ahead that is not cached yet, one at a time, so a new request waits at
            // most one decode. Nothing left to fetch: done (a new request schedules another run).
            int64_t next = -1;
            for (int64_t k = 1; k <= m_prefetch && delivered + k <= last; ++k) {
                if (!m_cache->contains(cacheSource(), delivered + k)) {
                    next = delivered + k;
                    break;
                }
            }
            if (next < 0) {
                return;
            }
            decode(next);
        }
    } catch (const std::exception& error) {
        m_broken = true;
        qWarning("frame loader: %s", error.what());
        emit failed(QString::fromUtf8(error.what()));
    }
}

} // namespace svj::widgets
