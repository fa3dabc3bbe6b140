#include "widgets/interface_language.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <memory>

namespace svj::widgets {
namespace {

const QString kLanguageKey = QStringLiteral("ui/language");

// Installed .qm files win over the compiled-in ones, so a translator can try a new file without a build.
QString installedTranslationsFolder() {
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../share/svj-workbench/translations"));
}

std::unique_ptr<QTranslator> g_qtTranslator;
std::unique_ptr<QTranslator> g_ownTranslator;

} // namespace

QList<InterfaceLanguage> interfaceLanguages() {
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")},
            {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
}

QString chosenLanguage(const QSettings& settings) {
    return settings.value(kLanguageKey).toString();
}

void setChosenLanguage(QSettings& settings, const QString& code) {
    if (code.isEmpty()) {
        settings.remove(kLanguageKey);
    } else {
        settings.setValue(kLanguageKey, code);
    }
}

QString resolveLanguage(const QString& code) {
    const QList<InterfaceLanguage> languages = interfaceLanguages();
    QStringList wanted = code.isEmpty() ? QLocale::system().uiLanguages() : QStringList{code};
    for (QString name : wanted) {
        name.replace(QLatin1Char('-'), QLatin1Char('_'));
        // Exact first ("zh_CN"), then the language alone ("de_AT" → "de"; "zh_Hans_CN" → "zh_CN").
        const QLocale locale(name);
        for (const InterfaceLanguage& language : languages) {
            const bool sameLanguage = QLocale(language.code).language() == locale.language() &&
                                      locale.script() != QLocale::TraditionalHanScript; // zh_TW reads no zh_CN
            if (language.code == name || sameLanguage) {
                return language.code;
            }
        }
    }
    return QStringLiteral("en");
}

QString installTranslations(const QString& code) {
    const QString language = resolveLanguage(code);
    for (std::unique_ptr<QTranslator>* translator : {&g_qtTranslator, &g_ownTranslator}) {
        if (*translator) {
            QCoreApplication::removeTranslator(translator->get());
            translator->reset();
        }
    }
    QLocale::setDefault(QLocale(language));

    g_qtTranslator = std::make_unique<QTranslator>();
    if (g_qtTranslator->load(QStringLiteral("qtbase_") + language,
                             QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(g_qtTranslator.get());
    }

    const QString file = QStringLiteral("svj-workbench_") + language;
    g_ownTranslator = std::make_unique<QTranslator>();
    if (g_ownTranslator->load(file, installedTranslationsFolder()) ||
        g_ownTranslator->load(file, QStringLiteral(":/svj/i18n"))) {
        QCoreApplication::installTranslator(g_ownTranslator.get());
    } else {
        qWarning("No translation %s found (neither installed nor compiled in)", qPrintable(file));
    }
    return language;
}

} // namespace svj::widgets
