// The labelling loop in the main window, keyboard only: a workspace created from the window, generated clips
// imported through the import dialog (a bad manifest first: nothing changes) and assigned, 20 pairs labelled (with a
// skip and an undo), the must-watch rule enforced, aspects and an evidence mark with its note stored with the vote,
// exports in TRL and GenAI-Bench read back, and a tiny fine-tune on the labels followed to its end with its checkpoint
// diff.
#include "annotation/label_queue.h"
#include "annotation/label_store.h"
#include "annotation/pairing.h"
#include "annotation/workspace.h"
#include "annotation/workspace_sql.h"
#include "tests/support/test_clips.h"
#include "tests/support/test_registry.h"
#include "widgets/comparison_view.h"
#include "widgets/export_dialog.h"
#include "widgets/finetune_panel.h"
#include "widgets/import_dialog.h"
#include "widgets/labelling_panel.h"
#include "widgets/main_window.h"
#include "widgets/statistics_view.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace svj::widgets;
namespace annotation = svj::annotation;

namespace {

QStringList jsonLines(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

class LabellingTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void labelTwentyPairsWithTheKeyboard();

private:
    // Steps through every frame of both videos (each step is "watched"), as an annotator might with →.
    void watchWholePair(ComparisonView* view);

    QTemporaryDir m_dir;
    QString m_project;
};

void LabellingTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    // Seven "models" with one prompt: 21 same-prompt pairs of 1 s clips (10 frames), each a different picture.
    m_project = m_dir.filePath(QStringLiteral("project"));
    QVERIFY(svj::test::makeModelClips(m_project, 7, QStringLiteral("a red kite.mp4")));
}

void LabellingTest::watchWholePair(ComparisonView* view) {
    QTest::keyClick(view, Qt::Key_Home);
    for (int i = 0; i < 10; ++i) {
        QTest::keyClick(view, Qt::Key_Right);
    }
}

void LabellingTest::labelTwentyPairsWithTheKeyboard() {
    QSettings settings(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    settings.setValue(QStringLiteral("annotator/name"), QStringLiteral("tess"));
    settings.setValue(QStringLiteral("judge/scoreWorkspace"), QString());
    MainWindow window(settings);
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));

    // A new workspace from the window; the clips imported and paired into it.
    const QString path = m_dir.filePath(QStringLiteral("labels.svjw"));
    QVERIFY(window.openWorkspace(path, true));
    LabellingPanel* panel = window.labellingPanel();
    QVERIFY(panel);
    // Reads the stored rows back below.
    const annotation::WorkspaceSql sql(panel->workspace());
    QCOMPARE(panel->shownPair(), 0); // nothing assigned yet
    // The import dialog (children `svj db import` and `svj db pairs`): first a manifest with a bad line, which
    // changes nothing and names the line, then the folder.
    const QString manifest = m_dir.filePath(QStringLiteral("bad.csv"));
    QVERIFY(svj::test::writeFile(manifest, "path,model,prompt\nproject/model0/a red kite.mp4,m0,kite\n"
                                           "project/missing.mp4,m1,kite\n"));
    ImportDialog importer(path);
    importer.setProgram(qEnvironmentVariable("SVJ_BINARY"));
    QSignalSpy imported(&importer, &ImportDialog::finished);
    importer.startImport(ImportDialog::Source::Manifest, manifest);
    QVERIFY(imported.wait(60000));
    QCOMPARE(imported.takeFirst().value(0).toBool(), false);
    QVERIFY2(importer.report().contains(QStringLiteral("bad.csv:3")), qPrintable(importer.report()));
    QCOMPARE(sql.scalar(QStringLiteral("SELECT COUNT(*) FROM videos")).toInt(), 0);
    importer.startImport(ImportDialog::Source::VideoFolder, m_project);
    QVERIFY(imported.wait(60000));
    QVERIFY2(imported.takeFirst().value(0).toBool(), qPrintable(importer.report()));
    QVERIFY2(importer.report().contains(QStringLiteral("7 videos, 7 new")), qPrintable(importer.report()));
    QCOMPARE(sql.scalar(QStringLiteral("SELECT COUNT(*) FROM pairs")).toInt(), 21);
    panel->assignMePairs();
    QVERIFY(panel->shownPair() != 0);
    QCOMPARE(panel->session().progress().assigned, 21);
    ComparisonView* view = window.comparisonView();
    QCOMPARE(view->videoCount(), 2);
    QCOMPARE(view->timeline().tracks()[0].name, QStringLiteral("Left")); // blind: no file names
    QVERIFY(!view->isJudgeVisible());
    view->setFocus();

    const auto standing = [&] {
        return static_cast<int>(annotation::LabelStore(panel->workspace()).currentLabels().size());
    };
    // Must-watch: a vote before both videos were watched does not count.
    QTest::keyClick(view, Qt::Key_1);
    QCOMPARE(standing(), 0);
    QTest::keyClick(view, Qt::Key_Right);
    QTest::keyClick(view, Qt::Key_End); // a jump is not watching
    QTest::keyClick(view, Qt::Key_1);
    QCOMPARE(standing(), 0);

    // The first pair: VQ to the left (Alt+1), an evidence mark on the right with a note, then "left better".
    watchWholePair(view);
    QVERIFY(panel->watchedFraction(0) >= 0.99 && panel->watchedFraction(1) >= 0.99);
    const qint64 firstPair = panel->shownPair();
    const bool firstAOnLeft = panel->session().current()->aOnLeft;
    QTest::keyClick(view, Qt::Key_1, Qt::AltModifier);
    QTest::keyClick(view, Qt::Key_E, Qt::ShiftModifier);
    QTRY_VERIFY(QApplication::focusWidget() && qobject_cast<QLineEdit*>(QApplication::focusWidget()));
    auto* note = qobject_cast<QLineEdit*>(QApplication::focusWidget());
    QTest::keyClicks(note, QStringLiteral("smear"));
    QTest::keyClick(note, Qt::Key_Return);
    QTRY_COMPARE(QApplication::focusWidget(), view);
    QTest::keyClick(view, Qt::Key_1);
    QCOMPARE(standing(), 1);
    QVERIFY(panel->shownPair() != firstPair);

    int voted = 1;
    int round = 0;
    bool skipped = false;
    bool undone = false;
    while (voted < 20) {
        ++round;
        QVERIFY2(panel->shownPair() != 0, "the queue ran out");
        watchWholePair(view);
        if (round == 3 && !skipped) {
            QTest::keyClick(view, Qt::Key_S);
            skipped = true;
            continue;
        }
        const qint64 pair = panel->shownPair();
        QTest::keyClick(view, static_cast<Qt::Key>(Qt::Key_1 + round % 4));
        QCOMPARE(standing(), voted + 1);
        if (round == 6 && !undone) {
            QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier); // take it back: the same pair again
            QCOMPARE(standing(), voted);
            QCOMPARE(panel->shownPair(), pair);
            undone = true;
            continue;
        }
        ++voted;
    }
    QCOMPARE(standing(), 20);
    const annotation::QueueProgress progress = panel->session().progress();
    QCOMPARE(progress.labelled, 20);
    QCOMPARE(progress.skipped, 1);
    QCOMPARE(progress.open, 0);

    // The first vote as stored: the side mapped to A / B, the aspect, the mark with its note, what was watched.
    {
        // Scoped: a live query holds its snapshot, and the fine-tune below needs later writes seen.
        QSqlQuery first =
            sql.exec(QStringLiteral(
                         "SELECT verdict, aspects, evidence, watched_a, watched_b, a_on_left FROM labels WHERE pair_id "
                         "= ? AND verdict <> 'undone' ORDER BY id LIMIT 1"),
                     {firstPair});
        QVERIFY(first.next());
        const QString left = firstAOnLeft ? QStringLiteral("A") : QStringLiteral("B");
        QCOMPARE(first.value(0).toString(), left);
        QCOMPARE(first.value(1).toString(), QStringLiteral("{\"VQ\":\"%1\"}").arg(left));
        const QJsonObject mark = QJsonDocument::fromJson(first.value(2).toString().toUtf8()).array().first().toObject();
        QCOMPARE(mark.value(QStringLiteral("side")).toString(),
                 firstAOnLeft ? QStringLiteral("B") : QStringLiteral("A"));
        QCOMPARE(mark.value(QStringLiteral("note")).toString(), QStringLiteral("smear"));
        QVERIFY(first.value(3).toDouble() >= 0.99 && first.value(4).toDouble() >= 0.99);
        QCOMPARE(first.value(5).toInt() != 0, firstAOnLeft);
    }

    // The statistics view over these labels: one annotator, seven generators ranked.
    StatisticsView* statistics = window.statisticsView();
    QVERIFY(statistics);
    statistics->refresh();
    QCOMPARE(statistics->statistics().labels, 20);
    QCOMPARE(statistics->annotatorTable()->rowCount(), 1);
    QCOMPARE(statistics->annotatorTable()->item(0, 0)->text(), QStringLiteral("tess"));
    QCOMPARE(statistics->annotatorTable()->item(0, 1)->text(), QStringLiteral("20"));
    QCOMPARE(statistics->leaderboardTable()->rowCount(), 7);
    // The Effort tab: everyone and tess, every vote timed by the panel and watched to the end first.
    QCOMPARE(statistics->effortTable()->rowCount(), 2);
    QCOMPARE(statistics->effortTable()->item(1, 0)->text(), QStringLiteral("tess"));
    QCOMPARE(statistics->effortTable()->item(1, 2)->text(), QStringLiteral("20")); // timed
    QCOMPARE(statistics->effortTable()->item(1, 7)->text(), QStringLiteral("0"));  // votes without watching
    QVERIFY(statistics->statistics().effort[1].medianSeconds >= 0);

    // Exports, each read back by the dialog's round-trip check, and the files as their readers expect them.
    ExportDialog exporter(panel->workspace());
    const QString genai = m_dir.filePath(QStringLiteral("genai.jsonl"));
    QVERIFY2(exporter.exportTo(annotation::PreferenceFormat::GenAIBench, genai), qPrintable(exporter.resultText()));
    QVERIFY(exporter.resultText().contains(QStringLiteral("20")));
    const QStringList rows = jsonLines(genai);
    QCOMPARE(rows.size(), 20);
    const QJsonObject row = QJsonDocument::fromJson(rows.first().toUtf8()).object();
    for (const char* key : {"prompt", "left_video", "right_video", "left_model", "right_model", "vote_type"}) {
        QVERIFY2(row.contains(QLatin1String(key)), key);
    }
    QCOMPARE(row.value(QStringLiteral("prompt")).toString(), QStringLiteral("a red kite"));
    const QString trl = m_dir.filePath(QStringLiteral("trl.jsonl"));
    QVERIFY2(exporter.exportTo(annotation::PreferenceFormat::Trl, trl), qPrintable(exporter.resultText()));
    const QStringList preferences = jsonLines(trl);
    QVERIFY(!preferences.isEmpty());
    const QJsonObject preference = QJsonDocument::fromJson(preferences.first().toUtf8()).object();
    QVERIFY(preference.contains(QStringLiteral("chosen")) && preference.contains(QStringLiteral("rejected")));

    // A tiny fine-tune on these labels, in its own process, followed to its end; then the checkpoint diff.
    FinetunePanel* finetune = window.finetunePanel();
    QVERIFY(finetune);
    finetune->setProgram(qEnvironmentVariable("SVJ_BINARY"));
    QSignalSpy finished(finetune, &FinetunePanel::finished);
    QSignalSpy diffed(finetune, &FinetunePanel::diffReady);
    finetune->start(1);
    QVERIFY(finetune->isRunning());
    QVERIFY(finished.wait(240000));
    QVERIFY2(finished.front().value(0).toBool(), qPrintable(finetune->stateText()));
    QVERIFY(QFile::exists(finetune->runningCheckpoint()));
    QVERIFY(finetune->lossPoints() > 0);
    QVERIFY(finetune->accuracyPoints() >= 1);
    QVERIFY(finetune->checkpoints().contains(finetune->runningCheckpoint()));
    QVERIFY2(diffed.wait(120000), qPrintable(finetune->diffSummary()));
    QSqlQuery decisive = sql.exec(
        QStringLiteral("SELECT COUNT(*) FROM labels l WHERE l.verdict IN ('A', 'B') AND NOT EXISTS (SELECT 1 FROM "
                       "labels s WHERE s.supersedes = l.id)"));
    QVERIFY(decisive.next());
    const annotation::CheckpointDiff& diff = finetune->lastDiff();
    QVERIFY2(diff.unscored == 0, qPrintable(finetune->diffSummary() + QStringLiteral(" / ") + finetune->stateText()));
    QCOMPARE(static_cast<int>(diff.gained.size() + diff.lost.size()) + diff.bothRight + diff.bothWrong,
             decisive.value(0).toInt());
    // The new judge is a stage-2 one: it scored with a reward, kept in the workspace.
    QSqlQuery rewards = sql.exec(QStringLiteral("SELECT COUNT(*) FROM judge_scores s JOIN checkpoints c ON c.id = "
                                                "s.checkpoint_id WHERE s.reward IS NOT NULL"));
    QVERIFY(rewards.next());
    QVERIFY(rewards.value(0).toInt() > 0);

    // A long run, the window "closed" and the workspace opened again: the new panel reattaches to the running
    // process; stopping it writes a checkpoint that Resume continues.
    finetune->start(500);
    QTRY_VERIFY_WITH_TIMEOUT(finetune->lossPoints() > 0, 60000);
    const QString running = finetune->runningCheckpoint();
    auto reopened = std::make_unique<FinetunePanel>(path, panel->workspace(), MainWindow::checkpointFolder(path), view);
    reopened->setProgram(qEnvironmentVariable("SVJ_BINARY"));
    QVERIFY(reopened->isRunning());
    QCOMPARE(reopened->runningCheckpoint(), running);
    QVERIFY(reopened->lossPoints() > 0); // the log replayed
    QSignalSpy stopped(reopened.get(), &FinetunePanel::finished);
    reopened->stop();
    QVERIFY(stopped.wait(60000));
    QCOMPARE(stopped.takeFirst().value(0).toBool(), false);
    QVERIFY(QFile::exists(running + QStringLiteral(".state")));
    reopened->resume();
    QVERIFY(reopened->isRunning());
    reopened->stop();
    QVERIFY(stopped.wait(60000));
    QVERIFY(!reopened->isRunning());
}

SVJ_REGISTER_TEST(LabellingTest)
#include "labelling_tests.moc"
