// The clip bank and the training pairs: regions at the source's own scale and rate, photographs set in
// motion; pairs a pure function of the seed and the step (whatever the threads), each fault's latent
// frames marked, clean and broken differing where the fault is.
#include "tests/support/test_registry.h"
#include "tests/training/training_fixture.h"
#include "training/clip_bank.h"
#include "training/fault_focus.h"
#include "training/footage.h"
#include "training/pair_sampler.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

using namespace svj::training;

class PairsTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void bankHoldsRegionsOfEveryItem();
    void bankIsReproducible();
    void pairsAreAFunctionOfTheStep();
    void pairsCarryTheirFault();
    void longFreezesHoldWindowsStill();
    void latentMaskCoversTheSpan();
    void focusFollowsTheTrainingAccuracy();

private:
    BankSettings bankSettings() const;
    QTemporaryDir m_dir;
    std::vector<FootageItem> m_items;
};

BankSettings PairsTest::bankSettings() const {
    BankSettings settings;
    settings.regionSize = 64;
    settings.minRegionSize = 32;
    settings.frames = 25;
    settings.clipStride = 20;
    settings.clipsPerPhoto = 3;
    settings.seed = 4;
    return settings;
}

void PairsTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    const QString footage = m_dir.filePath(QStringLiteral("footage"));
    QVERIFY(svj::test::makeTrainingFootage(footage));
    m_items = readFootage(footage.toStdString());
}

void PairsTest::bankHoldsRegionsOfEveryItem() {
    std::vector<std::string> messages;
    const ClipBank bank = buildClipBank(m_items, bankSettings(), [&](const std::string& m) { messages.push_back(m); });
    std::map<std::string, int> perSource;
    for (size_t i = 0; i < bank.size(); ++i) {
        const BankClip& clip = bank.at(i);
        QCOMPARE(clip.clip.frames, 25);
        QCOMPARE(clip.clip.width, 64);
        QCOMPARE(clip.clip.height, 64);
        QVERIFY(clip.fps >= 8.0 && clip.fps <= 30.0);
        ++perSource[clip.source];
    }
    QCOMPARE(perSource.size(), size_t(4)); // pattern, clip2, clip3, photo (the object is laid over photos only)
    QCOMPARE(perSource["photo"], 3);
    QVERIFY(perSource["pattern"] >= 4);
    QVERIFY(bank.bytes() == bank.size() * 64 * 64 * 3 * 25);
    QVERIFY(messages.empty());
}

void PairsTest::bankIsReproducible() {
    const ClipBank a = buildClipBank(m_items, bankSettings());
    const ClipBank b = buildClipBank(m_items, bankSettings());
    QCOMPARE(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        QVERIFY(a.at(i).clip.rgb == b.at(i).clip.rgb);
    }
}

void PairsTest::pairsAreAFunctionOfTheStep() {
    const ClipBank bank = buildClipBank(m_items, bankSettings());
    PairSamplerSettings settings;
    settings.tileSize = 32;
    settings.frames = 9;
    settings.margin = 8;
    settings.seed = 2;
    const PairSampler sampler(bank, settings);
    const std::vector<SampledPair> one = sampler.batch(5, 12, 1);
    const std::vector<SampledPair> two = sampler.batch(5, 12, 3);
    const std::vector<SampledPair> other = sampler.batch(6, 12, 1);
    QCOMPARE(one.size(), size_t(12));
    int differ = 0;
    for (size_t i = 0; i < one.size(); ++i) {
        QVERIFY(one[i].clean == two[i].clean && one[i].broken == two[i].broken);
        QCOMPARE(one[i].fault, two[i].fault);
        differ += one[i].clean != other[i].clean ? 1 : 0;
    }
    QVERIFY(differ >= 10);
}

void PairsTest::pairsCarryTheirFault() {
    const ClipBank bank = buildClipBank(m_items, bankSettings());
    PairSamplerSettings settings;
    settings.tileSize = 32;
    settings.frames = 9;
    settings.margin = 8;
    settings.latentShare = 0.1;
    settings.benignShare = 0.1;
    const PairSampler sampler(bank, settings);
    std::map<svj::model::PairKind, int> kinds;
    std::set<int> families;
    for (const SampledPair& pair : sampler.batch(0, 120, 2)) {
        ++kinds[pair.kind];
        QCOMPARE(pair.clean.size(), size_t(9 * 32 * 32 * 3));
        QCOMPARE(pair.broken.size(), pair.clean.size());
        if (pair.kind == svj::model::PairKind::Broken) {
            QVERIFY2(pair.broken != pair.clean, pair.what.c_str());
            QCOMPARE(pair.eventLatents.size(), size_t(3));
            QVERIFY(std::count(pair.eventLatents.begin(), pair.eventLatents.end(), 1.0f) >= 1);
            families.insert(
                static_cast<int>(svj::media::faultSpec(static_cast<svj::media::VideoFault>(pair.fault)).family));
        }
    }
    QVERIFY(kinds[svj::model::PairKind::Broken] >= 80);
    QVERIFY(kinds[svj::model::PairKind::Benign] >= 3);
    QVERIFY(kinds[svj::model::PairKind::LatentPerturbation] >= 3);
    QCOMPARE(families.size(), size_t(5));
    // Only the faults asked for.
    settings.faults = {svj::media::VideoFault::Freeze};
    settings.latentShare = settings.benignShare = 0.0;
    for (const SampledPair& pair : PairSampler(bank, settings).batch(1, 10)) {
        QVERIFY(pair.fault == static_cast<int>(svj::media::VideoFault::Freeze) ||
                pair.kind == svj::model::PairKind::LatentPerturbation); // a still cut falls back to a perturbation
    }
}

void PairsTest::longFreezesHoldWindowsStill() {
    const ClipBank bank = buildClipBank(m_items, bankSettings());
    PairSamplerSettings settings;
    settings.tileSize = 32;
    settings.frames = 9;
    settings.margin = 8;
    settings.latentShare = settings.benignShare = 0.0;
    settings.faults = {svj::media::VideoFault::Freeze};
    settings.holdShare = 1.0;
    const size_t frameBytes = 32 * 32 * 3;
    int held = 0;
    int rendered = 0;
    for (const SampledPair& pair : PairSampler(bank, settings).batch(2, 40, 2)) {
        if (pair.kind != svj::model::PairKind::Broken) {
            continue;
        }
        bool still = true;
        for (size_t t = 1; t < 9 && still; ++t) {
            still = std::equal(pair.broken.begin(), pair.broken.begin() + frameBytes,
                               pair.broken.begin() + static_cast<std::ptrdiff_t>(t * frameBytes));
        }
        // At a share of 1 every freeze, of every kind of footage, holds the whole window.
        QVERIFY2(still && pair.what.find("whole window") != std::string::npos, pair.what.c_str());
        QCOMPARE(std::count(pair.eventLatents.begin(), pair.eventLatents.end(), 1.0f), std::ptrdiff_t(3));
        ++held;
        rendered += pair.what.find("clip3.mp4") != std::string::npos ? 1 : 0;
    }
    QVERIFY(held >= 20);
    QVERIFY(rendered >= 1);
    // At a share of 0 nothing is held: the freeze always ends inside the window.
    settings.holdShare = 0.0;
    for (const SampledPair& pair : PairSampler(bank, settings).batch(2, 20, 2)) {
        QVERIFY2(pair.what.find("whole window") == std::string::npos, pair.what.c_str());
    }
}

void PairsTest::latentMaskCoversTheSpan() {
    QCOMPARE(latentMask(9, 0, 1), (std::vector<float>{1, 0, 0}));
    QCOMPARE(latentMask(9, 4, 2), (std::vector<float>{0, 1, 1}));
    QCOMPARE(latentMask(9, 5, 4), (std::vector<float>{0, 0, 1}));
    QCOMPARE(latentMask(9, 0, 9), (std::vector<float>{1, 1, 1}));
    QCOMPARE(latentMask(17, 3, 0), (std::vector<float>{0, 0, 0, 0, 0}));
}

void PairsTest::focusFollowsTheTrainingAccuracy() {
    FaultFocus focus(10, 1.0, 3);
    for (int i = 0; i < 200; ++i) {
        focus.record(0, true);       // always right
        focus.record(1, i % 2 == 0); // half the time
        focus.record(2, false);      // never
    }
    QVERIFY(focus.weightsFor(5).empty()); // nothing before the first update
    focus.stepDone(9);
    QVERIFY(focus.weightsFor(12).empty());
    focus.stepDone(10);
    QVERIFY(focus.weightsFor(11).empty()); // drawn while step 10 trained: the old weights
    const std::vector<double> weights = focus.weightsFor(12);
    QCOMPARE(weights.size(), size_t(3));
    QVERIFY(weights[0] < weights[1] && weights[1] < weights[2]);
    FaultFocus copy(10, 1.0, 3);
    copy.restore(focus.save());
    QCOMPARE(copy.weightsFor(40), weights);
    QCOMPARE(copy.accuracy(), focus.accuracy());
    FaultFocus other(10, 1.0, 4);
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, other.restore(focus.save()));
    FaultFocus off(10, 0.0, 3);
    off.record(2, false);
    off.stepDone(10);
    QVERIFY(off.weightsFor(100).empty());
}

SVJ_REGISTER_TEST(PairsTest)
#include "pairs_tests.moc"
