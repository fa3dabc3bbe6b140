// safetensors: bit-exact round trips for every dtype and for shards; every malformed header refused with a
// message naming the problem; strict loading names missing, unexpected and mis-shaped tensors.
#include "model/model_error.h"
#include "model/safetensors.h"
#include "tests/support/test_clips.h"
#include "tests/support/test_registry.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <torch/torch.h>

#include <random>

#include "model/tensor_io.hpp"

using namespace svj::model;
using namespace svj::model::detail;

class SafetensorsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripEveryDtype();
    void writerLayout();
    void shardedCheckpoint();
    void malformedHeaders_data();
    void malformedHeaders();
    void truncatedFileNamesTheTensor();
    void strictLoadReportsWhatDoesNotFit();
    void folderResolution();

private:
    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }
    QTemporaryDir m_dir;
};

namespace {
std::vector<uint8_t> randomBytes(size_t count, uint32_t seed) {
    std::vector<uint8_t> bytes(count);
    std::mt19937 random(seed);
    for (uint8_t& byte : bytes) {
        byte = uint8_t(random());
    }
    return bytes;
}

// A file with the given header text and `dataBytes` zero bytes after it.
QByteArray fileWithHeader(const std::string& header, size_t dataBytes) {
    QByteArray bytes;
    const uint64_t size = header.size();
    for (int i = 0; i < 8; ++i) {
        bytes.append(char((size >> (8 * i)) & 0xff));
    }
    bytes.append(header.data(), qsizetype(header.size()));
    bytes.append(QByteArray(qsizetype(dataBytes), '\0'));
    return bytes;
}
} // namespace

void SafetensorsTest::roundTripEveryDtype() {
    SafetensorsWriter writer;
    std::map<std::string, std::vector<uint8_t>> written;
    uint32_t seed = 1;
    for (const DType dtype : {DType::F32, DType::F16, DType::BF16, DType::F64, DType::I64, DType::I32, DType::I16,
                              DType::I8, DType::U8, DType::Bool}) {
        const std::string name = std::string("t_") + dtypeName(dtype);
        const std::vector<int64_t> shape = {3, 5};
        std::vector<uint8_t> bytes = randomBytes(15 * dtypeSize(dtype), seed++);
        if (dtype == DType::Bool) {
            for (uint8_t& byte : bytes) {
                byte &= 1;
            }
        }
        writer.add(name, dtype, shape, bytes.data(), bytes.size());
        written[name] = bytes;
    }
    writer.add("scalar", DType::F32, {}, "\0\0\x80\x3f", 4);
    writer.add("empty", DType::F32, {0, 7}, nullptr, 0);
    writer.setMetadata("format", "pt");
    writer.write(path("all.safetensors").toStdString());

    const auto file = SafetensorsFile::open(path("all.safetensors").toStdString());
    QCOMPARE(file->tensors().size(), written.size() + 2);
    QCOMPARE(file->metadata().at("format"), std::string("pt"));
    for (const auto& [name, bytes] : written) {
        const TensorInfo* info = file->find(name);
        QVERIFY(info);
        QCOMPARE(info->shape, (std::vector<int64_t>{3, 5}));
        QVERIFY(std::equal(bytes.begin(), bytes.end(), file->data(*info)));
    }
    QCOMPARE(file->find("scalar")->shape.size(), size_t(0));
    QCOMPARE(file->find("empty")->byteSize(), uint64_t(0));
    // Through LibTorch too: a float tensor comes back bit for bit.
    const torch::Tensor original = torch::randn({4, 6});
    SafetensorsWriter torchWriter;
    addTensors(torchWriter, {{"x", original}, {"half", original.to(torch::kBFloat16)}});
    torchWriter.write(path("torch.safetensors").toStdString());
    const SafetensorsCollection collection = SafetensorsCollection::open(path("torch.safetensors").toStdString());
    QVERIFY(torch::equal(readTensor(collection, "x"), original));
    QVERIFY(torch::equal(readTensor(collection, "half"), original.to(torch::kBFloat16)));
}

void SafetensorsTest::writerLayout() {
    SafetensorsWriter writer;
    const float values[3] = {1, 2, 3};
    writer.add("b", DType::F32, {3}, values, sizeof values);
    writer.add("a", DType::U8, {1}, values, 1);
    writer.write(path("layout.safetensors").toStdString());
    QFile file(path("layout.safetensors"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    uint64_t headerSize = 0;
    for (int i = 7; i >= 0; --i) {
        headerSize = (headerSize << 8) | uint8_t(bytes[i]);
    }
    QCOMPARE(headerSize % 8, uint64_t(0)); // padded so the data starts aligned
    const auto parsed = SafetensorsFile::open(path("layout.safetensors").toStdString());
    QCOMPARE(parsed->find("a")->begin, uint64_t(0)); // name order
    QCOMPARE(parsed->find("b")->begin, uint64_t(1));
}

void SafetensorsTest::shardedCheckpoint() {
    const std::vector<uint8_t> first = randomBytes(40, 7);
    const std::vector<uint8_t> second = randomBytes(24, 8);
    SafetensorsWriter one;
    one.add("layer.0.weight", DType::F32, {10}, first.data(), first.size());
    one.write(path("model-00001-of-00002.safetensors").toStdString());
    SafetensorsWriter two;
    two.add("layer.1.weight", DType::F16, {12}, second.data(), second.size());
    two.write(path("model-00002-of-00002.safetensors").toStdString());
    QVERIFY(svj::test::writeFile(path("model.safetensors.index.json"),
                                 R"({"metadata": {"total_size": 64}, "weight_map": {
                                     "layer.0.weight": "model-00001-of-00002.safetensors",
                                     "layer.1.weight": "model-00002-of-00002.safetensors"}})"));
    const SafetensorsCollection collection =
        SafetensorsCollection::open(path("model.safetensors.index.json").toStdString());
    QCOMPARE(collection.size(), size_t(2));
    const auto* entry = collection.find("layer.1.weight");
    QVERIFY(entry);
    QVERIFY(std::equal(second.begin(), second.end(), entry->file->data(*entry->info)));
    // An index naming a tensor its shard lacks is refused, naming both.
    QVERIFY(svj::test::writeFile(path("broken.safetensors.index.json"),
                                 R"({"weight_map": {"layer.9.weight": "model-00001-of-00002.safetensors"}})"));
    try {
        SafetensorsCollection::open(path("broken.safetensors.index.json").toStdString());
        QFAIL("accepted");
    } catch (const ModelError& error) {
        QVERIFY2(QString::fromStdString(error.what())
                     .contains(QStringLiteral("'layer.9.weight' listed in the index is missing")),
                 error.what());
    }
}

void SafetensorsTest::malformedHeaders_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    const std::string good = R"("a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]})";
    QTest::newRow("shorter than 8 bytes")
        << QByteArray("abc") << QStringLiteral("shorter than its 8-byte header length");
    QTest::newRow("header past the end") << fileWithHeader("{" + good + "}", 8).left(20)
                                         << QStringLiteral("runs past the end");
    QByteArray huge(16, '\0');
    huge[5] = char(0x10); // 2^44 bytes of header
    QTest::newRow("absurd header length") << huge << QStringLiteral("exceeds the 100 MB limit");
    QTest::newRow("not JSON") << fileWithHeader("{nope", 0) << QStringLiteral("not valid JSON");
    QTest::newRow("not an object") << fileWithHeader("[1, 2]", 0) << QStringLiteral("not a JSON object");
    QTest::newRow("unknown dtype") << fileWithHeader(
                                          R"({"a": {"dtype": "F128", "shape": [1], "data_offsets": [0, 16]}})", 16)
                                   << QStringLiteral("tensor 'a': unsupported dtype 'F128'");
    QTest::newRow("size does not fit the shape")
        << fileWithHeader(R"({"a": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}})", 8)
        << QStringLiteral("tensor 'a': holds 8 bytes but its shape and dtype need 12");
    QTest::newRow("negative dimension") << fileWithHeader(
                                               R"({"a": {"dtype": "F32", "shape": [-2], "data_offsets": [0, 8]}})", 8)
                                        << QStringLiteral("tensor 'a': shape holds a negative");
    QTest::newRow("offsets reversed") << fileWithHeader(
                                             R"({"a": {"dtype": "F32", "shape": [2], "data_offsets": [8, 0]}})", 8)
                                      << QStringLiteral("tensor 'a': data_offsets begin after they end");
    QTest::newRow("overlap") << fileWithHeader(
                                    "{" + good + R"(, "b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}})", 8)
                             << QStringLiteral("overlaps the tensor before it");
    QTest::newRow("gap") << fileWithHeader(R"({"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}})", 8)
                         << QStringLiteral("tensor 'a' leaves a gap of 4 bytes");
    QTest::newRow("bytes after the last tensor")
        << fileWithHeader("{" + good + "}", 12) << QStringLiteral("data buffer is 12 bytes but the tensors cover 8");
    QTest::newRow("duplicate name") << fileWithHeader("{" + good + "," + good + "}", 8)
                                    << QStringLiteral("tensor 'a' appears twice");
    QTest::newRow("missing offsets") << fileWithHeader(R"({"a": {"dtype": "F32", "shape": [2]}})", 8)
                                     << QStringLiteral("tensor 'a': data_offsets must be [begin, end]");
    QTest::newRow("metadata not strings") << fileWithHeader(R"({"__metadata__": {"x": 1}})", 0)
                                          << QStringLiteral("__metadata__ value 'x' is not a string");
}

void SafetensorsTest::malformedHeaders() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    const QString file = path("bad.safetensors");
    QVERIFY(svj::test::writeFile(file, bytes));
    try {
        SafetensorsFile::open(file.toStdString());
        QFAIL("a malformed file was accepted");
    } catch (const ModelError& error) {
        const QString text = QString::fromStdString(error.what());
        QVERIFY2(text.startsWith(file + QStringLiteral(": ")), qPrintable(text));
        QVERIFY2(text.contains(message), qPrintable(text));
    }
}

void SafetensorsTest::truncatedFileNamesTheTensor() {
    SafetensorsWriter writer;
    const std::vector<uint8_t> bytes = randomBytes(400, 3);
    writer.add("first", DType::F32, {50}, bytes.data(), 200);
    writer.add("second", DType::F32, {50}, bytes.data() + 200, 200);
    writer.write(path("whole.safetensors").toStdString());
    QFile whole(path("whole.safetensors"));
    QVERIFY(whole.open(QIODevice::ReadOnly));
    QVERIFY(svj::test::writeFile(path("cut.safetensors"), whole.readAll().chopped(100)));
    try {
        SafetensorsFile::open(path("cut.safetensors").toStdString());
        QFAIL("a truncated file was accepted");
    } catch (const ModelError& error) {
        QVERIFY2(
            QString::fromStdString(error.what()).contains(QStringLiteral("tensor 'second': data ends at byte 400")),
            error.what());
        QVERIFY(QString::fromStdString(error.what()).contains(QStringLiteral("truncated")));
    }
}

void SafetensorsTest::strictLoadReportsWhatDoesNotFit() {
    torch::nn::Sequential model(torch::nn::Linear(4, 3), torch::nn::Linear(3, 2));
    SafetensorsWriter writer;
    addTensors(writer, {{"0.weight", torch::zeros({3, 4})},
                        {"0.bias", torch::zeros({5})}, // wrong shape
                        {"1.weight", torch::zeros({2, 3})},
                        {"extra.weight", torch::zeros({1})}}); // unexpected; 1.bias missing
    writer.write(path("partial.safetensors").toStdString());
    const SafetensorsCollection collection = SafetensorsCollection::open(path("partial.safetensors").toStdString());
    try {
        loadState(*model, collection, LoadOptions{});
        QFAIL("a checkpoint that does not fit was accepted");
    } catch (const ModelError& error) {
        const QString text = QString::fromStdString(error.what());
        QVERIFY2(text.contains(QStringLiteral("1 missing: 1.bias")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("1 unexpected: extra.weight")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("0.bias: file [5] vs model [3]")), qPrintable(text));
    }
    LoadOptions lenient;
    lenient.strict = false;
    const LoadReport report = loadState(*model, collection, lenient);
    QCOMPARE(report.loaded, size_t(2));
}

void SafetensorsTest::folderResolution() {
    QTemporaryDir empty;
    QVERIFY_THROWS_EXCEPTION(ModelError, SafetensorsCollection::open(empty.path().toStdString()));
    QVERIFY_THROWS_EXCEPTION(ModelError, SafetensorsFile::open(path("nope.safetensors").toStdString()));
}

SVJ_REGISTER_TEST(SafetensorsTest)
#include "safetensors_tests.moc"
