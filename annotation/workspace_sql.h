// The one door to a workspace's statements: the raw-SQL calls of Workspace (exec, scalar, insert, run) are private,
// and this accessor opens them to annotation/'s own units and to the tests that inspect rows. The layering check
// (tests/layering/check_layers.sh) keeps it out of widgets/, app/ and every other layer: they call
// annotation/'s functions and write no query themselves.
#pragma once

#include "annotation/workspace.h"

#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

namespace svj::annotation {

// Borrows `workspace` (which must outlive it); copying it is cheap. Each call is Workspace's own, with its
// errors (WorkspaceError naming the statement) and its prepared-statement cache.
class WorkspaceSql {
public:
    explicit WorkspaceSql(const Workspace& workspace)
        : m_workspace(workspace) {}

    // Prepares and runs one statement with positional `?` values; the query is positioned before its first row.
    QSqlQuery exec(const QString& sql, const QVariantList& values = {}) const { return m_workspace.exec(sql, values); }
    // The first column of the first row, or an invalid QVariant when there is none.
    QVariant scalar(const QString& sql, const QVariantList& values = {}) const {
        return m_workspace.scalar(sql, values);
    }
    // Runs an INSERT and returns the id of the row it added.
    qint64 insert(const QString& sql, const QVariantList& values = {}) const { return m_workspace.insert(sql, values); }
    // Runs a statement whose rows nobody reads (UPDATE, INSERT ... ON CONFLICT DO NOTHING, ...).
    void run(const QString& sql, const QVariantList& values = {}) const { m_workspace.run(sql, values); }

private:
    const Workspace& m_workspace;
};

} // namespace svj::annotation
