#include "tests/support/test_registry.h"

#include <QStringList>
#include <QTest>

#include <cstring>
#include <map>
#include <string>

namespace svj::test {
namespace {

std::map<std::string, TestFactory>& registry() {
    static std::map<std::string, TestFactory> tests;
    return tests;
}

} // namespace

void registerTest(const char* name, TestFactory factory) {
    registry().emplace(name, std::move(factory));
}

int runRegisteredTests(int argc, char** argv) {
    QStringList only;
    QStringList skipped;
    std::vector<char*> arguments;
    for (int i = 0; i < argc; ++i) {
        if (std::strcmp(argv[i], "--class") == 0 && i + 1 < argc) {
            only = QString::fromLocal8Bit(argv[++i]).split(QLatin1Char(','));
            continue;
        }
        if (std::strcmp(argv[i], "--skip-class") == 0 && i + 1 < argc) {
            skipped = QString::fromLocal8Bit(argv[++i]).split(QLatin1Char(','));
            continue;
        }
        arguments.push_back(argv[i]);
    }
    int failed = 0;
    for (const auto& [name, factory] : registry()) {
        const QString className = QString::fromStdString(name);
        if ((!only.isEmpty() && !only.contains(className)) || skipped.contains(className)) {
            continue;
        }
        std::unique_ptr<QObject> test = factory();
        if (QTest::qExec(test.get(), static_cast<int>(arguments.size()), arguments.data()) != 0) {
            ++failed;
        }
    }
    return failed;
}

} // namespace svj::test
