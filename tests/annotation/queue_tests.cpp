// Building a labelling project: videos from a folder or a manifest, automatic and gold pairs, the queue
// (k-way overlap, random order and sides, next / skip / undo), statistics over it, and a forward migration.
#include "annotation/agreement.h"
#include "annotation/gold_pairs.h"
#include "annotation/import_error.h"
#include "annotation/judge_scores.h"
#include "annotation/label_queue.h"
#include "annotation/label_store.h"
#include "annotation/pairing.h"
#include "annotation/preference_file.h"
#include "annotation/schema.h"
#include "annotation/sql_dialect.h"
#include "annotation/workspace.h"
#include "annotation/workspace_preferences.h"
#include "annotation/workspace_sql.h"
#include "annotation/workspace_statistics.h"
#include "tests/annotation/workspace_location.h"
#include "tests/support/test_clips.h"
#include "tests/support/test_registry.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace svj::annotation;

namespace {

// ROOT/MODEL/PROMPT.ext for three models and two prompts, from six distinct fixture encodes.
QString makeProject(const QString& root) {
    const QStringList sources = {QStringLiteral("idx_h264_720p.mp4"), QStringLiteral("idx_vp9.webm"),
                                 QStringLiteral("idx_mjpeg.avi"),     QStringLiteral("idx_mpeg4.avi"),
                                 QStringLiteral("idx_theora.ogv"),    QStringLiteral("h264_25fps_50f.mp4")};
    int next = 0;
    for (const QString& model : {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")}) {
        QDir().mkpath(root + QLatin1Char('/') + model);
        for (const QString& prompt : {QStringLiteral("cat"), QStringLiteral("dog")}) {
            const QString source = svj::test::clip(sources[next++]);
            QFile::copy(source, QStringLiteral("%1/%2/%3.%4").arg(root, model, prompt, QFileInfo(source).suffix()));
        }
    }
    return root;
}

} // namespace

class QueueTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void olderSchemaMigratesForward();
    void videosFromAFolderAndAManifest();
    void automaticPairs();
    void goldPairsKnowTheirAnswer();
    void queueOverlapsOrdersAndResumes();
    void statisticsMatchTheFormulas();
    void leadsViewOfEffortAndTheJudgesTies();
};

void QueueTest::olderSchemaMigratesForward() {
    QTemporaryDir dir;
    const QString path = svj::test::newWorkspaceLocation(dir.path(), QStringLiteral("v1.svj"));
    const SqlDialect dialect(WorkspaceLocation::parse(path).engine);
    QStringList version1;
    for (const QString& statement : migrationTo(1)) {
        version1 << dialect.schemaStatement(statement);
    }
    version1 << QStringLiteral("INSERT INTO meta (key, value) VALUES ('schema_version', '1')");
    svj::test::runRaw(path, version1);
    if (!svj::test::onPostgres()) {
        // A copy under the same name from another life of this path (or a killed VACUUM INTO) is never
        // taken for this workspace's copy, nor overwritten.
        const QString other = dir.filePath(QStringLiteral("other.svj"));
        svj::test::runRaw(other, version1);
        QVERIFY(svj::test::writeFile(other + QStringLiteral(".schema-1.backup"), "an older copy"));
        Workspace migrated = Workspace::open(other);
        QCOMPARE(migrated.migrationBackup(), other + QStringLiteral(".schema-1.backup.2"));
        QFile older(other + QStringLiteral(".schema-1.backup"));
        QVERIFY(older.open(QIODevice::ReadOnly));
        QCOMPARE(older.readAll(), QByteArray("an older copy"));
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.partial-*")}), QStringList());
    }
    Workspace workspace = Workspace::open(path);
    QCOMPARE(workspace.schemaVersion(), Workspace::currentSchemaVersion());
    if (!svj::test::onPostgres()) {
        // The workspace as it was, copied before the migration touched it: still a version-1 workspace.
        QCOMPARE(workspace.migrationBackup(), path + QStringLiteral(".schema-1.backup"));
        QSqlDatabase copy = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("backup-check"));
        copy.setDatabaseName(workspace.migrationBackup());
        QVERIFY(copy.open());
        QSqlQuery version(copy);
        QVERIFY(version.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")) && version.next());
        QCOMPARE(version.value(0).toString(), QStringLiteral("1"));
        version = QSqlQuery();
        copy.close();
        copy = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("backup-check"));
        QVERIFY(Workspace::open(path).migrationBackup().isEmpty()); // nothing migrated the second time
    }
    QVERIFY(WorkspaceSql(workspace)
                .scalar(svj::test::onPostgres()
                            ? QStringLiteral("SELECT indexname FROM pg_indexes WHERE indexname = 'assignments_queue'")
                            : QStringLiteral("SELECT name FROM sqlite_master WHERE name = 'assignments_queue'"))
                .isValid());
}

void QueueTest::videosFromAFolderAndAManifest() {
    QTemporaryDir dir;
    const QString root = makeProject(dir.filePath(QStringLiteral("project")));
    Workspace workspace = Workspace::create(svj::test::newWorkspaceLocation(dir.path(), QStringLiteral("w.svj")));
    const VideoImportReport report = importVideos(workspace, root);
    QCOMPARE(report.videos, 6);
    QCOMPARE(report.newVideos, 6);
    QCOMPARE(WorkspaceSql(workspace).scalar(QStringLiteral("SELECT COUNT(DISTINCT model) FROM videos")).toInt(), 3);
    QCOMPARE(WorkspaceSql(workspace).scalar(QStringLiteral("SELECT COUNT(*) FROM prompts")).toInt(), 2);
    QCOMPARE(importVideos(workspace, root).newVideos, 0); // idempotent

    // A manifest with a bad line: an error naming it, nothing added.
    Workspace other = Workspace::create(svj::test::newWorkspaceLocation(dir.path(), QStringLiteral("m.svj")));
    const QString manifest = dir.filePath(QStringLiteral("videos.csv"));
    QVERIFY(svj::test::writeFile(manifest, "path,model,prompt\nproject/alpha/cat.mp4,alpha,a cat\n"
                                           "project/beta/cat.webm,beta\n"));
    try {
        importVideos(other, manifest);
        QFAIL("no error");
    } catch (const ImportError& error) {
        QVERIFY2(QString::fromUtf8(error.what()).startsWith(manifest + QStringLiteral(":3: ")), error.what());
    }
    QCOMPARE(WorkspaceSql(other).scalar(QStringLiteral("SELECT COUNT(*) FROM videos")).toInt(), 0);
    // A listed file that is not there: its line is named, nothing added.
    QVERIFY(svj::test::writeFile(manifest, "path,model,prompt\nproject/alpha/cat.mp4,alpha,a cat\n"
                                           "project/alpha/gone.mp4,alpha,a cat\n"));
    try {
        importVideos(other, manifest);
        QFAIL("no error");
    } catch (const ImportError& error) {
        QVERIFY2(QString::fromUtf8(error.what()).startsWith(manifest + QStringLiteral(":3: ")), error.what());
        QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("gone.mp4: no such file")), error.what());
    }
    QCOMPARE(WorkspaceSql(other).scalar(QStringLiteral("SELECT COUNT(*) FROM videos")).toInt(), 0);
    QVERIFY(svj::test::writeFile(manifest, "path,model,prompt\nproject/alpha/cat.mp4,alpha,a cat\n"
                                           "project/nowhere.mp4,beta,a cat\n"));
    QVERIFY_THROWS_EXCEPTION(std::exception, importVideos(other, manifest));
    QCOMPARE(WorkspaceSql(other).scalar(QStringLiteral("SELECT COUNT(*) FROM videos")).toInt(), 0);
}

void QueueTest::automaticPairs() {
    QTemporaryDir dir;
    Workspace workspace = Workspace::create(svj::test::newWorkspaceLocation(dir.path(), QStringLiteral("w.svj")));
    importVideos(workspace, makeProject(dir.filePath(QStringLiteral("project"))));
    // Three models, two prompts: three same-prompt pairs per prompt, each once.
    QCOMPARE(makePairs(workspace, {PairingMode::SamePrompt, 0, 1}), 6);
    QCOMPARE(makePairs(workspace, {PairingMode::SamePrompt, 0, 1}), 0);
    QCOMPARE(WorkspaceSql(workspace)
                 .scalar(QStringLiteral("SELECT COUNT(*) FROM pairs p JOIN videos a ON a.id = p.video_a "
                                        "JOIN videos b ON b.id = p.video_b WHERE a.model = b.model OR "
                                        "a.prompt_id <> b.prompt_id"))
                 .toInt(),
             0);
    // Round robin pairs across prompts too: alpha/cat with beta/dog, ... (some already exist).
    QVERIFY(makePairs(workspace, {PairingMode::RoundRobin, 0, 2}) >= 0);

    // Uncertain first: with the judge's scores, the closest pair comes first.
    Workspace fresh = Workspace::create(svj::test::newWorkspaceLocation(dir.path(), QStringLiteral("u.svj")));
    importVideos(fresh, dir.filePath(QStringLiteral("project")));
    QSqlQuery videos = WorkspaceSql(fresh).exec(QStringLiteral("SELECT id, path FROM videos ORDER BY id"));
    double energy = 0.0;
    while (videos.next()) {
        JudgeScoreRecord score;
        score.video = videos.value(1).toString();
        score.checkpoint = dir.filePath(QStringLiteral("judge.safetensors"));
        // alpha/cat 0, alpha/dog 1, beta/cat 2, beta/dog 3.5, gamma/cat 2.5, gamma/dog 8
        const double energies[] = {0.0, 1.0, 2.0, 3.5, 2.5, 8.0};
        score.energy = energies[static_cast<int>(energy++)];
        storeJudgeScore(fresh, score);
    }
    QCOMPARE(makePairs(fresh, {PairingMode::Uncertain, 1, 1}), 1);
    // Same-prompt candidates: cat 0 / 2 / 2.5, dog 1 / 3.5 / 8: the smallest margin is beta/cat vs gamma/cat.
    QCOMPARE(WorkspaceSql(fresh)
                 .scalar(QStringLiteral("SELECT COUNT(*) FROM pairs WHERE (video_a = 3 AND video_b = 5) OR "
                                        "(video_a = 5 AND video_b = 3)"))
                 .toInt(),
             1);
}

void QueueTest::goldPairsKnowTheirAnswer() {
    QTemporaryDir dir;
    Workspace workspace = Workspace::create(svj::test::newWorkspaceLocation(dir.path(), QStringLiteral("g.svj")));
    GoldOptions options;
    options.outputFolder = dir.filePath(QStringLiteral("gold"));
    options.maxFrames = 20;
    options.seed = 3;
    const QStringList clean = {svj::test::clip(QStringLiteral("h264_25fps_50f.mp4")),
                               svj::test::clip(QStringLiteral("idx_vp9.webm"))};
    const GoldReport report = makeGoldPairs(workspace, clean, options);
    QCOMPARE(report.pairs, 2);
    QCOMPARE(report.written.size(), 4);
    for (const QString& file : report.written) {
        QVERIFY2(QFile::exists(file), qPrintable(file));
    }
    LabelStore store(workspace);
    int labelled = 0;
    for (const StoredPair& pair : store.pairs()) {
        QCOMPARE(pair.origin, QStringLiteral("gold"));
        const QString answer = WorkspaceSql(workspace)
                                   .scalar(QStringLiteral("SELECT gold_answer FROM pairs WHERE id = ?"), {pair.id})
                                   .toString();
        const QString cleanSide =
            pair.videoA.path.endsWith(QLatin1String("-clean.mp4")) ? QStringLiteral("A") : QStringLiteral("B");
        QCOMPARE(answer, cleanSide);
        QCOMPARE(pair.videoA.frameCount, qint64(20));
        // One right, one wrong.
        LabelInput label;
        label.pairId = pair.id;
        label.annotator = QStringLiteral("ana");
        const bool right = labelled++ == 0;
        label.verdict = (answer == QLatin1String("A")) == right ? Verdict::A : Verdict::B;
        store.addLabel(label);
    }
    const WorkspaceStatistics statistics = computeStatistics(workspace);
    QCOMPARE(statistics.annotators.size(), 1);
    QCOMPARE(statistics.annotators[0].goldLabels, 2);
    QCOMPARE(statistics.annotators[0].goldAccuracy, 0.5);
}

void QueueTest::queueOverlapsOrdersAndResumes() {
    QTemporaryDir dir;
    Workspace workspace = Workspace::create(svj::test::newWorkspaceLocation(dir.path(), QStringLiteral("q.svj")));
    const WorkspaceSql sql(workspace);
    importVideos(workspace, makeProject(dir.filePath(QStringLiteral("project"))));
    makePairs(workspace, {PairingMode::SamePrompt, 0, 1});
    LabelQueue queue(workspace);
    const QStringList annotators = {QStringLiteral("ana"), QStringLiteral("ben"), QStringLiteral("cy")};
    QCOMPARE(queue.assign(annotators, 2, 7), 12);
    QCOMPARE(queue.assign(annotators, 2, 7), 0); // every pair has its two already
    QCOMPARE(sql.scalar(QStringLiteral("SELECT COUNT(*) FROM (SELECT pair_id FROM assignments GROUP BY pair_id "
                                       "HAVING COUNT(DISTINCT annotator_id) = 2) AS overlapped"))
                 .toInt(),
             6);
    for (const QString& name : annotators) {
        QCOMPARE(queue.progress(name).assigned, 4);
    }
    // Orders differ between annotators; sides are drawn (both occur over the 12 items).
    QCOMPARE(sql.scalar(QStringLiteral("SELECT COUNT(DISTINCT a_on_left) FROM assignments")).toInt(), 2);

    LabelStore store(workspace);
    QSet<qint64> seen;
    std::optional<QueueItem> item = queue.next(QStringLiteral("ana"));
    QVERIFY(item);
    queue.skip(item->assignment);
    const std::optional<QueueItem> afterSkip = queue.next(QStringLiteral("ana"));
    QVERIFY(afterSkip && afterSkip->assignment != item->assignment);
    LabelInput label;
    label.annotator = QStringLiteral("ana");
    label.pairId = afterSkip->pairId;
    label.verdict = Verdict::A;
    label.aOnLeft = afterSkip->aOnLeft;
    const qint64 id = store.addLabel(label);
    QVERIFY(queue.next(QStringLiteral("ana"))->pairId != afterSkip->pairId);
    QCOMPARE(queue.progress(QStringLiteral("ana")).labelled, 1);
    QCOMPARE(queue.progress(QStringLiteral("ana")).skipped, 1);
    // Undo puts the item back in the queue where it was.
    store.undoLabel(id);
    QCOMPARE(queue.next(QStringLiteral("ana"))->pairId, afterSkip->pairId);
    // A fresh queue object (a restarted program) hands out the same next item.
    QCOMPARE(LabelQueue(workspace).next(QStringLiteral("ana"))->assignment, afterSkip->assignment);
    // Label everything left: the queue runs dry, and never hands out a pair twice.
    while (const std::optional<QueueItem> open = queue.next(QStringLiteral("ana"))) {
        QVERIFY(!seen.contains(open->pairId));
        seen.insert(open->pairId);
        label.pairId = open->pairId;
        store.addLabel(label);
    }
    QCOMPARE(queue.progress(QStringLiteral("ana")).open, 0);
    QVERIFY_THROWS_EXCEPTION(WorkspaceError, queue.flag(9999));
}

void QueueTest::statisticsMatchTheFormulas() {
    QTemporaryDir dir;
    Workspace workspace = Workspace::create(svj::test::newWorkspaceLocation(dir.path(), QStringLiteral("s.svj")));
    importVideos(workspace, makeProject(dir.filePath(QStringLiteral("project"))));
    makePairs(workspace, {PairingMode::SamePrompt, 0, 1});
    LabelStore store(workspace);
    const QVector<StoredPair> pairs = store.pairs();
    // Three annotators on six pairs (categories A 0, B 1, tie 2, both-bad 3); cy skips pair 5.
    const std::vector<std::vector<int>> table = {{0, 0, 0}, {1, 1, 2}, {2, 2, 2}, {0, 1, 0}, {3, 3, 1}, {1, 1, -1}};
    const QStringList names = {QStringLiteral("ana"), QStringLiteral("ben"), QStringLiteral("cy")};
    for (size_t p = 0; p < table.size(); ++p) {
        for (int r = 0; r < 3; ++r) {
            if (table[p][static_cast<size_t>(r)] < 0) {
                continue;
            }
            LabelInput label;
            label.pairId = pairs[static_cast<qsizetype>(p)].id;
            label.annotator = names[r];
            label.verdict = static_cast<Verdict>(table[p][static_cast<size_t>(r)]);
            label.aOnLeft = r == 0; // ana always saw A on the left
            store.addLabel(label);
        }
    }
    const WorkspaceStatistics statistics = computeStatistics(workspace);
    QCOMPARE(statistics.labels, 17);
    const AgreementFigures& overall = statistics.agreement.front();
    QCOMPARE(overall.aspect, QStringLiteral("overall"));
    QCOMPARE(overall.items, 6);
    QVERIFY(std::abs(overall.krippendorffAlpha - krippendorffAlphaNominal(table)) < 1e-12);
    QCOMPARE(overall.fleissItems, 5); // the pairs with three ratings
    std::vector<int> ana;
    std::vector<int> ben;
    for (const std::vector<int>& row : table) {
        ana.push_back(row[0]);
        ben.push_back(row[1]);
    }
    QCOMPARE(overall.pairs.front().first, QStringLiteral("ana"));
    QCOMPARE(overall.pairs.front().second, QStringLiteral("ben"));
    QVERIFY(std::abs(overall.pairs.front().kappa - cohenKappa(ana, ben, 4)) < 1e-12);
    // ana's decisive labels (A, B, A, both-bad excluded...) with A on the left: left-pick rate = A share.
    for (const AnnotatorFigures& figures : statistics.annotators) {
        if (figures.name == QLatin1String("ana")) {
            QCOMPARE(figures.sidedDecisive, 4);
            QCOMPARE(figures.leftPickRate, 0.5);
        }
    }
    QCOMPARE(statistics.leaderboard.size(), 3);
}

// The lead's view: time per item (median, p90, items per hour), watched shares and votes cast without watching, per
// annotator and for everyone, the slowest pairs; the judge as a rater with the tie threshold its accuracy with ties
// chose (both-bad counted as a tie).
void QueueTest::leadsViewOfEffortAndTheJudgesTies() {
    QTemporaryDir dir;
    Workspace workspace = Workspace::create(svj::test::newWorkspaceLocation(dir.path(), QStringLiteral("e.svj")));
    LabelStore store(workspace);
    const QStringList clips{QStringLiteral("idx_h264_720p.mp4"), QStringLiteral("idx_vp9.webm"),
                            QStringLiteral("idx_mjpeg.avi"),     QStringLiteral("idx_mpeg4.avi"),
                            QStringLiteral("idx_theora.ogv"),    QStringLiteral("idx_h264_bframes.mp4"),
                            QStringLiteral("idx_vfr.mkv"),       QStringLiteral("idx_rotated.mp4")};
    // Four pairs; the judge's margins (its score of A minus B's) 0.05, 1, -1, 0.02; the humans say tie, A, B and
    // both-bad. At e = 0 the judge gets two right; at e = 0.05 all four.
    const std::vector<double> margins{0.05, 1.0, -1.0, 0.02};
    const std::vector<Verdict> verdicts{Verdict::Tie, Verdict::A, Verdict::B, Verdict::BothBad};
    std::vector<qint64> pairs;
    for (int p = 0; p < 4; ++p) {
        const QString a = svj::test::clip(clips[2 * p]);
        const QString b = svj::test::clip(clips[2 * p + 1]);
        pairs.push_back(store.addPair(store.addVideo(a).id, store.addVideo(b).id, {}, QStringLiteral("auto"), {}));
        for (const auto& [video, energy] : {std::pair{a, 0.0}, std::pair{b, margins[static_cast<size_t>(p)]}}) {
            JudgeScoreRecord score; // preference = -energy: A's minus B's is the margin
            score.video = video;
            score.checkpoint = dir.filePath(QStringLiteral("judge.safetensors"));
            score.energy = energy;
            score.frameEnergies = {static_cast<float>(energy)};
            storeJudgeScore(workspace, score);
        }
    }
    // ana: 10, 20, 30, 40 s, watched everything but one decisive vote (a tenth of B); ben: 60 s on one pair and
    // nothing known on another.
    const auto label = [&](int p, const char* who, double seconds, double watchedB) {
        LabelInput input;
        input.pairId = pairs[static_cast<size_t>(p)];
        input.annotator = QString::fromLatin1(who);
        input.verdict = verdicts[static_cast<size_t>(p)];
        input.secondsSpent = seconds;
        input.watchedA = seconds < 0 ? -1.0 : 1.0;
        input.watchedB = seconds < 0 ? -1.0 : watchedB;
        store.addLabel(input);
    };
    label(0, "ana", 10, 1.0);
    label(1, "ana", 20, 0.1);
    label(2, "ana", 30, 1.0);
    label(3, "ana", 40, 1.0);
    label(0, "ben", 60, 0.5);
    label(1, "ben", -1, -1);
    const WorkspaceStatistics statistics = computeStatistics(workspace);
    QCOMPARE(statistics.effort.size(), 3);
    const EffortFigures& everyone = statistics.effort[0];
    QCOMPARE(everyone.name, QStringLiteral("everyone"));
    QCOMPARE(everyone.labels, 6);
    QCOMPARE(everyone.timed, 5);
    QCOMPARE(everyone.medianSeconds, 30.0);
    QVERIFY(std::abs(everyone.p90Seconds - 52.0) < 1e-9); // between 40 and 60 at rank 3.6 of 0..4
    QVERIFY(std::abs(everyone.itemsPerHour - 3600.0 * 5 / 160) < 1e-9);
    const EffortFigures& ana = statistics.effort[1];
    QCOMPARE(ana.name, QStringLiteral("ana"));
    QCOMPARE(ana.medianSeconds, 25.0);
    QCOMPARE(ana.unwatchedVotes, 1);
    QVERIFY(std::abs(ana.meanWatched - (1.0 + 0.1 + 1.0 + 1.0) / 4) < 1e-9);
    const EffortFigures& ben = statistics.effort[2];
    QCOMPARE(ben.timed, 1);
    QCOMPARE(ben.watchedKnown, 1);
    QCOMPARE(ben.unwatchedVotes, 0); // a tie with half of B watched is not a vote without watching
    QCOMPARE(statistics.slowestPairs.size(), 4);
    QCOMPARE(statistics.slowestPairs[0].pair, pairs[3]); // 40 s
    QCOMPARE(statistics.slowestPairs[1].pair, pairs[0]); // 10 and 60 s: median 35
    QCOMPARE(statistics.slowestPairs[1].medianSeconds, 35.0);
    QCOMPARE(statistics.slowestPairs[1].timed, 2);
    // The judge: six labels on scored pairs; e = 0.05 makes all of them right.
    QCOMPARE(statistics.judgeComparedLabels, 6);
    QCOMPARE(statistics.judgeTieThreshold, 0.05);
    QCOMPARE(statistics.judgeAccuracyWithTies, 1.0);
    bool judgeRated = false;
    for (const AgreementFigures& figures : statistics.agreement) {
        judgeRated |= figures.aspect == QLatin1String("overall, judge as a rater");
    }
    QVERIFY(judgeRated);

    // Our JSONL keeps the effort behind each vote: exported, read back and imported elsewhere, the figures stand.
    const QString exported = dir.filePath(QStringLiteral("effort.jsonl"));
    writePreferenceFile(workspacePreferences(store), exported, PreferenceFormat::Jsonl);
    const PreferenceFile file = readPreferenceFile(exported, PreferenceFormat::Jsonl);
    QCOMPARE(file.pairs.size(), 6);
    int timed = 0;
    for (const PreferencePair& row : file.pairs) {
        timed += row.secondsSpent >= 0 ? 1 : 0;
        QCOMPARE(row.watchedA >= 0, row.secondsSpent >= 0);
    }
    QCOMPARE(timed, 5);
    Workspace other = Workspace::create(svj::test::newWorkspaceLocation(dir.path(), QStringLiteral("e2.svj")));
    importPreferenceFile(other, file, QStringLiteral("imported"));
    const WorkspaceStatistics again = computeStatistics(other);
    QCOMPARE(again.effort[0].timed, 5);
    QCOMPARE(again.effort[0].medianSeconds, 30.0);
    QCOMPARE(again.effort[0].unwatchedVotes, 1);
}

SVJ_REGISTER_TEST(QueueTest)
#include "queue_tests.moc"
