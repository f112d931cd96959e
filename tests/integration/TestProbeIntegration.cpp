#include "tests/support/DockerQueries.h"
#include "tests/support/ProbeContainers.h"
#include "tests/support/TestSupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;
using drydock::test::containerNames;
using drydock::test::inspectField;
using drydock::test::ProbeContainerSpec;

namespace {

// The choices of each container's plan as `drydock harden NAME --format json` gave them before the probe
// existed (commit e60baa3, its contract only): the probe must not change the plan of anyone who does not ask
// for it. One deliberate change since: the worker's tmpfs is the deepest written directory (/var/cache/app, not
// /var/cache, whose tmpfs hid the image's /var/cache/app and broke the worker).
const QMap<QString, QString>& choicesBeforeTheProbe(const QString& key)
{
    static const QMap<QString, QMap<QString, QString>> table = [] {
        const auto choices = [](const QString& apply, const QString& skip) {
            QMap<QString, QString> map;
            for (const auto& id : apply.split(QLatin1Char(' '))) {
                map.insert(id, QStringLiteral("apply"));
            }
            for (const auto& id : skip.split(QLatin1Char(' '))) {
                map.insert(id, QStringLiteral("skip"));
            }
            return map;
        };
        const QString common =
            QStringLiteral("IMG-001 IMG-006 CTR-001 CTR-004 read-only CTR-009 RUN-005 RUN-006 "
                           "RUN-009 RUN-008 RUN-015");
        const QString commonSkip = QStringLiteral("CTR-024 CTR-025 RUN-013 NET-002");
        const QString noHealthCheck = QStringLiteral(" RUN-012");
        return QMap<QString, QMap<QString, QString>>{
            {QStringLiteral("web"), choices(common + QStringLiteral(" CTR-019"),
                                            commonSkip + QStringLiteral(" CTR-003:CAP_SYS_ADMIN"))},
            {QStringLiteral("worker"),
             choices(common + QStringLiteral(" IMG-002 tmpfs:/var/cache/app"),
                     commonSkip + noHealthCheck + QStringLiteral(" CTR-003:CAP_NET_ADMIN"))},
            {QStringLiteral("switcher"),
             choices(common + QStringLiteral(" IMG-002"),
                     commonSkip + noHealthCheck + QStringLiteral(" CTR-003:CAP_SYS_PTRACE"))},
            {QStringLiteral("chowner"),
             choices(common + QStringLiteral(" IMG-002"),
                     commonSkip + noHealthCheck + QStringLiteral(" CTR-003:CAP_SYS_ADMIN"))},
            {QStringLiteral("rootonly"), choices(common + QStringLiteral(" IMG-002"),
                                                 commonSkip + noHealthCheck + QStringLiteral(" CTR-006"))},
        };
    }();
    static const QMap<QString, QString> none;
    const auto it = table.constFind(key);
    return it == table.constEnd() ? none : *it;
}

// "CAP_CHOWN", "chown" and "CHOWN" are one capability.
QString capabilityName(QString text)
{
    text = text.trimmed().toUpper();
    return text.startsWith(QStringLiteral("CAP_")) ? text.mid(4) : text;
}

QSet<QString> capabilitySet(const QStringList& list)
{
    QSet<QString> set;
    for (const auto& c : list) {
        set.insert(capabilityName(c));
    }
    return set;
}

QStringList jsonStrings(const QString& json)
{
    QStringList out;
    for (const auto& v : QJsonDocument::fromJson(json.toUtf8()).array()) {
        out << v.toString();
    }
    return out;
}

QStringList strings(const QJsonValue& array)
{
    QStringList out;
    for (const auto& v : array.toArray()) {
        out << v.toString();
    }
    return out;
}

// The probe's verdict on one change in `drydock harden --probe --format json`; empty when it has none.
QJsonObject verdictFor(const QJsonObject& probe, const QString& changeId)
{
    for (const auto& v : probe.value(QStringLiteral("verdicts")).toArray()) {
        if (v.toObject().value(QStringLiteral("changeId")).toString() == changeId) {
            return v.toObject();
        }
    }
    return {};
}

bool tolerated(const QJsonObject& verdict)
{
    return verdict.value(QStringLiteral("tolerated")).toBool();
}

// Every verdict in one line each, for failure messages.
QString describe(const QJsonObject& probe)
{
    const QJsonObject b = probe.value(QStringLiteral("baseline")).toObject();
    QString text =
        QStringLiteral("baseline: %1 %2, written %3")
            .arg(b.value(QStringLiteral("state")).toString(), b.value(QStringLiteral("health")).toString(),
                 strings(b.value(QStringLiteral("writtenPaths"))).join(QLatin1Char(',')));
    for (const auto& value : probe.value(QStringLiteral("verdicts")).toArray()) {
        const QJsonObject v = value.toObject();
        text += QStringLiteral("\n  ") + v.value(QStringLiteral("changeId")).toString() +
                (tolerated(v) ? QStringLiteral(" tolerated: ") : QStringLiteral(" broke: ")) +
                v.value(QStringLiteral("evidence")).toString();
        const QStringList added = strings(v.value(QStringLiteral("addedBack")));
        if (!added.isEmpty()) {
            text += QStringLiteral(" [added back ") + added.join(QLatin1Char(',')) + QLatin1Char(']');
        }
        const QStringList tmpfs = strings(v.value(QStringLiteral("tmpfsDirectories")));
        if (!tmpfs.isEmpty()) {
            text += QStringLiteral(" [tmpfs ") + tmpfs.join(QLatin1Char(',')) + QLatin1Char(']');
        }
    }
    const QJsonObject combined = probe.value(QStringLiteral("combined")).toObject();
    text += QStringLiteral("\n  combined: ") + (combined.isEmpty()
                                                    ? QStringLiteral("not run")
                                                    : combined.value(QStringLiteral("evidence")).toString());
    return text;
}

// The container's high and critical findings in a fresh `drydock scan --format json`.
QStringList highFindings(const QString& name, QString* error)
{
    QString out;
    QString err;
    const int code = test::drydock({QStringLiteral("scan"), QStringLiteral("--host"),
                                    QStringLiteral("unix://") + test::privateDaemonSocket(),
                                    QStringLiteral("--format"), QStringLiteral("json")},
                                   &out, &err);
    if (code != 0 && code != 1) {
        *error = QStringLiteral("drydock scan exited %1: %2").arg(code).arg(err);
        return {};
    }
    const QJsonObject doc = QJsonDocument::fromJson(out.toUtf8()).object();
    const auto names = test::scanJsonObjectNames(doc);
    QStringList rules;
    for (const auto& v : doc.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject f = v.toObject();
        const QString severity = f.value(QStringLiteral("severity")).toString();
        if (names.value(f.value(QStringLiteral("objectRef")).toString()) == name &&
            (severity == QLatin1String("high") || severity == QLatin1String("critical"))) {
            rules << f.value(QStringLiteral("ruleId")).toString();
        }
    }
    rules.sort();
    return rules;
}

QStringList trialNames()
{
    QStringList trials;
    for (const auto& n : containerNames()) {
        if (n.contains(QStringLiteral("-drydock-trial-"))) {
            trials << n;
        }
    }
    return trials;
}

} // namespace

// The least-privilege probe end to end on the private daemon, on the five test containers of issue #22: it
// finds each one's real needs, `drydock harden NAME --probe --apply --yes` keeps every one up and healthy
// with the risks it can live without gone, and the plan without --probe stays as it was.
class TestProbeIntegration : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_historyDir;           // Drydock refuses a history folder others may write to (/tmp)
    QMap<QString, QString> m_names;       // spec key -> container name
    QMap<QString, QJsonObject> m_applied; // spec key -> `harden --probe --apply --yes --format json`

    QString host() const { return QStringLiteral("unix://") + test::privateDaemonSocket(); }

    static void addRows()
    {
        QTest::addColumn<QString>("key");
        for (const auto& spec : test::probeContainers()) {
            QTest::newRow(qPrintable(spec.description)) << spec.key;
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!test::privateDaemonSocket().isEmpty(),
                 "the private dockerd is not running: run through ctest");
        QVERIFY(m_historyDir.isValid());
        for (const auto& spec : test::probeContainers()) {
            QString error;
            QVERIFY2(test::buildProbeImage(spec, &error), qPrintable(error));
            const QString name = test::uniqueName(QStringLiteral("probe-") + spec.key);
            QVERIFY2(test::runProbeContainer(spec, name, {}, &error), qPrintable(error));
            m_names.insert(spec.key, name);
        }
        for (const auto& spec : test::probeContainers()) {
            const auto state = test::waitUntilSettled(m_names.value(spec.key), spec.healthCheck);
            QVERIFY2(state.running && (!spec.healthCheck || state.health == QLatin1String("healthy")),
                     qPrintable(spec.key + QStringLiteral(": ") + state.summary()));
        }
    }

    void cleanupTestCase()
    {
        const QStringList all = containerNames();
        for (const auto& name : m_names) {
            for (const auto& n : all) {
                if (n == name || n.startsWith(name + QStringLiteral("-drydock-"))) {
                    test::docker({QStringLiteral("rm"), QStringLiteral("-f"), n});
                }
            }
        }
    }

    void thePlanWithoutTheProbeIsTodays_data() { addRows(); }
    void thePlanWithoutTheProbeIsTodays()
    {
        QFETCH(QString, key);
        QString out;
        QString err;
        QCOMPARE(test::drydock({QStringLiteral("harden"), m_names.value(key), QStringLiteral("--host"),
                                host(), QStringLiteral("--format"), QStringLiteral("json")},
                               &out, &err),
                 0);
        const QJsonObject plan = QJsonDocument::fromJson(out.toUtf8()).object();
        QMap<QString, QString> choices;
        for (const auto& v : plan.value(QStringLiteral("changes")).toArray()) {
            const QJsonObject c = v.toObject();
            choices.insert(c.value(QStringLiteral("id")).toString(),
                           c.value(QStringLiteral("choice")).toString());
            QCOMPARE(c.value(QStringLiteral("default")).toString(),
                     c.value(QStringLiteral("choice")).toString());
            QVERIFY2(
                !c.value(QStringLiteral("title")).toString().contains(QStringLiteral("verified by trial")),
                qPrintable(c.value(QStringLiteral("title")).toString()));
        }
        QCOMPARE(choices, choicesBeforeTheProbe(key));
        QVERIFY(plan.value(QStringLiteral("probe")).isNull());
        QVERIFY(trialNames().isEmpty());
    }

    // One run of the real binary per container: probe, then apply what the probe verified. The rows after
    // this one read what it printed and what it left on the daemon.
    void theProbedPlanIsApplied_data() { addRows(); }
    void theProbedPlanIsApplied()
    {
        QFETCH(QString, key);
        const ProbeContainerSpec& spec = test::probeContainer(key);
        QString out;
        QString err;
        QElapsedTimer timer;
        timer.start();
        const int code =
            test::drydock({QStringLiteral("harden"), m_names.value(key), QStringLiteral("--host"), host(),
                           QStringLiteral("--probe"), QStringLiteral("--apply"), QStringLiteral("--yes"),
                           QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--db"),
                           m_historyDir.filePath(key + QStringLiteral(".db"))},
                          &out, &err);
        const QJsonObject result = QJsonDocument::fromJson(out.toUtf8()).object();
        m_applied.insert(key, result);
        const QJsonObject probe = result.value(QStringLiteral("probe")).toObject();
        qInfo("probe of %s: %.1f s, %d trials; probe and apply took %.1f s", qPrintable(spec.description),
              probe.value(QStringLiteral("seconds")).toDouble(),
              probe.value(QStringLiteral("trials")).toInt(), static_cast<double>(timer.elapsed()) / 1000.0);
        QVERIFY2(code == 0, qPrintable(QStringLiteral("exit %1\n").arg(code) + err));
        QVERIFY2(result.value(QStringLiteral("apply")).toObject().value(QStringLiteral("applied")).toBool(),
                 qPrintable(err));
        QVERIFY2(trialNames().isEmpty(), qPrintable(trialNames().join(QLatin1Char(' '))));
    }

    void theProbeFindsExactlyWhatEachContainerNeeds_data() { addRows(); }
    void theProbeFindsExactlyWhatEachContainerNeeds()
    {
        QFETCH(QString, key);
        const ProbeContainerSpec& spec = test::probeContainer(key);
        QVERIFY2(m_applied.contains(key), "the probe did not run");
        const QJsonObject probe = m_applied.value(key).value(QStringLiteral("probe")).toObject();
        QVERIFY2(!probe.isEmpty(), "no probe in the output");
        const QString verdicts = describe(probe);
        const QJsonObject baseline = probe.value(QStringLiteral("baseline")).toObject();
        QVERIFY2(baseline.value(QStringLiteral("running")).toBool(), qPrintable(verdicts));
        if (spec.healthCheck) {
            QCOMPARE(baseline.value(QStringLiteral("health")).toString(), QStringLiteral("healthy"));
        }

        // The risk it can live without: removing it is tolerated.
        QVERIFY2(tolerated(verdictFor(probe, spec.riskChangeId)), qPrintable(verdicts));

        // Every capability dropped but exactly the ones it uses.
        const QJsonObject dropAll = verdictFor(probe, QStringLiteral("CTR-004"));
        QVERIFY2(tolerated(dropAll), qPrintable(verdicts));
        QCOMPARE(capabilitySet(strings(dropAll.value(QStringLiteral("addedBack")))),
                 capabilitySet(spec.capabilities));

        // Root only where it needs root, and then the trial's evidence is the permission error it logged.
        const QJsonObject nonRoot = verdictFor(probe, QStringLiteral("CTR-001"));
        QVERIFY2(!nonRoot.isEmpty() && tolerated(nonRoot) == !spec.needsRoot, qPrintable(verdicts));
        if (spec.needsRoot) {
            bool named = false;
            for (const auto& b : spec.breakingRuns) {
                if (b.flags.contains(QStringLiteral("--user"))) {
                    const QString word = b.logLine.contains(QStringLiteral("Permission denied"))
                                             ? QStringLiteral("Permission denied")
                                             : QStringLiteral("Operation not permitted");
                    named = nonRoot.value(QStringLiteral("evidence")).toString().contains(word);
                }
            }
            QVERIFY2(named, qPrintable(verdicts));
        }

        // A read-only root with a tmpfs where it writes (besides the read-only change's own /tmp).
        const QJsonObject readOnly = verdictFor(probe, QStringLiteral("read-only"));
        QVERIFY2(tolerated(readOnly), qPrintable(verdicts));
        QStringList tmpfs = strings(readOnly.value(QStringLiteral("tmpfsDirectories")));
        for (const auto& value : probe.value(QStringLiteral("verdicts")).toArray()) {
            const QString id = value.toObject().value(QStringLiteral("changeId")).toString();
            if (id.startsWith(QStringLiteral("tmpfs:")) && tolerated(value.toObject())) {
                tmpfs << id.mid(6);
            }
        }
        tmpfs.removeAll(QStringLiteral("/tmp"));
        tmpfs.removeDuplicates();
        tmpfs.sort();
        QCOMPARE(tmpfs, spec.tmpfsDirectories);

        // No new privileges, and all the tolerated changes at once behave like the container.
        QVERIFY2(tolerated(verdictFor(probe, QStringLiteral("RUN-005"))), qPrintable(verdicts));
        QVERIFY2(probe.value(QStringLiteral("combined"))
                     .toObject()
                     .value(QStringLiteral("sameBehaviour"))
                     .toBool(),
                 qPrintable(verdicts));

        // The plan it applied follows: verified changes marked so, the broken ones skipped.
        for (const auto& value : m_applied.value(key).value(QStringLiteral("changes")).toArray()) {
            const QJsonObject c = value.toObject();
            const QJsonObject v = verdictFor(probe, c.value(QStringLiteral("id")).toString());
            if (!v.isEmpty()) {
                QCOMPARE(c.value(QStringLiteral("choice")).toString(),
                         tolerated(v) ? QStringLiteral("apply") : QStringLiteral("skip"));
                QCOMPARE(c.value(QStringLiteral("title"))
                             .toString()
                             .endsWith(QStringLiteral("(verified by trial)")),
                         tolerated(v));
            }
        }
    }

    void eachContainerStaysUpWithoutTheRisksItCanLiveWithout_data() { addRows(); }
    void eachContainerStaysUpWithoutTheRisksItCanLiveWithout()
    {
        QFETCH(QString, key);
        const ProbeContainerSpec& spec = test::probeContainer(key);
        const QString name = m_names.value(key);
        QVERIFY2(m_applied.contains(key), "the probe did not run");

        // Up and healthy under its own name, as the hardened container.
        const auto state = test::waitUntilSettled(name, spec.healthCheck, 6000);
        QVERIFY2(state.running, qPrintable(state.summary()));
        QCOMPARE(state.restartCount, 0);
        if (spec.healthCheck) {
            QVERIFY2(state.health == QLatin1String("healthy"), qPrintable(state.summary()));
        }
        QVERIFY2(!state.logs.contains(QStringLiteral("not permitted")) &&
                     !state.logs.contains(QStringLiteral("denied")) &&
                     !state.logs.contains(QStringLiteral("Read-only")),
                 qPrintable(state.summary()));

        // Its high and critical findings are gone but for root where it needs root.
        QString error;
        const QStringList open = highFindings(name, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(open, spec.needsRoot ? QStringList{QStringLiteral("CTR-001")} : QStringList{});

        // Exactly the capabilities it uses, a read-only root with tmpfs where it writes, no new privileges,
        // and root only when it needs root.
        QVERIFY(jsonStrings(inspectField(name, QStringLiteral("{{json .HostConfig.CapDrop}}")))
                    .contains(QStringLiteral("ALL")));
        QCOMPARE(
            capabilitySet(jsonStrings(inspectField(name, QStringLiteral("{{json .HostConfig.CapAdd}}")))),
            capabilitySet(spec.capabilities));
        QVERIFY(inspectField(name, QStringLiteral("{{json .HostConfig.SecurityOpt}}"))
                    .contains(QStringLiteral("no-new-privileges")));
        const QString user = inspectField(name, QStringLiteral("{{.Config.User}}"));
        const bool root =
            user.isEmpty() || user.startsWith(QLatin1Char('0')) || user.startsWith(QStringLiteral("root"));
        QVERIFY2(root == spec.needsRoot, qPrintable(user));
        QCOMPARE(inspectField(name, QStringLiteral("{{.HostConfig.ReadonlyRootfs}}")),
                 QStringLiteral("true"));
        const QString tmpfs = inspectField(name, QStringLiteral("{{json .HostConfig.Tmpfs}}"));
        for (const auto& dir : spec.tmpfsDirectories) {
            QVERIFY2(tmpfs.contains(QLatin1Char('"') + dir + QLatin1Char('"')), qPrintable(tmpfs));
        }
    }
};

QTEST_GUILESS_MAIN(TestProbeIntegration)
#include "TestProbeIntegration.moc"
