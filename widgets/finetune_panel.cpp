#include "widgets/finetune_panel.h"

#include "annotation/label_store.h"
#include "annotation/server_credentials.h"
#include "annotation/workspace.h"
#include "model/default_judge.h"
#include "widgets/checkpoint_folder.h"
#include "widgets/comparison_view.h"
#include "widgets/plot_style.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace svj::widgets {
namespace {

QString eta(double seconds) {
    if (!(seconds >= 0)) {
        return QStringLiteral("—");
    }
    const int s = static_cast<int>(seconds + 0.5);
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString describe(const annotation::JudgedLabel& label) {
    return FinetunePanel::tr("Pair %1 — %2 chose %3; old judge %4, new judge %5")
        .arg(label.pairId)
        .arg(label.annotator, annotation::verdictName(label.verdict))
        .arg(label.oldMargin, 0, 'f', 3)
        .arg(label.newMargin, 0, 'f', 3);
}

} // namespace

FinetunePanel::FinetunePanel(const QString& location, annotation::Workspace& workspace, const QString& checkpointFolder,
                             ComparisonView* view, QWidget* parent)
    : QWidget(parent)
    , m_workspace(location)
    , m_connection(workspace)
    , m_folder(checkpointFolder)
    , m_view(view)
    , m_job(QDir(checkpointFolder).filePath(QStringLiteral("running.json"))) {
    setAccessibleName(tr("Fine-tuning"));
    auto* layout = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout;
    m_epochsBox = new QSpinBox(this);
    m_epochsBox->setRange(1, 100);
    m_epochsBox->setValue(m_job.run().epochs);
    m_epochsBox->setSuffix(tr(" epochs"));
    m_epochsBox->setAccessibleName(tr("Epochs"));
    m_startButton = new QPushButton(tr("&Fine-Tune on These Labels"), this);
    m_startButton->setToolTip(tr("Trains the judge in use on the workspace's labels, in a process of its own"));
    m_stopButton = new QPushButton(tr("S&top"), this);
    m_resumeButton = new QPushButton(tr("&Resume"), this);
    controls->addWidget(m_epochsBox);
    controls->addWidget(m_startButton, 1);
    controls->addWidget(m_stopButton);
    controls->addWidget(m_resumeButton);
    layout->addLayout(controls);
    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Fine-tuning progress"));
    m_state = new QLabel(tr("Not started"), this);
    m_state->setWordWrap(true);
    layout->addWidget(m_progress);
    layout->addWidget(m_state);

    m_plot = new QCustomPlot(this);
    m_plot->setMinimumHeight(180);
    m_plot->setAccessibleName(tr("Training loss and held-out accuracy"));
    m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
    m_plot->graph(0)->setName(tr("training loss"));
    m_plot->graph(0)->setPen(QPen(QColor(0, 114, 178, 110), 1));
    m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    m_plot->graph(1)->setName(tr("held-out accuracy"));
    m_plot->graph(1)->setPen(QPen(QColor(213, 94, 0), 2));
    m_plot->graph(1)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
    m_plot->graph(2)->setName(tr("training loss, epoch mean"));
    m_plot->graph(2)->setPen(QPen(QColor(0, 114, 178), 2.5));
    m_plot->xAxis->setLabel(tr("step"));
    m_plot->yAxis->setLabel(tr("loss"));
    m_plot->yAxis2->setLabel(tr("accuracy"));
    m_plot->yAxis2->setVisible(true);
    m_plot->yAxis2->setRange(0, 1);
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(font());
    putLegendAbove(m_plot);
    applyPlotPalette(m_plot, palette());
    layout->addWidget(m_plot, 1);

    auto* checkpoints = new QGroupBox(tr("Checkpoints"), this);
    auto* checkpointLayout = new QVBoxLayout(checkpoints);
    m_checkpointList = new QListWidget(checkpoints);
    m_checkpointList->setAccessibleName(tr("Checkpoints"));
    m_checkpointList->setMaximumHeight(110);
    checkpointLayout->addWidget(m_checkpointList);
    auto* checkpointButtons = new QHBoxLayout;
    auto* activateButton = new QPushButton(tr("&Use"), checkpoints);
    activateButton->setToolTip(tr("Draw the curves with this judge"));
    auto* renameButton = new QPushButton(tr("Re&name…"), checkpoints);
    auto* deleteButton = new QPushButton(tr("&Delete…"), checkpoints);
    auto* diffButton = new QPushButton(tr("Di&ff with Its Parent"), checkpoints);
    for (QPushButton* button : {activateButton, renameButton, deleteButton, diffButton}) {
        checkpointButtons->addWidget(button);
    }
    checkpointLayout->addLayout(checkpointButtons);
    layout->addWidget(checkpoints);

    auto* diffBox = new QGroupBox(tr("Checkpoint diff (double-click a pair to see it)"), this);
    auto* diffLayout = new QVBoxLayout(diffBox);
    m_diffLabel = new QLabel(tr("Fine-tune, or pick a checkpoint and Diff."), diffBox);
    m_diffLabel->setWordWrap(true);
    m_gained = new QListWidget(diffBox);
    m_gained->setAccessibleName(tr("Pairs the new judge gets right and the old got wrong"));
    m_lost = new QListWidget(diffBox);
    m_lost->setAccessibleName(tr("Pairs the old judge got right and the new gets wrong"));
    diffLayout->addWidget(m_diffLabel);
    diffLayout->addWidget(new QLabel(tr("Now right (were wrong):"), diffBox));
    diffLayout->addWidget(m_gained);
    diffLayout->addWidget(new QLabel(tr("Now wrong (were right):"), diffBox));
    diffLayout->addWidget(m_lost);
    layout->addWidget(diffBox, 1);

    const auto selected = [this] {
        const QListWidgetItem* item = m_checkpointList->currentItem();
        return item ? item->data(Qt::UserRole).toString() : QString();
    };
    connect(m_startButton, &QPushButton::clicked, this, [this] { start(m_epochsBox->value()); });
    connect(m_stopButton, &QPushButton::clicked, this, &FinetunePanel::stop);
    connect(m_resumeButton, &QPushButton::clicked, this, &FinetunePanel::resume);
    connect(activateButton, &QPushButton::clicked, this, [this, selected] { activate(selected()); });
    connect(m_checkpointList, &QListWidget::itemDoubleClicked, this,
            [this](QListWidgetItem* item) { activate(item->data(Qt::UserRole).toString()); });
    connect(renameButton, &QPushButton::clicked, this, [this, selected] {
        const QString checkpoint = selected();
        if (checkpoint.isEmpty() || checkpoint == defaultJudge()) {
            return;
        }
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Rename checkpoint"), tr("New name:"), QLineEdit::Normal,
                                                   QFileInfo(checkpoint).completeBaseName(), &ok);
        if (ok && !name.trimmed().isEmpty()) {
            rename(checkpoint, name.trimmed());
        }
    });
    connect(deleteButton, &QPushButton::clicked, this, [this, selected] {
        const QString checkpoint = selected();
        if (!checkpoint.isEmpty() && checkpoint != defaultJudge() &&
            QMessageBox::question(this, tr("Delete checkpoint"),
                                  tr("Delete %1 and its files?").arg(QFileInfo(checkpoint).fileName())) ==
                QMessageBox::Yes) {
            remove(checkpoint);
        }
    });
    connect(diffButton, &QPushButton::clicked, this, [this, selected] {
        const QString checkpoint = selected();
        if (checkpoint.isEmpty() || checkpoint == defaultJudge()) {
            return;
        }
        // The judge it was fine-tuned from, as its sidecar says.
        QFile sidecar(checkpoint + QStringLiteral(".json"));
        QString parent;
        if (sidecar.open(QIODevice::ReadOnly)) {
            parent = QJsonDocument::fromJson(sidecar.readAll())
                         .object()
                         .value(QStringLiteral("training"))
                         .toObject()
                         .value(QStringLiteral("from"))
                         .toString();
        }
        diff(parent.isEmpty() ? defaultJudge() : parent, checkpoint);
    });
    const auto openPair = [this](QListWidgetItem* item) {
        if (!m_view) {
            return;
        }
        try {
            const std::optional<annotation::StoredPair> pair =
                annotation::LabelStore(m_connection).pair(item->data(Qt::UserRole).toLongLong());
            if (pair) {
                m_view->openVideos({pair->videoA.path, pair->videoB.path});
                m_view->setJudgeVisible(true);
                m_view->setCheckpoint(m_diffNew);
                emit statusMessage(
                    tr("Pair %1 with the new judge's curves (Label → Back to the Queue returns)").arg(pair->id));
            }
        } catch (const std::exception& error) {
            emit statusMessage(QString::fromUtf8(error.what()));
        }
    };
    connect(m_gained, &QListWidget::itemDoubleClicked, this, openPair);
    connect(m_lost, &QListWidget::itemDoubleClicked, this, openPair);

    connect(&m_job, &TrainJob::progress, this, &FinetunePanel::showProgress);
    connect(&m_job, &TrainJob::logProblem, this,
            [this](const QString& what) { emit statusMessage(tr("Fine-tune log: %1").arg(what)); });
    connect(&m_job, &TrainJob::ended, this, &FinetunePanel::runEnded);
    connect(&m_scoring, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        if (status != QProcess::NormalExit || code != 0) {
            m_diffLabel->setText(tr("Scoring for the diff failed: %1")
                                     .arg(QString::fromUtf8(m_scoring.readAllStandardError()).trimmed()));
            m_scoreQueue.clear();
            return;
        }
        scoreNext();
    });
    refreshCheckpoints();
    // A run of an earlier session: reattached while it lives, else shown as it ended.
    if (m_job.reattach() && m_job.isRunning()) {
        emit statusMessage(tr("Reattached to the fine-tune writing %1").arg(QFileInfo(m_job.run().out).fileName()));
        m_startButton->setEnabled(false);
    }
}

FinetunePanel::~FinetunePanel() {
    if (m_scoring.state() != QProcess::NotRunning) {
        m_scoring.kill();
        m_scoring.waitForFinished(5000);
    }
}

QString FinetunePanel::defaultJudge() {
    try {
        return QDir::cleanPath(QFileInfo(QString::fromStdString(model::defaultJudgePath())).absoluteFilePath());
    } catch (const std::exception&) {
        return {};
    }
}

bool FinetunePanel::isRunning() const {
    return m_job.isRunning();
}

int FinetunePanel::lossPoints() const {
    return m_plot->graph(0)->dataCount();
}

int FinetunePanel::accuracyPoints() const {
    return m_plot->graph(1)->dataCount();
}

QStringList FinetunePanel::checkpoints() const {
    return CheckpointFolder(m_folder).checkpoints();
}

void FinetunePanel::refreshCheckpoints() {
    m_checkpointList->clear();
    for (const QString& path : checkpoints()) {
        if (path == m_job.run().out && isRunning()) {
            continue; // still being written
        }
        auto* item =
            new QListWidgetItem(tr("%1   (%2)")
                                    .arg(QFileInfo(path).completeBaseName(),
                                         QFileInfo(path).lastModified().toString(QStringLiteral("yyyy-MM-dd hh:mm"))),
                                m_checkpointList);
        item->setData(Qt::UserRole, path);
    }
    const QString shipped = defaultJudge();
    if (!shipped.isEmpty()) {
        auto* item = new QListWidgetItem(tr("Shipped judge"), m_checkpointList);
        item->setData(Qt::UserRole, shipped);
    }
}

void FinetunePanel::start(int epochs) {
    if (isRunning()) {
        emit statusMessage(tr("A fine-tune is running already"));
        return;
    }
    QDir().mkpath(m_folder);
    m_epochsBox->setValue(epochs);
    const QString current = m_view ? m_view->checkpoint() : QString();
    TrainJob::Run run;
    run.epochs = epochs;
    run.from = current.isEmpty() ? defaultJudge() : current;
    run.out =
        QDir(m_folder).filePath(QStringLiteral("finetune-%1.safetensors")
                                    .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"))));
    for (int graph = 0; graph < 3; ++graph) {
        m_plot->graph(graph)->data()->clear();
    }
    launch(run, false);
}

void FinetunePanel::resume() {
    if (!m_job.canResume()) {
        emit statusMessage(tr("Nothing to resume"));
        return;
    }
    for (int graph = 0; graph < 3; ++graph) {
        m_plot->graph(graph)->data()->clear(); // the log is replayed from the run's start
    }
    launch(m_job.run(), true);
}

void FinetunePanel::launch(const TrainJob::Run& run, bool resuming) {
    QStringList arguments{QStringLiteral("finetune"),
                          QStringLiteral("--db"),
                          m_workspace,
                          QStringLiteral("--from"),
                          run.from,
                          QStringLiteral("--out"),
                          run.out,
                          QStringLiteral("--epochs"),
                          QString::number(run.epochs),
                          QStringLiteral("--progress"),
                          QStringLiteral("json")};
    if (resuming) {
        arguments << QStringLiteral("--resume");
    }
    m_job.setEnvironment(annotation::childEnvironment(m_workspace)); // a password, never in argv
    if (!m_job.start(run, arguments, resuming)) {
        emit statusMessage(tr("Cannot start %1: %2").arg(m_job.program(), m_job.error()));
        return;
    }
    m_state->setText(tr("Starting: loading the judge and the labelled videos…"));
    m_startButton->setEnabled(false);
    emit statusMessage(tr("Fine-tuning %1 on the workspace's labels").arg(QFileInfo(run.from).fileName()));
}

void FinetunePanel::stop() {
    if (isRunning()) {
        m_job.stop();
        m_state->setText(tr("Stopping after this step (a checkpoint is written; Resume continues)…"));
    }
}

void FinetunePanel::runEnded(bool completed) {
    m_plot->rescaleAxes(true);
    m_plot->yAxis2->setRange(0, 1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    m_startButton->setEnabled(true);
    refreshCheckpoints();
    const TrainJob::Run& run = m_job.run();
    if (completed) {
        m_state->setText(m_state->text() + tr(" — finished: %1").arg(QFileInfo(run.out).fileName()));
        emit statusMessage(tr("Fine-tuned judge written to %1; comparing it with its parent…").arg(run.out));
    } else {
        const QString why = m_job.lastErrorLines();
        m_state->setText(tr("Stopped before the end%1").arg(why.isEmpty() ? QString() : QStringLiteral(": ") + why));
    }
    emit finished(completed);
    if (completed) {
        diff(run.from, run.out);
    }
}

void FinetunePanel::showProgress(const protocol::ProgressLine& progress) {
    using protocol::ProgressEvent;
    namespace field = protocol::field;
    const QString task = QString::fromStdString(progress.task);
    if (progress.event == ProgressEvent::Step && task != QLatin1String("finetune")) {
        // Before training: the labelled videos are decoded once.
        m_state->setText(tr("Preparing (%1): %2 of %3").arg(task).arg(progress.done).arg(progress.total));
    } else if (progress.event == ProgressEvent::Step) {
        const double loss = progress.number(field::kLoss).value_or(0.0);
        m_progress->setRange(0, static_cast<int>(std::max<int64_t>(1, progress.total)));
        m_progress->setValue(static_cast<int>(progress.done));
        m_plot->graph(0)->addData(static_cast<double>(progress.done), loss);
        m_state->setText(tr("Step %1 of %2 · epoch %3 of %4 · loss %5 · ETA %6")
                             .arg(progress.done)
                             .arg(progress.total)
                             .arg(static_cast<int>(progress.number(field::kEpoch).value_or(0)))
                             .arg(m_job.run().epochs)
                             .arg(loss, 0, 'f', 4)
                             .arg(eta(progress.etaSeconds.value_or(-1))));
    } else if (progress.event == ProgressEvent::Eval) {
        const nlohmann::json overall =
            progress.fields.value(field::kHeldOut, nlohmann::json::object()).value("overall", nlohmann::json::object());
        const int epoch = static_cast<int>(progress.number(field::kEpoch).value_or(0));
        const double step =
            m_progress->maximum() > 1 ? double(epoch) * m_progress->maximum() / std::max(1, m_job.run().epochs) : epoch;
        if (const auto accuracy = overall.find("with_ties"); accuracy != overall.end() && accuracy->is_number()) {
            m_plot->graph(1)->addData(step, accuracy->get<double>());
        }
        if (const auto loss = progress.number("train_preference_loss")) {
            m_plot->graph(2)->addData(step, *loss);
        }
    } else if (progress.event == ProgressEvent::Data) {
        m_state->setText(tr("%1 labelled pairs: %2 to train on, %3 held out")
                             .arg(static_cast<int>(progress.number("pairs").value_or(0)))
                             .arg(static_cast<int>(progress.number("train_pairs").value_or(0)))
                             .arg(static_cast<int>(progress.number("heldout_pairs").value_or(0))));
    }
    scheduleReplot();
}

void FinetunePanel::scheduleReplot() {
    // Once per batch of lines (a replayed log is thousands): rescaling the axes walks every point.
    if (m_replotPending) {
        return;
    }
    m_replotPending = true;
    QTimer::singleShot(0, this, [this] {
        m_replotPending = false;
        m_plot->rescaleAxes(true);
        m_plot->yAxis2->setRange(0, 1);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
}

void FinetunePanel::activate(const QString& checkpoint) {
    if (m_view && !checkpoint.isEmpty()) {
        m_view->setCheckpoint(checkpoint == defaultJudge() ? QString() : checkpoint);
        emit statusMessage(tr("Curves now drawn by %1").arg(QFileInfo(checkpoint).fileName()));
    }
}

bool FinetunePanel::rename(const QString& checkpoint, const QString& newName) {
    const QString target = QDir(QFileInfo(checkpoint).path()).filePath(newName + QStringLiteral(".safetensors"));
    const bool writing = checkpoint == m_job.run().out && isRunning();
    const CheckpointFolder::Renamed renamed =
        writing ? CheckpointFolder::Renamed::NameTaken : CheckpointFolder(m_folder).rename(checkpoint, newName);
    if (renamed == CheckpointFolder::Renamed::NameTaken) {
        emit statusMessage(tr("Cannot rename to %1: it exists, or the checkpoint is being written").arg(target));
        return false;
    }
    if (renamed == CheckpointFolder::Renamed::Failed) {
        emit statusMessage(tr("Cannot rename %1").arg(checkpoint));
        return false;
    }
    refreshCheckpoints();
    return true;
}

bool FinetunePanel::remove(const QString& checkpoint) {
    if (checkpoint == m_job.run().out && isRunning()) {
        emit statusMessage(tr("Stop the run first: it is writing %1").arg(checkpoint));
        return false;
    }
    const bool removed = CheckpointFolder(m_folder).remove(checkpoint);
    refreshCheckpoints();
    return removed;
}

void FinetunePanel::diff(const QString& oldCheckpoint, const QString& newCheckpoint) {
    m_diffOld = oldCheckpoint;
    m_diffNew = newCheckpoint;
    m_diffVideos.clear();
    try {
        m_diffVideos = annotation::decisivelyLabelledVideos(m_connection);
    } catch (const std::exception& error) {
        m_diffLabel->setText(QString::fromUtf8(error.what()));
        return;
    }
    if (m_diffVideos.isEmpty()) {
        m_diffLabel->setText(tr("No decisive labels (A or B) to compare the judges on yet."));
        return;
    }
    m_diffLabel->setText(tr("Scoring %n labelled video(s) with both judges (kept in the workspace)…", nullptr,
                            static_cast<int>(m_diffVideos.size())));
    m_scoreQueue = {oldCheckpoint, newCheckpoint};
    scoreNext();
}

void FinetunePanel::scoreNext() {
    if (m_scoreQueue.isEmpty()) {
        try {
            m_diff = annotation::diffCheckpoints(m_connection, m_diffOld, m_diffNew);
        } catch (const std::exception& error) {
            m_diffLabel->setText(QString::fromUtf8(error.what()));
            return;
        }
        showDiff();
        emit diffReady();
        return;
    }
    const QString checkpoint = m_scoreQueue.takeFirst();
    QStringList arguments{QStringLiteral("score"),
                          QStringLiteral("--ckpt"),
                          checkpoint,
                          QStringLiteral("--db"),
                          m_workspace,
                          QStringLiteral("--reuse"),
                          QStringLiteral("--json"),
                          QStringLiteral("--progress"),
                          QStringLiteral("none"),
                          QStringLiteral("--shard"), // every video, whatever RANK / WORLD_SIZE say
                          QStringLiteral("0/1"),
                          QStringLiteral("--")};
    arguments << m_diffVideos;
    m_scoring.setProcessEnvironment(annotation::childEnvironment(m_workspace)); // a password, never in argv
    m_scoring.start(m_job.program(), arguments);
}

QString FinetunePanel::diffSummary() const {
    return m_diffLabel->text();
}

QString FinetunePanel::stateText() const {
    return m_state->text();
}

void FinetunePanel::showDiff() {
    m_gained->clear();
    m_lost->clear();
    for (const annotation::JudgedLabel& label : m_diff.gained) {
        (new QListWidgetItem(describe(label), m_gained))->setData(Qt::UserRole, label.pairId);
    }
    for (const annotation::JudgedLabel& label : m_diff.lost) {
        (new QListWidgetItem(describe(label), m_lost))->setData(Qt::UserRole, label.pairId);
    }
    m_diffLabel->setText(tr("%1 → %2: %3 now right, %4 now wrong; %5 right by both, %6 wrong by both, %7 unscored")
                             .arg(QFileInfo(m_diffOld).completeBaseName(), QFileInfo(m_diffNew).completeBaseName())
                             .arg(m_diff.gained.size())
                             .arg(m_diff.lost.size())
                             .arg(m_diff.bothRight)
                             .arg(m_diff.bothWrong)
                             .arg(m_diff.unscored));
}

} // namespace svj::widgets
