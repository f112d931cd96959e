// FindingDetailsPanel: a finding on a container docker compose created shows the fix in its compose file, with
// secret values masked; other findings show no such tab.
#include "ui/panels/FindingDetailsPanel.h"
#include "ui/widgets/CommandView.h"

#include <QTabWidget>
#include <QTest>

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

} // namespace

class TestFindingDetailsPanel : public QObject
{
    Q_OBJECT

private slots:
    void aComposeContainerShowsItsComposeFileFixMasked()
    {
        FindingDetailsPanel panel;
        panel.setComposeFileLookup([](const Finding& f) -> std::optional<ComposeOriginFix> {
            Container c;
            c.id = f.object.id;
            c.config.labels = {{"com.docker.compose.project", "shop"},
                               {"com.docker.compose.service", "web"},
                               {"com.docker.compose.project.config_files", "/srv/shop/compose.yaml"}};
            return composeFixForContainer(c, f.remediation.edits,
                                          [](const std::string&) -> Result<std::string> { return std::string(kCompose); });
        });
        const Finding f = containerFinding();
        panel.showFinding(&f);
        QTabWidget* tabs = tabsOf(panel);
        const int tab = composeFileTab(tabs);
        QVERIFY(tab >= 0);
        QVERIFY(tabs->isTabVisible(tab));
        const QString text = panel.findChild<CommandView*>(QStringLiteral("composeFileView"))->text();
        QVERIFY2(text.contains(QStringLiteral("+      DB_PASSWORD_FILE: /run/secrets/db_password")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("docker compose up")));
        QVERIFY2(!text.contains(QStringLiteral("Tr0ub4dor")), "the secret value is shown in clear");

        panel.showFinding(nullptr);
        QVERIFY(!tabs->isTabVisible(tab));
    }

    void otherFindingsShowNoComposeFileTab()
    {
        FindingDetailsPanel panel;
        panel.setComposeFileLookup([](const Finding&) { return std::optional<ComposeOriginFix>(); });
        const Finding f = containerFinding();
        panel.showFinding(&f);
        QVERIFY(!tabsOf(panel)->isTabVisible(composeFileTab(tabsOf(panel))));
    }
};

QTEST_MAIN(TestFindingDetailsPanel)
#include "TestFindingDetailsPanel.moc"
