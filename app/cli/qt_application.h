// Qt's SQL drivers are plugins, and loading a plugin needs an application object: commands that open a
// workspace make sure there is one for as long as they run.
#pragma once

#include <QCoreApplication>

#include <memory>

namespace svj::cli {

// A QCoreApplication when there is none yet (keep the result alive while Qt is used), else null.
std::unique_ptr<QCoreApplication> ensureQtApplication();

} // namespace svj::cli
