// Where training effort goes among the faults: an exponential average of the judge's training accuracy on
// each fault, turned every `interval` steps into how often each fault is drawn (faults it gets wrong more
// often, more often; a family with many such faults gets more pairs). Only training pairs feed it. The
// weights a step's batch is drawn with depend on the step number alone (the last update at least two steps
// before it), so a resumed run draws what an uninterrupted one did; the state travels with the trainer's.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace svj::training {

class FaultFocus {
public:
    // `strength` 0: every fault alike; 1: weights proportional to (1 - accuracy) + a floor.
    FaultFocus(int interval, double strength, size_t faults);

    void record(int fault, bool right);
    // Call after step `done` (steps done): updates the weights at every multiple of the interval.
    void stepDone(int64_t done);
    // The weights the batch of 0-based step `step` is drawn with (empty: alike).
    std::vector<double> weightsFor(int64_t step) const;
    // Each fault's averaged training accuracy.
    const std::vector<double>& accuracy() const { return m_accuracy; }

    std::string save() const;
    void restore(const std::string& text); // throws std::runtime_error for a state of another shape

private:
    int m_interval;
    double m_strength;
    std::vector<double> m_accuracy;
    std::vector<int64_t> m_seen;
    std::vector<std::pair<int64_t, std::vector<double>>> m_updates; // (after step, weights)
};

} // namespace svj::training
