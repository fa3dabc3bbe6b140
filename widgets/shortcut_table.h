// The keyboard-shortcut table of the user's guide, made from the window's own menus so it cannot drift from
// them: `svj-workbench --shortcuts` prints it, and a test compares it with docs/user-guide.md.
#pragma once

#include <QString>

class QMainWindow;

namespace svj::widgets {

// A Markdown table (Menu | Command | Keys) of every menu action with a shortcut, in menu order; submenus are
// named "Menu › Submenu". Keys in Qt's portable form ("Ctrl+Shift+O").
QString shortcutTable(const QMainWindow& window);

} // namespace svj::widgets
