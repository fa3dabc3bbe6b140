// annotation/: the SQL engines the label store runs on.
#include "annotation/sql_runtime.h"
#include "tests/support/test_registry.h"

#include <QSqlDatabase>
#include <QTest>

#include <sqlite3.h>

using namespace svj::annotation;

class TestAnnotation : public QObject {
    Q_OBJECT

private slots:
    void sqliteDriverIsAvailable();
    void sqliteVersionComesFromTheLinkedLibrary();
    void askingLeavesNoConnectionBehind();
};

void TestAnnotation::sqliteDriverIsAvailable() {
    QVERIFY(sqlDrivers().contains(QStringLiteral("QSQLITE")));
}

void TestAnnotation::sqliteVersionComesFromTheLinkedLibrary() {
    // Qt's QSQLITE plugin on Debian uses the system libsqlite3: the version it reports must be that library's.
    QCOMPARE(sqliteVersion(), QString::fromLatin1(sqlite3_libversion()));
}

void TestAnnotation::askingLeavesNoConnectionBehind() {
    const int before = QSqlDatabase::connectionNames().size();
    sqliteVersion();
    QCOMPARE(QSqlDatabase::connectionNames().size(), before);
}

SVJ_REGISTER_TEST(TestAnnotation)
#include "tst_annotation.moc"
