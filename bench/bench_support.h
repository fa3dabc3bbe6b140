// What the benchmark programs share: reading `--name value` options and the process's peak memory.
#pragma once

#include <cstring>
#include <string>
#include <sys/resource.h>

namespace svj::bench {

inline std::string option(int argc, char** argv, const char* name, const std::string& fallback) {
    for (int i = 0; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0) {
            return argv[i + 1];
        }
    }
    return fallback;
}

inline double peakRssMb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

} // namespace svj::bench
