// The exception annotation/'s readers throw: the message names the file and line, and says what is wrong; and
// the progress callback of the imports.
#pragma once

#include <QString>

#include <functional>
#include <stdexcept>

namespace svj::annotation {

class ImportError : public std::runtime_error {
public:
    ImportError(const QString& path, int line, const QString& what);

    QString path() const { return m_path; }
    int line() const { return m_line; } // 0 when the problem is the whole file
    QString detail() const { return m_detail; }

private:
    QString m_path;
    int m_line;
    QString m_detail;
};

// Told after each row or video an import handled (done of total), for a progress display.
using ImportProgress = std::function<void(int done, int total)>;

} // namespace svj::annotation
