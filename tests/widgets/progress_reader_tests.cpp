// The progress protocol both sides share: the lines a command writes (stepLine, eventLine) read back through the
// typed parser with every field, newer or broken lines refused with a reason, a command's result passed on, and
// lines split across reads put back together.
#include "protocol/progress_line.h"
#include "tests/support/test_registry.h"
#include "widgets/progress_reader.h"

#include <QTest>

#include <cmath>

using namespace svj::protocol;
using svj::widgets::ProgressReader;
using svj::widgets::ReadLine;

namespace {

QByteArray wire(const nlohmann::json& line) {
    return QByteArray::fromStdString(line.dump()) + '\n';
}

} // namespace

class ProgressReaderTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writtenLinesReadBackTyped();
    void everyEventNameRoundTrips();
    void brokenOrNewerLinesAreRefusedWithAReason();
    void otherLinesArePassedOnAndSplitLinesJoined();
};

void ProgressReaderTest::writtenLinesReadBackTyped() {
    const auto step = parseProgressLine(
        stepLine("finetune", 3, 12, 2.5, 40.0, 3.6, {{"loss", 0.25}, {"epoch", 1}, {"event", "sneaked in"}}).dump());
    QVERIFY(step.has_value());
    QCOMPARE(step->event, ProgressEvent::Step);
    QCOMPARE(step->version, kProgressVersion);
    QCOMPARE(step->task, std::string("finetune"));
    QCOMPARE(step->done, int64_t(3));
    QCOMPARE(step->total, int64_t(12));
    QCOMPARE(step->perSecond, 2.5);
    QCOMPARE(step->examplesPerSecond.value_or(-1), 40.0);
    QCOMPARE(step->etaSeconds.value_or(-1), 3.6);
    QCOMPARE(step->number(field::kLoss).value_or(-1), 0.25);
    QCOMPARE(step->number(field::kEpoch).value_or(-1), 1.0);
    QVERIFY(!step->number("missing"));
    // No rate yet: the ETA is null on the wire, absent when read; a count with no examples has no examples/s.
    const auto first = parseProgressLine(stepLine("score", 0, 5, 0.0, std::nullopt, NAN).dump());
    QVERIFY(first && !first->etaSeconds && !first->examplesPerSecond);

    const auto checkpoint = parseProgressLine(
        eventLine("pretrain", ProgressEvent::Checkpoint, {{"path", "j.safetensors"}, {"step", 40}, {"why", "final"}})
            .dump());
    QVERIFY(checkpoint && checkpoint->event == ProgressEvent::Checkpoint);
    QVERIFY(checkpoint->isFinalCheckpoint());
    QCOMPARE(checkpoint->text(field::kPath), std::string("j.safetensors"));
    const auto periodic = parseProgressLine(
        eventLine("pretrain", ProgressEvent::Checkpoint, {{"path", "j.safetensors"}, {"why", "periodic"}}).dump());
    QVERIFY(periodic && !periodic->isFinalCheckpoint());
}

void ProgressReaderTest::everyEventNameRoundTrips() {
    for (const ProgressEvent event : {ProgressEvent::Message, ProgressEvent::Data, ProgressEvent::Eval,
                                      ProgressEvent::Checkpoint, ProgressEvent::Summary}) {
        QCOMPARE(eventFromName(eventName(event)), event);
        const auto line = parseProgressLine(eventLine("finetune", event, {{"message", "m"}}).dump());
        QVERIFY(line.has_value());
        QCOMPARE(line->event, event);
        QCOMPARE(line->text(field::kMessage), std::string("m"));
    }
    // "step" is never written as an event, and a name this reader does not know is Unknown, not an error.
    QCOMPARE(eventFromName("step"), ProgressEvent::Unknown);
    const auto future = parseProgressLine(R"({"v": 1, "task": "pretrain", "event": "weather", "rain": 3})");
    QVERIFY(future && future->event == ProgressEvent::Unknown);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, eventLine("x", ProgressEvent::Step, nlohmann::json::object()));
}

void ProgressReaderTest::brokenOrNewerLinesAreRefusedWithAReason() {
    const auto refusal = [](const char* line) -> QString {
        try {
            parseProgressLine(line);
        } catch (const ProtocolError& error) {
            return QString::fromUtf8(error.what());
        }
        return {};
    };
    QVERIFY(refusal(R"({"v": 2, "task": "finetune", "done": 1, "total": 2})").contains(QStringLiteral("newer svj")));
    QVERIFY(refusal(R"({"v": "one", "task": "finetune", "done": 1, "total": 2})").contains(QStringLiteral("\"v\"")));
    QVERIFY(refusal(R"({"task": "finetune", "total": 2})").contains(QStringLiteral("\"done\"")));
    QVERIFY(refusal(R"({"task": "finetune", "done": 1.5, "total": 2})").contains(QStringLiteral("\"done\"")));
    QVERIFY(refusal(R"({"task": 7, "done": 1, "total": 2})").contains(QStringLiteral("\"task\"")));
    QVERIFY(refusal(R"({"task": "x", "done": 1, "total": 2, "eta_s": "soon"})").contains(QStringLiteral("eta_s")));
    QVERIFY(refusal(R"({"task": "x", "event": 3})").contains(QStringLiteral("\"event\"")));
    // A line of the first version written before "v" was on the wire (an older run's log) reads as version 1.
    const auto old = parseProgressLine(R"({"task": "finetune", "done": 1, "total": 2, "loss": 0.5})");
    QVERIFY(old && old->version == 1 && old->done == 1);
    // Not progress at all: no error, nothing.
    QVERIFY(!parseProgressLine(R"({"energy": -0.5, "frame_energies": [1]})"));
    QVERIFY(!parseProgressLine("imported 3 videos"));
    QVERIFY(!parseProgressLine("[1, 2]"));
    QVERIFY(!parseProgressLine(""));
}

void ProgressReaderTest::otherLinesArePassedOnAndSplitLinesJoined() {
    ProgressReader reader;
    const QByteArray stream = wire(stepLine("score", 1, 2, 1.0, std::nullopt, 1.0)) + "\n  \n" +
                              R"({"task": "score", "done": "x", "total": 2})" + "\n" +
                              R"({"energy": -0.5, "checkpoint": "j"})" + "\n" +
                              wire(eventLine("score", ProgressEvent::Message, {{"message", "ok"}})) + "unfinished";
    // Fed a byte at a time: the same lines as fed at once.
    QList<ReadLine> lines;
    for (const char byte : stream) {
        lines += reader.feed(QByteArray(1, byte));
    }
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines[0].progress && lines[0].progress->done == 1 && lines[0].other.isEmpty());
    QVERIFY(!lines[1].progress && lines[1].error.contains(QStringLiteral("\"done\"")));
    QVERIFY(!lines[2].progress);
    QCOMPARE(lines[2].other, QByteArray(R"({"energy": -0.5, "checkpoint": "j"})"));
    QVERIFY(lines[3].progress && lines[3].progress->event == ProgressEvent::Message);
    QCOMPARE(reader.takeRest(), QByteArray("unfinished"));
    QCOMPARE(reader.takeRest(), QByteArray());
    ProgressReader once;
    QCOMPARE(once.feed(stream).size(), 4);
}

SVJ_REGISTER_TEST(ProgressReaderTest)

#include "progress_reader_tests.moc"
