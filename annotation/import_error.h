// The exception annotation/'s readers throw: the message names the file and line, and says what is wrong.
#pragma once

#include <QString>

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

} // namespace svj::annotation
