#include "app/cli/progress.h"

#include "app/cli/command_line.h"
#include "model/json_text.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace svj::cli {
namespace {

std::string formatSeconds(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) {
        return "?";
    }
    const auto total = static_cast<int64_t>(std::llround(seconds));
    char text[32];
    if (total >= 3600) {
        std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", static_cast<long long>(total / 3600),
                      static_cast<long long>(total / 60 % 60), static_cast<long long>(total % 60));
    } else {
        std::snprintf(text, sizeof text, "%lld:%02lld", static_cast<long long>(total / 60),
                      static_cast<long long>(total % 60));
    }
    return text;
}

std::string shortValue(const nlohmann::json& value) {
    if (value.is_number_float()) {
        char text[32];
        std::snprintf(text, sizeof text, "%.4g", value.get<double>());
        return text;
    }
    return value.is_string() ? value.get<std::string>() : svj::model::jsonText(value);
}

} // namespace

ProgressMode parseProgressMode(const std::string& text) {
    if (text == "bar") {
        return isatty(STDERR_FILENO) ? ProgressMode::Bar : ProgressMode::Lines;
    }
    if (text == "json") {
        return ProgressMode::Json;
    }
    if (text == "none") {
        return ProgressMode::None;
    }
    throw UsageError("--progress takes bar, json or none, not '" + text + "'");
}

Progress::Progress(ProgressMode mode, std::string task, int64_t total, int examplesPerUnit)
    : m_mode(mode)
    , m_task(std::move(task))
    , m_total(total)
    , m_examplesPerUnit(examplesPerUnit)
    , m_start(std::chrono::steady_clock::now())
    , m_lastDraw(m_start - std::chrono::seconds(1)) {}

void Progress::update(int64_t done, const nlohmann::json& fields) {
    const auto now = std::chrono::steady_clock::now();
    if (m_startDone < 0) {
        // The first report sets the origin: a resumed run measures its own rate, not the earlier run's.
        m_startDone = done - 1;
        m_start = now - std::chrono::milliseconds(1);
    }
    const double elapsed = std::chrono::duration<double>(now - m_start).count();
    const double rate = static_cast<double>(done - m_startDone) / std::max(elapsed, 1e-9);
    const double eta = rate > 0 ? static_cast<double>(m_total - done) / rate : NAN;
    if (m_mode == ProgressMode::Json) {
        std::optional<double> examplesPerSecond;
        if (m_examplesPerUnit > 0) {
            examplesPerSecond = rate * m_examplesPerUnit;
        }
        const std::optional<double> etaSeconds = std::isfinite(eta) ? std::optional<double>(eta) : std::nullopt;
        std::cout << svj::model::jsonText(
                         protocol::stepLine(m_task, done, m_total, rate, examplesPerSecond, etaSeconds, fields))
                  << std::endl;
        return;
    }
    // A log (nohup, a CI job) gets a line every half minute, not a redrawn bar nobody sees.
    const auto interval =
        m_mode == ProgressMode::Lines ? std::chrono::milliseconds(30000) : std::chrono::milliseconds(100);
    if (m_mode == ProgressMode::None || (now - m_lastDraw < interval && done < m_total)) {
        return;
    }
    m_lastDraw = now;
    const int width = 28;
    const double fraction = m_total > 0 ? std::min(1.0, static_cast<double>(done) / static_cast<double>(m_total)) : 0;
    const int filled = static_cast<int>(fraction * width);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(width, '-');
    std::string tail;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        tail += " " + it.key() + " " + shortValue(it.value());
    }
    if (m_mode == ProgressMode::Lines) {
        std::fprintf(stderr, "%s %lld/%lld %.2f/s eta %s%s\n", m_task.c_str(), static_cast<long long>(done),
                     static_cast<long long>(m_total), rate, formatSeconds(eta).c_str(), tail.c_str());
        std::fflush(stderr);
        return;
    }
    std::fprintf(stderr, "\r%s [%s] %lld/%lld %.2f/s eta %s%s\033[K", m_task.c_str(), bar.c_str(),
                 static_cast<long long>(done), static_cast<long long>(m_total), rate, formatSeconds(eta).c_str(),
                 tail.c_str());
    std::fflush(stderr);
    m_barDrawn = true;
}

void Progress::event(protocol::ProgressEvent event, const nlohmann::json& fields, const std::string& text) {
    if (m_mode == ProgressMode::Json) {
        std::cout << svj::model::jsonText(protocol::eventLine(m_task, event, fields)) << std::endl;
        return;
    }
    if (m_barDrawn) {
        std::fputs("\n", stderr);
        m_barDrawn = false;
    }
    std::fprintf(stderr, "%s\n", text.c_str());
}

void Progress::finish() {
    if (m_barDrawn) {
        std::fputs("\n", stderr);
        m_barDrawn = false;
    }
}

} // namespace svj::cli
