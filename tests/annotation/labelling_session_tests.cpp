// An annotator's session as the workbench runs it, without a window: votes stored at once with their sides and
// watched fractions, skip, flag, undo / redo of each, the item after the current one, and the review queues
// (gold checks, judge disagreements most confident first, flagged items).
#include "annotation/checkpoint_diff.h"
#include "annotation/judge_scores.h"
#include "annotation/label_queue.h"
#include "annotation/labelling_session.h"
#include "annotation/pairing.h"
#include "annotation/review_queues.h"
#include "annotation/workspace.h"
#include "annotation/workspace_sql.h"
#include "tests/annotation/workspace_location.h"
#include "tests/support/test_clips.h"
#include "tests/support/test_registry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace svj::annotation;

namespace {

// ROOT/MODEL/PROMPT.ext: two models, three prompts (three same-prompt pairs).
QString makeProject(const QString& root) {
    const QStringList sources = {QStringLiteral("idx_h264_720p.mp4"), QStringLiteral("idx_vp9.webm"),
                                 QStringLiteral("idx_mjpeg.avi"),     QStringLiteral("idx_mpeg4.avi"),
                                 QStringLiteral("idx_theora.ogv"),    QStringLiteral("h264_25fps_50f.mp4")};
    int next = 0;
    for (const QString& model : {QStringLiteral("alpha"), QStringLiteral("beta")}) {
        QDir().mkpath(root + QLatin1Char('/') + model);
        for (const QString& prompt : {QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("eel")}) {
            const QString source = svj::test::clip(sources[next++]);
            QFile::copy(source, QStringLiteral("%1/%2/%3.%4").arg(root, model, prompt, QFileInfo(source).suffix()));
        }
    }
    return root;
}

int standingLabels(Workspace& workspace, const QString& annotator) {
    int count = 0;
    for (const StoredLabel& label : LabelStore(workspace).currentLabels()) {
        count += label.annotator == annotator ? 1 : 0;
    }
    return count;
}

} // namespace

class LabellingSessionTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void votesSkipsFlagsAndTheirUndo();
    void reviewQueues();
    void checkpointDiff();

private:
    QTemporaryDir m_dir;
    QString m_project;
};

void LabellingSessionTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_project = makeProject(m_dir.filePath(QStringLiteral("project")));
}

void LabellingSessionTest::votesSkipsFlagsAndTheirUndo() {
    Workspace workspace =
        Workspace::create(svj::test::newWorkspaceLocation(m_dir.path(), QStringLiteral("session.svj")));
    importVideos(workspace, m_project);
    QCOMPARE(makePairs(workspace, {PairingMode::SamePrompt, 0, 1}), 3);
    QCOMPARE(LabelQueue(workspace).assign({QStringLiteral("ana")}, 1, 11), 3);
    QVERIFY_THROWS_EXCEPTION(WorkspaceError, LabellingSession(workspace, QStringLiteral("  ")));

    LabellingSession session(workspace, QStringLiteral("ana"));
    QVERIFY(session.current().has_value());
    QCOMPARE(session.remaining(), 3);
    const SessionItem first = *session.current();
    const std::optional<SessionItem> second = session.following();
    QVERIFY(second && second->pair.id != first.pair.id);
    QVERIFY(first.assignment != 0);

    Vote vote;
    vote.verdict = Verdict::A;
    vote.aspects.insert(QStringLiteral("VQ"), Verdict::B);
    vote.comment = QStringLiteral("left one stutters");
    vote.evidenceJson = QStringLiteral("[{\"t\":1.5,\"side\":\"B\",\"note\":\"freeze\"}]");
    vote.watchedA = 1.0;
    vote.watchedB = 0.5;
    vote.secondsSpent = 12.5;
    const qint64 label = session.vote(vote);
    QVERIFY(label > 0);
    QCOMPARE(session.current()->pair.id, second->pair.id); // what `following` promised
    QCOMPARE(session.progress().labelled, 1);
    QSqlQuery stored = WorkspaceSql(workspace).exec(
        QStringLiteral(
            "SELECT verdict, aspects, comment, evidence, watched_a, watched_b, a_on_left, source FROM labels "
            "WHERE id = ?"),
        {label});
    QVERIFY(stored.next());
    QCOMPARE(stored.value(0).toString(), QStringLiteral("A"));
    QVERIFY(stored.value(1).toString().contains(QStringLiteral("\"VQ\":\"B\"")));
    QCOMPARE(stored.value(2).toString(), vote.comment);
    QCOMPARE(stored.value(3).toString(), vote.evidenceJson);
    QCOMPARE(stored.value(4).toDouble(), 1.0);
    QCOMPARE(stored.value(5).toDouble(), 0.5);
    QCOMPARE(stored.value(6).toInt() != 0, first.aOnLeft);
    QCOMPARE(stored.value(7).toString(), QStringLiteral("workbench"));

    // Skip, then undo it: the same item again, not skipped any more.
    session.skip();
    QCOMPARE(session.progress().skipped, 1);
    QVERIFY(session.current()->pair.id != second->pair.id);
    QCOMPARE(session.undo(), QStringLiteral("skip of pair %1").arg(second->pair.id));
    QCOMPARE(session.current()->pair.id, second->pair.id);
    QCOMPARE(session.progress().skipped, 0);
    // Undo the vote too: the label is gone (an "undone" row) and its item is back.
    QVERIFY(session.undo().startsWith(QStringLiteral("vote A")));
    QCOMPARE(session.current()->pair.id, first.pair.id);
    QCOMPARE(standingLabels(workspace, QStringLiteral("ana")), 0);
    QVERIFY(!session.canUndo());
    QCOMPARE(session.undo(), QString());
    // Redo brings the vote back (a new row), and then the skip.
    QVERIFY(session.redo().startsWith(QStringLiteral("vote A")));
    QCOMPARE(standingLabels(workspace, QStringLiteral("ana")), 1);
    QVERIFY(session.redo().startsWith(QStringLiteral("skip")));
    QCOMPARE(session.progress().skipped, 1);
    QVERIFY(!session.canRedo());

    // Flag the last one and take it back; then label it: the queue is done.
    const qint64 last = session.current()->pair.id;
    session.flag();
    QCOMPARE(session.progress().flagged, 1);
    QVERIFY(!session.current().has_value());
    QCOMPARE(session.remaining(), 0);
    session.undo();
    QCOMPARE(session.progress().flagged, 0);
    QCOMPARE(session.current()->pair.id, last);
    session.vote(vote);
    QVERIFY(!session.current().has_value());
    QCOMPARE(standingLabels(workspace, QStringLiteral("ana")), 2);
    QCOMPARE(session.votesThisSession(), 2);
    QVERIFY_THROWS_EXCEPTION(WorkspaceError, session.vote(vote));
}

void LabellingSessionTest::reviewQueues() {
    Workspace workspace =
        Workspace::create(svj::test::newWorkspaceLocation(m_dir.path(), QStringLiteral("review.svj")));
    importVideos(workspace, m_project);
    QCOMPARE(makePairs(workspace, {PairingMode::SamePrompt, 0, 1}), 3);
    const QVector<StoredPair> pairs = LabelStore(workspace).pairs();
    // The first pair becomes a gold check.
    WorkspaceSql(workspace).run(QStringLiteral("UPDATE pairs SET origin = 'gold', gold_answer = 'A' WHERE id = ?"),
                                {pairs[0].id});
    QCOMPARE(goldChecks(workspace, QStringLiteral("ben")).size(), 1);

    // Judge scores: it prefers B on pair 1 a little and on pair 2 a lot; pair 0 it agrees with.
    const QString checkpoint = m_dir.filePath(QStringLiteral("judge.safetensors"));
    const auto score = [&](const StoredVideo& video, double energy) {
        JudgeScoreRecord record;
        record.video = video.path;
        record.checkpoint = checkpoint;
        record.energy = energy;
        record.frameEnergies = {static_cast<float>(energy)};
        storeJudgeScore(workspace, record);
    };
    score(pairs[0].videoA, 1.0);
    score(pairs[0].videoB, 2.0);
    score(pairs[1].videoA, 2.0);
    score(pairs[1].videoB, 1.5);
    score(pairs[2].videoA, 5.0);
    score(pairs[2].videoB, 1.0);
    LabelStore store(workspace);
    for (const StoredPair& pair : pairs) {
        LabelInput input;
        input.pairId = pair.id;
        input.annotator = QStringLiteral("ana");
        input.verdict = Verdict::A;
        workspace.transaction([&] { store.addLabel(input); });
    }
    const QVector<ReviewItem> disagreements = judgeDisagreements(workspace, QStringLiteral("ben"));
    QCOMPARE(disagreements.size(), 2);
    QCOMPARE(disagreements[0].pairId, pairs[2].id); // most confident first
    QCOMPARE(disagreements[0].margin, -4.0);
    QCOMPARE(disagreements[1].pairId, pairs[1].id);
    QVERIFY2(disagreements[0].reason.contains(QStringLiteral("ana chose A")), qPrintable(disagreements[0].reason));
    QCOMPARE(judgeDisagreements(workspace, QStringLiteral("ben"), checkpoint).size(), 2);
    QVERIFY(judgeDisagreements(workspace, QStringLiteral("ben"), m_dir.filePath(QStringLiteral("other"))).isEmpty());

    // Ben works through the disagreements in the session: his votes are his own labels; skip passes over.
    LabellingSession session(workspace, QStringLiteral("ben"));
    QVERIFY(!session.current().has_value()); // nothing assigned to him
    session.setQueue(QueueKind::JudgeDisagreements);
    QCOMPARE(session.remaining(), 2);
    QCOMPARE(session.current()->pair.id, pairs[2].id);
    QCOMPARE(session.following()->pair.id, pairs[1].id);
    // Without an assignment the side is still drawn, and the same every time.
    const bool side = session.current()->aOnLeft;
    session.setQueue(QueueKind::JudgeDisagreements);
    QCOMPARE(session.current()->aOnLeft, side);
    Vote vote;
    vote.verdict = Verdict::B;
    session.vote(vote);
    QCOMPARE(session.current()->pair.id, pairs[1].id);
    QVERIFY_THROWS_EXCEPTION(WorkspaceError, session.flag()); // not his assignment
    session.skip();
    QVERIFY(!session.current().has_value());
    session.undo();
    QCOMPARE(session.current()->pair.id, pairs[1].id);
    QCOMPARE(standingLabels(workspace, QStringLiteral("ben")), 1);

    // Gold checks: Ben answers the one there is.
    session.setQueue(QueueKind::Gold);
    QCOMPARE(session.current()->pair.id, pairs[0].id);
    session.vote(vote);
    QVERIFY(goldChecks(workspace, QStringLiteral("ben")).isEmpty());

    // Flagged items of every annotator, for a lead.
    LabelQueue queue(workspace);
    QCOMPARE(queue.assign({QStringLiteral("cy")}, 1, 3), 3);
    queue.flag(queue.next(QStringLiteral("cy"))->assignment);
    const QVector<ReviewItem> flagged = flaggedItems(workspace, QStringLiteral("ben"));
    QCOMPARE(flagged.size(), 1);
    QCOMPARE(flagged[0].reason, QStringLiteral("flagged by cy"));
    session.setQueue(QueueKind::Flagged);
    QCOMPARE(session.remaining(), 1);

    // Contested pairs: ana said A, ben said B on pairs 0 and 2. A lead's vote there is the final verdict.
    const QVector<ReviewItem> contested = contestedPairs(workspace, QStringLiteral("lee"));
    QCOMPARE(contested.size(), 2);
    QCOMPARE(contested[0].pairId, pairs[0].id);
    QCOMPARE(contested[0].reason, QStringLiteral("votes: ana: A, ben: B"));
    LabellingSession lead(workspace, QStringLiteral("lee"));
    lead.setQueue(QueueKind::Contested);
    QCOMPARE(lead.remaining(), 2);
    Vote final;
    final.verdict = Verdict::Tie;
    final.comment = QStringLiteral("both fine");
    lead.vote(final);
    QCOMPARE(adjudication(workspace, pairs[0].id), std::optional<Verdict>(Verdict::Tie));
    QCOMPARE(standingLabels(workspace, QStringLiteral("lee")), 0); // a final verdict, not one more label
    QCOMPARE(contestedPairs(workspace, QStringLiteral("lee")).size(), 1);
    lead.undo();
    QVERIFY(!adjudication(workspace, pairs[0].id).has_value());
    adjudicate(workspace, pairs[2].id, Verdict::A, QStringLiteral("lee"));
    adjudicate(workspace, pairs[2].id, Verdict::B, QStringLiteral("lee")); // a new one replaces it
    QCOMPARE(adjudication(workspace, pairs[2].id), std::optional<Verdict>(Verdict::B));
    QVERIFY_THROWS_EXCEPTION(WorkspaceError, adjudicate(workspace, 99999, Verdict::A, QStringLiteral("lee")));
}

// Two judges' scores against the humans' labels: which pairs the new one gets right that the old did not.
void LabellingSessionTest::checkpointDiff() {
    Workspace workspace = Workspace::create(svj::test::newWorkspaceLocation(m_dir.path(), QStringLiteral("diff.svj")));
    importVideos(workspace, m_project);
    QCOMPARE(makePairs(workspace, {PairingMode::SamePrompt, 0, 1}), 3);
    const QVector<StoredPair> pairs = LabelStore(workspace).pairs();
    const QString before = m_dir.filePath(QStringLiteral("before.safetensors"));
    const QString after = m_dir.filePath(QStringLiteral("after.safetensors"));
    const auto score = [&](const QString& checkpoint, const StoredVideo& video, double energy,
                           std::optional<double> reward = std::nullopt) {
        JudgeScoreRecord record;
        record.video = video.path;
        record.checkpoint = checkpoint;
        record.energy = energy;
        record.reward = reward;
        record.frameEnergies = {static_cast<float>(energy)};
        storeJudgeScore(workspace, record);
    };
    // Humans: A, B, A on pairs 0, 1, 2 (and a tie on pair 2 by someone else: not decisive, left out).
    LabelStore store(workspace);
    const Verdict verdicts[] = {Verdict::A, Verdict::B, Verdict::A};
    for (int i = 0; i < 3; ++i) {
        LabelInput input;
        input.pairId = pairs[i].id;
        input.annotator = QStringLiteral("ana");
        input.verdict = verdicts[i];
        workspace.transaction([&] { store.addLabel(input); });
    }
    LabelInput tie;
    tie.pairId = pairs[2].id;
    tie.annotator = QStringLiteral("ben");
    tie.verdict = Verdict::Tie;
    workspace.transaction([&] { store.addLabel(tie); });
    // Old judge (energies, lower = better): right on 0, wrong on 1, wrong on 2.
    score(before, pairs[0].videoA, 1.0);
    score(before, pairs[0].videoB, 2.0);
    score(before, pairs[1].videoA, 1.0);
    score(before, pairs[1].videoB, 2.0);
    score(before, pairs[2].videoA, 3.0);
    score(before, pairs[2].videoB, 2.0);
    // New judge (rewards, higher = better): wrong on 0, right on 1, pair 2 only half scored.
    score(after, pairs[0].videoA, 0.0, 0.1);
    score(after, pairs[0].videoB, 0.0, 0.9);
    score(after, pairs[1].videoA, 0.0, 0.2);
    score(after, pairs[1].videoB, 0.0, 0.7);
    score(after, pairs[2].videoA, 0.0, 0.5);
    const CheckpointDiff diff = diffCheckpoints(workspace, before, after);
    QCOMPARE(diff.gained.size(), 1);
    QCOMPARE(diff.gained[0].pairId, pairs[1].id);
    QCOMPARE(diff.gained[0].oldMargin, 1.0);
    QVERIFY(std::abs(diff.gained[0].newMargin + 0.5) < 1e-9);
    QCOMPARE(diff.lost.size(), 1);
    QCOMPARE(diff.lost[0].pairId, pairs[0].id);
    QCOMPARE(diff.bothRight + diff.bothWrong, 0);
    QCOMPARE(diff.unscored, 1);
    // Unknown checkpoints: nothing scored.
    QCOMPARE(diffCheckpoints(workspace, before, m_dir.filePath(QStringLiteral("none"))).unscored, 3);
}

SVJ_REGISTER_TEST(LabellingSessionTest)
#include "labelling_session_tests.moc"
