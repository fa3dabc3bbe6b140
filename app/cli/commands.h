// The `svj` subcommands. Each takes the arguments after its name and returns the process exit code.
#pragma once

#include <string>
#include <vector>

namespace svj::cli {

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the work itself failed
inline constexpr int kExitBadInput = 2; // wrong command line, or an input file that is missing or invalid

using Arguments = std::vector<std::string>;

int runConvert(const Arguments& arguments);
int runDb(const Arguments& arguments);   // with the Qt layers only (SVJ_HAVE_ANNOTATION)
int runEval(const Arguments& arguments); // with the Qt layers only (SVJ_HAVE_ANNOTATION)
int runFaultCheck(const Arguments& arguments);
int runFinetune(const Arguments& arguments); // with the Qt layers only (SVJ_HAVE_ANNOTATION)
int runFrames(const Arguments& arguments);
int runPretrain(const Arguments& arguments);
int runScore(const Arguments& arguments);
int runProbe(const Arguments& arguments);
int runVersion(const Arguments& arguments);

// Prints "svj: error: <message>" on stderr.
void printError(const std::string& message);
// Prints "svj: note: <message>" on stderr: something the user should know that is not an error.
void printNote(const std::string& message);

} // namespace svj::cli
