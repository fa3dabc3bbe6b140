#include "app/cli/workspace_location.h"

#include "annotation/server_credentials.h"

#include <QString>

namespace svj::cli {

std::string acceptedLocation(const std::string& given) {
    const annotation::SplitLocation split = annotation::splitPassword(QString::fromStdString(given));
    if (split.password.isEmpty()) {
        return split.location.toStdString();
    }
    const QString file = annotation::storePassword(split.location, split.password);
    printNote("the password is now in " + file.toStdString() +
              " (mode 0600), where svj and every libpq program find it; name the workspace " +
              split.location.toStdString() + " from now on (a password in a URL shows in ps and shell history)");
    return split.location.toStdString();
}

Arguments withoutPasswords(const Arguments& arguments) {
    Arguments cleaned;
    cleaned.reserve(arguments.size());
    for (const std::string& argument : arguments) {
        cleaned.push_back(annotation::withoutPassword(QString::fromStdString(argument)).toStdString());
    }
    return cleaned;
}

} // namespace svj::cli
