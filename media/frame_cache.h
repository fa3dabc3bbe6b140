// A byte-budgeted LRU of decoded frames, so stepping back over recently shown frames costs no decode.
#pragma once

#include "media/video_frame.h"

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <unordered_map>

namespace svj::media {

// Thread-safe: decoder threads insert while the GUI thread looks up. Frames are shared, immutable
// pointers, so an evicted frame stays valid for whoever still holds it.
class FrameCache {
public:
    struct Stats {
        uint64_t hits = 0;
        uint64_t misses = 0;
        uint64_t evictions = 0;
    };

    explicit FrameCache(size_t budgetBytes);

    // `source` tells videos apart (one cache can serve several panes).
    VideoFramePtr find(uint64_t source, int64_t index);
    bool contains(uint64_t source, int64_t index) const;
    // Inserts (or refreshes) a frame; evicts the least recently used frames beyond the budget. A frame
    // larger than the whole budget is not kept.
    void insert(uint64_t source, VideoFramePtr frame);
    void removeSource(uint64_t source);
    void clear();

    void setBudget(size_t budgetBytes);
    size_t budget() const;
    size_t bytesUsed() const;
    size_t frameCount() const;
    Stats stats() const;

private:
    struct Key {
        uint64_t source;
        int64_t index;
        bool operator==(const Key& other) const { return source == other.source && index == other.index; }
    };
    struct KeyHash {
        size_t operator()(const Key& key) const noexcept;
    };
    struct Entry {
        Key key;
        VideoFramePtr frame;
        size_t bytes;
    };
    using List = std::list<Entry>;

    void evictLocked();

    mutable std::mutex m_mutex;
    size_t m_budget;
    size_t m_used = 0;
    List m_lru; // most recently used first
    std::unordered_map<Key, List::iterator, KeyHash> m_map;
    Stats m_stats;
};

} // namespace svj::media
