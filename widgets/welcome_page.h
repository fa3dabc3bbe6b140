// The central page shown while no comparison is open: what the workbench is and what this build runs on.
#pragma once

#include <QWidget>

namespace svj::widgets {

class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(QWidget* parent = nullptr);
};

} // namespace svj::widgets
