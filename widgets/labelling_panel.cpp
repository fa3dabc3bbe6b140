#include "widgets/labelling_panel.h"

#include "annotation/label_queue.h"

#include <QAction>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <cmath>

namespace svj::widgets {
namespace {

// The item's two videos as the panes show them: left, then right.
QStringList onScreen(const annotation::SessionItem& item) {
    return item.aOnLeft ? QStringList{item.pair.videoA.path, item.pair.videoB.path}
                        : QStringList{item.pair.videoB.path, item.pair.videoA.path};
}

// Watched "fully": every frame but a rounding's worth (the last frame of a clamped clock, say).
constexpr double kFullyWatched = 0.99;

QString choiceText(int choice) {
    switch (choice) {
    case 0:
        return LabellingPanel::tr("Left better");
    case 1:
        return LabellingPanel::tr("Right better");
    case 2:
        return LabellingPanel::tr("Tie");
    default:
        return LabellingPanel::tr("Both bad");
    }
}

} // namespace

LabellingPanel::LabellingPanel(annotation::Workspace& workspace, const QString& annotator, ComparisonView* view,
                               QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_session(std::make_unique<annotation::LabellingSession>(m_workspace, annotator))
    , m_view(view)
    , m_aspects(m_workspace.aspects()) {
    setAccessibleName(tr("Labelling"));
    auto* layout = new QVBoxLayout(this);

    auto* queueRow = new QHBoxLayout;
    auto* queueLabel = new QLabel(tr("&Queue:"), this);
    m_queueBox = new QComboBox(this);
    m_queueBox->setAccessibleName(tr("Queue"));
    m_queueBox->addItems({tr("My assignments"), tr("Gold checks"), tr("Judge disagreements"), tr("Flagged"),
                          tr("Contested pairs (a lead's final verdict)")});
    queueLabel->setBuddy(m_queueBox);
    queueRow->addWidget(queueLabel);
    queueRow->addWidget(m_queueBox, 1);
    layout->addLayout(queueRow);
    m_progressLabel = new QLabel(this);
    m_progressLabel->setWordWrap(true);
    m_progressBar = new QProgressBar(this);
    m_progressBar->setAccessibleName(tr("Labelling progress"));
    m_progressBar->setFormat(tr("%v of %m"));
    layout->addWidget(m_progressLabel);
    layout->addWidget(m_progressBar);
    m_assignButton = new QPushButton(tr("Assign Me the Remaining Pairs"), this);
    m_assignButton->setToolTip(tr("Every pair you have no assignment for yet, in a random order with random sides"));
    layout->addWidget(m_assignButton);

    m_itemLabel = new QLabel(this);
    m_itemLabel->setWordWrap(true);
    m_itemLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_itemLabel);
    m_watchLabel = new QLabel(this);
    m_watchLabel->setWordWrap(true);
    layout->addWidget(m_watchLabel);

    auto* verdicts = new QGroupBox(tr("Verdict (stores and moves on)"), this);
    auto* verdictGrid = new QGridLayout(verdicts);
    for (int choice = 0; choice < 4; ++choice) {
        auto* button = new QPushButton(QStringLiteral("%1  %2").arg(choice + 1).arg(choiceText(choice)), verdicts);
        button->setAccessibleName(choiceText(choice));
        // A click leaves the keys with the players; Tab still reaches the button (Space presses it).
        button->setFocusPolicy(Qt::TabFocus);
        connect(button, &QPushButton::clicked, this, [this, choice] { voteSide(choice); });
        verdictGrid->addWidget(button, choice / 2, choice % 2);
        m_verdictButtons << button;
    }
    layout->addWidget(verdicts);

    if (!m_aspects.isEmpty()) {
        auto* aspects = new QGroupBox(tr("Aspects (Alt+↑/↓ choose, Alt+1…4 set)"), this);
        auto* form = new QFormLayout(aspects);
        for (qsizetype aspect = 0; aspect < m_aspects.size(); ++aspect) {
            auto* row = new QWidget(aspects);
            auto* rowLayout = new QHBoxLayout(row);
            rowLayout->setContentsMargins(0, 0, 0, 0);
            auto* group = new QButtonGroup(row);
            for (int choice = 0; choice < 4; ++choice) {
                auto* button =
                    new QPushButton(QStringList{tr("Left"), tr("Right"), tr("Tie"), tr("Both bad")}[choice], row);
                button->setCheckable(true);
                button->setFocusPolicy(Qt::TabFocus);
                button->setAccessibleName(tr("%1: %2").arg(m_aspects[aspect], choiceText(choice)));
                group->addButton(button, choice);
                rowLayout->addWidget(button);
            }
            connect(group, &QButtonGroup::idClicked, this,
                    [this, aspect](int choice) { setAspectChoice(static_cast<int>(aspect), choice); });
            auto* label = new QLabel(m_aspects[aspect], aspects);
            form->addRow(label, row);
            m_aspectGroups << group;
            m_aspectLabels << label;
        }
        layout->addWidget(aspects);
    }

    auto* evidence = new QGroupBox(tr("Evidence (E: on the left at the playhead, Shift+E: on the right)"), this);
    auto* evidenceLayout = new QVBoxLayout(evidence);
    m_evidenceList = new QListWidget(evidence);
    m_evidenceList->setAccessibleName(tr("Evidence marks"));
    m_evidenceList->setMaximumHeight(90);
    evidenceLayout->addWidget(m_evidenceList);
    m_noteEdit = new QLineEdit(evidence);
    m_noteEdit->setAccessibleName(tr("Note for the evidence mark"));
    m_noteEdit->setPlaceholderText(tr("What is wrong here? Enter keeps it, Esc leaves the mark without a note"));
    m_noteEdit->hide();
    m_noteEdit->installEventFilter(this);
    evidenceLayout->addWidget(m_noteEdit);
    connect(m_noteEdit, &QLineEdit::returnPressed, this, [this] {
        setLastEvidenceNote(m_noteEdit->text().trimmed());
        m_noteEdit->hide();
        m_view->setFocus();
    });
    layout->addWidget(evidence);
    auto* commentRow = new QHBoxLayout;
    auto* commentLabel = new QLabel(tr("&Comment:"), this);
    m_comment = new QLineEdit(this);
    m_comment->setAccessibleName(tr("Comment"));
    m_comment->setPlaceholderText(tr("C to write, Enter to go back to the videos"));
    commentLabel->setBuddy(m_comment);
    commentRow->addWidget(commentLabel);
    commentRow->addWidget(m_comment, 1);
    layout->addLayout(commentRow);
    connect(m_comment, &QLineEdit::returnPressed, m_view.data(), [this] { m_view->setFocus(); });

    m_mustWatchBox = new QCheckBox(tr("Must watch both videos to the end before voting"), this);
    m_mustWatchBox->setChecked(m_mustWatch);
    connect(m_mustWatchBox, &QCheckBox::toggled, this, [this](bool on) {
        setMustWatch(on);
        emit mustWatchChanged(on);
    });
    m_showJudgeBox = new QCheckBox(tr("Show the judge's curves while voting"), this);
    connect(m_showJudgeBox, &QCheckBox::toggled, this, [this](bool on) {
        setShowJudge(on);
        emit showJudgeChanged(on);
    });
    layout->addWidget(m_mustWatchBox);
    layout->addWidget(m_showJudgeBox);
    layout->addStretch(1);

    createActions();
    m_view->setJudgeVisible(m_showJudge);
    connect(m_queueBox, &QComboBox::activated, this, &LabellingPanel::setQueue);
    connect(m_assignButton, &QPushButton::clicked, this, &LabellingPanel::assignMePairs);
    connect(m_view.data(), &ComparisonView::timeChanged, this, &LabellingPanel::onTimeChanged);
    showCurrent();
}

LabellingPanel::~LabellingPanel() {
    if (m_preload.valid()) {
        m_preload.wait();
    }
    if (m_view) {
        m_view->setJudgeVisible(true); // the comparison view stays for videos opened without a workspace
    }
}

void LabellingPanel::createActions() {
    const auto add = [this](const QString& text, const QKeySequence& key, const char* name, auto slot) {
        auto* action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WindowShortcut);
        action->setObjectName(QString::fromLatin1(name));
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        m_actions << action;
        return action;
    };
    const char* const voteNames[] = {"voteLeft", "voteRight", "voteTie", "voteBothBad"};
    for (int choice = 0; choice < 4; ++choice) {
        add(choiceText(choice), QKeySequence(Qt::Key_1 + choice), voteNames[choice],
            [this, choice] { voteSide(choice); });
    }
    for (int choice = 0; choice < 4; ++choice) {
        add(tr("Aspect: %1").arg(choiceText(choice)), QKeySequence(Qt::ALT | (Qt::Key_1 + choice)), "",
            [this, choice] { setAspectChoice(m_selectedAspect, choice); });
    }
    add(tr("Previous Aspect"), QKeySequence(Qt::ALT | Qt::Key_Up), "previousAspect",
        [this] { selectAspect(m_selectedAspect - 1); });
    add(tr("Next Aspect"), QKeySequence(Qt::ALT | Qt::Key_Down), "nextAspect",
        [this] { selectAspect(m_selectedAspect + 1); });
    // The mark is made at once; its note is typed after (or not: Esc).
    const auto mark = [this](int side) {
        addEvidence(side, {});
        if (!m_evidence.isEmpty()) {
            m_noteEdit->clear();
            m_noteEdit->show();
            m_noteEdit->setFocus();
        }
    };
    add(tr("Evidence on the Left Here"), QKeySequence(Qt::Key_E), "evidenceLeft", [mark] { mark(0); });
    add(tr("Evidence on the Right Here"), QKeySequence(Qt::SHIFT | Qt::Key_E), "evidenceRight", [mark] { mark(1); });
    add(tr("Write a Comment"), QKeySequence(Qt::Key_C), "comment", [this] { m_comment->setFocus(); });
    add(tr("Skip"), QKeySequence(Qt::Key_S), "skip", [this] { skip(); });
    add(tr("Flag for Review"), QKeySequence(Qt::SHIFT | Qt::Key_F), "flag", [this] { flag(); });
    add(tr("Back to the Queue"), QKeySequence(Qt::CTRL | Qt::Key_Return), "backToQueue", [this] { backToQueue(); });
    // Every binding the platform has for undo and redo (Ctrl+Shift+Z and Ctrl+Y), not only the first.
    add(tr("Undo"), QKeySequence::Undo, "undo", [this] { undo(); })->setShortcuts(QKeySequence::Undo);
    add(tr("Redo"), QKeySequence::Redo, "redo", [this] { redo(); })->setShortcuts(QKeySequence::Redo);
}

QAction* LabellingPanel::action(const QString& objectName) const {
    for (QAction* action : m_actions) {
        if (action->objectName() == objectName) {
            return action;
        }
    }
    return nullptr;
}

void LabellingPanel::setMustWatch(bool on) {
    m_mustWatch = on;
    {
        const QSignalBlocker quiet(m_mustWatchBox); // only the user's clicks are a changed preference
        m_mustWatchBox->setChecked(on);
    }
    updateWatch();
}

void LabellingPanel::setShowJudge(bool on) {
    m_showJudge = on;
    {
        const QSignalBlocker quiet(m_showJudgeBox);
        m_showJudgeBox->setChecked(on);
    }
    m_view->setJudgeVisible(on);
    if (on && m_shownPair != 0) {
        m_view->scoreVideos();
    } else if (!on) {
        m_view->scoreJob().cancel();
        for (int video = 0; video < m_view->videoCount(); ++video) {
            m_view->setCurve(video, {});
        }
    }
}

annotation::Verdict LabellingPanel::verdictOf(int choice) const {
    const bool aOnLeft = m_session->current() ? m_session->current()->aOnLeft : true;
    switch (choice) {
    case 0:
        return aOnLeft ? annotation::Verdict::A : annotation::Verdict::B;
    case 1:
        return aOnLeft ? annotation::Verdict::B : annotation::Verdict::A;
    case 2:
        return annotation::Verdict::Tie;
    default:
        return annotation::Verdict::BothBad;
    }
}

void LabellingPanel::showCurrent() {
    const std::optional<annotation::SessionItem>& item = m_session->current();
    updateProgress();
    resetChoices();
    if (!item) {
        m_shownPair = 0;
        m_itemLabel->setText(
            m_session->queue() == annotation::QueueKind::Assigned
                ? tr("<b>Nothing left in your queue.</b> Assign yourself pairs, or pick another queue.")
                : tr("<b>This queue is empty.</b>"));
        m_watch.reset({});
        updateWatch();
        emit itemShown(0);
        return;
    }
    const QStringList paths = onScreen(*item);
    ComparisonView::Probed probed;
    if (m_preloadedPair == item->pair.id && m_preload.valid()) {
        probed = m_preload.get();
    } else {
        probed = ComparisonView::probeVideos(paths, {tr("Left"), tr("Right")});
    }
    m_preloadedPair = 0;
    QString text = tr("<b>Pair %1</b>").arg(item->pair.id);
    if (!item->pair.prompt.isEmpty()) {
        text += tr("<br>Prompt: %1").arg(item->pair.prompt.toHtmlEscaped());
    }
    if (!item->reason.isEmpty()) {
        text += QStringLiteral("<br><i>%1</i>").arg(item->reason.toHtmlEscaped());
    }
    if (!probed.error.isEmpty()) {
        text += tr("<br><span style='color:#d55e00'>Cannot show this pair: %1 (S skips it)</span>")
                    .arg(probed.error.toHtmlEscaped());
        emit statusMessage(tr("Cannot show pair %1: %2").arg(item->pair.id).arg(probed.error));
    } else {
        std::vector<int64_t> frames;
        for (const VideoTrack& track : probed.tracks) {
            frames.push_back(static_cast<int64_t>(track.ptsUs.size()));
        }
        m_view->openTracks(std::move(probed.tracks));
        m_watch.reset(frames);
        m_lastFrame = -1;
        onTimeChanged(m_view->timeUs());
        if (m_showJudge) {
            m_view->scoreVideos();
        }
    }
    m_itemLabel->setText(text);
    m_shownPair = item->pair.id;
    m_onItem.restart();
    updateWatch();
    preloadFollowing();
    emit itemShown(item->pair.id);
}

void LabellingPanel::preloadFollowing() {
    if (m_preload.valid()) {
        m_preload.wait(); // an older preload (for a pair no longer next) finishes first
        m_preload = {};
    }
    const std::optional<annotation::SessionItem> next = m_preloadEnabled ? m_session->following() : std::nullopt;
    if (!next) {
        m_preloadedPair = 0;
        return;
    }
    const QStringList paths = onScreen(*next);
    const QStringList names{tr("Left"), tr("Right")};
    m_preloadedPair = next->pair.id;
    const qint64 pair = next->pair.id;
    m_preload = std::async(std::launch::async, [this, paths, names, pair] {
        ComparisonView::Probed probed = ComparisonView::probeVideos(paths, names);
        if (probed.error.isEmpty()) {
            // Back on the GUI thread: the view decodes the first frames (dropped if the panel is gone by then).
            QMetaObject::invokeMethod(
                this,
                [this, tracks = probed.tracks, pair] {
                    if (m_view && m_preloadedPair == pair) {
                        m_view->prepareTracks(tracks);
                    }
                },
                Qt::QueuedConnection);
        }
        return probed;
    });
}

void LabellingPanel::updateProgress() {
    const annotation::QueueProgress progress = m_session->progress();
    const bool assigned = m_session->queue() == annotation::QueueKind::Assigned;
    m_assignButton->setVisible(assigned && !m_session->current());
    if (assigned) {
        m_progressBar->setRange(0, std::max(1, progress.assigned));
        m_progressBar->setValue(progress.labelled);
        m_progressLabel->setText(tr("%1 as %2: %3 of %4 labelled, %5 skipped, %6 flagged · %7 an hour")
                                     .arg(QFileInfo(m_workspace.path()).fileName(), m_session->annotator())
                                     .arg(progress.labelled)
                                     .arg(progress.assigned)
                                     .arg(progress.skipped)
                                     .arg(progress.flagged)
                                     .arg(m_session->votesThisSession() > 0
                                              ? QString::number(std::lround(m_session->itemsPerHour()))
                                              : QStringLiteral("—")));
    } else {
        m_progressBar->setRange(0, 1);
        m_progressBar->setValue(0);
        m_progressLabel->setText(tr("%n item(s) left in this queue", nullptr, m_session->remaining()));
    }
}

void LabellingPanel::onTimeChanged(qint64) {
    if (m_watch.videoCount() == 0 || m_view->videoCount() != m_watch.videoCount()) {
        return;
    }
    std::vector<int64_t> frames;
    for (int video = 0; video < m_view->videoCount(); ++video) {
        frames.push_back(m_view->wantedFrame(video));
    }
    const bool continuous = m_view->isPlaying() || (m_lastFrame >= 0 && std::llabs(frames[0] - m_lastFrame) <= 1);
    const int before = static_cast<int>(100 * m_watch.fraction(0)) + 1000 * static_cast<int>(100 * m_watch.fraction(1));
    m_watch.visit(frames, continuous);
    m_lastFrame = frames[0];
    const int after = static_cast<int>(100 * m_watch.fraction(0)) + 1000 * static_cast<int>(100 * m_watch.fraction(1));
    if (after != before) {
        updateWatch();
    }
}

void LabellingPanel::updateWatch() {
    if (m_watch.videoCount() < 2) {
        m_watchLabel->clear();
        for (QPushButton* button : m_verdictButtons) {
            button->setEnabled(false); // nothing on screen to vote on
        }
        return;
    }
    const bool ready = m_watch.fraction(0) >= kFullyWatched && m_watch.fraction(1) >= kFullyWatched;
    QString text = tr("Watched: left %1 %, right %2 %")
                       .arg(std::floor(100 * m_watch.fraction(0)))
                       .arg(std::floor(100 * m_watch.fraction(1)));
    if (m_mustWatch) {
        text += ready ? tr(" · ready to vote") : tr(" · play both to the end to vote (Space)");
    }
    m_watchLabel->setText(text);
    for (QPushButton* button : m_verdictButtons) {
        button->setEnabled(!m_mustWatch || ready);
    }
}

void LabellingPanel::resetChoices() {
    m_aspectChoices = QVector<int>(m_aspects.size(), -1);
    for (QButtonGroup* group : m_aspectGroups) {
        group->setExclusive(false);
        for (QAbstractButton* button : group->buttons()) {
            button->setChecked(false);
        }
        group->setExclusive(true);
    }
    m_evidence = QJsonArray();
    m_evidenceList->clear();
    m_comment->clear();
    m_noteEdit->hide();
    selectAspect(0);
}

void LabellingPanel::voteSide(int choice) {
    const std::optional<annotation::SessionItem>& item = m_session->current();
    if (!item || choice < 0 || choice > 3) {
        emit statusMessage(tr("Nothing to vote on"));
        return;
    }
    if (!showingCurrent()) {
        emit statusMessage(
            tr("The players show another pair now: Ctrl+Return brings back pair %1 to vote on").arg(item->pair.id));
        return;
    }
    const double left = m_watch.fraction(0);
    const double right = m_watch.fraction(1);
    if (m_mustWatch && (left < kFullyWatched || right < kFullyWatched)) {
        emit statusMessage(tr("Not counted yet: watch both videos to the end first (left %1 %, right %2 %; Space "
                              "plays)")
                               .arg(std::floor(100 * left))
                               .arg(std::floor(100 * right)));
        return;
    }
    annotation::Vote vote;
    vote.verdict = verdictOf(choice);
    for (qsizetype aspect = 0; aspect < m_aspects.size(); ++aspect) {
        if (m_aspectChoices[aspect] >= 0) {
            vote.aspects.insert(m_aspects[aspect], verdictOf(m_aspectChoices[aspect]));
        }
    }
    vote.comment = m_comment->text().trimmed();
    if (!m_evidence.isEmpty()) {
        vote.evidenceJson = QString::fromUtf8(QJsonDocument(m_evidence).toJson(QJsonDocument::Compact));
    }
    vote.watchedA = item->aOnLeft ? left : right;
    vote.watchedB = item->aOnLeft ? right : left;
    vote.secondsSpent = static_cast<double>(m_onItem.elapsed()) / 1000.0;
    try {
        m_session->vote(vote);
    } catch (const std::exception& error) {
        emit statusMessage(tr("The vote was not stored: %1").arg(QString::fromUtf8(error.what())));
        return;
    }
    emit statusMessage(
        tr("Stored \"%1\" for pair %2 (Ctrl+Z takes it back)").arg(choiceText(choice)).arg(item->pair.id));
    showCurrent();
}

bool LabellingPanel::showingCurrent() const {
    const std::optional<annotation::SessionItem>& item = m_session->current();
    if (!item || !m_view || m_view->videoCount() != 2) {
        return false;
    }
    const QStringList paths = onScreen(*item);
    return m_view->timeline().tracks()[0].path == paths[0] && m_view->timeline().tracks()[1].path == paths[1];
}

void LabellingPanel::backToQueue() {
    m_view->setJudgeVisible(m_showJudge);
    showCurrent();
}

void LabellingPanel::setAspectChoice(int aspect, int choice) {
    if (aspect < 0 || aspect >= m_aspectChoices.size() || choice < 0 || choice > 3) {
        return;
    }
    m_aspectChoices[aspect] = choice;
    m_aspectGroups[aspect]->button(choice)->setChecked(true);
    selectAspect(aspect + 1 < m_aspectChoices.size() ? aspect + 1 : aspect); // on to the next row
}

void LabellingPanel::selectAspect(int aspect) {
    if (m_aspectLabels.isEmpty()) {
        return;
    }
    m_selectedAspect = std::clamp(aspect, 0, static_cast<int>(m_aspectLabels.size()) - 1);
    for (qsizetype row = 0; row < m_aspectLabels.size(); ++row) {
        QFont font = m_aspectLabels[row]->font();
        font.setBold(row == m_selectedAspect);
        m_aspectLabels[row]->setFont(font);
        m_aspectLabels[row]->setText(row == m_selectedAspect ? QStringLiteral("▶ ") + m_aspects[row] : m_aspects[row]);
    }
}

void LabellingPanel::addEvidence(int side, const QString& note) {
    const std::optional<annotation::SessionItem>& item = m_session->current();
    if (!item || m_view->videoCount() < 2) {
        return;
    }
    const VideoTrack& track = m_view->timeline().tracks()[static_cast<size_t>(side)];
    const int64_t frame = m_view->wantedFrame(side);
    const double seconds = static_cast<double>(track.ptsUs[static_cast<size_t>(frame)]) / 1e6;
    const bool isA = (side == 0) == item->aOnLeft;
    QJsonObject mark{{QStringLiteral("t"), seconds},
                     {QStringLiteral("frame"), static_cast<qint64>(frame)},
                     {QStringLiteral("side"), isA ? QStringLiteral("A") : QStringLiteral("B")}};
    if (!note.isEmpty()) {
        mark.insert(QStringLiteral("note"), note);
    }
    m_evidence.append(mark);
    auto* entry = new QListWidgetItem(tr("%1 s · %2 · frame %3%4")
                                          .arg(seconds, 0, 'f', 2)
                                          .arg(side == 0 ? tr("left") : tr("right"))
                                          .arg(frame)
                                          .arg(note.isEmpty() ? QString() : QStringLiteral(" · ") + note),
                                      m_evidenceList);
    entry->setData(Qt::UserRole, static_cast<int>(m_evidence.size() - 1));
    m_evidenceList->scrollToItem(entry);
    // Whole sentences per side: other languages decline "left" with the noun.
    emit statusMessage(
        (side == 0 ? tr("Artifact marked on the left video at %1 s") : tr("Artifact marked on the right video at %1 s"))
            .arg(seconds, 0, 'f', 2));
}

void LabellingPanel::setLastEvidenceNote(const QString& note) {
    if (m_evidence.isEmpty() || note.isEmpty()) {
        return;
    }
    QJsonObject mark = m_evidence.last().toObject();
    mark.insert(QStringLiteral("note"), note);
    m_evidence.replace(m_evidence.size() - 1, mark);
    if (QListWidgetItem* entry = m_evidenceList->item(m_evidenceList->count() - 1)) {
        entry->setText(entry->text() + QStringLiteral(" · ") + note);
    }
}

bool LabellingPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_noteEdit && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        m_noteEdit->hide();
        m_view->setFocus();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void LabellingPanel::skip() {
    try {
        m_session->skip();
    } catch (const std::exception& error) {
        emit statusMessage(QString::fromUtf8(error.what()));
        return;
    }
    emit statusMessage(tr("Skipped (Ctrl+Z brings it back)"));
    showCurrent();
}

void LabellingPanel::flag() {
    try {
        m_session->flag();
    } catch (const std::exception& error) {
        emit statusMessage(QString::fromUtf8(error.what()));
        return;
    }
    emit statusMessage(tr("Flagged for a lead's review (Ctrl+Z takes it back)"));
    showCurrent();
}

void LabellingPanel::undo() {
    stepHistory(true);
}

void LabellingPanel::redo() {
    stepHistory(false);
}

void LabellingPanel::stepHistory(bool back) {
    try {
        const QString what = back ? m_session->undo() : m_session->redo();
        if (what.isEmpty()) {
            emit statusMessage(back ? tr("Nothing to undo") : tr("Nothing to redo"));
            return;
        }
        emit statusMessage(back ? tr("Undone: %1").arg(what) : tr("Redone: %1").arg(what));
        showCurrent();
    } catch (const std::exception& error) {
        emit statusMessage(QString::fromUtf8(error.what()));
    }
}

void LabellingPanel::setQueue(int kind) {
    m_queueBox->setCurrentIndex(kind);
    try {
        m_session->setQueue(static_cast<annotation::QueueKind>(kind), m_view->checkpoint());
    } catch (const std::exception& error) {
        emit statusMessage(QString::fromUtf8(error.what()));
        return;
    }
    showCurrent();
}

void LabellingPanel::refreshQueue() {
    setQueue(m_queueBox->currentIndex());
}

void LabellingPanel::assignMePairs() {
    try {
        annotation::LabelQueue queue(m_workspace);
        QStringList everyone = queue.annotators();
        if (!everyone.contains(m_session->annotator())) {
            everyone << m_session->annotator();
        }
        const int made = queue.assign({m_session->annotator()}, static_cast<int>(everyone.size()),
                                      QRandomGenerator::global()->generate64());
        emit statusMessage(tr("%n pair(s) assigned to you", nullptr, made));
    } catch (const std::exception& error) {
        emit statusMessage(QString::fromUtf8(error.what()));
        return;
    }
    m_session->setQueue(annotation::QueueKind::Assigned);
    showCurrent();
}

} // namespace svj::widgets
