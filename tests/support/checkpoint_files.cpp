#include "tests/support/checkpoint_files.h"

#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

namespace svj::test {
namespace {

constexpr char kSidecarKey[] = "svj_sidecar";

struct Parts {
    QJsonObject header;
    QByteArray tensors;
};

bool readParts(const QString& path, Parts& parts) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QByteArray all = file.readAll();
    if (all.size() < 8) {
        return false;
    }
    quint64 headerSize = 0;
    for (int i = 7; i >= 0; --i) {
        headerSize = (headerSize << 8) | static_cast<unsigned char>(all[i]);
    }
    if (headerSize > static_cast<quint64>(all.size() - 8)) {
        return false;
    }
    const QJsonDocument header = QJsonDocument::fromJson(all.mid(8, static_cast<qsizetype>(headerSize)));
    if (!header.isObject()) {
        return false;
    }
    parts.header = header.object();
    parts.tensors = all.mid(static_cast<qsizetype>(8 + headerSize));
    return true;
}

} // namespace

QByteArray tensorBytes(const QString& path) {
    Parts parts;
    return readParts(path, parts) ? parts.tensors : QByteArray();
}

QJsonObject sidecar(const QString& checkpoint) {
    QFile file(checkpoint + QStringLiteral(".json"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

QJsonObject embeddedSidecar(const QString& checkpoint) {
    Parts parts;
    if (!readParts(checkpoint, parts)) {
        return {};
    }
    const QString text =
        parts.header.value(QStringLiteral("__metadata__")).toObject().value(QLatin1String(kSidecarKey)).toString();
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

bool writeEmbeddedSidecar(const QString& checkpoint, const QJsonObject& sidecar) {
    Parts parts;
    if (!readParts(checkpoint, parts)) {
        return false;
    }
    // Tensor offsets count from the end of the header, so a header of another length moves nothing.
    QJsonObject metadata = parts.header.value(QStringLiteral("__metadata__")).toObject();
    metadata.insert(QLatin1String(kSidecarKey),
                    QString::fromUtf8(QJsonDocument(sidecar).toJson(QJsonDocument::Compact)));
    parts.header.insert(QStringLiteral("__metadata__"), metadata);
    QByteArray header = QJsonDocument(parts.header).toJson(QJsonDocument::Compact);
    while (header.size() % 8 != 0) {
        header.append(' ');
    }
    QByteArray size(8, '\0');
    for (int i = 0; i < 8; ++i) {
        size[i] = static_cast<char>((static_cast<quint64>(header.size()) >> (8 * i)) & 0xff);
    }
    QSaveFile file(checkpoint);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    file.write(size + header + parts.tensors);
    return file.commit();
}

} // namespace svj::test
