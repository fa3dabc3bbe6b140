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
                         QObject* parent)
    : QObject(parent)
    , m_path(path)
    , m_source(source)
    , m_cache(std::move(cache)) {
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

void FrameLoader::request(int64_t index) {
    m_wanted = index;
    if (!m_scheduled.exchange(true)) {
        QMetaObject::invokeMethod(
            m_context, [this] { work(); }, Qt::QueuedConnection);
    }
}

media::VideoFramePtr FrameLoader::decode(int64_t index) {
    if (media::VideoFramePtr cached = m_cache->find(m_source, index)) {
        return cached;
    }
    QElapsedTimer timer;
    timer.start();
    auto frame = std::make_shared<media::VideoFrame>(m_reader->readFrame(index));
    m_decodeNs += timer.nsecsElapsed();
    ++m_decoded;
    m_cache->insert(m_source, frame);
    return frame;
}

void FrameLoader::work() {
    m_scheduled = false;
    if (m_broken) {
        return;
    }
    try {
        if (!m_reader) {
            m_reader = std::make_unique<media::VideoReader>(m_path.toStdString());
        }
        const int64_t last = m_reader->frameCount() - 1;
        int64_t delivered = -1;
        while (!m_stopping) {
            const int64_t wanted = std::clamp<int64_t>(m_wanted.load(), 0, last);
            if (wanted != delivered) {
                const media::VideoFramePtr frame = decode(wanted);
                delivered = wanted;
                emit frameReady(wanted, imageOf(frame), frame->exact);
                continue;
            }
            // Idle: the frames ahead, one at a time, giving way to any new request.
            bool fetched = false;
            for (int64_t k = 1; k <= m_prefetch && delivered + k <= last; ++k) {
                if (m_wanted.load() != wanted || m_stopping) {
                    break;
                }
                if (!m_cache->contains(m_source, delivered + k)) {
                    decode(delivered + k);
                    fetched = true;
                    break;
                }
            }
            if (!fetched && m_wanted.load() == wanted) {
                return;
            }
        }
    } catch (const std::exception& error) {
        m_broken = true;
        emit failed(QString::fromUtf8(error.what()));
    }
}

} // namespace svj::widgets
