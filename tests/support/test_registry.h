// Several Qt Test classes in one executable (one test program per layer): each test file registers its
// class; main() runs them all, or those named with --class NAME[,NAME...].
#pragma once

#include <QObject>

#include <functional>
#include <memory>
#include <vector>

namespace svj::test {

using TestFactory = std::function<std::unique_ptr<QObject>()>;

void registerTest(const char* name, TestFactory factory);

// Runs the registered classes with Qt Test; returns the number of failed classes.
int runRegisteredTests(int argc, char** argv);

template <typename T>
struct Registration {
    explicit Registration(const char* name) {
        registerTest(name, [] { return std::make_unique<T>(); });
    }
};

} // namespace svj::test

#define SVJ_REGISTER_TEST(Class) static const svj::test::Registration<Class> svjRegistration##Class(#Class);
