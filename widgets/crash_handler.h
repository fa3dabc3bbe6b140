// What happens when the workbench crashes: a report the user can attach (signal, version, what was open, a
// backtrace, where the log is) written from the signal handler, and a notice about it at the next start.
// Labels and checkpoints need nothing from the handler: every vote is committed when it is cast, and SQLite
// rolls back a transaction the crash interrupted when the workspace is next opened (and checked).
#pragma once

#include <QString>

namespace svj::widgets {

// Catches SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGABRT: writes `folder/crash-<time>-<pid>.txt`, then lets the
// signal end the process as it would have. Call once, early, from the GUI entry point (after installLogFile,
// so the report can name the log).
void installCrashHandler(const QString& folder);
// What the report names as open (a workspace, videos); replaces the earlier context. Cheap; call on every open.
void setCrashContext(const QString& context);
// Reports in `folder` newer than `since` (seconds since the epoch), newest first.
QStringList crashReportsSince(const QString& folder, qint64 since);

} // namespace svj::widgets
