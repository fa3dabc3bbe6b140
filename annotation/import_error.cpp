#include "annotation/import_error.h"

namespace svj::annotation {

namespace {
std::string compose(const QString& path, int line, const QString& what) {
    const QString where = line > 0 ? QStringLiteral("%1:%2").arg(path).arg(line) : path;
    return (where + QStringLiteral(": ") + what).toStdString();
}
} // namespace

ImportError::ImportError(const QString& path, int line, const QString& what)
    : std::runtime_error(compose(path, line, what))
    , m_path(path)
    , m_line(line)
    , m_detail(what) {}

} // namespace svj::annotation
