// Reading and tampering with checkpoint files from tests: the tensor bytes, the sidecar beside a
// checkpoint, and the sidecar copy inside its safetensors header (the one a load believes).
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace svj::test {

// The tensor bytes of a safetensors file (everything after the header; the header holds the sidecar).
QByteArray tensorBytes(const QString& path);
// The largest absolute difference between two checkpoints' float32 weights, tensor by tensor; -1 when they
// cannot be read or do not hold the same tensors.
// Tensors named in `skip` are left out.
double maxWeightDifference(const QString& a, const QString& b, const QStringList& skip = {});

// A checkpoint's sidecar (CKPT.json), empty when it cannot be read.
QJsonObject sidecar(const QString& checkpoint);
// The sidecar inside a checkpoint's safetensors header, empty when there is none.
QJsonObject embeddedSidecar(const QString& checkpoint);
// Replaces the sidecar inside a checkpoint's safetensors header, the tensors untouched; false when the
// file is not a safetensors file.
bool writeEmbeddedSidecar(const QString& checkpoint, const QJsonObject& sidecar);

} // namespace svj::test
