// libFuzzer target: arbitrary bytes as a preference file in every layout the workbench reads (JSONL and CSV,
// GenAI-Bench, VideoGen-RewardBench and VideoAlign, MonetBench, TRL, videofolder, Pick-a-Pic). Each reader
// must return pairs or throw an ImportError naming the file; nothing else (no crash, no other exception).
#include "annotation/import_error.h"
#include "annotation/preference_file.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>
#include <utility>
#include <vector>

using svj::annotation::PreferenceFormat;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static QTemporaryDir dir;
    static const bool made = QDir(dir.path()).mkpath(QStringLiteral("set"));
    if (!dir.isValid() || !made) {
        std::abort();
    }
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const std::vector<std::pair<PreferenceFormat, QString>> inputs{
        {PreferenceFormat::Jsonl, QStringLiteral("input.jsonl")},
        {PreferenceFormat::Csv, QStringLiteral("input.csv")},
        {PreferenceFormat::GenAIBench, QStringLiteral("input.csv")},
        {PreferenceFormat::GenAIBench, QStringLiteral("input.jsonl")},
        {PreferenceFormat::VideoGenRewardBench, QStringLiteral("input.csv")},
        {PreferenceFormat::MonetBench, QStringLiteral("input.csv")},
        {PreferenceFormat::Trl, QStringLiteral("input.jsonl")},
        {PreferenceFormat::PickAPic, QStringLiteral("input.csv")},
        {PreferenceFormat::PickAPic, QStringLiteral("input.jsonl")},
        {PreferenceFormat::VideoFolder, QStringLiteral("set/metadata.jsonl")},
    };
    for (const auto& [format, name] : inputs) {
        const QString path = dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
            std::abort();
        }
        file.close();
        try {
            const svj::annotation::PreferenceFile read = svj::annotation::readPreferenceFile(
                format == PreferenceFormat::VideoFolder ? dir.filePath(QStringLiteral("set")) : path, format);
            for (const svj::annotation::PreferencePair& pair : read.pairs) {
                if (pair.videoA.isEmpty() || pair.videoB.isEmpty()) {
                    std::abort(); // the readers promise never to hand out an empty video path
                }
            }
        } catch (const svj::annotation::ImportError&) {
        }
    }
    return 0;
}
