// Training and scoring pipeline benchmarks of issue "training and scoring" (on demand, never from CTest):
// the public trainers and Judge::score, fed packed RGB clips from memory exactly as `svj pretrain`,
// `svj finetune` and `svj score` feed them. bench/run_training_bench.sh runs each beside the same loop in
// PyTorch eager (pytorch_judge.py) and prints the ratios.
//   bench_training score|pretrain PRESET [--frames 33] [--size 256] [--threads 2] [--iterations 3] [--batch 2]
//   bench_training finetune PRESET [--frames 17] [--size 64] [--threads 2] [--pairs 1000] [--batch 8]
#include "bench/bench_support.h"
#include "model/config.h"
#include "model/judge.h"
#include "model/stage1_trainer.h"
#include "model/stage2_trainer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <sys/resource.h>
#include <vector>

using namespace svj::model;
using Clock = std::chrono::steady_clock;

namespace {

using svj::bench::option;
using svj::bench::peakRssMb;

// Seeded noise clips: the arithmetic does not depend on the pixels.
TrainingClip randomClip(int frames, int size, uint32_t seed) {
    TrainingClip clip;
    clip.frames = frames;
    clip.width = clip.height = size;
    clip.rgb.resize(clip.frameBytes() * static_cast<size_t>(frames));
    std::mt19937 random(seed);
    for (uint8_t& value : clip.rgb) {
        value = static_cast<uint8_t>(random());
    }
    clip.source = "bench " + std::to_string(seed);
    return clip;
}

double elapsed(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void report(const char* mode, const std::string& preset, double seconds, double examplesPerSecond, int64_t parameters,
            const std::string& extra = "") {
    std::printf("{\"implementation\": \"svj-libtorch\", \"mode\": \"%s\", \"preset\": \"%s\", \"seconds\": %.6f, "
                "\"examples_per_s\": %.4f, \"parameters\": %lld, \"peak_rss_mb\": %.1f%s}\n",
                mode, preset.c_str(), seconds, examplesPerSecond, static_cast<long long>(parameters), peakRssMb(),
                extra.c_str());
}

int run(int argc, char** argv) {
    const std::string mode = argv[1];
    const std::string preset = argv[2];
    const bool finetune = mode == "finetune";
    const int frames = std::stoi(option(argc, argv, "--frames", finetune ? "17" : "33"));
    const int size = std::stoi(option(argc, argv, "--size", finetune ? "64" : "256"));
    const int threads = std::stoi(option(argc, argv, "--threads", "2"));
    const int iterations = std::stoi(option(argc, argv, "--iterations", "3"));
    const int batch = std::stoi(option(argc, argv, "--batch", finetune ? "8" : "2"));
    JudgeConfig config = JudgeConfig::forPreset(preset);
    config.inputWidth = config.inputHeight = size;
    config.inputFrames = frames;
    // Stage 1 of tiny / small trains every weight; the PyTorch loop has no adapter, so neither does ours there.
    if (!finetune) {
        config.lora.rank = 0;
        config.variableLengthProbability = 0.0; // every step at full length, as the PyTorch loop
    } else {
        config.aspects = {"VQ", "MQ", "TA"};
    }
    Judge judge = Judge::create(config, JudgeOptions().withThreads(threads));

    if (mode == "score") {
        const TrainingClip clip = randomClip(frames, size, 1);
        const ClipView view{clip.rgb.data(), clip.frames, clip.height, clip.width};
        judge.score(view); // warm-up
        std::vector<double> times;
        for (int i = 0; i < iterations; ++i) {
            const auto start = Clock::now();
            judge.score(view);
            times.push_back(elapsed(start));
        }
        std::sort(times.begin(), times.end());
        report("score", preset, times.front(), 1.0 / times.front(), judge.parameterCount());
        return 0;
    }
    if (mode == "pretrain") {
        Stage1Options options;
        options.batchSize = batch;
        options.totalSteps = iterations + 1;
        options.warmupSteps = 0;
        options.seed = 1;
        Stage1Trainer trainer(judge, options);
        for (uint32_t i = 0; i < 8; ++i) {
            trainer.addReal(randomClip(frames, size, i));
        }
        trainer.step(); // warm-up
        std::vector<double> times;
        for (int i = 0; i < iterations; ++i) {
            const auto start = Clock::now();
            trainer.step();
            times.push_back(elapsed(start));
        }
        std::sort(times.begin(), times.end());
        // A step sees `batch` positives and as many negatives.
        report("pretrain", preset, times.front(), 2.0 * batch / times.front(), judge.parameterCount());
        return 0;
    }
    if (finetune) {
        const int pairs = std::stoi(option(argc, argv, "--pairs", "1000"));
        Stage2Options options;
        options.batchSize = batch;
        options.seed = 1;
        options.totalSteps = (pairs + batch - 1) / batch;
        Stage2Trainer trainer(judge, options);
        // Pairs over a pool of videos, as a labelling project has them (each video in several pairs).
        const int videos = std::max(2, pairs / 2);
        for (int i = 0; i < videos; ++i) {
            trainer.addVideo({randomClip(frames, size, static_cast<uint32_t>(i))});
        }
        std::mt19937 random(7);
        for (int i = 0; i < pairs; ++i) {
            const int a = static_cast<int>(random() % static_cast<uint32_t>(videos));
            const int b = (a + 1 + static_cast<int>(random() % static_cast<uint32_t>(videos - 1))) % videos;
            const auto verdict = static_cast<PairVerdict>(random() % 3);
            trainer.addPair({a, b, verdict, {static_cast<int8_t>(verdict), -1, static_cast<int8_t>(random() % 3)}});
        }
        const auto start = Clock::now();
        for (int64_t step = 0; step < trainer.stepsPerEpoch(); ++step) {
            trainer.step();
        }
        const double seconds = elapsed(start);
        report("finetune", preset, seconds, pairs / seconds, judge.parameterCount(),
               ", \"pairs\": " + std::to_string(pairs) + ", \"steps\": " + std::to_string(trainer.stepsPerEpoch()));
        return 0;
    }
    std::fprintf(stderr, "bench_training: unknown mode '%s'\n", mode.c_str());
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_training score|pretrain|finetune PRESET [--frames N] [--size S] "
                             "[--threads T] [--iterations K] [--batch B] [--pairs P]\n");
        return 2;
    }
    try {
        return run(argc, argv);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bench_training: %s\n", error.what());
        return 1;
    }
}
