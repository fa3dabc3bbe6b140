#include "media/frame_cache.h"

namespace svj::media {

size_t FrameCache::KeyHash::operator()(const Key& key) const noexcept {
    const uint64_t mixed = key.source * 0x9E3779B97F4A7C15ull ^ static_cast<uint64_t>(key.index);
    return std::hash<uint64_t>{}(mixed);
}

FrameCache::FrameCache(size_t budgetBytes)
    : m_budget(budgetBytes) {}

VideoFramePtr FrameCache::find(uint64_t source, int64_t index) {
    std::lock_guard lock(m_mutex);
    const auto it = m_map.find({source, index});
    if (it == m_map.end()) {
        ++m_stats.misses;
        return nullptr;
    }
    ++m_stats.hits;
    m_lru.splice(m_lru.begin(), m_lru, it->second);
    return it->second->frame;
}

bool FrameCache::contains(uint64_t source, int64_t index) const {
    std::lock_guard lock(m_mutex);
    return m_map.count({source, index}) != 0;
}

void FrameCache::insert(uint64_t source, VideoFramePtr frame) {
    if (!frame) {
        return;
    }
    // Pixels plus the bookkeeping around them.
    const size_t bytes = frame->pixels.capacity() + sizeof(VideoFrame) + sizeof(Entry);
    std::lock_guard lock(m_mutex);
    const Key key{source, frame->index};
    if (const auto it = m_map.find(key); it != m_map.end()) {
        m_used -= it->second->bytes;
        m_lru.erase(it->second);
        m_map.erase(it);
    }
    if (bytes > m_budget) {
        return;
    }
    m_lru.push_front({key, std::move(frame), bytes});
    m_map.emplace(key, m_lru.begin());
    m_used += bytes;
    evictLocked();
}

void FrameCache::evictLocked() {
    while (m_used > m_budget && !m_lru.empty()) {
        const Entry& victim = m_lru.back();
        m_used -= victim.bytes;
        m_map.erase(victim.key);
        m_lru.pop_back();
        ++m_stats.evictions;
    }
}

void FrameCache::removeSource(uint64_t source) {
    std::lock_guard lock(m_mutex);
    for (auto it = m_lru.begin(); it != m_lru.end();) {
        if (it->key.source == source) {
            m_used -= it->bytes;
            m_map.erase(it->key);
            it = m_lru.erase(it);
        } else {
            ++it;
        }
    }
}

void FrameCache::clear() {
    std::lock_guard lock(m_mutex);
    m_lru.clear();
    m_map.clear();
    m_used = 0;
}

void FrameCache::setBudget(size_t budgetBytes) {
    std::lock_guard lock(m_mutex);
    m_budget = budgetBytes;
    evictLocked();
}

size_t FrameCache::budget() const {
    std::lock_guard lock(m_mutex);
    return m_budget;
}

size_t FrameCache::bytesUsed() const {
    std::lock_guard lock(m_mutex);
    return m_used;
}

size_t FrameCache::frameCount() const {
    std::lock_guard lock(m_mutex);
    return m_map.size();
}

FrameCache::Stats FrameCache::stats() const {
    std::lock_guard lock(m_mutex);
    return m_stats;
}

} // namespace svj::media
