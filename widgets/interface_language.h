// The language the interface speaks: the user's choice (View → Language) or else the system locale, and the
// translators that make Qt's and our own strings speak it.
#pragma once

#include <QList>
#include <QString>

class QSettings;

namespace svj::widgets {

struct InterfaceLanguage {
    QString code;       // a locale name as in our .qm files: "en", "de", "zh_CN"
    QString nativeName; // how the language names itself, for the menu
};

// The languages we ship a complete translation for, English first.
QList<InterfaceLanguage> interfaceLanguages();

// The language the user chose, or an empty string for "follow the system".
QString chosenLanguage(const QSettings& settings);
void setChosenLanguage(QSettings& settings, const QString& code);

// The shipped language `code` resolves to ("" = the system locale's UI languages, in order), "en" when none of
// ours matches.
QString resolveLanguage(const QString& code);

// Installs Qt's and our translators on the application for `code` (see resolveLanguage) and sets the default
// locale to match; replaces translators an earlier call installed. Returns the language now in use.
QString installTranslations(const QString& code);

} // namespace svj::widgets
