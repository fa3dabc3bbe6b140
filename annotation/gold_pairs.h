// Gold pairs: a clean clip against a copy of it broken with a known fault (media/'s video faults, written
// with media/'s VideoWriter), so the answer is known and each annotator's accuracy on them can be measured.
#pragma once

#include "annotation/workspace.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace svj::annotation {

struct GoldOptions {
    QString outputFolder;    // where the clean and broken clips are written
    std::vector<int> faults; // media::VideoFault values; empty: all of them, one family after the other
    int maxFrames = 96;      // clips are cut to the first this many frames (both sides the same)
    uint64_t seed = 1;       // fault placement and which side the clean clip is on
};

struct GoldReport {
    int pairs = 0;
    QStringList written; // the files written
};

// For each video: a clean re-encode of its first frames and one broken copy per fault in turn, added as a gold
// pair (origin "gold", the clean side as the answer, sides drawn at random). All in one transaction; the
// files are written first (atomically). Throws media::MediaError naming an unreadable video, WorkspaceError.
GoldReport makeGoldPairs(Workspace& workspace, const QStringList& videos, const GoldOptions& options);

} // namespace svj::annotation
