#include "widgets/import_dialog.h"

#include "annotation/preference_file.h"
#include "annotation/server_credentials.h"
#include "widgets/score_job.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace svj::widgets {

ImportDialog::ImportDialog(const QString& workspace, QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_program(ScoreJob::defaultProgram()) {
    setWindowTitle(tr("Import into the Workspace"));
    auto* form = new QFormLayout;
    m_source = new QComboBox(this);
    m_source->addItems({tr("A folder of videos (MODEL/PROMPT.mp4)"),
                        tr("A video manifest (CSV or JSONL: path, model, prompt)"),
                        tr("A preference file (labelled pairs)")});
    m_source->setAccessibleName(tr("What to import"));
    form->addRow(tr("&Import:"), m_source);
    auto* pathRow = new QHBoxLayout;
    m_path = new QLineEdit(this);
    m_path->setAccessibleName(tr("Folder or file to import"));
    auto* browse = new QPushButton(tr("&Browse…"), this);
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    form->addRow(tr("&From:"), pathRow);
    m_format = new QComboBox(this);
    m_format->setAccessibleName(tr("Preference file format"));
    for (const char* name : {"jsonl", "csv", "genai-bench", "videogen-rewardbench", "monetbench"}) {
        m_format->addItem(QString::fromLatin1(name));
    }
    form->addRow(tr("F&ormat:"), m_format);
    m_pairs = new QCheckBox(tr("Pair the new videos (same prompt, different models)"), this);
    m_pairs->setChecked(true);
    form->addRow(QString(), m_pairs);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 1);
    m_busy->setValue(0);
    m_busy->setAccessibleName(tr("Import progress"));
    m_report = new QLabel(tr("An import is all or nothing: a failed or cancelled one changes nothing."), this);
    m_report->setWordWrap(true);
    m_report->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_importButton = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_importButton->setDefault(true);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_busy);
    layout->addWidget(m_report);
    layout->addWidget(buttons);
    resize(640, 260);

    const auto sourceChanged = [this] {
        const auto source = static_cast<Source>(m_source->currentIndex());
        m_format->setEnabled(source == Source::PreferenceFile);
        m_pairs->setEnabled(source != Source::PreferenceFile);
    };
    sourceChanged();
    connect(m_source, &QComboBox::currentIndexChanged, this, sourceChanged);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = static_cast<Source>(m_source->currentIndex()) == Source::VideoFolder
                                 ? QFileDialog::getExistingDirectory(this, tr("A folder of videos"))
                                 : QFileDialog::getOpenFileName(this, tr("A file to import"));
        if (!path.isEmpty()) {
            m_path->setText(path);
        }
    });
    connect(m_importButton, &QPushButton::clicked, this, [this] {
        startImport(static_cast<Source>(m_source->currentIndex()), m_path->text().trimmed(), m_format->currentText(),
                    m_pairs->isChecked());
    });
    connect(buttons, &QDialogButtonBox::rejected, this, [this] {
        if (isRunning()) {
            m_steps.clear();
            m_process.kill(); // the child's transaction is rolled back: nothing of it stays
            m_report->setText(tr("Cancelled: nothing was imported."));
        } else {
            reject();
        }
    });
    // Progress lines ({"task": "import", "done", "total"}) come before the report on stdout.
    connect(&m_process, &QProcess::readyReadStandardOutput, this, [this] {
        for (const ReadLine& line : m_reader.feed(m_process.readAllStandardOutput())) {
            if (line.progress && line.progress->event == protocol::ProgressEvent::Step) {
                m_busy->setRange(0, static_cast<int>(line.progress->total));
                m_busy->setValue(static_cast<int>(line.progress->done));
                m_busy->setFormat(tr("%v of %m"));
            } else if (!line.other.isEmpty()) {
                m_log += QString::fromUtf8(line.other) + QLatin1Char('\n');
            }
        }
    });
    connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        for (const ReadLine& line : m_reader.feed(m_process.readAllStandardOutput())) {
            if (!line.other.isEmpty()) {
                m_log += QString::fromUtf8(line.other) + QLatin1Char('\n');
            }
        }
        m_log += QString::fromUtf8(m_reader.takeRest()) + QLatin1Char('\n');
        const QString errors = QString::fromUtf8(m_process.readAllStandardError()).trimmed();
        if (status != QProcess::NormalExit || code != 0) {
            m_busy->setRange(0, 1);
            m_importButton->setEnabled(true);
            m_report->setText(
                status == QProcess::CrashExit && m_steps.isEmpty() && errors.isEmpty()
                    ? tr("Cancelled: nothing was imported.")
                    : tr("<b>Not imported</b> (the workspace is unchanged): %1").arg(errors.toHtmlEscaped()));
            m_steps.clear();
            emit finished(false);
            return;
        }
        runNext();
    });
}

ImportDialog::~ImportDialog() {
    if (isRunning()) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void ImportDialog::startImport(Source source, const QString& path, const QString& format, bool pairs) {
    if (path.isEmpty() || isRunning()) {
        m_report->setText(tr("Choose a folder or file first."));
        return;
    }
    m_log.clear();
    m_steps.clear();
    if (source == Source::PreferenceFile) {
        // The workspace after "--": a path starting with '-' is a path, not an option.
        m_steps << QStringList{QStringLiteral("db"),       QStringLiteral("import"),
                               QStringLiteral("--pairs"),  path,
                               QStringLiteral("--format"), format.isEmpty() ? QStringLiteral("jsonl") : format,
                               QStringLiteral("--"),       m_workspace};
    } else {
        m_steps << QStringList{
            QStringLiteral("db"),         QStringLiteral("import"), QStringLiteral("--videos"), path,
            QStringLiteral("--progress"), QStringLiteral("json"),   QStringLiteral("--"),       m_workspace};
        if (pairs) {
            m_steps << QStringList{QStringLiteral("db"), QStringLiteral("pairs"), QStringLiteral("--"), m_workspace};
        }
    }
    m_busy->setRange(0, 0); // busy: probing and hashing videos takes as long as it takes
    m_importButton->setEnabled(false);
    m_report->setText(tr("Importing %1…").arg(path.toHtmlEscaped()));
    runNext();
}

void ImportDialog::runNext() {
    if (m_steps.isEmpty()) {
        m_busy->setRange(0, 1);
        m_busy->setValue(1);
        m_importButton->setEnabled(true);
        m_report->setText(tr("<b>Imported.</b><br>%1")
                              .arg(m_log.trimmed().toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
        emit finished(true);
        return;
    }
    m_reader.clear();
    m_busy->setRange(0, 0);
    m_process.setProcessEnvironment(annotation::childEnvironment(m_workspace)); // a password, never in argv
    m_process.start(m_program, m_steps.takeFirst());
}

QString ImportDialog::report() const {
    return m_report->text();
}

} // namespace svj::widgets
