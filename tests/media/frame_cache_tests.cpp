// FrameCache: a byte budget that holds, least-recently-used eviction, safe under concurrent use.
#include "media/frame_cache.h"
#include "tests/support/test_registry.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace svj::media;

class FrameCacheTest : public QObject {
    Q_OBJECT

private slots:
    void findsWhatWasInserted();
    void staysWithinBudget();
    void evictsLeastRecentlyUsed();
    void oversizedFrameIsNotKept();
    void sourcesAreSeparate();
    void evictedFramesStayValidForHolders();
    void concurrentUse();
};

namespace {
VideoFramePtr makeFrame(int64_t index, int width = 100, int height = 100) {
    auto frame = std::make_shared<VideoFrame>();
    frame->width = width;
    frame->height = height;
    frame->stride = width * 3;
    frame->pixels.assign(static_cast<size_t>(width * height * 3), static_cast<uint8_t>(index));
    frame->index = index;
    return frame;
}
constexpr size_t kFrameBytes = 100 * 100 * 3;
} // namespace

void FrameCacheTest::findsWhatWasInserted() {
    FrameCache cache(10 * kFrameBytes);
    cache.insert(1, makeFrame(7));
    const VideoFramePtr found = cache.find(1, 7);
    QVERIFY(found);
    QCOMPARE(found->index, int64_t(7));
    QVERIFY(!cache.find(1, 8));
    QCOMPARE(cache.stats().hits, uint64_t(1));
    QCOMPARE(cache.stats().misses, uint64_t(1));
}

void FrameCacheTest::staysWithinBudget() {
    const size_t budget = 10 * kFrameBytes;
    FrameCache cache(budget);
    for (int64_t i = 0; i < 100; ++i) {
        cache.insert(1, makeFrame(i));
        QVERIFY(cache.bytesUsed() <= budget);
    }
    QVERIFY(cache.frameCount() >= 9);
    QVERIFY(cache.frameCount() <= 10);
    cache.setBudget(3 * kFrameBytes);
    QVERIFY(cache.bytesUsed() <= 3 * kFrameBytes);
    QVERIFY(cache.frameCount() >= 2);
    QVERIFY(cache.contains(1, 99)); // the newest survive
}

void FrameCacheTest::evictsLeastRecentlyUsed() {
    FrameCache cache(4 * kFrameBytes + 4096);
    for (int64_t i = 0; i < 4; ++i) {
        cache.insert(1, makeFrame(i));
    }
    QVERIFY(cache.find(1, 0)); // touch frame 0: now frame 1 is the oldest
    cache.insert(1, makeFrame(4));
    QVERIFY(cache.contains(1, 0));
    QVERIFY(!cache.contains(1, 1));
    QVERIFY(cache.contains(1, 4));
    QCOMPARE(cache.stats().evictions, uint64_t(1));
}

void FrameCacheTest::oversizedFrameIsNotKept() {
    FrameCache cache(kFrameBytes / 2);
    cache.insert(1, makeFrame(0));
    QCOMPARE(cache.frameCount(), size_t(0));
    QCOMPARE(cache.bytesUsed(), size_t(0));
}

void FrameCacheTest::sourcesAreSeparate() {
    FrameCache cache(10 * kFrameBytes);
    cache.insert(1, makeFrame(5));
    cache.insert(2, makeFrame(5));
    QCOMPARE(cache.frameCount(), size_t(2));
    cache.removeSource(1);
    QVERIFY(!cache.contains(1, 5));
    QVERIFY(cache.contains(2, 5));
    cache.clear();
    QCOMPARE(cache.bytesUsed(), size_t(0));
}

void FrameCacheTest::evictedFramesStayValidForHolders() {
    FrameCache cache(2 * kFrameBytes);
    cache.insert(1, makeFrame(0));
    const VideoFramePtr held = cache.find(1, 0);
    for (int64_t i = 1; i < 10; ++i) {
        cache.insert(1, makeFrame(i));
    }
    QVERIFY(!cache.contains(1, 0));
    QCOMPARE(held->pixels.front(), uint8_t(0));
}

void FrameCacheTest::concurrentUse() {
    const size_t budget = 20 * kFrameBytes;
    FrameCache cache(budget);
    std::atomic<bool> overBudget{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int64_t i = 0; i < 500; ++i) {
                cache.insert(uint64_t(t % 2), makeFrame(i % 50));
                cache.find(uint64_t((t + 1) % 2), i % 50);
                if (cache.bytesUsed() > budget) {
                    overBudget = true;
                }
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    QVERIFY(!overBudget);
    QVERIFY(cache.bytesUsed() <= budget);
}

SVJ_REGISTER_TEST(FrameCacheTest)
#include "frame_cache_tests.moc"
