#include "app/cli/format_option.h"

#include "annotation/preference_formats.h"

namespace svj::cli {
namespace {

// "a, b or c"
std::string formatNames() {
    const auto rows = annotation::preferenceFormats();
    std::string names;
    for (size_t i = 0; i < rows.size(); ++i) {
        names += (i == 0 ? "" : i + 1 == rows.size() ? " or " : ", ") + std::string(rows[i].name);
    }
    return names;
}

} // namespace

OptionSpec formatOption() {
    return {"format", "NAME", formatNames(), "jsonl"};
}

annotation::PreferenceFormat chosenFormat(const CommandLine& commandLine) {
    const std::string name = commandLine.valueOr("format", "jsonl");
    const std::optional<annotation::PreferenceFormat> format =
        annotation::parsePreferenceFormat(QString::fromStdString(name));
    if (!format) {
        throw UsageError("unknown --format '" + name + "' (one of: " + formatNames() + ")");
    }
    return *format;
}

} // namespace svj::cli
