// The JSON form of a workspace's statistics (`svj db stats --json`): figures that are undefined (NaN) are null.
#pragma once

#include "annotation/workspace_statistics.h"

#include <QJsonObject>

namespace svj::annotation {

QJsonObject statisticsJson(const WorkspaceStatistics& statistics);

} // namespace svj::annotation
