// tst_widgets: every widgets/ test class, one executable (see tests/support/test_registry.h).
#include "tests/support/test_registry.h"

#include <QApplication>
#include <QStandardPaths>

int main(int argc, char** argv) {
    QApplication application(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // windows keep their caches out of the user's own
    return svj::test::runRegisteredTests(argc, argv);
}
