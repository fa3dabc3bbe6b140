#include "annotation/export_check.h"

#include "annotation/label_store.h"
#include "annotation/preference_formats.h"

#include <QHash>

#include <algorithm>

namespace svj::annotation {
namespace {

bool carriesBothBad(PreferenceFormat format) {
    return preferenceFormatRow(format).keepsBothBad;
}

bool carriesAspects(PreferenceFormat format) {
    return preferenceFormatRow(format).keepsAspects;
}

// One preference as text, by content: "x>y" for a decisive verdict, "x=y tie" otherwise, with aspects.
QStringList relations(const PreferenceFile& file, PreferenceFormat format, QHash<QString, QString>& hashes) {
    const auto hashOf = [&](const QString& path) {
        auto it = hashes.constFind(path);
        if (it == hashes.constEnd()) {
            it = hashes.insert(path, LabelStore::contentHash(path));
        }
        return *it;
    };
    QStringList out;
    for (const PreferencePair& pair : file.pairs) {
        const QString a = hashOf(pair.videoA).left(16);
        const QString b = hashOf(pair.videoB).left(16);
        Verdict verdict = pair.verdict;
        if (!carriesBothBad(format) && verdict == Verdict::BothBad) {
            verdict = Verdict::Tie;
        }
        QString relation = verdict == Verdict::A   ? a + QLatin1Char('>') + b
                           : verdict == Verdict::B ? b + QLatin1Char('>') + a
                                                   : std::min(a, b) + QLatin1Char('=') + std::max(a, b) +
                                                         QLatin1Char(' ') + verdictName(verdict);
        if (carriesAspects(format)) {
            for (auto it = pair.aspects.begin(); it != pair.aspects.end(); ++it) {
                relation += QStringLiteral(" %1:%2").arg(it.key(), verdictName(it.value()));
            }
        }
        out << relation;
    }
    out.sort();
    return out;
}

} // namespace

ExportCheck checkExport(const PreferenceFile& exported, const QString& path, PreferenceFormat format) {
    const PreferenceFile back = readPreferenceFile(path, format);
    ExportCheck check;
    check.written = static_cast<int>(exported.pairs.size());
    check.readBack = static_cast<int>(back.pairs.size());
    QHash<QString, QString> hashes;
    const QStringList expected = relations(exported, format, hashes);
    const QStringList found = relations(back, format, hashes);
    // Both sorted: walk them together and name what one has and the other not.
    qsizetype i = 0;
    qsizetype j = 0;
    while ((i < expected.size() || j < found.size()) && check.differences.size() < 5) {
        if (j >= found.size() || (i < expected.size() && expected[i] < found[j])) {
            check.differences << QStringLiteral("missing from the file: %1").arg(expected[i++]);
        } else if (i >= expected.size() || found[j] < expected[i]) {
            check.differences << QStringLiteral("not in the workspace: %1").arg(found[j++]);
        } else {
            ++i;
            ++j;
        }
    }
    return check;
}

} // namespace svj::annotation
