// The exception model/ throws: the message names the file (or tensor, or setting) and what is wrong.
#pragma once

#include <stdexcept>
#include <string>

namespace svj::model {

class ModelError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace svj::model
