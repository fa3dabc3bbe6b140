// libFuzzer target: arbitrary bytes as a safetensors file's header and data. The parser must either accept
// them with every offset inside the buffer or refuse them with a ModelError; nothing else.
#include "model/model_error.h"
#include "model/safetensors.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const svj::model::SafetensorsHeader header = svj::model::parseSafetensorsHeader(data, size, size, "fuzz-input");
        // Everything accepted must lie inside the input: read every tensor's first and last byte.
        volatile uint8_t sink = 0;
        for (const svj::model::TensorInfo& tensor : header.tensors) {
            if (tensor.end > tensor.begin) {
                if (header.dataOffset + tensor.end > size) {
                    std::abort();
                }
                sink = sink ^ data[header.dataOffset + tensor.begin] ^ data[header.dataOffset + tensor.end - 1];
            }
        }
        (void)sink;
    } catch (const svj::model::ModelError&) {
    }
    return 0;
}
