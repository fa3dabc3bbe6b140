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

// `seconds` of an FFmpeg lavfi source (e.g. "testsrc2=size=96x64:rate=24"), through `filter` when given, as an
// H.264 (ultrafast, yuv420p) file at `out`; the same for an existing video as `source` with `fromFile`.
bool encodeTestClip(const QString& source, double seconds, const QString& out, const QString& filter = {},
                    bool fromFile = false);

// The three moving patterns the training tests learn from (testsrc2, mandelbrot, life; 96x64 at 24 fps, 4 s):
// FOLDER/clip0.mp4 .. clip2.mp4.
bool makePatternClips(const QString& folder);

// One prompt from `models` generated "models": PROJECT/modelN/FILE_NAME, 1 s H.264 clips (10 frames, 96x64),
// each model's a different hue. Returns false (and prints why) when FFmpeg fails.
bool makeModelClips(const QString& project, int models, const QString& fileName);

// Writes `bytes` to `path`; returns false on failure.
bool writeFile(const QString& path, const QByteArray& bytes);

// Every file under `folder` (subfolders and hidden files too) searched for `needle`: the names of the files read,
// and the paths of those that hold it or could not be read.
struct FileSearch {
    QStringList searched;
    QStringList holding;
};
FileSearch searchFiles(const QString& folder, const QByteArray& needle);

// Runs the ffmpeg CLI and returns its stdout (e.g. `-f rawvideo -`); empty on failure.
QByteArray ffmpegOutput(const QStringList& arguments);

// Reads the frame number a make_test_clips.sh clip carries in its top rows: 16 blocks of 20x40 pixels,
// white for a set bit. `rgb` is packed RGB24 of `width` x `height` in the clip's stored orientation.
// Returns -1 when a block is neither clearly black nor clearly white.
int frameIndexInPicture(const uint8_t* rgb, int width, int height, int stride);

} // namespace svj::test
