// Label-store benchmarks of issue "annotation/" (on demand, never from CTest), on SQLite and (with --postgres)
// on a PostgreSQL server side by side, each against a baseline measured in the same run on the same engine:
//   import 100,000 pairs      vs the same rows as bare inserts in one transaction (SQLite: its C API;
//                             PostgreSQL: one prepared INSERT through the same Qt driver)
//   export 100,000 labels     in every format, vs reading those labels from the store
//   next item, 1,000,000 labels in the store: p50 / p99 (target p99 < 5 ms) vs a primary-key SELECT
//   statistics, 100,000 labels (target < 1 s) vs reading those labels
//   bench_label_store WORKDIR [--pairs 100000] [--labels 1000000] [--postgres ADMIN_URL]
#include "annotation/label_queue.h"
#include "annotation/label_store.h"
#include "annotation/plain_connection.h"
#include "annotation/preference_file.h"
#include "annotation/sql_dialect.h"
#include "annotation/workspace.h"
#include "annotation/workspace_preferences.h"
#include "annotation/workspace_sql.h"
#include "annotation/workspace_statistics.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>
#include <random>
#include <sqlite3.h>
#include <stdexcept>
#include <vector>

using namespace svj::annotation;

namespace {

double seconds(const QElapsedTimer& timer) {
    return static_cast<double>(timer.nsecsElapsed()) / 1e9;
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    return values[static_cast<size_t>(p * static_cast<double>(values.size() - 1))];
}

// `count` distinct short real videos (seeded test patterns), made once with the ffmpeg CLI.
QStringList makeVideos(const QString& folder, int count) {
    QDir().mkpath(folder);
    QStringList paths;
    for (int i = 0; i < count; ++i) {
        const QString path = QStringLiteral("%1/v%2.mp4").arg(folder).arg(i, 4, 10, QLatin1Char('0'));
        if (!QFile::exists(path)) {
            QProcess::execute(
                QStringLiteral("ffmpeg"),
                {QStringLiteral("-loglevel"), QStringLiteral("error"), QStringLiteral("-y"), QStringLiteral("-f"),
                 QStringLiteral("lavfi"), QStringLiteral("-i"),
                 QStringLiteral("testsrc2=size=32x32:rate=8:duration=0.5,hue=h=%1:s=%2").arg(i % 360).arg(1 + i / 360),
                 QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-preset"),
                 QStringLiteral("ultrafast"), path});
        }
        paths << path;
    }
    return paths;
}

// A JSONL pairs file: every two of the videos once, until `pairs`, labels cycling through the verdicts.
QString writePairs(const QString& path, const QStringList& videos, int pairs) {
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    const char* verdicts[] = {"A", "B", "tie", "both-bad"};
    int written = 0;
    for (qsizetype a = 0; a < videos.size() && written < pairs; ++a) {
        for (qsizetype b = a + 1; b < videos.size() && written < pairs; ++b, ++written) {
            file.write("{\"video_a\": \"" + videos[a].toUtf8() + "\", \"video_b\": \"" + videos[b].toUtf8() +
                       "\", \"model_a\": \"m" + QByteArray::number(a % 7) + "\", \"model_b\": \"m" +
                       QByteArray::number(b % 7) + "\", \"label\": \"" + verdicts[written % 4] +
                       "\", \"aspects\": {\"VQ\": \"" + verdicts[(written / 4) % 4] + "\"}}\n");
        }
    }
    return path;
}

// A fresh, empty database `name` on the server `admin` points at; its URL.
QString freshServerDatabase(const QString& admin, const QString& name) {
    runOnPlainConnection(admin, {QStringLiteral("DROP DATABASE IF EXISTS %1").arg(name),
                                 QStringLiteral("CREATE DATABASE %1").arg(name)});
    QUrl url(admin);
    url.setPath(QLatin1Char('/') + name);
    return url.toString();
}

// The floor for an import: the pairs and one label each as bare rows, one transaction, one prepared statement
// per table.
double bareInsertSeconds(const QString& location, const PreferenceFile& file) {
    QElapsedTimer timer;
    if (WorkspaceLocation::parse(location).engine == SqlEngine::Sqlite) {
        QFile::remove(location);
        sqlite3* raw = nullptr;
        sqlite3_open(location.toUtf8().constData(), &raw);
        sqlite3_exec(raw,
                     "PRAGMA journal_mode=WAL; CREATE TABLE pairs (id INTEGER PRIMARY KEY, a TEXT, b TEXT);"
                     "CREATE TABLE labels (id INTEGER PRIMARY KEY, pair INTEGER, verdict TEXT, aspects TEXT);",
                     nullptr, nullptr, nullptr);
        timer.start();
        sqlite3_exec(raw, "BEGIN", nullptr, nullptr, nullptr);
        sqlite3_stmt* insertPair = nullptr;
        sqlite3_stmt* insertLabel = nullptr;
        sqlite3_prepare_v2(raw, "INSERT INTO pairs (a, b) VALUES (?, ?)", -1, &insertPair, nullptr);
        sqlite3_prepare_v2(raw, "INSERT INTO labels (pair, verdict, aspects) VALUES (?, ?, ?)", -1, &insertLabel,
                           nullptr);
        for (const PreferencePair& pair : file.pairs) {
            const QByteArray a = pair.videoA.toUtf8();
            const QByteArray b = pair.videoB.toUtf8();
            sqlite3_bind_text(insertPair, 1, a.constData(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(insertPair, 2, b.constData(), -1, SQLITE_TRANSIENT);
            sqlite3_step(insertPair);
            sqlite3_reset(insertPair);
            sqlite3_bind_int64(insertLabel, 1, sqlite3_last_insert_rowid(raw));
            sqlite3_bind_text(insertLabel, 2, verdictName(pair.verdict).toUtf8().constData(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(insertLabel, 3, "{\"VQ\":\"A\"}", -1, SQLITE_STATIC);
            sqlite3_step(insertLabel);
            sqlite3_reset(insertLabel);
        }
        sqlite3_finalize(insertPair);
        sqlite3_finalize(insertLabel);
        sqlite3_exec(raw, "COMMIT", nullptr, nullptr, nullptr);
        const double elapsed = seconds(timer);
        sqlite3_close(raw);
        return elapsed;
    }
    double elapsed = 0.0;
    runOnPlainConnection(
        location,
        {QStringLiteral("CREATE TABLE pairs (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, a TEXT, "
                        "b TEXT)"),
         QStringLiteral("CREATE TABLE labels (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, pair "
                        "BIGINT, verdict TEXT, aspects TEXT)")},
        [&](QSqlDatabase& database) {
            timer.start();
            database.transaction();
            QSqlQuery insertPair(database);
            QSqlQuery insertLabel(database);
            insertPair.prepare(QStringLiteral("INSERT INTO pairs (a, b) VALUES (?, ?) RETURNING id"));
            insertLabel.prepare(QStringLiteral("INSERT INTO labels (pair, verdict, aspects) VALUES (?, ?, ?)"));
            for (const PreferencePair& pair : file.pairs) {
                insertPair.bindValue(0, pair.videoA);
                insertPair.bindValue(1, pair.videoB);
                insertPair.exec();
                insertPair.next();
                insertLabel.bindValue(0, insertPair.value(0));
                insertLabel.bindValue(1, verdictName(pair.verdict));
                insertLabel.bindValue(2, QStringLiteral("{\"VQ\":\"A\"}"));
                insertLabel.exec();
            }
            database.commit();
            elapsed = seconds(timer);
        });
    return elapsed;
}

// Fills the store up to `labelCount` labels from 20 bulk annotators on random pairs (setup, not timed).
void addBulkLabels(Workspace& workspace, qint64 labelCount) {
    const WorkspaceSql sql(workspace);
    const qint64 pairsInStore = sql.scalar(QStringLiteral("SELECT COUNT(*) FROM pairs")).toLongLong();
    workspace.transaction([&] {
        for (int annotator = 0; annotator < 20; ++annotator) {
            sql.exec(QStringLiteral("INSERT INTO annotators (name) VALUES (?) ON CONFLICT DO NOTHING"),
                     {QStringLiteral("bulk%1").arg(annotator)});
        }
        const qint64 existing = sql.scalar(QStringLiteral("SELECT COUNT(*) FROM labels")).toLongLong();
        if (workspace.dialect().engine() == SqlEngine::Postgres) {
            // Row by row over the network would take minutes: the server makes them itself.
            sql.exec(QStringLiteral("INSERT INTO labels (pair_id, annotator_id, verdict, created_at) "
                                    "SELECT 1 + (g * 7919) % ?::bigint, (SELECT id FROM annotators WHERE name = "
                                    "'bulk' || (g % 20)), 'A', 'bulk' FROM generate_series(?::bigint, ?::bigint) "
                                    "AS g"),
                     {pairsInStore, existing, labelCount - 1});
            QSqlQuery(workspace.database()).exec(QStringLiteral("ANALYZE")); // as autovacuum does after such a load
            return;
        }
        QSqlQuery insert(workspace.database());
        insert.prepare(QStringLiteral("INSERT INTO labels (pair_id, annotator_id, verdict, created_at) "
                                      "VALUES (?, (SELECT id FROM annotators WHERE name = ?), 'A', 'bulk')"));
        std::mt19937 random(1);
        for (qint64 i = existing; i < labelCount; ++i) {
            insert.addBindValue(1 + static_cast<qint64>(random() % static_cast<uint32_t>(pairsInStore)));
            insert.addBindValue(QStringLiteral("bulk%1").arg(i % 20));
            insert.exec();
        }
    });
}

} // namespace

namespace {

// Every benchmark on the workspace at `location` (created here); rows of the table printed as they finish.
void benchmarkEngine(const QString& engine, const QString& location, const QString& bareLocation, const QDir& work,
                     const PreferenceFile& file, int videoCount, int labelCount) {
    QElapsedTimer timer;
    double importSeconds = 0.0;
    {
        Workspace created = Workspace::create(location);
        timer.start();
        importPreferenceFile(created, file);
        importSeconds = seconds(timer);
    } // closed, as a user's import ends: SQLite folds its write-ahead log into the database
    Workspace workspace = Workspace::open(location);
    const WorkspaceSql sql(workspace);
    const double rawSeconds = bareInsertSeconds(bareLocation, file);
    std::printf("| %s | import %lld pairs (hash %d videos, insert) | %.2f s | %.2f s (bare inserts) | %.1fx |\n",
                qPrintable(engine), static_cast<long long>(file.pairs.size()), videoCount, importSeconds, rawSeconds,
                importSeconds / rawSeconds);
    std::fflush(stdout);

    // Export in every format vs reading the labels.
    LabelStore store(workspace);
    timer.restart();
    const PreferenceFile standing = workspacePreferences(store);
    const double readSeconds = seconds(timer);
    for (const PreferenceFormat format : {PreferenceFormat::Jsonl, PreferenceFormat::Csv, PreferenceFormat::GenAIBench,
                                          PreferenceFormat::VideoGenRewardBench, PreferenceFormat::MonetBench,
                                          PreferenceFormat::Trl, PreferenceFormat::PickAPic}) {
        const bool jsonl = format == PreferenceFormat::Jsonl || format == PreferenceFormat::Trl ||
                           format == PreferenceFormat::PickAPic;
        const QString out = work.filePath(
            QStringLiteral("export-%1.%2")
                .arg(preferenceFormatName(format), jsonl ? QStringLiteral("jsonl") : QStringLiteral("csv")));
        timer.restart();
        writePreferenceFile(workspacePreferences(store), out, format);
        const double exportSeconds = seconds(timer);
        std::printf("| %s | export %lld labels, %s | %.2f s | %.2f s (reading them) | %.1fx |\n", qPrintable(engine),
                    static_cast<long long>(standing.pairs.size()), qPrintable(preferenceFormatName(format)),
                    exportSeconds, readSeconds, exportSeconds / readSeconds);
    }

    timer.restart();
    const WorkspaceStatistics statistics = computeStatistics(workspace);
    const double statisticsSeconds = seconds(timer);
    std::printf("| %s | statistics over %d labels (kappa, alpha, leaderboard of %lld models) | %.2f s | %.2f s "
                "(reading them) | %.1fx |\n",
                qPrintable(engine), statistics.labels, static_cast<long long>(statistics.leaderboard.size()),
                statisticsSeconds, readSeconds, statisticsSeconds / readSeconds);
    std::fflush(stdout);

    // Next item with `labelCount` labels in the store, for an annotator labelling as fast as the store allows.
    addBulkLabels(workspace, labelCount);
    LabelQueue queue(workspace);
    queue.assign({QStringLiteral("timed")}, 1, 3);
    std::vector<double> nextMs;
    std::vector<double> lookupMs;
    for (int i = 0; i < 1000; ++i) {
        timer.restart();
        const std::optional<QueueItem> item = queue.next(QStringLiteral("timed"));
        nextMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        if (!item) {
            break;
        }
        LabelInput label;
        label.pairId = item->pairId;
        label.annotator = QStringLiteral("timed");
        label.verdict = Verdict::A;
        workspace.transaction([&] { store.addLabel(label); });
        timer.restart();
        sql.scalar(QStringLiteral("SELECT verdict FROM labels WHERE id = ?"), {i + 1});
        lookupMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    const qint64 rows = sql.scalar(QStringLiteral("SELECT COUNT(*) FROM labels")).toLongLong();
    std::printf("| %s | next item, %lld labels in the store: p50 / p99 | %.3f / %.3f ms | %.3f / %.3f ms "
                "(primary-key SELECT) | %.1fx (p99) |\n",
                qPrintable(engine), static_cast<long long>(rows), percentile(nextMs, 0.5), percentile(nextMs, 0.99),
                percentile(lookupMs, 0.5), percentile(lookupMs, 0.99),
                percentile(nextMs, 0.99) / percentile(lookupMs, 0.99));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication application(argc, argv);
    const QStringList arguments = application.arguments();
    if (arguments.size() < 2) {
        std::fprintf(stderr, "usage: bench_label_store WORKDIR [--pairs N] [--labels N] [--postgres ADMIN_URL]\n");
        return 2;
    }
    const QDir work(arguments[1]);
    const auto option = [&](const QString& name, const QString& fallback) {
        const qsizetype at = arguments.indexOf(name);
        return at > 0 && at + 1 < arguments.size() ? arguments[at + 1] : fallback;
    };
    const int pairCount = option(QStringLiteral("--pairs"), QStringLiteral("100000")).toInt();
    const int labelCount = option(QStringLiteral("--labels"), QStringLiteral("1000000")).toInt();
    const QString postgres = option(QStringLiteral("--postgres"), QString());
    try {
        // Enough videos for `pairCount` distinct pairs.
        int videoCount = 2;
        while (videoCount * (videoCount - 1) / 2 < pairCount) {
            ++videoCount;
        }
        const QStringList videos = makeVideos(work.filePath(QStringLiteral("videos")), videoCount);
        const QString pairsFile = writePairs(work.filePath(QStringLiteral("pairs.jsonl")), videos, pairCount);
        const PreferenceFile file = readPreferenceFile(pairsFile, PreferenceFormat::Jsonl);
        std::printf("| engine | what | svj | baseline | ratio |\n|---|---|---|---|---|\n");
        const QString path = work.filePath(QStringLiteral("bench.svj"));
        for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
            QFile::remove(path + suffix);
        }
        benchmarkEngine(QStringLiteral("SQLite"), path, work.filePath(QStringLiteral("raw.db")), work, file, videoCount,
                        labelCount);
        if (!postgres.isEmpty()) {
            benchmarkEngine(QStringLiteral("PostgreSQL"), freshServerDatabase(postgres, QStringLiteral("svj_bench")),
                            freshServerDatabase(postgres, QStringLiteral("svj_bench_raw")), work, file, videoCount,
                            labelCount);
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bench_label_store: %s\n", error.what());
        return 1;
    }
    return 0;
}
