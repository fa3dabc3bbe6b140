// The JSON-lines progress protocol of long `svj` commands (`--progress json`): one object a line on stdout.
// Its event names, fields and version are defined here only: app/cli's Progress writes lines with it and the
// GUI's jobs (fine-tune, scoring, import) read them with parseProgressLine.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace svj::protocol {

// Raised when the fields change meaning or go away (new fields do not raise it). A reader refuses newer lines.
inline constexpr int kProgressVersion = 1;

// The field names on the wire.
namespace field {
inline constexpr const char* kVersion = "v";
inline constexpr const char* kTask = "task";
inline constexpr const char* kEvent = "event";
inline constexpr const char* kDone = "done";
inline constexpr const char* kTotal = "total";
inline constexpr const char* kPerSecond = "per_second";
inline constexpr const char* kExamplesPerSecond = "examples_per_s";
inline constexpr const char* kEtaSeconds = "eta_s";
inline constexpr const char* kLoss = "loss";
inline constexpr const char* kEpoch = "epoch";
inline constexpr const char* kStep = "step";
inline constexpr const char* kPath = "path";
inline constexpr const char* kWhy = "why";
inline constexpr const char* kHeldOut = "heldout";
inline constexpr const char* kMessage = "message";
} // namespace field

// What a line reports. A Step line (a unit of work done: done / total, rate, ETA) carries no "event" key.
enum class ProgressEvent {
    Step,
    Message,    // something to tell ("skipped a.avi: 16 frames"); "message" holds it where there is one
    Data,       // what a run trains and checks on (pairs, clips, held-out sources)
    Eval,       // a held-out check: "heldout" holds its tables
    Checkpoint, // a checkpoint written: "path", "step", "why" ("periodic", "stopped", "final")
    Summary,    // a run's closing figures
    Unknown,    // an event this reader does not know (a newer writer): shown as text, never an error
};

// The name on the wire ("step" for Step, which is written without one).
const char* eventName(ProgressEvent event);
ProgressEvent eventFromName(std::string_view name);

// A checkpoint's reason when the run reached its end: the judge it wrote is the finished one.
inline constexpr const char* kFinalCheckpoint = "final";

class ProtocolError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ProgressLine {
    ProgressEvent event = ProgressEvent::Step;
    int version = kProgressVersion;
    std::string task; // "pretrain", "finetune", "decode", "score", "import", "faultcheck"
    // Step lines.
    int64_t done = 0;
    int64_t total = 0;
    double perSecond = 0;
    std::optional<double> examplesPerSecond;
    std::optional<double> etaSeconds;
    // The whole object, for the fields of one task (loss, lr, epoch, heldout, why, ...).
    nlohmann::json fields = nlohmann::json::object();

    // A number field, or nothing when it is absent, null or not a number.
    std::optional<double> number(const char* key) const;
    // A text field, or "" when it is absent or not text.
    std::string text(const char* key) const;
    // A Checkpoint line whose run reached its end.
    bool isFinalCheckpoint() const;
};

// The line for one unit of work done; `fields` adds the task's own figures (loss, lr, the video, ...).
nlohmann::json stepLine(const std::string& task, int64_t done, int64_t total, double perSecond,
                        std::optional<double> examplesPerSecond, std::optional<double> etaSeconds,
                        const nlohmann::json& fields = nlohmann::json::object());
// The line for an event; `fields` must be an object (its "task", "event" and "v" are overwritten).
nlohmann::json eventLine(const std::string& task, ProgressEvent event, const nlohmann::json& fields);

// Reads one line. Nothing for a line that is no progress line: not a JSON object, or an object without "task"
// (a command's result shares stdout with its progress). Throws ProtocolError, saying what is wrong, for a progress
// line that breaks the protocol: a newer version, a Step without whole numbers "done" and "total", a field of the
// wrong type.
std::optional<ProgressLine> parseProgressLine(std::string_view line);

} // namespace svj::protocol
