#include "model/safetensors.h"

#include "model/atomic_file.h"
#include "model/json_text.h"
#include "model/model_error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_set>

namespace svj::model {
namespace {

constexpr uint64_t kMaxHeaderBytes = 100ull * 1024 * 1024;

struct DTypeName {
    DType dtype;
    const char* name;
    size_t size;
};
constexpr DTypeName kDTypes[] = {
    {DType::F32, "F32", 4}, {DType::F16, "F16", 2},   {DType::BF16, "BF16", 2}, {DType::F64, "F64", 8},
    {DType::I64, "I64", 8}, {DType::I32, "I32", 4},   {DType::I16, "I16", 2},   {DType::I8, "I8", 1},
    {DType::U8, "U8", 1},   {DType::Bool, "BOOL", 1},
};

[[noreturn]] void fail(const std::string& source, const std::string& what) {
    throw ModelError(source + ": " + what);
}

std::string shapeText(const std::vector<int64_t>& shape) {
    std::string text = "[";
    for (size_t i = 0; i < shape.size(); ++i) {
        text += (i > 0 ? ", " : "") + std::to_string(shape[i]);
    }
    return text + "]";
}

uint64_t readLittleEndian64(const uint8_t* bytes) {
    uint64_t value = 0;
    for (int i = 7; i >= 0; --i) {
        value = (value << 8) | bytes[i];
    }
    return value;
}

} // namespace

size_t dtypeSize(DType dtype) {
    for (const DTypeName& entry : kDTypes) {
        if (entry.dtype == dtype) {
            return entry.size;
        }
    }
    return 0;
}

const char* dtypeName(DType dtype) {
    for (const DTypeName& entry : kDTypes) {
        if (entry.dtype == dtype) {
            return entry.name;
        }
    }
    return "?";
}

std::optional<DType> parseDType(const std::string& name) {
    for (const DTypeName& entry : kDTypes) {
        if (name == entry.name) {
            return entry.dtype;
        }
    }
    return std::nullopt;
}

int64_t TensorInfo::numel() const {
    int64_t count = 1;
    for (const int64_t dimension : shape) {
        count *= dimension;
    }
    return count;
}

SafetensorsHeader parseSafetensorsHeader(const uint8_t* bytes, size_t available, uint64_t fileSize,
                                         const std::string& source) {
    if (fileSize < 8 || available < 8) {
        fail(source, "not a safetensors file: shorter than its 8-byte header length (truncated?)");
    }
    const uint64_t headerSize = readLittleEndian64(bytes);
    if (headerSize > kMaxHeaderBytes) {
        fail(source, "header length " + std::to_string(headerSize) + " exceeds the 100 MB limit (not safetensors?)");
    }
    if (headerSize + 8 > fileSize) {
        fail(source, "header length " + std::to_string(headerSize) + " runs past the end of the " +
                         std::to_string(fileSize) + "-byte file (truncated?)");
    }
    if (headerSize + 8 > available) {
        fail(source, "header not fully readable");
    }
    if (headerSize < 2 || bytes[8] != '{') {
        fail(source, "header is not a JSON object");
    }
    nlohmann::json header;
    std::string duplicate;
    {
        std::unordered_set<std::string> topLevelKeys;
        // The parser keeps the last of two equal keys silently; the format forbids them, so watch for them.
        const nlohmann::json::parser_callback_t watchKeys = [&](int depth, nlohmann::json::parse_event_t event,
                                                                nlohmann::json& parsed) {
            if (event == nlohmann::json::parse_event_t::key && depth == 1) {
                const std::string key = parsed.get<std::string>();
                if (!topLevelKeys.insert(key).second) {
                    duplicate = key;
                }
            }
            return true;
        };
        try {
            header = nlohmann::json::parse(bytes + 8, bytes + 8 + headerSize, watchKeys);
        } catch (const nlohmann::json::exception& error) {
            fail(source, std::string("header is not valid JSON: ") + error.what());
        }
    }
    if (!duplicate.empty()) {
        fail(source, "tensor '" + duplicate + "' appears twice in the header");
    }
    if (!header.is_object()) {
        fail(source, "header is not a JSON object");
    }
    SafetensorsHeader result;
    result.dataOffset = 8 + headerSize;
    const uint64_t dataSize = fileSize - result.dataOffset;
    for (const auto& [name, value] : header.items()) {
        if (name == "__metadata__") {
            if (!value.is_object()) {
                fail(source, "__metadata__ is not an object");
            }
            for (const auto& [key, entry] : value.items()) {
                if (!entry.is_string()) {
                    fail(source, "__metadata__ value '" + key + "' is not a string");
                }
                result.metadata[key] = entry.get<std::string>();
            }
            continue;
        }
        const std::string where = "tensor '" + name + "': ";
        if (!value.is_object()) {
            fail(source, where + "entry is not an object");
        }
        TensorInfo info;
        info.name = name;
        const auto dtype = value.find("dtype");
        if (dtype == value.end() || !dtype->is_string()) {
            fail(source, where + "missing dtype");
        }
        const std::optional<DType> parsed = parseDType(dtype->get<std::string>());
        if (!parsed) {
            fail(source, where + "unsupported dtype '" + dtype->get<std::string>() + "'");
        }
        info.dtype = *parsed;
        const auto shape = value.find("shape");
        if (shape == value.end() || !shape->is_array()) {
            fail(source, where + "missing shape");
        }
        uint64_t elements = 1;
        for (const auto& dimension : *shape) {
            if (!dimension.is_number_unsigned() && !(dimension.is_number_integer() && dimension.get<int64_t>() >= 0)) {
                fail(source, where + "shape holds a negative or non-integer dimension");
            }
            const auto size = dimension.get<uint64_t>();
            if (size != 0 && elements > (uint64_t(1) << 62) / size) {
                fail(source, where + "shape is absurdly large");
            }
            elements *= size;
            info.shape.push_back(static_cast<int64_t>(size));
        }
        const auto offsets = value.find("data_offsets");
        if (offsets == value.end() || !offsets->is_array() || offsets->size() != 2 ||
            !(*offsets)[0].is_number_unsigned() || !(*offsets)[1].is_number_unsigned()) {
            fail(source, where + "data_offsets must be [begin, end]");
        }
        info.begin = (*offsets)[0].get<uint64_t>();
        info.end = (*offsets)[1].get<uint64_t>();
        if (info.begin > info.end) {
            fail(source, where + "data_offsets begin after they end");
        }
        if (info.end > dataSize) {
            fail(source, where + "data ends at byte " + std::to_string(info.end) + " of a " + std::to_string(dataSize) +
                             "-byte data buffer (truncated file?)");
        }
        // Overflow-checked: [2^62] float32 elements would wrap to 0 bytes and pass as an empty tensor.
        uint64_t needed = 0;
        if (__builtin_mul_overflow(elements, static_cast<uint64_t>(dtypeSize(info.dtype)), &needed)) {
            fail(source, where + "shape " + shapeText(info.shape) + " needs more bytes than any file holds");
        }
        if (info.end - info.begin != needed) {
            fail(source, where + "holds " + std::to_string(info.end - info.begin) +
                             " bytes but its shape and dtype need " + std::to_string(needed));
        }
        result.tensors.push_back(std::move(info));
    }
    // The regions must tile the buffer: no overlap, no gap, nothing after the last one.
    std::sort(result.tensors.begin(), result.tensors.end(), [](const TensorInfo& a, const TensorInfo& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    uint64_t expected = 0;
    for (const TensorInfo& tensor : result.tensors) {
        if (tensor.begin < expected) {
            fail(source, "tensor '" + tensor.name + "' overlaps the tensor before it");
        }
        if (tensor.begin > expected) {
            fail(source, "tensor '" + tensor.name + "' leaves a gap of " + std::to_string(tensor.begin - expected) +
                             " bytes before it");
        }
        expected = tensor.end;
    }
    if (expected != dataSize) {
        fail(source,
             "data buffer is " + std::to_string(dataSize) + " bytes but the tensors cover " + std::to_string(expected));
    }
    return result;
}

std::shared_ptr<const SafetensorsFile> SafetensorsFile::open(const std::string& path) {
    const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) {
        fail(path, errno == ENOENT ? "file not found" : std::string("cannot open: ") + std::strerror(errno));
    }
    struct stat status {};
    if (::fstat(descriptor, &status) != 0 || !S_ISREG(status.st_mode)) {
        ::close(descriptor);
        fail(path, "not a regular file");
    }
    const auto size = static_cast<size_t>(status.st_size);
    const uint8_t* mapping = nullptr;
    if (size > 0) {
        void* address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, descriptor, 0);
        if (address == MAP_FAILED) {
            ::close(descriptor);
            fail(path, std::string("cannot map the file: ") + std::strerror(errno));
        }
        mapping = static_cast<const uint8_t*>(address);
    }
    ::close(descriptor);
    std::shared_ptr<SafetensorsFile> file(new SafetensorsFile());
    file->m_path = path;
    file->m_mapping = mapping;
    file->m_size = size;
    file->m_header = parseSafetensorsHeader(mapping, size, size, path);
    for (size_t i = 0; i < file->m_header.tensors.size(); ++i) {
        file->m_byName.emplace(file->m_header.tensors[i].name, i);
    }
    return file;
}

SafetensorsFile::~SafetensorsFile() {
    if (m_mapping) {
        ::munmap(const_cast<uint8_t*>(m_mapping), m_size);
    }
}

const TensorInfo* SafetensorsFile::find(const std::string& name) const {
    const auto it = m_byName.find(name);
    return it == m_byName.end() ? nullptr : &m_header.tensors[it->second];
}

const uint8_t* SafetensorsFile::data(const TensorInfo& tensor) const {
    return m_mapping + m_header.dataOffset + tensor.begin;
}

SafetensorsCollection SafetensorsCollection::open(const std::string& path) {
    namespace fs = std::filesystem;
    SafetensorsCollection collection;
    collection.m_source = path;
    fs::path target(path);
    std::error_code error;
    if (fs::is_directory(target, error)) {
        std::vector<fs::path> indexes;
        std::vector<fs::path> singles;
        for (const auto& entry : fs::directory_iterator(target, error)) {
            const std::string name = entry.path().filename().string();
            if (name.size() > 23 && name.substr(name.size() - 23) == ".safetensors.index.json") {
                indexes.push_back(entry.path());
            } else if (entry.path().extension() == ".safetensors") {
                singles.push_back(entry.path());
            }
        }
        // diffusers' own file names win over other files in the folder.
        const fs::path diffusersIndex = target / "diffusion_pytorch_model.safetensors.index.json";
        const fs::path diffusersFile = target / "diffusion_pytorch_model.safetensors";
        if (fs::exists(diffusersIndex, error)) {
            target = diffusersIndex;
        } else if (fs::exists(diffusersFile, error)) {
            target = diffusersFile;
        } else if (indexes.size() == 1) {
            target = indexes.front();
        } else if (indexes.empty() && singles.size() == 1) {
            target = singles.front();
        } else {
            fail(path, indexes.size() > 1 ? "folder holds several *.safetensors.index.json files"
                                          : (singles.empty() ? "folder holds no .safetensors file"
                                                             : "folder holds several .safetensors files but no index"));
        }
    }
    const std::string name = target.filename().string();
    if (name.size() > 5 && name.substr(name.size() - 5) == ".json") {
        std::ifstream stream(target);
        if (!stream) {
            fail(target.string(), "cannot read the shard index");
        }
        nlohmann::json index;
        try {
            stream >> index;
        } catch (const nlohmann::json::exception& exception) {
            fail(target.string(), std::string("shard index is not valid JSON: ") + exception.what());
        }
        const auto weightMap = index.find("weight_map");
        if (weightMap == index.end() || !weightMap->is_object()) {
            fail(target.string(), "shard index has no weight_map");
        }
        std::map<std::string, std::shared_ptr<const SafetensorsFile>> shards;
        for (const auto& [tensor, shardValue] : weightMap->items()) {
            if (!shardValue.is_string()) {
                fail(target.string(), "weight_map entry '" + tensor + "' is not a file name");
            }
            const std::string shardName = shardValue.get<std::string>();
            if (shardName.find('/') != std::string::npos || shardName == "..") {
                fail(target.string(), "weight_map entry '" + tensor + "' points outside the folder");
            }
            auto& shard = shards[shardName];
            if (!shard) {
                shard = SafetensorsFile::open((target.parent_path() / shardName).string());
                collection.m_files.push_back(shard);
            }
            const TensorInfo* info = shard->find(tensor);
            if (!info) {
                fail(shard->path(), "tensor '" + tensor + "' listed in the index is missing from this shard");
            }
            collection.m_entries[tensor] = {shard, info};
        }
        return collection;
    }
    auto file = SafetensorsFile::open(target.string());
    collection.m_files.push_back(file);
    for (const TensorInfo& info : file->tensors()) {
        collection.m_entries[info.name] = {file, &info};
    }
    return collection;
}

const SafetensorsCollection::Entry* SafetensorsCollection::find(const std::string& name) const {
    const auto it = m_entries.find(name);
    return it == m_entries.end() ? nullptr : &it->second;
}

std::vector<std::string> SafetensorsCollection::names() const {
    std::vector<std::string> result;
    result.reserve(m_entries.size());
    for (const auto& [name, entry] : m_entries) {
        result.push_back(name);
    }
    return result;
}

std::map<std::string, std::string> SafetensorsCollection::metadata() const {
    return m_files.empty() ? std::map<std::string, std::string>{} : m_files.front()->metadata();
}

void SafetensorsWriter::add(const std::string& name, DType dtype, std::vector<int64_t> shape, const void* data,
                            size_t bytes) {
    int64_t elements = 1;
    for (const int64_t dimension : shape) {
        elements *= dimension;
    }
    if (static_cast<size_t>(elements) * dtypeSize(dtype) != bytes) {
        throw ModelError("tensor '" + name + "': " + std::to_string(bytes) + " bytes do not fit its shape and dtype");
    }
    if (name == "__metadata__" || name.empty()) {
        throw ModelError("'" + name + "' cannot name a tensor");
    }
    const auto* begin = static_cast<const uint8_t*>(data);
    m_tensors[name] = {dtype, std::move(shape), std::vector<uint8_t>(begin, begin + bytes)};
}

void SafetensorsWriter::setMetadata(const std::string& key, const std::string& value) {
    m_metadata[key] = value;
}

void SafetensorsWriter::write(const std::string& path) const {
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!m_metadata.empty()) {
        header["__metadata__"] = m_metadata;
    }
    uint64_t offset = 0;
    for (const auto& [name, tensor] : m_tensors) {
        header[name] = {{"dtype", dtypeName(tensor.dtype)},
                        {"shape", tensor.shape},
                        {"data_offsets", {offset, offset + tensor.bytes.size()}}};
        offset += tensor.bytes.size();
    }
    std::string headerText = jsonText(header);
    // Pad with spaces so the data buffer starts 8-byte aligned.
    headerText.append((8 - (headerText.size() % 8)) % 8, ' ');
    std::string contents;
    contents.reserve(8 + headerText.size() + offset);
    const uint64_t headerSize = headerText.size();
    for (int i = 0; i < 8; ++i) {
        contents.push_back(static_cast<char>((headerSize >> (8 * i)) & 0xff));
    }
    contents += headerText;
    for (const auto& [name, tensor] : m_tensors) {
        contents.append(reinterpret_cast<const char*>(tensor.bytes.data()), tensor.bytes.size());
    }
    writeFileAtomically(path, contents);
}

} // namespace svj::model
