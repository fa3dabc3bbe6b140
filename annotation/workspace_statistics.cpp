#include "annotation/workspace_statistics.h"

#include "annotation/agreement.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSqlQuery>

#include <cmath>
#include <map>

namespace svj::annotation {
namespace {

constexpr int kCategories = 4; // A, B, tie, both-bad
const QString kJudgeRater = QStringLiteral("judge");

// One rating: pair, rater, category per aspect ("" = overall).
struct Rating {
    qint64 pair = 0;
    QString rater;
    QMap<QString, int> categories;
};

AgreementFigures agreementOn(const QString& aspect, const QVector<Rating>& ratings) {
    AgreementFigures figures;
    figures.aspect = aspect.isEmpty() ? QStringLiteral("overall") : aspect;
    const QString key = aspect;
    // unit (pair) -> rater -> category
    std::map<qint64, QMap<QString, int>> units;
    QStringList raters;
    for (const Rating& rating : ratings) {
        const auto it = rating.categories.find(key);
        if (it == rating.categories.end()) {
            continue;
        }
        units[rating.pair].insert(rating.rater, it.value());
        if (!raters.contains(rating.rater)) {
            raters.append(rating.rater);
        }
    }
    std::vector<std::vector<int>> matrix;
    std::map<int, int> ratingCounts;
    for (const auto& [pair, byRater] : units) {
        if (byRater.size() < 2) {
            continue;
        }
        ++figures.items;
        std::vector<int> row;
        for (const QString& rater : raters) {
            row.push_back(byRater.value(rater, -1));
        }
        matrix.push_back(row);
        ++ratingCounts[static_cast<int>(byRater.size())];
    }
    figures.krippendorffAlpha = krippendorffAlphaNominal(matrix);
    // Fleiss needs equal numbers of ratings per item: the most common number.
    int modal = 0;
    int modalCount = 0;
    for (const auto& [count, items] : ratingCounts) {
        if (items > modalCount) {
            modal = count;
            modalCount = items;
        }
    }
    std::vector<std::vector<int>> counts;
    for (const std::vector<int>& row : matrix) {
        std::vector<int> perCategory(kCategories, 0);
        int rated = 0;
        for (const int value : row) {
            if (value >= 0) {
                ++perCategory[static_cast<size_t>(value)];
                ++rated;
            }
        }
        if (rated == modal) {
            counts.push_back(perCategory);
        }
    }
    figures.fleissItems = static_cast<int>(counts.size());
    figures.fleissKappa = counts.empty() ? NAN : fleissKappa(counts);
    for (qsizetype i = 0; i < raters.size(); ++i) {
        for (qsizetype j = i + 1; j < raters.size(); ++j) {
            std::vector<int> a;
            std::vector<int> b;
            for (const auto& [pair, byRater] : units) {
                if (byRater.contains(raters[i]) && byRater.contains(raters[j])) {
                    a.push_back(byRater.value(raters[i]));
                    b.push_back(byRater.value(raters[j]));
                }
            }
            if (!a.empty()) {
                figures.pairs.append({raters[i], raters[j], static_cast<int>(a.size()), cohenKappa(a, b, kCategories)});
            }
        }
    }
    return figures;
}

} // namespace

WorkspaceStatistics computeStatistics(const Workspace& workspace) {
    WorkspaceStatistics statistics;
    statistics.pairs = workspace.scalar(QStringLiteral("SELECT COUNT(*) FROM pairs")).toInt();
    QVector<Rating> ratings;
    QStringList aspects;
    QMap<QString, AnnotatorFigures> annotators;
    QHash<QString, int> goldRight;
    QHash<QString, int> leftPicks;
    // Standing labels with what each needs: the pair's gold answer, the screen side, the models.
    QSqlQuery query = workspace.exec(QStringLiteral(
        "SELECT l.pair_id, an.name, l.verdict, l.aspects, l.a_on_left, p.origin, p.gold_answer, va.model, vb.model "
        "FROM labels l JOIN annotators an ON an.id = l.annotator_id JOIN pairs p ON p.id = l.pair_id "
        "JOIN videos va ON va.id = p.video_a JOIN videos vb ON vb.id = p.video_b "
        "WHERE l.verdict <> 'undone' AND NOT EXISTS (SELECT 1 FROM labels s WHERE s.supersedes = l.id) "
        "ORDER BY l.id"));
    QStringList models;
    std::vector<Comparison> comparisons;
    while (query.next()) {
        const std::optional<Verdict> verdict = parseVerdict(query.value(2).toString());
        if (!verdict) {
            continue;
        }
        ++statistics.labels;
        Rating rating;
        rating.pair = query.value(0).toLongLong();
        rating.rater = query.value(1).toString();
        rating.categories.insert(QString(), static_cast<int>(*verdict));
        const QJsonObject aspectVerdicts = QJsonDocument::fromJson(query.value(3).toString().toUtf8()).object();
        for (auto it = aspectVerdicts.begin(); it != aspectVerdicts.end(); ++it) {
            if (const std::optional<Verdict> aspect = parseVerdict(it.value().toString())) {
                rating.categories.insert(it.key(), static_cast<int>(*aspect));
                if (!aspects.contains(it.key())) {
                    aspects.append(it.key());
                }
            }
        }
        ratings.append(rating);
        AnnotatorFigures& figures = annotators[rating.rater];
        figures.name = rating.rater;
        ++figures.labels;
        if (query.value(5).toString() == QLatin1String("gold") && !query.value(6).isNull()) {
            ++figures.goldLabels;
            goldRight[rating.rater] += parseVerdict(query.value(6).toString()) == verdict ? 1 : 0;
        }
        const bool decisive = *verdict == Verdict::A || *verdict == Verdict::B;
        if (decisive && !query.value(4).isNull()) {
            ++figures.sidedDecisive;
            const bool aOnLeft = query.value(4).toInt() != 0;
            leftPicks[rating.rater] += (*verdict == Verdict::A) == aOnLeft ? 1 : 0;
        }
        // The leaderboard: pairs whose two videos name their generators.
        const QString modelA = query.value(7).toString();
        const QString modelB = query.value(8).toString();
        if (!modelA.isEmpty() && !modelB.isEmpty() && modelA != modelB) {
            for (const QString& model : {modelA, modelB}) {
                if (!models.contains(model)) {
                    models.append(model);
                }
            }
            comparisons.push_back({static_cast<int>(models.indexOf(modelA)), static_cast<int>(models.indexOf(modelB)),
                                   *verdict == Verdict::A   ? 0
                                   : *verdict == Verdict::B ? 1
                                                            : 2});
        }
    }
    // The judge as one more rater: its newest scores with the checkpoint that scored the most videos.
    const QVariant checkpoint = workspace.scalar(QStringLiteral(
        "SELECT checkpoint_id FROM judge_scores GROUP BY checkpoint_id ORDER BY COUNT(DISTINCT video_id) DESC, "
        "MAX(id) DESC LIMIT 1"));
    const QVector<Rating> humanRatings = ratings;
    if (checkpoint.isValid()) {
        statistics.judge =
            workspace.scalar(QStringLiteral("SELECT path FROM checkpoints WHERE id = ?"), {checkpoint}).toString();
        QSqlQuery judged = workspace.exec(
            QStringLiteral("SELECT p.id, "
                           "(SELECT COALESCE(s.reward, -s.energy) FROM judge_scores s WHERE s.video_id = p.video_a "
                           " AND s.checkpoint_id = ? ORDER BY s.id DESC LIMIT 1), "
                           "(SELECT COALESCE(s.reward, -s.energy) FROM judge_scores s WHERE s.video_id = p.video_b "
                           " AND s.checkpoint_id = ? ORDER BY s.id DESC LIMIT 1) FROM pairs p"),
            {checkpoint, checkpoint});
        while (judged.next()) {
            if (judged.value(1).isNull() || judged.value(2).isNull()) {
                continue;
            }
            const double margin = judged.value(1).toDouble() - judged.value(2).toDouble();
            Rating rating;
            rating.pair = judged.value(0).toLongLong();
            rating.rater = kJudgeRater;
            rating.categories.insert(QString(), static_cast<int>(margin > 0   ? Verdict::A
                                                                 : margin < 0 ? Verdict::B
                                                                              : Verdict::Tie));
            ratings.append(rating);
        }
    }
    statistics.agreement.append(agreementOn(QString(), humanRatings));
    if (ratings.size() > humanRatings.size()) {
        AgreementFigures withJudge = agreementOn(QString(), ratings);
        withJudge.aspect = QStringLiteral("overall, judge as a rater");
        statistics.agreement.append(withJudge);
    }
    for (const QString& aspect : aspects) {
        statistics.agreement.append(agreementOn(aspect, humanRatings));
    }
    for (AnnotatorFigures& figures : annotators) {
        figures.goldAccuracy =
            figures.goldLabels > 0 ? static_cast<double>(goldRight.value(figures.name)) / figures.goldLabels : NAN;
        figures.leftPickRate = figures.sidedDecisive > 0
                                   ? static_cast<double>(leftPicks.value(figures.name)) / figures.sidedDecisive
                                   : NAN;
        statistics.annotators.append(figures);
    }
    if (!models.isEmpty()) {
        const Leaderboard board = fitLeaderboard(static_cast<int>(models.size()), comparisons);
        statistics.tieStrength = board.tieStrength;
        for (const LeaderboardEntry& entry : board.entries) {
            statistics.leaderboard.append({models[entry.model], entry});
        }
    }
    return statistics;
}

} // namespace svj::annotation
