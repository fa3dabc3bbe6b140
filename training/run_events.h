// How a training run (PretrainRun, FinetuneRun) tells its listener what happened: one event of a kind, with its
// fields (the JSON a progress line carries) and a line of text for a person.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <utility>

namespace svj::training {

template <typename Event, typename Listener, typename Kind>
void tellListener(const Listener& listener, Kind kind, nlohmann::json fields, std::string text) {
    if (!listener) {
        return;
    }
    Event event;
    event.kind = kind;
    event.fields = std::move(fields);
    event.text = std::move(text);
    listener(event);
}

} // namespace svj::training
