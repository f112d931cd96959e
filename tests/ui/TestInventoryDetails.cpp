// The Inventory's container details: the selected container's one hardened command (the remediated command
// its findings carry), Copy that puts exactly it on the clipboard, and Harden… that asks for the walkthrough
// of that container; a container without findings says there is nothing to harden.
#include "ui/pages/InventoryPage.h"
#include "ui/widgets/CommandView.h"

#include "tests/support/HistoryFixtures.h"

#include <QApplication>
#include <QClipboard>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

using namespace drydock;
using namespace drydock::ui;

namespace {

const std::string kWebCommand = "docker run -d --name web --cap-drop ALL --read-only --security-opt "
                                "no-new-privileges --log-opt max-size=10m nginx:1.25";

// A container finding (the history tests' fixture) carrying the container's hardened command.
Finding finding(const std::string& rule, const std::string& container, Severity s, const std::string& command)
{
    Finding f = test::historyFinding(rule, container, s);
    f.remediation.runCommand = command;
    return f;
}

Container container(const std::string& name)
{
    Container c;
    c.id = name + "-id";
    c.name = name;
    c.config.image = "nginx:1.25";
    c.state.status = "running";
    return c;
}

struct Fixture
{
    Inventory inventory;
    FindingSet findings;
    Fixture()
    {
        inventory.containers = {container("web"), container("quiet")};
        findings = FindingSet({finding("CTR-001", "web", Severity::High, kWebCommand),
                               finding("CTR-002", "web", Severity::Medium, kWebCommand),
                               finding("CTR-003", "web", Severity::Low, kWebCommand)});
    }
};

void select(InventoryPage& page, const QString& name)
{
    QTableView* table = page.containersTable();
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const QModelIndex index = table->model()->index(row, 1);
        if (index.data().toString() == name) {
            table->setCurrentIndex(index);
            return;
        }
    }
    QFAIL(qPrintable(QStringLiteral("no row for %1").arg(name)));
}

} // namespace

class TestInventoryDetails : public QObject
{
    Q_OBJECT

private slots:
    void aContainerShowsItsHardenedCommandAndCopyPutsItOnTheClipboard()
    {
        Fixture fx;
        InventoryPage page;
        page.resize(1100, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.setSnapshot(fx.inventory, fx.findings);
        select(page, QStringLiteral("web"));
        QVERIFY(page.containerDetails()->isVisible());
        QVERIFY(page.hardenedCommand()->isVisible());
        QCOMPARE(page.hardenedCommand()->text(), QString::fromStdString(kWebCommand));
        QVERIFY(page.containerSummary()->text().contains(
            QStringLiteral("3 open findings")));

        QApplication::clipboard()->clear();
        auto* copy = page.hardenedCommand()->findChild<QPushButton*>(QStringLiteral("copyButton"));
        QVERIFY(copy && copy->isEnabled());
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), QString::fromStdString(kWebCommand));
    }

    void hardenAsksForTheWalkthroughOfTheSelectedContainer()
    {
        Fixture fx;
        InventoryPage page;
        page.setSnapshot(fx.inventory, fx.findings);
        select(page, QStringLiteral("web"));
        QSignalSpy harden(&page, &InventoryPage::hardenRequested);
        QVERIFY(page.hardenButton()->isEnabled());
        QTest::mouseClick(page.hardenButton(), Qt::LeftButton);
        QCOMPARE(harden.size(), 1);
        QCOMPARE(harden.first().first().toString(), QStringLiteral("web"));
    }

    void aContainerWithoutFindingsHasNothingToHarden()
    {
        Fixture fx;
        InventoryPage page;
        page.setSnapshot(fx.inventory, fx.findings);
        select(page, QStringLiteral("quiet"));
        QVERIFY(page.hardenedCommand()->isHidden());
        QVERIFY(!page.hardenButton()->isEnabled());
        QVERIFY(page.containerSummary()->text().contains(
            QStringLiteral("nothing to harden")));
    }

    void theDetailsFollowALiveUpdateOfTheContainer()
    {
        Fixture fx;
        InventoryPage page;
        page.setSnapshot(fx.inventory, fx.findings);
        select(page, QStringLiteral("web"));
        const std::string changed = kWebCommand + " --pids-limit 200";
        FindingSet after({finding("CTR-001", "web", Severity::High, changed)});
        page.updateObjects(fx.inventory, after, {{ObjectType::Container, "web-id"}});
        QCOMPARE(page.hardenedCommand()->text(), QString::fromStdString(changed));
    }

    void theDetailsShowOnTheContainersViewOnly()
    {
        Fixture fx;
        InventoryPage page;
        page.show();
        page.setSnapshot(fx.inventory, fx.findings);
        QVERIFY(page.containerDetails()->isVisible());
        page.navigator()->setCurrentRow(0);
        QVERIFY(!page.containerDetails()->isVisible());
        page.navigator()->setCurrentRow(1);
        QVERIFY(page.containerDetails()->isVisible());
    }
};

QTEST_MAIN(TestInventoryDetails)
#include "TestInventoryDetails.moc"
