// A team workspace's rules, held by the server (needs SVJ_TEST_POSTGRES): the owner sets the team up and adds a
// lead and two annotators with SCRAM passwords; each annotator labels only as themself (a label under another's
// name, or an undo of another's label, is refused with a message that says so), skips only their own assignment,
// sees the other's vote on a pair only after casting their own, and cannot adjudicate; labels stay append-only;
// the same rules hold for an annotator who bypasses svj and talks SQL to the server directly (psql).
#include "annotation/label_queue.h"
#include "annotation/label_store.h"
#include "annotation/review_queues.h"
#include "annotation/server_credentials.h"
#include "annotation/team_workspace.h"
#include "annotation/workspace.h"
#include "annotation/workspace_sql.h"
#include "annotation/workspace_statistics.h"
#include "tests/annotation/workspace_location.h"
#include "tests/support/test_clips.h"
#include "tests/support/test_registry.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUuid>

using namespace svj::annotation;

namespace {

QString errorOf(const std::function<void()>& work) {
    try {
        work();
    } catch (const WorkspaceError& error) {
        return QString::fromUtf8(error.what());
    }
    return {};
}

} // namespace

class TeamWorkspaceTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void annotatorsLabelOnlyAsThemselves();
    void votesAreHiddenUntilOnesOwn();
    void onlyLeadsAdjudicateAndAssign();
    void theServerHoldsTheRulesForSqlToo();
    void sqliteHasNoTeam();

private:
    QString as(const QString& role) const; // the workspace's URL for a role (its password remembered)
    // psql as `role` (its password in PGPASSWORD); returns the exit code and what it said.
    std::pair<int, QString> psql(const QString& role, const QString& statement) const;
    QString m_location; // the owner's
    QMap<QString, QString> m_passwords;
    qint64 m_pairOne = 0;
    qint64 m_pairTwo = 0;
};

QString TeamWorkspaceTest::as(const QString& role) const {
    QUrl url(m_location);
    url.setUserName(role);
    rememberPassword(url.toString(), m_passwords.value(role));
    return url.toString();
}

std::pair<int, QString> TeamWorkspaceTest::psql(const QString& role, const QString& statement) const {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PGPASSWORD"), m_passwords.value(role));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral("psql"),
                  {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                   QStringLiteral("-d"), as(role), QStringLiteral("-c"), statement});
    process.waitForFinished(60000);
    return {process.exitCode(),
            QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError()).trimmed()};
}

void TeamWorkspaceTest::initTestCase() {
    if (!svj::test::onPostgres()) {
        return; // only sqliteHasNoTeam runs
    }
    const QString suffix = QString::number(QCoreApplication::applicationPid());
    const QString owner = QStringLiteral("svj_owner_") + suffix;
    for (const QString& role :
         {owner, QStringLiteral("lead_") + suffix, QStringLiteral("ann_") + suffix, QStringLiteral("bob_") + suffix}) {
        m_passwords[role] = QUuid::createUuid().toString(QUuid::Id128);
    }
    const QString admin = qEnvironmentVariable("SVJ_TEST_POSTGRES");
    svj::test::runRaw(admin,
                      {QStringLiteral("CREATE ROLE %1 LOGIN CREATEROLE PASSWORD '%2'").arg(owner, m_passwords[owner]),
                       QStringLiteral("CREATE DATABASE %1 OWNER %1").arg(owner)});
    QUrl url(admin);
    url.setUserName(owner);
    url.setPath(QLatin1Char('/') + owner);
    m_location = url.toString();
    Workspace workspace = Workspace::create(as(owner));
    LabelStore store(workspace);
    const QStringList videos{svj::test::clip(QStringLiteral("idx_h264_720p.mp4")),
                             svj::test::clip(QStringLiteral("idx_vp9.webm")),
                             svj::test::clip(QStringLiteral("idx_mjpeg.avi"))};
    workspace.transaction([&] {
        const StoredVideo a = store.addVideo(videos[0], QStringLiteral("m1"), QStringLiteral("p"));
        const StoredVideo b = store.addVideo(videos[1], QStringLiteral("m2"), QStringLiteral("p"));
        const StoredVideo c = store.addVideo(videos[2], QStringLiteral("m3"), QStringLiteral("p"));
        m_pairOne = store.addPair(a.id, b.id, QStringLiteral("p"), QStringLiteral("auto"), {});
        m_pairTwo = store.addPair(b.id, c.id, QStringLiteral("p"), QStringLiteral("auto"), {});
    });
    initTeam(workspace);
    QCOMPARE(addTeamMember(workspace, QStringLiteral("lead_") + suffix, TeamRole::Lead,
                           m_passwords[QStringLiteral("lead_") + suffix])
                 .created,
             true);
    for (const QString& name : {QStringLiteral("ann_"), QStringLiteral("bob_")}) {
        const TeamMember member =
            addTeamMember(workspace, name + suffix, TeamRole::Annotator, m_passwords[name + suffix]);
        QVERIFY(member.created);
    }
    // A generated password for a role made without one; and an existing role only granted.
    const TeamMember generated = addTeamMember(workspace, QStringLiteral("gen_") + suffix, TeamRole::Annotator);
    QVERIFY(generated.created && generated.password.size() >= 20);
    QVERIFY(!addTeamMember(workspace, QStringLiteral("gen_") + suffix, TeamRole::Annotator).created);
    QVERIFY(errorOf([&] {
                addTeamMember(workspace, QStringLiteral("x; DROP TABLE labels"), TeamRole::Lead);
            }).contains(QLatin1String("not a role name")));
    // The lead assigns both pairs to both annotators.
    Workspace lead = Workspace::open(as(QStringLiteral("lead_") + suffix));
    QCOMPARE(lead.teamRole(), QStringLiteral("lead_") + suffix);
    QCOMPARE(LabelQueue(lead).assign({QStringLiteral("ann_") + suffix, QStringLiteral("bob_") + suffix}, 2, 1), 4);
}

void TeamWorkspaceTest::annotatorsLabelOnlyAsThemselves() {
    if (!svj::test::onPostgres()) {
        QSKIP("needs the test server (SVJ_TEST_POSTGRES)");
    }
    const QString suffix = QString::number(QCoreApplication::applicationPid());
    const QString ann = QStringLiteral("ann_") + suffix;
    const QString bob = QStringLiteral("bob_") + suffix;
    Workspace workspace = Workspace::open(as(ann));
    QCOMPARE(workspace.teamRole(), ann);
    LabelStore store(workspace);
    // A display name asked for is not who labels: the login role is.
    LabelInput input;
    input.pairId = m_pairOne;
    input.annotator = bob;
    input.verdict = Verdict::A;
    const qint64 label = store.addLabel(input);
    Workspace owner = Workspace::open(m_location);
    QCOMPARE(
        WorkspaceSql(owner)
            .scalar(QStringLiteral("SELECT a.name || '/' || l.login_role FROM labels l JOIN annotators a ON a.id = "
                                   "l.annotator_id WHERE l.id = ?"),
                    {label})
            .toString(),
        ann + QLatin1Char('/') + ann);
    // bob labels pair one too; ann, having voted, sees it, and cannot undo it.
    Workspace bobs = Workspace::open(as(bob));
    input.annotator = bob;
    const qint64 bobsLabel = LabelStore(bobs).addLabel(input);
    const QString undo = errorOf([&] { store.undoLabel(bobsLabel); });
    QVERIFY2(undo.contains(QLatin1String("you can undo only your own labels")), qPrintable(undo));
    QVERIFY(!undo.contains(QLatin1String("row-level security"))); // our words, not the server's
    QCOMPARE(store.undoLabel(label) > label, true);               // one's own: fine
    // The name asked for is kept beside the login role, as a display name the statistics show.
    input.annotator = QStringLiteral("Ann S.");
    store.addLabel(input);
    QCOMPARE(WorkspaceSql(owner)
                 .scalar(QStringLiteral("SELECT display_name FROM annotators WHERE name = ?"), {ann})
                 .toString(),
             QStringLiteral("Ann S."));
    bool shown = false;
    for (const AnnotatorFigures& figures : computeStatistics(owner).annotators) {
        shown |= figures.name == QStringLiteral("Ann S. (%1)").arg(ann);
    }
    QVERIFY(shown);
    // Skipping bob's assignment: refused, saying why.
    LabelQueue queue(workspace);
    const std::optional<QueueItem> bobsItem = LabelQueue(bobs).assignmentOf(bob, m_pairTwo);
    QVERIFY(bobsItem);
    const QString skip = errorOf([&] { queue.skip(bobsItem->assignment); });
    QVERIFY2(skip.contains(QLatin1String("only your own assignments")), qPrintable(skip));
    const std::optional<QueueItem> mine = queue.assignmentOf(ann, m_pairTwo);
    QVERIFY(mine);
    queue.skip(mine->assignment);
    queue.reopen(mine->assignment);
}

void TeamWorkspaceTest::votesAreHiddenUntilOnesOwn() {
    if (!svj::test::onPostgres()) {
        QSKIP("needs the test server (SVJ_TEST_POSTGRES)");
    }
    const QString suffix = QString::number(QCoreApplication::applicationPid());
    const QString ann = QStringLiteral("ann_") + suffix;
    const QString bob = QStringLiteral("bob_") + suffix;
    Workspace bobs = Workspace::open(as(bob));
    LabelInput input;
    input.pairId = m_pairTwo;
    input.annotator = bob;
    input.verdict = Verdict::B;
    LabelStore(bobs).addLabel(input);
    Workspace workspace = Workspace::open(as(ann));
    const auto othersVotes = [&] {
        return WorkspaceSql(workspace)
            .scalar(QStringLiteral("SELECT COUNT(*) FROM labels l JOIN annotators a ON a.id = l.annotator_id WHERE "
                                   "l.pair_id = ? AND a.name <> ?"),
                    {m_pairTwo, ann})
            .toInt();
    };
    QCOMPARE(othersVotes(), 0);
    input.annotator = ann;
    input.verdict = Verdict::A;
    LabelStore(workspace).addLabel(input);
    QCOMPARE(othersVotes(), 1);
    // The workspace may hide them for good.
    {
        Workspace owner = Workspace::open(m_location);
        initTeam(owner, VoteVisibility::Never);
    }
    QCOMPARE(othersVotes(), 0);
    {
        Workspace owner = Workspace::open(m_location);
        initTeam(owner, VoteVisibility::AfterOwnVote);
        // The owner sees everything.
        QVERIFY(WorkspaceSql(owner).scalar(QStringLiteral("SELECT COUNT(*) FROM labels")).toInt() >= 4);
    }
}

void TeamWorkspaceTest::onlyLeadsAdjudicateAndAssign() {
    if (!svj::test::onPostgres()) {
        QSKIP("needs the test server (SVJ_TEST_POSTGRES)");
    }
    const QString suffix = QString::number(QCoreApplication::applicationPid());
    Workspace annotator = Workspace::open(as(QStringLiteral("ann_") + suffix));
    const QString adjudication =
        errorOf([&] { adjudicate(annotator, m_pairOne, Verdict::A, QStringLiteral("ann_") + suffix); });
    QVERIFY2(adjudication.contains(QLatin1String("only a lead can adjudicate")), qPrintable(adjudication));
    const QString assignment =
        errorOf([&] { LabelQueue(annotator).assign({QStringLiteral("carol_") + suffix}, 1, 2); });
    QVERIFY2(assignment.contains(QLatin1String("only a lead")), qPrintable(assignment));
    Workspace lead = Workspace::open(as(QStringLiteral("lead_") + suffix));
    adjudicate(lead, m_pairOne, Verdict::B, QStringLiteral("someone else"));
    QCOMPARE(WorkspaceSql(lead)
                 .scalar(QStringLiteral("SELECT login_role FROM adjudications WHERE pair_id = ?"), {m_pairOne})
                 .toString(),
             QStringLiteral("lead_") + suffix);
}

void TeamWorkspaceTest::theServerHoldsTheRulesForSqlToo() {
    if (!svj::test::onPostgres()) {
        QSKIP("needs the test server (SVJ_TEST_POSTGRES)");
    }
    const QString suffix = QString::number(QCoreApplication::applicationPid());
    const QString ann = QStringLiteral("ann_") + suffix;
    const QString bob = QStringLiteral("bob_") + suffix;
    const auto refused = [&](const QString& statement, const char* because) {
        const auto [code, said] = psql(ann, statement);
        QVERIFY2(code != 0 && said.contains(QLatin1String(because)),
                 qPrintable(statement + QStringLiteral(": ") + said));
    };
    refused(QStringLiteral("UPDATE labels SET verdict = 'B'"), "permission denied");
    refused(QStringLiteral("DELETE FROM labels"), "permission denied");
    refused(QStringLiteral("DELETE FROM adjudications"), "permission denied");
    refused(QStringLiteral("INSERT INTO labels (pair_id, annotator_id, verdict, created_at) SELECT %1, id, 'A', 'now' "
                           "FROM annotators WHERE name = '%2'")
                .arg(m_pairOne)
                .arg(bob),
            "row-level security");
    refused(QStringLiteral("INSERT INTO labels (pair_id, annotator_id, verdict, created_at, login_role) SELECT %1, id, "
                           "'A', 'now', '%2' FROM annotators WHERE name = '%3'")
                .arg(m_pairOne)
                .arg(bob, ann),
            "row-level security");
    refused(QStringLiteral("INSERT INTO annotators (name) VALUES ('mallory')"), "row-level security");
    refused(QStringLiteral("UPDATE assignments SET annotator_id = annotator_id"), "permission denied");
    refused(QStringLiteral("INSERT INTO pairs (video_a, video_b, origin, created_at) VALUES (1, 3, 'auto', 'now')"),
            "permission denied");
    // An UPDATE of another's assignment changes nothing (the policy hides the row).
    const auto [code, said] = psql(ann, QStringLiteral("UPDATE assignments SET state = 'flagged' WHERE annotator_id "
                                                       "= (SELECT id FROM annotators WHERE name = '%1')")
                                            .arg(bob));
    QVERIFY2(code == 0, qPrintable(said));
    Workspace owner = Workspace::open(m_location);
    QCOMPARE(WorkspaceSql(owner)
                 .scalar(QStringLiteral("SELECT COUNT(*) FROM assignments a JOIN annotators n ON n.id = a.annotator_id "
                                        "WHERE n.name = ? AND a.state = 'flagged'"),
                         {bob})
                 .toInt(),
             0);
    // Reading: ann sees their own labels and, on pairs they voted on, the others'.
    const auto [readCode, rows] = psql(ann, QStringLiteral("SELECT COUNT(*) FROM labels WHERE pair_id NOT IN (SELECT "
                                                           "pair_id FROM labels l JOIN annotators a ON a.id = "
                                                           "l.annotator_id WHERE a.name = current_user)"));
    QVERIFY2(readCode == 0 && rows.contains(QLatin1String(" 0")), qPrintable(rows));
}

void TeamWorkspaceTest::sqliteHasNoTeam() {
    QTemporaryDir dir;
    Workspace file = Workspace::create(dir.filePath(QStringLiteral("alone.svjw")));
    QVERIFY(file.teamRole().isEmpty());
    QCOMPARE(file.identity(QStringLiteral("ana")), QStringLiteral("ana"));
    const QString refused = errorOf([&] { initTeam(file); });
    QVERIFY2(refused.contains(QLatin1String("needs a PostgreSQL workspace")), qPrintable(refused));
}

SVJ_REGISTER_TEST(TeamWorkspaceTest)
#include "team_tests.moc"
