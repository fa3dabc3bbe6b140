#include "tests/cli/cli_runner.h"

#include <QProcess>

namespace svj::test {

QString cliPath() {
    return qEnvironmentVariable("SVJ_CLI");
}

CliResult runCli(const QStringList& arguments, int timeoutMs) {
    QProcess process;
    process.start(cliPath(), arguments);
    CliResult result;
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace svj::test
