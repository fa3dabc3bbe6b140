// tst_training: every training/ test class, one executable (see tests/support/test_registry.h).
#include "media/ffmpeg_log.h"
#include "tests/support/test_registry.h"

#include <QCoreApplication>

int main(int argc, char** argv) {
    QCoreApplication application(argc, argv);
    svj::media::setFfmpegLogLevel(svj::media::FfmpegLogLevel::Quiet);
    return svj::test::runRegisteredTests(argc, argv);
}
