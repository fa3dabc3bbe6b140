#include "widgets/welcome_page.h"

#include "model/runtime.h"
#include "svj/version.h"

#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace svj::widgets {

WelcomePage::WelcomePage(QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("welcomePage"));

    auto* icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/svj/icons/svj-workbench.svg")).pixmap(96, 96));
    icon->setAlignment(Qt::AlignCenter);

    auto* title = new QLabel(QStringLiteral("<h1>%1</h1>").arg(QString::fromUtf8(kApplicationName)), this);
    title->setAlignment(Qt::AlignCenter);

    auto* summary = new QLabel(tr("Compare generated videos side by side, read a learned judge's per-frame energy "
                                  "under the playback, and collect human preference labels."),
                               this);
    summary->setAlignment(Qt::AlignCenter);
    summary->setWordWrap(true);
    summary->setFixedWidth(560);
    summary->setMinimumHeight(summary->heightForWidth(560)); // layouts with alignment ignore height-for-width

    auto* runtime = new QLabel(tr("Version %1 · judge runtime: %2, %n thread(s)", nullptr, model::threadCount())
                                   .arg(QString::fromUtf8(kVersion), QString::fromStdString(model::runtimeVersion())),
                               this);
    runtime->setObjectName(QStringLiteral("runtimeLabel"));
    runtime->setAlignment(Qt::AlignCenter);
    runtime->setEnabled(false); // drawn in the palette's disabled (secondary) text colour

    auto* layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(icon);
    layout->addWidget(title);
    layout->addWidget(summary, 0, Qt::AlignHCenter);
    layout->addSpacing(16);
    layout->addWidget(runtime);
    layout->addStretch(3);
}

} // namespace svj::widgets
