#include "widgets/finetune_panel.h"

#include "annotation/label_store.h"
#include "annotation/workspace.h"
#include "model/default_judge.h"
#include "widgets/comparison_view.h"
#include "widgets/plot_style.h"
#include "widgets/score_job.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSqlQuery>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <csignal>
#include <sys/types.h>

namespace svj::widgets {
namespace {

const QString kRunFile = QStringLiteral("running.json");
// Files that belong to a checkpoint: renamed and deleted with it.
const QStringList kCompanions = {QStringLiteral(".json"), QStringLiteral(".state"), QStringLiteral(".state.next"),
                                 QStringLiteral(".log.jsonl"), QStringLiteral(".log.txt")};

bool alive(qint64 pid) {
    return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == 0;
}

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
    , m_program(ScoreJob::defaultProgram()) {
    setAccessibleName(tr("Fine-tuning"));
    auto* layout = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout;
    m_epochsBox = new QSpinBox(this);
    m_epochsBox->setRange(1, 100);
    m_epochsBox->setValue(m_epochs);
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

    m_poll.setInterval(250);
    connect(&m_poll, &QTimer::timeout, this, &FinetunePanel::poll);
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
    runState(false); // a run of an earlier session: reattach while it lives, else show how it ended
}

FinetunePanel::~FinetunePanel() {
    m_poll.stop();
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
    return alive(m_pid);
}

int FinetunePanel::lossPoints() const {
    return m_plot->graph(0)->dataCount();
}

int FinetunePanel::accuracyPoints() const {
    return m_plot->graph(1)->dataCount();
}

QStringList FinetunePanel::checkpoints() const {
    QFileInfoList files = QDir(m_folder).entryInfoList({QStringLiteral("*.safetensors")}, QDir::Files, QDir::Time);
    QStringList paths;
    for (const QFileInfo& file : files) {
        paths << file.absoluteFilePath();
    }
    return paths;
}

void FinetunePanel::refreshCheckpoints() {
    m_checkpointList->clear();
    for (const QString& path : checkpoints()) {
        if (path == m_out && isRunning()) {
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
    m_epochs = epochs;
    m_epochsBox->setValue(epochs);
    const QString current = m_view ? m_view->checkpoint() : QString();
    m_from = current.isEmpty() ? defaultJudge() : current;
    m_out = QDir(m_folder).filePath(QStringLiteral("finetune-%1.safetensors")
                                        .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"))));
    for (int graph = 0; graph < 3; ++graph) {
        m_plot->graph(graph)->data()->clear();
    }
    launch({QStringLiteral("finetune"), QStringLiteral("--db"), m_workspace, QStringLiteral("--from"), m_from,
            QStringLiteral("--out"), m_out, QStringLiteral("--epochs"), QString::number(epochs),
            QStringLiteral("--progress"), QStringLiteral("json")});
}

void FinetunePanel::resume() {
    // A save killed just before its state moved into place leaves it as .state.next; svj finetune takes it.
    if (isRunning() || m_out.isEmpty() ||
        (!QFileInfo::exists(m_out + QStringLiteral(".state")) &&
         !QFileInfo::exists(m_out + QStringLiteral(".state.next")))) {
        emit statusMessage(tr("Nothing to resume"));
        return;
    }
    launch({QStringLiteral("finetune"), QStringLiteral("--db"), m_workspace, QStringLiteral("--from"), m_from,
            QStringLiteral("--out"), m_out, QStringLiteral("--epochs"), QString::number(m_epochs),
            QStringLiteral("--progress"), QStringLiteral("json"), QStringLiteral("--resume")});
}

void FinetunePanel::launch(const QStringList& arguments) {
    m_log = m_out + QStringLiteral(".log.jsonl");
    const bool resuming = arguments.contains(QStringLiteral("--resume"));
    if (!resuming) {
        QFile::remove(m_log);
        m_logOffset = 0;
    }
    // Detached, with its output in files: the run may outlive this window and is found again on reopening.
    QProcess process;
    process.setProgram(m_program);
    process.setArguments(arguments);
    process.setStandardOutputFile(m_log, QIODevice::Append);
    process.setStandardErrorFile(m_out + QStringLiteral(".log.txt"), QIODevice::Append);
    qint64 pid = 0;
    if (!process.startDetached(&pid)) {
        emit statusMessage(tr("Cannot start %1: %2").arg(m_program, process.errorString()));
        return;
    }
    m_pid = pid;
    m_completed = false;
    runState(true);
    m_state->setText(tr("Starting: loading the judge and the labelled videos…"));
    m_startButton->setEnabled(false);
    m_poll.start();
    emit statusMessage(tr("Fine-tuning %1 on the workspace's labels").arg(QFileInfo(m_from).fileName()));
}

void FinetunePanel::stop() {
    if (isRunning()) {
        ::kill(static_cast<pid_t>(m_pid), SIGTERM);
        m_state->setText(tr("Stopping after this step (a checkpoint is written; Resume continues)…"));
    }
}

void FinetunePanel::poll() {
    QFile log(m_log);
    if (log.open(QIODevice::ReadOnly) && log.size() > m_logOffset) {
        log.seek(m_logOffset);
        m_partial += log.readAll();
        m_logOffset = log.pos();
        qsizetype end = 0;
        while ((end = m_partial.indexOf('\n')) >= 0) {
            readLine(m_partial.left(end));
            m_partial.remove(0, end + 1);
        }
        m_plot->rescaleAxes(true);
        m_plot->yAxis2->setRange(0, 1);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
    if (isRunning()) {
        return;
    }
    m_poll.stop();
    m_pid = 0;
    QFile::remove(QDir(m_folder).filePath(kRunFile));
    m_startButton->setEnabled(true);
    refreshCheckpoints();
    if (m_completed) {
        m_state->setText(m_state->text() + tr(" — finished: %1").arg(QFileInfo(m_out).fileName()));
        emit statusMessage(tr("Fine-tuned judge written to %1; comparing it with its parent…").arg(m_out));
    } else {
        QFile errors(m_out + QStringLiteral(".log.txt"));
        QString why = errors.open(QIODevice::ReadOnly) ? QString::fromUtf8(errors.readAll()).trimmed() : QString();
        why = why.section(QLatin1Char('\n'), -2);
        m_state->setText(tr("Stopped before the end%1").arg(why.isEmpty() ? QString() : QStringLiteral(": ") + why));
    }
    emit finished(m_completed);
    if (m_completed) {
        diff(m_from, m_out);
    }
}

void FinetunePanel::readLine(const QByteArray& line) {
    const QJsonObject object = QJsonDocument::fromJson(line).object();
    if (object.isEmpty()) {
        return;
    }
    const QString event = object.value(QStringLiteral("event")).toString();
    const QString task = object.value(QStringLiteral("task")).toString();
    if (event.isEmpty() && task != QLatin1String("finetune")) {
        // Before training: the labelled videos are decoded once.
        m_state->setText(tr("Preparing (%1): %2 of %3")
                             .arg(task)
                             .arg(object.value(QStringLiteral("done")).toInt())
                             .arg(object.value(QStringLiteral("total")).toInt()));
    } else if (event.isEmpty()) {
        const int done = object.value(QStringLiteral("done")).toInt();
        const int total = object.value(QStringLiteral("total")).toInt();
        const double loss = object.value(QStringLiteral("loss")).toDouble();
        m_progress->setRange(0, std::max(1, total));
        m_progress->setValue(done);
        m_plot->graph(0)->addData(done, loss);
        m_state->setText(tr("Step %1 of %2 · epoch %3 of %4 · loss %5 · ETA %6")
                             .arg(done)
                             .arg(total)
                             .arg(object.value(QStringLiteral("epoch")).toInt())
                             .arg(m_epochs)
                             .arg(loss, 0, 'f', 4)
                             .arg(eta(object.value(QStringLiteral("eta_s")).toDouble(-1))));
    } else if (event == QLatin1String("eval")) {
        const QJsonObject overall =
            object.value(QStringLiteral("heldout")).toObject().value(QStringLiteral("overall")).toObject();
        const QJsonValue accuracy = overall.value(QStringLiteral("with_ties"));
        const int epoch = object.value(QStringLiteral("epoch")).toInt();
        const double step = m_progress->maximum() > 1 ? double(epoch) * m_progress->maximum() / m_epochs : epoch;
        if (accuracy.isDouble()) {
            m_plot->graph(1)->addData(step, accuracy.toDouble());
        }
        if (object.contains(QStringLiteral("train_preference_loss"))) {
            m_plot->graph(2)->addData(step, object.value(QStringLiteral("train_preference_loss")).toDouble());
        }
    } else if (event == QLatin1String("checkpoint")) {
        m_completed = object.value(QStringLiteral("why")).toString() == QLatin1String("final");
    } else if (event == QLatin1String("data")) {
        m_state->setText(tr("%1 labelled pairs: %2 to train on, %3 held out")
                             .arg(object.value(QStringLiteral("pairs")).toInt())
                             .arg(object.value(QStringLiteral("train_pairs")).toInt())
                             .arg(object.value(QStringLiteral("heldout_pairs")).toInt()));
    }
}

void FinetunePanel::runState(bool write) {
    const QString path = QDir(m_folder).filePath(kRunFile);
    if (write) {
        QSaveFile file(path);
        if (file.open(QIODevice::WriteOnly)) {
            file.write(QJsonDocument(QJsonObject{{QStringLiteral("pid"), m_pid},
                                                 {QStringLiteral("out"), m_out},
                                                 {QStringLiteral("from"), m_from},
                                                 {QStringLiteral("epochs"), m_epochs}})
                           .toJson());
            file.commit();
        }
        return;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return;
    }
    const QJsonObject state = QJsonDocument::fromJson(file.readAll()).object();
    m_out = state.value(QStringLiteral("out")).toString();
    m_from = state.value(QStringLiteral("from")).toString();
    m_epochs = state.value(QStringLiteral("epochs")).toInt(4);
    m_log = m_out + QStringLiteral(".log.jsonl");
    m_pid = state.value(QStringLiteral("pid")).toInteger();
    m_logOffset = 0;
    if (isRunning()) {
        emit statusMessage(tr("Reattached to the fine-tune writing %1").arg(QFileInfo(m_out).fileName()));
        m_startButton->setEnabled(false);
    }
    poll(); // replays the log; ends the run's state when it is gone
    if (isRunning()) {
        m_poll.start();
    }
}

void FinetunePanel::activate(const QString& checkpoint) {
    if (m_view && !checkpoint.isEmpty()) {
        m_view->setCheckpoint(checkpoint == defaultJudge() ? QString() : checkpoint);
        emit statusMessage(tr("Curves now drawn by %1").arg(QFileInfo(checkpoint).fileName()));
    }
}

bool FinetunePanel::rename(const QString& checkpoint, const QString& newName) {
    const QString target = QDir(QFileInfo(checkpoint).path()).filePath(newName + QStringLiteral(".safetensors"));
    if (QFileInfo::exists(target) || (checkpoint == m_out && isRunning())) {
        emit statusMessage(tr("Cannot rename to %1: it exists, or the checkpoint is being written").arg(target));
        return false;
    }
    if (!QFile::rename(checkpoint, target)) {
        emit statusMessage(tr("Cannot rename %1").arg(checkpoint));
        return false;
    }
    for (const QString& suffix : kCompanions) {
        QFile::rename(checkpoint + suffix, target + suffix);
    }
    refreshCheckpoints();
    return true;
}

bool FinetunePanel::remove(const QString& checkpoint) {
    if (checkpoint == m_out && isRunning()) {
        emit statusMessage(tr("Stop the run first: it is writing %1").arg(checkpoint));
        return false;
    }
    const bool removed = QFile::remove(checkpoint);
    for (const QString& suffix : kCompanions) {
        QFile::remove(checkpoint + suffix);
    }
    refreshCheckpoints();
    return removed;
}

void FinetunePanel::diff(const QString& oldCheckpoint, const QString& newCheckpoint) {
    m_diffOld = oldCheckpoint;
    m_diffNew = newCheckpoint;
    m_diffVideos.clear();
    try {
        QSqlQuery videos = m_connection.exec(QStringLiteral(
            "SELECT DISTINCT v.path FROM labels l JOIN pairs p ON p.id = l.pair_id JOIN videos v ON v.id IN "
            "(p.video_a, p.video_b) WHERE l.verdict IN ('A', 'B') ORDER BY v.path"));
        while (videos.next()) {
            m_diffVideos << videos.value(0).toString();
        }
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
                          QStringLiteral("--")};
    arguments << m_diffVideos;
    m_scoring.start(m_program, arguments);
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
