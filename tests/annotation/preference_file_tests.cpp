// Reading the field's pairwise preference files: every format, and every way a file can be broken, with the
// file and line in the message.
#include "annotation/csv_reader.h"
#include "annotation/csv_writer.h"
#include "annotation/import_error.h"
#include "annotation/preference_file.h"
#include "tests/support/test_registry.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace svj::annotation;

class PreferenceFileTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void csvQuotesCommasAndLineBreaks();
    void csvCrLfAndBlankLines();
    void csvUnclosedQuoteNamesItsLine();
    void verdictSpellings();
    void genAiBenchCsv();
    void videoGenRewardBenchWithAspects();
    void genAiBenchPathColumns();
    void videoAlignTrainingCsv();
    void csvCellsNeutraliseFormulas();
    void monetBenchJsonl();
    void ownJsonlWithNestedAspects();
    void ownCsvWithAspectColumns();
    void brokenFiles_data();
    void brokenFiles();
    void formatNamesRoundTrip();

private:
    QString write(const QString& name, const QByteArray& bytes);
    std::unique_ptr<QTemporaryDir> m_dir;
};

QString PreferenceFileTest::write(const QString& name, const QByteArray& bytes) {
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        qFatal("cannot write %s", qPrintable(path));
    }
    return path;
}

void PreferenceFileTest::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void PreferenceFileTest::csvQuotesCommasAndLineBreaks() {
    const QVector<CsvRecord> records = parseCsv(
        QStringLiteral("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\"\",,z\n"), QStringLiteral("t.csv"));
    QCOMPARE(records.size(), 3);
    QCOMPARE(records[1].fields,
             (QStringList{QStringLiteral("x, y"), QStringLiteral("say \"hi\""), QStringLiteral("two\nlines")}));
    QCOMPARE(records[1].line, 2);
    QCOMPARE(records[2].line, 4); // after the line break inside quotes
    QCOMPARE(records[2].fields, (QStringList{QString(), QString(), QStringLiteral("z")}));
}

void PreferenceFileTest::csvCrLfAndBlankLines() {
    const QVector<CsvRecord> records = parseCsv(QStringLiteral("a,b\r\n\r\n1,2\r\n3,4"), QStringLiteral("t.csv"));
    QCOMPARE(records.size(), 3);
    QCOMPARE(records[1].line, 3);
    QCOMPARE(records[2].fields, (QStringList{QStringLiteral("3"), QStringLiteral("4")}));
}

void PreferenceFileTest::csvUnclosedQuoteNamesItsLine() {
    try {
        parseCsv(QStringLiteral("a,b\n1,2\n\"open,3\n4,5\n"), QStringLiteral("bad.csv"));
        QFAIL("no error");
    } catch (const ImportError& error) {
        QCOMPARE(error.line(), 3);
        QVERIFY(QString::fromUtf8(error.what()).contains(QStringLiteral("bad.csv:3")));
        QVERIFY(error.detail().contains(QStringLiteral("never closed")));
    }
}

void PreferenceFileTest::verdictSpellings() {
    QCOMPARE(parseVerdict(QStringLiteral("leftvote")), Verdict::A);
    QCOMPARE(parseVerdict(QStringLiteral(" RightVote ")), Verdict::B);
    QCOMPARE(parseVerdict(QStringLiteral("tievote")), Verdict::Tie);
    QCOMPARE(parseVerdict(QStringLiteral("bothbad_vote")), Verdict::BothBad);
    QCOMPARE(parseVerdict(QStringLiteral("same")), Verdict::Tie);
    QCOMPARE(parseVerdict(QStringLiteral("video2")), Verdict::B);
    QCOMPARE(parseVerdict(QStringLiteral("maybe")), std::nullopt);
    for (const Verdict verdict : {Verdict::A, Verdict::B, Verdict::Tie, Verdict::BothBad}) {
        QCOMPARE(parseVerdict(verdictName(verdict)), verdict);
    }
    QCOMPARE(preferenceSign(Verdict::A), 1);
    QCOMPARE(preferenceSign(Verdict::B), -1);
    QCOMPARE(preferenceSign(Verdict::BothBad), 0);
}

void PreferenceFileTest::genAiBenchCsv() {
    const QString path = write(QStringLiteral("genai.csv"),
                               "\xEF\xBB\xBFprompt,left_model,right_model,left_video,right_video,vote_type\n"
                               "\"a cat, jumping\",m1,m2,videos/a.mp4,videos/b.mp4,leftvote\n"
                               "dog,m2,m3,/abs/c.mp4,d.mp4,bothbad_vote\n");
    const PreferenceFile file = readPreferenceFile(path, PreferenceFormat::GenAIBench);
    QCOMPARE(file.pairs.size(), 2);
    QCOMPARE(file.pairs[0].prompt, QStringLiteral("a cat, jumping"));
    QCOMPARE(file.pairs[0].videoA, QDir(m_dir->path()).filePath(QStringLiteral("videos/a.mp4")));
    QCOMPARE(file.pairs[0].verdict, Verdict::A);
    QCOMPARE(file.pairs[0].modelB, QStringLiteral("m2"));
    QCOMPARE(file.pairs[1].videoA, QStringLiteral("/abs/c.mp4"));
    QCOMPARE(file.pairs[1].verdict, Verdict::BothBad);
    QCOMPARE(file.pairs[1].line, 3);
}

void PreferenceFileTest::videoGenRewardBenchWithAspects() {
    const QString path = write(QStringLiteral("vgrb.csv"), "path_A,path_B,A_model,B_model,prompt,VQ,MQ,TA,Overall\n"
                                                           "a.mp4,b.mp4,x,y,p,A,B,same,A\n"
                                                           "c.mp4,d.mp4,x,y,q,,,,same\n");
    const PreferenceFile file = readPreferenceFile(path, PreferenceFormat::VideoGenRewardBench);
    QCOMPARE(file.pairs.size(), 2);
    QCOMPARE(file.pairs[0].aspects.value(QStringLiteral("MQ")), Verdict::B);
    QCOMPARE(file.pairs[0].aspects.value(QStringLiteral("TA")), Verdict::Tie);
    QCOMPARE(file.pairs[1].verdict, Verdict::Tie);
    QVERIFY(file.pairs[1].aspects.isEmpty());
    QCOMPARE(file.aspectNames, (QStringList{QStringLiteral("MQ"), QStringLiteral("TA"), QStringLiteral("VQ")}));
}

void PreferenceFileTest::genAiBenchPathColumns() {
    // The spelling of some public evaluation scripts: left_video_path / right_video_path, in JSONL too.
    const QString csv = write(QStringLiteral("genai-paths.csv"),
                              "prompt,left_model,right_model,left_video_path,right_video_path,vote_type\n"
                              "p,m1,m2,l.mp4,r.mp4,rightvote\n");
    const PreferenceFile file = readPreferenceFile(csv, PreferenceFormat::GenAIBench);
    QCOMPARE(file.pairs.size(), 1);
    QCOMPARE(file.pairs[0].videoA, QDir(m_dir->path()).filePath(QStringLiteral("l.mp4")));
    QCOMPARE(file.pairs[0].videoB, QDir(m_dir->path()).filePath(QStringLiteral("r.mp4")));
    QCOMPARE(file.pairs[0].verdict, Verdict::B);
    QVERIFY(file.notes.isEmpty());
    const QString jsonl =
        write(QStringLiteral("genai-paths.jsonl"), "{\"left_video_path\": \"l.mp4\", \"right_video_path\": \"r.mp4\", "
                                                   "\"vote_type\": \"tievote\"}\n");
    QCOMPARE(readPreferenceFile(jsonl, PreferenceFormat::GenAIBench).pairs[0].verdict, Verdict::Tie);
    // Neither spelling: the message names the column we look for.
    const QString neither =
        write(QStringLiteral("genai-none.csv"), "prompt,left,right,vote_type\np,l.mp4,r.mp4,leftvote\n");
    try {
        readPreferenceFile(neither, PreferenceFormat::GenAIBench);
        QFAIL("a file without video columns was read");
    } catch (const ImportError& error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains(QLatin1String("'left_video'")), error.what());
    }
}

void PreferenceFileTest::videoAlignTrainingCsv() {
    // VideoAlign's training CSV: VideoGen-RewardBench's columns without Overall, plus fps and frame counts.
    const QString path =
        write(QStringLiteral("videoalign.csv"), "path_A,path_B,prompt,VQ,MQ,TA,fps_A,num_frames_A,fps_B,num_frames_B\n"
                                                "./videos/1_A.mp4,./videos/1_B.mp4,a,A,A,B,24,48,24,48\n"
                                                "./videos/2_A.mp4,./videos/2_B.mp4,b,same,B,same,24,48,24,48\n"
                                                "./videos/3_A.mp4,./videos/3_B.mp4,c,A,B,same,24,48,24,48\n"
                                                "./videos/4_A.mp4,./videos/4_B.mp4,d,same,same,same,24,48,24,48\n");
    const PreferenceFile file = readPreferenceFile(path, PreferenceFormat::VideoGenRewardBench);
    QCOMPARE(file.pairs.size(), 4);
    QCOMPARE(file.pairs[0].verdict, Verdict::A);   // two aspects of three prefer A
    QCOMPARE(file.pairs[1].verdict, Verdict::B);   // the one aspect with a preference
    QCOMPARE(file.pairs[2].verdict, Verdict::Tie); // split
    QCOMPARE(file.pairs[3].verdict, Verdict::Tie); // all the same
    QCOMPARE(file.pairs[0].aspects.value(QStringLiteral("TA")), Verdict::B);
    QCOMPARE(file.pairs[0].videoA, QDir(m_dir->path()).filePath(QStringLiteral("videos/1_A.mp4")));
    QCOMPARE(file.notes.size(), 1); // and it says how the overall verdict was made
    QVERIFY(file.notes.front().contains(QLatin1String("majority")));
    // Without Overall and without any aspect there is nothing to derive it from.
    const QString bare = write(QStringLiteral("bare.csv"), "path_A,path_B,prompt\na.mp4,b.mp4,p\n");
    try {
        readPreferenceFile(bare, PreferenceFormat::VideoGenRewardBench);
        QFAIL("a file without verdicts was read");
    } catch (const ImportError& error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains(QLatin1String("'Overall'")), error.what());
        QVERIFY2(QString::fromUtf8(error.what()).contains(QLatin1String(":2")), error.what());
    }
}

void PreferenceFileTest::csvCellsNeutraliseFormulas() {
    QCOMPARE(csvCell(QStringLiteral("plain")), QStringLiteral("plain"));
    QCOMPARE(csvCell(QStringLiteral("=HYPERLINK(\"x\")")), QStringLiteral("\"'=HYPERLINK(\"\"x\"\")\""));
    QCOMPARE(csvCell(QStringLiteral("+1+1")), QStringLiteral("'+1+1"));
    QCOMPARE(csvCell(QStringLiteral("@SUM(A1)")), QStringLiteral("'@SUM(A1)"));
    QCOMPARE(csvCell(QStringLiteral("-0.25")), QStringLiteral("-0.25")); // a number stays one
    QCOMPARE(csvCell(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
    QCOMPARE(csvCell(QStringLiteral("line\rbreak")), QStringLiteral("\"line\rbreak\""));
    // Our own exports read back as they were written.
    for (const QString& text : {QStringLiteral("=1+1"), QStringLiteral("-cmd"), QStringLiteral("'quoted"),
                                QStringLiteral("plain"), QStringLiteral("-0.5")}) {
        const QVector<CsvRecord> records =
            parseCsv(QStringLiteral("a\n") + csvCell(text) + QLatin1Char('\n'), QStringLiteral("t.csv"));
        QCOMPARE(csvCellText(records[1].fields[0]), text);
    }
}

void PreferenceFileTest::monetBenchJsonl() {
    const QString path =
        write(QStringLiteral("monet.jsonl"),
              "{\"video1_path\": \"v1.mp4\", \"video2_path\": \"v2.mp4\", \"prompt\": \"sea\", "
              "\"standard_answer\": \"video2\"}\n\n"
              "{\"video1_path\": \"v3.mp4\", \"video2_path\": \"v4.mp4\", \"standard_answer\": \"video1\"}\n");
    const PreferenceFile file = readPreferenceFile(path, PreferenceFormat::MonetBench);
    QCOMPARE(file.pairs.size(), 2);
    QCOMPARE(file.pairs[0].verdict, Verdict::B);
    QCOMPARE(file.pairs[1].verdict, Verdict::A);
    QCOMPARE(file.pairs[1].line, 3);
}

void PreferenceFileTest::ownJsonlWithNestedAspects() {
    const QString path =
        write(QStringLiteral("own.jsonl"), "{\"video_a\": \"a.mp4\", \"video_b\": \"b.mp4\", \"label\": \"tie\", "
                                           "\"aspects\": {\"motion\": \"A\", \"quality\": \"both-bad\"}}\n");
    const PreferenceFile file = readPreferenceFile(path, PreferenceFormat::Jsonl);
    QCOMPARE(file.pairs.size(), 1);
    QCOMPARE(file.pairs[0].verdict, Verdict::Tie);
    QCOMPARE(file.pairs[0].aspects.value(QStringLiteral("motion")), Verdict::A);
    QCOMPARE(file.pairs[0].aspects.value(QStringLiteral("quality")), Verdict::BothBad);
}

void PreferenceFileTest::ownCsvWithAspectColumns() {
    const QString path = write(QStringLiteral("own.csv"), "video_a,video_b,verdict,aspect:motion\n"
                                                          "a.mp4,b.mp4,B,A\n");
    const PreferenceFile file = readPreferenceFile(path, PreferenceFormat::Csv);
    QCOMPARE(file.pairs[0].verdict, Verdict::B);
    QCOMPARE(file.pairs[0].aspects.value(QStringLiteral("motion")), Verdict::A);
}

void PreferenceFileTest::brokenFiles_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty csv") << "e.csv" << QByteArray() << 0 << "empty";
    QTest::newRow("empty jsonl") << "e.jsonl" << QByteArray("\n\n") << 0 << "no pairs";
    QTest::newRow("missing column") << "m.csv" << QByteArray("video_a,label\nx.mp4,A\n") << 2
                                    << "missing column 'video_b'";
    QTest::newRow("unknown verdict") << "v.csv" << QByteArray("video_a,video_b,label\nx,y,A\nx,y,perhaps\n") << 3
                                     << "unknown verdict 'perhaps'";
    QTest::newRow("stray comma") << "s.csv" << QByteArray("video_a,video_b,label\nx,y,A,extra\n") << 2 << "4 fields";
    QTest::newRow("empty path") << "p.csv" << QByteArray("video_a,video_b,label\n,y,A\n") << 2 << "empty video path";
    QTest::newRow("bad json") << "j.jsonl"
                              << QByteArray("{\"video_a\":\"a\",\"video_b\":\"b\",\"label\":\"A\"}\n{\"video_a\": \n")
                              << 2 << "not a JSON object";
    QTest::newRow("json array") << "k.jsonl" << QByteArray("[1,2]\n") << 1 << "not a JSON object";
    QTest::newRow("unclosed quote") << "q.csv" << QByteArray("video_a,video_b,label\n\"x,y,A\n") << 2 << "never closed";
}

void PreferenceFileTest::brokenFiles() {
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(int, line);
    QFETCH(QString, message);
    const QString path = write(name, bytes);
    try {
        readPreferenceFile(path,
                           name.endsWith(QLatin1String(".csv")) ? PreferenceFormat::Csv : PreferenceFormat::Jsonl);
        QFAIL("no error");
    } catch (const ImportError& error) {
        const QString what = QString::fromUtf8(error.what());
        QVERIFY2(what.contains(message), qPrintable(what));
        QVERIFY2(what.startsWith(path), qPrintable(what));
        QCOMPARE(error.line(), line);
    }
}

void PreferenceFileTest::formatNamesRoundTrip() {
    for (const PreferenceFormat format :
         {PreferenceFormat::GenAIBench, PreferenceFormat::VideoGenRewardBench, PreferenceFormat::MonetBench,
          PreferenceFormat::Jsonl, PreferenceFormat::Csv}) {
        QCOMPARE(parsePreferenceFormat(preferenceFormatName(format)), format);
    }
    QCOMPARE(parsePreferenceFormat(QStringLiteral("xml")), std::nullopt);
    try {
        readPreferenceFile(m_dir->filePath(QStringLiteral("absent.csv")), PreferenceFormat::Csv);
        QFAIL("no error");
    } catch (const ImportError& error) {
        QVERIFY(error.detail().contains(QStringLiteral("not found")));
    }
}

SVJ_REGISTER_TEST(PreferenceFileTest)
#include "preference_file_tests.moc"
