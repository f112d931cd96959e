#pragma once
#include "core/common/LibraryVersions.h"

#include <QDialog>

#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;

namespace drydock::ui {

// Qt first (asked at run time with qVersion()), then what core runs with: the list behind
// `drydock --version` and the About dialog.
std::vector<LibraryVersion> runtimeLibraryVersions();

// Help ▸ About Drydock: version, how it was built, and every third-party library with the version in use
// and its licence. "Copy" puts the same text as `drydock --version` on the clipboard for bug reports.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);

    // Opens a window-modal About dialog that deletes itself when closed (no nested event loop).
    static AboutDialog* showFor(QWidget* parent);

    QString versionText() const; // the `drydock --version` text
    QTableWidget* librariesTable() const { return m_libraries; }

private:
    QLabel* m_title;
    QLabel* m_build;
    QTableWidget* m_libraries;
    QPushButton* m_copy;
    std::vector<LibraryVersion> m_versions;
};

} // namespace drydock::ui
