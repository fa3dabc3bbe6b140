// "What the judge saw": thumbnails of the exact source frames the judge's windows held for one video, with
// their frame numbers, each window boxed and its latent frames (the VAE folds 4 frames into one, the first
// alone) told apart by shade. Clicking a thumbnail seeks there. Thumbnails decode on a worker thread.
#pragma once

#include <QWidget>

#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

class QHBoxLayout;
class QToolButton;

namespace svj::widgets {

class JudgeStrip : public QWidget {
    Q_OBJECT
public:
    explicit JudgeStrip(QWidget* parent = nullptr);
    ~JudgeStrip() override;

    // Shows `frames` of `path` (windows of `windowSizes` frames each); empty frames clear the strip.
    void setFrames(const QString& path, const std::vector<int64_t>& frames, const std::vector<int>& windowSizes);
    int thumbnailCount() const { return static_cast<int>(m_buttons.size()); }
    // The button for thumbnail `index` (tests click it).
    QWidget* thumbnail(int index) const;

signals:
    void frameClicked(qint64 frame);

private:
    void stopWorker();

    QWidget* m_row = nullptr;
    QHBoxLayout* m_layout = nullptr;
    std::vector<QToolButton*> m_buttons;
    std::thread m_worker;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace svj::widgets
