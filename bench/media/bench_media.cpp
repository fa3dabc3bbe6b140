// Media benchmarks (on demand, never from CTest). Every figure is printed next to a baseline measured in the
// same run: the ffmpeg CLI decoding the same file with the same thread count.
//   bench_media decode FILE [--threads N]       throughput vs `ffmpeg -threads N -i FILE -f null -`
//   bench_media seek FILE [--samples N]         random-access latency vs the time to decode one GOP,
//                                               and cached backward steps through a FrameCache
//   bench_media cache FILE --budget-mb MB       peak memory of a FrameCache filled past its budget
#include "media/frame_cache.h"
#include "media/video_reader.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <sys/resource.h>
#include <vector>

using namespace svj::media;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Wall time of a shell command, best of `runs`.
double timeCommand(const std::string& command, int runs) {
    double best = 1e30;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        if (std::system((command + " >/dev/null 2>&1").c_str()) != 0) {
            std::fprintf(stderr, "baseline failed: %s\n", command.c_str());
            std::exit(1);
        }
        best = std::min(best, seconds(start));
    }
    return best;
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, static_cast<size_t>(p * (values.size() - 1) + 0.5));
    return values[index];
}

long peakRssKb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

std::string option(int argc, char** argv, const char* name, const std::string& fallback) {
    for (int i = 0; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0) {
            return argv[i + 1];
        }
    }
    return fallback;
}

// Decodes every frame once; returns frames per second (best of `runs`).
double ourThroughput(const std::string& path, int threads, bool convert, int runs) {
    double best = 0;
    for (int run = 0; run < runs; ++run) {
        // Opening (probe and index) counts too: the CLI's figure includes its own start-up.
        const auto start = Clock::now();
        ReaderOptions options;
        options.decoderThreads = threads;
        VideoReader reader(path, options);
        VideoFrame frame;
        for (int64_t i = 0; i < reader.frameCount(); ++i) {
            if (convert) {
                reader.readFrame(i, frame);
            } else {
                reader.decodeOnly(i);
            }
        }
        best = std::max(best, static_cast<double>(reader.frameCount()) / seconds(start));
    }
    return best;
}

int benchDecode(const std::string& path, int threads) {
    VideoReader probe(path);
    const auto frames = static_cast<double>(probe.frameCount());
    const std::string cli = "ffmpeg -nostdin -hide_banner -threads " + std::to_string(threads) + " -i '" + path + "'";
    const int runs = 3;
    const double cliRgb = frames / timeCommand(cli + " -pix_fmt rgb24 -f null -", runs);
    const double cliRaw = frames / timeCommand(cli + " -f null -", runs);
    const double oursRgb = ourThroughput(path, threads, true, runs);
    const double oursRaw = ourThroughput(path, threads, false, runs);
    std::printf("| %s | %dx%d | %lld | %d | RGB24 | %.1f | %.1f | %.3f |\n", path.c_str(), probe.info().width,
                probe.info().height, static_cast<long long>(probe.frameCount()), threads, oursRgb, cliRgb,
                oursRgb / cliRgb);
    std::printf("| %s | %dx%d | %lld | %d | decode only | %.1f | %.1f | %.3f |\n", path.c_str(), probe.info().width,
                probe.info().height, static_cast<long long>(probe.frameCount()), threads, oursRaw, cliRaw,
                oursRaw / cliRaw);
    return 0;
}

int benchSeek(const std::string& path, int samples, int threads) {
    ReaderOptions options;
    options.decoderThreads = threads;
    VideoReader reader(path, options);
    const int64_t count = reader.frameCount();
    // Baseline: decoding one whole GOP, the worst a correct seek can need (key frame to key frame).
    // Measured as the mean frame time of a sequential decode times the longest key-frame distance.
    VideoFrame frame;
    const auto sequentialStart = Clock::now();
    for (int64_t i = 0; i < count; ++i) {
        reader.readFrame(i, frame);
    }
    const double perFrame = seconds(sequentialStart) / static_cast<double>(count);

    std::mt19937 random(42);
    std::uniform_int_distribution<int64_t> pick(0, count - 1);
    std::vector<double> latencies;
    for (int i = 0; i < samples; ++i) {
        const int64_t target = pick(random);
        const auto start = Clock::now();
        reader.readFrame(target, frame);
        latencies.push_back(seconds(start) * 1e3);
    }
    // Cached backward steps: play 120 frames forward into a cache, then step back over them.
    FrameCache cache(size_t(2) << 30);
    const int64_t from = count / 2;
    for (int64_t i = from; i < from + 120 && i < count; ++i) {
        auto decoded = std::make_shared<VideoFrame>(reader.readFrame(i));
        cache.insert(1, std::move(decoded));
    }
    std::vector<double> steps;
    for (int64_t i = std::min(from + 119, count - 1); i > from; --i) {
        const auto start = Clock::now();
        VideoFramePtr cached = cache.find(1, i - 1);
        if (!cached) {
            reader.readFrame(i - 1, frame);
        }
        steps.push_back(seconds(start) * 1e3);
    }
    const int gop = std::atoi(std::getenv("SVJ_BENCH_GOP") ? std::getenv("SVJ_BENCH_GOP") : "250");
    const double gopMs = perFrame * 1e3 * gop;
    std::printf("| %s | random frameAt(n), %d samples | p50 %.1f ms | p99 %.1f ms | one GOP (%d frames) %.1f ms | "
                "p99/GOP %.3f |\n",
                path.c_str(), samples, percentile(latencies, 0.5), percentile(latencies, 0.99), gop, gopMs,
                percentile(latencies, 0.99) / gopMs);
    std::printf("| %s | cached backward step, %zu steps | p50 %.4f ms | p99 %.4f ms | uncached decode %.1f ms/frame | "
                "p99/2 ms %.4f |\n",
                path.c_str(), steps.size(), percentile(steps, 0.5), percentile(steps, 0.99), perFrame * 1e3,
                percentile(steps, 0.99) / 2.0);
    return 0;
}

int benchCache(const std::string& path, size_t budgetMb) {
    VideoReader reader(path);
    // The decoder's own buffers are allocated by its first pictures: measure from after them.
    for (int64_t i = 0; i < 8 && i < reader.frameCount(); ++i) {
        reader.readFrame(i);
    }
    const long baselineKb = peakRssKb();
    FrameCache cache(budgetMb << 20);
    size_t insertedBytes = 0;
    int64_t inserted = 0;
    // Fill to twice the budget.
    for (int64_t i = 0; insertedBytes < (budgetMb << 21); i = (i + 1) % reader.frameCount()) {
        auto frame = std::make_shared<VideoFrame>(reader.readFrame(i));
        insertedBytes += frame->pixels.size();
        frame->index = inserted++; // distinct keys, so every insert is a new entry
        cache.insert(1, std::move(frame));
    }
    const long peakKb = peakRssKb();
    const double growthMb = static_cast<double>(peakKb - baselineKb) / 1024.0;
    std::printf("| FrameCache budget %zu MB | inserted %.0f MB (%lld frames) | held %.0f MB in %zu frames | "
                "peak RSS growth %.0f MB | growth/budget %.3f |\n",
                budgetMb, static_cast<double>(insertedBytes) / (1 << 20), static_cast<long long>(inserted),
                static_cast<double>(cache.bytesUsed()) / (1 << 20), cache.frameCount(), growthMb,
                growthMb / static_cast<double>(budgetMb));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr,
                     "usage: bench_media decode|seek|cache FILE [--threads N] [--samples N] [--budget-mb MB]\n");
        return 2;
    }
    const std::string mode = argv[1];
    const std::string path = argv[2];
    const int threads = std::atoi(option(argc, argv, "--threads", "2").c_str());
    try {
        if (mode == "decode") {
            return benchDecode(path, threads);
        }
        if (mode == "seek") {
            return benchSeek(path, std::atoi(option(argc, argv, "--samples", "200").c_str()), threads);
        }
        if (mode == "cache") {
            return benchCache(path, std::strtoul(option(argc, argv, "--budget-mb", "2048").c_str(), nullptr, 10));
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bench_media: %s\n", error.what());
        return 1;
    }
    std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
    return 2;
}
