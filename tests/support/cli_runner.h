// Running the `svj` executable from tests, as a user runs it.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace svj::test {

struct CliResult {
    int exitCode = -1; // -1: it crashed or did not finish in time
    QString out;
    QString err;
};

// The flags of the tiny judge the training tests train in seconds: one narrow block on 32-pixel tiles of 9 frames,
// cut from 64-pixel regions.
QStringList tinyJudgeFlags();

// $SVJ_CLI (CTest sets it).
QString cliPath();
CliResult runCli(const QStringList& arguments, int timeoutMs = 120000);
// The same with `environment` ("NAME=value" each) added to this process's.
CliResult runCliWithEnvironment(const QStringList& arguments, const QStringList& environment, int timeoutMs = 120000);
// The same under an address-space limit (`ulimit -v`), so a file that makes svj allocate without bound
// ends in a failed allocation instead of eating the machine.
CliResult runCliLimited(const QStringList& arguments, int addressSpaceMb, int timeoutMs = 120000);
// Runs `svj` and sends it SIGINT as soon as its stdout contains `trigger`; `signalled` says whether it did.
CliResult runCliInterrupted(const QStringList& arguments, const QByteArray& trigger, bool& signalled,
                            int timeoutMs = 120000);

} // namespace svj::test
