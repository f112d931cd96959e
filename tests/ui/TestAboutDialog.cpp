// Help ▸ About Drydock: the version, the build, and every third-party library with the version in use and
// its licence; driven offscreen through the real window and widgets.
#include "core/rules/RuleCatalogue.h"
#include "ui/MainWindow.h"
#include "ui/dialogs/AboutDialog.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;
using namespace drydock::ui;

namespace {
// The row of the libraries table whose first column is `name`, or -1.
int rowOf(const QTableWidget* table, const QString& name)
{
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 0) && table->item(row, 0)->text() == name) {
            return row;
        }
    }
    return -1;
}
} // namespace

class TestAboutDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void showsVersionAndBuild()
    {
        AboutDialog dialog;
        const auto* title = dialog.findChild<QLabel*>(QStringLiteral("aboutTitle"));
        QVERIFY(title);
        QVERIFY(title->text().contains(QStringLiteral("Drydock " DRYDOCK_VERSION)));
        const auto* icon = dialog.findChild<QLabel*>(QStringLiteral("aboutIcon"));
        QVERIFY2(icon && !icon->pixmap().isNull(), "the application icon is shown");
        const auto* build = dialog.findChild<QLabel*>(QStringLiteral("aboutBuild"));
        QVERIFY(build);
        QVERIFY(build->text().contains(QString::fromStdString(buildInfo().buildType)));
        QVERIFY(build->text().contains(QString::fromStdString(buildInfo().compiler)));
    }

    void listsEveryLibraryWithVersionAndLicence_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("licence");
        QTest::newRow("Qt, under the LGPL with Charts under the GPL")
            << "Qt"
            << "LGPL-3.0-only; Qt Charts: GPL-3.0-only";
        QTest::newRow("libcurl, under the curl licence") << "libcurl"
                                                         << "curl";
        QTest::newRow("nlohmann/json, under MIT") << "nlohmann/json"
                                                  << "MIT";
        QTest::newRow("SQLite, in the public domain") << "SQLite"
                                                      << "blessing (public domain)";
        QTest::newRow("libarchive, under BSD-2-Clause") << "libarchive"
                                                        << "BSD-2-Clause";
    }
    void listsEveryLibraryWithVersionAndLicence()
    {
        QFETCH(QString, name);
        QFETCH(QString, licence);
        AboutDialog dialog;
        const QTableWidget* table = dialog.librariesTable();
        const int row = rowOf(table, name);
        QVERIFY2(row >= 0, qPrintable(name + QStringLiteral(" is not listed")));
        QCOMPARE(table->item(row, 2)->text(), licence);
        QVERIFY(table->item(row, 2)->toolTip().startsWith(QStringLiteral("https://")));
        // The version cell shows what runtimeLibraryVersions() found: the version in use or "not used".
        for (const auto& lib : runtimeLibraryVersions()) {
            if (QString::fromStdString(lib.name) == name) {
                const QString cell = table->item(row, 1)->text();
                QVERIFY2(lib.used() ? cell.startsWith(QString::fromStdString(lib.version))
                                    : cell == QStringLiteral("not used"),
                         qPrintable(cell));
            }
        }
    }

    void qtVersionIsTheOneInUse()
    {
        AboutDialog dialog;
        const QTableWidget* table = dialog.librariesTable();
        const int row = rowOf(table, QStringLiteral("Qt"));
        QVERIFY(row >= 0);
        QVERIFY(table->item(row, 1)->text().startsWith(QLatin1String(qVersion())));
        QVERIFY(table->item(row, 1)->text().contains(QStringLiteral("built with " QT_VERSION_STR)));
    }

    void copyPutsTheVersionReportOnTheClipboard()
    {
        AboutDialog dialog;
        QApplication::clipboard()->clear();
        auto* copy = dialog.findChild<QPushButton*>(QStringLiteral("aboutCopy"));
        QVERIFY(copy);
        QTest::mouseClick(copy, Qt::LeftButton);
        const QString text = QApplication::clipboard()->text();
        QCOMPARE(text, dialog.versionText());
        QVERIFY(text.startsWith(QStringLiteral("drydock " DRYDOCK_VERSION "\n")));
        for (const char* name : {"Qt", "libcurl", "SQLite", "nlohmann/json", "libarchive"}) {
            QVERIFY2(text.contains(QStringLiteral("  ") + QLatin1String(name) + QLatin1Char(' ')), name);
        }
    }

    void helpMenuOpensAndClosesTheDialog()
    {
        QTemporaryDir dir;
        const RuleCatalogue catalogue = RuleCatalogue::builtIn();
        MainWindowServices services;
        services.catalogue = &catalogue;
        services.databasePath = dir.filePath(QStringLiteral("history.db"));
        services.endpointError = QStringLiteral("no daemon in this test");
        services.scanOnStart = false;
        MainWindow window(std::move(services));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        auto* about = window.findChild<QAction*>(QStringLiteral("aboutAction"));
        QVERIFY(about);
        QMenu* help = nullptr;
        for (QAction* menuAction : window.menuBar()->actions()) {
            if (menuAction->menu() && menuAction->menu()->actions().contains(about)) {
                help = menuAction->menu();
            }
        }
        QVERIFY2(help, "About is in a menu of the menu bar");
        QCOMPARE(help->title(), QStringLiteral("&Help"));
        QCOMPARE(about->text(), QStringLiteral("&About Drydock"));

        about->trigger();
        QTRY_VERIFY(window.findChild<AboutDialog*>() && window.findChild<AboutDialog*>()->isVisible());
        AboutDialog* dialog = window.findChild<AboutDialog*>();
        QVERIFY(dialog->isModal());
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(window.findChild<AboutDialog*>() == nullptr); // deleted on close, nothing left behind
    }
};

QTEST_MAIN(TestAboutDialog)
#include "TestAboutDialog.moc"
