// A labelling process for the reliability tests: appends labels to a workspace's pairs as fast as it can
// and prints each label's id on its own line the moment it is committed (the "acknowledgement").
//   label_writer WORKSPACE ANNOTATOR SECONDS
#include "annotation/label_store.h"
#include "annotation/workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

using namespace svj::annotation;

int main(int argc, char** argv) {
    QCoreApplication application(argc, argv);
    if (argc != 4) {
        std::fprintf(stderr, "usage: label_writer WORKSPACE ANNOTATOR SECONDS\n");
        return 2;
    }
    try {
        Workspace workspace = Workspace::open(QString::fromLocal8Bit(argv[1]));
        LabelStore store(workspace);
        const QVector<StoredPair> pairs = store.pairs();
        if (pairs.isEmpty()) {
            std::fprintf(stderr, "no pairs\n");
            return 1;
        }
        const Verdict verdicts[] = {Verdict::A, Verdict::B, Verdict::Tie, Verdict::BothBad};
        QElapsedTimer clock;
        clock.start();
        const qint64 limitMs = static_cast<qint64>(std::atof(argv[3]) * 1000);
        for (int i = 0; clock.elapsed() < limitMs; ++i) {
            LabelInput label;
            label.pairId = pairs[i % pairs.size()].id;
            label.annotator = QString::fromLocal8Bit(argv[2]);
            label.verdict = verdicts[i % 4];
            label.aspects.insert(QStringLiteral("VQ"), verdicts[(i / 4) % 4]);
            label.secondsSpent = i;
            qint64 id = 0;
            workspace.transaction([&] { id = store.addLabel(label); });
            std::printf("%lld\n", static_cast<long long>(id));
            std::fflush(stdout);
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "label_writer: %s\n", error.what());
        return 1;
    }
    return 0;
}
