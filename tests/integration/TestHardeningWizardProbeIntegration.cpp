#include "core/rules/RuleCatalogue.h"
#include "core/store/HistoryStore.h"
#include "tests/support/DockerQueries.h"
#include "tests/support/TestSupport.h"
#include "ui/wizard/HardeningWizard.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;
using namespace drydock::ui;

// "Find what it tolerates" with the wizard's own trial runner (TrialBatches on its own connection, made on
// the worker) against the private daemon: verdicts arrive, the history records the probe's steps, and no
// trial container is left behind, and the history records the probe's steps and verdicts.
class TestHardeningWizardProbeIntegration : public QObject
{
    Q_OBJECT

private:
    QStringList m_made;
    const RuleCatalogue m_catalogue = RuleCatalogue::builtIn();

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(test::connectPrivateDaemon() != nullptr);
    }

    void cleanup()
    {
        for (const auto& n : m_made) {
            test::docker({QStringLiteral("rm"), QStringLiteral("-f"), n});
        }
        m_made.clear();
    }

    void aWebServerWithAnAddedCapabilityIsProbedAndNothingIsLeftBehind()
    {
        const QString name = test::uniqueName(QStringLiteral("wizprobe-web"));
        m_made << name;
        QCOMPARE(test::docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), name,
                               QStringLiteral("--cap-add"), QStringLiteral("SYS_ADMIN"),
                               QStringLiteral("drydock-test/busybox:1"), QStringLiteral("httpd"),
                               QStringLiteral("-f"), QStringLiteral("-p"), QStringLiteral("8080")}),
                 0);
        QTemporaryDir dir;
        HardeningWizardServices s;
        s.endpoint = test::privateDaemonEndpoint();
        s.catalogue = &m_catalogue;
        s.databasePath = dir.filePath(QStringLiteral("history.db"));
        s.watchSeconds = 2;
        HardeningWizard wizard(std::move(s), name);
        QSignalSpy loaded(&wizard, &HardeningWizard::planLoaded);
        wizard.show();
        wizard.loadPlan();
        QVERIFY(loaded.wait(60000));
        QVERIFY(wizard.plan().find("CTR-003:CAP_SYS_ADMIN") != nullptr);

        QSignalSpy finished(&wizard, &HardeningWizard::probeFinished);
        auto* button = wizard.findChild<QPushButton*>(QStringLiteral("probeButton"));
        QVERIFY(button != nullptr && button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(wizard.isProbing());
        QVERIFY(finished.wait(180000));

        const QString summary = wizard.probeSummaryText();
        QVERIFY2(summary.contains(QStringLiteral(" trials in ")), qPrintable(summary));
        // httpd on 8080 never needs SYS_ADMIN: dropping it is verified by its trial.
        const HardeningChange* sysAdmin = wizard.plan().find("CTR-003:CAP_SYS_ADMIN");
        QCOMPARE(sysAdmin->trial, TrialVerdict::Tolerated);
        QCOMPARE(sysAdmin->choice, ChangeChoice::Apply);
        QVERIFY(!sysAdmin->trialEvidence.empty());

        const QStringList left = test::containerNames().filter(QStringLiteral("-drydock-trial-"));
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QStringLiteral(", "))));
        QCOMPARE(test::inspectField(name, QStringLiteral("{{.State.Running}}")), QStringLiteral("true"));

        auto store = HistoryStore::open(dir.filePath(QStringLiteral("history.db")).toStdString());
        QVERIFY(store);
        auto actions = store.value()->actions().list(name.toStdString());
        QVERIFY(actions);
        QVERIFY(std::any_of(actions->begin(), actions->end(),
                            [](const ActionRecord& a) { return a.step.rfind("probe: ", 0) == 0; }));
        // Its verdicts too, as drydock harden --probe records them.
        const auto step = [&actions](const std::string& wanted) {
            return std::find_if(actions->begin(), actions->end(),
                                [&wanted](const ActionRecord& a) { return a.step == wanted; });
        };
        const auto verdict = step("probe: CTR-003:CAP_SYS_ADMIN");
        QVERIFY(verdict != actions->end());
        QCOMPARE(verdict->outcome, std::string("tolerated"));
        QCOMPARE(verdict->details, sysAdmin->trialEvidence);
        QVERIFY(step("probe: done") != actions->end());
    }
};

QTEST_MAIN(TestHardeningWizardProbeIntegration)
#include "TestHardeningWizardProbeIntegration.moc"
