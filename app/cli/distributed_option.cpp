#include "app/cli/distributed_option.h"

#include "app/cli/interrupt.h"

#include <arpa/inet.h>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <string>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace svj::cli {
namespace {

bool launchedRank() {
    const char* rank = std::getenv("RANK");
    return rank && *rank;
}

// A port the kernel has free now (bound and released: another program could take it in between, rarely).
int freePort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return 29500;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    int port = 29500;
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
        port = ntohs(address.sin_port);
    }
    close(fd);
    return port;
}

} // namespace

std::vector<OptionSpec> distributedOptionSpecs() {
    return {
        {"nproc", "N", "start N processes on this machine, one share of each step's batch each (torchrun-style)", "1"},
        {"backend", "NAME",
         "collectives of a run over several processes: gloo (CPU) or nccl (CUDA); default: nccl for a CUDA judge "
         "where built in, else gloo"},
        {"dist-timeout", "S", "a rank waiting this long for the others fails, naming the one that is gone", "1800"},
        {"agreement-every", "N", "several processes: check every N steps that their weights agree bit for bit", "100"},
        {"bucket-kb", "N", "several processes: gradients are summed in buckets of about N KiB", "1024"},
        {"draws", "per-pair|stream",
         "random draws per pair (the same run on any number of processes) or from one stream (runs before this "
         "choice, the shipped judge's); a resume keeps its run's",
         "per-pair"}};
}

bool drawsPerPair(const CommandLine& commandLine) {
    const std::string draws = commandLine.valueOr("draws", "per-pair");
    if (draws != "per-pair" && draws != "stream") {
        throw UsageError("--draws must be per-pair or stream");
    }
    return draws == "per-pair";
}

int64_t bucketBytes(const CommandLine& commandLine) {
    const int kib = commandLine.intValue("bucket-kb", 1024);
    if (kib < 1 || kib > 1024 * 1024) {
        throw UsageError("--bucket-kb must be from 1 to 1048576");
    }
    return static_cast<int64_t>(kib) * 1024;
}

std::optional<model::ProcessGroupOptions> processGroupOptions(const CommandLine& commandLine,
                                                              const std::string& device) {
    model::ProcessGroupOptions options;
    try {
        options = model::processGroupFromEnvironment();
    } catch (const model::ModelError& error) {
        throw UsageError(error.what());
    }
    if (options.worldSize <= 1) {
        return std::nullopt;
    }
    options.device = device;
    options.backend = commandLine.valueOr("backend", "");
    if (!options.backend.empty() && options.backend != "gloo" && options.backend != "nccl") {
        throw UsageError("--backend must be gloo or nccl");
    }
    options.timeoutSeconds = commandLine.doubleValue("dist-timeout", 1800);
    if (!(options.timeoutSeconds > 0)) {
        throw UsageError("--dist-timeout must be positive");
    }
    return options;
}

int localRanksToStart(const CommandLine& commandLine) {
    const int count = commandLine.intValue("nproc", 1);
    if (count < 1 || count > 1024) {
        throw UsageError("--nproc must be from 1 to 1024");
    }
    return launchedRank() ? 1 : count;
}

int threadsPerRank(int requested) {
    if (requested > 0) {
        return requested;
    }
    const char* local = std::getenv("LOCAL_WORLD_SIZE");
    const int ranks = local && *local ? std::max(1, std::atoi(local)) : 1;
    if (ranks <= 1) {
        return 0; // one per core, as in one process
    }
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / ranks);
}

std::string deviceForRank(const std::string& device) {
    const char* local = std::getenv("LOCAL_RANK");
    if (device != "cuda" || !local || !*local) {
        return device;
    }
    char* end = nullptr;
    const long index = std::strtol(local, &end, 10);
    if (*end != '\0' || index < 0 || index > 1024) {
        throw UsageError(std::string("LOCAL_RANK is '") + local + "'; expected a GPU index");
    }
    return "cuda:" + std::to_string(index);
}

void followLauncher() {
    if (launchedRank()) {
        // At once, before options and labels are read: a stop that comes now is a request, not a kill.
        keepStopHandler();
        installStopRequest();
    }
    const char* launcher = std::getenv("SVJ_LAUNCHER_PID");
    if (!launcher || !*launcher) {
        return;
    }
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (std::to_string(getppid()) != launcher) {
        raise(SIGTERM); // the launcher died before the line above took effect
    }
}

int runLocalRanks(const std::string& command, const Arguments& arguments, int count, double timeoutSeconds) {
    const std::atomic<bool>& stop = installStopRequest();
    const char* givenPort = std::getenv("MASTER_PORT");
    const std::string port = givenPort && *givenPort ? givenPort : std::to_string(freePort());
    std::vector<std::string> baseEnvironment;
    for (char** entry = environ; *entry; ++entry) {
        const std::string variable(*entry);
        const std::string name = variable.substr(0, variable.find('='));
        if (name != "RANK" && name != "WORLD_SIZE" && name != "LOCAL_RANK" && name != "LOCAL_WORLD_SIZE" &&
            name != "MASTER_ADDR" && name != "MASTER_PORT") {
            baseEnvironment.push_back(variable);
        }
    }
    std::vector<std::string> argv{"svj", command};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    std::vector<char*> argvPointers;
    for (std::string& argument : argv) {
        argvPointers.push_back(argument.data());
    }
    argvPointers.push_back(nullptr);

    std::vector<pid_t> children;
    const std::string launcher = "SVJ_LAUNCHER_PID=" + std::to_string(getpid());
    for (int rank = 0; rank < count; ++rank) {
        std::vector<std::string> environment = baseEnvironment;
        environment.push_back("RANK=" + std::to_string(rank));
        environment.push_back("LOCAL_RANK=" + std::to_string(rank));
        environment.push_back("WORLD_SIZE=" + std::to_string(count));
        environment.push_back("LOCAL_WORLD_SIZE=" + std::to_string(count));
        environment.push_back("MASTER_ADDR=127.0.0.1");
        environment.push_back("MASTER_PORT=" + port);
        environment.push_back(launcher);
        std::vector<char*> environmentPointers;
        for (std::string& variable : environment) {
            environmentPointers.push_back(variable.data());
        }
        environmentPointers.push_back(nullptr);
        // The ranks in a process group of their own: Ctrl-C in the terminal reaches this launcher alone, which
        // passes one stop request on (a second signal would end a rank without its checkpoint).
        posix_spawnattr_t attributes;
        posix_spawnattr_init(&attributes);
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
        posix_spawnattr_setpgroup(&attributes, children.empty() ? 0 : children.front());
        pid_t pid = 0;
        const int spawned =
            posix_spawn(&pid, "/proc/self/exe", nullptr, &attributes, argvPointers.data(), environmentPointers.data());
        posix_spawnattr_destroy(&attributes);
        if (spawned != 0) {
            printError("could not start rank " + std::to_string(rank) + " of " + std::to_string(count));
            for (const pid_t child : children) {
                kill(child, SIGKILL); // they would wait for the missing rank until the timeout
            }
            break;
        }
        children.push_back(pid);
    }

    // Wait for all; a stop request goes to every rank (they agree on the step to stop at); once one rank has
    // failed the others get the timeout (plus a margin) to notice and end before they are killed.
    int result = static_cast<int>(children.size()) == count ? 0 : kExitFailure;
    std::vector<bool> ended(children.size(), false);
    size_t running = children.size();
    bool forwarded = false;
    bool failing = false; // a rank failed: the others have until `deadline`
    std::chrono::steady_clock::time_point deadline;
    while (running > 0) {
        if (stop.load() && !forwarded) {
            forwarded = true;
            const int signal = std::string(stopSignalName()) == "SIGTERM" ? SIGTERM : SIGINT;
            for (size_t i = 0; i < children.size(); ++i) {
                if (!ended[i]) {
                    kill(children[i], signal);
                }
            }
        }
        int status = 0;
        const pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid > 0) {
            for (size_t i = 0; i < children.size(); ++i) {
                if (children[i] != pid || ended[i]) {
                    continue;
                }
                ended[i] = true;
                --running;
                const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                if (code != 0) {
                    if (result == 0) {
                        result = code;
                    }
                    std::cerr << "svj: rank " << i << " of " << count << " ended with "
                              << (WIFEXITED(status) ? "exit code " + std::to_string(code)
                                                    : "signal " + std::to_string(WTERMSIG(status)))
                              << std::endl;
                    if (!failing) {
                        failing = true;
                        deadline = std::chrono::steady_clock::now() +
                                   std::chrono::milliseconds(static_cast<int64_t>(timeoutSeconds * 1000) + 30000);
                    }
                }
            }
            continue;
        }
        if (failing && std::chrono::steady_clock::now() > deadline) {
            for (size_t i = 0; i < children.size(); ++i) {
                if (!ended[i]) {
                    std::cerr << "svj: rank " << i << " did not end after rank failures; killing it" << std::endl;
                    kill(children[i], SIGKILL);
                }
            }
            failing = false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return result;
}

} // namespace svj::cli
