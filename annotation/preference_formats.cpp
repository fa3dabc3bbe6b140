#include "annotation/preference_formats.h"

#include <initializer_list>
#include <stdexcept>
#include <vector>

namespace svj::annotation {
namespace {

std::vector<PreferenceFormatRow> makeRows() {
    const auto columns = [](std::initializer_list<const char*> names) {
        QStringList list;
        for (const char* name : names) {
            list << QString::fromLatin1(name);
        }
        return list;
    };
    // Our own JSONL and CSV: every verdict (both-bad too), every aspect, the generators.
    const QStringList ours = columns({"video_a", "video_b", "model_a", "model_b", "prompt", "label"});
    const QStringList genai =
        columns({"prompt", "left_model", "left_video", "right_model", "right_video", "vote_type"});
    const QStringList rewardBench =
        columns({"path_A", "path_B", "A_model", "B_model", "prompt", "VQ", "MQ", "TA", "Overall"});
    const QStringList monet = columns({"video1_path", "video2_path", "prompt", "standard_answer"});
    using enum PreferenceFormat;
    constexpr PreferenceLayout kRows = PreferenceLayout::Rows;
    constexpr PreferenceLayout kSet = PreferenceLayout::TrainingSet;
    // format, name, extension, layout, keepsBothBad, keepsAspects, keepsModels, tiesApart, columns
    return {
        {GenAIBench, "genai-bench", "jsonl", kRows, true, false, true, false, genai},
        {VideoGenRewardBench, "videogen-rewardbench", "csv", kRows, false, true, true, false, rewardBench},
        {MonetBench, "monetbench", "csv", kRows, false, false, false, false, monet},
        {Jsonl, "jsonl", "jsonl", kRows, true, true, true, false, ours},
        {Csv, "csv", "csv", kRows, true, true, true, false, ours},
        {Trl, "trl", "jsonl", kSet, true, false, false, true, {}},
        {VideoFolder, "videofolder", "", kSet, true, false, false, true, {}},
        {PickAPic, "pick-a-pic", "jsonl", kSet, false, false, true, false, {}},
    };
}

const std::vector<PreferenceFormatRow>& rows() {
    static const std::vector<PreferenceFormatRow> table = makeRows();
    return table;
}

} // namespace

std::span<const PreferenceFormatRow> preferenceFormats() {
    return rows();
}

const PreferenceFormatRow& preferenceFormatRow(PreferenceFormat format) {
    for (const PreferenceFormatRow& row : rows()) {
        if (row.format == format) {
            return row;
        }
    }
    throw std::logic_error("a preference format without its row in preference_formats.cpp");
}

} // namespace svj::annotation
