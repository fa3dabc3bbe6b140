#include "widgets/progress_reader.h"

#include <string_view>

namespace svj::widgets {

QList<ReadLine> ProgressReader::feed(const QByteArray& bytes) {
    m_pending += bytes;
    QList<ReadLine> lines;
    qsizetype start = 0;
    qsizetype end = 0;
    while ((end = m_pending.indexOf('\n', start)) >= 0) {
        const QByteArray line = m_pending.mid(start, end - start).trimmed();
        start = end + 1;
        if (line.isEmpty()) {
            continue;
        }
        ReadLine read;
        try {
            read.progress = protocol::parseProgressLine(std::string_view(line.constData(), size_t(line.size())));
            if (!read.progress) {
                read.other = line;
            }
        } catch (const protocol::ProtocolError& error) {
            read.error = QString::fromUtf8(error.what());
        }
        lines.append(std::move(read));
    }
    m_pending.remove(0, start);
    return lines;
}

QByteArray ProgressReader::takeRest() {
    QByteArray rest = m_pending.trimmed();
    m_pending.clear();
    return rest;
}

} // namespace svj::widgets
