// Issue 21's table, one test per row: the input is made here (FFmpeg, printf-style bytes), the real `svj`
// opens it under a 3 GiB address-space limit, and the test asserts what the user sees: a one-line error
// naming the file and exit code 2, or a result whose size follows the decoded frames, not a file's claims.
#include "tests/support/checkpoint_files.h"
#include "tests/support/cli_runner.h"
#include "tests/support/test_clips.h"
#include "tests/support/test_registry.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using svj::test::CliResult;

namespace {

// Enough for LibTorch and OpenBLAS to start (under 2 GiB OpenBLAS spins in its buffer allocation), far
// below what a claimed 10^6 s video or a 100000 x 100000 frame would take.
constexpr int kAddressSpaceMb = 3072;

CliResult runLimited(const QStringList& arguments, int timeoutMs = 60000) {
    return svj::test::runCliLimited(arguments, kAddressSpaceMb, timeoutMs);
}

// Exit 2 and one line on stderr, "svj: error: ...", holding every one of `words`.
bool isOneLineError(const CliResult& result, const QStringList& words) {
    const QString line = result.err.trimmed();
    if (result.exitCode != 2 || line.contains(QLatin1Char('\n')) || !line.startsWith(QLatin1String("svj: error: "))) {
        qWarning("exit %d, stderr: %s", result.exitCode, qPrintable(result.err));
        return false;
    }
    for (const QString& word : words) {
        if (!line.contains(word)) {
            qWarning("'%s' is not in: %s", qPrintable(word), qPrintable(line));
            return false;
        }
    }
    qInfo("exit 2, stderr: %s", qPrintable(line)); // the suite's log is the table of what each input gets
    return true;
}

QJsonObject jsonOf(const QString& text) {
    return QJsonDocument::fromJson(text.trimmed().toUtf8()).object();
}

} // namespace

class HostileInputTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void concatScriptAndPlaylistAreNotFollowed();
    void timestampJumpDoesNotMakeWindows();
    void absurdSampleAspectRatioIsIgnored();
    void hugeOutputSizeIsRefused();
    void nameThatIsNotUtf8GivesValidJson();
    void genAiBenchPathColumnsImport();
    void videoAlignCsvImportsWithDerivedOverall();
    void safetensorsShapeThatOverflowsIsRefused();
    void checkpointConfigIsBoundedBeforeAllocation();
    void csvOutputIsEscapedAndFormulasNeutralised();
    void pathStartingWithADashIsAFile();
    void pipeNamedInAPreferenceFileIsRefusedUnread();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
    QString m_video; // a real 3-frame H.264 clip
};

void HostileInputTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY2(!svj::test::cliPath().isEmpty(), "SVJ_CLI is not set");
    m_video = path(QStringLiteral("clean.mkv"));
    QVERIFY(svj::test::runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                                  QStringLiteral("testsrc2=size=64x64:rate=25"), QStringLiteral("-frames:v"),
                                  QStringLiteral("3"), QStringLiteral("-c:v"), QStringLiteral("libx264"), m_video}));
}

void HostileInputTest::concatScriptAndPlaylistAreNotFollowed() {
    // An "mp4" that is an FFmpeg concat script or an HLS playlist naming another local file.
    QVERIFY(svj::test::writeFile(path(QStringLiteral("concat.mp4")),
                                 "ffconcat version 1.0\nfile '" + m_video.toUtf8() + "'\n"));
    QVERIFY(
        svj::test::writeFile(path(QStringLiteral("playlist.mp4")), "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\n" +
                                                                       m_video.toUtf8() + "\n#EXT-X-ENDLIST\n"));
    for (const QString& name : {QStringLiteral("concat.mp4"), QStringLiteral("playlist.mp4")}) {
        for (const QString& command : {QStringLiteral("probe"), QStringLiteral("score")}) {
            const CliResult result = runLimited({command, path(name)});
            QVERIFY2(isOneLineError(result, {name, QStringLiteral("refused")}), qPrintable(command + " " + name));
            QVERIFY(!result.out.contains(QLatin1String("h264"))); // nothing of the named file was read
        }
    }
}

void HostileInputTest::timestampJumpDoesNotMakeWindows() {
    // Two frames, the second 10^6 s after the first.
    const QString stream = path(QStringLiteral("two.ts"));
    const QString jump = path(QStringLiteral("jump.mkv"));
    QVERIFY(svj::test::runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                                  QStringLiteral("testsrc2=size=64x64:rate=25"), QStringLiteral("-frames:v"),
                                  QStringLiteral("2"), QStringLiteral("-c:v"), QStringLiteral("mpeg4"), stream}));
    QVERIFY(svj::test::runFfmpeg({QStringLiteral("-i"), stream, QStringLiteral("-c"), QStringLiteral("copy"),
                                  QStringLiteral("-bsf:v"),
                                  QStringLiteral("setts=ts=if(eq(N\\,1)\\,PTS+1000000/TB\\,PTS)"), jump}));
    const CliResult probe = runLimited({QStringLiteral("probe"), QStringLiteral("--json"), jump});
    QCOMPARE(probe.exitCode, 0);
    const QJsonObject info = jsonOf(probe.out);
    QCOMPARE(info.value(QStringLiteral("frame_count")).toInt(), 2);
    QVERIFY(info.value(QStringLiteral("duration")).toDouble() > 999999.0); // what the file claims, shown as such
    QVERIFY2(info.value(QStringLiteral("warnings")).toArray().first().toString().contains(QLatin1String("jump")),
             qPrintable(probe.out));
    QElapsedTimer timer;
    timer.start();
    const CliResult score =
        runLimited({QStringLiteral("score"), QStringLiteral("--json"), QStringLiteral("--threads"), QStringLiteral("1"),
                    QStringLiteral("--progress"), QStringLiteral("none"), jump});
    QVERIFY2(score.exitCode == 0, qPrintable(score.err));
    QCOMPARE(jsonOf(score.out).value(QStringLiteral("frame_count")).toInt(), 2);
    QCOMPARE(jsonOf(score.out).value(QStringLiteral("frame_energies")).toArray().size(), 2);
    QVERIFY(timer.elapsed() < 30000);
}

void HostileInputTest::absurdSampleAspectRatioIsIgnored() {
    const QString y4m = path(QStringLiteral("sar.y4m"));
    QVERIFY(svj::test::runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                                  QStringLiteral("testsrc2=size=64x48:rate=25"), QStringLiteral("-frames:v"),
                                  QStringLiteral("2"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"), y4m}));
    QFile file(y4m);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray bytes = file.readAll();
    file.close();
    const qsizetype end = bytes.indexOf('\n');
    QByteArray header = bytes.left(end);
    header.replace("A1:1", "A2000000000:1");
    if (!header.contains("A2000000000:1")) {
        header += " A2000000000:1";
    }
    QVERIFY(svj::test::writeFile(y4m, header + bytes.mid(end)));
    const CliResult probe = runLimited({QStringLiteral("probe"), QStringLiteral("--json"), y4m});
    QCOMPARE(probe.exitCode, 0);
    const QJsonObject info = jsonOf(probe.out);
    QCOMPARE(info.value(QStringLiteral("display_width")).toInt(), 64); // was -849018880
    QCOMPARE(info.value(QStringLiteral("sample_aspect_ratio")).toArray().at(0).toInt(), 1);
    QVERIFY(
        info.value(QStringLiteral("warnings")).toArray().first().toString().contains(QLatin1String("2000000000:1")));
}

void HostileInputTest::hugeOutputSizeIsRefused() {
    const CliResult result =
        runLimited({QStringLiteral("frames"), m_video, QStringLiteral("--at"), QStringLiteral("0"),
                    QStringLiteral("--out"), path(QStringLiteral("big.png")), QStringLiteral("--width"),
                    QStringLiteral("100000"), QStringLiteral("--height"), QStringLiteral("100000")});
    QVERIFY(isOneLineError(result, {QStringLiteral("--width"), QStringLiteral("16384")}));
    QVERIFY(!QFile::exists(path(QStringLiteral("big.png"))));
}

void HostileInputTest::nameThatIsNotUtf8GivesValidJson() {
    // "café.mkv" in Latin-1: the name's bytes are not UTF-8. QProcess passes QStrings (UTF-8), so the shell
    // makes the name and runs svj with its raw bytes.
    QProcess shell;
    shell.start(QStringLiteral("/bin/sh"),
                {QStringLiteral("-c"),
                 QStringLiteral("name=\"$(printf '%s/caf\\351.mkv' \"$2\")\" && cp \"$1\" \"$name\" && "
                                "exec \"$0\" probe --json \"$name\""),
                 svj::test::cliPath(), m_video, m_dir.path()});
    QVERIFY(shell.waitForFinished(60000));
    const QByteArray out = shell.readAllStandardOutput();
    const QString err = QString::fromUtf8(shell.readAllStandardError());
    QVERIFY2(shell.exitCode() == 0, qPrintable(err)); // was: a JSON exception, exit 1
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, out.constData());
    QVERIFY(document.object().value(QStringLiteral("path")).toString().endsWith(QStringLiteral("caf\uFFFD.mkv")));
    QVERIFY2(err.contains(QLatin1String("not valid UTF-8")), qPrintable(err));
}

void HostileInputTest::genAiBenchPathColumnsImport() {
    const QString workspace = path(QStringLiteral("genai.svjdb"));
    QCOMPARE(runLimited({QStringLiteral("db"), QStringLiteral("init"), workspace}).exitCode, 0);
    QFile::copy(m_video, path(QStringLiteral("left.mkv")));
    QFile::copy(m_video, path(QStringLiteral("right.mkv")));
    QVERIFY(svj::test::writeFile(path(QStringLiteral("genai.csv")),
                                 "prompt,left_model,right_model,left_video_path,right_video_path,vote_type\n"
                                 "p,m1,m2,left.mkv,right.mkv,leftvote\n"));
    const CliResult result =
        runLimited({QStringLiteral("db"), QStringLiteral("import"), workspace, QStringLiteral("--pairs"),
                    path(QStringLiteral("genai.csv")), QStringLiteral("--format"), QStringLiteral("genai-bench")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err)); // was: "missing column 'left_video'"
    QVERIFY2(result.out.contains(QLatin1String("1 labels")), qPrintable(result.out));
}

void HostileInputTest::videoAlignCsvImportsWithDerivedOverall() {
    const QString workspace = path(QStringLiteral("videoalign.svjdb"));
    QCOMPARE(runLimited({QStringLiteral("db"), QStringLiteral("init"), workspace}).exitCode, 0);
    QDir(m_dir.path()).mkdir(QStringLiteral("videos"));
    QFile::copy(m_video, path(QStringLiteral("videos/1_A.mkv")));
    QVERIFY(svj::test::runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                                  QStringLiteral("mandelbrot=size=64x64:rate=25"), QStringLiteral("-frames:v"),
                                  QStringLiteral("3"), QStringLiteral("-c:v"), QStringLiteral("libx264"),
                                  path(QStringLiteral("videos/1_B.mkv"))}));
    QVERIFY(svj::test::writeFile(path(QStringLiteral("data.csv")),
                                 "path_A,path_B,prompt,VQ,MQ,TA,fps_A,num_frames_A,fps_B,num_frames_B\n"
                                 "./videos/1_A.mkv,./videos/1_B.mkv,a,B,same,B,25,3,25,3\n"));
    const CliResult result = runLimited({QStringLiteral("db"), QStringLiteral("import"), workspace,
                                         QStringLiteral("--pairs"), path(QStringLiteral("data.csv")),
                                         QStringLiteral("--format"), QStringLiteral("videogen-rewardbench")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err)); // was: "missing column 'Overall'"
    QVERIFY2(result.err.contains(QLatin1String("majority")), qPrintable(result.err));
    const QString exported = path(QStringLiteral("back.csv"));
    QCOMPARE(runLimited({QStringLiteral("db"), QStringLiteral("export"), workspace, QStringLiteral("--format"),
                         QStringLiteral("videogen-rewardbench"), QStringLiteral("--out"), exported})
                 .exitCode,
             0);
    QFile file(exported);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QVERIFY(lines.at(0).endsWith("Overall"));
    QVERIFY2(lines.at(1).endsWith(",B,same,B,B"), lines.at(1).constData()); // VQ, MQ, TA, the derived Overall
}

void HostileInputTest::safetensorsShapeThatOverflowsIsRefused() {
    // shape [2^62] with offsets [0, 0]: 2^62 float32 elements wrap to 0 bytes without an overflow check.
    const QByteArray header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904],\"data_offsets\":[0,0]}}";
    QByteArray bytes(8, '\0');
    bytes[0] = static_cast<char>(header.size());
    QVERIFY(svj::test::writeFile(path(QStringLiteral("overflow.safetensors")), bytes + header));
    const CliResult result = runLimited(
        {QStringLiteral("score"), m_video, QStringLiteral("--ckpt"), path(QStringLiteral("overflow.safetensors"))});
    QVERIFY(isOneLineError(result, {QStringLiteral("overflow.safetensors"), QStringLiteral("'w'")}));
}

void HostileInputTest::checkpointConfigIsBoundedBeforeAllocation() {
    // The shipped judge's tensors beside a sidecar describing a network a million times larger, and one
    // with a negative input size: refused at once, before the network is allocated.
    QFile sidecarFile(QStringLiteral(SVJ_DEFAULT_JUDGE) + QStringLiteral(".json"));
    QVERIFY(sidecarFile.open(QIODevice::ReadOnly));
    const QJsonObject sidecar = QJsonDocument::fromJson(sidecarFile.readAll()).object();
    const auto tampered = [&](const QString& name, const std::function<void(QJsonObject&)>& change) {
        const QString checkpoint = path(name);
        QFile::copy(QStringLiteral(SVJ_DEFAULT_JUDGE), checkpoint);
        QFile::setPermissions(checkpoint, QFile::ReadOwner | QFile::WriteOwner);
        QJsonObject edited = sidecar;
        QJsonObject config = edited.value(QStringLiteral("config")).toObject();
        change(config);
        edited.insert(QStringLiteral("config"), config);
        // Both copies: the one inside the tensor file is the one a load believes.
        svj::test::writeFile(checkpoint + QStringLiteral(".json"), QJsonDocument(edited).toJson());
        return svj::test::writeEmbeddedSidecar(checkpoint, edited) ? checkpoint : QString();
    };
    const QString huge = tampered(QStringLiteral("huge.safetensors"), [](QJsonObject& config) {
        QJsonObject transformer = config.value(QStringLiteral("transformer")).toObject();
        transformer.insert(QStringLiteral("num_layers"), 256);
        transformer.insert(QStringLiteral("num_attention_heads"), 512);
        config.insert(QStringLiteral("transformer"), transformer);
    });
    QVERIFY(!huge.isEmpty());
    QElapsedTimer timer;
    timer.start();
    QVERIFY(isOneLineError(runLimited({QStringLiteral("score"), m_video, QStringLiteral("--ckpt"), huge}),
                           {QStringLiteral("huge.safetensors"), QStringLiteral("do not belong together")}));
    QVERIFY(timer.elapsed() < 20000);
    const QString negative = tampered(QStringLiteral("negative.safetensors"), [](QJsonObject& config) {
        QJsonObject input = config.value(QStringLiteral("input")).toObject();
        input.insert(QStringLiteral("width"), -64);
        config.insert(QStringLiteral("input"), input);
    });
    QVERIFY(!negative.isEmpty());
    QVERIFY(isOneLineError(runLimited({QStringLiteral("score"), m_video, QStringLiteral("--ckpt"), negative}),
                           {QStringLiteral("negative.safetensors (the sidecar inside it)"), QStringLiteral("-64")}));
    const QString wide = tampered(QStringLiteral("wide.safetensors"), [](QJsonObject& config) {
        QJsonObject transformer = config.value(QStringLiteral("transformer")).toObject();
        transformer.insert(QStringLiteral("attention_head_dim"), 1 << 20);
        config.insert(QStringLiteral("transformer"), transformer);
    });
    QVERIFY(!wide.isEmpty());
    QVERIFY(isOneLineError(runLimited({QStringLiteral("score"), m_video, QStringLiteral("--ckpt"), wide}),
                           {QStringLiteral("wide.safetensors (the sidecar inside it)"), QStringLiteral("at most")}));
}

void HostileInputTest::csvOutputIsEscapedAndFormulasNeutralised() {
    // A file name with a quote in it, and one a spreadsheet would run as a formula.
    const QString quoted = path(QStringLiteral("say \"hi\".mkv"));
    QVERIFY(QFile::copy(m_video, quoted));
    const CliResult score =
        runLimited({QStringLiteral("score"), QStringLiteral("--csv"), QStringLiteral("--progress"),
                    QStringLiteral("none"), QStringLiteral("--threads"), QStringLiteral("1"), quoted});
    QVERIFY2(score.exitCode == 0, qPrintable(score.err));
    const QStringList rows = score.out.trimmed().split(QLatin1Char('\n'));
    QCOMPARE(rows.size(), 4); // header + 3 frames
    QVERIFY2(rows.at(1).startsWith(QLatin1Char('"') +
                                   QString(quoted).replace(QLatin1String("\""), QLatin1String("\"\"")) +
                                   QLatin1String("\",0,")),
             qPrintable(rows.at(1)));

    const QString workspace = path(QStringLiteral("formula.svjdb"));
    QCOMPARE(runLimited({QStringLiteral("db"), QStringLiteral("init"), workspace}).exitCode, 0);
    QFile::copy(m_video, path(QStringLiteral("f_a.mkv")));
    QVERIFY(svj::test::runFfmpeg({QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                                  QStringLiteral("life=size=64x64:rate=25"), QStringLiteral("-frames:v"),
                                  QStringLiteral("3"), QStringLiteral("-c:v"), QStringLiteral("libx264"),
                                  path(QStringLiteral("f_b.mkv"))}));
    QVERIFY(svj::test::writeFile(path(QStringLiteral("formula.jsonl")),
                                 "{\"video_a\": \"f_a.mkv\", \"video_b\": \"f_b.mkv\", "
                                 "\"prompt\": \"=HYPERLINK(\\\"http://x\\\")\", \"label\": \"A\"}\n"));
    QCOMPARE(runLimited({QStringLiteral("db"), QStringLiteral("import"), workspace, QStringLiteral("--pairs"),
                         path(QStringLiteral("formula.jsonl"))})
                 .exitCode,
             0);
    const QString exported = path(QStringLiteral("formula.csv"));
    const CliResult exportResult =
        runLimited({QStringLiteral("db"), QStringLiteral("export"), workspace, QStringLiteral("--format"),
                    QStringLiteral("csv"), QStringLiteral("--out"), exported});
    QVERIFY2(exportResult.exitCode == 0, qPrintable(exportResult.err));
    QFile file(exported);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY2(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), text.constData());
}

void HostileInputTest::pathStartingWithADashIsAFile() {
    const QString dashed = path(QStringLiteral("-x.mkv"));
    QVERIFY(QFile::copy(m_video, dashed));
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.start(svj::test::cliPath(), {QStringLiteral("probe"), QStringLiteral("--"), QStringLiteral("-x.mkv")});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(process.readAllStandardOutput().contains("h264"));
}

void HostileInputTest::pipeNamedInAPreferenceFileIsRefusedUnread() {
    // Reading a FIFO blocks until a writer comes: an import used to hang on it holding the write lock.
    const QString fifo = path(QStringLiteral("pipe.mp4"));
    QCOMPARE(QProcess::execute(QStringLiteral("mkfifo"), {fifo}), 0);
    const QString workspace = path(QStringLiteral("fifo.svjdb"));
    QCOMPARE(runLimited({QStringLiteral("db"), QStringLiteral("init"), workspace}).exitCode, 0);
    QVERIFY(svj::test::writeFile(path(QStringLiteral("fifo.jsonl")),
                                 "{\"video_a\": \"clean.mkv\", \"video_b\": \"pipe.mp4\", \"label\": \"A\"}\n"));
    QElapsedTimer timer;
    timer.start();
    const CliResult result = runLimited({QStringLiteral("db"), QStringLiteral("import"), workspace,
                                         QStringLiteral("--pairs"), path(QStringLiteral("fifo.jsonl"))},
                                        20000);
    QVERIFY(isOneLineError(
        result, {QStringLiteral("fifo.jsonl"), QStringLiteral("pipe.mp4"), QStringLiteral("not a regular file")}));
    QVERIFY(timer.elapsed() < 15000);
    // Nothing was written: the workspace holds no pair.
    const CliResult stats = runLimited({QStringLiteral("db"), QStringLiteral("stats"), workspace});
    QVERIFY2(stats.out.contains(QLatin1String(": 0 pairs, 0 standing labels")), qPrintable(stats.out));
}

SVJ_REGISTER_TEST(HostileInputTest)
#include "hostile_input_tests.moc"
