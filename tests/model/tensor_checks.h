// Tensor comparison for the model tests: the largest relative error, and a QVERIFY-ready message.
#pragma once

#include <QString>

#include <torch/torch.h>

namespace svj::test {

// max |a - b| / (max |b| + tiny): relative to the reference's scale, so near-zero entries do not explode.
inline double relativeError(const torch::Tensor& actual, const torch::Tensor& expected) {
    const torch::Tensor a = actual.detach().to(torch::kCPU, torch::kFloat64);
    const torch::Tensor b = expected.detach().to(torch::kCPU, torch::kFloat64);
    const double scale = b.abs().max().item<double>() + 1e-12;
    return (a - b).abs().max().item<double>() / scale;
}

inline QString describeClose(const char* what, const torch::Tensor& actual, const torch::Tensor& expected,
                             double tolerance) {
    if (actual.sizes() != expected.sizes()) {
        std::ostringstream shapes;
        shapes << actual.sizes() << " vs " << expected.sizes();
        return QStringLiteral("%1: shapes differ %2").arg(QLatin1String(what), QString::fromStdString(shapes.str()));
    }
    const double error = relativeError(actual, expected);
    if (error <= tolerance) {
        if (qEnvironmentVariableIsSet("SVJ_PRINT_ERRORS")) {
            qInfo("%s: relative error %.3g", what, error);
        }
        return {};
    }
    return QStringLiteral("%1: relative error %2 above %3").arg(QLatin1String(what)).arg(error).arg(tolerance);
}

} // namespace svj::test

// Fails the test with the error when `actual` and `expected` differ by more than `tolerance` (relative).
#define SVJ_COMPARE_TENSORS(what, actual, expected, tolerance)                                                         \
    do {                                                                                                               \
        const QString svjMessage = svj::test::describeClose(what, actual, expected, tolerance);                        \
        QVERIFY2(svjMessage.isEmpty(), qPrintable(svjMessage));                                                        \
    } while (false)
