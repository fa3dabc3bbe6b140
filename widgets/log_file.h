// The workbench's log: Qt's messages (warnings, errors, the workbench's own notes) appended to a file the user
// can attach to a report, rotated by size so it never grows without bound. Help → Show Log opens it.
#pragma once

#include <QString>

namespace svj::widgets {

// Sends every Qt message to `path` too (and still to stderr); when the file passes `maxBytes`, it becomes
// `path.1` (the older ones `.2`, `.3`; `keep` files in all). Returns false when the file cannot be written.
bool installLogFile(const QString& path, qint64 maxBytes = qint64(1) << 20, int keep = 3);
// Back to the handler there was before installLogFile (tests).
void uninstallLogFile();
// The file installLogFile writes (empty before).
QString logFilePath();
// Moves `path` to `path.1`, `path.1` to `path.2` ... keeping `keep` old files; what rotation does.
void rotateLogFiles(const QString& path, int keep);

} // namespace svj::widgets
