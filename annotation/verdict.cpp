#include "annotation/verdict.h"

namespace svj::annotation {

QString verdictName(Verdict verdict) {
    switch (verdict) {
    case Verdict::A:
        return QStringLiteral("A");
    case Verdict::B:
        return QStringLiteral("B");
    case Verdict::Tie:
        return QStringLiteral("tie");
    case Verdict::BothBad:
        return QStringLiteral("both-bad");
    }
    return QStringLiteral("?");
}

std::optional<Verdict> parseVerdict(const QString& text) {
    const QString value = text.trimmed().toLower();
    if (value == QLatin1String("a") || value == QLatin1String("leftvote") || value == QLatin1String("left") ||
        value == QLatin1String("video1") || value == QLatin1String("1")) {
        return Verdict::A;
    }
    if (value == QLatin1String("b") || value == QLatin1String("rightvote") || value == QLatin1String("right") ||
        value == QLatin1String("video2") || value == QLatin1String("2") || value == QLatin1String("-1")) {
        return Verdict::B;
    }
    if (value == QLatin1String("tie") || value == QLatin1String("tievote") || value == QLatin1String("same") ||
        value == QLatin1String("equal") || value == QLatin1String("0")) {
        return Verdict::Tie;
    }
    if (value == QLatin1String("both-bad") || value == QLatin1String("bothbad_vote") ||
        value == QLatin1String("bothbad") || value == QLatin1String("both_bad")) {
        return Verdict::BothBad;
    }
    return std::nullopt;
}

int preferenceSign(Verdict verdict) {
    switch (verdict) {
    case Verdict::A:
        return 1;
    case Verdict::B:
        return -1;
    case Verdict::Tie:
    case Verdict::BothBad:
        return 0;
    }
    return 0;
}

} // namespace svj::annotation
