// A workspace named on svj's command line (`svj db ACTION WORKSPACE`, `--db WORKSPACE`): a URL that carries a
// password is accepted once, its password moved into libpq's password file and the user told where; from there
// on only the password-free location is used, printed and recorded.
#pragma once

#include "app/cli/commands.h"

#include <string>

namespace svj::cli {

// The location without a password (a file path comes back as it is). Throws annotation::WorkspaceError when the
// password file cannot be written.
std::string acceptedLocation(const std::string& given);

// `arguments` with every postgresql:// URL among them password-free: what a sidecar records as the command.
Arguments withoutPasswords(const Arguments& arguments);

} // namespace svj::cli
