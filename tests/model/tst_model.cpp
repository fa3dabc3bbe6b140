// model/: the LibTorch runtime the judge runs on.
#include "model/runtime.h"

#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <thread>

using namespace svj::model;

class TestModel : public QObject {
    Q_OBJECT

private slots:
    void configureThreadsSetsTheCount();
    void configureThreadsDefaultsToHardware();
    void runtimeVersionIsReported();
};

void TestModel::configureThreadsSetsTheCount() {
    QCOMPARE(configureThreads(2), 2);
    QCOMPARE(threadCount(), 2);
    QCOMPARE(configureThreads(1), 1);
    QCOMPARE(threadCount(), 1);
}

void TestModel::configureThreadsDefaultsToHardware() {
    const int expected = int(std::max(1u, std::thread::hardware_concurrency()));
    QCOMPARE(configureThreads(0), expected);
}

void TestModel::runtimeVersionIsReported() {
    const QString version = QString::fromStdString(runtimeVersion());
    QVERIFY2(QRegularExpression(QStringLiteral("^LibTorch \\d+\\.\\d+")).match(version).hasMatch(),
             qPrintable(version));
    QCOMPARE(version.contains(QStringLiteral("CUDA")), cudaAvailable());
}

QTEST_GUILESS_MAIN(TestModel)
#include "tst_model.moc"
