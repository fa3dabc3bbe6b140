// Passwords of PostgreSQL workspaces, kept the way PostgreSQL users keep them: in libpq's password file
// (~/.pgpass or $PGPASSFILE), a service file, or in this process's memory when typed into a dialog. Never in a
// location we store, log, show, write into a file of ours or put on a child's command line.
#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace svj::annotation {

struct SplitLocation {
    QString location; // without any password (the user-info one or a ?password= option)
    QString password; // "" when the location carried none
};
// Takes the password out of a postgresql:// URL; anything else comes back as it is.
SplitLocation splitPassword(const QString& location);
// `location` without a password: what every message, setting, sidecar and log holds.
QString withoutPassword(const QString& location);

// This process's passwords by password-free location (typed into a dialog, or taken from a URL): memory only.
void rememberPassword(const QString& location, const QString& password);
QString rememberedPassword(const QString& location);

// The environment for a child process that opens `location`: this process's, plus PGPASSWORD where this process
// holds the location's password in memory (an environment is readable by its owner only; a command line by all).
QProcessEnvironment childEnvironment(const QString& location);

// libpq's password file: $PGPASSFILE, else ~/.pgpass.
QString passwordFilePath();
// Writes `password` for `location`'s host, port, database and user into the password file (created with mode
// 0600; a line for the same four replaced, every other line kept; written whole and renamed into place), and
// returns the file's path. Throws WorkspaceError naming the file.
QString storePassword(const QString& location, const QString& password);

} // namespace svj::annotation
