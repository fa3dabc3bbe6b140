#include "tests/support/checkpoint_files.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>
#include <cmath>
#include <cstring>

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

double maxWeightDifference(const QString& a, const QString& b, const QStringList& skip) {
    Parts first;
    Parts second;
    if (!readParts(a, first) || !readParts(b, second)) {
        return -1;
    }
    double largest = 0;
    int compared = 0;
    for (auto it = first.header.begin(); it != first.header.end(); ++it) {
        if (it.key() == QLatin1String("__metadata__") || skip.contains(it.key())) {
            continue;
        }
        const QJsonObject one = it.value().toObject();
        const QJsonObject other = second.header.value(it.key()).toObject();
        if (one.value(QStringLiteral("dtype")).toString() != QLatin1String("F32") ||
            one.value(QStringLiteral("shape")) != other.value(QStringLiteral("shape"))) {
            return -1;
        }
        const auto span = [](const QJsonObject& entry, const QByteArray& tensors) {
            const QJsonArray offsets = entry.value(QStringLiteral("data_offsets")).toArray();
            const qsizetype begin = offsets.at(0).toInteger();
            return tensors.mid(begin, offsets.at(1).toInteger() - begin);
        };
        const QByteArray x = span(one, first.tensors);
        const QByteArray y = span(other, second.tensors);
        if (x.size() != y.size() || x.size() % 4 != 0) {
            return -1;
        }
        for (qsizetype i = 0; i < x.size(); i += 4) {
            float u = 0;
            float v = 0;
            std::memcpy(&u, x.constData() + i, 4);
            std::memcpy(&v, y.constData() + i, 4);
            largest = std::max(largest, static_cast<double>(std::abs(u - v)));
        }
        ++compared;
    }
    return compared > 0 ? largest : -1;
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
