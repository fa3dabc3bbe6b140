// A small argument parser for `svj` subcommands (std only: the CLI also builds without Qt).
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace svj::cli {

// Thrown for a wrong command line; the CLI prints it with a hint and exits 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct OptionSpec {
    OptionSpec(std::string name, std::string valueName, std::string help, std::string defaultValue = {})
        : name(std::move(name))
        , valueName(std::move(valueName))
        , help(std::move(help))
        , defaultValue(std::move(defaultValue)) {}

    std::string name;      // long name without dashes: "json"
    std::string valueName; // empty for a flag, else shown in help: "FILE"
    std::string help;
    std::string defaultValue;
};

// "a,b,,c" -> {"a", "b", "c"}: the values of a comma-separated option.
std::vector<std::string> splitCommaList(const std::string& text);

class CommandLine {
public:
    CommandLine(std::string command, std::vector<OptionSpec> options);

    // Parses argv after the subcommand name. Throws UsageError on an unknown option or a missing value.
    void parse(const std::vector<std::string>& arguments);

    bool flag(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;
    std::string valueOr(const std::string& name, const std::string& fallback) const;
    int intValue(const std::string& name, int fallback) const;
    double doubleValue(const std::string& name, double fallback) const;
    const std::vector<std::string>& positional() const { return m_positional; }
    bool helpRequested() const { return m_help; }

    // "Options:" block for the command's --help.
    std::string optionsHelp() const;

private:
    const OptionSpec* find(const std::string& name) const;

    std::string m_command;
    std::vector<OptionSpec> m_options;
    std::map<std::string, std::string> m_values;
    std::vector<std::string> m_positional;
    bool m_help = false;
};

} // namespace svj::cli
