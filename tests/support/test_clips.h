// Test helpers: the clips made by tests/media/make_test_clips.sh, and running the ffmpeg CLI.
#pragma once

#include <QString>
#include <QStringList>

namespace svj::test {

// Folder of the generated clips: $SVJ_TEST_CLIPS, else the build tree's test-clips folder.
QString clipsDir();

// Path of one generated clip; empty (and a warning printed) when it is missing.
QString clip(const QString& fileName);

// Runs `ffmpeg -hide_banner -loglevel error -y ARGS`; returns false and prints stderr on failure.
bool runFfmpeg(const QStringList& arguments);

// Writes `bytes` to `path`; returns false on failure.
bool writeFile(const QString& path, const QByteArray& bytes);

} // namespace svj::test
