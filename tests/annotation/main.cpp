// tst_annotation: every annotation/ test class, one executable (see tests/support/test_registry.h).
#include "tests/support/test_registry.h"

#include <QCoreApplication>

int main(int argc, char** argv) {
    QCoreApplication application(argc, argv);
    return svj::test::runRegisteredTests(argc, argv);
}
