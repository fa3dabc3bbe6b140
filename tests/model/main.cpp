// tst_model: every model/ test class in one seeded, torch-linked executable (each such binary costs link
// time). Shapes are tiny; the whole suite runs in about a minute on two cores.
#include "model/runtime.h"
#include "tests/support/test_registry.h"

#include <QCoreApplication>

#include <torch/torch.h>

int main(int argc, char** argv) {
    QCoreApplication application(argc, argv);
    svj::model::configureThreads(2);
    torch::manual_seed(20260205);
    return svj::test::runRegisteredTests(argc, argv);
}
