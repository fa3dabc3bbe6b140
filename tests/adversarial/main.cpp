// tst_adversarial: hostile files against the `svj` executable, every test class in one program.
#include "tests/support/test_registry.h"

#include <QCoreApplication>

int main(int argc, char** argv) {
    QCoreApplication application(argc, argv);
    return svj::test::runRegisteredTests(argc, argv);
}
