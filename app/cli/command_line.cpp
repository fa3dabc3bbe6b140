#include "app/cli/command_line.h"

#include <sstream>

namespace svj::cli {

CommandLine::CommandLine(std::string command, std::vector<OptionSpec> options)
    : m_command(std::move(command))
    , m_options(std::move(options)) {}

const OptionSpec* CommandLine::find(const std::string& name) const {
    for (const OptionSpec& option : m_options) {
        if (option.name == name) {
            return &option;
        }
    }
    return nullptr;
}

void CommandLine::parse(const std::vector<std::string>& arguments) {
    bool onlyPositional = false;
    for (size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        if (onlyPositional || argument.size() < 2 || argument[0] != '-') {
            m_positional.push_back(argument);
            continue;
        }
        if (argument == "--") {
            onlyPositional = true;
            continue;
        }
        if (argument == "-h" || argument == "--help") {
            m_help = true;
            continue;
        }
        if (argument.rfind("--", 0) != 0) {
            throw UsageError("unknown option '" + argument + "' for '" + m_command + "'");
        }
        std::string name = argument.substr(2);
        std::optional<std::string> inlineValue;
        if (const size_t equals = name.find('='); equals != std::string::npos) {
            inlineValue = name.substr(equals + 1);
            name = name.substr(0, equals);
        }
        const OptionSpec* option = find(name);
        if (!option) {
            throw UsageError("unknown option '--" + name + "' for '" + m_command + "'");
        }
        if (option->valueName.empty()) {
            if (inlineValue) {
                throw UsageError("option '--" + name + "' takes no value");
            }
            m_values[name] = "1";
            continue;
        }
        if (inlineValue) {
            m_values[name] = *inlineValue;
        } else if (i + 1 < arguments.size()) {
            m_values[name] = arguments[++i];
        } else {
            throw UsageError("option '--" + name + "' needs a value (" + option->valueName + ")");
        }
    }
}

bool CommandLine::flag(const std::string& name) const {
    return m_values.count(name) != 0;
}

std::optional<std::string> CommandLine::value(const std::string& name) const {
    if (const auto it = m_values.find(name); it != m_values.end()) {
        return it->second;
    }
    if (const OptionSpec* option = find(name); option && !option->defaultValue.empty()) {
        return option->defaultValue;
    }
    return std::nullopt;
}

std::string CommandLine::valueOr(const std::string& name, const std::string& fallback) const {
    return value(name).value_or(fallback);
}

int CommandLine::intValue(const std::string& name, int fallback) const {
    const std::optional<std::string> text = value(name);
    if (!text) {
        return fallback;
    }
    try {
        size_t used = 0;
        const int result = std::stoi(*text, &used);
        if (used == text->size()) {
            return result;
        }
    } catch (const std::exception&) {
    }
    throw UsageError("option '--" + name + "' expects a whole number, got '" + *text + "'");
}

double CommandLine::doubleValue(const std::string& name, double fallback) const {
    const std::optional<std::string> text = value(name);
    if (!text) {
        return fallback;
    }
    try {
        size_t used = 0;
        const double result = std::stod(*text, &used);
        if (used == text->size()) {
            return result;
        }
    } catch (const std::exception&) {
    }
    throw UsageError("option '--" + name + "' expects a number, got '" + *text + "'");
}

std::string CommandLine::optionsHelp() const {
    std::ostringstream out;
    out << "Options:\n";
    for (const OptionSpec& option : m_options) {
        std::string left = "  --" + option.name + (option.valueName.empty() ? "" : " " + option.valueName);
        if (left.size() < 26) {
            left.resize(26, ' ');
        } else {
            left += "  ";
        }
        out << left << option.help;
        if (!option.defaultValue.empty()) {
            out << " (default " << option.defaultValue << ")";
        }
        out << "\n";
    }
    out << "  -h, --help                show this help\n";
    return out.str();
}

std::vector<std::string> splitCommaList(const std::string& text) {
    std::vector<std::string> items;
    std::string item;
    std::istringstream stream(text);
    while (std::getline(stream, item, ',')) {
        if (!item.empty()) {
            items.push_back(item);
        }
    }
    return items;
}

} // namespace svj::cli
