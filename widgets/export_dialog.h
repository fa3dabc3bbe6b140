// Exports a workspace's standing labels in any format of the store, then reads the file back and shows whether
// it holds the same preferences (the round-trip check).
#pragma once

#include "annotation/preference_file.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

namespace svj::annotation {
class Workspace;
}

namespace svj::widgets {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    // `workspace` must outlive the dialog.
    ExportDialog(annotation::Workspace& workspace, QWidget* parent = nullptr);

    // Writes every standing label to `path` as `format` and checks it; returns whether both worked. The result
    // is shown in the dialog (and returned by resultText()).
    bool exportTo(annotation::PreferenceFormat format, const QString& path);
    QString resultText() const;

private:
    void suggestPath();

    annotation::Workspace& m_workspace;
    QComboBox* m_format = nullptr;
    QLineEdit* m_path = nullptr;
    QLabel* m_result = nullptr;
};

} // namespace svj::widgets
