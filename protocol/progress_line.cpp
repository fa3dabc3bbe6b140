#include "protocol/progress_line.h"

#include <array>
#include <cmath>
#include <utility>

namespace svj::protocol {
namespace {

constexpr std::array<std::pair<ProgressEvent, const char*>, 6> kEventNames{{
    {ProgressEvent::Step, "step"},
    {ProgressEvent::Message, "message"},
    {ProgressEvent::Data, "data"},
    {ProgressEvent::Eval, "eval"},
    {ProgressEvent::Checkpoint, "checkpoint"},
    {ProgressEvent::Summary, "summary"},
}};

nlohmann::json finiteOrNull(std::optional<double> value) {
    return value && std::isfinite(*value) ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::optional<double> optionalNumber(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        return std::nullopt;
    }
    if (!it->is_number()) {
        throw ProtocolError(std::string("\"") + key + "\" is not a number");
    }
    return it->get<double>();
}

int64_t wholeNumber(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer()) {
        throw ProtocolError(std::string("a step line needs a whole number \"") + key + "\"");
    }
    return it->get<int64_t>();
}

} // namespace

const char* eventName(ProgressEvent event) {
    for (const auto& [kind, name] : kEventNames) {
        if (kind == event) {
            return name;
        }
    }
    return "unknown";
}

ProgressEvent eventFromName(std::string_view name) {
    for (const auto& [kind, known] : kEventNames) {
        if (name == known && kind != ProgressEvent::Step) {
            return kind;
        }
    }
    return ProgressEvent::Unknown;
}

std::optional<double> ProgressLine::number(const char* key) const {
    const auto it = fields.find(key);
    if (it == fields.end() || !it->is_number()) {
        return std::nullopt;
    }
    return it->get<double>();
}

std::string ProgressLine::text(const char* key) const {
    const auto it = fields.find(key);
    return it != fields.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool ProgressLine::isFinalCheckpoint() const {
    return event == ProgressEvent::Checkpoint && text(field::kWhy) == kFinalCheckpoint;
}

nlohmann::json stepLine(const std::string& task, int64_t done, int64_t total, double perSecond,
                        std::optional<double> examplesPerSecond, std::optional<double> etaSeconds,
                        const nlohmann::json& fields) {
    nlohmann::json line = fields.is_object() ? fields : nlohmann::json::object();
    line[field::kVersion] = kProgressVersion;
    line[field::kTask] = task;
    line[field::kDone] = done;
    line[field::kTotal] = total;
    line[field::kPerSecond] = std::isfinite(perSecond) ? perSecond : 0.0;
    if (examplesPerSecond) {
        line[field::kExamplesPerSecond] = finiteOrNull(examplesPerSecond);
    }
    line[field::kEtaSeconds] = finiteOrNull(etaSeconds);
    line.erase(field::kEvent);
    return line;
}

nlohmann::json eventLine(const std::string& task, ProgressEvent event, const nlohmann::json& fields) {
    if (event == ProgressEvent::Step || event == ProgressEvent::Unknown) {
        throw std::invalid_argument("eventLine: a step is written by stepLine, and an unknown event not at all");
    }
    nlohmann::json line = fields.is_object() ? fields : nlohmann::json::object();
    line[field::kVersion] = kProgressVersion;
    line[field::kTask] = task;
    line[field::kEvent] = eventName(event);
    return line;
}

std::optional<ProgressLine> parseProgressLine(std::string_view text) {
    nlohmann::json object = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (object.is_discarded() || !object.is_object() || !object.contains(field::kTask)) {
        return std::nullopt;
    }
    ProgressLine line;
    const nlohmann::json& task = object[field::kTask];
    if (!task.is_string()) {
        throw ProtocolError("\"task\" is not text");
    }
    line.task = task.get<std::string>();
    // Lines without a version are the first version's: logs written before it was on the wire replay as they are.
    if (const auto version = object.find(field::kVersion); version != object.end()) {
        if (!version->is_number_integer() || version->get<int64_t>() < 1) {
            throw ProtocolError("\"v\" is not a version number");
        }
        if (version->get<int64_t>() > kProgressVersion) {
            throw ProtocolError("written by a newer svj (progress version " + std::to_string(version->get<int64_t>()) +
                                "; this one reads up to " + std::to_string(kProgressVersion) + ")");
        }
        line.version = static_cast<int>(version->get<int64_t>());
    }
    if (const auto event = object.find(field::kEvent); event != object.end()) {
        if (!event->is_string()) {
            throw ProtocolError("\"event\" is not text");
        }
        line.event = eventFromName(event->get<std::string>());
    } else {
        line.event = ProgressEvent::Step;
        line.done = wholeNumber(object, field::kDone);
        line.total = wholeNumber(object, field::kTotal);
        line.perSecond = optionalNumber(object, field::kPerSecond).value_or(0.0);
        line.examplesPerSecond = optionalNumber(object, field::kExamplesPerSecond);
        line.etaSeconds = optionalNumber(object, field::kEtaSeconds);
    }
    line.fields = std::move(object);
    return line;
}

} // namespace svj::protocol
