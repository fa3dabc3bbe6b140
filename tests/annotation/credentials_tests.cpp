// Server passwords kept the way PostgreSQL users keep them: a password in a URL is taken out of it (the location
// that is stored, shown and passed on never holds it), libpq's password file is written owner-only with a line per
// server, database and user, a child process gets a password through its environment only, TLS is verify-full for a
// server elsewhere. Against a real server (SVJ_TEST_POSTGRES): a role with a SCRAM password connects through each of
// libpq's sources, is asked for a password none has, and reaches the server over TLS with its certificate checked.
#include "annotation/server_credentials.h"
#include "annotation/sql_dialect.h"
#include "annotation/workspace.h"
#include "annotation/workspace_sql.h"
#include "tests/annotation/workspace_location.h"
#include "tests/support/test_registry.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUuid>

using namespace svj::annotation;

namespace {

QString readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// Sets an environment variable for one scope and puts the old value back.
class ScopedEnvironment {
public:
    ScopedEnvironment(const char* name, const QString& value)
        : m_name(name)
        , m_had(qEnvironmentVariableIsSet(name))
        , m_old(qgetenv(name)) {
        if (value.isNull()) {
            qunsetenv(name);
        } else {
            qputenv(name, value.toLocal8Bit());
        }
    }
    ~ScopedEnvironment() {
        if (m_had) {
            qputenv(m_name, m_old);
        } else {
            qunsetenv(m_name);
        }
    }

private:
    const char* m_name;
    bool m_had;
    QByteArray m_old;
};

} // namespace

class ServerCredentialsTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void aPasswordNeverStaysInTheLocation();
    void tlsIsVerifiedForAServerElsewhere();
    void connectionFailuresSayWhatToDo();
    void thePasswordFileIsTheOwnersAndKeepsOtherLines();
    void childrenGetThePasswordInTheirEnvironmentOnly();
    void aRoleConnectsThroughEachSourceAndIsAskedWhenNoneHasIt();
    void tlsWithTheServersCertificateChecked();
    void aServerWithoutTlsIsRefusedSayingSo();

private:
    // A login role with a SCRAM password and a fresh database it owns, on the test server: its password-free URL.
    QString serverRole(const QString& password);
    QTemporaryDir m_dir;
};

void ServerCredentialsTest::init() {
    QVERIFY(m_dir.isValid());
}

void ServerCredentialsTest::aPasswordNeverStaysInTheLocation() {
    const SplitLocation split =
        splitPassword(QStringLiteral("postgresql://ann:s3cr%40t@db.example.org:5433/labels?sslmode=require"));
    QCOMPARE(split.password, QStringLiteral("s3cr@t"));
    QCOMPARE(split.location, QStringLiteral("postgresql://ann@db.example.org:5433/labels?sslmode=require"));
    // libpq takes one as an option too.
    const SplitLocation option = splitPassword(QStringLiteral("postgres://ann@db.example.org/labels?password=hunter2"));
    QCOMPARE(option.password, QStringLiteral("hunter2"));
    QCOMPARE(option.location, QStringLiteral("postgres://ann@db.example.org/labels"));
    const WorkspaceLocation parsed =
        WorkspaceLocation::parse(QStringLiteral("postgresql://ann:hunter2@db.example.org/labels?password=other"));
    QVERIFY(!parsed.text.contains(QLatin1String("hunter2")) && !parsed.text.contains(QLatin1String("other")));
    QVERIFY(!parsed.display.contains(QLatin1String("hunter2")));
    QCOMPARE(parsed.password, QStringLiteral("hunter2"));
    // A file path stays as it is, colons, at-signs and all.
    QCOMPARE(withoutPassword(QStringLiteral("/data/a:b@c.svjw")), QStringLiteral("/data/a:b@c.svjw"));
    // A malformed URL's message holds no password either.
    try {
        WorkspaceLocation::parse(QStringLiteral("postgresql://ann:hunter2@/nohost"));
        QFAIL("a URL without a host was taken");
    } catch (const WorkspaceError& error) {
        QVERIFY2(!QString::fromUtf8(error.what()).contains(QLatin1String("hunter2")), error.what());
    }
}

void ServerCredentialsTest::tlsIsVerifiedForAServerElsewhere() {
    const ScopedEnvironment noMode("PGSSLMODE", QString());
    const auto mode = [](const char* url) { return WorkspaceLocation::parse(QString::fromLatin1(url)).sslMode(); };
    QCOMPARE(mode("postgresql://ann@db.example.org/labels"), QStringLiteral("verify-full"));
    QCOMPARE(mode("postgresql://ann@10.0.0.7:5432/labels"), QStringLiteral("verify-full"));
    QCOMPARE(mode("postgresql://ann@127.0.0.1/labels"), QStringLiteral("prefer"));
    QCOMPARE(mode("postgresql://ann@localhost/labels"), QStringLiteral("prefer"));
    QCOMPARE(mode("postgresql://ann@[::1]/labels"), QStringLiteral("prefer"));
    QCOMPARE(mode("postgresql://ann@localhost/labels?host=/var/run/postgresql"), QStringLiteral("prefer"));
    // libpq's host option is where it connects: a name that looks local does not excuse a remote host.
    QCOMPARE(mode("postgresql://ann@localhost/labels?host=db.example.org"), QStringLiteral("verify-full"));
    QCOMPARE(mode("postgresql://ann@db.example.org/labels?sslmode=verify-ca"), QStringLiteral("verify-ca"));
    // A service of pg_service.conf names the host: its own sslmode applies.
    QCOMPARE(mode("postgresql:///labels?service=team"), QString());
    QCOMPARE(mode("postgresql:///labels?service=team&sslmode=verify-full"), QStringLiteral("verify-full"));
    QVERIFY_THROWS_EXCEPTION(WorkspaceError, WorkspaceLocation::parse(QStringLiteral("postgresql:///labels")));
    const ScopedEnvironment fromEnvironment("PGSSLMODE", QStringLiteral("require"));
    QCOMPARE(mode("postgresql://ann@db.example.org/labels"), QStringLiteral("require"));
}

void ServerCredentialsTest::connectionFailuresSayWhatToDo() {
    const ScopedEnvironment noMode("PGSSLMODE", QString());
    const WorkspaceLocation remote = WorkspaceLocation::parse(QStringLiteral("postgresql://ann@db.example.org/labels"));
    const auto message = [&](const char* why) {
        try {
            throwOpenFailure(remote, QString::fromLatin1(why));
        } catch (const WorkspacePasswordError& error) {
            return QStringLiteral("password: ") + QString::fromUtf8(error.what());
        } catch (const WorkspaceError& error) {
            return QString::fromUtf8(error.what());
        }
        return QString();
    };
    // libpq's own words, as its driver reports them.
    const QString noTls = message("server does not support SSL, but SSL was required\nQPSQL: Unable to connect");
    QVERIFY2(noTls.contains(QLatin1String("offers no TLS")) && noTls.contains(QLatin1String("verify-full")),
             qPrintable(noTls));
    const QString noRoot = message("root certificate file \"/root/.postgresql/root.crt\" does not exist");
    QVERIFY2(noRoot.contains(QLatin1String("sslrootcert=PATH")), qPrintable(noRoot));
    QVERIFY(message("fe_sendauth: no password supplied").startsWith(QLatin1String("password: ")));
    QVERIFY(message("FATAL:  password authentication failed for user \"ann\"").startsWith(QLatin1String("password: ")));
    QVERIFY(message("could not translate host name").contains(QLatin1String("cannot open the database")));
}

void ServerCredentialsTest::thePasswordFileIsTheOwnersAndKeepsOtherLines() {
    const QString path = m_dir.filePath(QStringLiteral("pgpass"));
    const ScopedEnvironment file("PGPASSFILE", path);
    QFile existing(path);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("other.example.org:5432:*:bob:bobs\n");
    existing.close();
    QVERIFY(existing.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
    QCOMPARE(passwordFilePath(), path);
    QCOMPARE(storePassword(QStringLiteral("postgresql://ann@db.example.org/labels"), QStringLiteral("first")), path);
    storePassword(QStringLiteral("postgresql://ann:x@db.example.org:5432/labels"), QStringLiteral("a:b\\c"));
    storePassword(QStringLiteral("postgresql://ann@db.example.org/other"), QStringLiteral("third"));
    const QStringList lines = readAll(path).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines, (QStringList{QStringLiteral("other.example.org:5432:*:bob:bobs"),
                                 QStringLiteral("db.example.org:5432:labels:ann:a\\:b\\\\c"), // replaced, escaped
                                 QStringLiteral("db.example.org:5432:other:ann:third")}));
    QCOMPARE(QFile::permissions(path) &
                 (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther),
             QFileDevice::Permissions()); // libpq ignores a file others can read
}

void ServerCredentialsTest::childrenGetThePasswordInTheirEnvironmentOnly() {
    const QString location = QStringLiteral("postgresql://ann@db.example.org/children");
    QVERIFY(!childEnvironment(location).contains(QStringLiteral("PGPASSWORD")) ||
            qEnvironmentVariableIsSet("PGPASSWORD"));
    rememberPassword(QStringLiteral("postgresql://ann:typed@db.example.org/children"), QStringLiteral("typed"));
    QCOMPARE(rememberedPassword(location), QStringLiteral("typed"));
    QCOMPARE(childEnvironment(location).value(QStringLiteral("PGPASSWORD")), QStringLiteral("typed"));
    QCOMPARE(childEnvironment(QStringLiteral("postgresql://ann@db.example.org/another"))
                 .value(QStringLiteral("PGPASSWORD"), QStringLiteral("none")),
             qEnvironmentVariable("PGPASSWORD", QStringLiteral("none")));
    QCOMPARE(childEnvironment(m_dir.filePath(QStringLiteral("a.svjw")))
                 .value(QStringLiteral("PGPASSWORD"), QStringLiteral("none")),
             qEnvironmentVariable("PGPASSWORD", QStringLiteral("none")));
}

QString ServerCredentialsTest::serverRole(const QString& password) {
    const QString admin = qEnvironmentVariable("SVJ_TEST_POSTGRES");
    static int counter = 0;
    const QString role = QStringLiteral("svj_role_%1_%2").arg(QCoreApplication::applicationPid()).arg(++counter);
    svj::test::runRaw(admin, {QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(role, password),
                              QStringLiteral("CREATE DATABASE %1 OWNER %1").arg(role)});
    QUrl url(admin);
    url.setUserName(role);
    url.setPath(QLatin1Char('/') + role);
    return url.toString();
}

void ServerCredentialsTest::aRoleConnectsThroughEachSourceAndIsAskedWhenNoneHasIt() {
    if (!svj::test::onPostgres()) {
        QSKIP("needs the test server (SVJ_TEST_POSTGRES)");
    }
    const QString password = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString location = serverRole(password);
    const ScopedEnvironment emptyFile("PGPASSFILE", m_dir.filePath(QStringLiteral("empty-pgpass")));
    const ScopedEnvironment noPassword("PGPASSWORD", QString());
    // No source has it: the kind of error the workbench answers with a password dialog.
    QVERIFY_THROWS_EXCEPTION(WorkspacePasswordError, Workspace::create(location));
    // In the URL: taken out, and the workspace opened with it.
    QUrl withPassword(location);
    withPassword.setPassword(password);
    {
        const Workspace created = Workspace::create(withPassword.toString());
        QVERIFY(!created.path().contains(password));
        QCOMPARE(created.path(), location);
    }
    rememberPassword(location, QString()); // forgotten again
    // libpq's password file.
    {
        const ScopedEnvironment file("PGPASSFILE", m_dir.filePath(QStringLiteral("pgpass-of-role")));
        storePassword(location, password);
        const Workspace opened = Workspace::open(location);
        QCOMPARE(WorkspaceSql(opened).scalar(QStringLiteral("SELECT current_user")).toString(),
                 QUrl(location).userName());
    }
    // PGPASSWORD, as a child process gets it.
    {
        const ScopedEnvironment environment("PGPASSWORD", password);
        QCOMPARE(Workspace::open(location).schemaVersion(), Workspace::currentSchemaVersion());
    }
    // Typed into a dialog: this process's memory.
    rememberPassword(location, password);
    QCOMPARE(Workspace::open(location).schemaVersion(), Workspace::currentSchemaVersion());
    // A wrong one is refused as a password error, and says so.
    rememberPassword(location, QStringLiteral("wrong"));
    try {
        Workspace::open(location);
        QFAIL("a wrong password was taken");
    } catch (const WorkspacePasswordError& error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains(QLatin1String("refused")), error.what());
        QVERIFY(!QString::fromUtf8(error.what()).contains(password));
    }
    rememberPassword(location, QString());
}

void ServerCredentialsTest::tlsWithTheServersCertificateChecked() {
    if (!svj::test::onPostgres() || qEnvironmentVariable("SVJ_TEST_POSTGRES_CA").isEmpty()) {
        QSKIP("needs the test server and its CA (SVJ_TEST_POSTGRES, SVJ_TEST_POSTGRES_CA)");
    }
    const QString password = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString location = serverRole(password);
    rememberPassword(location, password);
    const QString ca = qEnvironmentVariable("SVJ_TEST_POSTGRES_CA");
    const auto withOptions = [&](const QString& query) {
        QUrl url(location);
        url.setQuery(query);
        return url.toString();
    };
    {
        const QString verified = withOptions(QStringLiteral("sslmode=verify-full&sslrootcert=") + ca);
        rememberPassword(verified, password);
        const Workspace workspace = Workspace::create(verified);
        QVERIFY(WorkspaceSql(workspace)
                    .scalar(QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
                    .toBool());
    }
    // verify-full without a root certificate to check the server's with: refused, saying what to add.
    const QString unverifiable =
        withOptions(QStringLiteral("sslmode=verify-full&sslrootcert=") + m_dir.filePath(QStringLiteral("none.crt")));
    rememberPassword(unverifiable, password);
    try {
        Workspace::open(unverifiable);
        QFAIL("a server certificate was taken unchecked");
    } catch (const WorkspaceError& error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains(QLatin1String("sslrootcert=PATH")), error.what());
    }
    // Through a service of pg_service.conf: the host, port, user and TLS settings are the service's.
    {
        const QUrl server(location);
        const QString services = m_dir.filePath(QStringLiteral("pg_service.conf"));
        QFile file(services);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("[svjtest]\nhost=%1\nport=%2\nuser=%3\nsslmode=verify-full\nsslrootcert=%4\n")
                       .arg(server.host())
                       .arg(server.port())
                       .arg(server.userName(), ca)
                       .toUtf8());
        file.close();
        const ScopedEnvironment serviceFile("PGSERVICEFILE", services);
        const QString viaService = QStringLiteral("postgresql:///%1?service=svjtest").arg(server.userName());
        rememberPassword(viaService, password);
        const Workspace workspace = Workspace::open(viaService);
        QVERIFY(WorkspaceSql(workspace)
                    .scalar(QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
                    .toBool());
    }
    // A certificate of another authority: refused.
    // (A self-signed certificate whose key was thrown away when it was made: it can vouch for no server.)
    const QString otherCa = QStringLiteral(SVJ_TEST_DATA_DIR "/tls/other-ca.crt");
    QVERIFY(QFile::exists(otherCa));
    const QString wrongAuthority = withOptions(QStringLiteral("sslmode=verify-full&sslrootcert=") + otherCa);
    rememberPassword(wrongAuthority, password);
    QVERIFY_THROWS_EXCEPTION(WorkspaceError, Workspace::open(wrongAuthority));
}

// A server of its own, started without TLS (scripts/postgres-local.sh, SVJ_POSTGRES_TLS=off), seven ports above the
// suite's: with sslmode=require the connection is refused, and the message says the server offers no TLS.
void ServerCredentialsTest::aServerWithoutTlsIsRefusedSayingSo() {
    const QString script = qEnvironmentVariable("SVJ_TEST_POSTGRES_SCRIPT");
    if (!svj::test::onPostgres() || script.isEmpty()) {
        QSKIP("needs the test server's script (SVJ_TEST_POSTGRES, SVJ_TEST_POSTGRES_SCRIPT)");
    }
    const QString folder = m_dir.filePath(QStringLiteral("plain-server"));
    const int port = QUrl(qEnvironmentVariable("SVJ_TEST_POSTGRES")).port() + 7;
    QProcess start;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SVJ_POSTGRES_TLS"), QStringLiteral("off"));
    start.setProcessEnvironment(environment);
    start.start(script, {QStringLiteral("start"), folder, QString::number(port)});
    QVERIFY(start.waitForFinished(120000));
    QVERIFY2(start.exitCode() == 0, start.readAllStandardError().constData());
    const auto stop = qScopeGuard([&] { QProcess::execute(script, {QStringLiteral("stop"), folder}); });
    const ScopedEnvironment passwords("PGPASSFILE", folder + QStringLiteral("/pgpass"));
    const QString location = QStringLiteral("postgresql://postgres@127.0.0.1:%1/postgres?sslmode=require").arg(port);
    try {
        Workspace::open(location);
        QFAIL("a server without TLS was taken with sslmode=require");
    } catch (const WorkspaceError& error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains(QLatin1String("the server offers no TLS")), error.what());
    }
}

SVJ_REGISTER_TEST(ServerCredentialsTest)
#include "credentials_tests.moc"
