#include "app/cli/scores_file.h"

#include "app/cli/training_run.h"
#include "model/model_error.h"

#include <QDir>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <cmath>
#include <vector>

namespace svj::cli {
namespace {

std::string cleanPath(const QString& path, const QString& relativeTo) {
    return QDir::cleanPath(QFileInfo(relativeTo).absoluteDir().absoluteFilePath(path)).toStdString();
}

} // namespace

Scores readScores(const std::string& file) {
    const QString path = QString::fromStdString(file);
    Scores scores;
    const std::string text = readTextFile(file);
    const bool json = QFileInfo(path).suffix().toLower().startsWith(QLatin1String("json"));
    int lineNumber = 0;
    int videoColumn = -1;
    int scoreColumn = -1;
    size_t begin = 0;
    while (begin <= text.size()) {
        size_t end = text.find('\n', begin);
        if (end == std::string::npos) {
            end = text.size();
        }
        std::string line = text.substr(begin, end - begin);
        begin = end + 1;
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.find_first_not_of(" \t") == std::string::npos) {
            continue;
        }
        const auto where = [&] { return file + ":" + std::to_string(lineNumber) + ": "; };
        std::string video;
        double score = NAN;
        if (json) {
            nlohmann::json object;
            try {
                object = nlohmann::json::parse(line);
            } catch (const nlohmann::json::exception&) {
                throw model::ModelError(where() + "not a JSON object");
            }
            const char* key = object.contains("video") ? "video" : "path";
            if (!object.is_object() || !object.contains(key) || !object.contains("score") ||
                !object["score"].is_number()) {
                throw model::ModelError(where() + "needs \"video\" and a numeric \"score\"");
            }
            video = object[key].get<std::string>();
            score = object["score"].get<double>();
        } else {
            std::vector<std::string> fields(1);
            for (const char c : line) {
                if (c == ',') {
                    fields.emplace_back();
                } else if (c != '"') {
                    fields.back() += c;
                }
            }
            if (videoColumn < 0) {
                for (size_t i = 0; i < fields.size(); ++i) {
                    if (fields[i] == "video" || fields[i] == "path") {
                        videoColumn = static_cast<int>(i);
                    } else if (fields[i] == "score") {
                        scoreColumn = static_cast<int>(i);
                    }
                }
                if (videoColumn < 0 || scoreColumn < 0) {
                    throw model::ModelError(where() + "the header needs 'video' and 'score' columns");
                }
                continue;
            }
            if (static_cast<int>(fields.size()) <= std::max(videoColumn, scoreColumn)) {
                throw model::ModelError(where() + "too few fields");
            }
            video = fields[static_cast<size_t>(videoColumn)];
            try {
                size_t used = 0;
                score = std::stod(fields[static_cast<size_t>(scoreColumn)], &used);
            } catch (const std::exception&) {
                throw model::ModelError(where() + "score '" + fields[static_cast<size_t>(scoreColumn)] +
                                        "' is not a number");
            }
        }
        scores[cleanPath(QString::fromStdString(video), path)] = score;
    }
    return scores;
}

} // namespace svj::cli
