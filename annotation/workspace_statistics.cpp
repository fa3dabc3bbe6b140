#include "annotation/workspace_statistics.h"

#include "annotation/agreement.h"
#include "annotation/workspace_sql.h"

#include <QHash>
#include <QMap>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>
#include <map>

namespace svj::annotation {
namespace {

constexpr int kCategories = 4; // A, B, tie, both-bad
const QString kJudgeRater = QStringLiteral("judge");

// One rating of one aspect (0: the overall verdict): raters and aspects by index, so 100,000 labels are
// plain integers, not strings and maps.
struct Rating {
    qint64 pair = 0;
    int rater = 0;
    int aspect = 0;
    int category = 0;
};

AgreementFigures agreementOn(int aspect, const QString& name, const std::vector<Rating>& ratings,
                             const QStringList& raterNames) {
    AgreementFigures figures;
    figures.aspect = name;
    // The aspect's ratings grouped by unit (pair) by one stable sort: no container per pair, which at 100,000
    // pairs cost more than the statistics themselves.
    std::vector<const Rating*> mine;
    for (const Rating& rating : ratings) {
        if (rating.aspect == aspect) {
            mine.push_back(&rating);
        }
    }
    std::stable_sort(mine.begin(), mine.end(), [](const Rating* x, const Rating* y) { return x->pair < y->pair; });
    std::vector<std::vector<int>> matrix;
    std::map<int, int> ratingCounts;
    std::map<std::pair<int, int>, std::pair<std::vector<int>, std::vector<int>>> byRaterPair;
    for (size_t begin = 0; begin < mine.size();) {
        size_t end = begin + 1;
        while (end < mine.size() && mine[end]->pair == mine[begin]->pair) {
            ++end;
        }
        const size_t rated = end - begin;
        if (rated < 2) {
            begin = end;
            continue;
        }
        ++figures.items;
        std::vector<int> row(static_cast<size_t>(raterNames.size()), -1);
        for (size_t k = begin; k < end; ++k) {
            row[static_cast<size_t>(mine[k]->rater)] = mine[k]->category;
        }
        begin = end;
        ++ratingCounts[static_cast<int>(rated)];
        for (size_t i = 0; i < row.size(); ++i) {
            for (size_t j = i + 1; j < row.size() && row[i] >= 0; ++j) {
                if (row[j] >= 0) {
                    auto& [first, second] = byRaterPair[{static_cast<int>(i), static_cast<int>(j)}];
                    first.push_back(row[i]);
                    second.push_back(row[j]);
                }
            }
        }
        matrix.push_back(std::move(row));
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
    for (const auto& [raters, values] : byRaterPair) {
        figures.pairs.append({raterNames[raters.first], raterNames[raters.second],
                              static_cast<int>(values.first.size()),
                              cohenKappa(values.first, values.second, kCategories)});
    }
    return figures;
}

struct JudgeTies {
    double threshold = 0.0;
    double accuracy = NAN;
    int labels = 0;
};

// The tie threshold that makes the judge's accuracy with ties on the human labels (overall verdicts; both-bad as a
// tie) highest, the smallest of equals. A human tie is right when |margin| <= e, a decisive label when |margin| > e
// and the sign agrees: sorted by |margin|, raising e past each one changes one prediction, so one pass.
JudgeTies judgeTieThreshold(const std::vector<Rating>& human, const QHash<qint64, double>& margins) {
    struct Item {
        double size;
        bool tie;
        bool signRight;
    };
    std::vector<Item> items;
    for (const Rating& rating : human) {
        const auto margin = margins.constFind(rating.pair);
        if (rating.aspect != 0 || margin == margins.constEnd()) {
            continue;
        }
        const auto verdict = static_cast<Verdict>(rating.category);
        const bool tie = verdict == Verdict::Tie || verdict == Verdict::BothBad;
        items.push_back(
            {std::abs(margin.value()), tie,
             (verdict == Verdict::A && margin.value() > 0) || (verdict == Verdict::B && margin.value() < 0)});
    }
    JudgeTies best;
    best.labels = static_cast<int>(items.size());
    if (items.empty()) {
        return best;
    }
    std::sort(items.begin(), items.end(), [](const Item& x, const Item& y) { return x.size < y.size; });
    // e = 0: a margin of exactly zero is a tie, every other one a vote.
    int right = 0;
    for (const Item& item : items) {
        right += item.size <= 0 ? (item.tie ? 1 : 0) : (!item.tie && item.signRight ? 1 : 0);
    }
    int bestRight = right;
    for (size_t i = 0; i < items.size(); ++i) {
        if (items[i].size <= 0) {
            continue;
        }
        // e reaches items[i].size: this item's prediction turns from a vote into a tie.
        right += (items[i].tie ? 1 : 0) - (!items[i].tie && items[i].signRight ? 1 : 0);
        const bool lastOfItsSize = i + 1 == items.size() || items[i + 1].size != items[i].size;
        if (lastOfItsSize && right > bestRight) {
            bestRight = right;
            best.threshold = items[i].size;
        }
    }
    best.accuracy = static_cast<double>(bestRight) / static_cast<double>(items.size());
    return best;
}

} // namespace

WorkspaceStatistics computeStatistics(const Workspace& workspace) {
    const WorkspaceSql sql(workspace);
    WorkspaceStatistics statistics;
    statistics.pairs = sql.scalar(QStringLiteral("SELECT COUNT(*) FROM pairs")).toInt();
    std::vector<Rating> ratings;
    QStringList raterNames;
    QHash<QString, int> raterIndex;
    const auto raterOf = [&](const QString& name) {
        const auto it = raterIndex.constFind(name);
        if (it != raterIndex.constEnd()) {
            return it.value();
        }
        raterIndex.insert(name, static_cast<int>(raterNames.size()));
        raterNames.append(name);
        return static_cast<int>(raterNames.size()) - 1;
    };
    QStringList aspects = {QString()}; // index 0: the overall verdict
    QHash<QString, int> aspectIndex;
    QHash<QString, std::vector<std::pair<int, int>>> parsedAspects; // aspects JSON -> (aspect, category)
    // Names and generators by id, once; the label rows then carry only integers and two short strings.
    QHash<qint64, QString> annotatorNames;
    // A team workspace's annotators are login roles; the name each goes by, where given, comes first.
    QSqlQuery names =
        sql.exec(workspace.teamRole().isEmpty()
                     ? QStringLiteral("SELECT id, name FROM annotators")
                     : QStringLiteral("SELECT id, CASE WHEN COALESCE(display_name, '') IN ('', name) THEN "
                                      "name ELSE display_name || ' (' || name || ')' END FROM annotators"));
    while (names.next()) {
        annotatorNames.insert(names.value(0).toLongLong(), names.value(1).toString());
    }
    QStringList models;
    QHash<qint64, int> modelOfVideo; // video id -> index into models; videos without a model are absent
    QSqlQuery videoModels = sql.exec(QStringLiteral("SELECT id, model FROM videos WHERE COALESCE(model, '') <> ''"));
    while (videoModels.next()) {
        const QString model = videoModels.value(1).toString();
        qsizetype index = models.indexOf(model);
        if (index < 0) {
            index = models.size();
            models.append(model);
        }
        modelOfVideo.insert(videoModels.value(0).toLongLong(), static_cast<int>(index));
    }
    std::vector<AnnotatorFigures> perRater;
    std::vector<int> goldRight;
    std::vector<int> leftPicks;
    std::vector<Comparison> comparisons;
    std::vector<bool> modelUsed(static_cast<size_t>(models.size()), false);
    std::vector<std::vector<LabelEffort>> effortOfRater;
    std::vector<LabelEffort> effortOfAll;
    // Standing labels with what each needs: the gold answer (gold pairs only), the screen side, the videos.
    QSqlQuery query = sql.exec(
        QStringLiteral("SELECT l.pair_id, l.annotator_id, l.verdict, l.aspects, l.a_on_left, "
                       "CASE WHEN p.origin = 'gold' THEN p.gold_answer END, p.video_a, p.video_b, "
                       "l.seconds_spent, l.watched_a, l.watched_b "
                       "FROM labels l JOIN pairs p ON p.id = l.pair_id "
                       "WHERE l.verdict <> 'undone' AND NOT EXISTS (SELECT 1 FROM labels s WHERE s.supersedes = l.id) "
                       "ORDER BY l.id"));
    while (query.next()) {
        const std::optional<Verdict> verdict = parseVerdict(query.value(2).toString());
        if (!verdict) {
            continue;
        }
        ++statistics.labels;
        const qint64 pair = query.value(0).toLongLong();
        const int rater = raterOf(annotatorNames.value(query.value(1).toLongLong()));
        if (static_cast<size_t>(rater) >= perRater.size()) {
            perRater.resize(static_cast<size_t>(rater) + 1);
            goldRight.resize(perRater.size(), 0);
            leftPicks.resize(perRater.size(), 0);
            perRater[static_cast<size_t>(rater)].name = raterNames[rater];
            effortOfRater.resize(perRater.size());
        }
        ratings.push_back({pair, rater, 0, static_cast<int>(*verdict)});
        // Few distinct aspect texts recur across many labels: each is parsed once.
        const QString aspectsText = query.value(3).toString();
        auto parsed = parsedAspects.constFind(aspectsText);
        if (parsed == parsedAspects.constEnd()) {
            std::vector<std::pair<int, int>> list;
            const QMap<QString, Verdict> aspectVerdicts = parseAspectVerdicts(aspectsText);
            for (auto verdictIt = aspectVerdicts.begin(); verdictIt != aspectVerdicts.end(); ++verdictIt) {
                auto it = aspectIndex.constFind(verdictIt.key());
                if (it == aspectIndex.constEnd()) {
                    it = aspectIndex.insert(verdictIt.key(), static_cast<int>(aspects.size()));
                    aspects.append(verdictIt.key());
                }
                list.emplace_back(it.value(), static_cast<int>(verdictIt.value()));
            }
            parsed = parsedAspects.insert(aspectsText, list);
        }
        for (const auto& [aspect, category] : parsed.value()) {
            ratings.push_back({pair, rater, aspect, category});
        }
        AnnotatorFigures& figures = perRater[static_cast<size_t>(rater)];
        ++figures.labels;
        if (!query.value(5).isNull()) {
            ++figures.goldLabels;
            goldRight[static_cast<size_t>(rater)] += parseVerdict(query.value(5).toString()) == verdict ? 1 : 0;
        }
        const bool decisive = *verdict == Verdict::A || *verdict == Verdict::B;
        const auto known = [&](int column) {
            return query.value(column).isNull() ? -1.0 : query.value(column).toDouble();
        };
        const LabelEffort effort{pair, known(8), known(9), known(10), decisive};
        effortOfRater[static_cast<size_t>(rater)].push_back(effort);
        effortOfAll.push_back(effort);
        if (decisive && !query.value(4).isNull()) {
            ++figures.sidedDecisive;
            const bool aOnLeft = query.value(4).toInt() != 0;
            leftPicks[static_cast<size_t>(rater)] += (*verdict == Verdict::A) == aOnLeft ? 1 : 0;
        }
        // The leaderboard: pairs whose two videos name different generators.
        const auto modelA = modelOfVideo.constFind(query.value(6).toLongLong());
        const auto modelB = modelOfVideo.constFind(query.value(7).toLongLong());
        if (modelA != modelOfVideo.constEnd() && modelB != modelOfVideo.constEnd() &&
            modelA.value() != modelB.value()) {
            modelUsed[static_cast<size_t>(modelA.value())] = true;
            modelUsed[static_cast<size_t>(modelB.value())] = true;
            comparisons.push_back({modelA.value(), modelB.value(),
                                   *verdict == Verdict::A   ? 0
                                   : *verdict == Verdict::B ? 1
                                                            : 2});
        }
    }
    // The judge as one more rater: its newest scores with the checkpoint that scored the most videos.
    const QVariant checkpoint = sql.scalar(QStringLiteral(
        "SELECT checkpoint_id FROM judge_scores GROUP BY checkpoint_id ORDER BY COUNT(DISTINCT video_id) DESC, "
        "MAX(id) DESC LIMIT 1"));
    const std::vector<Rating> humanRatings = ratings;
    if (checkpoint.isValid()) {
        statistics.judge =
            sql.scalar(QStringLiteral("SELECT path FROM checkpoints WHERE id = ?"), {checkpoint}).toString();
        const int judge = raterOf(kJudgeRater);
        QSqlQuery judged = sql.exec(
            QStringLiteral("SELECT p.id, "
                           "(SELECT COALESCE(s.reward, -s.energy) FROM judge_scores s WHERE s.video_id = p.video_a "
                           " AND s.checkpoint_id = ? ORDER BY s.id DESC LIMIT 1), "
                           "(SELECT COALESCE(s.reward, -s.energy) FROM judge_scores s WHERE s.video_id = p.video_b "
                           " AND s.checkpoint_id = ? ORDER BY s.id DESC LIMIT 1) FROM pairs p"),
            {checkpoint, checkpoint});
        QHash<qint64, double> margins;
        while (judged.next()) {
            if (!judged.value(1).isNull() && !judged.value(2).isNull()) {
                margins.insert(judged.value(0).toLongLong(), judged.value(1).toDouble() - judged.value(2).toDouble());
            }
        }
        const JudgeTies ties = judgeTieThreshold(humanRatings, margins);
        statistics.judgeTieThreshold = ties.threshold;
        statistics.judgeAccuracyWithTies = ties.accuracy;
        statistics.judgeComparedLabels = ties.labels;
        for (auto it = margins.constBegin(); it != margins.constEnd(); ++it) {
            const double margin = it.value();
            ratings.push_back({it.key(), judge, 0,
                               static_cast<int>(std::abs(margin) <= ties.threshold ? Verdict::Tie
                                                : margin > 0                       ? Verdict::A
                                                                                   : Verdict::B)});
        }
    }
    statistics.agreement.append(agreementOn(0, QStringLiteral("overall"), humanRatings, raterNames));
    if (ratings.size() > humanRatings.size()) {
        statistics.agreement.append(agreementOn(0, QStringLiteral("overall, judge as a rater"), ratings, raterNames));
    }
    for (qsizetype aspect = 1; aspect < aspects.size(); ++aspect) {
        statistics.agreement.append(agreementOn(static_cast<int>(aspect), aspects[aspect], humanRatings, raterNames));
    }
    for (size_t rater = 0; rater < perRater.size(); ++rater) {
        AnnotatorFigures figures = perRater[rater];
        figures.goldAccuracy =
            figures.goldLabels > 0 ? static_cast<double>(goldRight[rater]) / figures.goldLabels : NAN;
        figures.leftPickRate =
            figures.sidedDecisive > 0 ? static_cast<double>(leftPicks[rater]) / figures.sidedDecisive : NAN;
        statistics.annotators.append(figures);
    }
    std::sort(statistics.annotators.begin(), statistics.annotators.end(),
              [](const AnnotatorFigures& x, const AnnotatorFigures& y) { return x.name < y.name; });
    statistics.effort.append(effortOf(QStringLiteral("everyone"), effortOfAll));
    for (size_t rater = 0; rater < perRater.size(); ++rater) {
        statistics.effort.append(effortOf(perRater[rater].name, effortOfRater[rater]));
    }
    std::sort(statistics.effort.begin() + 1, statistics.effort.end(),
              [](const EffortFigures& x, const EffortFigures& y) { return x.name < y.name; });
    statistics.slowestPairs = slowestPairs(effortOfAll, 10);
    // Only the generators that took part; indices renumbered for the fit.
    std::vector<int> fitIndex(static_cast<size_t>(models.size()), -1);
    QStringList fitted;
    for (qsizetype m = 0; m < models.size(); ++m) {
        if (modelUsed[static_cast<size_t>(m)]) {
            fitIndex[static_cast<size_t>(m)] = static_cast<int>(fitted.size());
            fitted.append(models[m]);
        }
    }
    if (!fitted.isEmpty()) {
        for (Comparison& comparison : comparisons) {
            comparison.a = fitIndex[static_cast<size_t>(comparison.a)];
            comparison.b = fitIndex[static_cast<size_t>(comparison.b)];
        }
        const Leaderboard board = fitLeaderboard(static_cast<int>(fitted.size()), comparisons);
        statistics.tieStrength = board.tieStrength;
        for (const LeaderboardEntry& entry : board.entries) {
            statistics.leaderboard.append({fitted[entry.model], entry});
        }
    }
    return statistics;
}

} // namespace svj::annotation
