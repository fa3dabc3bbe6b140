// Running the `svj` executable from tests, as a user runs it.
#pragma once

#include <QString>
#include <QStringList>

namespace svj::test {

struct CliResult {
    int exitCode = -1; // -1: it crashed or did not finish in time
    QString out;
    QString err;
};

// $SVJ_CLI (CTest sets it).
QString cliPath();
CliResult runCli(const QStringList& arguments, int timeoutMs = 120000);

} // namespace svj::test
