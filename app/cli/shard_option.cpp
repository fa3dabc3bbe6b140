#include "app/cli/shard_option.h"

#include <cstdlib>
#include <string>

namespace svj::cli {
namespace {

int wholeNumber(const std::string& text, const std::string& what) {
    char* end = nullptr;
    const long value = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || value < 0 || value > 1000000) {
        throw UsageError(what + " takes a whole number, got '" + text + "'");
    }
    return static_cast<int>(value);
}

} // namespace

OptionSpec shardOption() {
    return {"shard", "I/N", "score share I of N (every N-th video from the I-th; default: RANK/WORLD_SIZE, else all)"};
}

std::pair<int, int> chosenShard(const CommandLine& commandLine) {
    std::pair<int, int> shard{0, 1};
    if (const std::optional<std::string> given = commandLine.value("shard")) {
        const size_t slash = given->find('/');
        if (slash == std::string::npos) {
            throw UsageError("--shard takes I/N (share I of N, counted from 0), got '" + *given + "'");
        }
        shard = {wholeNumber(given->substr(0, slash), "--shard"), wholeNumber(given->substr(slash + 1), "--shard")};
    } else if (const char* rank = std::getenv("RANK"), *world = std::getenv("WORLD_SIZE"); rank && world) {
        shard = {wholeNumber(rank, "RANK"), wholeNumber(world, "WORLD_SIZE")};
    }
    if (shard.second < 1 || shard.first >= shard.second) {
        throw UsageError("a share I/N needs 0 <= I < N, got " + std::to_string(shard.first) + "/" +
                         std::to_string(shard.second));
    }
    return shard;
}

} // namespace svj::cli
