// Internal to training/: seeds derived from seeds, so every pair, clip and copy draws from a generator of its
// own and what one of them draws never depends on how many others came before it.
#pragma once

#include <cstdint>
#include <string>

namespace svj::training::detail {

// A well-mixed combination of two numbers (splitmix64's finaliser).
inline uint64_t mixSeeds(uint64_t a, uint64_t b) {
    uint64_t x = a * 0x9E3779B97F4A7C15ull + b + 0x632BE59BD9B4E019ull;
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 29;
    return x;
}

// A seed for one named thing (a file, a clip): FNV-1a of its name, started from `seed`.
inline uint64_t seedOfText(uint64_t seed, const std::string& text) {
    uint64_t hash = 1469598103934665603ull ^ seed;
    for (const char c : text) {
        hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    }
    return hash;
}

} // namespace svj::training::detail
