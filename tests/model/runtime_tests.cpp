// model/runtime: the LibTorch runtime the judge runs on.
#include "model/runtime.h"
#include "tests/support/test_registry.h"

#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <thread>

using namespace svj::model;

class RuntimeTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void configureThreadsSetsTheCount();
    void configureThreadsDefaultsToHardware();
    void runtimeVersionIsReported();
    void cleanupTestCase() { configureThreads(2); }
};

void RuntimeTest::configureThreadsSetsTheCount() {
    QCOMPARE(configureThreads(2), 2);
    QCOMPARE(threadCount(), 2);
    QCOMPARE(configureThreads(1), 1);
    QCOMPARE(threadCount(), 1);
}

void RuntimeTest::configureThreadsDefaultsToHardware() {
    const int expected = int(std::max(1u, std::thread::hardware_concurrency()));
    QCOMPARE(configureThreads(0), expected);
}

void RuntimeTest::runtimeVersionIsReported() {
    const QString version = QString::fromStdString(runtimeVersion());
    QVERIFY2(QRegularExpression(QStringLiteral("^LibTorch \\d+\\.\\d+")).match(version).hasMatch(),
             qPrintable(version));
    QCOMPARE(version.contains(QStringLiteral("CUDA")), cudaAvailable());
}

SVJ_REGISTER_TEST(RuntimeTest)
#include "runtime_tests.moc"
