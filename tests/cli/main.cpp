// tst_cli: the `svj` executable as a black box, every test class in one program.
#include "tests/support/test_registry.h"

#include <QCoreApplication>

int main(int argc, char** argv) {
    QCoreApplication application(argc, argv);
    return svj::test::runRegisteredTests(argc, argv);
}
