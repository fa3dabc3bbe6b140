// The workspace and its label store: schema and refusals on open, append-only labels with undo, imports
// that are all-or-nothing and idempotent, exports that re-import to the same labels in every format, moved
// videos found again by content, and judge scores kept with the frames they came from.
#include "annotation/import_error.h"
#include "annotation/judge_scores.h"
#include "annotation/label_store.h"
#include "annotation/preference_file.h"
#include "annotation/preference_formats.h"
#include "annotation/review_queues.h"
#include "annotation/workspace.h"
#include "annotation/workspace_preferences.h"
#include "annotation/workspace_sql.h"
#include "tests/annotation/workspace_location.h"
#include "tests/support/test_clips.h"
#include "tests/support/test_registry.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>
#include <QUrl>

#include <algorithm>
#include <csignal>

using namespace svj::annotation;

namespace {

// Distinct real videos (different encodes: different bytes) from the clips fixture.
QStringList fixtureVideos() {
    return {svj::test::clip(QStringLiteral("idx_h264_720p.mp4")), svj::test::clip(QStringLiteral("idx_vp9.webm")),
            svj::test::clip(QStringLiteral("idx_mjpeg.avi")), svj::test::clip(QStringLiteral("idx_mpeg4.avi")),
            svj::test::clip(QStringLiteral("idx_theora.ogv"))};
}

// A JSONL preference file over the fixture videos: every verdict, aspects, a repeated pair (two votes).
QString writePairs(const QString& folder) {
    const QStringList v = fixtureVideos();
    const QString path = folder + QStringLiteral("/pairs.jsonl");
    QByteArray text;
    const auto row = [&](int a, int b, const char* label, const char* aspects) {
        text += "{\"video_a\": \"" + v[a].toUtf8() + "\", \"video_b\": \"" + v[b].toUtf8() + "\", \"model_a\": \"m" +
                QByteArray::number(a) + "\", \"model_b\": \"m" + QByteArray::number(b) +
                "\", \"prompt\": \"a cat, \\\"quoted\\\"\", \"label\": \"" + label + "\"" +
                (aspects[0] ? QByteArray(", \"aspects\": ") + aspects : QByteArray()) + "}\n";
    };
    row(0, 1, "A", "{\"VQ\": \"A\", \"MQ\": \"tie\", \"TA\": \"B\"}");
    row(1, 2, "B", "{\"VQ\": \"B\"}");
    row(2, 3, "tie", "");
    row(3, 4, "both-bad", "{\"MQ\": \"B\"}");
    row(0, 1, "B", ""); // a second vote on the first pair
    svj::test::writeFile(path, text);
    return path;
}

} // namespace

class WorkspaceTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createsAndReopens();
    void refusesWhatIsNotAWorkspace();
    void labelsAreAppendOnlyAndUndoSupersedes();
    void importIsAllOrNothingAndIdempotent();
    void exportsReimportToTheSameLabels_data();
    void exportsReimportToTheSameLabels();
    void videofolderExportReplacesItselfWhole();
    void trlTiesOfAnotherExportAreRefused();
    void movedVideoIsFoundAgain();
    void judgeScoresKeepTheirFrames();
    void storedTimesComeFromTheWorkspaceClock();

private:
    QTemporaryDir m_dir;
};

void WorkspaceTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    for (const QString& video : fixtureVideos()) {
        QVERIFY2(QFile::exists(video), qPrintable(video));
    }
}

void WorkspaceTest::createsAndReopens() {
    const QString path = svj::test::newWorkspaceLocation(m_dir.path(), QStringLiteral("new.svj"));
    {
        Workspace workspace = Workspace::create(path);
        QCOMPARE(workspace.schemaVersion(), Workspace::currentSchemaVersion());
        QCOMPARE(workspace.integrityCheck(), QStringLiteral("ok"));
        if (!svj::test::onPostgres()) {
            QCOMPARE(WorkspaceSql(workspace).scalar(QStringLiteral("PRAGMA journal_mode")).toString(),
                     QStringLiteral("wal"));
        }
        QCOMPARE(workspace.aspects(), (QStringList{QStringLiteral("VQ"), QStringLiteral("MQ"), QStringLiteral("TA")}));
        workspace.setAspects({QStringLiteral("motion"), QStringLiteral("quality")});
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, workspace.setAspects({QStringLiteral("a,b")}));
    }
    QVERIFY_THROWS_EXCEPTION(WorkspaceError, Workspace::create(path)); // never over an existing workspace
    Workspace again = Workspace::open(path);
    QCOMPARE(again.schemaVersion(), Workspace::currentSchemaVersion());
    QCOMPARE(again.aspects(), (QStringList{QStringLiteral("motion"), QStringLiteral("quality")}));
    Workspace reader = Workspace::open(path, true); // two connections at once
    QCOMPARE(reader.schemaVersion(), Workspace::currentSchemaVersion());
}

void WorkspaceTest::refusesWhatIsNotAWorkspace() {
    const auto message = [](const QString& path, bool readOnly = false) {
        try {
            Workspace::open(path, readOnly);
        } catch (const WorkspaceError& error) {
            return QString::fromUtf8(error.what());
        }
        return QString();
    };
    if (svj::test::onPostgres()) {
        const QString empty = svj::test::newWorkspaceLocation(m_dir.path(), QStringLiteral("empty"));
        QVERIFY2(message(empty).contains(QStringLiteral("not an SVJ workspace")), qPrintable(message(empty)));
        svj::test::runRaw(empty, {QStringLiteral("CREATE TABLE videos (x INTEGER)")});
        try {
            Workspace::create(empty);
            QFAIL("a workspace was created over a database with tables of its own");
        } catch (const WorkspaceError& error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("table 'videos' of its own")),
                     error.what());
        }
        QUrl unreachable(empty);
        unreachable.setPort(1);
        QVERIFY2(message(unreachable.toString()).contains(QStringLiteral("cannot open the database")),
                 qPrintable(message(unreachable.toString())));
        QVERIFY2(message(QStringLiteral("postgresql://nohost")).contains(QStringLiteral("not a PostgreSQL URL")),
                 qPrintable(message(QStringLiteral("postgresql://nohost"))));
    } else {
        const QString missing = m_dir.filePath(QStringLiteral("missing.svj"));
        QVERIFY2(message(missing).contains(QStringLiteral("no such workspace")), qPrintable(message(missing)));
        const QString text = m_dir.filePath(QStringLiteral("notes.txt"));
        QVERIFY(svj::test::writeFile(text, "this is not a database, just text that is long enough"));
        QVERIFY2(message(text).contains(text + QStringLiteral(": not a workspace")), qPrintable(message(text)));
        const QString foreign = m_dir.filePath(QStringLiteral("foreign.db"));
        svj::test::runRaw(foreign, {QStringLiteral("CREATE TABLE things (x INTEGER)")});
        QVERIFY2(message(foreign).contains(QStringLiteral("not an SVJ workspace")), qPrintable(message(foreign)));
    }
    const QString newer = svj::test::newWorkspaceLocation(m_dir.path(), QStringLiteral("newer.svj"));
    { Workspace::create(newer); }
    svj::test::runRaw(newer, {QStringLiteral("UPDATE meta SET value = '99' WHERE key = 'schema_version'")});
    QVERIFY2(message(newer).contains(QStringLiteral("newer SVJ Workbench (schema version 99")),
             qPrintable(message(newer)));
    const QString locked = svj::test::newWorkspaceLocation(m_dir.path(), QStringLiteral("readonly.svj"));
    { Workspace::create(locked); }
    {
        // Opened read-only, a write is refused with a clear error and leaves the workspace as it was.
        Workspace reader = Workspace::open(locked, true);
        const WorkspaceSql sql(reader);
        try {
            reader.transaction([&] { sql.exec(QStringLiteral("INSERT INTO annotators (name) VALUES ('x')")); });
            QFAIL("a read-only workspace took a write");
        } catch (const WorkspaceError& error) {
            const QString text = QString::fromUtf8(error.what());
            QVERIFY2(text.contains(QStringLiteral("readonly"), Qt::CaseInsensitive) ||
                         text.contains(QStringLiteral("read-only"), Qt::CaseInsensitive),
                     error.what());
        }
        QCOMPARE(sql.scalar(QStringLiteral("SELECT COUNT(*) FROM annotators")).toInt(), 0);
    }
    if (svj::test::onPostgres()) {
        return; // file permissions are SQLite's
    }
    QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ReadGroup);
    if (QFileInfo(locked).isWritable()) {
        QSKIP("running as root: a read-only file is still writable");
    }
    QVERIFY2(message(locked).contains(QStringLiteral("read-only")), qPrintable(message(locked)));
    QVERIFY(message(locked, true).isEmpty()); // fine to look at
}

void WorkspaceTest::labelsAreAppendOnlyAndUndoSupersedes() {
    Workspace workspace =
        Workspace::create(svj::test::newWorkspaceLocation(m_dir.path(), QStringLiteral("labels.svj")));
    LabelStore store(workspace);
    qint64 pair = 0;
    workspace.transaction([&] {
        const StoredVideo a = store.addVideo(fixtureVideos()[0], QStringLiteral("model-a"));
        const StoredVideo b = store.addVideo(fixtureVideos()[1], QStringLiteral("model-b"));
        QVERIFY(a.frameCount > 0 && a.width > 0 && a.fps > 0);
        pair = store.addPair(a.id, b.id, QStringLiteral("p"), QStringLiteral("auto"), {});
        QCOMPARE(store.addPair(a.id, b.id, QStringLiteral("p"), QStringLiteral("auto"), {}), pair); // idempotent
    });
    LabelInput label;
    label.pairId = pair;
    label.annotator = QStringLiteral("ana");
    label.verdict = Verdict::A;
    label.aspects.insert(QStringLiteral("VQ"), Verdict::A);
    const qint64 first = store.addLabel(label);
    label.verdict = Verdict::B; // a correction
    const qint64 second = store.addLabel(label);
    label.annotator = QStringLiteral("ben");
    label.verdict = Verdict::Tie;
    const qint64 other = store.addLabel(label);
    QVector<StoredLabel> standing = store.currentLabels();
    QCOMPARE(standing.size(), 2);
    QCOMPARE(standing[0].id, second);
    QCOMPARE(standing[0].supersedes, first);
    QCOMPARE(standing[0].verdict, Verdict::B);
    QCOMPARE(standing[0].aspects.value(QStringLiteral("VQ")), Verdict::A);
    QCOMPARE(standing[1].id, other);
    // Undo: a new row; the old ones stay.
    store.undoLabel(second);
    QCOMPARE(store.currentLabels().size(), 1);
    QCOMPARE(store.labelRows(), qint64(4));
    QVERIFY_THROWS_EXCEPTION(WorkspaceError, store.undoLabel(second)); // no longer standing
    QVERIFY_THROWS_EXCEPTION(WorkspaceError, store.undoLabel(12345));
    label.pairId = 999;
    QVERIFY_THROWS_EXCEPTION(WorkspaceError, store.addLabel(label));
    // Labelling again after an undo gives the annotator a standing label again.
    label.pairId = pair;
    label.annotator = QStringLiteral("ana");
    store.addLabel(label);
    QCOMPARE(store.currentLabels().size(), 2);
}

void WorkspaceTest::importIsAllOrNothingAndIdempotent() {
    const QString pairs = writePairs(m_dir.path());
    Workspace workspace =
        Workspace::create(svj::test::newWorkspaceLocation(m_dir.path(), QStringLiteral("import.svj")));
    // A row naming a file that is not a video: nothing of the file goes in.
    const QString bad = m_dir.filePath(QStringLiteral("bad.jsonl"));
    QFile good(pairs);
    QVERIFY(good.open(QIODevice::ReadOnly));
    QVERIFY(svj::test::writeFile(
        bad, good.readAll() + "{\"video_a\": \"" + svj::test::clip(QStringLiteral("not_a_video.txt")).toUtf8() +
                 "\", \"video_b\": \"" + fixtureVideos()[0].toUtf8() + "\", \"label\": \"A\"}\n"));
    try {
        importPreferenceFile(workspace, readPreferenceFile(bad, PreferenceFormat::Jsonl));
        QFAIL("no error");
    } catch (const ImportError& error) {
        QVERIFY2(QString::fromUtf8(error.what()).startsWith(bad + QStringLiteral(":6: ")), error.what());
        QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("not_a_video.txt")), error.what());
    }
    for (const char* table : {"videos", "pairs", "labels", "prompts", "annotators"}) {
        QCOMPARE(
            WorkspaceSql(workspace).scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))).toInt(),
            0);
    }
    const ImportReport first = importPreferenceFile(workspace, readPreferenceFile(pairs, PreferenceFormat::Jsonl));
    QCOMPARE(first.rows, 5);
    QCOMPARE(first.newVideos, 5);
    QCOMPARE(first.newPairs, 4);
    QCOMPARE(first.newLabels, 5);
    const ImportReport again = importPreferenceFile(workspace, readPreferenceFile(pairs, PreferenceFormat::Jsonl));
    QCOMPARE(again.newVideos + again.newPairs + again.newLabels, 0);
    QCOMPARE(again.unchangedLabels, 5);
    LabelStore store(workspace);
    QCOMPARE(store.currentLabels().size(), 5); // the repeated pair's two votes are kept apart
}

void WorkspaceTest::exportsReimportToTheSameLabels_data() {
    // One row per format, in the enum's order, each name read back as its format.
    int index = 0;
    for (const PreferenceFormatRow& row : preferenceFormats()) {
        QCOMPARE(static_cast<int>(row.format), index++);
        QCOMPARE(parsePreferenceFormat(QString::fromLatin1(row.name).toUpper()), std::optional(row.format));
        QCOMPARE(row.columns.isEmpty(), row.layout == PreferenceLayout::TrainingSet);
    }
    QCOMPARE(index, 8);
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("extension");
    QTest::newRow("jsonl") << QStringLiteral("jsonl") << QStringLiteral("jsonl");
    QTest::newRow("csv") << QStringLiteral("csv") << QStringLiteral("csv");
    QTest::newRow("genai-bench csv") << QStringLiteral("genai-bench") << QStringLiteral("csv");
    QTest::newRow("genai-bench jsonl") << QStringLiteral("genai-bench") << QStringLiteral("jsonl");
    QTest::newRow("videogen-rewardbench") << QStringLiteral("videogen-rewardbench") << QStringLiteral("csv");
    QTest::newRow("monetbench") << QStringLiteral("monetbench") << QStringLiteral("csv");
    QTest::newRow("trl") << QStringLiteral("trl") << QStringLiteral("jsonl");
    QTest::newRow("videofolder") << QStringLiteral("videofolder") << QStringLiteral("d");
    QTest::newRow("pick-a-pic jsonl") << QStringLiteral("pick-a-pic") << QStringLiteral("jsonl");
    QTest::newRow("pick-a-pic csv") << QStringLiteral("pick-a-pic") << QStringLiteral("csv");
}

void WorkspaceTest::exportsReimportToTheSameLabels() {
    QFETCH(QString, format);
    QFETCH(QString, extension);
    const PreferenceFormat kind = *parsePreferenceFormat(format);
    QTemporaryDir dir;
    Workspace source = Workspace::create(svj::test::newWorkspaceLocation(dir.path(), QStringLiteral("source.svj")));
    importPreferenceFile(source, readPreferenceFile(writePairs(dir.path()), PreferenceFormat::Jsonl));
    LabelStore sourceStore(source);
    const PreferenceFile exported = workspacePreferences(sourceStore);
    const QString out = dir.filePath(QStringLiteral("export.") + extension);
    writePreferenceFile(exported, out, kind);

    Workspace target = Workspace::create(svj::test::newWorkspaceLocation(dir.path(), QStringLiteral("target.svj")));
    importPreferenceFile(target, readPreferenceFile(out, kind), QStringLiteral("import:pairs.jsonl"));
    LabelStore targetStore(target);
    const PreferenceFile back = workspacePreferences(targetStore);
    QCOMPARE(back.pairs.size(), exported.pairs.size());
    if (preferenceFormatRow(kind).layout == PreferenceLayout::TrainingSet) {
        // Training sets keep the preference, not always the order (chosen first) nor the files (copies): the
        // same multiset of (preferred, other, verdict) by content, both-bad a tie where the layout has none.
        const auto relations = [&](const PreferenceFile& file) {
            QStringList out;
            for (const PreferencePair& pair : file.pairs) {
                const QString a = LabelStore::contentHash(pair.videoA);
                const QString b = LabelStore::contentHash(pair.videoB);
                Verdict verdict = pair.verdict;
                if (kind == PreferenceFormat::PickAPic && verdict == Verdict::BothBad) {
                    verdict = Verdict::Tie;
                }
                if (verdict == Verdict::A || verdict == Verdict::B) {
                    out << (verdict == Verdict::A ? a + QStringLiteral(">") + b : b + QStringLiteral(">") + a);
                } else {
                    out << std::min(a, b) + QStringLiteral("=") + std::max(a, b) + verdictName(verdict) + pair.prompt;
                }
            }
            out.sort();
            return out;
        };
        QCOMPARE(relations(back), relations(exported));
        return;
    }
    // What the format's row says it keeps is what comes back (the export check trusts the same row).
    const PreferenceFormatRow& row = preferenceFormatRow(kind);
    QCOMPARE(row.layout, PreferenceLayout::Rows);
    const bool hasBothBad = row.keepsBothBad;
    const bool hasAspects = row.keepsAspects;
    const bool hasModels = row.keepsModels;
    for (qsizetype i = 0; i < back.pairs.size(); ++i) {
        const PreferencePair& a = exported.pairs[i];
        const PreferencePair& b = back.pairs[i];
        QCOMPARE(b.videoA, a.videoA);
        QCOMPARE(b.videoB, a.videoB);
        QCOMPARE(b.prompt, a.prompt);
        if (hasModels) {
            QCOMPARE(b.modelA, a.modelA);
        }
        const Verdict expected = !hasBothBad && a.verdict == Verdict::BothBad ? Verdict::Tie : a.verdict;
        QCOMPARE(b.verdict, expected);
        if (hasAspects) {
            QCOMPARE(b.aspects, a.aspects);
        }
    }
}

// A TRL set is two files, replaced one after the other: a tie file left from another export (one stopped between
// its two files) is refused with both names, never mixed into the pairs; the export again reads whole.
void WorkspaceTest::trlTiesOfAnotherExportAreRefused() {
    QTemporaryDir dir;
    const PreferenceFile labels = readPreferenceFile(writePairs(dir.path()), PreferenceFormat::Jsonl);
    const QString out = dir.filePath(QStringLiteral("train.jsonl"));
    const QString ties = dir.filePath(QStringLiteral("train.ties.jsonl"));
    writePreferenceFile(labels, out, PreferenceFormat::Trl);
    QVERIFY(QFile::exists(ties));
    const qsizetype whole = readPreferenceFile(out, PreferenceFormat::Trl).pairs.size();
    QCOMPARE(whole, labels.pairs.size());
    // Stopped after the new tie file, before the new pairs file: the ties name a pairs file that is not there.
    PreferenceFile fewer = labels;
    fewer.pairs.removeFirst(); // a decisive pair: the pairs file differs, the ties do not
    QFile pairs(out);
    QVERIFY(pairs.open(QIODevice::ReadOnly));
    const QByteArray before = pairs.readAll();
    pairs.close();
    writePreferenceFile(fewer, out, PreferenceFormat::Trl);
    QVERIFY(svj::test::writeFile(out, before)); // the old pairs file is still in place
    try {
        readPreferenceFile(out, PreferenceFormat::Trl);
        QFAIL("a tie file of another export was read");
    } catch (const ImportError& error) {
        QCOMPARE(error.path(), ties);
        QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("another version of train.jsonl")),
                 error.what());
    }
    // An export without ties removes the old tie file once its pairs file is in place.
    PreferenceFile decisive = labels;
    decisive.pairs.erase(std::remove_if(decisive.pairs.begin(), decisive.pairs.end(),
                                        [](const PreferencePair& pair) {
                                            return pair.verdict != Verdict::A && pair.verdict != Verdict::B;
                                        }),
                         decisive.pairs.end());
    writePreferenceFile(decisive, out, PreferenceFormat::Trl);
    QVERIFY(!QFile::exists(ties));
    QCOMPARE(readPreferenceFile(out, PreferenceFormat::Trl).pairs.size(), decisive.pairs.size());
}

void WorkspaceTest::videofolderExportReplacesItselfWhole() {
    QTemporaryDir dir;
    Workspace source = Workspace::create(svj::test::newWorkspaceLocation(dir.path(), QStringLiteral("source.svj")));
    importPreferenceFile(source, readPreferenceFile(writePairs(dir.path()), PreferenceFormat::Jsonl));
    LabelStore store(source);
    const PreferenceFile exported = workspacePreferences(store);
    const QString out = dir.filePath(QStringLiteral("set"));
    writePreferenceFile(exported, out, PreferenceFormat::VideoFolder);
    // Something of an earlier export that the new one does not have: gone once the new one is in place.
    QVERIFY(svj::test::writeFile(out + QStringLiteral("/videos/earlier.mp4"), "old"));
    writePreferenceFile(exported, out, PreferenceFormat::VideoFolder);
    QVERIFY(!QFile::exists(out + QStringLiteral("/videos/earlier.mp4")));
    QCOMPARE(readPreferenceFile(out, PreferenceFormat::VideoFolder).pairs.size(), exported.pairs.size());
    // Nothing is left beside it.
    QCOMPARE(QDir(dir.path()).entryList({QStringLiteral(".set*")}, QDir::AllEntries | QDir::Hidden), QStringList());
    // A folder that is not an export of ours is never replaced.
    const QString mine = dir.filePath(QStringLiteral("mine"));
    QVERIFY(QDir().mkpath(mine));
    QVERIFY(svj::test::writeFile(mine + QStringLiteral("/notes.txt"), "keep me"));
    try {
        writePreferenceFile(exported, mine, PreferenceFormat::VideoFolder);
        QFAIL("a folder of someone else's files was replaced by an export");
    } catch (const ImportError& error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral(".svj-videofolder")), error.what());
    }
    QVERIFY(QFile::exists(mine + QStringLiteral("/notes.txt")));
    // Nor a Hugging Face dataset folder (it has a metadata.jsonl too), nor an export of ours someone added
    // a file to.
    const QString dataset = dir.filePath(QStringLiteral("dataset"));
    QVERIFY(QDir().mkpath(dataset));
    QVERIFY(svj::test::writeFile(dataset + QStringLiteral("/metadata.jsonl"), "{}\n"));
    QVERIFY(svj::test::writeFile(dataset + QStringLiteral("/README.md"), "a dataset card"));
    QVERIFY(svj::test::writeFile(out + QStringLiteral("/README.md"), "added by hand"));
    for (const QString& folder : {dataset, out}) {
        QVERIFY_THROWS_EXCEPTION(ImportError, writePreferenceFile(exported, folder, PreferenceFormat::VideoFolder));
        QVERIFY(QFile::exists(folder + QStringLiteral("/README.md")));
    }
    QVERIFY(QFile::remove(out + QStringLiteral("/README.md")));
    // A set whose videos lie in the folder (a workspace that imported this export) is not exported over it.
    const PreferenceFile reimported = readPreferenceFile(out, PreferenceFormat::VideoFolder);
    try {
        writePreferenceFile(reimported, out, PreferenceFormat::VideoFolder);
        QFAIL("an export replaced the videos it was made from");
    } catch (const ImportError& error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("a video of this export")), error.what());
    }
    QCOMPARE(readPreferenceFile(out, PreferenceFormat::VideoFolder).pairs.size(), exported.pairs.size());
    // Through a link, the folder it names takes the new set and the link stays a link.
    const QString link = dir.filePath(QStringLiteral("link"));
    QVERIFY(QFile::link(out, link));
    writePreferenceFile(exported, link, PreferenceFormat::VideoFolder);
    QVERIFY(QFileInfo(link).isSymLink());
    QVERIFY(QFile::exists(out + QStringLiteral("/.svj-videofolder")));
    QCOMPARE(readPreferenceFile(link, PreferenceFormat::VideoFolder).pairs.size(), exported.pairs.size());
}

void WorkspaceTest::movedVideoIsFoundAgain() {
    Workspace workspace = Workspace::create(svj::test::newWorkspaceLocation(m_dir.path(), QStringLiteral("moved.svj")));
    LabelStore store(workspace);
    const QString first = m_dir.filePath(QStringLiteral("take1.mp4"));
    QVERIFY(QFile::copy(fixtureVideos()[0], first));
    const StoredVideo added = store.addVideo(first);
    const QString moved = m_dir.filePath(QStringLiteral("renamed/take1-final.mp4"));
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("renamed"))));
    QVERIFY(QFile::rename(first, moved));
    const StoredVideo found = store.addVideo(moved);
    QCOMPARE(found.id, added.id);
    QCOMPARE(found.path, QDir::cleanPath(moved));
    QCOMPARE(
        WorkspaceSql(workspace).scalar(QStringLiteral("SELECT path FROM videos WHERE id = ?"), {added.id}).toString(),
        QDir::cleanPath(moved));
    // A file that cannot be read is named.
    QVERIFY_THROWS_EXCEPTION(WorkspaceError, store.addVideo(m_dir.filePath(QStringLiteral("gone.mp4"))));
}

void WorkspaceTest::judgeScoresKeepTheirFrames() {
    Workspace workspace =
        Workspace::create(svj::test::newWorkspaceLocation(m_dir.path(), QStringLiteral("scores.svj")));
    JudgeScoreRecord record;
    record.video = fixtureVideos()[1];
    record.checkpoint = m_dir.filePath(QStringLiteral("judge.safetensors"));
    record.checkpointSidecar = QStringLiteral("{\"format\": \"svj-judge-1\"}");
    record.energy = -0.25;
    record.frameEnergies = {0.5f, -0.25f, 1.0f};
    record.windows = {{0, 3, 6}, {1, 4, 7}};
    record.inputWidth = 64;
    record.inputHeight = 64;
    record.inputFps = 8.0;
    storeJudgeScore(workspace, record);
    record.energy = -0.5; // a re-score with the same checkpoint: the newest one counts
    storeJudgeScore(workspace, record);
    const QVector<JudgeScoreRecord> scores = judgeScoresOf(workspace, fixtureVideos()[1]);
    QCOMPARE(scores.size(), 1);
    QCOMPARE(scores[0].energy, -0.5);
    QVERIFY(!scores[0].reward);
    QCOMPARE(scores[0].frameEnergies, record.frameEnergies);
    QCOMPARE(scores[0].windows, record.windows);
    QCOMPARE(scores[0].inputWidth, 64);
    QCOMPARE(WorkspaceSql(workspace).scalar(QStringLiteral("SELECT COUNT(*) FROM judge_scores")).toInt(), 2);
}

// Every time a row records comes from the workspace's clock: a test (or a replay) that sets one gets exact,
// reproducible times, and nothing in annotation/ reads the system clock behind its back.
void WorkspaceTest::storedTimesComeFromTheWorkspaceClock() {
    Workspace workspace = Workspace::create(svj::test::newWorkspaceLocation(m_dir.path(), QStringLiteral("clock.svj")));
    const QDateTime start(QDate(2026, 1, 2), QTime(3, 4, 5, 678), Qt::UTC);
    int ticks = 0;
    workspace.setClock([&] { return start.addSecs(ticks++); }); // one second further at every reading
    const auto at = [&](int tick) { return start.addSecs(tick).toString(Qt::ISODateWithMs); };
    LabelStore store(workspace);
    qint64 pair = 0;
    workspace.transaction([&] {
        const StoredVideo a = store.addVideo(fixtureVideos()[0], QStringLiteral("model-a"));
        const StoredVideo b = store.addVideo(fixtureVideos()[1], QStringLiteral("model-b"));
        pair = store.addPair(a.id, b.id, QStringLiteral("p"), QStringLiteral("auto"), {});
    });
    LabelInput label;
    label.pairId = pair;
    label.annotator = QStringLiteral("ana");
    label.verdict = Verdict::A;
    const qint64 labelId = store.addLabel(label);
    adjudicate(workspace, pair, Verdict::B, QStringLiteral("lead"));
    const int beforeScore = ticks;
    JudgeScoreRecord record;
    record.video = fixtureVideos()[0];
    record.checkpoint = m_dir.filePath(QStringLiteral("clock-judge.safetensors"));
    record.energy = 0.5;
    record.frameEnergies = {0.5f};
    record.windows = {{0}};
    storeJudgeScore(workspace, record);
    QCOMPARE(ticks, beforeScore + 1); // one reading for the checkpoint row and the score row together

    const auto column = [&](const char* sql, const QVariantList& values = {}) {
        return WorkspaceSql(workspace).scalar(QString::fromLatin1(sql), values).toString();
    };
    QCOMPARE(column("SELECT added_at FROM videos ORDER BY id LIMIT 1"), at(0));
    QCOMPARE(column("SELECT MAX(added_at) FROM videos"), at(1));
    QCOMPARE(column("SELECT created_at FROM pairs WHERE id = ?", {pair}), at(2));
    QCOMPARE(column("SELECT created_at FROM labels WHERE id = ?", {labelId}), at(3));
    QCOMPARE(column("SELECT created_at FROM adjudications WHERE pair_id = ?", {pair}), at(4));
    QCOMPARE(column("SELECT created_at FROM checkpoints"), at(beforeScore));
    QCOMPARE(column("SELECT created_at FROM judge_scores"), at(beforeScore));
    // A clock in another time zone is stored as UTC.
    workspace.setClock([] { return QDateTime(QDate(2026, 6, 1), QTime(12, 0), QTimeZone(3600 * 2)); });
    QCOMPARE(workspace.timestamp(), QStringLiteral("2026-06-01T10:00:00.000Z"));
}

SVJ_REGISTER_TEST(WorkspaceTest)

// Reliability, with real processes: two writers at once for a while, and writers killed mid-write.
class WorkspaceStressTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void twoProcessesLabellingAtOnceLoseNothing();
    void killedWritersLoseNothingAcknowledged();

private:
    QString prepare(const QString& name);
    QTemporaryDir m_dir;
    QString m_writer;
};

void WorkspaceStressTest::initTestCase() {
    m_writer = qEnvironmentVariable("SVJ_LABEL_WRITER");
    QVERIFY2(QFile::exists(m_writer), "SVJ_LABEL_WRITER must name the label_writer helper");
}

QString WorkspaceStressTest::prepare(const QString& name) {
    const QString path = svj::test::newWorkspaceLocation(m_dir.path(), name);
    Workspace workspace = Workspace::create(path);
    importPreferenceFile(workspace, readPreferenceFile(writePairs(m_dir.path()), PreferenceFormat::Jsonl));
    return path;
}

namespace {

QSet<qint64> acknowledged(const QByteArray& output) {
    QSet<qint64> ids;
    for (const QByteArray& line : output.split('\n')) {
        bool ok = false;
        const qint64 id = line.trimmed().toLongLong(&ok);
        if (ok) {
            ids.insert(id);
        }
    }
    return ids;
}

// Which of `ids` are missing from the workspace's labels.
QSet<qint64> missingLabels(Workspace& workspace, const QSet<qint64>& ids) {
    QSet<qint64> stored;
    QSqlQuery query = WorkspaceSql(workspace).exec(QStringLiteral("SELECT id FROM labels"));
    while (query.next()) {
        stored.insert(query.value(0).toLongLong());
    }
    return ids - stored;
}

} // namespace

void WorkspaceStressTest::twoProcessesLabellingAtOnceLoseNothing() {
    const QString path = prepare(QStringLiteral("concurrent.svj"));
    const QString seconds = qEnvironmentVariable("SVJ_STRESS_SECONDS", QStringLiteral("60"));
    QProcess first;
    QProcess second;
    first.start(m_writer, {path, QStringLiteral("first"), seconds});
    second.start(m_writer, {path, QStringLiteral("second"), seconds});
    const int waitMs = static_cast<int>(seconds.toDouble() * 1000) + 60000;
    QVERIFY(first.waitForFinished(waitMs));
    QVERIFY(second.waitForFinished(waitMs));
    const QByteArray firstErrors = first.readAllStandardError();
    const QByteArray secondErrors = second.readAllStandardError();
    QVERIFY2(first.exitCode() == 0 && firstErrors.isEmpty(), firstErrors.constData());
    QVERIFY2(second.exitCode() == 0 && secondErrors.isEmpty(), secondErrors.constData());
    const QSet<qint64> ids = acknowledged(first.readAllStandardOutput()) + acknowledged(second.readAllStandardOutput());
    qInfo("two writers for %s s: %lld labels acknowledged", qPrintable(seconds), static_cast<long long>(ids.size()));
    QVERIFY(ids.size() > 100);
    Workspace workspace = Workspace::open(path);
    QCOMPARE(workspace.integrityCheck(), QStringLiteral("ok"));
    QVERIFY(missingLabels(workspace, ids).isEmpty());
    // Five imported labels plus every acknowledged one, and nothing else.
    QCOMPARE(WorkspaceSql(workspace).scalar(QStringLiteral("SELECT COUNT(*) FROM labels")).toLongLong(),
             qint64(ids.size()) + 5);
}

void WorkspaceStressTest::killedWritersLoseNothingAcknowledged() {
    const QString path = prepare(QStringLiteral("killed.svj"));
    QRandomGenerator random(20261125);
    QSet<qint64> all;
    for (int round = 0; round < 50; ++round) {
        QProcess writer;
        writer.start(m_writer, {path, QStringLiteral("killed"), QStringLiteral("30")});
        QVERIFY(writer.waitForStarted());
        // Wait for a few acknowledgements, then a random moment more, then SIGKILL: mid-transaction or not.
        const int wanted = 1 + static_cast<int>(random.bounded(8));
        QByteArray output;
        while (acknowledged(output).size() < wanted && writer.waitForReadyRead(20000)) {
            output += writer.readAllStandardOutput();
        }
        QThread::usleep(random.bounded(20000));
        ::kill(static_cast<pid_t>(writer.processId()), SIGKILL);
        QVERIFY(writer.waitForFinished(20000));
        output += writer.readAllStandardOutput();
        const QSet<qint64> ids = acknowledged(output);
        QVERIFY2(ids.size() >= wanted, qPrintable(QString::fromUtf8(writer.readAllStandardError())));
        all += ids;
        Workspace workspace = Workspace::open(path);
        QCOMPARE(workspace.integrityCheck(), QStringLiteral("ok"));
        const QSet<qint64> missing = missingLabels(workspace, all);
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("round %1: %2 acknowledged labels lost").arg(round).arg(missing.size())));
    }
    qInfo("50 writers killed with SIGKILL: %lld acknowledged labels, all present", static_cast<long long>(all.size()));
}

SVJ_REGISTER_TEST(WorkspaceStressTest)
#include "workspace_tests.moc"
