#pragma once
#include "core/cis/CisBenchmark.h"
#include "core/findings/Finding.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <memory>
#include <vector>

namespace drydock::ui {

// Builds the case-folded search text of a whole findings list on a worker thread and hands it back on the
// GUI thread, so the first text filter over 50,000 findings compares strings instead of first assembling
// them while the user types.
class SearchTextBuilder : public QObject
{
    Q_OBJECT
public:
    using Texts = std::vector<QString>;

    explicit SearchTextBuilder(QObject* parent = nullptr);
    ~SearchTextBuilder() override;
    // What a text filter searches in one finding: rule, object, title, evidence and CIS id (as version
    // numbers it), case-folded.
    static QString searchTextOf(const Finding& finding, CisVersion version = kDefaultCisVersion);
    // Builds the texts of findings, in their order; built() carries the same ticket back.
    void build(std::shared_ptr<const std::vector<Finding>> findings, quint64 ticket,
               CisVersion version = kDefaultCisVersion);
    // The same for rows held one by one (a model's rows after live updates, pointing into several lists).
    void build(std::vector<std::shared_ptr<const Finding>> rows, quint64 ticket, CisVersion version);

signals:
    void built(quint64 ticket, const std::shared_ptr<drydock::ui::SearchTextBuilder::Texts>& texts);

private:
    QThreadPool m_pool; // not Qt's global pool, which Qt 6 also paints with (see HistoryController)
};

} // namespace drydock::ui
