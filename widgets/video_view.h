// One video of the comparison view: draws the frame it was given, fitted to the pane in its track's colour,
// with the frame number and time of exactly that frame (what is drawn is what is labelled).
#pragma once

#include <QImage>
#include <QWidget>

namespace svj::widgets {

class VideoView : public QWidget {
    Q_OBJECT
public:
    explicit VideoView(QWidget* parent = nullptr);

    void setTrack(const QString& name, const QColor& colour, int64_t frameCount);
    // The frame now on screen and when it starts on the video's own clock.
    void showFrame(int64_t index, const QImage& image, int64_t ptsUs, bool exact);
    void showError(const QString& message);
    int64_t shownFrame() const { return m_index; }
    const QImage& image() const { return m_image; }

    QSize sizeHint() const override { return {480, 270}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString m_name;
    QColor m_colour;
    int64_t m_frameCount = 0;
    int64_t m_index = -1;
    int64_t m_ptsUs = 0;
    bool m_exact = true;
    QImage m_image;
    QString m_error;
};

} // namespace svj::widgets
