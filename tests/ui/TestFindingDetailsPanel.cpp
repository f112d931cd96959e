// FindingDetailsPanel: a finding on a container docker compose created shows the fix in its compose file, with
// secret values masked; other findings show no such tab.
#include "ui/panels/FindingDetailsPanel.h"
#include "ui/widgets/CommandView.h"

#include <QTabWidget>
#include <QThread>
#include <QTest>

#include <atomic>
#include <memory>

using namespace drydock;
using namespace drydock::ui;

namespace {

Finding containerFinding()
{
    Finding f;
    f.ruleId = "SEC-001";
    f.area = Area::Secrets;
    f.severity = Severity::Medium;
    f.object = {ObjectType::Container, "c0ffee", "shop-web-1"};
    f.title = "Secret in container environment: DB_PASSWORD";
    f.remediation.edits = {{RunEdit::Op::ReplaceEnvSecret, "--env", "DB_PASSWORD"}};
    f.remediation.runCommand = "docker run shop/web:1";
    return f;
}

const char* kCompose = "services:\n  web:\n    image: shop/web:1\n    environment:\n"
                       "      DB_PASSWORD: \"Tr0ub4dor-and-3-more\"\n";

QTabWidget* tabsOf(FindingDetailsPanel& panel) { return panel.findChild<QTabWidget*>(); }

int composeFileTab(QTabWidget* tabs)
{
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->tabText(i) == QStringLiteral("Compose file")) {
            return i;
        }
    }
    return -1;
}

std::optional<ComposeOriginFix> shopFix(const Finding& f, std::atomic<QThread*>* readOn)
{
    readOn->store(QThread::currentThread());
    Container c;
    c.id = f.object.id;
    c.config.labels = {{"com.docker.compose.project", "shop"},
                       {"com.docker.compose.service", "web"},
                       {"com.docker.compose.project.config_files", "/srv/shop/compose.yaml"}};
    return composeFixForContainer(c, f.remediation.edits,
                                  [](const std::string&) -> Result<std::string> { return std::string(kCompose); });
}

} // namespace

class TestFindingDetailsPanel : public QObject
{
    Q_OBJECT

private slots:
    void aComposeContainerShowsItsComposeFileFixMasked()
    {
        FindingDetailsPanel panel;
        auto readOnThread = std::make_shared<std::atomic<QThread*>>(nullptr);
        panel.setComposeFileLookup([readOnThread](const Finding& f) -> FindingDetailsPanel::ComposeFileJob {
            return [readOnThread, f] { return shopFix(f, readOnThread.get()); };
        });
        const Finding f = containerFinding();
        panel.showFinding(&f);
        QTabWidget* tabs = tabsOf(panel);
        const int tab = composeFileTab(tabs);
        QVERIFY(tab >= 0);
        QVERIFY(tabs->isTabVisible(tab));
        auto* view = panel.findChild<CommandView*>(QStringLiteral("composeFileView"));
        QTRY_VERIFY(view->text().contains(QStringLiteral("docker compose up")));
        QVERIFY2(readOnThread->load() != nullptr && readOnThread->load() != QThread::currentThread(),
                 "the compose file was read on the GUI thread");
        const QString text = view->text();
        QVERIFY2(text.contains(QStringLiteral("+      DB_PASSWORD_FILE: /run/secrets/db_password")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("docker compose up")));
        QVERIFY2(!text.contains(QStringLiteral("Tr0ub4dor")), "the secret value is shown in clear");

        panel.showFinding(nullptr);
        QVERIFY(!tabs->isTabVisible(tab));
    }

    void aSlowComposeFileOfAnEarlierFindingIsNeverShownForTheNextOne()
    {
        FindingDetailsPanel panel;
        std::atomic<bool> release{false};
        panel.setComposeFileLookup([&release](const Finding& f) -> FindingDetailsPanel::ComposeFileJob {
            if (f.object.name == "slow") {
                return [&release, f]() -> std::optional<ComposeOriginFix> {
                    while (!release.load()) {
                        QThread::msleep(5);
                    }
                    ComposeOriginFix stale;
                    stale.file = "/srv/stale/compose.yaml";
                    stale.originalText = "services: {}\n";
                    stale.fixedText = "services:\n  stale: {}\n";
                    return stale;
                };
            }
            return {}; // the next finding's container has no compose file
        });
        Finding slow = containerFinding();
        slow.object.name = "slow";
        panel.showFinding(&slow);
        QTabWidget* tabs = tabsOf(panel);
        QVERIFY(tabs->isTabVisible(composeFileTab(tabs)));
        const Finding other = containerFinding();
        panel.showFinding(&other); // the GUI is not held up by the slow read
        QVERIFY(!tabs->isTabVisible(composeFileTab(tabs)));
        release = true;
        QTest::qWait(200);
        QVERIFY(!tabs->isTabVisible(composeFileTab(tabs)));
        QVERIFY(!panel.findChild<CommandView*>(QStringLiteral("composeFileView"))->text().contains("stale"));
    }

    void otherFindingsShowNoComposeFileTab_data()
    {
        QTest::addColumn<bool>("emptyJob");
        QTest::newRow("no compose labels: no job") << true;
        QTest::newRow("labels but no readable compose file: the job finds nothing") << false;
    }

    void otherFindingsShowNoComposeFileTab()
    {
        QFETCH(bool, emptyJob);
        FindingDetailsPanel panel;
        panel.setComposeFileLookup([emptyJob](const Finding&) -> FindingDetailsPanel::ComposeFileJob {
            if (emptyJob) {
                return {};
            }
            return [] { return std::optional<ComposeOriginFix>(); };
        });
        const Finding f = containerFinding();
        panel.showFinding(&f);
        QTRY_VERIFY(!tabsOf(panel)->isTabVisible(composeFileTab(tabsOf(panel))));
    }
};

QTEST_MAIN(TestFindingDetailsPanel)
#include "TestFindingDetailsPanel.moc"
