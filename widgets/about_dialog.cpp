#include "widgets/about_dialog.h"

#include "annotation/sql_runtime.h"
#include "media/video_probe.h"
#include "model/runtime.h"
#include "svj/version.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace svj::widgets {

RuntimeVersions RuntimeVersions::collect() {
    RuntimeVersions versions;
    versions.application = QString::fromUtf8(kVersion);
    versions.qt = QString::fromUtf8(qVersion());
    versions.ffmpeg = QString::fromStdString(media::ffmpegVersion());
    versions.judgeRuntime = QString::fromStdString(model::runtimeVersion());
    try {
        versions.sqlite = QStringLiteral("SQLite ") + annotation::sqliteVersion();
    } catch (const std::exception& error) {
        versions.sqlite = QString::fromUtf8(error.what());
    }
    return versions;
}

QString RuntimeVersions::toText() const {
    return QStringLiteral("%1 %2\nQt %3\n%4\n%5\n%6")
        .arg(QString::fromUtf8(kApplicationName), application, qt, ffmpeg, judgeRuntime, sqlite);
}

AboutDialog::AboutDialog(const RuntimeVersions& versions, QWidget* parent)
    : QDialog(parent)
    , m_versions(versions) {
    setWindowTitle(tr("About %1").arg(QString::fromUtf8(kApplicationName)));
    setObjectName(QStringLiteral("aboutDialog"));

    auto* icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/svj/icons/svj-workbench.svg")).pixmap(64, 64));

    auto* title = new QLabel(
        QStringLiteral("<h2>%1 %2</h2>").arg(QString::fromUtf8(kApplicationName), versions.application), this);
    auto* summary = new QLabel(tr("A workstation for judging generated video: side-by-side playback, the per-frame "
                                  "energy curve of a learned video judge (GT-SVJ), human preference labels, "
                                  "exports and local fine-tuning."),
                               this);
    summary->setWordWrap(true);

    auto* libraries = new QLabel(this);
    libraries->setObjectName(QStringLiteral("libraryVersions"));
    libraries->setTextInteractionFlags(Qt::TextSelectableByMouse);
    libraries->setText(tr("Running with:") + QStringLiteral("<br>Qt %1<br>%2<br>%3<br>%4")
                                                 .arg(versions.qt.toHtmlEscaped(), versions.ffmpeg.toHtmlEscaped(),
                                                      versions.judgeRuntime.toHtmlEscaped(),
                                                      versions.sqlite.toHtmlEscaped()));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("&Copy Versions"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_versions.toText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(icon);
    layout->addWidget(title);
    layout->addWidget(summary);
    layout->addSpacing(8);
    layout->addWidget(libraries);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

} // namespace svj::widgets
