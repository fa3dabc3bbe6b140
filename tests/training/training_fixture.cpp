#include "tests/training/training_fixture.h"

#include "media/video_frame.h"
#include "media/video_writer.h"
#include "tests/support/test_clips.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <cmath>

namespace svj::test {

bool makeTrainingFootage(const QString& folder) {
    if (QFile::exists(folder + QStringLiteral("/MANIFEST.tsv"))) {
        return true;
    }
    QDir().mkpath(folder);
    const QStringList sources{QStringLiteral("testsrc2=size=160x96:rate=25"),
                              QStringLiteral("mandelbrot=size=160x96:rate=25"),
                              QStringLiteral("life=size=160x96:rate=25:mold=10:ratio=0.2:seed=3"),
                              QStringLiteral("cellauto=size=160x96:rate=25:rule=110")};
    QByteArray manifest = "path\tsource\tkind\tpackage\tlicence\n";
    for (int i = 0; i < sources.size(); ++i) {
        const QString name = QStringLiteral("clip%1.mp4").arg(i);
        if (!runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"), sources[i],
                        QStringLiteral("-t"), QStringLiteral("3"), QStringLiteral("-c:v"), QStringLiteral("libx264"),
                        QStringLiteral("-preset"), QStringLiteral("ultrafast"), QStringLiteral("-pix_fmt"),
                        QStringLiteral("yuv420p"), folder + QLatin1Char('/') + name})) {
            return false;
        }
        // Clips 0 and 1 share a source: a split must keep them together.
        manifest += name.toUtf8() + "\t" + (i < 2 ? QByteArray("pattern") : "clip" + QByteArray::number(i)) + "\t" +
                    (i == 3 ? "rendered" : "camera") + "\ttest\tnone\n";
    }
    // A "photograph" (a fractal rendered by FFmpeg) and an object: a disc with soft edges on transparency.
    if (!runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                    QStringLiteral("mandelbrot=size=400x300:start_scale=0.5"), QStringLiteral("-frames:v"),
                    QStringLiteral("1"), folder + QStringLiteral("/photo.png")})) {
        return false;
    }
    media::VideoFrame object;
    object.width = object.height = 48;
    object.format = media::PixelFormat::Rgba;
    object.stride = object.width * 4;
    object.pixels.resize(static_cast<size_t>(object.stride) * object.height);
    for (int y = 0; y < 48; ++y) {
        for (int x = 0; x < 48; ++x) {
            uint8_t* p = object.row(y) + x * 4;
            const double r = std::hypot(x - 23.5, y - 23.5);
            p[0] = static_cast<uint8_t>(200 - 2 * x);
            p[1] = static_cast<uint8_t>(60 + 3 * y);
            p[2] = 90;
            p[3] = static_cast<uint8_t>(std::clamp(255.0 * (20 - r) / 3, 0.0, 255.0));
        }
    }
    media::writePng(object, (folder + QStringLiteral("/object.png")).toStdString());
    manifest += "photo.png\tphoto\tphoto\ttest\tnone\nobject.png\tobject\tobject\ttest\tnone\n";
    return writeFile(folder + QStringLiteral("/MANIFEST.tsv"), manifest);
}

model::JudgeConfig tinyTiledConfig(int tile, int frames) {
    model::JudgeConfig config = model::JudgeConfig::forPreset("tiny");
    config.inputView = model::InputView::Tiles;
    config.inputWidth = config.inputHeight = tile;
    config.inputFrames = frames;
    config.inputFps = 0.0;
    config.windowStride = (frames - 1) / 2;
    config.maxTiles = 8;
    config.transformer.numLayers = 1;
    config.tubelet.hiddenChannels = 16;
    config.tubelet.differenceInput = true;
    config.tubelet.edgeFeatures = true;
    config.tubelet.chromaFeatures = true;
    config.transformer.sampleWidth = config.latentWidth();
    config.transformer.sampleHeight = config.latentHeight();
    config.transformer.sampleFrames = frames;
    config.validate();
    return config;
}

} // namespace svj::test
