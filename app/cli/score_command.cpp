// `svj score`: the judge's energy curve of whole videos. Flags -> training::ScoreOptions, events -> progress
// and the chosen output (app/cli/score_output.h); with --db each score is kept in a workspace.
#include "app/cli/checkpoint_option.h"
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/interrupt.h"
#include "app/cli/progress.h"
#include "app/cli/score_output.h"
#include "app/cli/shard_option.h"
#ifdef SVJ_HAVE_ANNOTATION
#include "annotation/workspace.h"
#include "app/cli/claimed_videos.h"
#include "app/cli/workspace_location.h"
#include "app/cli/workspace_scores.h"
#endif
#include "media/media_error.h"
#include "model/model_error.h"
#include "training/score_run.h"

#include <cstdio>
#include <iostream>
#include <tuple>

namespace svj::cli {

int runScore(const Arguments& arguments) {
    CommandLine commandLine("score",
                            {
                                {"ckpt", "CKPT", "the judge (default: the one that ships with svj)"},
                                {"json", "", "one JSON object per video on stdout"},
                                {"csv", "", "video,frame,time_s,energy rows on stdout"},
                                {"threads", "N", "CPU threads (0 = one per core)", "0"},
                                {"device", "NAME", "cpu or cuda", "cpu"},
                                {"dtype", "NAME", "f32 or bf16", "f32"},
                                {"progress", "MODE", "bar, json (with --json) or none", "bar"},
                                shardOption(),
#ifdef SVJ_HAVE_ANNOTATION
                                {"db", "WORKSPACE", "also store each video's score in a workspace"},
                                {"reuse", "",
                                 "with --db: print a score stored there for the same video and "
                                 "checkpoint instead of scoring again"},
                                {"claim", "",
                                 "with --db: score the workspace's videos that have no score by the "
                                 "checkpoint, claiming each (workers on several hosts score each once)"},
                                {"lease", "S", "with --claim: a claim not renewed for S seconds is free again", "600"},
                                {"worker", "NAME", "with --claim: this worker's name", "HOST:PID"},
#endif
                            });
    commandLine.parse(arguments);
    if (commandLine.helpRequested()) {
        std::cout << "Usage: svj score VIDEO... [--ckpt CKPT] [--json | --csv] [--db WORKSPACE [--reuse]]\n\n"
                     "Scores whole videos with the judge: windows of the judge's clip length cover each video,\n"
                     "every window is scored, and the per-frame energies are stitched into one curve (lower =\n"
                     "better). Prints the total, the worst frame, the curve and the exact frames the judge saw.\n"
                     "With --reuse a score stored in the workspace after the checkpoint file was last written is\n"
                     "printed as it is (\"cached\": true in JSON); the judge is loaded only for the others.\n\n"
                  << commandLine.optionsHelp();
        return kExitOk;
    }
    if (commandLine.positional().empty() && !commandLine.flag("claim")) {
        throw UsageError("score needs at least one VIDEO (or --db WORKSPACE --claim)");
    }
    if (commandLine.flag("json") && commandLine.flag("csv")) {
        throw UsageError("choose --json or --csv, not both");
    }
    const ProgressMode progressMode = parseProgressMode(commandLine.valueOr("progress", "bar"));
    if (progressMode == ProgressMode::Json && !commandLine.flag("json")) {
        throw UsageError("--progress json needs --json (progress and scores share stdout, one object a line)");
    }
#ifdef SVJ_HAVE_ANNOTATION
    const std::optional<std::string> db =
        commandLine.value("db") ? std::optional(acceptedLocation(*commandLine.value("db"))) : std::nullopt;
    if (commandLine.flag("reuse") && !db) {
        throw UsageError("--reuse needs --db WORKSPACE (where the scores are kept)");
    }
    if (commandLine.flag("reuse") && !commandLine.flag("json")) {
        throw UsageError("--reuse prints stored scores as JSON: add --json");
    }
    if (commandLine.flag("claim") && !db) {
        throw UsageError("--claim needs --db WORKSPACE (whose videos it scores)");
    }
    std::optional<ClaimedVideos> claimed;
#endif
    training::ScoreOptions options;
    options.videos = commandLine.positional();
    options.judge.threads = commandLine.intValue("threads", 0);
    options.judge.device = commandLine.valueOr("device", "cpu");
    options.judge.dtype = commandLine.valueOr("dtype", "f32");
    std::tie(options.shard, options.shards) = chosenShard(commandLine);
    const ScoreFormat format = commandLine.flag("json")  ? ScoreFormat::Json
                               : commandLine.flag("csv") ? ScoreFormat::Csv
                                                         : ScoreFormat::Text;
    std::optional<training::ScoreRun> run;
    std::optional<ScorePrinter> printer;
    training::KeptScore keep;
    try {
        options.checkpoint = chosenCheckpoint(commandLine);
#ifdef SVJ_HAVE_ANNOTATION
        if (commandLine.flag("claim")) {
            claimed.emplace(*db, options.checkpoint,
                            commandLine.value("worker") ? *commandLine.value("worker") : defaultWorkerName(),
                            commandLine.intValue("lease", 600));
            options.source = [&claimed] { return claimed->next(installStopRequest()); };
        }
#endif
        run.emplace(options);
        printer.emplace(*run, format, progressMode);
#ifdef SVJ_HAVE_ANNOTATION
        if (commandLine.flag("reuse")) {
            keep = printStoredScores(*db, options.checkpoint); // the judge is loaded only for the others
        }
#endif
        if (!keep) {
            run->judge();
        }
        printer->begin();
        const int failures = run->run(
            [&](const training::ScoreEvent& event) {
#ifdef SVJ_HAVE_ANNOTATION
                if (claimed) {
                    claimed->show(event, &run->judge());
                } else if (db && event.kind == training::ScoreEventKind::Scored) {
                    storeScoreInWorkspace(*db, *event.score, run->judge(), options.checkpoint);
                }
#endif
                printer->show(event);
            },
            installStopRequest(), keep);
        return failures == 0 ? kExitOk : kExitBadInput;
    } catch (const model::Cancelled&) {
#ifdef SVJ_HAVE_ANNOTATION
        if (claimed) {
            claimed->release();
        }
#endif
        printError("stopped by " + std::string(stopSignalName()) + " while scoring " + printer->current());
        return kExitFailure;
    } catch (const model::ModelError& error) {
        printError(error.what()); // the checkpoint itself: every video would fail the same way
        return kExitBadInput;
#ifdef SVJ_HAVE_ANNOTATION
    } catch (const annotation::WorkspaceError& error) {
        printError(error.what());
        return kExitBadInput;
    } catch (const media::MediaError& error) { // a video whose score the workspace keeps or looks up
        printError(error.what());
        return kExitBadInput;
#endif
    }
}

} // namespace svj::cli
