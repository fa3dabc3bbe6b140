// A team workspace opened in the window with its password in the URL (needs the test server, SVJ_TEST_POSTGRES;
// CTest's tst_widgets_postgres): the password ends in libpq's password file and in a child process's environment,
// and nowhere else: not in the window title, the settings, the checkpoint folder (named from the password-free URL;
// the run's file and logs), or a child's command line.
#include "annotation/server_credentials.h"
#include "tests/support/test_clips.h"
#include "tests/support/test_registry.h"
#include "widgets/finetune_panel.h"
#include "widgets/main_window.h"
#include "widgets/workspace_session.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>
#include <QUuid>

using namespace svj::widgets;

class TeamWindowTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aPasswordInTheUrlGoesWhereItBelongs();
};

void TeamWindowTest::aPasswordInTheUrlGoesWhereItBelongs() {
    const QString admin = qEnvironmentVariable("SVJ_TEST_POSTGRES");
    if (admin.isEmpty()) {
        QSKIP("needs the test server (SVJ_TEST_POSTGRES; CTest's tst_widgets_postgres)");
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString password = QStringLiteral("gui-") + QUuid::createUuid().toString(QUuid::Id128);
    const QString role = QStringLiteral("svj_gui_%1").arg(QCoreApplication::applicationPid());
    QProcess psql;
    psql.start(QStringLiteral("psql"),
               {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                QStringLiteral("-d"), admin, QStringLiteral("-c"),
                QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(role, password), QStringLiteral("-c"),
                QStringLiteral("CREATE DATABASE %1 OWNER %1").arg(role)});
    QVERIFY(psql.waitForFinished(60000));
    QVERIFY2(psql.exitCode() == 0, psql.readAllStandardError().constData());
    QUrl url(admin);
    url.setUserName(role);
    url.setPath(QLatin1Char('/') + role);
    const QString location = url.toString();
    url.setPassword(password);

    // Everything the window keeps goes under the test's folder.
    const QString home = dir.filePath(QStringLiteral("home"));
    qputenv("XDG_DATA_HOME", (home + QStringLiteral("/data")).toLocal8Bit());
    qputenv("XDG_CONFIG_HOME", (home + QStringLiteral("/config")).toLocal8Bit());
    qputenv("XDG_CACHE_HOME", (home + QStringLiteral("/cache")).toLocal8Bit());
    const QString passFile = dir.filePath(QStringLiteral("pgpass"));
    const QByteArray adminPassFile = qgetenv("PGPASSFILE");
    qputenv("PGPASSFILE", passFile.toLocal8Bit());
    const QString settingsFile = home + QStringLiteral("/settings.ini");
    QString checkpoints;
    {
        QSettings settings(settingsFile, QSettings::IniFormat);
        settings.setValue(QStringLiteral("annotator/name"), QStringLiteral("tess"));
        MainWindow window(settings);
        window.show();
        QVERIFY(window.openWorkspace(url.toString(), true));
        QVERIFY(!window.windowTitle().contains(password));
        QVERIFY(window.windowTitle().contains(location));
        // The user is told where the password went.
        auto* told = window.findChild<QMessageBox*>(QStringLiteral("passwordMovedMessage"));
        QVERIFY(told);
        QVERIFY2(told->text().contains(passFile), qPrintable(told->text()));
        told->close();
        // A child: the fine-tune run, its program a recorder of its arguments and environment.
        const QString recorder = dir.filePath(QStringLiteral("record.sh"));
        QFile script(recorder);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$0.args\"\nenv > \"$0.env\"\n");
        script.close();
        QVERIFY(script.setPermissions(script.permissions() | QFileDevice::ExeOwner));
        FinetunePanel* finetune = window.finetunePanel();
        QVERIFY(finetune);
        finetune->setProgram(recorder);
        finetune->start(1);
        checkpoints = QFileInfo(finetune->runningCheckpoint()).absolutePath(); // named from the password-free URL
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(recorder + QStringLiteral(".env")), 20000);
        QTest::qWait(200); // the recorder's files written whole
        QFile arguments(recorder + QStringLiteral(".args"));
        QVERIFY(arguments.open(QIODevice::ReadOnly));
        const QByteArray argv = arguments.readAll();
        QVERIFY2(argv.contains(location.toUtf8()), argv.constData()); // it was given the workspace
        QVERIFY2(!argv.contains(password.toUtf8()), "a child's command line holds the password");
        QFile environment(recorder + QStringLiteral(".env"));
        QVERIFY(environment.open(QIODevice::ReadOnly));
        QVERIFY2(environment.readAll().contains("PGPASSWORD=" + password.toUtf8()),
                 "the child was not given the password in its environment");
        QFile::remove(recorder + QStringLiteral(".env")); // the one file meant to hold it, made by the recorder
        settings.sync();
    }
    // Opened again without the password anywhere (a new session, an empty password file): the window asks for it
    // in a password field, holds it in memory and opens.
    {
        svj::annotation::rememberPassword(location, QString());
        const QString emptyFile = dir.filePath(QStringLiteral("empty-pgpass"));
        qputenv("PGPASSFILE", emptyFile.toLocal8Bit());
        QSettings settings(settingsFile, QSettings::IniFormat);
        MainWindow window(settings);
        window.show();
        bool asked = false;
        QTimer answer;
        QObject::connect(&answer, &QTimer::timeout, [&] {
            if (auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget())) {
                asked = dialog->textEchoMode() == QLineEdit::Password && dialog->labelText().contains(location);
                dialog->setTextValue(password);
                dialog->accept();
            }
        });
        answer.start(50);
        QVERIFY(window.openWorkspace(location));
        QVERIFY(asked);
        QCOMPARE(svj::annotation::rememberedPassword(location), password);
        QVERIFY(!QFile::exists(emptyFile)); // held in memory, not written anywhere
    }
    qputenv("PGPASSFILE", adminPassFile);
    QFile passwords(passFile);
    QVERIFY(passwords.open(QIODevice::ReadOnly));
    QVERIFY(passwords.readAll().contains(password.toUtf8()));
    QCOMPARE(QFile::permissions(passFile) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
    QStringList searched;
    for (const QString& folder : {home, checkpoints}) {
        const svj::test::FileSearch search = svj::test::searchFiles(folder, password.toUtf8());
        QVERIFY2(search.holding.isEmpty(),
                 qPrintable(search.holding.join(QLatin1Char(' ')) + QStringLiteral(" hold it")));
        searched << search.searched;
    }
    QVERIFY(QDir(checkpoints).removeRecursively());
    QVERIFY2(searched.contains(QStringLiteral("settings.ini")), qPrintable(searched.join(QLatin1Char(' '))));
    QSettings reread(settingsFile, QSettings::IniFormat);
    QCOMPARE(reread.value(QStringLiteral("workspaces/recent")).toStringList().value(0), location);
    qInfo("searched %lld files: %s", static_cast<long long>(searched.size()),
          qPrintable(searched.join(QStringLiteral(", "))));
}

SVJ_REGISTER_TEST(TeamWindowTest)
#include "team_window_tests.moc"
