#include "widgets/export_dialog.h"

#include "annotation/export_check.h"
#include "annotation/label_store.h"
#include "annotation/preference_formats.h"
#include "annotation/workspace.h"
#include "annotation/workspace_preferences.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace svj::widgets {
namespace {

using annotation::PreferenceFormat;

QString describe(PreferenceFormat format) {
    switch (format) {
    case PreferenceFormat::Jsonl:
        return ExportDialog::tr("JSON lines: every verdict and aspect (ours)");
    case PreferenceFormat::Csv:
        return ExportDialog::tr("CSV: every verdict and aspect (ours)");
    case PreferenceFormat::GenAIBench:
        return ExportDialog::tr("GenAI-Bench video preference rows");
    case PreferenceFormat::VideoGenRewardBench:
        return ExportDialog::tr("VideoGen-RewardBench rows (VQ, MQ, TA, Overall)");
    case PreferenceFormat::MonetBench:
        return ExportDialog::tr("MonetBench rows");
    case PreferenceFormat::Trl:
        return ExportDialog::tr("TRL preference set (chosen / rejected)");
    case PreferenceFormat::VideoFolder:
        return ExportDialog::tr("Video folder with metadata.jsonl (Hugging Face datasets)");
    case PreferenceFormat::PickAPic:
        return ExportDialog::tr("Pick-a-Pic style rows");
    }
    return {};
}

} // namespace

ExportDialog::ExportDialog(annotation::Workspace& workspace, QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace) {
    setWindowTitle(tr("Export Labels"));
    auto* form = new QFormLayout;
    m_format = new QComboBox(this);
    m_format->setAccessibleName(tr("Export format"));
    // Ours first (every verdict and aspect), then the others in the table's order.
    for (const bool ours : {true, false}) {
        for (const annotation::PreferenceFormatRow& row : annotation::preferenceFormats()) {
            if ((row.format == PreferenceFormat::Jsonl || row.format == PreferenceFormat::Csv) == ours) {
                m_format->addItem(QStringLiteral("%1 — %2").arg(QLatin1String(row.name), describe(row.format)),
                                  static_cast<int>(row.format));
            }
        }
    }
    form->addRow(tr("&Format:"), m_format);
    auto* pathRow = new QHBoxLayout;
    m_path = new QLineEdit(this);
    m_path->setAccessibleName(tr("Export file"));
    auto* browse = new QPushButton(tr("&Browse…"), this);
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    form->addRow(tr("&Write to:"), pathRow);
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* exportButton = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    exportButton->setDefault(true);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    resize(640, 220);
    suggestPath();
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::suggestPath);
    connect(browse, &QPushButton::clicked, this, [this] {
        const auto format = static_cast<PreferenceFormat>(m_format->currentData().toInt());
        const QString path = QLatin1String(annotation::preferenceFormatRow(format).extension).isEmpty()
                                 ? QFileDialog::getExistingDirectory(this, tr("Export into a folder"), m_path->text())
                                 : QFileDialog::getSaveFileName(this, tr("Export to"), m_path->text());
        if (!path.isEmpty()) {
            m_path->setText(path);
        }
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        exportTo(static_cast<PreferenceFormat>(m_format->currentData().toInt()), m_path->text().trimmed());
    });
}

void ExportDialog::suggestPath() {
    const auto format = static_cast<PreferenceFormat>(m_format->currentData().toInt());
    const QFileInfo workspace(m_workspace.path());
    const QString folder = workspace.exists() ? workspace.absolutePath() : QDir::homePath();
    const QString stem =
        QStringLiteral("%1/%2-%3").arg(folder, workspace.completeBaseName(), annotation::preferenceFormatName(format));
    const QString extension = QLatin1String(annotation::preferenceFormatRow(format).extension);
    m_path->setText(extension.isEmpty() ? stem : stem + QLatin1Char('.') + extension); // none: a folder
}

bool ExportDialog::exportTo(PreferenceFormat format, const QString& path) {
    if (path.isEmpty()) {
        m_result->setText(tr("Choose where to write first."));
        return false;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    bool ok = false;
    try {
        const annotation::LabelStore store(m_workspace);
        const annotation::PreferenceFile file = annotation::workspacePreferences(store);
        annotation::writePreferenceFile(file, path, format);
        const annotation::ExportCheck check = annotation::checkExport(file, path, format);
        ok = check.ok();
        QString text = tr("Wrote %n label(s) to %1.", nullptr, check.written).arg(path.toHtmlEscaped());
        text += ok ? tr("<br>✓ Round trip: read back as the same %n preference(s).", nullptr, check.readBack)
                   : tr("<br><b>✗ Round trip: %1 written, %2 read back.</b> %3")
                         .arg(check.written)
                         .arg(check.readBack)
                         .arg(check.differences.join(QStringLiteral("; ")).toHtmlEscaped());
        m_result->setText(text);
    } catch (const std::exception& error) {
        m_result->setText(tr("<b>Not exported:</b> %1").arg(QString::fromUtf8(error.what()).toHtmlEscaped()));
    }
    QApplication::restoreOverrideCursor();
    return ok;
}

QString ExportDialog::resultText() const {
    return m_result->text();
}

} // namespace svj::widgets
