// tst_widgets: every widgets/ test class, one executable (see tests/support/test_registry.h).
#include "tests/support/test_registry.h"

#include <QApplication>

int main(int argc, char** argv) {
    QApplication application(argc, argv);
    return svj::test::runRegisteredTests(argc, argv);
}
