// Progress of a long `svj` command, for a person (a bar on a terminal, a plain line every half minute in a
// log) or for the GUI (one JSON object per line on stdout, `--progress json`: protocol/progress_line.h), or nothing.
// Messages go to stderr in bar and line mode so stdout stays data.
#pragma once

#include "protocol/progress_line.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <string>

namespace svj::cli {

enum class ProgressMode { Bar, Lines, Json, None };

// "bar" (a bar on a terminal; plain lines when stderr is not one), "json", "none". Throws UsageError.
ProgressMode parseProgressMode(const std::string& text);

class Progress {
public:
    // `examplesPerUnit`: examples one unit of work processes (a training step's batch), for examples/s.
    Progress(ProgressMode mode, std::string task, int64_t total, int examplesPerUnit = 0);

    // One unit of work done: `fields` adds the figures of this step (loss, lr, ...) to the JSON line and the
    // bar's tail. Rate and ETA are computed here from wall time since construction (or the last restart).
    void update(int64_t done, const nlohmann::json& fields = nlohmann::json::object());
    // An event (a checkpoint written, an evaluation): a JSON line {"event": ...} or `text` on stderr.
    void event(protocol::ProgressEvent event, const nlohmann::json& fields, const std::string& text);
    void finish();

    ProgressMode mode() const { return m_mode; }

private:
    ProgressMode m_mode;
    std::string m_task;
    int64_t m_total;
    int m_examplesPerUnit;
    int64_t m_startDone = -1;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_lastDraw;
    bool m_barDrawn = false;
};

} // namespace svj::cli
