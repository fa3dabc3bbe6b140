#include "annotation/preference_formats.h"

#include <stdexcept>
#include <vector>

namespace svj::annotation {
namespace {

const std::vector<PreferenceFormatRow>& rows() {
    static const std::vector<PreferenceFormatRow> table = {
        {PreferenceFormat::GenAIBench,
         "genai-bench",
         "jsonl",
         PreferenceLayout::Rows,
         true,
         false,
         true,
         false,
         {QStringLiteral("prompt"), QStringLiteral("left_model"), QStringLiteral("left_video"),
          QStringLiteral("right_model"), QStringLiteral("right_video"), QStringLiteral("vote_type")}},
        {PreferenceFormat::VideoGenRewardBench,
         "videogen-rewardbench",
         "csv",
         PreferenceLayout::Rows,
         false,
         true,
         true,
         false,
         {QStringLiteral("path_A"), QStringLiteral("path_B"), QStringLiteral("A_model"), QStringLiteral("B_model"),
          QStringLiteral("prompt"), QStringLiteral("VQ"), QStringLiteral("MQ"), QStringLiteral("TA"),
          QStringLiteral("Overall")}},
        {PreferenceFormat::MonetBench,
         "monetbench",
         "csv",
         PreferenceLayout::Rows,
         false,
         false,
         false,
         false,
         {QStringLiteral("video1_path"), QStringLiteral("video2_path"), QStringLiteral("prompt"),
          QStringLiteral("standard_answer")}},
        {PreferenceFormat::Jsonl,
         "jsonl",
         "jsonl",
         PreferenceLayout::Rows,
         true,
         true,
         true,
         false,
         {QStringLiteral("video_a"), QStringLiteral("video_b"), QStringLiteral("model_a"), QStringLiteral("model_b"),
          QStringLiteral("prompt"), QStringLiteral("label")}},
        {PreferenceFormat::Csv,
         "csv",
         "csv",
         PreferenceLayout::Rows,
         true,
         true,
         true,
         false,
         {QStringLiteral("video_a"), QStringLiteral("video_b"), QStringLiteral("model_a"), QStringLiteral("model_b"),
          QStringLiteral("prompt"), QStringLiteral("label")}},
        {PreferenceFormat::Trl, "trl", "jsonl", PreferenceLayout::TrainingSet, true, false, false, true, {}},
        {PreferenceFormat::VideoFolder, "videofolder", "", PreferenceLayout::TrainingSet, true, false, false, true, {}},
        {PreferenceFormat::PickAPic,
         "pick-a-pic",
         "jsonl",
         PreferenceLayout::TrainingSet,
         false,
         false,
         true,
         false,
         {}},
    };
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
