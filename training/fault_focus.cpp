#include "training/fault_focus.h"

#include <algorithm>
#include <stdexcept>

namespace svj::training {
namespace {

constexpr double kKeep = 0.98; // of the running accuracy per pair seen (about the last 50 pairs of a fault)
constexpr double kFloor = 0.1; // every fault keeps being drawn

} // namespace

FaultFocus::FaultFocus(int interval, double strength, size_t faults)
    : m_interval(std::max(1, interval))
    , m_strength(std::clamp(strength, 0.0, 1.0))
    , m_accuracy(faults, 0.5)
    , m_seen(faults, 0) {}

void FaultFocus::record(int fault, bool right) {
    if (fault < 0 || static_cast<size_t>(fault) >= m_accuracy.size()) {
        return;
    }
    const auto f = static_cast<size_t>(fault);
    m_accuracy[f] = kKeep * m_accuracy[f] + (1.0 - kKeep) * (right ? 1.0 : 0.0);
    ++m_seen[f];
}

void FaultFocus::stepDone(int64_t done) {
    if (m_strength <= 0.0 || done % m_interval != 0) {
        return;
    }
    std::vector<double> weights(m_accuracy.size());
    for (size_t f = 0; f < weights.size(); ++f) {
        weights[f] = (1.0 - m_strength) + m_strength * ((1.0 - m_accuracy[f]) + kFloor);
    }
    m_updates.emplace_back(done, std::move(weights));
}

std::vector<double> FaultFocus::weightsFor(int64_t step) const {
    // The batch of step `step` is drawn while step `step - 1` trains: an update after step u reaches batches
    // from u + 2 on.
    for (auto it = m_updates.rbegin(); it != m_updates.rend(); ++it) {
        if (it->first <= step - 2) {
            return it->second;
        }
    }
    return {};
}

std::string FaultFocus::save() const {
    nlohmann::json updates = nlohmann::json::array();
    for (const auto& [after, weights] : m_updates) {
        updates.push_back({{"after", after}, {"weights", weights}});
    }
    return nlohmann::json{{"accuracy", m_accuracy}, {"seen", m_seen}, {"updates", updates}}.dump();
}

void FaultFocus::restore(const std::string& text) {
    const nlohmann::json state = nlohmann::json::parse(text);
    std::vector<double> accuracy = state.at("accuracy").get<std::vector<double>>();
    if (accuracy.size() != m_accuracy.size()) {
        throw std::runtime_error("the fault focus was saved for " + std::to_string(accuracy.size()) + " faults, not " +
                                 std::to_string(m_accuracy.size()));
    }
    m_accuracy = std::move(accuracy);
    m_seen = state.at("seen").get<std::vector<int64_t>>();
    m_updates.clear();
    for (const nlohmann::json& update : state.at("updates")) {
        m_updates.emplace_back(update.at("after").get<int64_t>(), update.at("weights").get<std::vector<double>>());
    }
}

} // namespace svj::training
