// Reads a child `svj`'s stdout (or a run's log) as it arrives: whole lines only, the progress protocol's lines
// typed (protocol/progress_line.h), every other line (a command's result, a report) handed on as it is.
#pragma once

#include "protocol/progress_line.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace svj::widgets {

struct ReadLine {
    std::optional<protocol::ProgressLine> progress; // a progress line
    QString error;                                  // a progress line that breaks the protocol: what is wrong
    QByteArray other;                               // any other line, trimmed (never empty)
};

class ProgressReader {
public:
    // The complete lines in what has arrived so far, in order; an unfinished last line waits for the rest.
    QList<ReadLine> feed(const QByteArray& bytes);
    // The unfinished last line, taken out (for when the child has ended).
    QByteArray takeRest();
    void clear() { m_pending.clear(); }

private:
    QByteArray m_pending;
};

} // namespace svj::widgets
