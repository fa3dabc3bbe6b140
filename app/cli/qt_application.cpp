#include "app/cli/qt_application.h"

namespace svj::cli {

std::unique_ptr<QCoreApplication> ensureQtApplication() {
    if (QCoreApplication::instance()) {
        return nullptr;
    }
    static int argc = 1;
    static char name[] = "svj";
    static char* argv[] = {name, nullptr};
    return std::make_unique<QCoreApplication>(argc, argv);
}

} // namespace svj::cli
