#include "annotation/gold_pairs.h"

#include "annotation/label_store.h"
#include "annotation/workspace_sql.h"
#include "media/video_faults.h"
#include "media/video_reader.h"
#include "media/video_writer.h"

#include <QDir>
#include <QFileInfo>

#include <cmath>
#include <random>

namespace svj::annotation {
namespace {

// The first `maxFrames` frames of a video, packed RGB, and its frame rate.
media::PackedClip readClip(const QString& path, int maxFrames, media::Rational& fps) {
    media::VideoReader reader(path.toStdString());
    fps = reader.info().frameRate;
    media::PackedClip clip;
    const int64_t frames = std::min<int64_t>(reader.frameCount(), maxFrames);
    for (int64_t i = 0; i < frames; ++i) {
        const media::VideoFrame frame = reader.readFrame(i);
        if (i == 0) {
            // H.264 wants even sizes: drop an odd last row or column.
            clip.width = frame.width & ~1;
            clip.height = frame.height & ~1;
            clip.rgb.reserve(clip.frameBytes() * static_cast<size_t>(frames));
        }
        for (int y = 0; y < clip.height; ++y) {
            const uint8_t* row = frame.pixels.data() + static_cast<size_t>(y) * static_cast<size_t>(frame.stride);
            clip.rgb.insert(clip.rgb.end(), row, row + static_cast<size_t>(clip.width) * 3);
        }
        ++clip.frames;
    }
    return clip;
}

void writeClip(const media::PackedClip& clip, const QString& path, media::Rational fps) {
    media::WriterOptions options;
    options.fps = fps.num > 0 && fps.den > 0 ? fps : media::Rational{25, 1};
    media::VideoWriter writer(path.toStdString(), clip.width, clip.height, options);
    for (int t = 0; t < clip.frames; ++t) {
        writer.writeRgb(clip.frame(t), clip.width * 3);
    }
    writer.finish();
}

} // namespace

GoldReport makeGoldPairs(Workspace& workspace, const QStringList& videos, const GoldOptions& options) {
    std::vector<int> faults = options.faults;
    if (faults.empty()) {
        // One family after the other, so even a handful of videos gets one fault of each family.
        std::vector<std::vector<media::VideoFault>> families;
        for (const media::FaultFamily family : media::allFaultFamilies()) {
            families.push_back(media::faultsOfFamily(family));
        }
        for (size_t round = 0; faults.size() < media::allVideoFaults().size(); ++round) {
            for (const std::vector<media::VideoFault>& family : families) {
                if (round < family.size()) {
                    faults.push_back(static_cast<int>(family[round]));
                }
            }
        }
    }
    QDir().mkpath(options.outputFolder);
    const QDir folder(options.outputFolder);
    std::mt19937_64 random(options.seed);
    GoldReport report;
    struct Planned {
        QString clean;
        QString broken;
        QString fault;
        bool cleanFirst = true;
    };
    std::vector<Planned> planned;
    for (qsizetype i = 0; i < videos.size(); ++i) {
        media::Rational fps;
        const media::PackedClip clip = readClip(videos[i], options.maxFrames, fps);
        const auto fault = static_cast<media::VideoFault>(faults[static_cast<size_t>(i) % faults.size()]);
        const media::PackedClip broken = media::applyVideoFault(clip, fault, random);
        const QString stem = QFileInfo(videos[i]).completeBaseName();
        Planned plan;
        plan.fault = QString::fromLatin1(media::videoFaultName(fault)).replace(QLatin1Char(' '), QLatin1Char('-'));
        plan.clean = folder.absoluteFilePath(QStringLiteral("gold-%1-clean.mp4").arg(stem));
        plan.broken = folder.absoluteFilePath(QStringLiteral("gold-%1-%2.mp4").arg(stem, plan.fault));
        writeClip(clip, plan.clean, fps);
        writeClip(broken, plan.broken, fps);
        plan.cleanFirst = std::uniform_int_distribution<int>(0, 1)(random) == 0;
        report.written << plan.clean << plan.broken;
        planned.push_back(plan);
    }
    LabelStore store(workspace);
    workspace.transaction([&] {
        for (const Planned& plan : planned) {
            const StoredVideo clean = store.addVideo(plan.clean);
            const StoredVideo broken = store.addVideo(plan.broken);
            const qint64 a = plan.cleanFirst ? clean.id : broken.id;
            const qint64 b = plan.cleanFirst ? broken.id : clean.id;
            const qint64 pair = store.addPair(a, b, {}, QStringLiteral("gold"), QStringLiteral("gold:") + plan.fault);
            WorkspaceSql(workspace).exec(QStringLiteral("UPDATE pairs SET gold_answer = ? WHERE id = ?"),
                                         {plan.cleanFirst ? QStringLiteral("A") : QStringLiteral("B"), pair});
        }
    });
    report.pairs = static_cast<int>(planned.size());
    return report;
}

} // namespace svj::annotation
