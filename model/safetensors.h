// Reading and writing safetensors files (header JSON + raw little-endian tensors), single or sharded,
// validated strictly: every error names the file and, where it applies, the tensor.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace svj::model {

// Stored in files by name ("F32", ...); the numbers are ours.
enum class DType { F32 = 0, F16 = 1, BF16 = 2, F64 = 3, I64 = 4, I32 = 5, I16 = 6, I8 = 7, U8 = 8, Bool = 9 };

size_t dtypeSize(DType dtype);
const char* dtypeName(DType dtype);
std::optional<DType> parseDType(const std::string& name);

struct TensorInfo {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    uint64_t begin = 0; // byte offsets into the data buffer (after the header)
    uint64_t end = 0;

    int64_t numel() const;
    uint64_t byteSize() const { return end - begin; }
};

// The header of a safetensors file, validated: known dtypes, sizes that match shapes, offsets inside the
// buffer that tile it exactly (no gap, no overlap), no duplicate names, header at most 100 MB.
struct SafetensorsHeader {
    std::vector<TensorInfo> tensors; // in file order of their data
    std::map<std::string, std::string> metadata;
    uint64_t dataOffset = 0; // where the data buffer starts in the file
};

// `fileSize` is the whole file's size; `source` names the file in errors.
SafetensorsHeader parseSafetensorsHeader(const uint8_t* bytes, size_t available, uint64_t fileSize,
                                         const std::string& source);

// One file, memory-mapped read-only.
class SafetensorsFile {
public:
    static std::shared_ptr<const SafetensorsFile> open(const std::string& path);
    ~SafetensorsFile();
    SafetensorsFile(const SafetensorsFile&) = delete;
    SafetensorsFile& operator=(const SafetensorsFile&) = delete;

    const std::string& path() const { return m_path; }
    const std::vector<TensorInfo>& tensors() const { return m_header.tensors; }
    const std::map<std::string, std::string>& metadata() const { return m_header.metadata; }
    const TensorInfo* find(const std::string& name) const;
    // The tensor's bytes in the mapping (valid while this object lives).
    const uint8_t* data(const TensorInfo& tensor) const;

private:
    SafetensorsFile() = default;

    std::string m_path;
    SafetensorsHeader m_header;
    std::map<std::string, size_t> m_byName;
    const uint8_t* m_mapping = nullptr;
    size_t m_size = 0;
};

// Tensors spread over one file or several shards: accepts a .safetensors file, a *.safetensors.index.json
// ({"weight_map": {name: shard file}}), or a folder: diffusers' diffusion_pytorch_model.safetensors(.index.json)
// if present, else its only index or only .safetensors file.
class SafetensorsCollection {
public:
    static SafetensorsCollection open(const std::string& path);

    struct Entry {
        std::shared_ptr<const SafetensorsFile> file;
        const TensorInfo* info = nullptr;
    };
    const Entry* find(const std::string& name) const;
    std::vector<std::string> names() const;
    const std::string& source() const { return m_source; }
    size_t size() const { return m_entries.size(); }
    // Metadata of the first file (single-file checkpoints keep their config here).
    std::map<std::string, std::string> metadata() const;

private:
    std::string m_source;
    std::vector<std::shared_ptr<const SafetensorsFile>> m_files;
    std::map<std::string, Entry> m_entries;
};

// Collects tensors and writes them in one go, atomically: temporary file, fsync, rename. Tensors are stored
// in name order, each 8-byte aligned, as Hugging Face's writer does.
class SafetensorsWriter {
public:
    // Copies the bytes (size must equal numel * dtype size).
    void add(const std::string& name, DType dtype, std::vector<int64_t> shape, const void* data, size_t bytes);
    void setMetadata(const std::string& key, const std::string& value);
    void write(const std::string& path) const;
    size_t size() const { return m_tensors.size(); }

private:
    struct Pending {
        DType dtype;
        std::vector<int64_t> shape;
        std::vector<uint8_t> bytes;
    };
    std::map<std::string, Pending> m_tensors;
    std::map<std::string, std::string> m_metadata;
};

} // namespace svj::model
