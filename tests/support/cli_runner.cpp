#include "tests/support/cli_runner.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>

#include <csignal>

namespace svj::test {

QStringList tinyJudgeFlags() {
    return {QStringLiteral("--size"),   QStringLiteral("32"), QStringLiteral("--frames"), QStringLiteral("9"),
            QStringLiteral("--layers"), QStringLiteral("1"),  QStringLiteral("--hidden"), QStringLiteral("16"),
            QStringLiteral("--region"), QStringLiteral("64")};
}

QString cliPath() {
    return qEnvironmentVariable("SVJ_CLI");
}

namespace {

CliResult finish(QProcess& process, int timeoutMs) {
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

} // namespace

CliResult runCli(const QStringList& arguments, int timeoutMs) {
    QProcess process;
    process.start(cliPath(), arguments);
    return finish(process, timeoutMs);
}

CliResult runCliWithEnvironment(const QStringList& arguments, const QStringList& environment, int timeoutMs) {
    QProcess process;
    QProcessEnvironment variables = QProcessEnvironment::systemEnvironment();
    for (const QString& setting : environment) {
        const qsizetype equals = setting.indexOf(QLatin1Char('='));
        variables.insert(setting.left(equals), setting.mid(equals + 1));
    }
    process.setProcessEnvironment(variables);
    process.start(cliPath(), arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    CliResult result;
    // A process that killed itself (a test hook) reports -1 with whatever it printed.
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

CliResult runCliLimited(const QStringList& arguments, int addressSpaceMb, int timeoutMs) {
    QProcess process;
    if (kAddressSanitizer) {
        // AddressSanitizer reserves terabytes of address space for its shadow, so an address-space limit stops
        // it before main(); its own allocator limit bounds the memory instead (an allocation past it fails
        // as it would under the limit).
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        const QString asan = environment.value(QStringLiteral("ASAN_OPTIONS"));
        environment.insert(QStringLiteral("ASAN_OPTIONS"),
                           (asan.isEmpty() ? QString() : asan + QLatin1Char(':')) +
                               QStringLiteral("allocator_may_return_null=1:malloc_limit_mb=%1").arg(addressSpaceMb));
        process.setProcessEnvironment(environment);
        process.start(cliPath(), arguments);
        return finish(process, timeoutMs);
    }
    // `exec` replaces the shell, so a kill on time-out reaches svj itself.
    QStringList shell{QStringLiteral("-c"),
                      QStringLiteral("ulimit -v %1 && exec \"$0\" \"$@\"").arg(qint64(addressSpaceMb) * 1024),
                      cliPath()};
    shell << arguments;
    process.start(QStringLiteral("/bin/sh"), shell);
    return finish(process, timeoutMs);
}

CliResult runCliInterrupted(const QStringList& arguments, const QByteArray& trigger, bool& signalled, int timeoutMs) {
    QProcess process;
    process.start(cliPath(), arguments);
    signalled = false;
    CliResult result;
    if (!process.waitForStarted()) {
        return result;
    }
    QByteArray output;
    while (process.state() == QProcess::Running && process.waitForReadyRead(timeoutMs)) {
        output += process.readAllStandardOutput();
        if (!signalled && output.contains(trigger)) {
            ::kill(static_cast<pid_t>(process.processId()), SIGINT);
            signalled = true;
        }
    }
    if (process.state() != QProcess::NotRunning && !process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    output += process.readAllStandardOutput();
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(output);
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace svj::test
