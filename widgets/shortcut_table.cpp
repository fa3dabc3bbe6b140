#include "widgets/shortcut_table.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>

namespace svj::widgets {
namespace {

QString plain(QString text) {
    text.remove(QLatin1Char('&'));
    if (text.endsWith(QStringLiteral("…"))) {
        text.chop(1);
    }
    return text.replace(QLatin1Char('|'), QStringLiteral("\\|"));
}

void addRows(const QMenu& menu, const QString& path, QStringList& rows) {
    for (QAction* action : menu.actions()) {
        if (action->menu()) {
            addRows(*action->menu(), path + QStringLiteral(" › ") + plain(action->menu()->title()), rows);
            continue;
        }
        QStringList keys;
        for (const QKeySequence& shortcut : action->shortcuts()) {
            keys << QStringLiteral("`%1`").arg(shortcut.toString(QKeySequence::PortableText));
        }
        if (!action->isSeparator() && !keys.isEmpty()) {
            rows
                << QStringLiteral("| %1 | %2 | %3 |").arg(path, plain(action->text()), keys.join(QStringLiteral(", ")));
        }
    }
}

} // namespace

QString shortcutTable(const QMainWindow& window) {
    QStringList rows{QStringLiteral("| Menu | Command | Keys |"), QStringLiteral("|---|---|---|")};
    for (QAction* action : window.menuBar()->actions()) {
        if (action->menu()) {
            addRows(*action->menu(), plain(action->menu()->title()), rows);
        }
    }
    return rows.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace svj::widgets
